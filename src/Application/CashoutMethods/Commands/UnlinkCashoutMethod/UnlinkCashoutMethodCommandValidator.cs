using Payouts.Application.Common;
using Payouts.Domain.Common;

namespace Payouts.Application.CashoutMethods.Commands.UnlinkCashoutMethod;

/// <summary>Seed 000's unlink errors, with its exact messages.</summary>
internal sealed class UnlinkCashoutMethodCommandValidator : IValidator<UnlinkCashoutMethodCommand>
{
    public Error? Validate(UnlinkCashoutMethodCommand command) => command.Provider switch
    {
        "" => Error.Validation("unlink.missing_provider", "Missing required parameter: provider", new FieldViolation("provider", "is required")),
        "payoneer" => null,
        _ => Error.Validation("unlink.invalid_provider", "Invalid provider", new FieldViolation("provider", "only \"payoneer\" can be unlinked")),
    };
}
