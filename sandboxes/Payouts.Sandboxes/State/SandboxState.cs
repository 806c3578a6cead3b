using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payouts.Sandboxes.State;

/// <summary>
/// One provider sandbox's durable state. Whatever a sandbox changes (a payout created or moved, a token issued, a step
/// scheduled, a notification queued, the record) it changes inside <see cref="Change{T}"/>: under one lock, written
/// in one transaction when the outermost change ends. What must wait for that write, a notification's delivery or a
/// step's place in the queue, is handed to <see cref="AfterCommit"/>, so nothing is announced that a crash could
/// take back.
/// </summary>
internal sealed class SandboxState(SandboxStore store, string provider)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly Lock _gate = new();
    private readonly ILookup<string, StoredRow> _loaded = store.Load(provider).ToLookup(r => r.Kind, StringComparer.Ordinal);
    private readonly List<RowChange> _pending = [];
    private readonly List<Action> _afterCommit = [];
    private int _depth;

    /// <summary>The rows of <paramref name="kind"/> as they were on disk when the sandbox started.</summary>
    public DurableTable<T> Table<T>(string kind) =>
        new(this, kind, _loaded[kind].Select(r => KeyValuePair.Create(r.Key, JsonSerializer.Deserialize<T>(r.Json, Json)!)));

    public void Change(Action operation) => Change(() =>
    {
        operation();
        return true;
    });

    /// <summary>Runs <paramref name="operation"/> under the sandbox's lock; the outermost change writes everything it changed.</summary>
    public T Change<T>(Func<T> operation)
    {
        List<Action> committed = [];
        T result;
        lock (_gate)
        {
            _depth++;
            try
            {
                result = operation();
            }
            finally
            {
                // Memory has changed even if the operation then threw: the file follows it.
                if (--_depth == 0)
                {
                    committed = Commit();
                }
            }
        }

        committed.ForEach(action => action());
        return result;
    }

    /// <summary>Reads under the lock, for values a change may be halfway through.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>Runs <paramref name="action"/> once the change under way is written.</summary>
    public void AfterCommit(Action action)
    {
        RequireChange();
        _afterCommit.Add(action);
    }

    internal void Put<T>(string kind, string key, T value)
    {
        RequireChange();
        _pending.Add(new RowChange(provider, kind, key, JsonSerializer.Serialize(value, Json)));
    }

    internal void Delete(string kind, string key)
    {
        RequireChange();
        _pending.Add(new RowChange(provider, kind, key, null));
    }

    private List<Action> Commit()
    {
        List<RowChange> rows = [.. _pending];
        List<Action> committed = [.. _afterCommit];
        _pending.Clear();
        _afterCommit.Clear();
        store.Write(rows);
        return committed;
    }

    private void RequireChange()
    {
        if (_depth == 0 || !_gate.IsHeldByCurrentThread)
        {
            throw new InvalidOperationException("A sandbox changes its state only inside SandboxState.Change.");
        }
    }
}
