using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Payoneer;

namespace Payouts.Providers.Tests.Payoneer;

public sealed class PayoneerStatusMappingTests
{
    [Theory]
    [InlineData("Pending", null, ProviderPayoutState.Pending)]
    [InlineData("Pending Payee", null, ProviderPayoutState.Pending)]
    [InlineData("Transferred", null, ProviderPayoutState.Completed)]
    [InlineData("Cancelled", null, ProviderPayoutState.Cancelled)]
    [InlineData("Cancelled", "PAYEE_BANK_REJECTED", ProviderPayoutState.Rejected)]
    [InlineData("Payment Returned", "PAYMENT_RETURNED", ProviderPayoutState.Returned)]
    [InlineData("Something New", null, ProviderPayoutState.Processing)]
    [InlineData(null, null, ProviderPayoutState.Processing)]
    public void Payoneer_statuses_map_to_ours_and_unknown_ones_keep_us_polling(string? status, string? reasonCode, ProviderPayoutState expected)
    {
        var mapped = PayoneerStatusMapping.Map(new PayoutStatusReply(status, "99", reasonCode, null), "42", "Payment Returned");

        mapped.State.Should().Be(expected);
        mapped.ProviderReference.Should().Be("42");
    }
}
