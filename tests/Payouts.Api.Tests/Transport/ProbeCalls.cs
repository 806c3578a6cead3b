using Grpc.Testing;
using Payouts.Api.Tests.Infrastructure;

namespace Payouts.Api.Tests.Transport;

/// <summary>Paths of grpc.testing.TestService and framed requests that pick a ProbeService behaviour.</summary>
internal static class ProbeCalls
{
    public const string EmptyCall = "/grpc.testing.TestService/EmptyCall";
    public const string UnaryCall = "/grpc.testing.TestService/UnaryCall";
    public const string CacheableUnaryCall = "/grpc.testing.TestService/CacheableUnaryCall";
    public const string StreamingOutputCall = "/grpc.testing.TestService/StreamingOutputCall";
    public const string StreamingInputCall = "/grpc.testing.TestService/StreamingInputCall";
    public const string FullDuplexCall = "/grpc.testing.TestService/FullDuplexCall";

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A UnaryCall that echoes: OK with a payload of <paramref name="responseSize"/> zero bytes.</summary>
    public static SimpleRequest Echo(int responseSize = 0) => new() { ResponseSize = responseSize };

    /// <summary>A UnaryCall in one of ProbeService's modes ("throw", "sleep", "metadata").</summary>
    public static SimpleRequest Mode(string mode) => new() { ResponseStatus = new EchoStatus { Message = mode } };

    /// <summary>A UnaryCall that ends with the given status.</summary>
    public static SimpleRequest Failing(int code, string message) => new() { ResponseStatus = new EchoStatus { Code = code, Message = message } };

    public static byte[] Framed(Google.Protobuf.IMessage message) => RawGrpcClient.Frame(message);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
