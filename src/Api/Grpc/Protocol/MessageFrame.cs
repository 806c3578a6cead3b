using System.Buffers;
using System.Buffers.Binary;

namespace Payouts.Api.Grpc.Protocol;

/// <summary>
/// The Length-Prefixed-Message: one Compressed-Flag byte, a big-endian uint32 length, the message.
/// </summary>
public static class MessageFrame
{
    public const int HeaderSize = 5;

    /// <summary>Reads the 5-byte prefix if the buffer holds it.</summary>
    public static bool TryReadHeader(in ReadOnlySequence<byte> buffer, out byte flag, out uint length)
    {
        flag = 0;
        length = 0;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }

        Span<byte> copy = stackalloc byte[HeaderSize];
        var header = buffer.FirstSpan.Length >= HeaderSize ? buffer.FirstSpan[..HeaderSize] : Gather(buffer, copy);

        flag = header[0];
        length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        return true;
    }

    private static ReadOnlySpan<byte> Gather(in ReadOnlySequence<byte> buffer, Span<byte> destination)
    {
        buffer.Slice(0, HeaderSize).CopyTo(destination);
        return destination;
    }

    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }
}
