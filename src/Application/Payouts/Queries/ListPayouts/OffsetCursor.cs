using System.Globalization;
using System.Text;

namespace Payouts.Application.Payouts.Queries.ListPayouts;

/// <summary>The list cursor: the last id of a page, opaque to merchants ("o1." + base64url).</summary>
internal static class OffsetCursor
{
    private const string Version = "o1.";

    public static string Encode(long lastId) =>
        Version + Convert.ToBase64String(Encoding.ASCII.GetBytes(lastId.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The id the next page starts below; null for the first page. Only call after <see cref="IsValid"/>.</summary>
    public static long? Decode(string offset) => offset.Length == 0 ? null : Parse(offset);

    public static bool IsValid(string offset) => offset.Length == 0 || Parse(offset) is > 0;

    private static long? Parse(string offset)
    {
        if (!offset.StartsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        var body = offset[Version.Length..].Replace('-', '+').Replace('_', '/');
        body += new string('=', (4 - (body.Length % 4)) % 4);
        var bytes = new byte[body.Length];
        return Convert.TryFromBase64String(body, bytes, out var written)
            && long.TryParse(Encoding.ASCII.GetString(bytes, 0, written), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }
}
