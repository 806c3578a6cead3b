using Microsoft.Data.Sqlite;

namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>The writer's statements, each compiled once on its connection and disposed with it.</summary>
internal sealed class PreparedStatements(SqliteConnection connection) : IDisposable
{
    private readonly List<Statement> _prepared = [];
    private readonly Dictionary<string, Statement> _raw = new(StringComparer.Ordinal);

    /// <summary>Compiles <paramref name="sql"/>, whose parameters are named $1, $2... in the order <see cref="Statement.With"/> takes them.</summary>
    public Statement Prepare(string sql)
    {
        var statement = new Statement(connection, sql);
        _prepared.Add(statement);
        return statement;
    }

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

    public void Dispose() => _prepared.ForEach(statement => statement.Dispose());
}
