using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Payouts.Api.Tests.Providers;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>
/// The real service with its sandboxes, called over plain HTTP the way the seeds' curl examples call it:
/// a JSON body, <c>Authorization: Bearer</c> and optional <c>Idempotency-Key</c>. One host per test class.
/// </summary>
public sealed class RestFixture : IAsyncLifetime
{
    private readonly HttpClient _http1 = new();
    private readonly HttpClient _http2 = new();

    public ProvidersHost Host { get; private set; } = null!;

    /// <summary>The gRPC endpoint (h2c), where REST is served to HTTP/2 requests that are not gRPC.</summary>
    public Uri Http2 { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ProvidersHost.StartAsync();
        var addresses = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var http1 = Host.Http.GetLeftPart(UriPartial.Authority);
        Http2 = new Uri(addresses.First(a => !a.StartsWith(http1, StringComparison.Ordinal)) + "/");
    }

    public async Task DisposeAsync()
    {
        _http1.Dispose();
        _http2.Dispose();
        await Host.DisposeAsync();
    }

    public Task<RestResponse> GetAsync(string pathAndQuery, string? token) => SendAsync(HttpMethod.Get, pathAndQuery, null, token);

    public Task<RestResponse> PostAsync(string path, string? json, string? token, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, json, token, idempotencyKey);

    public async Task<RestResponse> SendAsync(
        HttpMethod method, string pathAndQuery, string? json, string? token, string? idempotencyKey = null, bool http2 = false, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(http2 ? Http2 : Host.Http, pathAndQuery.TrimStart('/')));
        if (http2)
        {
            // Prior-knowledge h2c: the gRPC endpoint speaks only HTTP/2.
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await (http2 ? _http2 : _http1).SendAsync(request);
        return new RestResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType, response.Version);
    }
}

public sealed record RestResponse(HttpStatusCode Status, string Body, string? ContentType, Version Version)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public override string ToString() => $"{(int)Status} {Body}";
}
