namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>A writer's statements, each compiled once on its connection and disposed with it.</summary>
/// <param name="compile">Compiles SQL for the writer's database.</param>
/// <param name="lockClause">
/// What a locking read ends with: "" on SQLite, where the one writer already reads the latest state; on PostgreSQL
/// " FOR NO KEY UPDATE", so that another writer's transaction waits for this one instead of reading a row it will change.
/// </param>
/// <param name="deferred">The connection's deferred writes; none on SQLite.</param>
internal sealed class PreparedStatements(Func<string, Statement> compile, string lockClause, IDeferredWrites? deferred = null) : IDisposable
{
    private readonly List<Statement> _prepared = [];
    private readonly Dictionary<string, Statement> _raw = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="sql"/>, whose parameters are named $1, $2... in the order <see cref="Statement.With"/> takes them.</summary>
    public Statement Prepare(string sql)
    {
        var statement = compile(sql);
        _prepared.Add(statement);
        return statement;
    }

    /// <summary>
    /// A read of a row the unit is about to change on the version it read: the row is locked until the transaction
    /// ends, so two writers (replicas on PostgreSQL) cannot both change it from the same version.
    /// </summary>
    public Statement PrepareLocking(string select) => Prepare(select + lockClause);

    /// <summary>A parameterless statement such as SAVEPOINT, compiled on first use and reused.</summary>
    public Statement Raw(string sql)
    {
        if (!_raw.TryGetValue(sql, out var statement))
        {
            statement = Prepare(sql);
            _raw.Add(sql, statement);
        }

        return statement;
    }

    /// <summary>Sends the writes deferred so far (<see cref="Statement.ExecuteChangingOneRow"/>), before a unit or group is counted as written.</summary>
    public void SendDeferred() => deferred?.Send();

    /// <summary>Keeps the writes deferred so far back until <see cref="SendDeferred"/>: nothing before it reads them (<see cref="IDeferredWrites.Hold"/>).</summary>
    public void HoldDeferred() => deferred?.Hold();

    /// <summary>Drops the writes deferred so far unsent, before their unit is rolled back.</summary>
    public void DiscardDeferred() => deferred?.Discard();

    public void Dispose() => _prepared.ForEach(statement => statement.Dispose());
}
