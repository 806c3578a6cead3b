using Microsoft.Data.Sqlite;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// Links a paypal cashout method for every bench user by writing CashoutMethods rows into the
/// migrated database (SQLite file or PostgreSQL) while the server is stopped: linking 10,000 users through a provider would measure
/// the provider, not the cashout write path.
/// </summary>
internal static class LinkUsers
{
    public static int Run(Options options)
    {
        var users = options.Int("users", 10_000, min: 1);
        var prefix = options.String("user-prefix", "bench-u");
        using var database = BenchDatabase.Open(options, readOnly: false);
        if (!database.IsPostgreSql)
        {
            Sqlite.Execute((SqliteConnection)database.Connection, "PRAGMA synchronous = FULL;");
        }

        if (!database.HasTable("CashoutMethods"))
        {
            Console.Error.WriteLine($"link: {database.Where} has no CashoutMethods table: the server did not migrate it");
            return 1;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (var transaction = database.Connection.BeginTransaction())
        using (var insert = database.Command(
                   "INSERT INTO \"CashoutMethods\" (\"OwnerId\", \"Provider\", \"Status\", \"Reference\", \"CreatedAtMs\", \"UpdatedAtMs\") VALUES (@owner, 'paypal', 'Linked', 'bench', @now, @now)",
                   ("@owner", ""), ("@now", now)))
        {
            insert.Transaction = transaction;
            insert.Prepare();
            for (var i = 0; i < users; i++)
            {
                insert.Parameters[0].Value = BenchUsers.Id(prefix, i);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        // This prefix's users only: another generator's may share the database (bench/side-by-side.sh).
        var linked = database.Scalar(
            "SELECT COUNT(*) FROM \"CashoutMethods\" WHERE \"Provider\" = 'paypal' AND \"Status\" = 'Linked' " +
            Format.Inv($"AND substr(\"OwnerId\", 1, {prefix.Length}) = '{prefix.Replace("'", "''", StringComparison.Ordinal)}'"));
        Console.WriteLine(Format.Inv($"link: {linked} users have a linked paypal cashout method ({BenchUsers.Id(prefix, 0)} .. {BenchUsers.Id(prefix, users - 1)})"));
        return linked == users ? 0 : 1;
    }
}

internal static class Sqlite
{
    public static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
