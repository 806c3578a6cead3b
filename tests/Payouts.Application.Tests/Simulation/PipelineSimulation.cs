using System.Globalization;
using Payouts.Application.Balances.Queries.GetBalance;
using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Dispatch;

namespace Payouts.Application.Tests.Simulation;

/// <summary>
/// One seed's run of the payout pipeline: the real use cases, dispatcher and settlement on a real SQLite file
/// (<see cref="UseCaseHarness"/>), a fake clock, a <see cref="SimulatedProvider"/>, and a schedule drawn from the seed
/// (cash-outs with and without idempotency keys and their replays, clock jumps, provider progress, duplicate and stale notifications, restarts between steps and in the
/// middle of provider calls). The invariants are checked after every step and at quiescence; the first broken one
/// ends the run with the trace of what led to it. Everything random comes from the seed, the backoff's jitter too,
/// so a seed replays step for step.
/// </summary>
public sealed class PipelineSimulation : IAsyncDisposable
{
    private static readonly string[] Users = ["ana", "ben", "cho"];
    private readonly Random _random;
    private readonly UseCaseHarness _app;
    private readonly SimulatedProvider _provider;
    private readonly List<string> _trace = [];
    private readonly Dictionary<string, long> _credited = [];
    private readonly List<long> _payouts = [];
    private readonly List<(ProcessCashoutCommand Request, string Answer)> _keyed = [];

    public PipelineSimulation(int seed)
    {
        _random = new Random(seed);
        _provider = new SimulatedProvider(new Random(_random.Next()), _trace.Add);
        var jitter = new Random(_random.Next());
        _app = new UseCaseHarness(configure: services => services
            .AddSingleton<IPayoutProvider>(_provider)
            .AddSingleton(new DispatchPolicy { PollInterval = TimeSpan.FromSeconds(30), InFlightLease = TimeSpan.FromMinutes(2), Jitter = jitter }));
    }

    public int Restarts { get; private set; }

    /// <summary>What happened, step by step: the same for every run of the seed.</summary>
    public IReadOnlyList<string> Trace => _trace;

    /// <summary>Runs <paramref name="cashouts"/> cash-outs through the pipeline; throws <see cref="InvariantBrokenException"/> at the first broken invariant.</summary>
    public async Task RunAsync(int cashouts)
    {
        foreach (var user in Users)
        {
            await CreditAsync(user, 5_000 + _random.Next(20_000));
            await _app.LinkAsync(user, "paypal");
        }

        for (var step = 0; _payouts.Count < cashouts || step < cashouts * 2; step++)
        {
            await StepAsync(step, cashoutsLeft: _payouts.Count < cashouts);
            await CheckAsync($"after step {step}", quiescent: false);
        }

        await SettleAsync();
        await CheckAsync("at quiescence", quiescent: true);
    }

    private async Task StepAsync(int step, bool cashoutsLeft)
    {
        var roll = _random.Next(100);
        var what = roll switch
        {
            < 35 when cashoutsLeft => CashoutAsync(),
            < 40 => CreditAsync(Users[_random.Next(Users.Length)], 1 + _random.Next(3_000)),
            < 50 => NotifyAsync(),
            < 55 => RestartAsync("restart between steps"),
            < 60 => ReplayAsync(),
            _ => Task.CompletedTask,
        };
        await what;
        _app.Clock.Advance(TimeSpan.FromSeconds(_random.Next(10) == 0 ? _random.Next(3_600) : _random.Next(60)));
        _provider.Tick();
        _trace.Add($"step {step}: clock {_app.Clock.GetUtcNow():HH:mm:ss}, pump");
        await PumpAsync();
    }

    /// <summary>One dispatcher pass; a crash in the middle of a provider call throws the composition away and starts a new one.</summary>
    private async Task PumpAsync()
    {
        try
        {
            await _app.PumpDispatchAsync();
        }
        catch (SimulatedCrashException)
        {
            await RestartAsync("crash mid-call");
        }
    }

