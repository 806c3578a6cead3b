namespace Payouts.Api.Services;

/// <summary>The <c>idempotency-key</c> metadata (REST callers send it as the Idempotency-Key header).</summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "idempotency-key";
    private const int MaxLength = 255;

    /// <summary>The key, or null when the caller sent none.</summary>
    public static string? IdempotencyKey(this ServerCallContext context) => Checked(context.RequestHeaders.GetValue(Name));

    /// <summary>The key of a REST request, checked as over gRPC.</summary>
    public static string? IdempotencyKey(this HttpRequest request) =>
        Checked(request.Headers.TryGetValue(Name, out var values) ? values.ToString() : null);

    private static string? Checked(string? key) => key is null or { Length: > 0 and <= MaxLength }
        ? key
        : throw ErrorStatus.InvalidArgument("Invalid idempotency key", (Name, $"must be 1 to {MaxLength} characters"));
}
