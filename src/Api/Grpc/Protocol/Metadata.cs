using System.Collections;

namespace Payouts.Api.Grpc.Protocol;

/// <summary>One metadata entry: keys ending in <c>-bin</c> carry bytes, all others printable ASCII text.</summary>
public sealed class MetadataEntry
{
    internal MetadataEntry(string key, string? value, byte[]? valueBytes)
    {
        Key = key;
        Value = value;
        ValueBytes = valueBytes;
    }

    public string Key { get; }

    /// <summary>The text value; null for binary entries.</summary>
    public string? Value { get; }

    /// <summary>The decoded bytes; null for text entries.</summary>
    public byte[]? ValueBytes { get; }

    public bool IsBinary => ValueBytes is not null;
}

/// <summary>
/// Ordered custom metadata (request headers, response headers or trailers). Entries are validated on
/// the way in, because Kestrel throws on invalid header values only once the response is being sent.
/// </summary>
public sealed class Metadata : IReadOnlyList<MetadataEntry>
{
    public const string BinarySuffix = "-bin";
    private readonly List<MetadataEntry> _entries = [];

    public int Count => _entries.Count;

    public MetadataEntry this[int index] => _entries[index];

    public static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.Ordinal);

    public void Add(string key, string value)
    {
        ValidateKey(key);
        if (IsBinaryKey(key))
        {
            throw new ArgumentException($"Metadata key '{key}' is binary; add a byte[] value.", nameof(key));
        }

        if (!IsPrintableAscii(value))
        {
            throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII.", nameof(value));
        }

        _entries.Add(new MetadataEntry(key, value, null));
    }

    public void Add(string key, byte[] value)
    {
        ValidateKey(key);
        if (!IsBinaryKey(key))
        {
            throw new ArgumentException($"Binary metadata key '{key}' must end with '{BinarySuffix}'.", nameof(key));
        }

        _entries.Add(new MetadataEntry(key, null, value));
    }

    /// <summary>The last entry with this key, or null.</summary>
    public MetadataEntry? Get(string key) => _entries.FindLast(e => e.Key == key);

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerator<MetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void AddTrusted(MetadataEntry entry) => _entries.Add(entry);

    /// <summary>gRPC keys are <c>[0-9a-z_.-]+</c>; HTTP/2 header names are lowercase.</summary>
    public static bool IsValidKey(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var c in key)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateKey(string key)
    {
        if (!IsValidKey(key))
        {
            throw new ArgumentException($"Metadata key '{key}' is not valid: use [0-9a-z_.-].", nameof(key));
        }

        if (key.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved for gRPC.", nameof(key));
        }
    }

}
