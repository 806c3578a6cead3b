using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Payouts.Infrastructure.Persistence.PostgreSql;

/// <summary>
/// The form of a one-row write that writes many rows in one statement: PostgreSQL spends most of a small write on the
/// statement (its executor's start and end, its locks, its trip through the protocol), not on the row, so a group's
/// rows of one kind cost less together: 16% less of PostgreSQL's CPU per cashout, measured side by side with one
/// statement per row (docs/BENCHMARKS.md). Two shapes have one: an INSERT whose clauses after its columns are a VALUES
/// row of parameters and, if any, an ON CONFLICT clause without parameters; and an UPDATE whose SET and WHERE use
/// parameters and no sub-expression in parentheses. For any other SQL there is none.
/// </summary>
internal static partial class MultiRowSql
{
    /// <returns>
    /// <paramref name="sql"/> (parameters $1..$<paramref name="parameters"/>) for <paramref name="rows"/> rows, row r's
    /// parameters numbered after row r - 1's; null where the SQL has no such form.
    /// </returns>
    public static string? For(string sql, int parameters, int rows)
    {
        if (rows < 1 || parameters < 1)
        {
            return null;
        }

        if (Insert().Match(sql) is { Success: true } insert)
        {
            var values = Enumerable.Range(0, rows).Select(row => $"({Renumber(insert.Groups["row"].Value, row * parameters)})");
            return $"{insert.Groups["head"].Value}{string.Join(", ", values)}{insert.Groups["conflict"].Value}";
        }

        if (Update().Match(sql) is { Success: true } update)
        {
            // The rows come as a VALUES list named "together"; each $n of the one-row form becomes its column pn.
            var values = Enumerable.Range(0, rows)
                .Select(row => $"({string.Join(", ", Enumerable.Range(row * parameters + 1, parameters).Select(n => $"${n}"))})");
            var columns = string.Join(", ", Enumerable.Range(1, parameters).Select(n => $"p{n}"));
            return new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"UPDATE {update.Groups["table"].Value} SET {Column(update.Groups["set"].Value)} ")
                .Append(CultureInfo.InvariantCulture, $"FROM (VALUES {string.Join(", ", values)}) AS together ({columns}) ")
                .Append(CultureInfo.InvariantCulture, $"WHERE {Column(update.Groups["where"].Value)}")
                .ToString();
        }

        return null;
    }

    /// <summary>Whether <paramref name="sql"/> is an UPDATE: its rows' values are typed by the VALUES list, not by the columns they go to.</summary>
    public static bool IsUpdate(string sql) => sql.StartsWith("UPDATE ", StringComparison.Ordinal);

    private static string Renumber(string row, int offset) =>
        Parameter().Replace(row, match => $"${int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) + offset}");

    private static string Column(string clause) => Parameter().Replace(clause, match => $"together.p{match.Groups[1].Value}");

    // An ON CONFLICT clause without parameters reads each row's own values (excluded), so it serves every row.
    [GeneratedRegex(@"^(?<head>INSERT INTO [^()]+ \([^()]+\) VALUES )\((?<row>\$\d+(?:, \$\d+)*)\)(?<conflict> ON CONFLICT [^$]*)?$")]
    private static partial Regex Insert();

    [GeneratedRegex(@"^UPDATE (?<table>\S+) SET (?<set>[^()]+) WHERE (?<where>[^()]+)$")]
    private static partial Regex Update();

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex Parameter();
}
