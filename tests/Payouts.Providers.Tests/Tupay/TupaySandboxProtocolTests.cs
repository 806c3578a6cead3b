using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>The sandbox speaks Tupay's protocol: checked over raw HTTP, without the adapter.</summary>
public sealed class TupaySandboxProtocolTests : TupayTestBase
{
    private const string Cashout = """
        {"login":"sandbox-tupay-login","pass":"sandbox-tupay-pass","external_id":"4001","country":"PE","amount":100,"currency":"PEN",
         "document_id":"848392783","document_type":"CE","bank_account":"00219300153895206813","account_type":"C",
         "beneficiary_name":"User","beneficiary_lastname":"Test","notification_url":"https://127.0.0.1:9/tupay","type":"json"}
        """;

    private static readonly HttpClient Http = new();

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string path, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Harness.Fixture.BaseUrlOf("tupay"), path))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (signature is not null)
        {
            request.Headers.Add("Payload-Signature", signature);
        }

        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> PostSignedAsync(string path, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        return PostAsync(path, body, Sandbox.SignatureOf(body));
    }

    [Fact]
    public async Task A_correctly_signed_cashout_is_created()
    {
        var (status, body) = await PostSignedAsync("v3/cashout", Cashout);

        status.Should().Be(HttpStatusCode.OK);
        body.GetProperty("cashout_id").GetString().Should().Be(Sandbox.Find("4001")!.CashoutId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task One_byte_changed_after_signing_is_refused_as_an_invalid_control_string()
    {
        var body = Encoding.UTF8.GetBytes(Cashout);
        var signature = Sandbox.SignatureOf(body);
        var amount = Array.IndexOf(body, (byte)'1', Cashout.IndexOf("\"amount\"", StringComparison.Ordinal));
        body[amount] = (byte)'9';

        var (status, reply) = await PostAsync("v3/cashout", body, signature);

        status.Should().Be(HttpStatusCode.BadRequest);
        reply.GetProperty("code").GetInt32().Should().Be(302);
        reply.GetProperty("message").GetString().Should().Be("Invalid control string.");
        Sandbox.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_missing_or_uppercase_signature_is_refused()
    {
        var body = Encoding.UTF8.GetBytes(Cashout);

        (await PostAsync("v3/cashout", body, null)).Body.GetProperty("code").GetInt32().Should().Be(302);
        (await PostAsync("v3/cashout", body, Sandbox.SignatureOf(body).ToUpperInvariant())).Body.GetProperty("code").GetInt32().Should().Be(302);
        Sandbox.Count.Should().Be(0);
    }

    [Fact]
    public async Task Malformed_json_is_an_invalid_request_body()
    {
        var (status, body) = await PostSignedAsync("v3/cashout", "{\"login\": ");

        status.Should().Be(HttpStatusCode.BadRequest);
        body.GetProperty("code").GetInt32().Should().Be(502);
    }

    [Fact]
    public async Task Wrong_credentials_are_a_401()
    {
        var (status, body) = await PostSignedAsync("v3/cashout", Cashout.Replace("sandbox-tupay-pass", "guess", StringComparison.Ordinal));

        status.Should().Be(HttpStatusCode.Unauthorized);
        body.GetProperty("message").GetString().Should().Be("Invalid credentials.");
    }

    [Theory]
    [InlineData("\"848392783\"", "\"8483927\"", "document_id")]
    [InlineData("\"account_type\":\"C\"", "\"account_type\":\"X\"", "account_type")]
    [InlineData("\"amount\":100", "\"amount\":100.001", "amount")]
    [InlineData("\"https://127.0.0.1:9/tupay\"", "\"ftp://127.0.0.1:9/tupay\"", "notification_url")]
    public async Task An_invalid_field_is_an_invalid_params_naming_it(string from, string to, string field)
    {
        var (status, body) = await PostSignedAsync("v3/cashout", Cashout.Replace(from, to, StringComparison.Ordinal));

        status.Should().Be(HttpStatusCode.PreconditionFailed);
        body.GetProperty("code").GetInt32().Should().Be(300);
        body.GetProperty("message").GetString().Should().StartWith("Invalid params " + field);
    }

    [Fact]
    public async Task A_reused_external_id_is_refused_and_unknown_ids_are_not_found()
    {
        await PostSignedAsync("v3/cashout", Cashout);

        var (_, duplicate) = await PostSignedAsync("v3/cashout", Cashout);
        var (status, missing) = await PostSignedAsync("v3/cashout/status", """{"login":"sandbox-tupay-login","pass":"sandbox-tupay-pass","external_id":"nope"}""");

        duplicate.GetProperty("code").GetInt32().Should().Be(511);
        missing.GetProperty("code").GetInt32().Should().Be(509);
        status.Should().Be(HttpStatusCode.NotFound);
        Sandbox.Count.Should().Be(1);
    }
}
