using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Application.Webhooks;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Simulation;

/// <summary>What must hold after every step, and what more must hold at quiescence.</summary>
public sealed partial class PipelineSimulation
{
    private void Check(string when, bool quiescent)
    {
        var payouts = _app.Stored.Payouts();
        var holds = Holds();
        Assert(
            payouts.Select(p => p.Id.Value).Order().SequenceEqual(_payouts.Order()),
            $"{when}: {_payouts.Count} payouts acknowledged, {payouts.Count} stored");
        foreach (var violation in _providers.SelectMany(p => p.Violations))
        {
            Fail(when, violation);
        }

        var balances = _app.Stored.Balances();
        foreach (var (owner, currency) in _credited.Keys)
        {
            CheckMoney(when, owner, currency, balances[(owner, currency)], payouts.Where(p => p.OwnerId == owner && p.Amount.Currency.Code == currency).ToList());
        }

        var stages = _app.Stored.DispatchStages();
        foreach (var payout in payouts)
        {
            CheckPayout(when, payout, holds, stages, quiescent);
        }

        CheckWebhooks(when, payouts, quiescent);
    }

    /// <summary>
    /// Credited = available + reserved + paid out, nothing negative, and reserved is exactly what payouts not yet final
    /// hold. The balance is read from its row, as the balance query reads it, all accounts at once.
    /// </summary>
    private void CheckMoney(string when, string owner, string currency, (long Available, long Reserved) balance, List<Payout> theirs)
    {
        var paidOut = theirs.Where(p => p.Status == PayoutStatus.InitiationCompleted).Sum(p => p.Amount.Minor);
        var held = theirs.Where(p => !IsFinal(p.Status)).Sum(p => p.Amount.Minor);
        var credited = _credited[(owner, currency)];
        Assert(balance.Available >= 0 && balance.Reserved >= 0, $"{when}: {owner}'s {currency} balance is negative ({balance.Available} available, {balance.Reserved} reserved)");
        Assert(
            credited == balance.Available + balance.Reserved + paidOut,
            $"{when}: {owner} was credited {credited} {currency} but has {balance.Available} available + {balance.Reserved} reserved + {paidOut} paid out");
        Assert(balance.Reserved == held, $"{when}: {owner} has {balance.Reserved} {currency} reserved for {held} in payouts not yet final");
    }

    /// <summary>No money released for what a provider holds; a payout not final is watched; at quiescence final and as its provider says.</summary>
    private void CheckPayout(string when, Payout payout, IReadOnlyDictionary<long, ProviderPayoutState> holds, IReadOnlyDictionary<long, DispatchStage> stages, bool quiescent)
    {
        var id = payout.Id.Value;
        var theirs = holds.GetValueOrDefault(id, ProviderPayoutState.NotFound);
        var paidAfterRelease = theirs is ProviderPayoutState.Completed or ProviderPayoutState.Processing or ProviderPayoutState.Pending
            && payout.Status is PayoutStatus.InitiationRejected or PayoutStatus.InitiationFailed or PayoutStatus.Cancelled;
        Assert(!paidAfterRelease, $"{when}: payout {id} is {payout.Status}, its money released, while its provider has it {theirs}");
        var stage = stages.TryGetValue(id, out var known) ? known : (DispatchStage?)null;
        var waitsForForm = payout.Status == PayoutStatus.AwaitingRecipientDetails && stage is null;
        if (!IsFinal(payout.Status) && !waitsForForm)
        {
            Assert(stage is not DispatchStage.Done and not DispatchStage.Watch, $"{when}: payout {id} is {payout.Status} but its dispatch is {stage?.ToString() ?? "missing"}: nobody watches it");
        }

        if (quiescent)
        {
            Assert(IsFinal(payout.Status), $"{when}: payout {id} is still {payout.Status} (dispatch {stage}) though its provider has it {theirs}");
            Assert(Mismatch(payout, theirs) is null, $"{when}: payout {id}: {Mismatch(payout, theirs)}");
        }
    }

