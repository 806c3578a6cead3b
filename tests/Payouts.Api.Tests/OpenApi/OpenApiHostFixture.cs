using System.Text.Json.Nodes;
using Payouts.Api.Grpc.Server;
using Payouts.Api.OpenApi;
using Payouts.Api.Tests.Infrastructure;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Payouts.Api.Tests.OpenApi;

/// <summary>The real Payouts service, its document fetched once over HTTP/1.1 from GET /openapi.json.</summary>
public sealed class OpenApiHostFixture : IAsyncLifetime
{
    private RunningHost? _host;

    /// <summary>The services the host registered, whose annotations the document must cover.</summary>
    public IReadOnlyList<ServiceDescriptor> Services { get; private set; } = [];

    public string ContentType { get; private set; } = "";

    public string Text { get; private set; } = "";

    public JsonObject Document => (JsonObject)JsonNode.Parse(Text)!;

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartPayoutsAsync();
        Services = _host.App.Services.GetRequiredService<GrpcMethodRegistry>().Services;
        using var http = new HttpClient { BaseAddress = _host.Addresses[1] };
        using var response = await http.GetAsync(new Uri(OpenApiEndpoint.Path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        ContentType = response.Content.Headers.ContentType?.ToString() ?? "";
        Text = await response.Content.ReadAsStringAsync();
    }

    public async Task DisposeAsync() => await _host!.DisposeAsync();
}
