using Payouts.Application.Common;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Cashouts.Commands.ProcessCashout;

/// <summary>The request rules of seed 000, with its exact messages; a valid request parses into its amount and provider.</summary>
internal sealed class ProcessCashoutCommandValidator(CashoutPolicy policy) : IValidator<ProcessCashoutCommand, ParsedCashout>
{
    public Result<ParsedCashout> Parse(ProcessCashoutCommand command)
    {
        if (string.IsNullOrEmpty(command.Type) || command.Amount is not { } amount)
        {
            return Missing(command);
        }

        var provider = ParseProvider(command);
        if (!provider.IsSuccess)
        {
            return provider.Error;
        }

        // No currency means the balance's own (the default, checked when the service starts).
        var currency = Currency.From(command.Currency.Length > 0 ? command.Currency : policy.DefaultCurrency);
        if (!currency.IsSuccess)
        {
            return Error.Validation("cashout.invalid_currency", "Invalid currency", new FieldViolation("currency", "must be an active ISO 4217 code"));
        }

        return ValidateAmount(amount, provider.Value) is { } invalidAmount
            ? invalidAmount
            : new ParsedCashout(Money.FromMinor(amount, currency.Value), provider.Value);
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

    /// <summary>The type names the method, and so its provider (ADR-002): one the policy knows, and the provider, if given, the same.</summary>
    private Result<Provider> ParseProvider(ProcessCashoutCommand command)
    {
        if (!ProviderNames.TryParse(command.Type, out var provider) || !policy.Providers.ContainsKey(provider))
        {
            return Error.Validation("cashout.invalid_type", "Invalid type",
                new FieldViolation("type", $"must be one of: {string.Join(", ", policy.Providers.Keys.Select(ProviderNames.Of))}"));
        }

        return command.EffectiveProvider == command.Type
            ? provider
            : Error.Validation("cashout.provider_mismatch", "Invalid provider",
                new FieldViolation("provider", $"must be empty or equal to type ('{command.Type}')"));
    }

    private Error? ValidateAmount(long amount, Provider provider)
    {
        var limits = policy.Providers[provider];
        return amount > 0 && limits.Allows(amount)
            ? null
            : Error.Validation("cashout.invalid_amount", "Invalid amount",
                new FieldViolation("amount", $"must be between {limits.Minimum} and {limits.Maximum} minor units for {ProviderNames.Of(provider)}"));
    }
}

/// <summary>What a valid ProcessCashout request parses into.</summary>
/// <param name="Provider">The provider that pays the method the request's type names.</param>
internal sealed record ParsedCashout(Money Amount, Provider Provider);
