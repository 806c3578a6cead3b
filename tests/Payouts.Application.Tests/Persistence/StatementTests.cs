using Microsoft.Data.Sqlite;
using Payouts.Application.Tests.Infrastructure;
using Payouts.Infrastructure.Persistence.PostgreSql;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Application.Tests.Persistence;

/// <summary>The writers' thin statement layer: over SQLitePCL on a real SQLite file, and the SQL PostgreSQL's gets.</summary>
// Not in the PostgreSQL pass: it opens no database of the pass's provider (SQLite's statements run on a file of their
// own, PostgreSQL's SQL is checked as text), so a second run would repeat the first.
[Trait(ProviderDatabase.Trait, ProviderDatabase.SqliteOnly)]
public sealed class StatementTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"statement-{Guid.NewGuid():N}.db");
    private readonly SqliteConnection _connection;

    public StatementTests()
    {
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE T (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL UNIQUE, Note TEXT)";
        create.ExecuteNonQuery();
    }

    [Fact]
    public void Parameters_bind_by_their_number_whatever_order_the_sql_names_them_in()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO T (Note, Name, Id) VALUES ($3, $2, $1)");
        using var find = new SqliteStatement(_connection, "SELECT Name, Note FROM T WHERE Id = $1");

        insert.With(7L, "seven", null).ExecuteNonQuery().Should().Be(1);

        using var rows = find.With(7L).ExecuteReader();
        rows.Read().Should().BeTrue();
        rows.GetString(0).Should().Be("seven");
        rows.IsDBNull(1).Should().BeTrue();
        rows.Read().Should().BeFalse();
    }

    [Fact]
    public void A_constraint_violation_is_a_SqliteException_and_the_statement_runs_again_afterwards()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO T (Id, Name) VALUES ($1, $2)");
        insert.With(1L, "a").ExecuteNonQuery();

        var duplicate = () => insert.With(2L, "a").ExecuteNonQuery();

        duplicate.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19);
        insert.With(3L, "b").ExecuteNonQuery().Should().Be(1);
        using var find = new SqliteStatement(_connection, "SELECT Name FROM T WHERE Id = $1");
        find.With(3L).ExecuteScalarText().Should().Be("b");
    }

    [Fact]
    public void PostgreSQL_gets_the_same_sql_with_the_schemas_names_quoted_and_literals_keywords_and_aliases_left_alone()
    {
        var sql = "UPDATE WebhookDeliveries SET Status = 'Abandoned', LastError = $3 WHERE PayoutId = $1 AND excluded.Key IS NULL AND m.Id < $2";

        NpgsqlStatement.Quote(sql).Should().Be(
            "UPDATE \"WebhookDeliveries\" SET \"Status\" = 'Abandoned', \"LastError\" = $3 WHERE \"PayoutId\" = $1 AND excluded.\"Key\" IS NULL AND m.\"Id\" < $2");
    }

    [Fact]
    public void A_missing_parameter_is_refused_rather_than_left_bound_to_its_last_value()
    {
        using var insert = new SqliteStatement(_connection, "INSERT INTO T (Id, Name) VALUES ($1, $2)");

        var missing = () => insert.With(1L);

        missing.Should().Throw<ArgumentException>();
    }

    public void Dispose()
    {
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}
