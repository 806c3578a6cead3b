using System.Text;
using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.Payoneer;

namespace Payouts.Providers.Tests.Payoneer;

public sealed class PayoneerIpcnTests : PayoneerTestBase
{
    [Fact]
    public async Task Each_payout_IPCN_from_Payoneer_is_accepted_and_names_our_payout()
    {
        await Payouts.SubmitAsync(Instruction(6001), CancellationToken.None);

        var accepted = (await WaitForIpcnAsync("payment-request-accepted")).Should().ContainSingle().Subject;
        var transferred = (await WaitForIpcnAsync("payment-transferred")).Should().ContainSingle().Subject;

        (await Verifier.VerifyAsync(accepted, CancellationToken.None)).Value!.PayoutIds.Should().Equal(6001);
        (await Verifier.VerifyAsync(transferred, CancellationToken.None)).Value!.PayoutIds.Should().Equal(6001);
    }

    [Fact]
    public async Task Form_encoded_IPCN_bodies_are_read_too()
    {
        Fixture.SandboxSettings.Payoneer.IpcnFormEncoded = true;
        Sandbox.Context.Scenarios.Book("6002", Scenario.Reject);
        await Payouts.SubmitAsync(Instruction(6002), CancellationToken.None);

        var cancelled = (await WaitForIpcnAsync("payment-cancelled")).Should().ContainSingle().Subject;

        cancelled.Headers["content-type"].Should().StartWith("application/x-www-form-urlencoded");
        (await Verifier.VerifyAsync(cancelled, CancellationToken.None)).Value!.PayoutIds.Should().Equal(6002);
    }

    [Fact]
    public async Task Duplicate_deliveries_are_each_authentic_and_name_the_same_payout()
    {
        Sandbox.Context.Notifications.Faults.Duplicate = true;
        await Payouts.SubmitAsync(Instruction(6003), CancellationToken.None);

        var copies = await WaitForIpcnAsync("payment-request-accepted", count: 2);

        copies.Should().HaveCount(2);
        foreach (var copy in copies)
        {
            (await Verifier.VerifyAsync(copy, CancellationToken.None)).Value!.PayoutIds.Should().Equal(6003);
        }
    }

    [Fact]
    public async Task A_notification_replayed_with_the_same_nonce_is_refused()
    {
        var original = await OneRealNotificationAsync();

        var first = await Verifier.VerifyAsync(original, CancellationToken.None);
        var replay = await Verifier.VerifyAsync(original, CancellationToken.None);

        first.IsSuccess.Should().BeTrue();
        replay.Failure!.Code.Should().Be("invalid_signature");
        replay.Failure.Message.Should().Contain("nonce");
    }

    [Fact]
    public async Task A_forged_signature_is_refused()
    {
        var original = await OneRealNotificationAsync();
        var header = original.Headers["authorization"];
        var parts = header["hmacauth ".Length..].Split(':');
        parts[1] = Convert.ToBase64String(new byte[32]);

        var result = await Verifier.VerifyAsync(With(original, authorization: "hmacauth " + string.Join(':', parts)), CancellationToken.None);

        result.Failure!.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_signature" });
    }

    [Fact]
    public async Task A_changed_body_or_url_no_longer_matches_the_signature()
    {
        var original = await OneRealNotificationAsync();
        var otherBody = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original.Body.Span).Replace("6010", "6666", StringComparison.Ordinal));

        var body = await Verifier.VerifyAsync(With(original, body: otherBody), CancellationToken.None);
        var url = await Verifier.VerifyAsync(With(original, url: new Uri(original.Url.AbsoluteUri.Replace("payment-request-accepted", "payment-transferred", StringComparison.Ordinal))), CancellationToken.None);

        body.Failure!.Code.Should().Be("invalid_signature");
        url.Failure!.Code.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task A_notification_signed_with_another_secret_is_refused()
    {
        var forged = Signed("someone-elses-secret", DateTimeOffset.UtcNow);

        var result = await Verifier.VerifyAsync(forged, CancellationToken.None);

        result.Failure!.Code.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task A_correctly_signed_notification_with_a_stale_timestamp_is_refused()
    {
        var secret = Fixture.SandboxSettings.Payoneer.IpcnSecret;

        var fresh = await Verifier.VerifyAsync(Signed(secret, DateTimeOffset.UtcNow), CancellationToken.None);
        var stale = await Verifier.VerifyAsync(Signed(secret, DateTimeOffset.UtcNow.AddMinutes(-6)), CancellationToken.None);

        fresh.Value!.PayoutIds.Should().Equal(6020);
        stale.Failure!.Code.Should().Be("invalid_signature");
        stale.Failure.Message.Should().Contain("clock skew");
    }

    [Fact]
    public async Task A_notification_without_hmacauth_is_refused()
    {
        var original = await OneRealNotificationAsync();
        var headers = original.Headers.Where(h => h.Key != "authorization").ToDictionary();

        var result = await Verifier.VerifyAsync(original with { Headers = headers }, CancellationToken.None);

        result.Failure!.Code.Should().Be("invalid_signature");
    }

    private async Task<ProviderNotification> OneRealNotificationAsync()
    {
        await Payouts.SubmitAsync(Instruction(6010), CancellationToken.None);
        return (await WaitForIpcnAsync("payment-request-accepted")).Should().ContainSingle().Subject;
    }

    private ProviderNotification Signed(string secret, DateTimeOffset at)
    {
        var url = new Uri(Inbox.BaseUrl, "payoneer/payment-transferred");
        var body = """{"Payee Id":"payee-ready","Amount":"12.50","IntPaymentId":"6020","Currency":"USD"}"""u8.ToArray();
        var header = PayoneerIpcnSigner.AuthorizationHeader(secret, "Webhook-IPCNSender-sandbox", "POST", url, body, Guid.NewGuid().ToString("N"), at.ToUnixTimeSeconds());
        return new ProviderNotification(url, "POST", new Dictionary<string, string> { ["authorization"] = header, ["content-type"] = "application/json" }, body);
    }

    private static ProviderNotification With(ProviderNotification original, string? authorization = null, byte[]? body = null, Uri? url = null)
    {
        var headers = new Dictionary<string, string>(original.Headers);
        if (authorization is not null)
        {
            headers["authorization"] = authorization;
        }

        return original with { Headers = headers, Body = body ?? original.Body, Url = url ?? original.Url };
    }
}
