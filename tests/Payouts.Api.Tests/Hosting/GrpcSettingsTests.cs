using Grpc.Core;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.Hosting;

/// <summary>The "Grpc" configuration section reaches grpc-dotnet's options: limits and compression as configured.</summary>
public class GrpcSettingsTests
{
    [Fact]
    public async Task A_request_over_the_configured_receive_limit_is_resource_exhausted_and_the_service_goes_on()
    {
        await using var host = await TestHosts.StartPayoutsAsync("--Grpc:MaxReceiveMessageSize=1024");
        using var grpc = new GrpcCall(host.Port);
        var token = TestTokens.For("limits-1");

        var tooBig = await grpc.UnaryAsync<GetBalanceResponse>(
            "/payouts.v1.CashoutService/GetBalance", new GetBalanceRequest { Currency = new string('X', 2048) }, token);
        var small = await grpc.UnaryAsync<GetBalanceResponse>("/payouts.v1.CashoutService/GetBalance", new GetBalanceRequest { Currency = "USD" }, token);

        tooBig.Status.Should().Be((int)StatusCode.ResourceExhausted, tooBig.Message);
        small.Status.Should().Be(0, small.Message);
    }

    [Fact]
    public async Task The_configured_response_compression_is_used_when_the_client_accepts_it()
    {
        await using var host = await TestHosts.StartPayoutsAsync("--Grpc:ResponseCompressionAlgorithm=gzip");
        var seen = new EncodingRecorder(new SocketsHttpHandler());
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress($"http://127.0.0.1:{host.Port}", new() { HttpHandler = seen });
        var client = new CashoutService.CashoutServiceClient(channel);

        var balance = await client.GetBalanceAsync(
            new GetBalanceRequest { Currency = "USD" }, new Metadata { { "authorization", "Bearer " + TestTokens.For("limits-2") } });

        seen.Encodings.Should().Equal("gzip");
        balance.Currency.Should().Be("USD", "Grpc.Net.Client decompressed the answer");
    }

    /// <summary>Grpc.Net.Client keeps grpc-encoding out of the metadata it hands back, so the wire is read here.</summary>
    private sealed class EncodingRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<string> Encodings { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Encodings.AddRange(response.Headers.TryGetValues("grpc-encoding", out var values) ? values : ["identity"]);
            return response;
        }
    }
}
