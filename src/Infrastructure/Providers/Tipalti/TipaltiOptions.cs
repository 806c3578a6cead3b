using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>
/// "Providers:Tipalti". We speak Tipalti's SOAP API (docs/decisions/ADR-003-tipalti-soap.md); every value
/// PROVIDERS.md §3 marks UNKNOWN or ambiguous lives here, so production can follow Tipalti without a code change.
/// </summary>
public sealed class TipaltiOptions : ProviderHttpOptions
{
    /// <summary>Our payer name at Tipalti; part of every signed call. No default: a credential.</summary>
    public string? PayerName { get; set; }

    /// <summary>The API master key the <c>key</c> HMAC is made with. No default: a credential.</summary>
    public string? MasterKey { get; set; }

    /// <summary>The PayerFunctions.asmx version path segment; ProcessPayments is pinned to this one.</summary>
    public string PayerApiVersion { get; set; } = "v14";

    /// <summary>The PayeeFunctions.asmx version: v9 is the first whose UpdateOrCreatePayeeInfo item has every field we send.</summary>
    public string PayeeApiVersion { get; set; } = "v9";

    /// <summary>The payment group every ProcessPayments call files its orders under (seen by approvers in Tipalti Hub).</summary>
    public string PaymentGroupTitle { get; set; } = "Payouts";

    /// <summary>
    /// Where an IPN's raw body is posted back for "VERIFIED" / "INVALID"
    /// (https://console.tipalti.com/notif/ipn.aspx in production). A relative URL is resolved against BaseUrl.
    /// </summary>
    public Uri? IpnVerifyUrl { get; set; }

    /// <summary>Seed 000's payee types to Tipalti's <c>PayeeEntityType</c> strings, which public material does not list.</summary>
    public Dictionary<PayeeType, string> PayeeEntityTypes { get; set; } = new()
    {
        [PayeeType.Individual] = "Individual",
        [PayeeType.Company] = "Company",
    };

    /// <summary>Tipalti's samples disagree on whether ProcessPayments' key covers the payment group title.</summary>
    public TipaltiProcessPaymentsEat ProcessPaymentsEat { get; set; } = TipaltiProcessPaymentsEat.None;

    /// <summary>The errorCode ProcessPayments answers for a RefCode it already has; its exact string is not public.</summary>
    public string DuplicateRefCodeErrorCode { get; set; } = "DuplicateRefCode";

    /// <summary>The IPN form field carrying the payment's RefCode (our payout id); IPN field lists are not public.</summary>
    public string IpnRefCodeField { get; set; } = "ref_code";

    /// <summary>The IPN form field carrying the payee's idap, for payee events.</summary>
    public string IpnPayeeIdField { get; set; } = "payee_id";
}

/// <summary>The "encryption additional term" appended to ProcessPayments' signed string.</summary>
public enum TipaltiProcessPaymentsEat
{
    /// <summary>payerName + timestamp (Tipalti's Python sample: "No EAT parameter").</summary>
    None,

    /// <summary>payerName + timestamp + paymentGroupTitle (the sample's commented alternative).</summary>
    PaymentGroupTitle,
}
