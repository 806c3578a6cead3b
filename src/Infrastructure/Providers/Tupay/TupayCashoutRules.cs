using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts.Destinations;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>
/// Every limit Tupay puts on a cashout (seed 003), checked before anything is sent so that a bad field
/// is refused by name instead of by Tupay's "300 Invalid params". Public because the merchant payout
/// form checks the same rules while the user types. Field names are Tupay's wire names.
/// </summary>
public static class TupayCashoutRules
{
    public const int MaxExternalIdLength = 100;
    public const int MaxNotificationUrlLength = 300;
    public const int MaxCommentsLength = 200;

    /// <summary>Tupay's amount is a number with at most two decimals.</summary>
    public const int MaxAmountDecimals = 2;

    /// <summary>All violations of one cashout; empty when Tupay should accept its fields.</summary>
    public static IReadOnlyList<FieldViolation> Validate(TupayCashout cashout, TupayCashoutPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(cashout);
        ArgumentNullException.ThrowIfNull(policy);
        var violations = new List<FieldViolation>();
        CheckExternalId(cashout.ExternalId, violations);
        CheckCountry(cashout.Country, policy, violations);
        violations.AddRange(ValidateAmount(cashout.Amount, policy.Currencies));
        CheckBeneficiary(cashout.DocumentType, cashout.DocumentId, cashout.BeneficiaryName, cashout.BeneficiaryLastName, cashout.BankAccount, cashout.AccountType, violations);
        CheckNotificationUrl(cashout.NotificationUrl, policy, violations);
        if (cashout.Comments is { Length: > MaxCommentsLength })
        {
            violations.Add(new FieldViolation("comments", $"At most {MaxCommentsLength} characters."));
        }

        return violations;
    }

    /// <summary>The recipient's bank details alone, as the merchant payout form collects them.</summary>
    public static IReadOnlyList<FieldViolation> ValidateBeneficiary(PeruvianBankAccount account, TupayCashoutPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(policy);
        var violations = new List<FieldViolation>();
        CheckCountry(account.Country, policy, violations);
        CheckBeneficiary(account.DocumentType, account.DocumentId, account.FirstName, account.LastName, account.Cci, account.AccountType, violations);
        return violations;
    }

    /// <summary>The amount alone: positive, in an accepted currency, with no more decimals than Tupay takes.</summary>
    public static IReadOnlyList<FieldViolation> ValidateAmount(Money amount, IReadOnlyCollection<string> currencies)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        var violations = new List<FieldViolation>();
        if (amount.Currency is null || !currencies.Contains(amount.Currency.Code, StringComparer.Ordinal))
        {
            violations.Add(new FieldViolation("currency", $"Tupay pays in {string.Join(" or ", currencies)} only."));
        }
        else if (amount.Currency.Exponent > MaxAmountDecimals)
        {
            violations.Add(new FieldViolation("amount", $"Tupay takes at most {MaxAmountDecimals} decimals; {amount.Currency.Code} has {amount.Currency.Exponent}."));
        }

        if (amount.Minor <= 0)
        {
            violations.Add(new FieldViolation("amount", "Must be greater than zero."));
        }

        return violations;
    }

    private static void CheckExternalId(string externalId, List<FieldViolation> violations)
    {
        if (string.IsNullOrEmpty(externalId) || externalId.Length > MaxExternalIdLength)
        {
            violations.Add(new FieldViolation("external_id", $"Required, at most {MaxExternalIdLength} characters."));
        }
    }

    private static void CheckCountry(string country, TupayCashoutPolicy policy, List<FieldViolation> violations)
    {
        if (country is not { Length: 2 } || !country.All(char.IsAsciiLetterUpper))
        {
            violations.Add(new FieldViolation("country", "Must be two capital letters (ISO 3166-1 alpha-2), e.g. \"PE\"."));
        }
        else if (!string.Equals(country, policy.Country, StringComparison.Ordinal))
        {
            violations.Add(new FieldViolation("country", $"Tupay pays out in {policy.Country} only."));
        }
    }

    private static void CheckBeneficiary(
        string documentType, string documentId, string name, string? lastName, string bankAccount, string accountType, List<FieldViolation> violations) =>
        violations.AddRange(PeruvianBankAccountRules.Validate(documentType, documentId, name, lastName, bankAccount, accountType));

    private static void CheckNotificationUrl(Uri url, TupayCashoutPolicy policy, List<FieldViolation> violations)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            violations.Add(new FieldViolation("notification_url", "Must be an absolute http(s) URL."));
        }
        else if (policy.RequireHttpsNotificationUrl && url.Scheme != Uri.UriSchemeHttps)
        {
            violations.Add(new FieldViolation("notification_url", "Tupay requires https."));
        }
        else if (url.AbsoluteUri.Length > MaxNotificationUrlLength)
        {
            violations.Add(new FieldViolation("notification_url", $"At most {MaxNotificationUrlLength} characters."));
        }
    }
}
