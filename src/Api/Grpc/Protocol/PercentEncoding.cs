using System.Buffers;
using System.Text;

namespace Payouts.Api.Grpc.Protocol;

/// <summary>
/// <c>grpc-message</c> encoding: UTF-8, with every byte outside 0x20–0x7E and '%' itself written as %XX.
/// Encoding only what the spec requires matters: grpc-js decodes with decodeURI, which would leave
/// over-encoded characters such as %2C undecoded.
/// </summary>
public static class PercentEncoding
{
    public static string Encode(string text)
    {
        if (!NeedsEncoding(text))
        {
            return text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder(bytes.Length * 3);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];

            // RFC 9113 §8.2.1: a header value must not start or end with a space (nghttp2 drops it).
            var outerSpace = b == (byte)' ' && (i == 0 || i == bytes.Length - 1);
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%' && !outerSpace)
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes %XX escapes; a malformed escape is kept as it is, never an error.</summary>
    public static string Decode(string text)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return text;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = 0;
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
                {
                    buffer[length++] = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                    i += 2;
                }
                else
                {
                    // A surrogate pair is one character: encoding its halves apart would give two U+FFFD.
                    var count = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                    length += Encoding.UTF8.GetBytes(text.AsSpan(i, count), buffer.AsSpan(length));
                    i += count - 1;
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private const string HexUpper = "0123456789ABCDEF";

    private static bool NeedsEncoding(string text)
    {
        if (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '))
        {
            return true;
        }

        foreach (var c in text)
        {
            if (c is < ' ' or > '~' or '%')
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
