using Payouts.Application.Tests.Infrastructure;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Persistence;

/// <summary>The SQLite writer's threads, as the kernel schedules them (Linux: read from /proc).</summary>
[Trait(ProviderDatabase.Trait, ProviderDatabase.SqliteOnly)]
public sealed class WriterThreadTests
{
    // Linux truncates a thread's name to 15 characters.
    private const string Writer = "sqlite-writer";
    private const string Checkpointer = "sqlite-wal-chec";

    [Fact]
    public async Task The_checkpointer_yields_the_CPU_to_everything_else_and_the_writer_does_not()
    {
        await using var app = UseCaseHarness.OnNew(DatabaseOptions.Sqlite);
        await app.FundAndLinkAsync("alice", 1_000);

        // The checkpointer lowers itself as it starts: wait for it rather than race it.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!NicenessOf(Checkpointer).Contains(19) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        NicenessOf(Checkpointer).Should().Contain(19, "it copies the WAL back in time the requests and the writer leave idle");

        // The process may itself run niced (a test runner under nice): the writer keeps whatever everything else has.
        var asEverythingElse = Nice(ReadOrEmpty("/proc/thread-self/stat"));
        NicenessOf(Writer).Should().NotBeEmpty().And.OnlyContain(nice => nice == asEverythingElse, "every commit waits for the writer");
    }

    /// <summary>The nice value of each of this process's threads with that name.</summary>
    private static List<int> NicenessOf(string threadName) => Directory.GetDirectories("/proc/self/task")
        .Where(task => ReadOrEmpty(Path.Combine(task, "comm")).Trim() == threadName)
        .Select(task => ReadOrEmpty(Path.Combine(task, "stat")))
        .Where(stat => stat.Length > 0)
        .Select(Nice)
        .ToList();

    // Field 19 of a /proc stat line, counted after the parenthesised name (which may hold spaces).
    private static int Nice(string stat) =>
        int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);

    // A thread of another test may end between listing and reading.
    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
