using Google.Protobuf;
using Microsoft.Extensions.Primitives;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

public sealed partial class ServerCallContext
{
    private bool _headersPrepared;
    private bool _messageWritten;
    private string? _responseEncoding;

    /// <summary>Sends the response headers now, with custom metadata. Later the status goes into trailers.</summary>
    public async Task WriteResponseHeadersAsync(Metadata headers)
    {
        await EnterWriteAsync();
        try
        {
            if (_http.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers have already been sent.");
            }

            PrepareHeaders();
            foreach (var entry in headers)
            {
                AppendMetadata(_http.Response.Headers, entry);
            }

            await _http.Response.StartAsync(CancellationToken);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Buffers one response message; it leaves with the trailers (unary) or the next flush.</summary>
    internal void WriteMessage(IMessage message)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The call has already completed.");
        }

        PrepareHeaders();
        var size = message.CalculateSize();
        if (size > _options.MaxSendMessageSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, "Sending message exceeds the maximum configured message size.");
        }

        _messageWritten = true;
        var writer = _http.Response.BodyWriter;
        if (_responseEncoding is null)
        {
            var span = writer.GetSpan(MessageFrame.HeaderSize + size);
            MessageFrame.WriteHeader(span, compressed: false, size);
            message.WriteTo(span.Slice(MessageFrame.HeaderSize, size));
            writer.Advance(MessageFrame.HeaderSize + size);
            return;
        }

        var compressed = MessageCompression.Compress(_responseEncoding, message.ToByteArray());
        var target = writer.GetSpan(MessageFrame.HeaderSize + compressed.Length);
        MessageFrame.WriteHeader(target, compressed: true, compressed.Length);
        compressed.CopyTo(target[MessageFrame.HeaderSize..]);
        writer.Advance(MessageFrame.HeaderSize + compressed.Length);
    }

    /// <summary>Writes and flushes one message of a streaming response.</summary>
    internal async Task WriteMessageAndFlushAsync(IMessage message, CancellationToken cancellationToken)
    {
        await EnterWriteAsync();
        try
        {
            WriteMessage(message);
            var token = cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken;
            await _http.Response.BodyWriter.FlushAsync(token);
        }
        finally
        {
            ExitWrite();
        }
    }

    private void PrepareHeaders()
    {
        if (_headersPrepared)
        {
            return;
        }

        _headersPrepared = true;
        _responseEncoding = ChooseResponseEncoding();
        if (_responseEncoding is not null)
        {
            _http.Response.Headers[GrpcHeaders.Encoding] = _responseEncoding;
            _http.Response.Headers[GrpcHeaders.AcceptEncoding] = MessageCompression.AcceptEncoding;
        }
    }

    private string? ChooseResponseEncoding()
    {
        if (CompressResponse == false || (CompressResponse is null && _options.ResponseCompression is null))
        {
            return null;
        }

        // The configured coding is used only if the client listed it; an explicit request takes any we share.
        var accepted = _http.Request.Headers[GrpcHeaders.AcceptEncoding].ToString();
        return MessageCompression.Negotiate(accepted, CompressResponse is null ? _options.ResponseCompression : null);
    }

    private static void AppendMetadata(IHeaderDictionary target, MetadataEntry entry)
    {
        var value = entry.ValueBytes is { } bytes ? BinaryHeaderValue.Encode(bytes) : entry.Value!;
        target[entry.Key] = StringValues.Concat(target[entry.Key], value);
    }
}
