using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using Payouts.Api.Grpc.Protocol;

namespace Payouts.Api.Grpc.Server;

/// <summary>Turns request headers into the metadata a handler sees.</summary>
internal static class RequestMetadata
{
    // The same headers grpc-dotnet hides: transport and protocol headers, not application metadata.
    private static readonly FrozenSet<string> Hidden = new[]
    {
        "grpc-encoding", "grpc-accept-encoding", "grpc-timeout", "content-encoding", "content-type",
        "content-length", "te", "host", "accept-encoding",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static Metadata From(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in headers)
        {
            // HTTP/2 header names arrive lowercase, so this allocates only for HTTP/1.1 callers.
            var key = name.ToLowerInvariant();
            if (key.StartsWith(':') || Hidden.Contains(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                AddValue(metadata, key, value ?? "");
            }
        }

        return metadata;
    }

    private static void AddValue(Metadata metadata, string key, string value)
    {
        if (!Metadata.IsBinaryKey(key))
        {
            metadata.AddTrusted(new MetadataEntry(key, value, null));
            return;
        }

        // Several binary values may arrive joined with ','; split before decoding.
        foreach (var part in new StringTokenizer(value, [',']))
        {
            var text = part.Trim().ToString();
            if (!BinaryHeaderValue.TryDecode(text, out var bytes))
            {
                throw new RpcException(StatusCode.Internal, $"Invalid base64 in binary metadata '{key}'.");
            }

            metadata.AddTrusted(new MetadataEntry(key, null, bytes));
        }
    }
}
