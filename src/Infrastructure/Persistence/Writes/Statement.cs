namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// One statement of a writer's connection, compiled once and run for every unit of work. The SQL names its
/// parameters $1..$n and <see cref="With"/> takes their values in that order; each database says how it binds and
/// steps (<see cref="SqliteStatement"/>, <see cref="PostgreSql.NpgsqlStatement"/>), so the areas' SQL is written once.
/// </summary>
internal abstract class Statement : IDisposable
{
    /// <summary>Binds $1..$n; null becomes SQL NULL.</summary>
    public Statement With(params object?[] values)
    {
        Bind(values);
        return this;
    }

    /// <returns>The number of rows the statement changed.</returns>
    public abstract int ExecuteNonQuery();

    /// <summary>
    /// Runs a statement whose outcome nothing reads (a SAVEPOINT, a RELEASE) before the connection's next one, in the
    /// same round trip where the database is across a network (PostgreSQL); at once on SQLite, where nothing is.
    /// </summary>
    public virtual void ExecuteBeforeNext() => ExecuteNonQuery();

    /// <summary>
    /// Runs a write that must change exactly one row, and of which the unit reads nothing else (an insert, an update on
    /// the version read). Where the database is across a network (PostgreSQL) it is deferred: it goes with the
    /// connection's next statement, or with <see cref="PreparedStatements.SendDeferred"/> at the latest, and a row count
    /// other than one throws there. On SQLite it runs at once.
    /// </summary>
    /// <param name="what">The row's kind, and <paramref name="row"/> its key, for the message when it was not written.</param>
    public virtual void ExecuteChangingOneRow(string what, object? row) => ExpectOneRow(ExecuteNonQuery(), what, row);

    /// <summary>
    /// Reads rows the unit needs later, before the connection's next statement and in its round trip, where the database
    /// is across a network (PostgreSQL). <paramref name="read"/> gets the rows when they came, and must not dispose them;
    /// it is not called if that round trip failed or never went, nor on SQLite, where a read costs no round trip: the
    /// unit reads them when it needs them, as it would have.
    /// </summary>
    public virtual void ReadBeforeNext(Action<Rows> read)
    {
    }

    /// <summary>The check a write of <see cref="ExecuteChangingOneRow"/> passes once it ran.</summary>
    public static void ExpectOneRow(int changed, string what, object? row)
    {
        if (changed != 1)
        {
            throw new InvalidOperationException(
                $"{what} {row} was not written: {changed} rows changed where one was expected, so it changed concurrently or is gone.");
        }
    }

    /// <summary>The check a write of several rows in one statement passes once it ran (PostgreSQL's multi-row writes).</summary>
    public static void ExpectRows(int changed, int expected, string what)
    {
        if (changed != expected)
        {
            throw new InvalidOperationException(
                $"{expected} rows of {what} were not all written: {changed} rows changed, so one changed concurrently or is gone.");
        }
    }

    /// <summary>The first column of the first row as text, or null when there is no row or it is NULL.</summary>
    public string? ExecuteScalarText()
    {
        using var rows = ExecuteReader();
        return rows.Read() && !rows.IsDBNull(0) ? rows.GetString(0) : null;
    }

    /// <summary>Steps through the result; dispose the rows to make the statement ready to run again.</summary>
    public Rows ExecuteReader()
    {
        StartRows();
        return new Rows(this);
    }

    public abstract void Dispose();

    protected abstract void Bind(object?[] values);

    protected abstract void StartRows();

    protected abstract bool Step();

    protected abstract bool IsNull(int column);

    protected abstract string Text(int column);

    protected abstract long Int64(int column);

    protected abstract int Int32(int column);

    protected abstract void EndRows();

    /// <summary>The rows of one execution: a struct, so reading a row allocates nothing.</summary>
    internal readonly struct Rows(Statement statement) : IDisposable
    {
        public bool Read() => statement.Step();

        public bool IsDBNull(int column) => statement.IsNull(column);

        public string GetString(int column) => statement.Text(column);

        public long GetInt64(int column) => statement.Int64(column);

        public int GetInt32(int column) => statement.Int32(column);

        public void Dispose() => statement.EndRows();
    }
}
