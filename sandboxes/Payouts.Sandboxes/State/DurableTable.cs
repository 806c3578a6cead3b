using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Payouts.Sandboxes.State;

/// <summary>
/// A sandbox's map of one kind of thing (payouts, tokens, steps...) by key: read from memory, and every
/// <see cref="Put"/> or <see cref="Remove"/> written with the change under way. A value mutated in place is
/// <see cref="Put"/> again after the mutation, which is what writes it.
/// </summary>
internal sealed class DurableTable<T>
{
    private readonly SandboxState _state;
    private readonly string _kind;
    private readonly ConcurrentDictionary<string, T> _rows;

    public DurableTable(SandboxState state, string kind, IEnumerable<KeyValuePair<string, T>> loaded)
    {
        _state = state;
        _kind = kind;
        _rows = new ConcurrentDictionary<string, T>(loaded, StringComparer.Ordinal);
    }

    public int Count => _rows.Count;

    /// <summary>A snapshot of the keys.</summary>
    public IReadOnlyList<string> Keys => [.. _rows.Keys];

    /// <summary>A snapshot of the values.</summary>
    public IReadOnlyList<T> Values => [.. _rows.Values];

    public bool Contains(string key) => _rows.ContainsKey(key);

    public bool TryGet(string key, [MaybeNullWhen(false)] out T value) => _rows.TryGetValue(key, out value);

    public void Put(string key, T value)
    {
        _state.Put(_kind, key, value);
        _rows[key] = value;
    }

    public bool Remove(string key)
    {
        if (!_rows.ContainsKey(key))
        {
            return false;
        }

        _state.Delete(_kind, key);
        return _rows.TryRemove(key, out _);
    }
}
