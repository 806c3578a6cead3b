namespace Payouts.Domain.Payouts;

/// <summary>
/// Who pays a payout out. Outside the service each is known by one lowercase name (see <see cref="ProviderNames"/>):
/// seed 000's "paypal", "payoneer" and "tipalti", and "tupay" (seed 003), on the wire, in the database, in settings
/// and in URLs.
/// </summary>
public enum Provider
{
    /// <summary>PayPal Payouts, to a linked account or an e-mail address.</summary>
    PayPal,

    /// <summary>Payoneer, to a payee registered through its onboarding.</summary>
    Payoneer,

    /// <summary>Tipalti, to a payee created through its API.</summary>
    Tipalti,

    /// <summary>Tupay, to a Peruvian bank account (seed 003).</summary>
    Tupay,
}
