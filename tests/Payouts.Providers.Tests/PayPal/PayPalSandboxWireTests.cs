using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Payouts.Providers.Tests.PayPal;

/// <summary>The sandbox's wire shapes the adapter relies on, checked over raw HTTP.</summary>
public class PayPalSandboxWireTests : PayPalTestBase
{
    [Fact]
    public async Task Reused_sender_batch_id_gets_paypals_observed_duplicate_error_linking_the_original()
    {
        using var http = await AuthorizedClientAsync();
        using var first = await http.PostAsync("v1/payments/payouts", PayoutBody("9001"));
        var original = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_header").GetProperty("payout_batch_id").GetString();

        using var second = await http.PostAsync("v1/payments/payouts", PayoutBody("9001"));
        var error = await second.Content.ReadFromJsonAsync<JsonElement>();

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.GetProperty("name").GetString().Should().Be("USER_BUSINESS_ERROR");
        error.GetProperty("message").GetString().Should().Be("User business error.");
        error.GetProperty("debug_id").GetString().Should().NotBeNullOrEmpty();
        var detail = error.GetProperty("details")[0];
        detail.GetProperty("field").GetString().Should().Be("SENDER_BATCH_ID");
        detail.GetProperty("location").GetString().Should().Be("body");
        detail.GetProperty("issue").GetString().Should().Be("Batch with given sender_batch_id already exists");
        detail.GetProperty("link")[0].GetProperty("href").GetString().Should().Be(new Uri(Fixture.BaseUrlOf("paypal"), $"v1/payments/payouts/{original}").ToString());
        Sandbox.BatchCount.Should().Be(1);
    }

    [Fact]
    public async Task Replayed_request_id_gets_the_first_reply()
    {
        using var http = await AuthorizedClientAsync();
        http.DefaultRequestHeaders.Add("PayPal-Request-Id", "req-1");

        using var first = await http.PostAsync("v1/payments/payouts", PayoutBody("9002"));
        using var replay = await http.PostAsync("v1/payments/payouts", PayoutBody("9002"));

        replay.StatusCode.Should().Be(HttpStatusCode.Created);
        (await replay.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        Sandbox.BatchCount.Should().Be(1);
    }

    [Fact]
    public async Task Item_reads_carry_the_batch_and_our_references()
    {
        using var http = await AuthorizedClientAsync();
        using var created = await http.PostAsync("v1/payments/payouts", PayoutBody("9003"));
        var batchId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batch_header").GetProperty("payout_batch_id").GetString();
        var batch = await http.GetFromJsonAsync<JsonElement>($"v1/payments/payouts/{batchId}");
        var itemId = batch.GetProperty("items")[0].GetProperty("payout_item_id").GetString();

        var item = await http.GetFromJsonAsync<JsonElement>($"v1/payments/payouts-item/{itemId}");

        item.GetProperty("payout_batch_id").GetString().Should().Be(batchId);
        item.GetProperty("sender_batch_id").GetString().Should().Be("9003");
        item.GetProperty("payout_item").GetProperty("sender_item_id").GetString().Should().Be("9003");
        item.GetProperty("payout_item").GetProperty("amount").GetProperty("value").GetString().Should().Be("10.00");
    }

    [Fact]
    public async Task Requests_without_a_live_token_get_paypals_401s()
    {
        using var http = new HttpClient { BaseAddress = Fixture.BaseUrlOf("paypal") };
        using var missing = await http.GetAsync("v1/payments/payouts/ANY");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "A21AAunknown");
        using var unknown = await http.GetAsync("v1/payments/payouts/ANY");

        missing.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().Should().Be("AUTHENTICATION_FAILURE");
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_token");
    }

    [Fact]
    public async Task Field_errors_come_back_as_validation_error_details()
    {
        using var http = await AuthorizedClientAsync();

        using var response = await http.PostAsync("v1/payments/payouts", PayoutBody("9004", value: "10.001", receiver: "lowercase"));
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.GetProperty("name").GetString().Should().Be("VALIDATION_ERROR");
        error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString())
            .Should().BeEquivalentTo("items[0].receiver", "items[0].amount.value");
    }

    private async Task<HttpClient> AuthorizedClientAsync()
    {
        var http = new HttpClient { BaseAddress = Fixture.BaseUrlOf("paypal") };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SandboxOptions.ClientId}:{SandboxOptions.ClientSecret}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/oauth2/token")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        using var response = await http.SendAsync(request);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static StringContent PayoutBody(string senderBatchId, string value = "10.00", string receiver = "SBXPAYERQ7LM2") => new(
        $$"""
        {"sender_batch_header":{"sender_batch_id":"{{senderBatchId}}"},
         "items":[{"recipient_type":"PAYPAL_ID","amount":{"currency":"USD","value":"{{value}}"},"receiver":"{{receiver}}","sender_item_id":"{{senderBatchId}}"}]}
        """,
        Encoding.UTF8,
        "application/json");
}
