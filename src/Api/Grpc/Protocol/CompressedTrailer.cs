using System.Buffers;
using System.Buffers.Binary;

namespace Payouts.Api.Grpc.Protocol;

/// <summary>
/// Checks the integrity trailer of a compressed message. .NET's GZipStream and ZLibStream treat a
/// stream cut off before its trailer as a normal end of data, so a truncated message would
/// otherwise decode silently into a different, shorter one.
/// </summary>
internal static class CompressedTrailer
{
    /// <summary>gzip ends with CRC-32 and ISIZE (little-endian), zlib with Adler-32 (big-endian).</summary>
    public static bool Matches(bool gzip, ReadOnlySequence<byte> compressed, byte[] data)
    {
        Span<byte> trailer = stackalloc byte[8];
        if (gzip)
        {
            if (compressed.Length < 18)
            {
                return false;
            }

            compressed.Slice(compressed.Length - 8).CopyTo(trailer);
            return BinaryPrimitives.ReadUInt32LittleEndian(trailer) == Crc32(data)
                && BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]) == (uint)data.Length;
        }

        if (compressed.Length < 6)
        {
            return false;
        }

        compressed.Slice(compressed.Length - 4).CopyTo(trailer);
        return BinaryPrimitives.ReadUInt32BigEndian(trailer) == Adler32(data);
    }

    private static readonly uint[] Crc32Table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Crc32Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
