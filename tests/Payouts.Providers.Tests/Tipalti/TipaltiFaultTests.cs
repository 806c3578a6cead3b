using System.Globalization;
using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Tipalti;

public sealed class TipaltiFaultTests : TipaltiTestBase
{
    public TipaltiFaultTests() => Fixture.Settings["Providers:Tipalti:AttemptTimeout"] = "00:00:01";

    private void Arm(string operation, FaultKind kind, int times = 1, int delayMilliseconds = 0) =>
        Sandbox.Context.Faults.Arm(new Fault(operation, kind, times, TimeSpan.FromMilliseconds(delayMilliseconds)));

    private static string RefCode(PayoutInstruction payout) => payout.PayoutId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Latency_below_the_attempt_timeout_still_works()
    {
        var payee = await CreatePayeeAsync();
        // A first submission warms both ends up, so a cold start on a loaded machine is not mistaken for the latency under test.
        (await Provider.SubmitAsync(Payout(payee, 10_00), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Accepted>();
        Arm("submit", FaultKind.Latency, delayMilliseconds: 200);

        (await Provider.SubmitAsync(Payout(payee, 10_00), CancellationToken.None)).Should().BeOfType<SubmitOutcome.Accepted>();
    }

    [Fact]
    public async Task A_timeout_is_unknown_and_the_status_then_shows_nothing_was_made()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("submit", FaultKind.Timeout, EveryAttempt);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();

        (await Provider.GetStatusAsync(payout, CancellationToken.None)).Value!.State.Should().Be(ProviderPayoutState.NotFound);
        Sandbox.PaymentCount.Should().Be(0);
    }

    [Fact]
    public async Task A_timeout_after_processing_is_unknown_and_the_status_then_finds_the_payment()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("submit", FaultKind.TimeoutAfterProcessing, EveryAttempt);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();

        var status = await Provider.GetStatusAsync(payout, CancellationToken.None);
        status.Value!.State.Should().NotBe(ProviderPayoutState.NotFound);
        status.Value.ProviderReference.Should().Be(RefCode(payout));
        Sandbox.PaymentCount.Should().Be(1);
    }

    [Fact]
    public async Task A_server_error_on_every_attempt_is_unknown()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("submit", FaultKind.ServerError, EveryAttempt);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        Sandbox.PaymentCount.Should().Be(0);
    }

    [Fact]
    public async Task One_server_error_is_an_unknown_outcome_the_adapter_does_not_retry()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("submit", FaultKind.ServerError);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        Sandbox.CallsTo("ProcessPayments").Should().Be(1);
    }

    [Fact]
    public async Task A_lost_reply_is_unknown_and_resubmitting_adopts_the_original_payment()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("submit", FaultKind.ServerErrorAfterProcessing);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        var again = await Provider.SubmitAsync(payout, CancellationToken.None);

        again.Should().Be(new SubmitOutcome.Accepted(RefCode(payout)));
        Sandbox.PaymentCount.Should().Be(1);
    }

    [Theory]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    public async Task Refused_before_processing_is_not_sent(FaultKind kind)
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("submit", kind, EveryAttempt);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.NotSent>();
        Sandbox.PaymentCount.Should().Be(0);
    }

    [Fact]
    public async Task A_malformed_reply_to_a_submission_is_unknown()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("submit", FaultKind.MalformedBody);

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
    }

    [Fact]
    public async Task A_malformed_reply_to_a_status_read_is_a_transient_failure()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        await Provider.SubmitAsync(payout, CancellationToken.None);
        Arm("status", FaultKind.MalformedBody);

        var status = await Provider.GetStatusAsync(payout, CancellationToken.None);

        status.Failure.Should().BeEquivalentTo(new { Transient = true, Code = "malformed_reply" });
    }

    [Theory]
    [InlineData(FaultKind.Timeout)]
    [InlineData(FaultKind.ServerError)]
    [InlineData(FaultKind.Unavailable)]
    [InlineData(FaultKind.TooManyRequests)]
    public async Task Status_read_faults_are_transient_failures(FaultKind kind)
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Arm("status", kind, EveryAttempt);

        var status = await Provider.GetStatusAsync(payout, CancellationToken.None);

        status.Failure!.Transient.Should().BeTrue();
    }
}
