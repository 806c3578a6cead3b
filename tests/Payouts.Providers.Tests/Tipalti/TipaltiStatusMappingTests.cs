using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Tipalti;

namespace Payouts.Providers.Tests.Tipalti;

public sealed class TipaltiStatusMappingTests
{
    [Theory]
    [InlineData("Submitted", ProviderPayoutState.Pending)]
    [InlineData("Deferred", ProviderPayoutState.Pending)]
    [InlineData("Deferred Internal", ProviderPayoutState.Pending)]
    [InlineData("DEFERRED_INTERNAL", ProviderPayoutState.Pending)]
    [InlineData("Approved", ProviderPayoutState.Processing)]
    [InlineData("Processing", ProviderPayoutState.Processing)]
    [InlineData("Paid", ProviderPayoutState.Completed)]
    [InlineData("Canceled", ProviderPayoutState.Cancelled)]
    [InlineData("ProviderRejected", ProviderPayoutState.Rejected)]
    [InlineData("Error", ProviderPayoutState.Failed)]
    [InlineData("Returned", ProviderPayoutState.Returned)]
    [InlineData("SomethingNew", ProviderPayoutState.Processing)]
    [InlineData(null, ProviderPayoutState.Processing)]
    public void Tipalti_statuses_map_to_ours(string? status, ProviderPayoutState expected) =>
        TipaltiStatusMapping.Map(status).Should().Be(expected);
}
