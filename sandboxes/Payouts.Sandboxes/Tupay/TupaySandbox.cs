using Microsoft.AspNetCore.Routing;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Tupay;

/// <summary>Simulates Tupay's HTTP API (shared/PROVIDERS.md). Not yet written: see issue #4.</summary>
public sealed class TupaySandbox(SandboxContext context)
{
    public SandboxContext Context { get; } = context;

    public void Map(RouteGroupBuilder routes) => routes.MapSandboxControl(Context);
}
