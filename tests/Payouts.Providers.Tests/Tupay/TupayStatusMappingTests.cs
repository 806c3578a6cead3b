using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Tupay;

namespace Payouts.Providers.Tests.Tupay;

public sealed class TupayStatusMappingTests
{
    [Theory]
    [InlineData(0, null, ProviderPayoutState.Pending)]
    [InlineData(1, null, ProviderPayoutState.Completed)]
    [InlineData(2, null, ProviderPayoutState.Cancelled)]
    [InlineData(3, 800, ProviderPayoutState.Rejected)]
    [InlineData(3, 818, ProviderPayoutState.Rejected)]
    [InlineData(3, 826, ProviderPayoutState.Returned)]
    [InlineData(4, null, ProviderPayoutState.Processing)]
    [InlineData(5, null, ProviderPayoutState.Pending)]
    public void Each_documented_status_has_a_state(int status, int? rejectionCode, ProviderPayoutState state) =>
        TupayStatusMapping.StateOf(status, rejectionCode).Should().Be(state);

    [Fact]
    public void An_undocumented_status_has_none() =>
        TupayStatusMapping.StateOf(6, null).Should().BeNull();
}
