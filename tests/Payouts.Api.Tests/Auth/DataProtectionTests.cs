using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Auth;

/// <summary>
/// No authentication scheme of ours protects data, so start-up must not load or create ASP.NET Core's data protection
/// key ring (a key file under $HOME, unencrypted on Linux) as AddAuthentication's hosted service would.
/// </summary>
public class DataProtectionTests
{
    [Fact]
    public async Task Start_up_runs_no_data_protection_service()
    {
        await using var app = PayoutsHost.Build(TestHosts.Arguments());

        var hosted = app.Services.GetServices<IHostedService>().ToList();

        var dataProtection = typeof(DataProtectionOptions).Assembly;
        hosted.Should().NotContain(service => service.GetType().Assembly == dataProtection);
        hosted.Should().NotBeEmpty("the service's own workers are hosted services");
    }
}
