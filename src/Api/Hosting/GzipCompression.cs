using System.IO.Compression;
using Grpc.Net.Compression;

namespace Payouts.Api.Hosting;

/// <summary>
/// grpc-dotnet's "gzip", except that an empty message still compresses to a gzip stream. On .NET 9 and 10 GZipStream
/// writes nothing at all for empty input (dotnet/runtime#112563), so with response compression on, an empty response
/// (a user with no cashouts) went out flagged compressed with zero bytes: not gzip, and grpc-js and grpc-java end such
/// a call INTERNAL "Failed to decompress". Once GZipStream writes its own header and trailer (.NET 11), this adds nothing.
/// </summary>
internal sealed class GzipCompression : ICompressionProvider
{
    /// <summary>grpc-dotnet's default for its own gzip provider.</summary>
    private const CompressionLevel DefaultLevel = CompressionLevel.Fastest;

    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) =>
        new GZipStream(new EmptyOutputGuard(stream), compressionLevel ?? DefaultLevel, leaveOpen: false);

    public Stream CreateDecompressionStream(Stream stream) => new GZipStream(stream, CompressionMode.Decompress);

    /// <summary>Passes GZipStream's output through and, if there was none, writes the gzip stream of no data when closed.</summary>
    private sealed class EmptyOutputGuard(Stream output) : Stream
    {
        // RFC 1952: header (magic, deflate, no flags, no mtime, no extra flags, OS unknown), one final empty fixed-Huffman
        // block, then CRC-32 and length of the empty input, both zero.
        private static readonly byte[] EmptyGzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        private bool _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _written |= buffer.Length > 0;
            output.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _written |= buffer.Length > 0;
            return output.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush() => output.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        // GZipStream closes this when it is disposed; the output itself belongs to grpc-dotnet and stays open.
        protected override void Dispose(bool disposing)
        {
            if (disposing && !_written)
            {
                _written = true;
                output.Write(EmptyGzip);
            }

            base.Dispose(disposing);
        }
    }
}
