using System.Text;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>What escapes a handler becomes a status; exception text stays on the server unless asked for.</summary>
public class HandlerErrorTests(ProbeHostFixture host) : IClassFixture<ProbeHostFixture>
{
    [Fact]
    public async Task Throwing_handler_is_unknown_with_generic_message()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("throw"))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(2);
        response.Message.Should().Be("Exception was thrown by handler.");
        response.IsTrailersOnly.Should().BeTrue();
    }

    [Fact]
    public async Task Throwing_handler_leaks_no_exception_text()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("throw"))).WaitAsync(ProbeCalls.Patience);

        var everything = string.Join("\n", response.Headers.Concat(response.Trailers).Select(h => $"{h.Key}: {h.Value}"))
            + "\n" + Encoding.UTF8.GetString(response.Body);
        everything.Should().NotContain("hunter2");
        everything.Should().NotContain(nameof(InvalidOperationException));
        response.Status.Should().Be(2);
    }

    [Fact]
    public async Task Throwing_handler_with_detailed_errors_appends_type_and_message()
    {
        await using var detailed = await ProbeHost.StartAsync(o => o.EnableDetailedErrors = true);

        var response = await detailed.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Mode("throw"))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(2);
        response.Message.Should().Be($"Exception was thrown by handler. InvalidOperationException: {ProbeService.SecretText}");
    }

    [Fact]
    public async Task Handler_returning_null_is_cancelled_with_no_message_returned()
    {
        var response = await host.Client.CallAsync(ProbeCalls.CacheableUnaryCall, ProbeCalls.Framed(ProbeCalls.Echo())).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(1);
        response.Message.Should().Be("No message returned from method.");
        response.IsTrailersOnly.Should().BeTrue();
    }

    [Fact]
    public async Task Handler_throwing_rpc_exception_sends_its_status()
    {
        var response = await host.Client.CallAsync(ProbeCalls.UnaryCall, ProbeCalls.Framed(ProbeCalls.Failing(9, "not now"))).WaitAsync(ProbeCalls.Patience);

        response.Status.Should().Be(9);
        response.Message.Should().Be("not now");
    }
}
