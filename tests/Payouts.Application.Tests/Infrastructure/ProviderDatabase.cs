using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Npgsql;
using Payouts.Infrastructure.Persistence;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>
/// A new, empty database of either provider, for the tests that must hold on both: composed as the service composes
/// it (AddPersistence: reads, the write path, idempotency claims), PostgreSQL in a database of its own on the
/// private cluster that scripts/test.sh starts (PAYOUTS_TEST_POSTGRES). Without that variable a PostgreSQL test
/// fails saying so: it never passes or skips unseen. A UseCaseHarness runs the use cases on one; two harnesses on
/// one PostgreSQL database are two replicas.
/// </summary>
public sealed class ProviderDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "PAYOUTS_TEST_POSTGRES";

    /// <summary>The database a test runs on when it names none: Sqlite (unset) or PostgreSQL; scripts/test.sh runs the project on each.</summary>
    public const string DefaultVariable = "PAYOUTS_TEST_DATABASE";

    /// <summary>
    /// The trait that keeps a test out of the PostgreSQL pass of scripts/test.sh (filter Database!=Sqlite&amp;Database!=Both):
    /// <see cref="SqliteOnly"/> for what only SQLite has (files, WAL, the owner's lock), each saying why;
    /// <see cref="Both"/> for tests that name their databases themselves and already ran on both.
    /// </summary>
    public const string Trait = "Database";
    public const string SqliteOnly = "Sqlite";
    public const string Both = "Both";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"payouts-provider-tests-{Guid.NewGuid():N}");
    private readonly string? _postgresDatabase;
    private readonly List<ServiceProvider> _compositions = [];

    public ProviderDatabase(string provider)
    {
        Provider = provider;
        Directory.CreateDirectory(_folder);
        if (provider == DatabaseOptions.PostgreSql)
        {
            _postgresDatabase = $"payouts_test_{Guid.NewGuid():N}";
            Server(connection => Execute(connection, $"CREATE DATABASE {_postgresDatabase}"));
        }
    }

    public static TheoryData<string> Providers => [DatabaseOptions.Sqlite, DatabaseOptions.PostgreSql];

    /// <summary>PAYOUTS_TEST_DATABASE's provider: SQLite unless it names PostgreSQL.</summary>
    public static string Default { get; } = Environment.GetEnvironmentVariable(DefaultVariable) switch
    {
        null or "" => DatabaseOptions.Sqlite,
        var named when named.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase) => DatabaseOptions.Sqlite,
        var named when named.Equals(DatabaseOptions.PostgreSql, StringComparison.OrdinalIgnoreCase) => DatabaseOptions.PostgreSql,
        var named => throw new InvalidOperationException($"{DefaultVariable}={named}: expected {DatabaseOptions.Sqlite} or {DatabaseOptions.PostgreSql}."),
    };

    public string Provider { get; }

    /// <summary>ConnectionStrings:Payouts of this test's PostgreSQL database.</summary>
    /// <remarks>
    /// A composition's pool is kept small: the private cluster takes 100 connections, shared by every test class
    /// running at once, and a request beyond the pool waits for a connection instead of being refused by the server.
    /// Connecting may take a minute: on the shared 2-core VM a loaded run's connects took more than Npgsql's 15 s.
    /// </remarks>
    public string PostgreSqlConnectionString =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = _postgresDatabase, MaxPoolSize = 16, Timeout = ConnectTimeout }.ConnectionString;

    private const int ConnectTimeout = 60;

    /// <summary>The port the compositions connect to instead of the server's, for a test that puts a <see cref="CommitCutter"/> between.</summary>
    public int? ProxyPort { get; set; }

    /// <summary>A composition on this database, not yet migrated: each is one process's, as a replica's would be.</summary>
    public ServiceProvider Compose()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { ContentRootPath = _folder, EnvironmentName = "Test" });
        services.AddPersistence(configuration);

        var composition = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _compositions.Add(composition);
        return composition;
    }

    /// <summary>The settings that name this database (Database:*, ConnectionStrings:Payouts).</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = Provider, ["Database:Path"] = Path.Combine(_folder, "payouts.db") };
        if (_postgresDatabase is not null)
        {
            settings["ConnectionStrings:Payouts"] = ProxyPort is { } port
                ? new NpgsqlConnectionStringBuilder(PostgreSqlConnectionString) { Port = port }.ConnectionString
                : PostgreSqlConnectionString;
        }

        return settings;
    }

    /// <summary>A composition on the migrated database.</summary>
    public ServiceProvider Migrated()
    {
        var composition = Compose();
        composition.MigrateDatabase();
        return composition;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var composition in _compositions)
        {
            await composition.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        if (_postgresDatabase is not null)
        {
            Server(connection => Execute(connection, $"DROP DATABASE {_postgresDatabase} WITH (FORCE)"));
        }
    }

    private static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: the persistence tests run on PostgreSQL too. scripts/test.sh starts a private " +
                $"cluster; for a single test run `export {EnvironmentVariable}=$(scripts/postgres.sh start)` first.");

    private static void Server(Action<NpgsqlConnection> action)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Pooling = false, Timeout = ConnectTimeout }.ConnectionString);
        connection.Open();
        action(connection);
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
