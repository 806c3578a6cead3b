using Mapster;
using Payouts.Application.Payouts;
using Payouts.Application.Payouts.Queries.ListPayouts;
using Payouts.Contracts.V1;

namespace Payouts.Api.Services.Mapping;

/// <summary>
/// <c>payouts.v1.PayoutService</c>'s answers. The domain's state (seed 001's words) and status (seed 002's)
/// map by name onto the proto enums, so a status added to one and not the other fails the mapping test.
/// </summary>
public sealed class PayoutMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<PayoutView, Payout>()
            .Map(payout => payout.Id, view => view.PublicId)
            .Map(payout => payout.Status, view => view.State)
            .Map(payout => payout.InitiationStatus, view => view.Status)
            .Map(payout => payout.Metadata, view => view.MetadataJson)
            .Map(payout => payout.CreateTime, view => view.CreatedAt)
            .Map(payout => payout.UpdateTime, view => view.UpdatedAt);
        config.NewConfig<PayoutPage, ListPayoutsResponse>()
            .Map(response => response.Paging, page => new Paging { NextOffset = page.NextOffset });
    }
}
