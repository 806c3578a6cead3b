namespace Payouts.Api.Grpc.Server;

/// <summary>Header names of the gRPC wire protocol.</summary>
internal static class GrpcHeaders
{
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string StatusDetails = "grpc-status-details-bin";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";
    public const string Timeout = "grpc-timeout";
}
