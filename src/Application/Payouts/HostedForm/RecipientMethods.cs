using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.HostedForm;

/// <summary>A way the recipient can be paid, as the hosted form offers it.</summary>
/// <param name="Id">The form value; stable, never shown.</param>
/// <param name="Label">What the recipient reads.</param>
/// <param name="Provider">The provider that pays it.</param>
public sealed record RecipientMethod(string Id, string Label, Provider Provider);

/// <summary>
/// The methods the hosted form offers: the page renders this list and the validator accepts only these.
/// Each is paid by its own provider: a Peruvian bank account by Tupay, a PayPal account by its e-mail address.
/// </summary>
public static class RecipientMethods
{
    public static readonly RecipientMethod PeruvianBankAccount = new("pe_bank_account", "Peruvian bank account (Tupay)", Provider.Tupay);

    public static readonly RecipientMethod PayPalEmail = new("paypal_email", "PayPal account (e-mail)", Provider.PayPal);

    public static readonly IReadOnlyList<RecipientMethod> All = [PeruvianBankAccount, PayPalEmail];

    public static RecipientMethod? Find(string? id) => All.FirstOrDefault(m => m.Id == id);

    /// <summary>The methods whose provider pays <paramref name="currency"/>: the only ones the form offers for it.</summary>
    public static IReadOnlyList<RecipientMethod> OfferedFor(string currency, PayoutPolicy policy) =>
        [.. All.Where(m => policy.Pays(m.Provider, currency))];
}
