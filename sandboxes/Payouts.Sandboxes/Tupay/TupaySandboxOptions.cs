namespace Payouts.Sandboxes.Tupay;

/// <summary>The credentials and behaviour of the Tupay sandbox; the service's development configuration uses the same values.</summary>
public sealed class TupaySandboxOptions
{
}
