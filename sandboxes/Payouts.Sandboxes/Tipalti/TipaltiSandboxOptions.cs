namespace Payouts.Sandboxes.Tipalti;

/// <summary>The credentials and behaviour of the Tipalti sandbox; the service's development configuration uses the same values.</summary>
public sealed class TipaltiSandboxOptions
{
}
