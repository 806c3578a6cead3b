using Payouts.Application.Common;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;

namespace Payouts.Application.Balances.Commands.CreditBalance;

internal sealed class CreditBalanceCommandValidator : IValidator<CreditBalanceCommand>
{
    private const int MaxReferenceLength = 255;

    public Error? Validate(CreditBalanceCommand command)
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

        if (!Currency.From(command.Currency).IsSuccess)
        {
            violations.Add(new FieldViolation("currency", "must be an active ISO 4217 code"));
        }

        if (string.IsNullOrWhiteSpace(command.Reference) || command.Reference.Length > MaxReferenceLength)
        {
            violations.Add(new FieldViolation("reference", $"is required, at most {MaxReferenceLength} characters"));
        }

        return violations.Count == 0
            ? null
            : Error.Validation("balance.invalid_credit", $"Invalid credit: {string.Join(", ", violations.Select(v => v.Field))}", [.. violations]);
    }
}
