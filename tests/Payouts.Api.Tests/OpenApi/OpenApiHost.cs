using System.Text.Json.Nodes;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.OpenApi;

/// <summary>The real service (no sandboxes: the document needs none) and the document it serves, fetched once.</summary>
public sealed class OpenApiHost : IAsyncLifetime
{
    private RunningHost? _host;

    public IServiceProvider Services => _host!.App.Services;

    /// <summary>The HTTP/1.1 endpoint, where /openapi.json is served.</summary>
    public Uri Http => new($"http://127.0.0.1:{_host!.Addresses[1].Port}/");

    public JsonObject Document { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _host = await TestHosts.StartPayoutsAsync();
        Document = await OpenApiJson.FetchAsync(Http);
    }

    public async Task DisposeAsync() => await _host!.DisposeAsync();
}
