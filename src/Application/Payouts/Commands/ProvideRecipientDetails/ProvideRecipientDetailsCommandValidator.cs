using Payouts.Application.Common;
using Payouts.Application.Common.Providers;
using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts.Destinations;
using static Payouts.Application.Common.OptionalText;

namespace Payouts.Application.Payouts.Commands.ProvideRecipientDetails;

/// <summary>
/// Field-level checks, each violation naming the form field (seed 003's names), so the page can show it next
/// to its input. Only the chosen method's fields are checked, so a half-filled other section never blocks the
/// recipient. The token is checked by the handler: a bad token is "not found", not a field error. Valid details
/// parse into the chosen method and its recipient, built from that method's fields only.
/// </summary>
internal sealed class ProvideRecipientDetailsCommandValidator : IValidator<ProvideRecipientDetailsCommand, ChosenRecipient>
{
    public const string MethodField = "method";
    public const string CountryField = "country";
    public const string EmailField = "email";

    public Result<ChosenRecipient> Parse(ProvideRecipientDetailsCommand command)
    {
        var method = RecipientMethods.Find(command.Method);
        if (method is null)
        {
            return Invalid([new FieldViolation(MethodField, "Choose how you want to be paid.")]);
        }

        var violations = method == RecipientMethods.PayPalEmail ? PayPalViolations(command)
            : method == RecipientMethods.PeruvianBankAccount ? BankAccountViolations(command)
            : throw new InvalidOperationException($"No checks for the form method '{method.Id}'.");
        return violations.Count == 0 ? new ChosenRecipient(method, RecipientOf(method, command)) : Invalid(violations);
    }

    private static PayoutRecipient RecipientOf(RecipientMethod method, ProvideRecipientDetailsCommand command) =>
        method == RecipientMethods.PayPalEmail
            ? new EmailAddress(command.Email)
            : new PeruvianBankAccount(
                command.DocumentType, command.DocumentId, command.BeneficiaryName,
                NullIfEmpty(command.BeneficiaryLastName), command.BankAccount, command.AccountType, command.Country);

    private static List<FieldViolation> PayPalViolations(ProvideRecipientDetailsCommand command)
    {
        if (command.Email.Length == 0)
        {
            return [new FieldViolation(EmailField, "Enter your PayPal e-mail address.")];
        }

        return PayPalEmailRules.IsValid(command.Email)
            ? []
            : [new FieldViolation(EmailField, $"Enter one e-mail address, like name@example.com, of at most {PayPalEmailRules.MaxLength} characters.")];
    }

    private static List<FieldViolation> BankAccountViolations(ProvideRecipientDetailsCommand command)
    {
        var violations = new List<FieldViolation>();
        if (command.Country != PeruvianBankAccountRules.Country)
        {
            violations.Add(new FieldViolation(CountryField, "The account must be in Peru."));
        }

        violations.AddRange(PeruvianBankAccountRules.Validate(
            command.DocumentType, command.DocumentId, command.BeneficiaryName, NullIfEmpty(command.BeneficiaryLastName), command.BankAccount, command.AccountType));
        return violations;
    }

    private static Error Invalid(IReadOnlyList<FieldViolation> violations) =>
        Error.Validation("hosted_form.invalid_details", "Some details need correcting.", [.. violations]);
}

/// <summary>The recipient's choice on the hosted form, parsed: the method, and the recipient its fields describe.</summary>
internal sealed record ChosenRecipient(RecipientMethod Method, PayoutRecipient Recipient);
