namespace Payouts.Domain.Payouts;

/// <summary>
/// The "type" a payout has outside the service, for the edges that write or answer it: a cashout's is seed 000's
/// cashout method type, which is the name of the provider paying it (each method is paid by the provider of the
/// same name, ADR-002), and a merchant payout's is seed 001's "payout".
/// </summary>
public static class PayoutTypes
{
    /// <summary>Seed 001's <c>type: "payout"</c>, the only type a merchant may create.</summary>
    public const string MerchantPayout = "payout";

    public static string Of(PayoutKind kind, Provider? provider) => kind == PayoutKind.MerchantPayout
        ? MerchantPayout
        : ProviderNames.Of(provider ?? throw new ArgumentNullException(nameof(provider), "A cashout is always paid by a provider."));
}