    /// <summary>Stops the composition and starts a new one on the same file, taking back in-flight work as start-up does.</summary>
    private async Task RestartAsync(string why)
    {
        Restarts++;
        await _app.RestartAsync();
        var taken = await _app.InScopeAsync(services => Task.FromResult(services.TakeBackInFlightPayouts()));
        _trace.Add($"{why}: restarted, {taken} in-flight payout(s) taken back");
    }

    /// <summary>A cash-out, with an idempotency key one time in two; an acknowledged one must exist from then on.</summary>
    private async Task CashoutAsync()
    {
        var user = Users[_random.Next(Users.Length)];
        var amount = 100 + _random.Next(4_000);
        var key = _random.Next(2) == 0 ? $"key-{_keyed.Count}" : null;
        var request = Commands.Cashout(user, amount, key: key);
        var answer = Describe(await _app.SendAsync(request));
        if (key is not null)
        {
            _keyed.Add((request, answer));
        }

        _trace.Add($"cashout {user} {amount} key {key ?? "none"} -> {answer}");
    }

    /// <summary>A client retrying a keyed cash-out, maybe across restarts and settlement: the first answer again, no new payout.</summary>
    private async Task ReplayAsync()
    {
        if (_keyed.Count == 0)
        {
            return;
        }

        var (request, first) = _keyed[_random.Next(_keyed.Count)];
        var again = Describe(await _app.SendAsync(request), acknowledge: false);
        _trace.Add($"replay {request.IdempotencyKey} -> {again}");
        Assert(again == first, $"replaying {request.IdempotencyKey} answered {again}, the first time {first}");
    }

    private string Describe(Result<CashoutProcessed> result, bool acknowledge = true)
    {
        if (result.IsSuccess && acknowledge)
        {
            _payouts.Add(result.Value.CashoutId);
        }

        return result.IsSuccess ? result.Value.ToString() : result.Error.Code;
    }

    private async Task CreditAsync(string user, long amount)
    {
        var reference = $"earning-{_credited.Count}-{_random.Next()}";
        var result = await _app.SendAsync(Commands.Credit(user, amount, reference));
        Assert(result.IsSuccess, $"credit {amount} to {user} failed: {(result.IsSuccess ? "" : result.Error.Code)}");
        _credited[user] = _credited.GetValueOrDefault(user) + amount;
        _trace.Add($"credit {user} {amount}");
    }

    /// <summary>A provider notification, sometimes twice, sometimes for a payout that has not changed: only a hint to check now.</summary>
    private async Task NotifyAsync()
    {
        if (_payouts.Count == 0)
        {
            return;
        }

        var id = _payouts[_random.Next(_payouts.Count)];
        var times = 1 + _random.Next(2);
        for (var i = 0; i < times; i++)
        {
            await _app.Service<PayoutDispatcher>().RequestCheckAsync(id, CancellationToken.None);
        }

        _trace.Add($"notification for {id} x{times}");
    }

    /// <summary>No more faults; the provider finishes what it holds (and what it is sent meanwhile); the clock runs until every payout is where the provider says.</summary>
    private async Task SettleAsync()
    {
        _provider.Faulty = false;
        _trace.Add("quiescence: faults off");
        for (var hour = 0; hour < 48 && !AgreesWithProvider(); hour++)
        {
            _provider.Finish();
            _app.Clock.Advance(TimeSpan.FromHours(1));
            await _app.PumpDispatchAsync();
        }
    }

    private bool AgreesWithProvider()
    {
        var holds = _provider.Holds;
        return _app.Stored.Payouts().All(p => IsFinal(p.Status) && Mismatch(p, holds) is null);
    }

