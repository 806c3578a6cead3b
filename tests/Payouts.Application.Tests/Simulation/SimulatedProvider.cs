using System.Globalization;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Simulation;

/// <summary>How a provider answers a lookup by our payout id: the adapters differ, and the dispatcher must be right with both.</summary>
public enum Lookup
{
    /// <summary>The truth by our id (Tupay's external_id, Tipalti's RefCode, Payoneer's client_reference_id).</summary>
    ByOurId,

    /// <summary>
    /// PayPal's: it cannot be asked by sender_batch_id, so until we hold its batch id the adapter answers NotFound
    /// without asking, and a resubmission under the same id is adopted (PayPal answers with the original batch).
    /// </summary>
    BlindUntilAccepted,
}

/// <summary>
/// A payout provider whose every answer comes from the simulation's seeded Random: accepted, refused, 429, timeouts
/// before and after it kept the payout, 5xx, unreadable replies, our process dying mid-call or while recording the
/// answer, and payouts that end paid, rejected, failed, or paid and returned later. It keeps what a real provider
/// keeps (what it holds under our payout id) and what the dispatcher promised about it: it records a violation when
/// a payout is sent again without the provider having said it never received the earlier attempt, or, for a
/// provider that looks up by our id, while it holds the payout (without idempotency keys that would pay it twice).
/// </summary>
/// <param name="crashInNextCommit">Arms <see cref="SimulationDatabase.ArmCrash"/>: our process dies in the commit that records this answer (or the next).</param>
public sealed class SimulatedProvider(Provider provider, Lookup lookup, Random random, Action<string> trace, Action crashInNextCommit) : IPayoutProvider
{
    private readonly Dictionary<long, Held> _held = [];
    private readonly Dictionary<long, int> _submits = [];
    private readonly HashSet<long> _saidNotReceived = [];

    public Provider Provider => provider;

    /// <summary>Off for the quiescence phase: every call then answers, and nothing new goes wrong.</summary>
    public bool Faulty { get; set; } = true;

    public List<string> Violations { get; } = [];

    /// <summary>What the provider holds under each payout id, and where it is with it.</summary>
    public IReadOnlyDictionary<long, ProviderPayoutState> Holds => _held.ToDictionary(h => h.Key, h => h.Value.State);

    public Task<SubmitOutcome> SubmitAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        var id = payout.PayoutId;
        var earlier = _submits.GetValueOrDefault(id);
        _submits[id] = earlier + 1;
        if (earlier > 0 && !_saidNotReceived.Contains(id))
        {
            Violations.Add($"payout {id} sent again (attempt {earlier + 1}) without the provider having said it never received the earlier one");
        }

        if (_held.ContainsKey(id) && lookup == Lookup.ByOurId)
        {
            Violations.Add($"payout {id} sent again while {ProviderNames.Of(provider)} holds it: a provider without idempotency keys would pay it twice");
        }

