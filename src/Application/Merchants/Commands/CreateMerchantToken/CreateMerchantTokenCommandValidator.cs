using Payouts.Application.Common;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.CreateMerchantToken;

internal sealed class CreateMerchantTokenCommandValidator : IValidator<CreateMerchantTokenCommand>
{
    public Error? Validate(CreateMerchantTokenCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.MerchantId) || command.MerchantId.Length > 128)
        {
            return Error.Validation("merchant_token.invalid_merchant", "Invalid merchant", new FieldViolation("merchant", "is required, at most 128 characters"));
        }

        if (command.Permissions.FirstOrDefault(p => !MerchantToken.KnownPermissions.Contains(p)) is { } unknown)
        {
            return Error.Validation("merchant_token.invalid_permission", $"Unknown permission '{unknown}'",
                new FieldViolation("permission", $"must be one of: {string.Join(", ", MerchantToken.KnownPermissions)}"));
        }

        return command.Mode is "test" or "live"
            ? null
            : Error.Validation("merchant_token.invalid_mode", "Invalid mode", new FieldViolation("mode", "must be \"test\" or \"live\""));
    }
}
