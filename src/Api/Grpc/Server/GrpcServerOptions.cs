namespace Payouts.Api.Grpc.Server;

/// <summary>Protocol limits and switches, bound from the "Grpc" configuration section.</summary>
public sealed class GrpcServerOptions
{
    public const string SectionName = "Grpc";

    /// <summary>Largest request message accepted, checked from the length prefix before buffering (4 MiB, as every gRPC stack).</summary>
    public int MaxReceiveMessageSize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest response message sent; null means unlimited.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Append exception type and text to UNKNOWN statuses. Development only: it leaks internals.</summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Coding for responses ("gzip" or "deflate") when the client accepts it; null sends identity.</summary>
    public string? ResponseCompression { get; set; }
}
