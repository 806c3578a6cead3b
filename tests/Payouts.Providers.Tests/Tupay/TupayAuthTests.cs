using Payouts.Application.Common.Providers;
using static Payouts.Providers.Tests.Tupay.TupayHarness;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>
/// Credentials Tupay refuses are a clear failure of ours, not of the payout: a submission is "not sent" and
/// waits for the configuration to be fixed; missing credentials fail before any request.
/// </summary>
public sealed class TupayAuthTests
{
    [Fact]
    public async Task Wrong_login_leaves_the_payout_not_sent_as_invalid_credentials()
    {
        await using var harness = await StartAsync(f => f.Settings["Providers:Tupay:Login"] = "not-the-login");

        var outcome = await harness.Provider.SubmitAsync(Payout(3001), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("invalid_credentials");
        harness.Sandbox.SubmitRequests.Should().Be(1);
        harness.Sandbox.Count.Should().Be(0);
    }

    [Fact]
    public async Task Wrong_pass_makes_status_calls_fail_permanently()
    {
        await using var harness = await StartAsync(f => f.Settings["Providers:Tupay:Pass"] = "not-the-pass");

        var status = await harness.Provider.GetStatusAsync(Payout(3002), CancellationToken.None);

        status.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "invalid_credentials" });
    }

    [Fact]
    public async Task A_wrong_api_signature_leaves_the_payout_not_sent_as_an_invalid_signature()
    {
        await using var harness = await StartAsync(f => f.Settings["Providers:Tupay:ApiSignature"] = "not-the-key");

        var outcome = await harness.Provider.SubmitAsync(Payout(3003), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("invalid_signature");
        harness.Sandbox.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("Login")]
    [InlineData("Pass")]
    [InlineData("ApiSignature")]
    public async Task A_missing_credential_is_named_and_nothing_is_sent(string setting)
    {
        await using var harness = await StartAsync(f => f.Settings["Providers:Tupay:" + setting] = "");

        var outcome = await harness.Provider.SubmitAsync(Payout(3004), CancellationToken.None);
        var status = await harness.Provider.GetStatusAsync(Payout(3004), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>().Which.Reason.Should().Contain("Providers:Tupay:" + setting);
        status.Failure.Should().BeEquivalentTo(new { Transient = false, Code = "not_configured" });
        harness.Sandbox.SubmitRequests.Should().Be(0);
    }
}
