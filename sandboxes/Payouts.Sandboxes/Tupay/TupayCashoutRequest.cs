using System.Globalization;
using System.Text.Json;

namespace Payouts.Sandboxes.Tupay;

/// <summary>A create-cashout body checked field by field the way Tupay answers "300 Invalid params" (seed 003).</summary>
internal sealed record TupayCashoutRequest(string ExternalId, string Amount, long AmountMinor, string Currency, Uri? NotificationUrl, string Comments)
{
    private static readonly HashSet<string> DocumentTypes = new(StringComparer.Ordinal) { "CE", "CPP", "DNI", "RUC", "PASS" };

    /// <summary>The request, or the name and reason of the first invalid field.</summary>
    public static (TupayCashoutRequest? Request, string? Invalid) Read(JsonElement body, TupaySandboxOptions options)
    {
        var externalId = Text(body, "external_id");
        if (string.IsNullOrEmpty(externalId) || externalId.Length > 100)
        {
            return (null, "external_id is required, at most 100 characters");
        }

        if (Text(body, "country") != "PE")
        {
            return (null, "country must be PE");
        }

        if (AmountOf(body) is not var (amount, minor) || minor <= 0)
        {
            return (null, "amount must be a positive number with up to 2 decimals");
        }

        var currency = Text(body, "currency");
        if (currency is not ("PEN" or "USD"))
        {
            return (null, "currency must be PEN or USD");
        }

        var documentType = Text(body, "document_type") ?? "";
        if (!DocumentTypes.Contains(documentType))
        {
            return (null, "document_type must be CE, CPP, DNI, RUC or PASS");
        }

        if (Text(body, "document_id") is not { Length: >= 8 and <= 12 } documentId || !documentId.All(char.IsAsciiDigit))
        {
            return (null, "document_id must have 8 to 12 digits");
        }

        if (Text(body, "beneficiary_name") is not { Length: > 0 and <= 100 })
        {
            return (null, "beneficiary_name is required, at most 100 characters");
        }

        if (Text(body, "beneficiary_lastname") is { Length: > 100 })
        {
            return (null, "beneficiary_lastname must be at most 100 characters");
        }

        if (Text(body, "bank_account") is not { Length: 20 } cci || !cci.All(char.IsAsciiDigit))
        {
            return (null, "bank_account must be a 20-digit CCI");
        }

        if (Text(body, "account_type") is not ("C" or "S"))
        {
            return (null, "account_type must be C or S");
        }

        var notificationUrl = Text(body, "notification_url");
        Uri? url = null;
        if (notificationUrl is not null && (notificationUrl.Length > 300 || !Uri.TryCreate(notificationUrl, UriKind.Absolute, out url)
            || !(url.Scheme == Uri.UriSchemeHttps || (options.AllowHttpNotificationUrl && url.Scheme == Uri.UriSchemeHttp))))
        {
            return (null, "notification_url must be a valid URL over HTTPS, at most 300 characters");
        }

        var comments = Text(body, "comments") ?? "";
        if (comments.Length > 200)
        {
            return (null, "comments must be at most 200 characters");
        }

        return (new TupayCashoutRequest(externalId, amount, minor, currency, url, comments), null);
    }

    public static string? Text(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Seed 003: a number with up to 2 decimals. A numeric string is taken too, as Tupay's older example sends one.</summary>
    private static (string Text, long Minor)? AmountOf(JsonElement body)
    {
        var text = Text(body, "amount");
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('.');
        if (parts.Length > 2 || parts[0].Length is 0 or > 15 || !parts[0].All(char.IsAsciiDigit)
            || (parts.Length == 2 && (parts[1].Length is 0 or > 2 || !parts[1].All(char.IsAsciiDigit))))
        {
            return null;
        }

        var fraction = parts.Length == 2 ? parts[1].PadRight(2, '0') : "00";
        return (text, long.Parse(parts[0] + fraction, NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
