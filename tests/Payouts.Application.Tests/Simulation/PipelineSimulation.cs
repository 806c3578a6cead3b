using Microsoft.Extensions.Configuration;
using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Application.Merchants;
using Payouts.Application.Payouts;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Application.Tests.Webhooks;
using Payouts.Application.Webhooks;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using Payouts.Infrastructure.Dispatch;
using Payouts.Infrastructure.Webhooks;

namespace Payouts.Application.Tests.Simulation;

/// <summary>
/// One seed's run of the payout pipeline: the real use cases, dispatcher, settlement and webhook sender on a real
/// SQLite file (<see cref="UseCaseHarness"/>), a fake clock, two <see cref="SimulatedProvider"/>s with the adapters'
/// two lookup rules, a <see cref="SimulatedMerchant"/> endpoint, and a schedule drawn from the seed: users' cash-outs
/// with and without idempotency keys and their replays, a merchant's payouts whose recipient fills the hosted form or
/// lets it expire, clock jumps, provider progress, duplicate and stale notifications, and restarts between steps, in
/// the middle of provider and webhook calls, and inside a unit of work's commit. The invariants
/// (PipelineSimulation.Invariants.cs) are checked after every step and at quiescence; the first broken one ends
/// the run with the trace of what led to it. Everything random comes from the seed, the backoff's jitter too, so a
/// seed replays step for step.
/// </summary>
public sealed partial class PipelineSimulation : IAsyncDisposable
{
    private const string Merchant = Commands.Merchant;
    private static readonly string MerchantOwner = MerchantAccounts.OwnerOf(Merchant);

    /// <summary>Users and the method they cash out to: PayPal's lookup is blind, Tipalti's is by our id.</summary>
    private static readonly (string User, string Method)[] Users = [("ana", "paypal"), ("ben", "paypal"), ("cho", "tipalti")];

    private readonly Random _random;
    private readonly UseCaseHarness _app;
    private readonly SimulatedProvider[] _providers;
    private readonly SimulatedMerchant _merchant;
    private readonly List<string> _trace = [];
    private readonly Dictionary<(string Owner, string Currency), long> _credited = [];
    private readonly List<long> _payouts = [];
    private readonly List<(ProcessCashoutCommand Request, string Answer)> _keyed = [];
    private bool _crashArmed;

    public PipelineSimulation(int seed)
    {
        _random = new Random(seed);
        _providers =
        [
            new SimulatedProvider(Provider.PayPal, Lookup.BlindUntilAccepted, new Random(_random.Next()), _trace.Add, CrashInNextCommit),
            new SimulatedProvider(Provider.Tipalti, Lookup.ByOurId, new Random(_random.Next()), _trace.Add, CrashInNextCommit),
            new SimulatedProvider(Provider.Tupay, Lookup.ByOurId, new Random(_random.Next()), _trace.Add, CrashInNextCommit),
        ];
        _merchant = new SimulatedMerchant(new Random(_random.Next()), _trace.Add, CrashInNextCommit);
        var jitter = new Random(_random.Next());
        var webhookJitter = new Random(_random.Next());
        _app = new UseCaseHarness(databaseFile: SimulationDatabase.TemplateFile, configure: services =>
        {
            SimulationDatabase.WithoutFsync(services);
            foreach (var provider in _providers)
            {
                services.AddSingleton<IPayoutProvider>(provider);
            }

            services.AddSingleton(new DispatchPolicy { PollInterval = TimeSpan.FromSeconds(30), InFlightLease = TimeSpan.FromMinutes(2), Jitter = jitter });
            services.Configure<PayoutPolicy>(policy => policy.FormLifetime = TimeSpan.FromHours(6));
            services.AddWebhooks(new ConfigurationBuilder().Build());
            services.AddSingleton(new WebhookOptions { Jitter = webhookJitter });
            // No handler lifetime: its expiry and clean-up timers held every thrown-away composition (the sender holds
            // the client whose handler they wait to see collected), 0.7 MB a seed that a long run never got back.
            services.AddHttpClient<WebhookClient>().ConfigurePrimaryHttpMessageHandler(() => _merchant).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddSingleton<IMerchantSigningKeys>(new FakeSigningKeys(new() { [Merchant] = ["tk_test_simulation"] }));
        });
    }

    public int Restarts { get; private set; }

    /// <summary>What happened, step by step: the same for every run of the seed.</summary>
    public IReadOnlyList<string> Trace => _trace;

