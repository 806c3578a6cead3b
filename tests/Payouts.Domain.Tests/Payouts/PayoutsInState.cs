using Payouts.Domain.Payouts;

namespace Payouts.Domain.Tests.Payouts;

/// <summary>Payouts in a known state.</summary>
internal static class PayoutsInState
{
    public const long Version = 3;

    public static readonly PayoutId Id = new(7_300_000_000_000_001);

    public static Payout NewCashout() =>
        Payout.CreateCashout(Id, "user-1", Given.Usd10, Provider.PayPal, Given.Now);

    /// <summary>A persisted payout in <paramref name="status"/>, with the fields that status implies.</summary>
    public static Payout Restored(PayoutStatus status)
    {
        var sent = status is PayoutStatus.InitiationProcessing or PayoutStatus.InitiationCompleted or PayoutStatus.Returned;
        var failed = status is PayoutStatus.InitiationRejected or PayoutStatus.InitiationFailed or PayoutStatus.Returned;
        return Payout.Restore(
            Id, PayoutKind.MerchantPayout, "merchant-1", Given.Usd10, Provider.PayPal, status,
            providerReference: sent ? Transitions.ProviderReference : null,
            failureReason: failed ? "Earlier reason" : null,
            createdAt: Given.Now,
            updatedAt: Given.Now,
            version: Version);
    }
}
