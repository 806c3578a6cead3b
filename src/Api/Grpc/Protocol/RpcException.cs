namespace Payouts.Api.Grpc.Protocol;

/// <summary>
/// Ends a call with a chosen status. Handlers throw it for expected outcomes; anything else that
/// escapes a handler becomes UNKNOWN without its text reaching the client.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status, Metadata? trailers = null, Google.Rpc.Status? details = null)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
        Details = details;
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public Status Status { get; }

    public Metadata Trailers { get; }

    /// <summary>The rich status sent as <c>grpc-status-details-bin</c>; its code equals <see cref="Status"/>'s.</summary>
    public Google.Rpc.Status? Details { get; }
}