    /// <summary>Runs until <paramref name="payouts"/> payouts were acknowledged; throws <see cref="InvariantBrokenException"/> at the first broken invariant.</summary>
    public async Task RunAsync(int payouts)
    {
        foreach (var (user, method) in Users)
        {
            await CreditAsync(user, "USD", 5_000 + _random.Next(20_000));
            await _app.LinkAsync(user, method);
        }

        await CreditAsync(MerchantOwner, "PEN", 20_000 + _random.Next(20_000));
        for (var step = 0; _payouts.Count < payouts || step < payouts * 2; step++)
        {
            await StepAsync(step, payoutsLeft: _payouts.Count < payouts);
            Check($"after step {step}", quiescent: false);
        }

        await SettleAsync();
        Check("at quiescence", quiescent: true);
    }

    private async Task StepAsync(int step, bool payoutsLeft)
    {
        if (_random.Next(100) < 3)
        {
            CrashInNextCommit();
        }

        // About one step in four only lets time pass: enough for the providers and the dispatcher to move between
        // requests; more (two in five before) cost a seed's time and checks without adding a fault.
        var roll = _random.Next(100);
        var what = roll switch
        {
            < 30 when payoutsLeft => CashoutAsync(),
            < 40 when payoutsLeft => MerchantPayoutAsync(),
            < 48 => CreditAsync(Users[_random.Next(Users.Length)].User, "USD", 1 + _random.Next(3_000)),
            < 63 => NotifyAsync(),
            < 68 => RestartAsync("restart between steps"),
            < 77 => ReplayAsync(),
            _ => Task.CompletedTask,
        };
        await what;
        _app.Clock.Advance(TimeSpan.FromSeconds(_random.Next(10) == 0 ? _random.Next(3_600) : _random.Next(60)));
        foreach (var provider in _providers)
        {
            provider.Tick();
        }

        _trace.Add($"step {step}: clock {_app.Clock.GetUtcNow():HH:mm:ss}, pump");
        await SurvivingAsync("dispatch", () => _app.PumpDispatchAsync());
        await SurvivingAsync("webhooks", () => _app.Service<WebhookSender>().PumpOnceAsync(CancellationToken.None));
    }

    /// <summary>Runs background work; if our process dies in it (mid-call, or in a commit), throws the composition away and starts a new one.</summary>
    private async Task SurvivingAsync(string what, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception crash) when (crash is SimulatedCrashException || SimulationDatabase.IsCrash(crash))
        {
            await RestartAsync($"crash in {what}");
        }
    }

    /// <summary>
    /// A request as a client sends it: if our process dies before answering, the client sends it again once the
    /// service is back (same key, same reference), and only that answer counts as acknowledged.
    /// </summary>
    private async Task<Result<T>> RequestAsync<T>(ICommand<T> command)
    {
        try
        {
            return await _app.SendAsync(command);
        }
        catch (Exception crash) when (SimulationDatabase.IsCrash(crash))
        {
            await RestartAsync("crash in a request");
            return await _app.SendAsync(command);
        }
    }

    /// <summary>Stops the composition and starts a new one on the same file, taking back in-flight work as start-up does.</summary>
    private async Task RestartAsync(string why)
    {
        Restarts++;
        await _app.RestartAsync();
        if (_crashArmed)
        {
            SimulationDatabase.ArmCrash(_app.DatabasePath, atWrite: null);
            _crashArmed = false;
        }

        var taken = await _app.InScopeAsync(services => Task.FromResult(services.TakeBackInFlightPayouts()));
        _trace.Add($"{why}: restarted, {taken} in-flight payout(s) taken back");
    }

    /// <summary>Our process dies at one of the next few row writes: inside the next commit, or the one after.</summary>
    private void CrashInNextCommit()
    {
        if (!_crashArmed)
        {
            var atWrite = 1 + _random.Next(4);
            SimulationDatabase.ArmCrash(_app.DatabasePath, atWrite);
            _crashArmed = true;
            _trace.Add($"armed: our process dies at the {atWrite}. row written from now, inside its commit");
        }
    }

    /// <summary>
    /// No more faults; the providers finish what they hold (and what they are sent meanwhile); the clock runs until
    /// every payout is where its provider says and the merchant has heard the last of each of its payouts.
    /// </summary>
    private async Task SettleAsync()
    {
        if (_crashArmed)
        {
            await RestartAsync("quiescence: no crash left armed");
        }

        foreach (var provider in _providers)
        {
            provider.Faulty = false;
        }

        _merchant.Faulty = false;
        _trace.Add("quiescence: faults off");
        for (var hour = 0; hour < 48 && !Settled(); hour++)
        {
            foreach (var provider in _providers)
            {
                provider.Finish();
            }

            _app.Clock.Advance(TimeSpan.FromHours(1));
            await _app.PumpDispatchAsync();
            await _app.Service<WebhookSender>().PumpOnceAsync(CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>A broken invariant, with the last steps that led to it.</summary>
public sealed class InvariantBrokenException(string violation, IReadOnlyList<string> trace)
    : Exception(violation + Environment.NewLine + string.Join(Environment.NewLine, trace.TakeLast(60).Select(t => "  " + t)));
