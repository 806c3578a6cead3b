using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

/// <summary>
/// One gRPC call as its handler sees it: request metadata, the cancellation token (deadline and client
/// cancellation), response headers and trailers. The reading, writing and completion parts live in the
/// other <c>ServerCallContext.*.cs</c> files.
/// </summary>
public sealed partial class ServerCallContext
{
    private readonly HttpContext _http;
    private readonly GrpcServerOptions _options;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;

    internal ServerCallContext(HttpContext http, string method, GrpcServerOptions options)
    {
        _http = http;
        _options = options;
        Method = method;
        CancellationToken = http.RequestAborted;
    }

    /// <summary>The call's path, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public string Method { get; }

    /// <summary>Cancelled when the client cancels, the connection drops or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>When the client's deadline passes (UTC); <see cref="DateTime.MaxValue"/> without one.</summary>
    public DateTime Deadline { get; private set; } = DateTime.MaxValue;

    /// <summary>The request's custom metadata (reserved and pseudo headers left out, <c>-bin</c> values decoded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= RequestMetadata.From(_http.Request.Headers);

    /// <summary>Custom trailers sent with the final status.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>
    /// Who is calling, as the authentication middleware found it: anonymous without a valid token.
    /// Payouts handlers use <c>RequireCaller()</c> (Payouts.Api.Auth) rather than reading it directly.
    /// </summary>
    public ClaimsPrincipal User => _http.User;

    /// <summary>Services of the request scope.</summary>
    public IServiceProvider Services => _http.RequestServices;

    /// <summary>Whether the request message read last arrived with the Compressed-Flag set.</summary>
    public bool RequestMessageCompressed { get; private set; }

    /// <summary>
    /// Whether to compress response messages: null follows the server option, true compresses with a
    /// coding the client accepts (if any), false never compresses. Set it before the first write.
    /// </summary>
    public bool? CompressResponse { get; set; }

    private IHttpResponseTrailersFeature? TrailersFeature => _http.Features.Get<IHttpResponseTrailersFeature>();
}
