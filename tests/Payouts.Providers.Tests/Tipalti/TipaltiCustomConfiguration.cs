using Payouts.Providers.Tests.Infrastructure;

namespace Payouts.Providers.Tests.Tipalti;

/// <summary>A second sandbox and adapter inside one test, for configurations that differ from the class's.</summary>
internal sealed class TipaltiCustomConfiguration : IAsyncDisposable
{
    public TipaltiCustomConfiguration(params (string Key, string? Value)[] overrides)
    {
        var sandbox = Fixture.SandboxSettings.Tipalti;
        Fixture.Settings["Providers:Tipalti:PayerName"] = sandbox.PayerName;
        Fixture.Settings["Providers:Tipalti:MasterKey"] = sandbox.MasterKey;
        Fixture.Settings["Providers:Tipalti:IpnVerifyUrl"] = "notif/ipn.aspx";
        Fixture.Settings["Providers:Tipalti:RetryDelay"] = "00:00:00.010";
        foreach (var (key, value) in overrides)
        {
            Fixture.Settings[key] = value;
        }
    }

    public SandboxedProviders Fixture { get; } = new();

    public Task InitializeAsync() => Fixture.InitializeAsync();

    public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
}
