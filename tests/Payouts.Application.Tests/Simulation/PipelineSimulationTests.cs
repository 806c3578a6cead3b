using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Payouts.Application.Tests.Simulation;

/// <summary>
/// Many seeds of <see cref="PipelineSimulation"/>. SIM_SEED=n replays one seed; SIM_SEEDS=n runs more seeds from
/// SIM_FIRST_SEED (default 1). A failure names its seed and the command that replays it; a single seed's run prints its
/// whole trace.
/// </summary>
public sealed class PipelineSimulationTests(ITestOutputHelper output)
{
    private const int DefaultSeeds = 40;
    private const int CashoutsPerSeed = 12;

    [Fact]
    public async Task Every_seed_keeps_the_money_and_the_provider_calls_right()
    {
        var seeds = Seeds();
        var clock = Stopwatch.StartNew();
        var restarts = 0;
        foreach (var seed in seeds)
        {
            await using var simulation = new PipelineSimulation(seed);
            try
            {
                await simulation.RunAsync(CashoutsPerSeed);
            }
            catch (InvariantBrokenException failure)
            {
                throw new InvariantBrokenException(
                    $"seed {seed} broke an invariant; replay: SIM_SEED={seed} dotnet test tests/Payouts.Application.Tests --filter FullyQualifiedName~PipelineSimulation{Environment.NewLine}{failure.Message}",
                    []);
            }
            finally
            {
                if (seeds.Count == 1)
                {
                    output.WriteLine(string.Join(Environment.NewLine, simulation.Trace));
                }
            }

            restarts += simulation.Restarts;
        }

        output.WriteLine($"{seeds.Count} seeds ({seeds[0]}..{seeds[^1]}), {restarts} restarts, in {clock.Elapsed.TotalSeconds:F1} s ({seeds.Count / clock.Elapsed.TotalSeconds:F1} seeds/s)");
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
