using Payouts.Application.Common;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts.Destinations;

namespace Payouts.Application.Payouts.Commands.ProvideRecipientDetails;

/// <summary>
/// Field-level checks, each violation naming the form field (seed 003's names), so the page can show it next
/// to its input. The token is checked by the handler: a bad token is "not found", not a field error.
/// </summary>
internal sealed class ProvideRecipientDetailsCommandValidator : IValidator<ProvideRecipientDetailsCommand>
{
    public const string MethodField = "method";
    public const string CountryField = "country";

    public Error? Validate(ProvideRecipientDetailsCommand command)
    {
        if (RecipientMethods.Find(command.Method) is null)
        {
            return Invalid([new FieldViolation(MethodField, "Choose how you want to be paid.")]);
        }

        var violations = new List<FieldViolation>();
        if (command.Country != PeruvianBankAccountRules.Country)
        {
            violations.Add(new FieldViolation(CountryField, "The account must be in Peru."));
        }

        violations.AddRange(PeruvianBankAccountRules.Validate(
            command.DocumentType, command.DocumentId, command.BeneficiaryName, NullIfEmpty(command.BeneficiaryLastName), command.BankAccount, command.AccountType));
        return violations.Count == 0 ? null : Invalid(violations);
    }

    private static Error Invalid(IReadOnlyList<FieldViolation> violations) =>
        Error.Validation("hosted_form.invalid_details", "Some details need correcting.", [.. violations]);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
