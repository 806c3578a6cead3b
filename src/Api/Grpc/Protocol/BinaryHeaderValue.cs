namespace Payouts.Api.Grpc.Protocol;

/// <summary>RFC 4648 §4 base64 for <c>-bin</c> metadata: receivers accept padded and unpadded.</summary>
public static class BinaryHeaderValue
{
    public static string Encode(ReadOnlySpan<byte> value) => Convert.ToBase64String(value);

    public static bool TryDecode(string text, out byte[] value)
    {
        value = [];
        var missing = text.Length % 4;
        if (missing == 1)
        {
            return false;
        }

        var padded = missing == 0 ? text : text + new string('=', 4 - missing);
        var buffer = new byte[padded.Length / 4 * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        value = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }
}
