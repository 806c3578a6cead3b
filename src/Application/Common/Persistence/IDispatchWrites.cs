using Payouts.Application.Dispatch;

namespace Payouts.Application.Common.Persistence;

/// <summary>The dispatcher's progress with each payout it took over.</summary>
public interface IDispatchWrites
{
    PayoutDispatch? Find(long payoutId);

    /// <summary>Creates or replaces the dispatcher's progress with a payout.</summary>
    void Save(PayoutDispatch dispatch);
}
