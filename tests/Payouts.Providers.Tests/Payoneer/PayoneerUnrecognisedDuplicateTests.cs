using Payouts.Application.Common.Providers;
using Payouts.Sandboxes.Common;

namespace Payouts.Providers.Tests.Payoneer;

/// <summary>
/// How Payoneer answers a reused client_reference_id is not documented. Whatever sub-code it uses, a resend
/// after a lost reply must find the payout it made, not call the payout refused.
/// </summary>
public sealed class PayoneerUnrecognisedDuplicateTests : PayoneerTestBase
{
    public PayoneerUnrecognisedDuplicateTests() => Fixture.SandboxSettings.Payoneer.DuplicateReferenceSubCode = 2399;

    [Fact]
    public async Task A_resend_answered_with_an_unknown_sub_code_adopts_the_payout_that_exists()
    {
        var payout = Instruction(8_800_001);
        Arm("submit", FaultKind.ServerErrorAfterProcessing);

        (await Payouts.SubmitAsync(payout, CancellationToken.None)).Should().BeOfType<SubmitOutcome.Unknown>();
        var again = await Payouts.SubmitAsync(payout, CancellationToken.None);

        again.Should().BeOfType<SubmitOutcome.Accepted>();
        Sandbox.PayoutCount.Should().Be(1);
    }
}
