using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Payouts.Infrastructure.Providers.Tupay;
using static Payouts.Providers.Tests.Tupay.TupayHarness;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>The adapter signs the very bytes it sends, and writes them once from minor units.</summary>
public sealed class TupaySigningTests
{
    private sealed class Capture : HttpMessageHandler
    {
        public byte[] Body { get; private set; } = [];

        public string? Signature { get; private set; }

        public string? ContentType { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            Signature = request.Headers.GetValues("Payload-Signature").Single();
            ContentType = request.Content.Headers.ContentType?.ToString();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"cashout_id\":\"1\"}") };
        }
    }

    [Fact]
    public async Task The_payload_signature_is_lowercase_hex_hmac_of_the_exact_bytes_on_the_wire()
    {
        using var capture = new Capture();
        using var http = new HttpClient(capture) { BaseAddress = new Uri("https://api-stg.tupayonline.com/") };
        var body = TupayRequests.Cashout("login", "pass", TupayCashout.From(Payout(5001), Account, new Uri("https://payouts.example/n")));

        await new TupayClient(http).PostAsync("v3/cashout", body, "secret", retrySafe: false, CancellationToken.None);

        capture.Body.Should().Equal(body);
        capture.Signature.Should().Be(Convert.ToHexString(HMACSHA256.HashData("secret"u8, capture.Body)).ToLowerInvariant());
        capture.ContentType.Should().Be("application/json");
    }

    [Fact]
    public void The_cashout_body_has_seed_003s_fields_with_the_amount_as_an_exact_number()
    {
        var payout = Payout(5002, minor: 123_456_789_012_345, currency: "USD");

        var body = TupayRequests.Cashout("login", "pass", TupayCashout.From(payout, Account, new Uri("https://payouts.example/n")));

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        root.GetProperty("amount").ValueKind.Should().Be(JsonValueKind.Number);
        root.GetProperty("amount").GetRawText().Should().Be("1234567890123.45");
        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "login", "pass", "external_id", "country", "amount", "currency", "document_id", "document_type", "beneficiary_name",
            "beneficiary_lastname", "bank_account", "account_type", "notification_url", "comments", "type");
        root.GetProperty("external_id").GetString().Should().Be("5002");
        root.GetProperty("type").GetString().Should().Be("json");
    }
}
