using System.Globalization;

namespace Payouts.Bench.CashoutLoad;

internal static class Usage
{
    public const string Text = """
        usage: Payouts.Bench.CashoutLoad <mode> [--option value]...
          link     --db PATH | --postgres CONNECTION-STRING  --users N [--user-prefix bench-u]
          ceiling  --db PATH [--seconds 5] [--synchronous FULL] [--count-fsyncs]
          run      --port P[,P2...] --server-pid PID[,PID2...] [--postgres-pid POSTMASTER]
                   --key-id bench --key-secret BASE64 --state PATH
                   [--users 10000] [--user-prefix bench-u] [--amount 100] [--fund 10000000]
                   [--configs 1,16,64] [--duration 10] [--config-warmup 2]
                   [--warmup 90] [--min-warmup 10] [--warmup-chunk 5] [--connections 4]
                   [--idempotency-keys] [--count-fsyncs] [--clk-tck 100] [--table PATH]
          verify   --db PATH | --postgres CONNECTION-STRING  --state PATH
          fairness --port P --key-id bench --key-secret BASE64 [--limit 100] [--seconds 10]
        """;
}

internal sealed class OptionsException(string message) : Exception(message);

/// <summary>"--name value", "--name=value" and bare "--flag" arguments.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"unexpected argument '{arg}'");
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            options._values[name] = value;
        }

        return options;
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : throw new OptionsException($"--{name} is required");

    public string String(string name, string fallback) =>
        _values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : fallback;

    public long Long(string name, long fallback, long min = long.MinValue)
    {
        if (!_values.TryGetValue(name, out var text) || string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new OptionsException($"--{name} must be a whole number >= {min}, not '{text}'");
    }

    public int Int(string name, int fallback, int min = int.MinValue) => checked((int)Long(name, fallback, min));

    public double Double(string name, double fallback, double min = 0)
    {
        if (!_values.TryGetValue(name, out var text) || string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new OptionsException($"--{name} must be a number >= {min}, not '{text}'");
    }

    public int[] Ints(string name, int[] fallback)
    {
        if (!_values.TryGetValue(name, out var text) || string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]) || values[i] < 1)
            {
                throw new OptionsException($"--{name} must be a comma-separated list of whole numbers >= 1, not '{text}'");
            }
        }

        return values;
    }
}

/// <summary>The bench users: "bench-u00000"... (one paypal method, one USD balance each).</summary>
internal static class BenchUsers
{
    public static string Id(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index:D5}");
}

internal static class Format
{
    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
