using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// One compiled statement on the writer's connection, run through SQLitePCL directly. Microsoft.Data.Sqlite
/// looks every parameter up by name and builds a reader object on each execution; on the writer, which runs
/// every unit of work one after another, that was about a tenth of its time. The SQL names its parameters
/// $1..$n and <see cref="With"/> takes their values in that order; errors surface as the same
/// <see cref="SqliteException"/> Microsoft.Data.Sqlite throws.
/// </summary>
internal sealed class Statement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    // SQLite numbers parameters in order of first appearance, so "$3 ... $1" makes $3 index 1: look each up once.
    private readonly int[] _indexOf;

    public Statement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _indexOf = Enumerable.Range(1, raw.sqlite3_bind_parameter_count(_statement))
            .Select(n => raw.sqlite3_bind_parameter_index(_statement, "$" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
    }

    /// <summary>Binds $1..$n; null becomes SQL NULL.</summary>
    public Statement With(params object?[] values)
    {
        if (values.Length != _indexOf.Length)
        {
            throw new ArgumentException($"The statement takes {_indexOf.Length} parameters, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            Check(Bind(_indexOf[i], values[i]));
        }

        return this;
    }

    /// <returns>The number of rows the statement changed.</returns>
    public int ExecuteNonQuery()
    {
        try
        {
            Check(raw.sqlite3_step(_statement), raw.SQLITE_DONE, raw.SQLITE_ROW);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>The first column of the first row as text, or null when there is no row or it is NULL.</summary>
    public string? ExecuteScalarText()
    {
        using var rows = ExecuteReader();
        return rows.Read() && !rows.IsDBNull(0) ? rows.GetString(0) : null;
    }

    /// <summary>Steps through the result; dispose the rows to make the statement ready to run again.</summary>
    public Rows ExecuteReader() => new(this);

    public void Dispose() => _statement.Dispose();

    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int(_statement, index, number),
        string text => raw.sqlite3_bind_text(_statement, index, text),
        _ => throw new ArgumentException($"Cannot bind a {value.GetType().Name} to parameter {index}.", nameof(value)),
    };

    private void Check(int rc, int success = raw.SQLITE_OK, int alsoSuccess = raw.SQLITE_OK)
    {
        if (rc != success && rc != alsoSuccess)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    /// <summary>The rows of one execution.</summary>
    internal readonly struct Rows(Statement statement) : IDisposable
    {
        private readonly sqlite3_stmt _row = statement._statement;

        public bool Read()
        {
            var rc = raw.sqlite3_step(_row);
            statement.Check(rc, raw.SQLITE_ROW, raw.SQLITE_DONE);
            return rc == raw.SQLITE_ROW;
        }

        public bool IsDBNull(int column) => raw.sqlite3_column_type(_row, column) == raw.SQLITE_NULL;

        public string GetString(int column) => raw.sqlite3_column_text(_row, column).utf8_to_string();

        public long GetInt64(int column) => raw.sqlite3_column_int64(_row, column);

        public int GetInt32(int column) => raw.sqlite3_column_int(_row, column);

        public void Dispose() => raw.sqlite3_reset(_row);
    }
}
