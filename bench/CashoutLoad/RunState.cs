using System.Text.Json;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// What the load run was told, per user, handed from "run" to "verify": every credit and every OK
/// cashout reply. The cashout ids from the replies go to a binary file beside it (PATH.ids, int64 LE).
/// </summary>
internal sealed class RunState
{
    public string UserPrefix { get; set; } = "bench-u";

    public string Currency { get; set; } = "USD";

    public long Amount { get; set; }

    /// <summary>Minor units each user was credited with an OK CreditBalance reply.</summary>
    public long[] Credited { get; set; } = [];

    /// <summary>OK ProcessCashout replies per user.</summary>
    public int[] OkCashouts { get; set; } = [];

    public long OkTotal { get; set; }

    public Dictionary<string, long> Errors { get; set; } = [];

    public void Save(string path, IEnumerable<long> cashoutIds)
    {
        File.WriteAllText(path, JsonSerializer.Serialize(this));
        using var ids = new BinaryWriter(File.Create(IdsPath(path)));
        foreach (var id in cashoutIds)
        {
            ids.Write(id);
        }
    }

    public static RunState Load(string path) =>
        JsonSerializer.Deserialize<RunState>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty state");

    public static long[] LoadIds(string path)
    {
        var bytes = File.ReadAllBytes(IdsPath(path));
        var ids = new long[bytes.Length / sizeof(long)];
        Buffer.BlockCopy(bytes, 0, ids, 0, ids.Length * sizeof(long));
        return ids;
    }

    private static string IdsPath(string path) => path + ".ids";
}
