using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Payouts.Application.Cashouts.Queries.ListCashouts;

/// <summary>An opaque page token (base64url of "v1:&lt;last id&gt;"), versioned so its shape can change.</summary>
internal static class PageToken
{
    private const string Prefix = "v1:";

    public static string After(long lastId) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + lastId.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Empty means the first page (null id); anything we did not issue is invalid.</summary>
    public static bool TryRead(string token, out long? beforeId)
    {
        beforeId = null;
        if (token.Length == 0)
        {
            return true;
        }

        if (token.Length > 64 || !Base64Url.IsValid(token))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(token));
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)
            || !long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return false;
        }

        beforeId = id;
        return true;
    }
}
