using Payouts.Domain.Payouts;

namespace Payouts.Domain.Tests.Payouts;

public class PayoutStateTests
{
    [Theory]
    [InlineData(PayoutStatus.AwaitingRecipientDetails, PayoutState.Pending)]
    [InlineData(PayoutStatus.InitiationPending, PayoutState.Pending)]
    [InlineData(PayoutStatus.InitiationProcessing, PayoutState.Pending)]
    [InlineData(PayoutStatus.InitiationCompleted, PayoutState.Succeeded)]
    [InlineData(PayoutStatus.InitiationRejected, PayoutState.Failed)]
    [InlineData(PayoutStatus.InitiationFailed, PayoutState.Failed)]
    [InlineData(PayoutStatus.Cancelled, PayoutState.Cancelled)]
    [InlineData(PayoutStatus.Returned, PayoutState.Failed)]
    public void State_maps_each_status_to_the_public_view(PayoutStatus status, PayoutState expected)
    {
        PayoutsInState.Restored(status).State.Should().Be(expected);
    }

    [Fact]
    public void State_is_defined_for_every_status()
    {
        Enum.GetValues<PayoutStatus>().Select(s => PayoutsInState.Restored(s).State).Should().OnlyContain(s => Enum.IsDefined(s));
    }

    [Fact]
    public void PayoutId_prints_its_value()
    {
        new PayoutId(12345).ToString().Should().Be("12345");
    }
}
