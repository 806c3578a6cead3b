using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Payouts.Application.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Payouts.Application.Tests.Simulation;

/// <summary>
/// Many seeds of <see cref="PipelineSimulation"/>, on every core at once (each seed has its own file, clock and
/// providers, so they share nothing but the compiled code). SIM_SEED=n replays one seed; SIM_SEEDS=n runs more seeds
/// from SIM_FIRST_SEED (default 1); SIM_WORKERS=n sets how many run at once. A failure names the lowest failing seed
/// and the command that replays it; a single seed's run prints its whole trace.
/// </summary>
// SQLite only: a seed's crashes are SQLite's (a trigger aborts a row write inside the commit, the restart takes the
// dead process's in-flight payouts back as SQLite's one owner does, InFlightRecovery), and its speed comes from
// copying one migrated file per seed. On PostgreSQL a restarted replica waits out its leases instead, which the
// simulation's schedule does not model; ReplicaDispatchTests cover that there.
[Trait(ProviderDatabase.Trait, ProviderDatabase.SqliteOnly)]
public sealed class PipelineSimulationTests(ITestOutputHelper output)
{
    private const int DefaultSeeds = 2_000;
    private const int PayoutsPerSeed = 12;

    [Fact]
    public async Task Every_seed_keeps_the_money_the_provider_calls_and_the_webhooks_right()
    {
        var seeds = Seeds();
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var restarts = 0;
        var failures = new ConcurrentDictionary<int, string>();
        using var stop = new CancellationTokenSource();
        var workers = Number("SIM_WORKERS") ?? Environment.ProcessorCount;
        var running = Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = stop.Token }, async (seed, _) =>
        {
            await using var simulation = new PipelineSimulation(seed);
            try
            {
                await simulation.RunAsync(PayoutsPerSeed);
                Interlocked.Add(ref restarts, simulation.Restarts);
            }
            catch (Exception failure)
            {
                // Any exception fails the seed, not only a broken invariant: an unexpected one is a finding too.
                failures[seed] = failure is InvariantBrokenException ? failure.Message : failure.ToString();
                await stop.CancelAsync();
            }
            finally
            {
                if (seeds.Count == 1)
                {
                    output.WriteLine(string.Join(Environment.NewLine, simulation.Trace));
                }
            }
        });
        try
        {
            await running;
        }
        catch (OperationCanceledException) when (!failures.IsEmpty)
        {
            // A failing seed stopped the others; it is reported below.
        }

        if (!failures.IsEmpty)
        {
            var (seed, message) = failures.MinBy(f => f.Key);
            throw new InvariantBrokenException(
                $"seed {seed} broke an invariant; replay: SIM_SEED={seed} dotnet test tests/Payouts.Application.Tests --filter FullyQualifiedName~PipelineSimulation --logger \"console;verbosity=detailed\"{Environment.NewLine}{message}",
                []);
        }

        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        output.WriteLine(
            $"{seeds.Count} seeds ({seeds[0]}..{seeds[^1]}) on {workers} workers, {restarts} restarts, in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({seeds.Count / clock.Elapsed.TotalSeconds:F1} seeds/s, {used.TotalMilliseconds / seeds.Count:F0} ms CPU a seed)");
    }

    private static List<int> Seeds()
    {
        if (Number("SIM_SEED") is { } one)
        {
            return [one];
        }

        var first = Number("SIM_FIRST_SEED") ?? 1;
        return Enumerable.Range(first, Number("SIM_SEEDS") ?? DefaultSeeds).ToList();
    }

    private static int? Number(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}
