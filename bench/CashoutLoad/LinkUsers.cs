using Microsoft.Data.Sqlite;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// Links a paypal cashout method for every bench user by writing CashoutMethods rows into the
/// migrated file while the server is stopped: linking 10,000 users through a provider would measure
/// the provider, not the cashout write path.
/// </summary>
internal static class LinkUsers
{
    public static int Run(Options options)
    {
        var path = options.Required("db");
        var users = options.Int("users", 10_000, min: 1);
        var prefix = options.String("user-prefix", "bench-u");
        if (!File.Exists(path))
        {
            throw new OptionsException($"{path} does not exist: start the server once so it migrates the file");
        }

        using var connection = Sqlite.Open(path, SqliteOpenMode.ReadWrite);
        Sqlite.Execute(connection, "PRAGMA synchronous = FULL;");
        if (Sqlite.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'CashoutMethods'") != 1)
        {
            Console.Error.WriteLine($"link: {path} has no CashoutMethods table: the server did not migrate it");
            return 1;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using (var transaction = connection.BeginTransaction(deferred: false))
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO CashoutMethods (OwnerId, Provider, Status, Reference, CreatedAtMs, UpdatedAtMs) VALUES ($owner, 'paypal', 'Linked', 'bench', $now, $now)";
            var owner = insert.Parameters.Add("$owner", SqliteType.Text);
            insert.Parameters.AddWithValue("$now", now);
            for (var i = 0; i < users; i++)
            {
                owner.Value = BenchUsers.Id(prefix, i);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var linked = Sqlite.Scalar(connection, "SELECT COUNT(*) FROM CashoutMethods WHERE Provider = 'paypal' AND Status = 'Linked'");
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
