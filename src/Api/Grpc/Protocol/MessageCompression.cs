using System.Buffers;
using System.IO.Compression;

namespace Payouts.Api.Grpc.Protocol;

/// <summary>
/// The message codings we speak besides identity. Each message is compressed on its own. gRPC's
/// "deflate" is the zlib format (RFC 1950), hence ZLibStream rather than DeflateStream.
/// </summary>
public static class MessageCompression
{
    public const string Identity = "identity";
    public const string Gzip = "gzip";
    public const string Deflate = "deflate";

    /// <summary>What we send in <c>grpc-accept-encoding</c>.</summary>
    public const string AcceptEncoding = "identity,gzip,deflate";

    public static bool IsSupported(string encoding) => encoding is Gzip or Deflate;

    /// <summary>Decompresses one message; null if the result would exceed <paramref name="maxSize"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not valid for the coding.</exception>
    public static byte[]? Decompress(string encoding, ReadOnlySequence<byte> compressed, int maxSize)
    {
        using var input = new SequenceStream(compressed);
        using var decoder = CreateDecoder(encoding, input);
        using var output = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = decoder.Read(chunk, 0, chunk.Length)) > 0)
            {
                // Checked after decompression too: a tiny gzip body can expand without bound.
                if (output.Length + read > maxSize)
                {
                    return null;
                }

                output.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        // GZipStream and ZLibStream report a stream cut off before its trailer as a plain end of data.
        var result = output.ToArray();
        return CompressedTrailer.Matches(encoding == Gzip, compressed, result)
            ? result
            : throw new InvalidDataException("The compressed message is truncated or its checksum does not match.");
    }

    public static byte[] Compress(string encoding, ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream();
        using (var encoder = CreateEncoder(encoding, output))
        {
            encoder.Write(message);
        }

        return output.ToArray();
    }

    /// <summary>
    /// The coding to compress with, among ours that the peer lists in its <c>grpc-accept-encoding</c>:
    /// <paramref name="preferred"/> if listed, otherwise (without a preference) gzip before deflate.
    /// </summary>
    public static string? Negotiate(string? peerAcceptEncoding, string? preferred = null)
    {
        var listed = Listed(peerAcceptEncoding);
        if (preferred is not null)
        {
            return listed.Contains(preferred) ? preferred : null;
        }

        return listed.Contains(Gzip) ? Gzip : listed.Contains(Deflate) ? Deflate : null;
    }

    private static HashSet<string> Listed(string? acceptEncoding)
    {
        var codings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in (acceptEncoding ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsSupported(name.ToLowerInvariant()))
            {
                codings.Add(name.ToLowerInvariant());
            }
        }

        return codings;
    }

    private static Stream CreateDecoder(string encoding, Stream input) => encoding switch
    {
        Gzip => new GZipStream(input, CompressionMode.Decompress),
        Deflate => new ZLibStream(input, CompressionMode.Decompress),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unsupported coding."),
    };

    private static Stream CreateEncoder(string encoding, Stream output) => encoding switch
    {
        Gzip => new GZipStream(output, CompressionLevel.Fastest),
        Deflate => new ZLibStream(output, CompressionLevel.Fastest),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unsupported coding."),
    };

    /// <summary>A read-only stream over a sequence, so decompression needs no copy of the input.</summary>
    private sealed class SequenceStream(ReadOnlySequence<byte> sequence) : Stream
    {
        private ReadOnlySequence<byte> _remaining = sequence;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, _remaining.Length);
            _remaining.Slice(0, n).CopyTo(buffer);
            _remaining = _remaining.Slice(n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
