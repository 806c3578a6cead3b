using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

public sealed partial class ServerCallContext
{
    private static readonly Status IncompleteMessage = new(StatusCode.Internal, "Incomplete message.");
    private static readonly Status MessageTooLarge = new(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size.");
    private static readonly Status NoRequestMessage = new(StatusCode.Unimplemented, "Expected exactly one request message, received none.");
    private static readonly Status ExtraRequestMessage = new(StatusCode.Unimplemented, "Expected exactly one request message, received more than one.");
    private static readonly Status BadFlag = new(StatusCode.Internal, "Invalid Compressed-Flag: expected 0 or 1.");
    private static readonly Status UnparsableMessage = new(StatusCode.Internal, "Failed to deserialize the request message.");

    private bool _requestEnded;

    /// <summary>
    /// Reads the one request message of a unary or server-streaming call. Zero or several messages
    /// break the call's cardinality, which statuscodes.md answers with UNIMPLEMENTED.
    /// </summary>
    internal async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        var message = await ReadMessageAsync(parser) ?? throw new RpcException(NoRequestMessage);
        var compressed = RequestMessageCompressed;
        if (await ReadMessageAsync(parser) is not null)
        {
            throw new RpcException(ExtraRequestMessage);
        }

        RequestMessageCompressed = compressed;
        return message;
    }

    /// <summary>Reads the next message, or null when the body ends exactly on a message boundary.</summary>
    internal async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        if (_requestEnded)
        {
            return null;
        }

        var reader = _http.Request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(CancellationToken);
            var buffer = result.Buffer;
            if (TryTakeMessage(ref buffer, parser, out var message))
            {
                // Usually the whole request arrives with END_STREAM; then the next read needs no ReadAsync.
                _requestEnded = result.IsCompleted && buffer.IsEmpty;
                reader.AdvanceTo(buffer.Start);
                return message;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.IsEmpty && result.IsCompleted ? null : throw new RpcException(IncompleteMessage);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryTakeMessage<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        if (!MessageFrame.TryReadHeader(buffer, out var flag, out var length))
        {
            return false;
        }

        if (flag > 1)
        {
            throw new RpcException(BadFlag);
        }

        // Checked from the prefix, before a byte of the payload is buffered.
        if (length > (uint)_options.MaxReceiveMessageSize)
        {
            throw new RpcException(MessageTooLarge);
        }

        if (buffer.Length < MessageFrame.HeaderSize + length)
        {
            return false;
        }

        var payload = buffer.Slice(MessageFrame.HeaderSize, length);
        message = flag == 1 ? ParseCompressed(payload, parser) : Parse(payload, parser);
        RequestMessageCompressed = flag == 1;
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private T ParseCompressed<T>(ReadOnlySequence<byte> payload, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var encoding = _http.Request.Headers[GrpcHeaders.Encoding].ToString();
        if (encoding.Length == 0)
        {
            throw new RpcException(StatusCode.Internal, "Request did not include grpc-encoding value with compressed message.");
        }

        if (encoding == MessageCompression.Identity)
        {
            throw new RpcException(StatusCode.Internal, "Request sent 'identity' grpc-encoding value with compressed message.");
        }

        if (!MessageCompression.IsSupported(encoding))
        {
            // The client learns what we do accept; the list never names the coding it tried.
            if (!_http.Response.HasStarted)
            {
                _http.Response.Headers[GrpcHeaders.AcceptEncoding] = MessageCompression.AcceptEncoding;
            }

            throw new RpcException(
                StatusCode.Unimplemented,
                $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {MessageCompression.AcceptEncoding}");
        }

        byte[]? decompressed;
        try
        {
            decompressed = MessageCompression.Decompress(encoding, payload, _options.MaxReceiveMessageSize);
        }
        catch (InvalidDataException)
        {
            throw new RpcException(StatusCode.Internal, $"Failed to decompress the request message with '{encoding}'.");
        }

        return decompressed is null
            ? throw new RpcException(MessageTooLarge)
            : Parse(new ReadOnlySequence<byte>(decompressed), parser);
    }

    private static T Parse<T>(ReadOnlySequence<byte> payload, MessageParser<T> parser)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(UnparsableMessage);
        }
    }
}
