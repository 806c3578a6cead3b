using System.Text.Json;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Tests.Webhooks;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Ledger;
using Payouts.Domain.Payouts;
using static Payouts.Domain.Payouts.PayoutStatus;

namespace Payouts.Application.Tests.Payouts;

/// <summary>
/// ADR-006: a unit of work that does nothing but create a payout or call one transition still writes the ledger
/// entry and sends the merchant the webhook that change implies. The edges are found by trying every transition
/// on a payout in every status, so an edge added to the lifecycle is tested here without anyone listing it.
/// </summary>
public sealed class PayoutSideEffectsTests : IAsyncLifetime
{
    private const long Funded = 10_000;
    private static readonly Money Amount = Money.FromMinor(1_000, Currency.From("EUR").Value);
    private static readonly string Owner = MerchantAccounts.OwnerOf(WebhookTestBed.Merchant);
    private static readonly PayoutId Id = new(7);

    /// <summary>Each transition, the ledger entry it must add and the webhook it must send.</summary>
    private static readonly Dictionary<string, (Func<Payout, DateTimeOffset, Result> Apply, EntryKind? Entry, string? Webhook)> Transitions = new()
    {
        ["ProvideRecipientDetails"] = ((p, now) => p.ProvideRecipientDetails(Provider.Tupay, now), null, null),
        ["StartProcessing"] = ((p, now) => p.StartProcessing("prov-1", now), null, "payout.processing"),
        ["Complete"] = ((p, now) => p.Complete(now), EntryKind.Post, "payout.succeeded"),
        ["Reject"] = ((p, now) => p.Reject("Recipient account closed", now), EntryKind.Void, "payout.failed"),
        ["Fail"] = ((p, now) => p.Fail("Provider unavailable", now), EntryKind.Void, "payout.failed"),
        ["Cancel"] = ((p, now) => p.Cancel(now), EntryKind.Void, "payout.cancelled"),
        ["Return"] = ((p, now) => p.Return("Returned by bank", now), EntryKind.Reversal, "payout.failed"),
    };

    /// <summary>How a new payout (created without a destination) reaches each status that has an exit.</summary>
    private static readonly Dictionary<PayoutStatus, string[]> PathTo = new()
    {
        [AwaitingRecipientDetails] = [],
        [InitiationPending] = ["ProvideRecipientDetails"],
        [InitiationProcessing] = ["ProvideRecipientDetails", "StartProcessing"],
        [InitiationCompleted] = ["ProvideRecipientDetails", "StartProcessing", "Complete"],
    };

    private WebhookTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await WebhookTestBed.StartAsync();
        (await _bed.Harness.SendAsync(Infrastructure.Commands.Credit(Owner, Funded, currency: "EUR"))).IsSuccess.Should().BeTrue();
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    /// <summary>Every (status, transition) pair the payout accepts as a change.</summary>
    public static TheoryData<PayoutStatus, string> Edges()
    {
        var edges = new TheoryData<PayoutStatus, string>();
        foreach (var status in Enum.GetValues<PayoutStatus>())
        {
            foreach (var (name, transition) in Transitions)
            {
                var payout = Payout.Restore(Id, PayoutKind.MerchantPayout, Owner, Amount, Provider.Tupay, status, "prov-1", null, default, default, 1);
                if (transition.Apply(payout, DateTimeOffset.UnixEpoch).IsSuccess && payout.Version == 2)
                {
                    edges.Add(status, name);
                }
            }
        }

        return edges;
    }

    [Fact]
    public async Task Creating_a_payout_alone_reserves_its_amount()
    {
        (await CreateAsync()).Should().BeTrue();

        (await LedgerAsync()).Should().BeEquivalentTo(new Ledger(Funded - Amount.Minor, Amount.Minor, [EntryKind.Reserve]));
        await _bed.PumpAsync();
        _bed.Receiver.Received.Should().BeEmpty("a new payout is no news for the merchant's webhook");
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task A_transition_alone_writes_its_ledger_entry_and_sends_its_webhook(PayoutStatus from, string transition)
    {
        PathTo.Should().ContainKey(from, "every status with an exit needs a way to reach it here");
        (await CreateAsync()).Should().BeTrue();
        foreach (var step in PathTo[from])
        {
            await TransitionAsync(step);
        }

        await _bed.PumpAsync();
        var before = await LedgerAsync();
        var sentBefore = _bed.Receiver.Received.Count;

        var version = await TransitionAsync(transition);

        var (_, entry, webhook) = Transitions[transition];
        var expected = entry switch
        {
            EntryKind.Post => before with { Reserved = before.Reserved - Amount.Minor },
            EntryKind.Void => before with { Available = before.Available + Amount.Minor, Reserved = before.Reserved - Amount.Minor },
            EntryKind.Reversal => before with { Available = before.Available + Amount.Minor },
            _ => before,
        };
        (await LedgerAsync()).Should().BeEquivalentTo(
            expected with { Entries = entry is { } kind ? [.. before.Entries, kind] : before.Entries }, options => options.WithStrictOrdering());
        await _bed.PumpAsync();
        _bed.Receiver.Received.Skip(sentBefore).Select(TypeAndSequence).Should().Equal(webhook is null ? [] : [(webhook, version)]);
    }

    private static (string Type, long Sequence) TypeAndSequence(ReceivedWebhook webhook) =>
        (JsonDocument.Parse(webhook.Body).RootElement.GetProperty("type").GetString()!, webhook.Sequence);

    /// <summary>A merchant payout without a destination, whose webhooks go to the test's receiver; nothing else in the unit.</summary>
    private Task<bool> CreateAsync() => InUnitAsync(session =>
    {
        var now = _bed.Clock.GetUtcNow();
        session.Payouts.Add(Payout.CreateMerchantPayout(Id, Owner, Amount, null, now));
        return session.MerchantPayouts.TryAdd(
            new MerchantPayoutDetails(Id.Value, WebhookTestBed.Merchant, null, null, null, null, _bed.Receiver.Url, null, null, null, null, null, now.AddHours(1), null),
            contentHash: "content");
    });

    /// <summary>Finds the payout and calls the transition, nothing more; returns the payout's new version.</summary>
    private Task<long> TransitionAsync(string name) => InUnitAsync(session =>
    {
        var payout = session.Payouts.Find(Id)!;
        Transitions[name].Apply(payout, _bed.Clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        return payout.Version;
    });

    /// <summary>The owner's balances, and the kinds of the entries the payout wrote (in the order the kinds are declared).</summary>
    private Task<Ledger> LedgerAsync() => InUnitAsync(session =>
    {
        var account = session.Ledger.FindAccount(Owner, Amount.Currency)!;
        return new Ledger(
            account.Available, account.Reserved, [.. Enum.GetValues<EntryKind>().Where(kind => session.Ledger.FindEntry(account.Id, kind, Id.ToString()) is not null)]);
    });

    private async Task<T> InUnitAsync<T>(Func<IWriteSession, T> work)
    {
        var result = await _bed.Harness.InScopeAsync(services =>
            services.GetRequiredService<IUnitOfWork>().ExecuteAsync(session => Result<T>.Success(work(session)), CancellationToken.None));
        result.IsSuccess.Should().BeTrue();
        return result.Value;
    }

    private sealed record Ledger(long Available, long Reserved, IReadOnlyList<EntryKind> Entries);
}
