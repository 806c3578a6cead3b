using Payouts.Application.Common;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Application.Cashouts.Commands.ProcessCashout;

/// <summary>The request rules of seed 000, with its exact messages.</summary>
internal sealed class ProcessCashoutCommandValidator(CashoutPolicy policy) : IValidator<ProcessCashoutCommand>
{
    public Error? Validate(ProcessCashoutCommand command)
    {
        var missing = new List<FieldViolation>();
        if (string.IsNullOrEmpty(command.Type))
        {
            missing.Add(new FieldViolation("type", "is required"));
        }

        if (command.Amount is null)
        {
            missing.Add(new FieldViolation("amount", "is required"));
        }

        if (missing.Count > 0)
        {
            return Error.Validation("cashout.missing_parameters", "Missing required parameters: type and amount", [.. missing]);
        }

        return ValidateProvider(command) ?? ValidateCurrency(command) ?? ValidateAmount(command.Amount!.Value, command.EffectiveProvider);
    }

    private Error? ValidateProvider(ProcessCashoutCommand command)
    {
        if (!policy.IsKnownProvider(command.Type))
        {
            return Error.Validation("cashout.invalid_type", "Invalid type",
                new FieldViolation("type", $"must be one of: {string.Join(", ", policy.Providers.Keys)}"));
        }

        return command.EffectiveProvider == command.Type
            ? null
            : Error.Validation("cashout.provider_mismatch", "Invalid provider",
                new FieldViolation("provider", $"must be empty or equal to type ('{command.Type}')"));
    }

    private static Error? ValidateCurrency(ProcessCashoutCommand command) =>
        command.Currency.Length == 0 || Currency.From(command.Currency).IsSuccess
            ? null
            : Error.Validation("cashout.invalid_currency", "Invalid currency", new FieldViolation("currency", "must be an active ISO 4217 code"));

    private Error? ValidateAmount(long amount, string provider)
    {
        var limits = policy.Providers[provider];
        return amount > 0 && limits.Allows(amount)
            ? null
            : Error.Validation("cashout.invalid_amount", "Invalid amount",
                new FieldViolation("amount", $"must be between {limits.Minimum} and {limits.Maximum} minor units for {provider}"));
    }
}
