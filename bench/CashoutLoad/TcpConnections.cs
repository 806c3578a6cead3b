using System.Globalization;

namespace Payouts.Bench.CashoutLoad;

/// <summary>
/// This process's established TCP connections to some ports, from /proc: the proof that "--connections N"
/// gave N connections, since the client library opens them itself.
/// </summary>
internal static class TcpConnections
{
    private const string Established = "01";
    private static readonly string[] Tables = ["/proc/self/net/tcp", "/proc/self/net/tcp6"];

    public static int To(int[] ports)
    {
        var ours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    ours.Add(target[8..^1]);
                }
            }
            catch (IOException)
            {
                // Closed between listing and reading.
            }
        }

        var count = 0;
        foreach (var table in Tables.Where(File.Exists))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == Established && ours.Contains(f[9]) && ports.Contains(RemotePort(f[2])))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int RemotePort(string address) =>
        int.Parse(address.AsSpan(address.LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
