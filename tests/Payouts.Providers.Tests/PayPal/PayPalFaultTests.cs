using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.PayPal;

/// <summary>Each fault mode against one attempt per call: no retries, so every outcome is the adapter's own reading.</summary>
public class PayPalFaultTests : PayPalTestBase
{
    public PayPalFaultTests()
    {
        Fixture.Settings["Providers:PayPal:MaxRetries"] = "0";
        Fixture.Settings["Providers:PayPal:AttemptTimeout"] = "00:00:02";
    }

    /// <summary>Fetches the token and warms both ends up first, so a slow first call is not mistaken for the fault under test.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (await Payouts.GetStatusAsync(NewPayout() with { ProviderReference = "WARMUP0000001" }, CancellationToken.None)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Slow_answer_within_the_timeout_still_works()
    {
        Arm("submit", FaultKind.Latency, delayMilliseconds: 300);

        (await Payouts.SubmitAsync(NewPayout(), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Accepted>();
    }

    [Fact]
    public async Task Timeout_before_processing_is_unknown_and_the_resubmission_creates_the_one_batch()
    {
        var payout = NewPayout();
        Arm("submit", FaultKind.Timeout);

        (await Payouts.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        Sandbox.BatchCount.Should().Be(0);
        (await Payouts.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.NotFound);
        var batchId = await SubmitAcceptedAsync(payout);

        Sandbox.BatchCount.Should().Be(1);
        Sandbox.FindPayout(Key(payout))!.Value.BatchId.Should().Be(batchId);
    }

    [Fact]
    public async Task Timeout_after_processing_is_unknown_and_the_resubmission_adopts_the_batch_paypal_made()
    {
        var payout = NewPayout();
        Arm("submit", FaultKind.TimeoutAfterProcessing);

        (await Payouts.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        var made = Sandbox.FindPayout(Key(payout))!.Value.BatchId;

        // Without a batch id PayPal cannot be asked; the resubmission is the probe, and it cannot pay twice.
        (await Payouts.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.NotFound);
        (await SubmitAcceptedAsync(payout)).Should().Be(made);
        Sandbox.BatchCount.Should().Be(1);

        var status = await PollUntilAsync(payout with { ProviderReference = made }, s => s == ProviderPayoutState.Completed);
        status.State.Should().Be(ProviderPayoutState.Completed);
    }

    [Fact]
    public async Task Server_error_is_unknown_and_nothing_was_made()
    {
        Arm("submit", FaultKind.ServerError);

        (await Payouts.SubmitAsync(NewPayout(), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        Sandbox.BatchCount.Should().Be(0);
    }

    [Fact]
    public async Task Server_error_after_processing_is_unknown_then_the_resubmission_adopts_the_original()
    {
        var payout = NewPayout();
        Arm("submit", FaultKind.ServerErrorAfterProcessing);

        (await Payouts.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        var original = Sandbox.FindPayout(Key(payout))!.Value.BatchId;

        (await SubmitAcceptedAsync(payout)).Should().Be(original);
        Sandbox.BatchCount.Should().Be(1);
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    public async Task Refusal_before_processing_is_not_sent(FaultKind kind)
    {
        Arm("submit", kind);

        (await Payouts.SubmitAsync(NewPayout(), CancellationToken.None)).Should().BeOfType<SubmitOutcome.NotSent>();
        Sandbox.BatchCount.Should().Be(0);
    }

    [Fact]
    public async Task Unreadable_reply_to_a_submission_is_unknown()
    {
        Arm("submit", FaultKind.MalformedBody);

        (await Payouts.SubmitAsync(NewPayout(), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.ServerError)]
    [InlineData(FaultKind.Timeout)]
    public async Task Token_endpoint_failure_means_the_payout_was_not_sent(FaultKind kind)
    {
        // PayPal drops the cached token, so the create is refused with 401 and the new token cannot be had.
        Sandbox.RevokeTokens();
        Arm("token", kind);

        (await Payouts.SubmitAsync(NewPayout(), CancellationToken.None)).Should().BeOfType<SubmitOutcome.NotSent>();
        Sandbox.BatchCount.Should().Be(0);
    }

    [Theory]
    [InlineData(FaultKind.ServerError, "INTERNAL_SERVER_ERROR")]
    [InlineData(FaultKind.Unavailable, "SERVICE_UNAVAILABLE")]
    [InlineData(FaultKind.TooManyRequests, "RATE_LIMIT_REACHED")]
    [InlineData(FaultKind.Timeout, "timeout")]
    [InlineData(FaultKind.MalformedBody, "malformed_reply")]
    public async Task Status_read_faults_are_transient_failures(FaultKind kind, string code)
    {
        var payout = NewPayout();
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };
        Arm("status", kind);

        var status = await Payouts.GetStatusAsync(tracked, CancellationToken.None);

        status.Failure.Should().BeEquivalentTo(new { Transient = true, Code = code });
        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).IsSuccess.Should().BeTrue("the fault was armed once");
    }

    [Fact]
    public async Task Latency_on_status_reads_still_works()
    {
        var payout = NewPayout();
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };
        Arm("status", FaultKind.Latency, delayMilliseconds: 300);

        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).IsSuccess.Should().BeTrue();
    }
}

/// <summary>With the pipeline's retries on, as configured by default: PayPal's deduplication makes a retried create safe.</summary>
public class PayPalRetryTests : PayPalTestBase
{
    public PayPalRetryTests()
    {
        Fixture.Settings["Providers:PayPal:RetryDelay"] = "00:00:00.010";
    }

    [Fact]
    public async Task A_lost_reply_is_not_retried_by_the_adapter_and_the_resend_adopts_the_batch_it_made()
    {
        var payout = NewPayout();
        Arm("submit", FaultKind.ServerErrorAfterProcessing);

        (await Payouts.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        Sandbox.BatchCount.Should().Be(1);
        var batchId = await SubmitAcceptedAsync(payout);

        batchId.Should().Be(Sandbox.FindPayout(Key(payout))!.Value.BatchId);
        Sandbox.BatchCount.Should().Be(1);
    }

    [Fact]
    public async Task Transient_status_failure_is_retried()
    {
        var payout = NewPayout();
        var tracked = payout with { ProviderReference = await SubmitAcceptedAsync(payout) };
        Arm("status", FaultKind.Unavailable, times: 2);

        (await Payouts.GetStatusAsync(tracked, CancellationToken.None)).IsSuccess.Should().BeTrue();
    }
}
