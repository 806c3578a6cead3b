using Payouts.Api.Rest;
using Payouts.Application.Payouts;
using DomainStatus = Payouts.Domain.Payouts.PayoutStatus;

namespace Payouts.Api.Tests.Transcoding;

/// <summary>Webhooks name statuses with the Application's words, the seed routes with the proto's: they must be the same words.</summary>
public sealed class StatusVocabularyTests
{
    [Fact]
    public void Every_status_has_one_name_in_webhooks_and_on_the_seed_routes()
    {
        foreach (var status in Enum.GetValues<DomainStatus>())
        {
            // By name, as ProtoMapping maps enums.
            var proto = Enum.Parse<Payouts.Contracts.V1.PayoutStatus>(status.ToString());
            SeedStatusNames.Of(status).Should().Be(LegacyPayout.StatusName(proto), status.ToString());
        }
    }
}
