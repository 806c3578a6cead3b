using Npgsql;

namespace Payouts.Api.Tests.Infrastructure;

/// <summary>
/// A new, empty PostgreSQL database on the private cluster scripts/test.sh starts (PAYOUTS_TEST_POSTGRES), dropped on
/// dispose; the service migrates it at start-up. Without the variable a test using it fails saying so, never skips.
/// </summary>
public sealed class TestPostgreSql : IDisposable
{
    private const string EnvironmentVariable = "PAYOUTS_TEST_POSTGRES";
    private readonly string _name = $"payouts_api_test_{Guid.NewGuid():N}";

    public TestPostgreSql() => Server($"CREATE DATABASE {_name}");

    /// <remarks>A small pool per service: the private cluster's 100 connections are shared by every test running at once.</remarks>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = _name, MaxPoolSize = 12 }.ConnectionString;

    /// <summary>The service's arguments that put it on this database.</summary>
    public string[] Settings => ["--Database:Provider=PostgreSQL", $"--ConnectionStrings:Payouts={ConnectionString}", "--Database:PostgreSqlWriters=4"];

    /// <summary>Runs SQL on this database, outside the service.</summary>
    public async Task<T> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        return read(reader);
    }

    /// <summary>Stops new connections to this database (false) and ends the open ones, or allows them again (true).</summary>
    public void AllowConnections(bool allow)
    {
        Server($"ALTER DATABASE {_name} ALLOW_CONNECTIONS {allow}");
        if (!allow)
        {
            Server($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_name}' AND pid <> pg_backend_pid()");
        }
    }

    public void Dispose() => Server($"DROP DATABASE {_name} WITH (FORCE)");

    private static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: these tests run the service on PostgreSQL. scripts/test.sh starts a private " +
                $"cluster; for a single test run `export {EnvironmentVariable}=$(scripts/postgres.sh start)` first.");

    private static void Server(string sql)
    {
        using var connection = new NpgsqlConnection(ServerConnectionString() + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
