using Payouts.Application.Common;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Application.Balances.Commands.CreditBalance;

/// <summary>A credit's rules; a valid credit's amount parses into Money.</summary>
internal sealed class CreditBalanceCommandValidator : IValidator<CreditBalanceCommand, Money>
{
    private const int MaxReferenceLength = 255;

    public Result<Money> Parse(CreditBalanceCommand command)
    {
        var violations = new List<FieldViolation>();
        if (string.IsNullOrWhiteSpace(command.UserId))
        {
            violations.Add(new FieldViolation("user_id", "is required"));
        }

        if (command.Amount <= 0)
        {
            violations.Add(new FieldViolation("amount", "must be greater than zero (minor units)"));
        }

        var currency = Currency.From(command.Currency);
        if (!currency.IsSuccess)
        {
            violations.Add(new FieldViolation("currency", "must be an active ISO 4217 code"));
        }

        if (string.IsNullOrWhiteSpace(command.Reference) || command.Reference.Length > MaxReferenceLength)
        {
            violations.Add(new FieldViolation("reference", $"is required, at most {MaxReferenceLength} characters"));
        }

        return violations.Count == 0
            ? Money.FromMinor(command.Amount, currency.Value)
            : Error.Validation("balance.invalid_credit", $"Invalid credit: {string.Join(", ", violations.Select(v => v.Field))}", [.. violations]);
    }
}
