using Payouts.Application.Common;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;

namespace Payouts.Application.Merchants.Commands.CreateMerchantToken;

/// <summary>Creates a merchant token; the result is the only time the token itself is seen.</summary>
/// <param name="Mode">"test" or "live": part of the token, so a test token is recognisable at a glance.</param>
public sealed record CreateMerchantTokenCommand(string MerchantId, IReadOnlyList<string> Permissions, string Mode) : ICommand<CreatedMerchantToken>;

public sealed record CreatedMerchantToken(string Id, string Token);

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

internal sealed class CreateMerchantTokenCommandHandler(IUnitOfWork unitOfWork, TimeProvider clock) : ICommandHandler<CreateMerchantTokenCommand, CreatedMerchantToken>
{
    public async Task<Result<CreatedMerchantToken>> Handle(CreateMerchantTokenCommand command, CancellationToken cancellationToken)
    {
        var secret = MerchantToken.NewSecret(command.Mode);
        var token = new MerchantToken(
            "mt_" + Guid.NewGuid().ToString("N"), command.MerchantId, MerchantToken.HashOf(secret),
            new HashSet<string>(command.Permissions, StringComparer.Ordinal), clock.GetUtcNow(), null);
        var saved = await unitOfWork.ExecuteAsync(
            session =>
            {
                session.AddMerchantToken(token);
                return Result<bool>.Success(true);
            },
            cancellationToken);
        return saved.IsSuccess ? new CreatedMerchantToken(token.Id, secret) : saved.Error;
    }
}