    /// <summary>
    /// What the merchant relies on: a payout's events never arrive older after newer; nothing is recorded delivered
    /// that the merchant did not take; at quiescence nothing is left to send and the last event of each payout says
    /// its final status.
    /// </summary>
    private void CheckWebhooks(string when, IReadOnlyList<Payout> payouts, bool quiescent)
    {
        foreach (var arrivals in _merchant.Arrivals.GroupBy(a => a.PayoutId))
        {
            var sequences = arrivals.Select(a => a.Sequence).ToList();
            Assert(sequences.SequenceEqual(sequences.Order()), $"{when}: the merchant got payout {arrivals.Key}'s events in the order {string.Join(", ", sequences)}");
        }

        var taken = _merchant.Arrivals.Select(a => a.MessageId).ToHashSet();
        var deliveries = _app.Stored.WebhookDeliveries();
        foreach (var delivery in deliveries.Where(d => d.Status == WebhookDeliveryStatus.Delivered))
        {
            Assert(taken.Contains(StandardWebhooks.MessageId(delivery.Id)), $"{when}: webhook {delivery.Id} is recorded delivered, but the merchant never took it");
        }

        if (!quiescent)
        {
            return;
        }

        Assert(!deliveries.Any(IsOpen), $"{when}: webhooks still pending or being sent: {string.Join(", ", deliveries.Where(IsOpen).Select(d => d.Id))}");
        foreach (var payout in payouts.Where(p => p.Kind == PayoutKind.MerchantPayout))
        {
            var last = _merchant.Arrivals.Where(a => a.PayoutId == payout.Id.Value).MaxBy(a => a.Sequence);
            Assert(
                last is not null && last.Sequence == payout.Version && last.Type == EventOf(payout.Status),
                $"{when}: merchant payout {payout.Id.Value} is {payout.Status} (version {payout.Version}), but the last event the merchant has is {last?.ToString() ?? "none"}");
        }
    }

    private static string EventOf(PayoutStatus status) => status switch
    {
        PayoutStatus.InitiationCompleted => WebhookEvents.Succeeded,
        PayoutStatus.Cancelled => WebhookEvents.Cancelled,
        _ => WebhookEvents.Failed,
    };

    /// <summary>Whether quiescence is reached: every payout final and as its provider says, and no webhook left to send.</summary>
    private bool Settled()
    {
        var holds = Holds();
        return _app.Stored.Payouts().All(p => IsFinal(p.Status) && Mismatch(p, holds.GetValueOrDefault(p.Id.Value, ProviderPayoutState.NotFound)) is null)
            && !_app.Stored.WebhookDeliveries().Any(IsOpen);
    }

    private static bool IsOpen(WebhookDelivery delivery) => delivery.Status is WebhookDeliveryStatus.Pending or WebhookDeliveryStatus.Sending;

    private Dictionary<long, ProviderPayoutState> Holds() => _providers.SelectMany(p => p.Holds).ToDictionary();

    /// <summary>How our final status disagrees with the provider's, if it does (a cancelled payout never reached one).</summary>
    private static string? Mismatch(Payout payout, ProviderPayoutState theirs)
    {
        var expected = theirs switch
        {
            ProviderPayoutState.Completed => PayoutStatus.InitiationCompleted,
            ProviderPayoutState.Returned => PayoutStatus.Returned,
            ProviderPayoutState.Failed => PayoutStatus.InitiationFailed,
            ProviderPayoutState.NotFound when payout.Status == PayoutStatus.Cancelled => PayoutStatus.Cancelled,
            ProviderPayoutState.Rejected or ProviderPayoutState.NotFound => PayoutStatus.InitiationRejected,
            _ => (PayoutStatus?)null,
        };
        return expected == payout.Status ? null : $"we say {payout.Status}, its provider says {theirs}";
    }

    private static bool IsFinal(PayoutStatus status) =>
        status is not (PayoutStatus.AwaitingRecipientDetails or PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing);

    private void Assert(bool holds, string violation)
    {
        if (!holds)
        {
            Fail(violation, null);
        }
    }

    private void Fail(string when, string? violation) =>
        throw new InvariantBrokenException(violation is null ? when : $"{when}: {violation}", _trace);
}
