using System.Text.Json;
using System.Text.Json.Nodes;

namespace Payouts.Application.Common.Idempotency;

/// <summary>
/// A command's fields as canonical JSON (snake_case, like the proto fields), without the key itself,
/// so a reused key can be told apart from a retry and the differing fields named.
/// </summary>
internal static class RequestFingerprint
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Of(IIdempotentCommand command)
    {
        var fields = JsonSerializer.SerializeToNode(command, command.GetType(), Options)!.AsObject();
        fields.Remove("idempotency_key");
        return fields.ToJsonString();
    }

    /// <summary>
    /// The SHA-256 of <see cref="Of"/>, hex: what identifies a request sent without a key, so that repeating the same
    /// JSON replays instead of paying twice (seed 001).
    /// </summary>
    public static string ContentHash(IIdempotentCommand command) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Of(command))));

    /// <summary>Names of the top-level fields whose values differ, in a stable order.</summary>
    public static IReadOnlyList<string> Differences(string first, string second)
    {
        var a = JsonNode.Parse(first)!.AsObject();
        var b = JsonNode.Parse(second)!.AsObject();
        return a.Select(p => p.Key).Union(b.Select(p => p.Key))
            .Where(name => !JsonNode.DeepEquals(a[name], b[name]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
