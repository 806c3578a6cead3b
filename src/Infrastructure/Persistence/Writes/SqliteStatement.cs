using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// A statement on the SQLite writer's connection, run through SQLitePCL directly. Microsoft.Data.Sqlite looks every
/// parameter up by name and builds a reader object on each execution; on the writer, which runs every unit of work
/// one after another, that was about a tenth of its time. Errors surface as the same <see cref="SqliteException"/>
/// Microsoft.Data.Sqlite throws.
/// </summary>
internal sealed class SqliteStatement : Statement
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    // SQLite numbers parameters in order of first appearance, so "$3 ... $1" makes $3 index 1: look each up once.
    private readonly int[] _indexOf;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The writer's connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _indexOf = Enumerable.Range(1, raw.sqlite3_bind_parameter_count(_statement))
            .Select(n => raw.sqlite3_bind_parameter_index(_statement, "$" + n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
    }

    public override int ExecuteNonQuery()
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

    public override void Dispose() => _statement.Dispose();

    protected override void Bind(object?[] values)
    {
        if (values.Length != _indexOf.Length)
        {
            throw new ArgumentException($"The statement takes {_indexOf.Length} parameters, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            Check(Bind(_indexOf[i], values[i]));
        }
    }

    protected override void StartRows()
    {
    }

    protected override bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        Check(rc, raw.SQLITE_ROW, raw.SQLITE_DONE);
        return rc == raw.SQLITE_ROW;
    }

    protected override bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    protected override string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    protected override long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    protected override int Int32(int column) => raw.sqlite3_column_int(_statement, column);

    protected override void EndRows() => raw.sqlite3_reset(_statement);

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
}
