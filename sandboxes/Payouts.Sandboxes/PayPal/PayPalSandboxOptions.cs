namespace Payouts.Sandboxes.PayPal;

/// <summary>The credentials and behaviour of the PayPal sandbox; the service's development configuration uses the same values.</summary>
public sealed class PayPalSandboxOptions
{
    /// <summary>The only client id the token endpoint and the consent page accept.</summary>
    public string ClientId { get; set; } = "sandbox-paypal-client-id";

    public string ClientSecret { get; set; } = "sandbox-paypal-client-secret";

    /// <summary>The webhook id our signatures cover; verify-webhook-signature answers FAILURE for any other.</summary>
    public string WebhookId { get; set; } = "sandbox-paypal-webhook-id";

    /// <summary>
    /// Key of the sandbox's HMAC-SHA256 transmission signature. PayPal signs with RSA and a certificate; the service
    /// verifies by postback either way, and the sandbox answers the postback by recomputing this HMAC.
    /// </summary>
    public string WebhookSigningKey { get; set; } = "sandbox-paypal-webhook-signing-key";

    /// <summary>expires_in of issued tokens (PayPal: about 9 hours); shorten it to exercise token refresh.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(9);

    /// <summary>The PayPal user who consents on the sandbox's "Log in with PayPal" page (unless the link says sandbox_payer_id).</summary>
    public string PayerId { get; set; } = "SBXPAYERQ7LM2";

    public string PayerEmail { get; set; } = "sandbox-payee@example.com";

    public string PayerGivenName { get; set; } = "Sandbox";

    public string PayerFamilyName { get; set; } = "Payee";
}
