namespace Payouts.Sandboxes.PayPal;

/// <summary>The credentials and behaviour of the PayPal sandbox; the service's development configuration uses the same values.</summary>
public sealed class PayPalSandboxOptions
{
}
