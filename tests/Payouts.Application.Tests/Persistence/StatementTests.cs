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
    public void A_one_row_insert_writes_many_rows_with_each_rows_parameters_numbered_after_the_last_rows()
    {
        var sql = NpgsqlStatement.Quote("INSERT INTO LedgerEntries (Id, AccountId, Amount) VALUES ($1, $3, $2)");

        MultiRowSql.For(sql, 3, 2).Should().Be(
            "INSERT INTO \"LedgerEntries\" (\"Id\", \"AccountId\", \"Amount\") VALUES ($1, $3, $2), ($4, $6, $5)");
    }

    [Fact]
    public void A_one_row_upsert_keeps_its_conflict_clause_after_all_the_rows()
    {
        var sql = NpgsqlStatement.Quote(
            "INSERT INTO IdempotencyRecords (CallerId, Key, ResponseJson) VALUES ($1, $2, $3) " +
            "ON CONFLICT (CallerId, Key) DO UPDATE SET ResponseJson = excluded.ResponseJson WHERE IdempotencyRecords.ResponseJson IS NULL");

        MultiRowSql.For(sql, 3, 2).Should().Be(
            "INSERT INTO \"IdempotencyRecords\" (\"CallerId\", \"Key\", \"ResponseJson\") VALUES ($1, $2, $3), ($4, $5, $6) " +
            "ON CONFLICT (\"CallerId\", \"Key\") DO UPDATE SET \"ResponseJson\" = excluded.\"ResponseJson\" WHERE \"IdempotencyRecords\".\"ResponseJson\" IS NULL");
    }

    [Fact]
    public void A_one_row_update_updates_many_rows_from_a_values_list_of_their_parameters()
    {
        var sql = NpgsqlStatement.Quote("UPDATE BalanceAccounts SET Available = $1, Version = $2 WHERE Id = $3 AND Version = $4");

        MultiRowSql.For(sql, 4, 2).Should().Be(
            "UPDATE \"BalanceAccounts\" SET \"Available\" = together.p1, \"Version\" = together.p2 " +
            "FROM (VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)) AS together (p1, p2, p3, p4) " +
            "WHERE \"Id\" = together.p3 AND \"Version\" = together.p4");
    }

    [Theory]
    [InlineData("INSERT INTO T (Id, Name) VALUES ($1, $2) ON CONFLICT (Id) DO UPDATE SET Name = $2")]
    [InlineData("INSERT INTO T (Id, Name) VALUES ($1, $2) RETURNING Id")]
    [InlineData("INSERT INTO T (Id, Name) VALUES ($1, 'fixed')")]
    [InlineData("INSERT INTO T (Id, Name) SELECT $1, Name FROM U WHERE Id = $2")]
    [InlineData("UPDATE T SET Name = $1 WHERE Id IN (SELECT Id FROM U WHERE Name = $2)")]
    [InlineData("UPDATE T SET Name = $1")]
    [InlineData("DELETE FROM T WHERE Id = $1")]
    public void A_write_with_any_other_clause_has_no_multi_row_form(string sql)
    {
        MultiRowSql.For(NpgsqlStatement.Quote(sql), 2, 3).Should().BeNull();
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
