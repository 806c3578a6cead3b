using Microsoft.Data.Sqlite;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Simulation;

/// <summary>
/// The database every seed starts from, and the switch that crashes a seed's process inside a commit.
/// Migrating a new file took a fifth of a seed's time, so the migrated file is made once per test process and
/// copied per seed: every seed still runs on a file of its own, migrated exactly as production migrates it.
/// </summary>
public static class SimulationDatabase
{
    private const string CrashMessage = "simulated crash inside a commit";
    private static readonly Lazy<string> Template = new(CreateTemplate);

    /// <summary>A migrated file with the crash switch, for <see cref="UseCaseHarness"/>'s databaseFile (copied, never changed).</summary>
    public static string TemplateFile => Template.Value;

    /// <summary>
    /// Synchronous OFF, for the simulation only: its crashes are in-process, a composition thrown away and a new one
    /// started on the same file. The operating system's page cache outlives that, as it outlives a kill -9, so an
    /// fsync guards against nothing the simulation does (power loss is not among its faults) and only cost time.
    /// What a killed process leaves on disk is the real-process crash test's (CrashLoadTests, synchronous FULL).
    /// </summary>
    public static void WithoutFsync(IServiceCollection services) =>
        services.Configure<DatabaseOptions>(options => options.Synchronous = "OFF");

    /// <summary>
    /// Makes the <paramref name="atWrite"/>-th row write from now fail, inside the writer's transaction: the first
    /// writes of a unit of work may have run, but the unit is rolled back as a whole, as if the process had died
    /// before its commit, and its caller gets <see cref="IsCrash"/>'s exception instead of an answer. The simulation
    /// then restarts the composition and disarms the switch (null).
    /// </summary>
    public static void ArmCrash(string databaseFile, int? atWrite)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = atWrite is { } writes ? $"DELETE FROM SimulatedCrash; INSERT INTO SimulatedCrash VALUES ({writes})" : "DELETE FROM SimulatedCrash";
        command.ExecuteNonQuery();
    }

    /// <summary>Whether an exception is the armed crash (the trigger's abort, however the caller wrapped it).</summary>
    public static bool IsCrash(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite && sqlite.Message.Contains(CrashMessage, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string CreateTemplate()
    {
        var file = Path.Combine(Path.GetTempPath(), $"payouts-simulation-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        var harness = new UseCaseHarness();
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = harness.DatabasePath, Pooling = false }.ToString());
            connection.Open();
            Execute(connection, "CREATE TABLE SimulatedCrash (WritesLeft INTEGER NOT NULL)");
            foreach (var table in Tables(connection))
            {
                foreach (var operation in new[] { "INSERT", "UPDATE", "DELETE" })
                {
                    // The count goes down with every row written while armed; the write it reaches aborts.
                    Execute(connection, $"""
                        CREATE TRIGGER "SimulatedCrash_{operation}_{table}" BEFORE {operation} ON "{table}"
                        WHEN EXISTS (SELECT 1 FROM SimulatedCrash) BEGIN
                            SELECT RAISE(ABORT, '{CrashMessage}') WHERE (SELECT WritesLeft FROM SimulatedCrash) <= 1;
                            UPDATE SimulatedCrash SET WritesLeft = WritesLeft - 1;
                        END
                        """);
                }
            }

            // A clean single file, without the WAL beside it: each seed's copy starts complete.
            Execute(connection, $"VACUUM INTO '{file}'");
        }
        finally
        {
            harness.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(file);
        return file;
    }

    private static List<string> Tables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_EF%' ESCAPE '\\' AND name <> 'SimulatedCrash'";
        using var reader = command.ExecuteReader();
        var tables = new List<string>();
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
