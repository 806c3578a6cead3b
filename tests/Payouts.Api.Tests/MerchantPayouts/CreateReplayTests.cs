using System.Net;
using System.Text.Json;
using Grpc.Core;
using Payouts.Api.Tests.Infrastructure;
using Payouts.Api.Tests.Providers;
using Payouts.Api.Tests.Transcoding;
using Payouts.Contracts.V1;

namespace Payouts.Api.Tests.MerchantPayouts;

/// <summary>
/// Seed 001: "Repeat the same JSON with the same or no Idempotency-Key: you'll always get the same response, never a
/// duplicate charge", and 201 for the request that created the payout, 200 for every replay, even under a race.
/// </summary>
public sealed class CreateReplayTests(RestFixture rest) : IClassFixture<RestFixture>, IAsyncLifetime
{
    private const string Create = "/payouts.v1.PayoutService/CreatePayout";
    private string _token = "";
    private string _merchant = "";

    public async Task InitializeAsync()
    {
        // A merchant per test: content replays are per merchant, and one test's payouts must not answer another's.
        _merchant = "replay-" + Guid.NewGuid().ToString("N")[..8];
        _token = await rest.Host.MerchantTokenAsync(_merchant, "payout");
        await rest.Host.FundAsync("merchant:" + _merchant, 1_000_000_00, "EUR");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Body(string description, string? externalId = null) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["amount"] = "10.00",
        ["currency"] = "EUR",
        ["type"] = "payout",
        ["description"] = description,
        ["externalId"] = externalId,
        ["metadata"] = new { orderId = 1456 },
    }.Where(p => p.Value is not null).ToDictionary());

    private static string Id(RestResponse response) => response.Json.GetProperty("id").GetString()!;

    [Fact]
    public async Task The_same_json_without_any_key_answers_the_first_payout_200_and_charges_once()
    {
        var body = Body("no key, no externalId");

        var first = await rest.PostAsync("/api/payments", body, _token);
        var second = await rest.PostAsync("/api/payments", body, _token);
        var other = await rest.PostAsync("/api/payments", Body("a different description"), _token);

        first.Status.Should().Be(HttpStatusCode.Created, first.ToString());
        second.Status.Should().Be(HttpStatusCode.OK, second.ToString());
        Id(second).Should().Be(Id(first));
        other.Status.Should().Be(HttpStatusCode.Created, "a request that differs in any field is a new payout");
        Id(other).Should().NotBe(Id(first));
        (await PayoutCountAsync()).Should().Be(2, "two payouts were made, not three");
    }

    [Fact]
    public async Task A_keyed_create_is_replayed_by_the_same_json_sent_without_the_key()
    {
        var body = Body("keyed first");

        var keyed = await rest.PostAsync("/api/payments", body, _token, Guid.NewGuid().ToString());
        var unkeyed = await rest.PostAsync("/api/payments", body, _token);

        keyed.Status.Should().Be(HttpStatusCode.Created, keyed.ToString());
        unkeyed.Status.Should().Be(HttpStatusCode.OK, unkeyed.ToString());
        Id(unkeyed).Should().Be(Id(keyed));
    }

    [Fact]
    public async Task Two_different_keys_are_two_payouts_however_alike_the_requests()
    {
        var body = Body("two keys");

        var first = await rest.PostAsync("/api/payments", body, _token, Guid.NewGuid().ToString());
        var second = await rest.PostAsync("/api/payments", body, _token, Guid.NewGuid().ToString());

        first.Status.Should().Be(HttpStatusCode.Created);
        second.Status.Should().Be(HttpStatusCode.Created, second.ToString());
        Id(second).Should().NotBe(Id(first));
    }

    [Theory]
    [InlineData("externalId")]
    [InlineData("content")]
    public async Task Of_concurrent_identical_creates_exactly_one_is_told_it_created_the_payout(string sameBy)
    {
        var body = sameBy == "externalId" ? Body("race", externalId: "race-" + Guid.NewGuid().ToString("N")) : Body("race " + Guid.NewGuid());

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => rest.PostAsync("/api/payments", body, _token)));

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.OK, string.Join("\n", answers.Select(a => a.ToString())));
        answers.Count(a => a.Status == HttpStatusCode.Created).Should().Be(1);
        answers.Select(Id).Distinct().Should().ContainSingle();
        (await PayoutCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Over_grpc_the_same_initiation_without_a_key_answers_the_same_payout()
    {
        var request = new CreatePayoutRequest
        {
            Initiation = new PayoutInitiation { Amount = "10.00", Currency = "EUR", Type = "payout", Description = "grpc, no key" },
        };

        var first = await rest.Host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, request, _token);
        var second = await rest.Host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, request, _token);

        first.Status.Should().Be(0, first.Message);
        second.Response!.Payout.Id.Should().Be(first.Response!.Payout.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("tab\tinside")]
    public async Task An_empty_or_malformed_key_is_400_naming_the_header_and_creates_nothing(string key)
    {
        var answer = await rest.PostAsync("/api/payments", Body("bad key " + key.Length), _token, key);

        answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.ToString());
        answer.Json.GetProperty("details")[0].GetProperty("fieldViolations")[0].GetProperty("field").GetString().Should().Be("Idempotency-Key");
        (await PayoutCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Over_grpc_an_empty_key_is_invalid_argument_naming_the_metadata()
    {
        var request = new CreatePayoutRequest { Initiation = new PayoutInitiation { Amount = "10.00", Currency = "EUR", Type = "payout" } };
        var headers = new Metadata { { "authorization", $"Bearer {_token}" }, { "idempotency-key", "" } };

        var answer = await rest.Host.Grpc.UnaryWithHeadersAsync<CreatePayoutResponse>(Create, request, headers);

        answer.Status.Should().Be((int)StatusCode.InvalidArgument, answer.Message);
        answer.ViolatedFields.Should().Equal("idempotency-key");
    }

    [Fact]
    public async Task With_the_window_off_the_same_json_without_a_key_is_a_new_payout()
    {
        await using var host = await ProvidersHost.StartAsync(service: "--Payouts:ContentReplayWindow=00:00:00");
        var token = await host.MerchantTokenAsync("window-off", "payout");
        await host.FundAsync("merchant:window-off", 100_00, "EUR");
        var request = new CreatePayoutRequest { Initiation = new PayoutInitiation { Amount = "10.00", Currency = "EUR", Type = "payout" } };

        var first = await host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, request, token);
        var second = await host.Grpc.UnaryAsync<CreatePayoutResponse>(Create, request, token);

        second.Status.Should().Be(0, second.Message);
        second.Response!.Payout.Id.Should().NotBe(first.Response!.Payout.Id);
    }

    /// <summary>How many payouts this test's merchant has: each one reserved money on its balance.</summary>
    private async Task<int> PayoutCountAsync()
    {
        var list = await rest.Host.Grpc.UnaryAsync<ListPayoutsResponse>("/payouts.v1.PayoutService/ListPayouts", new ListPayoutsRequest { Limit = 100 }, _token);
        list.Status.Should().Be(0, list.Message);
        return list.Response!.Payouts.Count;
    }
}
