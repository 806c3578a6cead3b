using System.Text.RegularExpressions;
using Npgsql;
using Payouts.Infrastructure.Persistence.Writes;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// A statement on a PostgreSQL writer's connection. The areas' SQL is SQLite's, which PostgreSQL reads too once its
/// names are quoted: the tables and columns are quoted mixed-case names (the PostgreSQL context's), and a bare name
/// would fold to lower case. Npgsql takes $1..$n as positional parameters; it prepares a statement on the server once
/// it has run a few times (the data source's Max Auto Prepare). It goes to the server through the writer's
/// <see cref="WriterRoundTrips"/>, with whatever was queued to run before it.
/// </summary>
internal sealed partial class NpgsqlStatement : Statement
{
    private readonly WriterRoundTrips _roundTrips;
    private readonly string _sql;
    private readonly int _parameters;

    // Commands of deferred writes and reads that ran (ExecuteChangingOneRow, ReadBeforeNext), to bind again: a deferred
    // one keeps its values until it runs.
    private readonly Stack<NpgsqlBatchCommand> _spares = new();

    // The statement for several rows at once (MultiRowSql), by row count; null where its SQL has no such form.
    private readonly Dictionary<int, NpgsqlBatchCommand>? _together;
    private NpgsqlBatchCommand _command;
    private NpgsqlDataReader? _rows;

    public NpgsqlStatement(WriterRoundTrips roundTrips, string sql)
    {
        _roundTrips = roundTrips;
        _sql = Quote(sql);
        _parameters = Parameter().Matches(sql).Select(match => int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
        _command = NewCommand();
        if (MultiRowSql.For(_sql, _parameters, 1) is not null)
        {
            _together = [];
        }
    }

    /// <summary>
    /// Quotes every PascalCase word outside string literals: the schema's names are PascalCase, SQL's keywords are
    /// written in capitals and aliases, savepoints and <c>excluded</c> in lower case.
    /// </summary>
    public static string Quote(string sql) =>
        NameOrLiteral().Replace(sql, match => match.Value[0] == '\'' ? match.Value : $"\"{match.Value}\"");

    public override int ExecuteNonQuery() => _roundTrips.ExecuteNonQuery(_command);

    /// <summary>Queued: it goes with the connection's next statement, in the same round trip.</summary>
    public override void ExecuteBeforeNext()
    {
        if (_command.Parameters.Count > 0)
        {
            throw new InvalidOperationException("Only a statement without parameters can be queued.");
        }

        _roundTrips.Queue(_command.CommandText);
    }

    /// <summary>Deferred: it goes with the connection's next statement (WriterRoundTrips), and this one binds a command of its own meanwhile.</summary>
    public override void ExecuteChangingOneRow(string what, object? row)
    {
        _roundTrips.Defer(new DeferredWrite(_command, this, what, row));
        _command = SpareOrNewCommand();
    }

    /// <summary>Queued with its reader: it goes with the connection's next statement, which reads its rows first (WriterRoundTrips).</summary>
    public override void ReadBeforeNext(Action<Rows> read)
    {
        _roundTrips.ReadAhead(new ReadAhead(_command, this, reader => ReadFrom(reader, read)));
        _command = SpareOrNewCommand();
    }

    /// <summary>
    /// One command that writes the rows of <paramref name="writes"/>, this statement's deferred writes, their values
    /// copied; null where it cannot: its SQL has no multi-row form, or it is an UPDATE with a NULL value, which the
    /// VALUES list would type as text. The writes' own commands stay the caller's to recycle.
    /// </summary>
    public NpgsqlBatchCommand? Together(IReadOnlyList<NpgsqlBatchCommand> writes)
    {
        if (_together is null || (MultiRowSql.IsUpdate(_sql) && writes.Any(write => write.Parameters.Any(p => p.Value is DBNull))))
        {
            return null;
        }

        if (!_together.TryGetValue(writes.Count, out var together))
        {
            together = NewCommand(MultiRowSql.For(_sql, _parameters, writes.Count)!, _parameters * writes.Count);
            _together.Add(writes.Count, together);
        }

        for (var row = 0; row < writes.Count; row++)
        {
            for (var i = 0; i < _parameters; i++)
            {
                together.Parameters[(row * _parameters) + i].Value = writes[row].Parameters[i].Value;
            }
        }

        return together;
    }

    /// <summary>A deferred write's or read's command, sent or dropped: free to bind a later one.</summary>
    public void Reuse(NpgsqlBatchCommand command) => _spares.Push(command);

    public override void Dispose()
    {
        // The batch command has nothing of its own to release; the writer's round trips own the batch.
    }

    protected override void Bind(object?[] values)
    {
        var parameters = _command.Parameters;
        if (values.Length != parameters.Count)
        {
            throw new ArgumentException($"The statement takes {parameters.Count} parameters, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    protected override void StartRows() => _rows = _roundTrips.ExecuteReader(_command);

    protected override bool Step() => Reader().Read();

    protected override bool IsNull(int column) => Reader().IsDBNull(column);

    protected override string Text(int column) => Reader().GetString(column);

    protected override long Int64(int column) => Reader().GetInt64(column);

    protected override int Int32(int column) => Reader().GetInt32(column);

    protected override void EndRows()
    {
        if (_rows is { } rows)
        {
            _rows = null;
            _roundTrips.EndRows(rows);
        }
    }

    private void ReadFrom(NpgsqlDataReader reader, Action<Rows> read)
    {
        _rows = reader;
        try
        {
            read(new Rows(this));
        }
        finally
        {
            _rows = null;
        }
    }

    // A queued command keeps its values until it runs, so the statement binds another meanwhile.
    private NpgsqlBatchCommand SpareOrNewCommand() => _spares.TryPop(out var spare) ? spare : NewCommand();

    private NpgsqlBatchCommand NewCommand() => NewCommand(_sql, _parameters);

    private static NpgsqlBatchCommand NewCommand(string sql, int parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        for (var i = 0; i < parameters; i++)
        {
            command.Parameters.Add(new NpgsqlParameter());
        }

        return command;
    }

    private NpgsqlDataReader Reader() => _rows ?? throw new InvalidOperationException("The statement's rows were not started.");

    [GeneratedRegex(@"'[^']*'|\b[A-Z][a-z]\w*\b")]
    private static partial Regex NameOrLiteral();

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Parameter();
}
