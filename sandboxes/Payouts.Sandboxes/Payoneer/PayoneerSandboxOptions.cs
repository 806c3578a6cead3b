namespace Payouts.Sandboxes.Payoneer;

/// <summary>The credentials and behaviour of the Payoneer sandbox; the service's development configuration uses the same values.</summary>
public sealed class PayoneerSandboxOptions
{
    public string ProgramId { get; set; } = "sandbox-program";

    public string ClientId { get; set; } = "sandbox-payoneer-client-id";

    public string ClientSecret { get; set; } = "sandbox-payoneer-client-secret";

    /// <summary>Signs IPCN notifications (hmacauth).</summary>
    public string IpcnSecret { get; set; } = "sandbox-payoneer-ipcn-secret";

    public string IpcnAppName { get; set; } = "Webhook-IPCNSender-sandbox";

    /// <summary>IPCN bodies as form fields instead of JSON, as older integrations received them.</summary>
    public bool IpcnFormEncoded { get; set; }

    /// <summary>A payee who completes the registration page is Active at once, instead of Pending for one step first.</summary>
    public bool ApproveImmediately { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Used when a payment names no currency.</summary>
    public string ProgramCurrency { get; set; } = "USD";

    /// <summary>Invented (Payoneer's answer is UNKNOWN): the HTTP status of a reused client_reference_id.</summary>
    public int DuplicateReferenceStatus { get; set; } = 409;

    /// <summary>Invented (UNKNOWN): the error sub_code of a reused client_reference_id; the adapter's DuplicateReferenceSubCode must match.</summary>
    public int DuplicateReferenceSubCode { get; set; } = 2301;

    /// <summary>Invented (UNKNOWN): the payout status once paid money came back; the adapter's ReturnedStatus must match.</summary>
    public string ReturnedStatus { get; set; } = "Payment Returned";
}
