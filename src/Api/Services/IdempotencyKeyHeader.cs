namespace Payouts.Api.Services;

/// <summary>The <c>idempotency-key</c> metadata (REST callers send it as the Idempotency-Key header).</summary>
internal static class IdempotencyKeyHeader
{
    public const string Name = "idempotency-key";

    /// <summary>How REST callers spell it (seed 001), and so how a REST error names it.</summary>
    public const string HttpName = "Idempotency-Key";

    private const int MaxLength = 255;

    /// <summary>The key, or null when the caller sent none.</summary>
    public static string? IdempotencyKey(this ServerCallContext context) =>
        context.RequestHeaders.Get(Name) is { } entry ? Checked(entry.Value, Name) : null;

    /// <summary>The key of a REST request, checked as over gRPC.</summary>
    public static string? IdempotencyKey(this HttpRequest request) =>
        request.Headers.TryGetValue(HttpName, out var values) ? Checked(values.ToString(), HttpName) : null;

    /// <summary>
    /// A header sent empty is refused, not taken as "no key": the caller meant to send one, and treating the retry as a
    /// new request is how a payout gets paid twice. Printable ASCII only, so a key survives every proxy and log unchanged.
    /// </summary>
    private static string Checked(string key, string field) => key.Length is > 0 and <= MaxLength && key.All(IsPrintable)
        ? key
        : throw ErrorStatus.InvalidArgument("Invalid idempotency key", (field, $"must be 1 to {MaxLength} printable ASCII characters (a UUID is best)"));

    private static bool IsPrintable(char c) => c is > ' ' and <= '~';
}
