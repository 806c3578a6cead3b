using System.Collections.Frozen;
using Payouts.Domain.Common;

namespace Payouts.Domain.Payouts.Destinations;

/// <summary>
/// What makes a Peruvian bank account payable (seed 003): a document of one of the seed's types with 8 to 12
/// digits, the beneficiary's names, the 20-digit interbank code (CCI) and the account type. Shared by the Tupay
/// adapter, CreatePayout and the hosted form, so the three can never disagree. Field names are seed 003's. The seed's
/// rule is the rule: a stricter one of ours (e.g. a DNI has 8 digits) would refuse payees Tupay pays.
/// </summary>
public static class PeruvianBankAccountRules
{
    public const int MaxNameLength = 100;
    public const int CciLength = 20;
    public const string Country = "PE";

    /// <summary>Seed 003's document types ("CE/CPP, DNI, RUC, or PASS"), in its order.</summary>
    public static readonly IReadOnlyList<string> DocumentTypes = ["CE", "CPP", "DNI", "RUC", "PASS"];

    public const int MinDocumentDigits = 8;
    public const int MaxDocumentDigits = 12;

    /// <summary>"C" checking, "S" savings.</summary>
    public static readonly FrozenSet<string> AccountTypes = FrozenSet.ToFrozenSet(["C", "S"], StringComparer.Ordinal);

    /// <summary>Every violation of the account's fields; empty when it is payable.</summary>
    public static IReadOnlyList<FieldViolation> Validate(
        string? documentType, string? documentId, string? name, string? lastName, string? bankAccount, string? accountType)
    {
        var violations = new List<FieldViolation>();
        if (documentType is null || !DocumentTypes.Contains(documentType, StringComparer.Ordinal))
        {
            violations.Add(new FieldViolation("document_type", $"Must be one of {string.Join(", ", DocumentTypes)}."));
        }

        if (!IsDigits(documentId) || documentId!.Length is < MinDocumentDigits or > MaxDocumentDigits)
        {
            violations.Add(new FieldViolation("document_id", $"{MinDocumentDigits} to {MaxDocumentDigits} digits."));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            violations.Add(new FieldViolation("beneficiary_name", $"Required, at most {MaxNameLength} characters."));
        }

        if (lastName is { Length: > MaxNameLength })
        {
            violations.Add(new FieldViolation("beneficiary_lastname", $"At most {MaxNameLength} characters."));
        }

        if (!IsDigits(bankAccount) || bankAccount!.Length != CciLength)
        {
            violations.Add(new FieldViolation("bank_account", $"The CCI has exactly {CciLength} digits."));
        }

        if (accountType is null || !AccountTypes.Contains(accountType))
        {
            violations.Add(new FieldViolation("account_type", "Must be \"C\" (checking) or \"S\" (savings)."));
        }

        return violations;
    }

    private static bool IsDigits(string? text) => !string.IsNullOrEmpty(text) && text.All(char.IsAsciiDigit);
}
