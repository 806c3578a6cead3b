using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Payoneer;

public sealed class PayoneerFaultTests : PayoneerTestBase
{
    public PayoneerFaultTests() => Fixture.Settings["Providers:Payoneer:AttemptTimeout"] = "00:00:01";

    [Fact]
    public async Task A_slow_answer_within_the_timeout_still_works()
    {
        // The OAuth token first: a cold token fetch on a loaded machine must not eat the submission's time budget.
        (await Payouts.GetStatusAsync(Instruction(3000), CancellationToken.None)).IsSuccess.Should().BeTrue();
        Arm("submit", FaultKind.Latency, delayMs: 300);

        var outcome = await Payouts.SubmitAsync(Instruction(3001), CancellationToken.None);

        outcome.Should().Be(new SubmitOutcome.Accepted("3001"));
    }

    [Fact]
    public async Task A_timeout_before_processing_is_Unknown_and_the_status_shows_NotFound()
    {
        Arm("submit", FaultKind.Timeout);
        var payout = Instruction(3002);

        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Unknown>();
        (await Payouts.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task A_timeout_after_processing_is_Unknown_and_the_status_finds_the_payout()
    {
        Arm("submit", FaultKind.TimeoutAfterProcessing);
        var payout = Instruction(3003);

        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Unknown>();
        (await Payouts.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().NotBe(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task A_server_error_is_Unknown_and_is_not_retried_blindly()
    {
        Arm("submit", FaultKind.ServerError);
        var payout = Instruction(3004);

        var outcome = await Payouts.SubmitAsync(payout, CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Unknown>();
        (await Payouts.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task A_server_error_after_processing_is_Unknown_and_resubmitting_adopts_the_original()
    {
        Arm("submit", FaultKind.ServerErrorAfterProcessing);
        var payout = Instruction(3005);

        var first = await Payouts.SubmitAsync(payout, CancellationToken.None);
        var second = await Payouts.SubmitAsync(payout, CancellationToken.None);

        first.Should().BeOfType<SubmitOutcome.Unknown>();
        second.Should().Be(new SubmitOutcome.Accepted("3005"));
        Sandbox.PayoutCount.Should().Be(1);
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    public async Task Refused_before_processing_is_NotSent(FaultKind kind)
    {
        Arm("submit", kind);

        var outcome = await Payouts.SubmitAsync(Instruction(3006), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>();
        Sandbox.PayoutCount.Should().Be(0);
    }

    [Fact]
    public async Task An_unreadable_reply_to_a_submission_is_Unknown()
    {
        Arm("submit", FaultKind.MalformedBody);

        var outcome = await Payouts.SubmitAsync(Instruction(3007), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.Unknown>();
    }

    [Fact]
    public async Task An_unreadable_status_reply_is_a_transient_failure()
    {
        var payout = Instruction(3008);
        await Payouts.SubmitAsync(payout, CancellationToken.None);
        Arm("status", FaultKind.MalformedBody);

        var status = await Payouts.GetStatusAsync(payout, CancellationToken.None);

        status.Failure.Should().Be(new ProviderFailure(true, "malformed_reply", "The provider's reply could not be read."));
    }

    [Fact]
    public async Task A_status_read_is_retried_through_a_passing_server_error()
    {
        var payout = Instruction(3009);
        await Payouts.SubmitAsync(payout, CancellationToken.None);
        Arm("status", FaultKind.ServerError);

        var status = await Payouts.GetStatusAsync(payout, CancellationToken.None);

        status.IsSuccess.Should().BeTrue();
        status.Value!.State.Should().NotBe(ProviderPayoutState.NotFound);
    }

    [Fact]
    public async Task A_status_read_that_keeps_failing_is_a_transient_failure()
    {
        Arm("status", FaultKind.Unavailable, times: 3);

        var status = await Payouts.GetStatusAsync(Instruction(3010), CancellationToken.None);

        status.Failure!.Transient.Should().BeTrue();
        status.Failure.Code.Should().Be("Service Unavailable");
    }

    [Fact]
    public async Task A_status_read_that_times_out_is_a_transient_failure()
    {
        Arm("status", FaultKind.Timeout, times: 3);

        var status = await Payouts.GetStatusAsync(Instruction(3011), CancellationToken.None);

        status.Failure.Should().Be(new ProviderFailure(true, "timeout", "The provider did not answer in time."));
    }

    [Fact]
    public async Task Without_a_token_the_payout_is_certainly_not_sent()
    {
        Arm("token", FaultKind.Unavailable, times: 3);

        var outcome = await Payouts.SubmitAsync(Instruction(3012), CancellationToken.None);

        outcome.Should().BeOfType<SubmitOutcome.NotSent>();
        Sandbox.PayoutCount.Should().Be(0);
    }
}
