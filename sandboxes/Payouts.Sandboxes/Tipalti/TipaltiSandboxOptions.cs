namespace Payouts.Sandboxes.Tipalti;

/// <summary>The credentials and behaviour of the Tipalti sandbox; the service's development configuration uses the same values.</summary>
public sealed class TipaltiSandboxOptions
{
    /// <summary>The only payer name the sandbox knows; others get PayerUnknown.</summary>
    public string PayerName { get; set; } = "SandboxPayer";

    /// <summary>The master key every call's <c>key</c> HMAC must be made with.</summary>
    public string MasterKey { get; set; } = "sandbox-tipalti-master-key";

    /// <summary>How far a call's timestamp may be from the sandbox's clock before its key is refused.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>True if ProcessPayments' key covers paymentGroupTitle (the ambiguous EAT); false: payerName + timestamp only.</summary>
    public bool ProcessPaymentsSignsGroupTitle { get; set; }

    /// <summary>The errorCode ProcessPayments answers for a RefCode it already has.</summary>
    public string DuplicateRefCodeErrorCode { get; set; } = "DuplicateRefCode";
}
