using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payouts.Sandboxes.State;

namespace Payouts.Providers.Tests.Durable;

/// <summary>Reads the sandboxes' record over HTTP, as a test or an operator outside the process would.</summary>
public static class SandboxRecordClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private static readonly HttpClient Http = new();

    /// <summary>GET /_sandbox/record: every provider's entries.</summary>
    public static async Task<IReadOnlyList<ReferenceRecord>> AllAsync(Uri sandbox) =>
        (await Http.GetFromJsonAsync<Records>(new Uri(sandbox, "_sandbox/record"), Json))!.Entries;

    /// <summary>GET /{provider}/_sandbox/record?reference=...: the entry, or null on 404.</summary>
    public static async Task<ReferenceRecord?> OfAsync(Uri sandbox, string provider, long reference)
    {
        using var response = await Http.GetAsync(new Uri(sandbox, $"{provider}/_sandbox/record?reference={reference}"));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<ReferenceRecord>(Json);
    }

    private sealed record Records([property: JsonPropertyName("records")] IReadOnlyList<ReferenceRecord> Entries);
}
