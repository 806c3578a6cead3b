using System.Security.Cryptography;
using System.Text;
using Payouts.Application.Webhooks;

namespace Payouts.Application.Tests.Webhooks;

public sealed class StandardWebhooksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Key = StandardWebhooks.KeyFromToken("tk_test_n4912345faza90aefk4c3awf");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"type":"payout.succeeded","id":"42","sequence":3}""");
    private static readonly long Timestamp = Now.ToUnixTimeSeconds();

    [Fact]
    public void Signature_is_the_hmac_of_id_timestamp_and_body_under_the_sha256_of_the_token()
    {
        var signature = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]);

        var key = SHA256.HashData(Encoding.UTF8.GetBytes("tk_test_n4912345faza90aefk4c3awf"));
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"msg_7.{Timestamp}.{Encoding.UTF8.GetString(Body)}"));
        signature.Should().Be("v1," + Convert.ToBase64String(mac));
    }

    [Fact]
    public void Signature_matches_the_standard_webhooks_test_vector()
    {
        // The spec's example secret (whsec_ prefix dropped, base64-decoded); the expected value was computed with openssl.
        var key = Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        StandardWebhooks.Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""), [key])
            .Should().Be("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    [Fact]
    public void One_signature_per_key_in_order()
    {
        var other = StandardWebhooks.KeyFromToken("tk_test_new");

        var header = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key, other]);

        header.Split(' ').Should().Equal(StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]), StandardWebhooks.Sign("msg_7", Timestamp, Body, [other]));
    }

    [Fact]
    public void Signing_without_a_key_is_refused()
    {
        var sign = () => StandardWebhooks.Sign("msg_7", Timestamp, Body, []);

        sign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Verifier_accepts_an_untouched_webhook()
    {
        var signature = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]);

        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), signature, Body, [Key], Now).Should().Be(WebhookVerification.Valid);
    }

    [Fact]
    public void Verifier_rejects_a_tampered_body_timestamp_or_id()
    {
        var signature = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]);
        var tampered = Encoding.UTF8.GetBytes("""{"type":"payout.succeeded","id":"43","sequence":3}""");

        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), signature, tampered, [Key], Now).Should().Be(WebhookVerification.NoMatchingSignature);
        StandardWebhooks.Verify("msg_7", (Timestamp + 1).ToString(), signature, Body, [Key], Now).Should().Be(WebhookVerification.NoMatchingSignature);
        StandardWebhooks.Verify("msg_8", Timestamp.ToString(), signature, Body, [Key], Now).Should().Be(WebhookVerification.NoMatchingSignature);
        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), signature, Body, [StandardWebhooks.KeyFromToken("tk_other")], Now)
            .Should().Be(WebhookVerification.NoMatchingSignature);
    }

    [Theory]
    [InlineData(-301, WebhookVerification.TooOld)]
    [InlineData(-300, WebhookVerification.Valid)]
    [InlineData(300, WebhookVerification.Valid)]
    [InlineData(301, WebhookVerification.TooNew)]
    public void Verifier_accepts_only_inside_the_five_minute_window(int offsetSeconds, WebhookVerification expected)
    {
        // Signed at Now, received offsetSeconds earlier or later by the receiver's clock.
        var signature = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]);

        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), signature, Body, [Key], Now.AddSeconds(-offsetSeconds)).Should().Be(expected);
    }

    [Fact]
    public void Verifier_window_is_configurable()
    {
        var signature = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]);

        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), signature, Body, [Key], Now.AddSeconds(61), TimeSpan.FromMinutes(1))
            .Should().Be(WebhookVerification.TooOld);
    }

    [Fact]
    public void Verifier_accepts_when_any_one_of_several_keys_matches()
    {
        var oldKey = StandardWebhooks.KeyFromToken("tk_old");
        var newKey = StandardWebhooks.KeyFromToken("tk_new");
        var bothSigned = StandardWebhooks.Sign("msg_7", Timestamp, Body, [oldKey, newKey]);

        // A receiver that knows only the old token, only the new one, or both (mid-rotation).
        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), bothSigned, Body, [oldKey], Now).Should().Be(WebhookVerification.Valid);
        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), bothSigned, Body, [newKey], Now).Should().Be(WebhookVerification.Valid);
        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), StandardWebhooks.Sign("msg_7", Timestamp, Body, [newKey]), Body, [oldKey, newKey], Now)
            .Should().Be(WebhookVerification.Valid);
    }

    [Theory]
    [InlineData(null, "1795262400", "v1,AAAA")]
    [InlineData("msg_7", "", "v1,AAAA")]
    [InlineData("msg_7", "1795262400", null)]
    public void Verifier_rejects_missing_headers(string? id, string? timestamp, string? signature) =>
        StandardWebhooks.Verify(id, timestamp, signature, Body, [Key], Now).Should().Be(WebhookVerification.MissingHeaders);

    [Theory]
    [InlineData("-1795262400")]
    [InlineData("1795262400.5")]
    [InlineData(" 1795262400")]
    [InlineData("2026-11-21T12:00:00Z")]
    public void Verifier_rejects_a_timestamp_that_is_not_unix_seconds(string timestamp)
    {
        var signature = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]);

        StandardWebhooks.Verify("msg_7", timestamp, signature, Body, [Key], Now).Should().Be(WebhookVerification.InvalidTimestamp);
    }

    [Fact]
    public void Verifier_skips_malformed_and_other_version_signatures_but_finds_a_valid_one()
    {
        var valid = StandardWebhooks.Sign("msg_7", Timestamp, Body, [Key]);
        var mac = valid["v1,".Length..];

        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), $"v1,not-base64! v2,{mac} v1a,{mac} {mac}", Body, [Key], Now)
            .Should().Be(WebhookVerification.NoMatchingSignature);
        StandardWebhooks.Verify("msg_7", Timestamp.ToString(), $"v1,not-base64! v2,{mac}  {valid}", Body, [Key], Now)
            .Should().Be(WebhookVerification.Valid);
    }

    [Fact]
    public void The_readme_receiver_code_agrees_with_the_verifier()
    {
        var signature = StandardWebhooks.Sign("msg_7", Timestamp, Body, [StandardWebhooks.KeyFromToken("tk_old"), Key]);

        WebhookCheck.IsAuthentic("tk_test_n4912345faza90aefk4c3awf", "msg_7", Timestamp.ToString(), signature, Body, Now).Should().BeTrue();
        WebhookCheck.IsAuthentic("tk_test_n4912345faza90aefk4c3awf", "msg_7", Timestamp.ToString(), signature, [.. Body, (byte)' '], Now).Should().BeFalse();
        WebhookCheck.IsAuthentic("tk_test_n4912345faza90aefk4c3awf", "msg_7", Timestamp.ToString(), signature, Body, Now.AddMinutes(6)).Should().BeFalse();
        WebhookCheck.IsAuthentic("tk_other", "msg_7", Timestamp.ToString(), signature, Body, Now).Should().BeFalse();
    }

    [Fact]
    public void Message_id_is_stable_per_delivery() => StandardWebhooks.MessageId(42).Should().Be("msg_42");
}
