using System.Globalization;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>One cashout's fields exactly as Tupay receives them (seed 003), before they are validated and sent.</summary>
/// <param name="ExternalId">Our payout id: Tupay's idempotency key.</param>
public sealed record TupayCashout(
    string ExternalId,
    string Country,
    Money Amount,
    string DocumentType,
    string DocumentId,
    string BeneficiaryName,
    string? BeneficiaryLastName,
    string BankAccount,
    string AccountType,
    Uri NotificationUrl,
    string? Comments)
{
    public static TupayCashout From(PayoutInstruction payout, PeruvianBankAccount account, Uri notificationUrl)
    {
        ArgumentNullException.ThrowIfNull(payout);
        ArgumentNullException.ThrowIfNull(account);
        return new TupayCashout(
            payout.PayoutId.ToString(CultureInfo.InvariantCulture),
            account.Country,
            payout.Amount,
            account.DocumentType,
            account.DocumentId,
            account.FirstName,
            account.LastName,
            account.Cci,
            account.AccountType,
            notificationUrl,
            string.IsNullOrEmpty(payout.Description) ? null : payout.Description);
    }
}

/// <summary>What this merchant account allows, beside Tupay's fixed limits.</summary>
/// <param name="Country">The one country the account pays out in.</param>
/// <param name="Currencies">ISO 4217 codes accepted there.</param>
/// <param name="RequireHttpsNotificationUrl">False only for local development.</param>
public sealed record TupayCashoutPolicy(string Country, IReadOnlyCollection<string> Currencies, bool RequireHttpsNotificationUrl)
{
    /// <summary>Peru in PEN or USD, notifications over https: Tupay's documented production setting.</summary>
    public static TupayCashoutPolicy Default { get; } = new("PE", ["PEN", "USD"], RequireHttpsNotificationUrl: true);
}
