using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Persistence;

/// <summary>Payouts of every kind (cashouts and merchant payouts).</summary>
public interface IPayoutWrites
{
    /// <summary>
    /// The payout as stored. Change it through its transition methods only: when the unit's work succeeds, the
    /// unit of work saves it (if it still has the version read here; one change at a time per payout) and
    /// dispatches its events.
    /// </summary>
    Payout? Find(PayoutId id);

    /// <summary>
    /// A new payout's id: unique across every process writing the database, positive, increasing with the time it is
    /// drawn. Drawn inside the unit, so that it commits with the payout as soon as possible after it is drawn.
    /// </summary>
    PayoutId NextId();

    /// <summary>Inserts the payout; the unit of work dispatches its PayoutCreated event when the unit's work succeeds.</summary>
    void Add(Payout payout);
}
