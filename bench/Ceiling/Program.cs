// Ceiling benchmark server: the cheapest possible "gRPC-shaped" unary endpoint on Kestrel.
//
// For every POST it drains the request body through the PipeReader, then writes
//   :status 200, content-type: application/grpc,
//   one pre-serialized length-prefixed message (by default what the Payouts service answers to
//   bench/request.bin, an empty grpc.health.v1.HealthCheckRequest: HealthCheckResponse{SERVING}),
//   trailer grpc-status: 0.
// No routing, no protobuf parsing, no per-call allocation in user code. Whatever the real server
// costs above this is the price of its own pipeline, framing, dispatch and serialization.
//
// Usage: dotnet Payouts.Bench.Ceiling.dll --port 50090 [--reply-hex 00000000020801]

using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// The leanest host there is, empty builder + Kestrel core only, so that what it costs is Kestrel's
// HTTP/2 and nothing a real server could choose to leave out.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = args });
// The command-line configuration provider maps "--port 50090" / "--port=50090" to key "port".
builder.Configuration.AddCommandLine(args);
var port = ReadInt(builder.Configuration, "port", 50090);
// bench/run.sh passes the reply it expects from the service, so the two answer the same bytes.
var responseFrame = ReadFrame(builder.Configuration, "reply-hex", "00000000020801");

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

// One uncompressed gRPC frame: the 5-byte prefix's length must be what follows, or the "ceiling"
// would not be answering gRPC at all.
static byte[] ReadFrame(IConfiguration configuration, string key, string fallback)
{
    var frame = Convert.FromHexString(configuration[key] ?? fallback);
    if (frame.Length < 5 || frame[0] != 0 || BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(1)) != frame.Length - 5)
    {
        throw new ArgumentException($"--{key} must be one uncompressed length-prefixed gRPC message, not {Convert.ToHexString(frame)}");
    }

    return frame;
}

static int ReadInt(IConfiguration configuration, string key, int fallback)
{
    var text = configuration[key];
    return text is null ? fallback : int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
