using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Payouts.Api.Tests.Providers;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.RateLimiting;

/// <summary>
/// Seed 002's 429, per caller: a merchant over its payouts limit is refused (429 with Retry-After over REST,
/// RESOURCE_EXHAUSTED with RetryInfo over gRPC) while another merchant goes on, and a replay of a recorded request
/// is answered, never refused. The limit here is 1 per second with a burst of 3, so the test needs no clock.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const string List = "/payouts.v1.PayoutService/ListPayouts";
    private ProvidersHost _host = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync() =>
        _host = await ProvidersHost.StartAsync(service: ["--RateLimits:Families:payouts:PermitsPerSecond=1", "--RateLimits:Families:payouts:Burst=3"]);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Over_its_limit_a_caller_gets_429_with_retry_after_and_resource_exhausted_over_grpc_while_another_goes_on()
    {
        var flooder = await _host.MerchantTokenAsync("flooder", "payout");
        var neighbour = await _host.MerchantTokenAsync("neighbour", "payout");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await GetAsync("/payouts?limit=1", flooder));
        }

        var overGrpc = await _host.Grpc.UnaryAsync<ListPayoutsResponse>(List, new ListPayoutsRequest { Limit = 1 }, flooder);
        var neighbours = await GetAsync("/payouts?limit=1", neighbour);

        answers.Take(3).Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK);
        var refused = answers[3];
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("code").GetInt32().Should().Be((int)Code.ResourceExhausted);
        body.GetProperty("message").GetString().Should().Contain("Too many requests");
        overGrpc.Status.Should().Be((int)StatusCode.ResourceExhausted, overGrpc.Message);
        overGrpc.Details!.Details.Should().Contain(d => d.Is(RetryInfo.Descriptor));
        neighbours.StatusCode.Should().Be(HttpStatusCode.OK, "one merchant's flood never spends another's permits");
    }

    [Fact]
    public async Task A_replay_of_a_recorded_request_is_answered_even_over_the_limit_and_a_new_request_is_not()
    {
        var merchant = await _host.MerchantTokenAsync("retrier", "payout");
        await _host.FundAsync("merchant:retrier", 100_00, "EUR");
        const string Body = """{"initiation":{"amount":"1.00","currency":"EUR","type":"payout"}}""";
        var key = Guid.NewGuid().ToString();

        var created = await PostAsync("/payouts", Body, merchant, key);
        while ((await GetAsync("/payouts?limit=1", merchant)).StatusCode != HttpStatusCode.TooManyRequests)
        {
        }

        var replayed = await PostAsync("/payouts", Body, merchant, key);
        var fresh = await PostAsync("/payouts", Body.Replace("1.00", "2.00", StringComparison.Ordinal), merchant, Guid.NewGuid().ToString());

        created.StatusCode.Should().Be(HttpStatusCode.OK);
        replayed.StatusCode.Should().Be(HttpStatusCode.OK, "the outcome of a request already made is never withheld");
        Id(await replayed.Content.ReadAsStringAsync()).Should().Be(Id(await created.Content.ReadAsStringAsync()));
        fresh.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    private static string Id(string body) => JsonDocument.Parse(body).RootElement.GetProperty("payout").GetProperty("id").GetString()!;

    private Task<HttpResponseMessage> GetAsync(string path, string token) => SendAsync(HttpMethod.Get, path, null, token, null);

    private Task<HttpResponseMessage> PostAsync(string path, string body, string token, string key) => SendAsync(HttpMethod.Post, path, body, token, key);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string token, string? key)
    {
        using var request = new HttpRequestMessage(method, new Uri(_host.Http, path.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await _http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
