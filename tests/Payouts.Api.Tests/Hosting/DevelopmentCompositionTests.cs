using System.Net;
using System.Net.Sockets;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Hosting;

/// <summary>
/// The provider sandboxes run inside the service only as the development composition: appsettings.Development.json
/// loads them as a hosting startup (what `dotnet run --project src/Api` relies on), no other environment does, and
/// Development leaves them out when they run as a process of their own (sandboxes/Payouts.Sandboxes.Host).
/// </summary>
public class DevelopmentCompositionTests
{
    [Fact]
    public async Task In_development_the_service_runs_the_sandboxes_in_process()
    {
        var port = FreePorts.Next();
        await using var host = await TestHosts.StartPayoutsAsync("--environment=Development", $"--Sandboxes:Port={port}");

        using var http = new HttpClient();
        using var token = await http.PostAsync(new Uri($"http://127.0.0.1:{port}/paypal/v1/oauth2/token"), new FormUrlEncodedContent([]));

        token.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the PayPal sandbox answers, and wants its client credentials");
    }

    [Fact]
    public async Task In_development_the_service_runs_none_when_told_to_leave_them_to_their_own_process()
    {
        var port = FreePorts.Next();
        await using var host = await TestHosts.StartPayoutsAsync(
            "--environment=Development", "--hostingStartupExcludeAssemblies=Payouts.Sandboxes", $"--Sandboxes:Port={port}");

        await NothingListensAsync(port);
    }

    [Fact]
    public async Task Elsewhere_the_service_runs_none_even_with_a_sandboxes_section()
    {
        var port = FreePorts.Next();
        await using var host = await TestHosts.StartPayoutsAsync($"--Sandboxes:Port={port}");

        await NothingListensAsync(port);
    }

    private static async Task NothingListensAsync(int port)
    {
        using var client = new TcpClient();
        var connect = () => client.ConnectAsync(IPAddress.Loopback, port);

        await connect.Should().ThrowAsync<SocketException>();
    }
}
