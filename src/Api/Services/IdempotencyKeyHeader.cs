using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Grpc.Server;

namespace Payouts.Api.Services;

/// <summary>The <c>idempotency-key</c> metadata (REST callers send it as the Idempotency-Key header).</summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "idempotency-key";
    private const int MaxLength = 255;

    /// <summary>The key, or null when the caller sent none.</summary>
    public static string? IdempotencyKey(this ServerCallContext context)
    {
        var key = context.RequestHeaders.GetValue(Name);
        if (key is null)
        {
            return null;
        }

        return key.Length is > 0 and <= MaxLength
            ? key
            : throw RichStatus.InvalidArgument("Invalid idempotency key", [(Name, $"must be 1 to {MaxLength} characters")]);
    }
}
