namespace Payouts.Api.Grpc.Protocol;

/// <summary>Recognises <c>application/grpc</c>, <c>application/grpc+proto</c>, <c>application/grpc;params</c>.</summary>
public static class GrpcContentType
{
    public const string Default = "application/grpc";

    public static bool IsGrpc(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(Default, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // A bare prefix check would also accept application/grpc-web, which we do not serve.
        return contentType.Length == Default.Length || contentType[Default.Length] is '+' or ';';
    }
}
