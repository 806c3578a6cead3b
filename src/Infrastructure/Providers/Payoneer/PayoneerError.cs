using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>Payoneer's error envelope (PROVIDERS.md §2.7); OAuth errors carry only error and error_description.</summary>
internal sealed record PayoneerError(string? Error, string? ErrorDescription, PayoneerErrorDetails? ErrorDetails)
{
    /// <summary>The envelope, or null if the body is not one (a proxy's page, an empty body).</summary>
    public static PayoneerError? TryRead(byte[] body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<PayoneerError>(body, PayoneerJson.Options);
            return error is { Error: not null } or { ErrorDetails: not null } ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool HasSubCode(int subCode) =>
        ErrorDetails is { } details && (details.SubCode == subCode || (details.Errors ?? []).Any(e => e.SubCode == subCode));

    /// <summary>The most specific code: a sub_code, else the error name.</summary>
    public string Code =>
        ErrorDetails?.SubCode?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        ?? ErrorDetails?.Errors?.Select(e => e.SubCode).FirstOrDefault(c => c is not null)?.ToString(System.Globalization.CultureInfo.InvariantCulture)
        ?? Error
        ?? "error";

    /// <summary>Description and per-field messages; the offending values are left out, they may be personal data.</summary>
    public string Summary()
    {
        var fields = (ErrorDetails?.Errors ?? [])
            .Where(e => e.Message is not null)
            .Select(e => e.Target is null ? e.Message : $"{e.Target}: {e.Message}");
        return string.Join("; ", new[] { ErrorDescription ?? Error }.Concat(fields).Where(s => !string.IsNullOrWhiteSpace(s)));
    }
}

internal sealed record PayoneerErrorDetails(int? Code, int? SubCode, string? Target, IReadOnlyList<PayoneerErrorItem>? Errors);

internal sealed record PayoneerErrorItem(
    [property: JsonConverter(typeof(JsonLenientStringConverter))] string? Code,
    string? Target,
    string? Message,
    int? SubCode);
