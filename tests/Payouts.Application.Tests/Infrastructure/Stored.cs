using Payouts.Application.Common.Persistence;
using Payouts.Application.Dispatch;
using Payouts.Application.Payouts;
using Payouts.Application.Webhooks;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>
/// What is on disk, for what no use case answers: read through the service's EF model and row mapping, as its
/// readers and workers read it, never through SQL text. A test names what it expects (the outbox holds one message,
/// the payout is cancelled), and a change of schema is an edit to the model, not to every test that looked.
/// </summary>
public sealed class Stored(IServiceProvider services)
{
    public IReadOnlyList<Payout> Payouts() => Read(db => db.Payouts.OrderBy(p => p.Id).AsEnumerable().Select(RowMapping.FromRow).ToList());

    public Payout Payout(long id) => Payouts().Single(p => p.Id.Value == id);

    public MerchantPayoutDetails MerchantPayout(long payoutId) =>
        Read(db => RowMapping.FromRow(db.MerchantPayouts.Single(p => p.PayoutId == payoutId)));

    /// <summary>Every ledger entry, or only those of <paramref name="ownerId"/>'s accounts; oldest first.</summary>
    public IReadOnlyList<LedgerEntry> LedgerEntries(string? ownerId = null) => Read(db =>
    {
        var accounts = db.BalanceAccounts.Where(a => ownerId == null || a.OwnerId == ownerId).Select(a => a.Id);
        return db.LedgerEntries.Where(e => accounts.Contains(e.AccountId)).OrderBy(e => e.Id).AsEnumerable()
            .Select(e => new LedgerEntry(Guid.Parse(e.Id), Guid.Parse(e.AccountId), Enum.Parse<EntryKind>(e.Kind), e.Amount, e.Reference, RowMapping.FromMs(e.CreatedAtMs)))
            .ToList();
    });

    /// <summary>Messages the dispatcher has not taken yet, oldest first.</summary>
    public IReadOnlyList<OutboxMessage> Outbox() =>
        Read(db => db.OutboxMessages.OrderBy(m => m.Id).AsEnumerable().Select(m => new OutboxMessage(m.Type, m.Payload, RowMapping.FromMs(m.CreatedAtMs))).ToList());

    /// <summary>Every balance account, by owner and currency, in one read.</summary>
    public IReadOnlyDictionary<(string Owner, string Currency), (long Available, long Reserved)> Balances() =>
        Read(db => db.BalanceAccounts.AsEnumerable().ToDictionary(a => (a.OwnerId, a.Currency), a => (a.Available, a.Reserved)));

    /// <summary>Every payout's dispatch stage, in one read (the simulation checks them all after every step).</summary>
    public IReadOnlyDictionary<long, DispatchStage> DispatchStages() =>
        Read(db => db.PayoutDispatches.AsEnumerable().ToDictionary(d => d.PayoutId, d => Enum.Parse<DispatchStage>(d.Stage)));

    public DispatchStage DispatchStage(long payoutId) => Read(db => Enum.Parse<DispatchStage>(db.PayoutDispatches.Single(d => d.PayoutId == payoutId).Stage));

    public IReadOnlyList<WebhookDelivery> WebhookDeliveries() =>
        Read(db => db.WebhookDeliveries.OrderBy(d => d.Id).AsEnumerable().Select(RowMapping.FromRow).ToList());

    public WebhookDelivery WebhookDelivery(long id) => WebhookDeliveries().Single(d => d.Id == id);

    public IReadOnlyList<WebhookAttempt> WebhookAttempts(long deliveryId) => Read(db => db.WebhookAttempts
        .Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Id).AsEnumerable()
        .Select(a => new WebhookAttempt(a.DeliveryId, RowMapping.FromMs(a.AttemptedAtMs), a.StatusCode, a.Error, TimeSpan.FromMilliseconds(a.DurationMs)))
        .ToList());

    private T Read<T>(Func<PayoutsDbContext, T> query)
    {
        using var scope = services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<PayoutsDbContext>());
    }
}
