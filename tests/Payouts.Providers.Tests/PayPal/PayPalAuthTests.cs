using Payouts.Application.Common.Providers;

namespace Payouts.Providers.Tests.PayPal;

public class PayPalAuthTests : PayPalTestBase
{
    [Fact]
    public async Task One_token_serves_many_calls()
    {
        var payout = NewPayout();
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };

        for (var i = 0; i < 3; i++)
        {
            (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).IsSuccess.Should().BeTrue();
        }

        Sandbox.AppTokensIssued.Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_first_calls_fetch_one_token()
    {
        var payout = NewPayout();
        var tracked = payout with { ProviderReference = "NOSUCHBATCH01" };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Payouts.GetStatusAsync(tracked, CancellationToken.None)));

        results.Should().OnlyContain(r => r.IsSuccess);
        Sandbox.AppTokensIssued.Should().Be(1);
    }

    [Fact]
    public async Task Token_paypal_revoked_is_replaced_once_and_the_call_succeeds()
    {
        var payout = NewPayout();
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };
        Sandbox.RevokeTokens();

        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).IsSuccess.Should().BeTrue();

        Sandbox.TokensRejected.Should().Be(1);
        Sandbox.AppTokensIssued.Should().Be(2);
    }
}

public class PayPalWrongCredentialsTests : PayPalTestBase
{
    public PayPalWrongCredentialsTests() => Fixture.Settings["Providers:PayPal:ClientSecret"] = "not-the-secret";

    [Fact]
    public async Task Wrong_credentials_are_a_clear_permanent_failure_and_nothing_is_sent()
    {
        var payout = NewPayout();

        var status = await Payouts.GetStatusAsync(payout with { ProviderReference = "ANYBATCH00001" }, CancellationToken.None);
        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        status.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_client" });
        outcome.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("Client Authentication failed");
        Sandbox.BatchCount.Should().Be(0);
    }
}

public class PayPalMissingCredentialsTests : PayPalTestBase
{
    public PayPalMissingCredentialsTests()
    {
        Fixture.Settings.Remove("Providers:PayPal:ClientId");
        Fixture.Settings.Remove("Providers:PayPal:ClientSecret");
        Fixture.Settings.Remove("Providers:PayPal:WebhookId");
    }

    [Fact]
    public async Task Missing_credentials_fail_clearly_when_called()
    {
        var payout = NewPayout();

        var status = await Payouts.GetStatusAsync(payout with { ProviderReference = "ANYBATCH00001" }, CancellationToken.None);
        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);
        var link = await Linking.StartLinkAsync("acc", new Uri("https://service.test/cb"), "s", CancellationToken.None);
        var webhook = await Verifier.VerifyAsync(
            new ProviderNotification(new Uri("https://service.test/n"), "POST", new Dictionary<string, string>(), "{}"u8.ToArray()), CancellationToken.None);

        status.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "not_configured" });
        status.Failure!.Message.Should().Contain("Providers:PayPal:ClientId");
        outcome.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("Providers:PayPal:ClientSecret");
        link.Failure!.Code.Should().Be("not_configured");
        webhook.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "not_configured" });
        Sandbox.AppTokensIssued.Should().Be(0);
    }
}

public class PayPalTokenExpiryTests : PayPalTestBase
{
    public PayPalTokenExpiryTests() => SandboxOptions.TokenLifetime = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Token_is_replaced_before_it_expires()
    {
        var tracked = NewPayout() with { ProviderReference = "NOSUCHBATCH01" };
        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).IsSuccess.Should().BeTrue();

        // Not "exactly one so far": on a loaded machine the first call can outlast the token's half-life.
        // That one token serves many calls is One_token_serves_many_calls' business.
        var issued = Sandbox.AppTokensIssued;

        // expires_in is 1 s; the adapter renews at half-life at the latest, so it never presents an expired token.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).IsSuccess.Should().BeTrue();

        Sandbox.AppTokensIssued.Should().BeGreaterThan(issued);
        Sandbox.TokensRejected.Should().Be(0);
    }
}
