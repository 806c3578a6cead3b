using Payouts.Application.Payouts.HostedForm;
using Payouts.Domain.Payouts.Destinations;

namespace Payouts.Api.HostedForm;

/// <summary>One input of a method's section: its form name (seed 003's), label, and how it is entered.</summary>
/// <param name="Options">For a select: value and text of each choice; null for a text input.</param>
/// <param name="InputMode">The phone keyboard to show (numeric for digit fields, email for an address).</param>
/// <param name="AutoComplete">What the browser may fill in; "off" for numbers it should not remember.</param>
public sealed record FormField(
    string Name, string Label, string? Hint, IReadOnlyList<(string Value, string Text)>? Options, string InputMode = "text", string AutoComplete = "off", bool Required = true);

/// <summary>The fields of one method, shown in their own fieldset: only read when the recipient chose that method.</summary>
/// <param name="MethodId">The <see cref="RecipientMethod.Id"/> these fields belong to.</param>
/// <param name="Legend">The fieldset's title.</param>
public sealed record FormSection(string MethodId, string Legend, IReadOnlyList<FormField> Fields);

/// <summary>The form's fields, in page order; the page, the POST reader and the tests all go by these names.</summary>
public static class HostedFormFields
{
    public const string Method = "method";

    public static readonly FormField Country = new("country", "Country of the account", null, [("PE", "Peru")]);

    public static readonly FormField DocumentType = new("document_type", "Identity document type", null,
        [("", "Choose…"), .. PeruvianBankAccountRules.DocumentTypes.Select(type => (type, DocumentName(type)))]);

    public static readonly FormField DocumentId = new(
        "document_id", "Document number", $"{PeruvianBankAccountRules.MinDocumentDigits} to {PeruvianBankAccountRules.MaxDocumentDigits} digits.", null, "numeric");

    public static readonly FormField BeneficiaryName = new("beneficiary_name", "First name(s)", null, null, AutoComplete: "given-name");

    public static readonly FormField BeneficiaryLastName = new("beneficiary_lastname", "Last name(s)", "Optional.", null, AutoComplete: "family-name", Required: false);

    public static readonly FormField BankAccount = new("bank_account", "Interbank account code (CCI)", $"{PeruvianBankAccountRules.CciLength} digits.", null, "numeric");

    public static readonly FormField AccountType = new("account_type", "Account type", null, [("", "Choose…"), ("C", "Checking"), ("S", "Savings")]);

    public static readonly FormField Email = new("email", "PayPal e-mail address", "The address you sign in to PayPal with.", null, "email", "email");

    public static readonly IReadOnlyList<FormField> BankAccountFields = [Country, DocumentType, DocumentId, BeneficiaryName, BeneficiaryLastName, BankAccount, AccountType];

    public static readonly IReadOnlyList<FormField> PayPalFields = [Email];

    /// <summary>One section per method, in page order. Without script every section is shown; each says which choice it is for.</summary>
    public static readonly IReadOnlyList<FormSection> Sections =
    [
        new(RecipientMethods.PeruvianBankAccount.Id, "Your bank account", BankAccountFields),
        new(RecipientMethods.PayPalEmail.Id, "Your PayPal account", PayPalFields),
    ];

    /// <summary>Every name the POST reads, the method included, in page order.</summary>
    public static readonly IReadOnlyList<string> Names = [Method, .. Sections.SelectMany(s => s.Fields).Select(f => f.Name)];

    public static FormSection? SectionOf(string methodId) => Sections.FirstOrDefault(s => s.MethodId == methodId);

    private static string DocumentName(string type) => type switch
    {
        "DNI" => "DNI (national identity card)",
        "CE" => "CE (foreigner's card)",
        "CPP" => "CPP (temporary stay permit)",
        "RUC" => "RUC (taxpayer number)",
        "PASS" => "Passport",
        _ => type,
    };
}
