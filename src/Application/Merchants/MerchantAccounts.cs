namespace Payouts.Application.Merchants;

/// <summary>
/// A merchant's balance account and payouts are owned by "merchant:&lt;id&gt;", never by the bare id: users and
/// merchants share no owner ids, so a user whose id happens to equal a merchant's can never see or spend
/// the merchant's money. Internal callers credit a merchant with CreditBalance to this owner id.
/// </summary>
public static class MerchantAccounts
{
    public const string Prefix = "merchant:";

    public static string OwnerOf(string merchantId) => Prefix + merchantId;
}
