using System.Globalization;
using System.Text;
using Payouts.Application.Common;

namespace Payouts.Application.Payouts.Queries.ListPayouts;

/// <summary>The list cursor: the last id of a page, opaque to merchants ("o1." + base64url).</summary>
internal static class OffsetCursor
{
    private const string Version = "o1.";

    public static string Encode(long lastId) =>
        Version + Base64Url.Encode(Encoding.ASCII.GetBytes(lastId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The id the next page starts below, null for the first page (an empty offset); false for an offset we did not issue.</summary>
    public static bool TryDecode(string offset, out long? beforeId)
    {
        beforeId = offset.Length == 0 ? null : Parse(offset);
        return offset.Length == 0 || beforeId is > 0;
    }

    private static long? Parse(string offset)
    {
        if (!offset.StartsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        return Base64Url.TryDecode(offset[Version.Length..], out var bytes)
            && long.TryParse(Encoding.ASCII.GetString(bytes), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }
}
