namespace Payouts.Domain.Payouts;

/// <summary>Which product created the payout.</summary>
public enum PayoutKind
{
    /// <summary>A user cashes out their platform balance to a linked method (seed 000).</summary>
    Cashout,

    /// <summary>A merchant pays a recipient, who may enter payout details on a hosted form (seed 001).</summary>
    MerchantPayout,
}
