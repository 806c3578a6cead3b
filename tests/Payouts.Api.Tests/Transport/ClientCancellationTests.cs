using System.Net.Http.Headers;

namespace Payouts.Api.Tests.Transport;

/// <summary>A client that cancels (RST_STREAM CANCEL) stops the handler through its token.</summary>
public class ClientCancellationTests
{
    [Fact]
    public async Task Client_reset_cancels_the_handler_token()
    {
        await using var host = await ProbeHost.StartAsync();
        using var cancel = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, ProbeCalls.UnaryCall)
        {
            Content = new ByteArrayContent(ProbeCalls.Framed(ProbeCalls.Mode("sleep"))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        var call = host.Client.SendAsync(request, cancel.Token);
        (await host.Probe.SleeperStarted.WaitAsync(ProbeCalls.Patience)).Should().BeTrue();
        host.Probe.SleeperCancelled.IsCompleted.Should().BeFalse("nothing has cancelled the call yet");
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => call.WaitAsync(ProbeCalls.Patience)).Should().ThrowAsync<OperationCanceledException>();
        (await host.Probe.SleeperCancelled.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }

    [Fact]
    public async Task Client_reset_of_a_call_with_deadline_cancels_the_handler_token()
    {
        await using var host = await ProbeHost.StartAsync();
        using var cancel = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, ProbeCalls.UnaryCall)
        {
            Content = new ByteArrayContent(ProbeCalls.Framed(ProbeCalls.Mode("sleep"))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("grpc-timeout", "1H");

        var call = host.Client.SendAsync(request, cancel.Token);
        (await host.Probe.SleeperStarted.WaitAsync(ProbeCalls.Patience)).Should().BeTrue();
        await cancel.CancelAsync();

        await FluentActions.Awaiting(() => call.WaitAsync(ProbeCalls.Patience)).Should().ThrowAsync<OperationCanceledException>();
        (await host.Probe.SleeperCancelled.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
    }
}
