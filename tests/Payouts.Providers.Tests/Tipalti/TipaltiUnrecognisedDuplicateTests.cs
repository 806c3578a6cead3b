using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Tipalti;

/// <summary>
/// Tipalti's code for a reused RefCode is a guess. If the real one differs, a resend after a lost reply must
/// still find the payment it made, not call the payout refused (which would give back money being paid).
/// </summary>
public sealed class TipaltiUnrecognisedDuplicateTests : TipaltiTestBase
{
    public TipaltiUnrecognisedDuplicateTests() => Fixture.SandboxSettings.Tipalti.DuplicateRefCodeErrorCode = "RefCodeAlreadyUsed";

    [Fact]
    public async Task A_resend_answered_with_an_unknown_error_adopts_the_payment_that_exists()
    {
        var payout = Payout(await CreatePayeeAsync(), 10_00);
        Sandbox.Context.Faults.Arm(new Fault("submit", FaultKind.ServerErrorAfterProcessing));

        (await Provider.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        var again = await Provider.SubmitAsync(payout, CancellationToken.None);

        again.Should().Be(new SubmitOutcome.Accepted(payout.PayoutId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Sandbox.PaymentCount.Should().Be(1);
    }
}
