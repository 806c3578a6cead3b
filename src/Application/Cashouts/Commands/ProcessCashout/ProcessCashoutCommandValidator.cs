using Payouts.Application.Common;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Application.Cashouts.Commands.ProcessCashout;

/// <summary>The request rules of seed 000, with its exact messages; a valid request's amount parses into Money.</summary>
internal sealed class ProcessCashoutCommandValidator(CashoutPolicy policy) : IValidator<ProcessCashoutCommand, Money>
{
    public Result<Money> Parse(ProcessCashoutCommand command)
    {
        if (string.IsNullOrEmpty(command.Type) || command.Amount is not { } amount)
        {
            return Missing(command);
        }

        if (ValidateProvider(command) is { } invalidProvider)
        {
            return invalidProvider;
        }

        // No currency means the balance's own (the default, checked when the service starts).
        var currency = Currency.From(command.Currency.Length > 0 ? command.Currency : policy.DefaultCurrency);
        if (!currency.IsSuccess)
        {
            return Error.Validation("cashout.invalid_currency", "Invalid currency", new FieldViolation("currency", "must be an active ISO 4217 code"));
        }

        return ValidateAmount(amount, command.EffectiveProvider) is { } invalidAmount ? invalidAmount : Money.FromMinor(amount, currency.Value);
    }

    private static Error Missing(ProcessCashoutCommand command)
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

        return Error.Validation("cashout.missing_parameters", "Missing required parameters: type and amount", [.. missing]);
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

    private Error? ValidateAmount(long amount, string provider)
    {
        var limits = policy.Providers[provider];
        return amount > 0 && limits.Allows(amount)
            ? null
            : Error.Validation("cashout.invalid_amount", "Invalid amount",
                new FieldViolation("amount", $"must be between {limits.Minimum} and {limits.Maximum} minor units for {provider}"));
    }
}
