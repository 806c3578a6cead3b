using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// The service's database as link and verify see it: the SQLite file (--db PATH) or a PostgreSQL database
/// (--postgres CONNECTION-STRING). The SQL is written once for both: identifiers double-quoted (PostgreSQL's schema
/// keeps the PascalCase names, SQLite accepts the quotes), parameters as @name, sums cast to bigint.
/// </summary>
internal sealed class BenchDatabase(DbConnection connection, string where, bool isPostgreSql) : IDisposable
{
    public DbConnection Connection { get; } = connection;

    /// <summary>The file's path, or the PostgreSQL database's name and server.</summary>
    public string Where { get; } = where;

    public bool IsPostgreSql { get; } = isPostgreSql;

    public static BenchDatabase Open(Options options, bool readOnly)
    {
        var postgres = options.String("postgres", "");
        if (postgres.Length > 0)
        {
            var settings = new NpgsqlConnectionStringBuilder(postgres) { Pooling = false };
            var connection = new NpgsqlConnection(settings.ConnectionString);
            connection.Open();
            return new BenchDatabase(connection, Format.Inv($"PostgreSQL database \"{settings.Database}\" at {settings.Host}:{settings.Port}"), isPostgreSql: true);
        }

        var path = options.Required("db");
        if (!File.Exists(path))
        {
            throw new OptionsException($"{path} does not exist: start the server once so it migrates the file");
        }

        return new BenchDatabase(Sqlite.Open(path, readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite), path, isPostgreSql: false);
    }

    public DbCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public long Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    public bool HasTable(string table) => Scalar(
        IsPostgreSql
            ? "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name"
            : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name",
        ("@name", table)) == 1;

    /// <summary>The database's size on disk, for the verification line.</summary>
    public string Size() => IsPostgreSql
        ? Format.Inv($"{Scalar("SELECT pg_database_size(current_database())") / 1048576.0:F0} MiB database")
        : Format.Inv($"{new FileInfo(Where).Length / 1048576.0:F0} MiB file");

    public void Dispose() => Connection.Dispose();
}
