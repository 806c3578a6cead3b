namespace Payouts.Sandboxes.Payoneer;

/// <summary>The credentials and behaviour of the Payoneer sandbox; the service's development configuration uses the same values.</summary>
public sealed class PayoneerSandboxOptions
{
}