    private async Task CheckAsync(string when, bool quiescent)
    {
        var payouts = _app.Stored.Payouts();
        var holds = _provider.Holds;
        Assert(
            payouts.Select(p => p.Id.Value).Order().SequenceEqual(_payouts.Order()),
            $"{when}: {_payouts.Count} cash-outs acknowledged, {payouts.Count} payouts stored");
        foreach (var violation in _provider.Violations)
        {
            Fail(when, violation);
        }

        foreach (var user in Users)
        {
            var balance = (await _app.AskAsync(new GetBalanceQuery(user, "USD"))).Value;
            var mine = payouts.Where(p => p.OwnerId == user).ToList();
            var paidOut = mine.Where(p => p.Status == PayoutStatus.InitiationCompleted).Sum(p => p.Amount.Minor);
            var held = mine.Where(p => !IsFinal(p.Status)).Sum(p => p.Amount.Minor);
            var credited = _credited.GetValueOrDefault(user);
            Assert(balance.Available >= 0 && balance.Reserved >= 0, $"{when}: {user}'s balance is negative ({balance.Available} available, {balance.Reserved} reserved)");
            Assert(
                credited == balance.Available + balance.Reserved + paidOut,
                $"{when}: {user} was credited {credited} but has {balance.Available} available + {balance.Reserved} reserved + {paidOut} paid out");
            Assert(balance.Reserved == held, $"{when}: {user} has {balance.Reserved} reserved for {held} in payouts not yet final");
        }

        foreach (var payout in payouts)
        {
            var id = payout.Id.Value;
            var paidAfterRelease = holds.GetValueOrDefault(id) is ProviderPayoutState.Completed or ProviderPayoutState.Processing or ProviderPayoutState.Pending
                && payout.Status is PayoutStatus.InitiationRejected or PayoutStatus.InitiationFailed or PayoutStatus.Cancelled;
            Assert(!paidAfterRelease, $"{when}: payout {id} is {payout.Status}, its money released, while the provider has it {holds.GetValueOrDefault(id)}");
            if (!IsFinal(payout.Status))
            {
                var stage = _app.Stored.DispatchStage(id);
                Assert(stage is not DispatchStage.Done and not DispatchStage.Watch, $"{when}: payout {id} is {payout.Status} but its dispatch is {stage}: nobody watches it");
            }

            if (quiescent)
            {
                Assert(IsFinal(payout.Status), $"{when}: payout {id} is still {payout.Status} (dispatch {_app.Stored.DispatchStage(id)}) though the provider has it {holds.GetValueOrDefault(id)}");
                Assert(Mismatch(payout, holds) is null, $"{when}: payout {id}: {Mismatch(payout, holds)}");
            }
        }
    }

    /// <summary>How our final status disagrees with the provider's, if it does.</summary>
    private static string? Mismatch(Payout payout, IReadOnlyDictionary<long, ProviderPayoutState> holds)
    {
        var theirs = holds.TryGetValue(payout.Id.Value, out var state) ? state : ProviderPayoutState.NotFound;
        var expected = theirs switch
        {
            ProviderPayoutState.Completed => PayoutStatus.InitiationCompleted,
            ProviderPayoutState.Returned => PayoutStatus.Returned,
            ProviderPayoutState.Failed => PayoutStatus.InitiationFailed,
            ProviderPayoutState.Rejected or ProviderPayoutState.NotFound => PayoutStatus.InitiationRejected,
            _ => (PayoutStatus?)null,
        };
        return expected == payout.Status ? null : $"we say {payout.Status}, the provider says {theirs}";
    }

    private static bool IsFinal(PayoutStatus status) => status is not (PayoutStatus.InitiationPending or PayoutStatus.InitiationProcessing);

    private void Assert(bool holds, string violation)
    {
        if (!holds)
        {
            Fail(violation, null);
        }
    }

    private void Fail(string when, string? violation) =>
        throw new InvariantBrokenException(violation is null ? when : $"{when}: {violation}", _trace);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>A broken invariant, with the last steps that led to it.</summary>
public sealed class InvariantBrokenException(string violation, IReadOnlyList<string> trace)
    : Exception(violation + Environment.NewLine + string.Join(Environment.NewLine, trace.TakeLast(60).Select(t => "  " + t)));
