// Ceiling benchmark server: the cheapest possible "gRPC-shaped" unary endpoint on Kestrel.
//
// For every POST it drains the request body through the PipeReader, then writes
//   :status 200, content-type: application/grpc,
//   one pre-serialized length-prefixed message (the SimpleResponse the interop host returns for
//   bench/request.bin: payload.body = ResponseSize zero bytes),
//   trailer grpc-status: 0.
// No routing, no protobuf parsing, no per-call allocation in user code. Whatever the real server
// costs above this is the price of its own framing/dispatch/serialization.
//
// Usage: dotnet Payouts.Bench.Ceiling.dll --port 50090 [--response-size 10]

using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// Same lean host as tests/Interop/Host: empty builder + Kestrel core only, so the only difference
// between the two servers is what happens inside the request.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
// The command-line configuration provider maps "--port 50090" / "--port=50090" to key "port".
builder.Configuration.AddCommandLine(args);
var port = ReadInt(builder.Configuration, "port", 50090);
var responseSize = ReadInt(builder.Configuration, "response-size", 10);
var responseFrame = BuildResponseFrame(responseSize);

builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);

builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    // h2c only (prior knowledge), like a gRPC server without TLS.
    kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
});

var app = builder.Build();

// Terminal middleware, no endpoint routing: the request never leaves Kestrel's hot path.
app.Run(context => HandleAsync(context, responseFrame));

await app.StartAsync().ConfigureAwait(false);
// One line on stdout (not a log) so a human sees it is up; run.sh waits for the port instead.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ceiling: listening h2c on 127.0.0.1:{port}, reply frame {Convert.ToHexString(responseFrame)}"));
await app.WaitForShutdownAsync().ConfigureAwait(false);

static async Task HandleAsync(HttpContext context, ReadOnlyMemory<byte> responseFrame)
{
    var response = context.Response;
    if (!HttpMethods.IsPost(context.Request.Method))
    {
        response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return;
    }

    // Drain the request: read until the client half-closes the stream.
    var reader = context.Request.BodyReader;
    while (true)
    {
        var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        reader.AdvanceTo(result.Buffer.End);
        if (result.IsCompleted || result.IsCanceled)
        {
            break;
        }
    }

    response.ContentType = "application/grpc";
    await response.BodyWriter.WriteAsync(responseFrame, context.RequestAborted).ConfigureAwait(false);
    // Kestrel sends these as a trailing HEADERS frame with END_STREAM when the handler returns.
    response.AppendTrailer("grpc-status", "0");
}

// 5-byte gRPC prefix (compressed flag 0, big-endian length) + SimpleResponse{payload{body=N zeros}}:
//   0a <len(Payload)>  12 <N> <N x 00>     (field 1 payload, field 2 body; N < 128 keeps varints 1 byte)
static byte[] BuildResponseFrame(int bodySize)
{
    if (bodySize is < 0 or > 125)
    {
        throw new ArgumentOutOfRangeException(nameof(bodySize), bodySize, "response-size must be 0..125");
    }

    var payloadLength = 2 + bodySize;       // tag 0x12 + length byte + body
    var messageLength = 2 + payloadLength;  // tag 0x0a + length byte + payload
    var frame = new byte[5 + messageLength];
    frame[0] = 0;
    frame[1] = (byte)(messageLength >> 24);
    frame[2] = (byte)(messageLength >> 16);
    frame[3] = (byte)(messageLength >> 8);
    frame[4] = (byte)messageLength;
    frame[5] = 0x0a;
    frame[6] = (byte)payloadLength;
    frame[7] = 0x12;
    frame[8] = (byte)bodySize;
    // frame[9..] stays zero: the body.
    return frame;
}

static int ReadInt(IConfiguration configuration, string key, int fallback)
{
    var text = configuration[key];
    return text is null ? fallback : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
