using Payouts.Application.Common.Providers;
using Payouts.Providers.Tests.Infrastructure;
using Payouts.Sandboxes.Common;
using static Payouts.Providers.Tests.Tupay.TupayHarness;

namespace Payouts.Providers.Tests.Tupay;

/// <summary>Each fault on a single attempt (no retries), so the outcome of that one attempt is what is seen.</summary>
public sealed class TupayFaultTests : TupayTestBase
{
    protected override void Configure(SandboxedProviders fixture)
    {
        fixture.Settings["Providers:Tupay:MaxRetries"] = "0";
        fixture.Settings["Providers:Tupay:AttemptTimeout"] = "00:00:01";
    }

    private void Arm(string operation, FaultKind kind, int delayMilliseconds = 0) =>
        Sandbox.Context.Faults.Arm(new Fault(operation, kind, Delay: TimeSpan.FromMilliseconds(delayMilliseconds)));

    [Fact]
    public async Task Latency_below_the_timeout_still_succeeds()
    {
        // A first submission warms both ends up, so a cold start on a loaded machine is not mistaken for the latency under test.
        (await Provider.SubmitAsync(Payout(2000), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Accepted>();
        Arm("submit", FaultKind.Latency, 300);

        var outcome = await Provider.SubmitAsync(Payout(2001), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Accepted>();
    }

    [Fact]
    public async Task A_timeout_is_unknown_and_the_status_then_shows_nothing_was_created()
    {
        Arm("submit", FaultKind.Timeout);
        var payout = Payout(2002);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();

        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task A_timeout_after_processing_is_unknown_and_the_status_then_finds_the_cashout()
    {
        Arm("submit", FaultKind.TimeoutAfterProcessing);
        var payout = Payout(2003);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();

        var status = (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!;
        status.State.Should().NotBe(ProviderPayoutState.NotFound);
        status.ProviderReference.Should().Be(Sandbox.Find("2003")!.CashoutId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_server_error_is_unknown_and_creates_nothing()
    {
        Arm("submit", FaultKind.ServerError);

        (await Provider.SubmitAsync(Payout(2004), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();

        Sandbox.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_server_error_after_processing_is_unknown_and_resubmitting_adopts_the_original()
    {
        Arm("submit", FaultKind.ServerErrorAfterProcessing);
        var payout = Payout(2005);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        var again = await Provider.SubmitAsync(payout, CancellationToken.None);

        var original = Sandbox.Find("2005")!.CashoutId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        again.Should().Be(new SubmitOutcome.Accepted(original));
        Sandbox.Count.Should().Be(1);
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    public async Task Unavailable_and_rate_limited_are_not_sent(FaultKind kind)
    {
        Arm("submit", kind);

        (await Provider.SubmitAsync(Payout(2006), CancellationToken.None)).Should().BeOfType<SubmitOutcome.NotSent>();

        Sandbox.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_malformed_reply_to_a_submission_is_unknown()
    {
        Arm("submit", FaultKind.MalformedBody);

        (await Provider.SubmitAsync(Payout(2007), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
    }

    [Theory]
    [InlineData(FaultKind.MalformedBody, "malformed_reply")]
    [InlineData(FaultKind.ServerError, "500")]
    [InlineData(FaultKind.TooManyRequests, "429")]
    [InlineData(FaultKind.Timeout, "timeout")]
    public async Task A_failed_status_call_is_a_transient_failure(FaultKind kind, string code)
    {
        var payout = Payout(2008);
        await Provider.SubmitAsync(payout, CancellationToken.None);
        Arm("status", kind);

        var status = await Provider.GetStatusAsync(payout, CancellationToken.None);

        status.Failure.Should().BeEquivalentTo(new { Transient = true, Code = code });
    }
}

/// <summary>With the default retries: Tupay deduplicates by external_id, so a retried submission is safe.</summary>
public sealed class TupayRetryTests : TupayTestBase
{
    protected override void Configure(SandboxedProviders fixture) =>
        fixture.Settings["Providers:Tupay:RetryDelay"] = "00:00:00.020";

    [Fact]
    public async Task A_lost_reply_is_not_retried_by_the_adapter_and_the_resend_adopts_the_cashout_already_made()
    {
        Sandbox.Context.Faults.Arm(new Fault("submit", FaultKind.ServerErrorAfterProcessing));

        var first = await Provider.SubmitAsync(Payout(2101), CancellationToken.None);
        Sandbox.SubmitRequests.Should().Be(1);
        var again = await Provider.SubmitAsync(Payout(2101), CancellationToken.None);

        first.Should().BeOfType<SubmitOutcome.Unknown>();
        var original = Sandbox.Find("2101")!.CashoutId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        again.Should().Be(new SubmitOutcome.Accepted(original));
        Sandbox.Count.Should().Be(1);
    }

    [Fact]
    public async Task A_status_call_that_fails_once_is_retried()
    {
        var payout = Payout(2102);
        await Provider.SubmitAsync(payout, CancellationToken.None);
        Sandbox.Context.Faults.Arm(new Fault("status", FaultKind.Unavailable));

        var status = await Provider.GetStatusAsync(payout, CancellationToken.None);

        status.IsSuccess.Should().BeTrue();
        status.Value!.State.Should().NotBe(ProviderPayoutState.NotFound);
    }
}