        _saidNotReceived.Remove(id);
        var roll = Faulty ? random.Next(100) : 99;
        SubmitOutcome outcome = roll switch
        {
            < 6 when _held.ContainsKey(id) => Keep(payout, new SubmitOutcome.Accepted(ReferenceOf(id))), // its idempotency key: adopted, never refused
            < 6 => new SubmitOutcome.Refused("RECEIVER_UNREGISTERED", "simulated refusal"),
            < 12 => Remember(id, new SubmitOutcome.NotSent("HTTP 429")),
            < 18 => new SubmitOutcome.Unknown("timeout before the provider processed it"),
            < 25 => Keep(payout, new SubmitOutcome.Unknown("timeout after the provider processed it")),
            < 30 => random.Next(2) == 0 ? Keep(payout, new SubmitOutcome.Unknown("HTTP 503")) : new SubmitOutcome.Unknown("HTTP 502"),
            < 34 => Keep(payout, new SubmitOutcome.Unknown("unreadable reply")),
            < 39 => Crash(payout, keep: random.Next(2) == 0),
            < 42 => CrashWhileRecording(Keep(payout, new SubmitOutcome.Accepted(ReferenceOf(id)))),
            _ => Keep(payout, new SubmitOutcome.Accepted(ReferenceOf(id))),
        };
        trace($"provider: {ProviderNames.Of(provider)} submit {id} -> {outcome}");
        return Task.FromResult(outcome);
    }

    public Task<ProviderResult<ProviderPayoutStatus>> GetStatusAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        var id = payout.PayoutId;
        var roll = Faulty ? random.Next(100) : 99;
        ProviderResult<ProviderPayoutStatus> answer = roll switch
        {
            < 4 => new ProviderFailure(true, "503", "simulated 5xx"),
            < 7 => new ProviderFailure(true, "429", "simulated rate limit"),
            < 9 => new ProviderFailure(true, "timeout", "simulated timeout"),
            < 11 => new ProviderFailure(false, "malformed", "simulated unreadable reply"),
            < 13 => throw Crashed($"provider: status {id} -> our process dies mid-call"),
            < 15 => CrashWhileRecording(StatusOf(payout)),
            _ => StatusOf(payout),
        };
        trace($"provider: {ProviderNames.Of(provider)} status {id} -> {(answer.IsSuccess ? answer.Value : answer.Failure)}");
        return Task.FromResult(answer);
    }

    /// <summary>Time passes at the provider: some payouts it holds move one stage towards their end.</summary>
    public void Tick()
    {
        foreach (var (id, held) in _held.Where(_ => random.Next(4) == 0).ToList())
        {
            var next = Next(held);
            if (next != held.State)
            {
                trace($"provider: {id} {held.State} -> {next}");
                held.State = next;
            }
        }
    }

    /// <summary>Every payout the provider holds reaches its end: the world the quiescence phase settles against.</summary>
    public void Finish()
    {
        foreach (var held in _held.Values)
        {
            while (Next(held) != held.State)
            {
                held.State = Next(held);
            }
        }
    }

    private static ProviderPayoutState Next(Held held) => held.State switch
    {
        ProviderPayoutState.Pending => ProviderPayoutState.Processing,
        ProviderPayoutState.Processing => held.End == ProviderPayoutState.Returned ? ProviderPayoutState.Completed : held.End,
        ProviderPayoutState.Completed when held.End == ProviderPayoutState.Returned => ProviderPayoutState.Returned,
        _ => held.State,
    };

    private ProviderPayoutStatus StatusOf(PayoutInstruction payout)
    {
        var id = payout.PayoutId;
        var blind = lookup == Lookup.BlindUntilAccepted && payout.ProviderReference is null;
        if (blind || !_held.TryGetValue(id, out var held))
        {
            // Blind, the adapter's NotFound is the port's "sending again under the same id is safe": what it allows.
            _saidNotReceived.Add(id);
            return new ProviderPayoutStatus(ProviderPayoutState.NotFound);
        }

        var reason = held.State is ProviderPayoutState.Rejected or ProviderPayoutState.Failed or ProviderPayoutState.Returned ? "simulated" : null;
        return new ProviderPayoutStatus(held.State, ReferenceOf(id), reason);
    }

    private SubmitOutcome Keep(PayoutInstruction payout, SubmitOutcome answer)
    {
        var roll = random.Next(100);
        var end = roll switch
        {
            < 70 => ProviderPayoutState.Completed,
            < 80 => ProviderPayoutState.Returned,
            < 90 => ProviderPayoutState.Rejected,
            _ => ProviderPayoutState.Failed,
        };
        _held.TryAdd(payout.PayoutId, new Held(end));
        return answer;
    }

    private T CrashWhileRecording<T>(T answer)
    {
        trace($"provider: {answer} -> our process dies while recording it");
        crashInNextCommit();
        return answer;
    }

    private SubmitOutcome Remember(long id, SubmitOutcome notSent)
    {
        _saidNotReceived.Add(id);
        return notSent;
    }

    private SubmitOutcome Crash(PayoutInstruction payout, bool keep)
    {
        if (keep)
        {
            Keep(payout, new SubmitOutcome.Accepted(ReferenceOf(payout.PayoutId)));
        }

        throw Crashed($"provider: submit {payout.PayoutId} -> our process dies mid-call (provider {(keep ? "kept" : "never got")} it)");
    }

    private SimulatedCrashException Crashed(string what)
    {
        trace(what);
        return new SimulatedCrashException();
    }

    private static string ReferenceOf(long id) => "sim-" + id.ToString(CultureInfo.InvariantCulture);

    private sealed class Held(ProviderPayoutState end)
    {
        public ProviderPayoutState End { get; } = end;

        public ProviderPayoutState State { get; set; } = ProviderPayoutState.Pending;
    }
}

/// <summary>Our process dying in the middle of a provider call: the simulation restarts the composition.</summary>
public sealed class SimulatedCrashException() : Exception("simulated crash");
