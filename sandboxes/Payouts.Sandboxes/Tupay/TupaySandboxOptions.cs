namespace Payouts.Sandboxes.Tupay;

/// <summary>The credentials and behaviour of the Tupay sandbox; the service's development configuration uses the same values.</summary>
public sealed class TupaySandboxOptions
{
    /// <summary>The cashout API Key the sandbox accepts as body "login".</summary>
    public string Login { get; set; } = "sandbox-tupay-login";

    /// <summary>The cashout API Passphrase the sandbox accepts as body "pass".</summary>
    public string Pass { get; set; } = "sandbox-tupay-pass";

    /// <summary>The API Signature: HMAC key of Payload-Signature and of notification "control".</summary>
    public string ApiSignature { get; set; } = "sandbox-tupay-signature-key";

    public string ControlPrefix { get; set; } = "Be4";

    public string ControlSuffix { get; set; } = "Bo7";

    /// <summary>Real Tupay wants https notification URLs; the local service listens on plain http.</summary>
    public bool AllowHttpNotificationUrl { get; set; } = true;

    /// <summary>The rejection_code of the Reject scenario: 806 ERROR_BENEFICIARY_NAME_INCORRECT, the commonest.</summary>
    public int RejectionCode { get; set; } = 806;

    /// <summary>The first cashout_id handed out, shaped like Tupay's example "8405147".</summary>
    public long FirstCashoutId { get; set; } = 8405147;
}
