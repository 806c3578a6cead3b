using System.Collections.Frozen;
using Payouts.Domain.Common;

namespace Payouts.Domain.Payouts.Destinations;

/// <summary>
/// What makes a Peruvian bank account payable (seed 003): a document whose type fixes its digit count,
/// the beneficiary's names, the 20-digit interbank code (CCI) and the account type. Shared by the Tupay
/// adapter, CreatePayout and the hosted form, so the three can never disagree. Field names are seed 003's.
/// </summary>
public static class PeruvianBankAccountRules
{
    public const int MaxNameLength = 100;
    public const int CciLength = 20;
    public const string Country = "PE";

    /// <summary>The document types accepted and how many digits each has.</summary>
    public static readonly FrozenDictionary<string, int> DocumentDigits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["DNI"] = 8,
        ["CE"] = 9,
        ["RUC"] = 11,
        ["PASS"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>"C" checking, "S" savings.</summary>
    public static readonly FrozenSet<string> AccountTypes = FrozenSet.ToFrozenSet(["C", "S"], StringComparer.Ordinal);

    /// <summary>Every violation of the account's fields; empty when it is payable.</summary>
    public static IReadOnlyList<FieldViolation> Validate(
        string? documentType, string? documentId, string? name, string? lastName, string? bankAccount, string? accountType)
    {
        var violations = new List<FieldViolation>();
        if (documentType is null || !DocumentDigits.TryGetValue(documentType, out var digits))
        {
            violations.Add(new FieldViolation("document_type", $"Must be one of {string.Join(", ", DocumentDigits.Keys)}."));
            if (!IsDigits(documentId))
            {
                violations.Add(new FieldViolation("document_id", "Digits only."));
            }
        }
        else if (!IsDigits(documentId) || documentId!.Length != digits)
        {
            violations.Add(new FieldViolation("document_id", $"A {documentType} has exactly {digits} digits."));
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
