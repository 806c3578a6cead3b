using Payouts.Application.Common;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods.Commands.UnlinkCashoutMethod;

/// <summary>Seed 000's unlink errors, with its exact messages.</summary>
internal sealed class UnlinkCashoutMethodCommandValidator : IValidator<UnlinkCashoutMethodCommand>
{
    /// <summary>Seed 000: "Currently only supports Payoneer."</summary>
    public const Provider Unlinkable = Provider.Payoneer;

    public Error? Validate(UnlinkCashoutMethodCommand command) => command.Provider switch
    {
        "" => Error.Validation("unlink.missing_provider", "Missing required parameter: provider", new FieldViolation("provider", "is required")),
        _ when ProviderNames.TryParse(command.Provider, out var provider) && provider == Unlinkable => null,
        _ => Error.Validation("unlink.invalid_provider", "Invalid provider", new FieldViolation("provider", $"only \"{ProviderNames.Of(Unlinkable)}\" can be unlinked")),
    };
}
