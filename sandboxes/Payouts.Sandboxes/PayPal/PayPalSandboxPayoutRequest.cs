using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Payouts.Sandboxes.PayPal;

/// <summary>A create_payout_request checked as PayPal checks it (PROVIDERS.md 1.2): field errors come back as VALIDATION_ERROR details.</summary>
internal sealed partial record PayPalSandboxPayoutRequest(string SenderBatchId, IReadOnlyList<PayPalSandboxPayoutRequest.Item> Items)
{
    private const int MaxItems = 15000;

    /// <summary>What PayPal lets an account hold and pay out in.</summary>
    private static readonly HashSet<string> Currencies = new(StringComparer.Ordinal)
    {
        "AUD", "CAD", "CNY", "CZK", "DKK", "EUR", "HKD", "HUF", "ILS", "JPY", "MYR", "MXN", "TWD", "NZD", "NOK", "PHP", "PLN", "GBP",
        "SGD", "SEK", "CHF", "THB", "USD",
    };

    public sealed record Item(string RecipientType, string Receiver, string Currency, string Value, string? Note, string? SenderItemId);

    /// <summary>The sender_batch_id a create names, valid or not, for the record of what PayPal received.</summary>
    public static string? SenderBatchIdOf(JsonNode? body) => Text(((body as JsonObject)?["sender_batch_header"] as JsonObject)?["sender_batch_id"]);

    /// <summary>The request, or the reply refusing it.</summary>
    public static (PayPalSandboxPayoutRequest? Request, IResult? Refusal) Parse(JsonNode? body)
    {
        var details = new JsonArray();
        var header = body?["sender_batch_header"] as JsonObject;
        var senderBatchId = Text(header?["sender_batch_id"]);
        if (senderBatchId is null || senderBatchId.Length is 0 or > 256)
        {
            details.Add(PayPalSandboxReplies.Detail("sender_batch_header.sender_batch_id", "sender_batch_id is required and at most 256 characters"));
        }

        var defaultType = Text(header?["recipient_type"]);
        var items = new List<Item>();
        if (body?["items"] is not JsonArray { Count: > 0 and <= MaxItems } rawItems)
        {
            details.Add(PayPalSandboxReplies.Detail("items", $"items must hold 1 to {MaxItems} payout items"));
            return (null, PayPalSandboxReplies.Validation(details));
        }

        for (var i = 0; i < rawItems.Count; i++)
        {
            if (ParseItem(rawItems[i] as JsonObject, defaultType, $"items[{i}]", details) is { } item)
            {
                items.Add(item);
            }
        }

        if (details.Count > 0)
        {
            return (null, PayPalSandboxReplies.Validation(details));
        }

        // One observed sandbox behaviour: BRL is refused as a currency the sender account cannot hold.
        if (items.Any(i => i.Currency == "BRL"))
        {
            return (null, PayPalSandboxReplies.Error(StatusCodes.Status400BadRequest, "NON_HOLDING_CURRENCY", "Payouts to this currency are not supported for the sender's account."));
        }

        return (new PayPalSandboxPayoutRequest(senderBatchId!, items), null);
    }

    private static Item? ParseItem(JsonObject? raw, string? defaultType, string at, JsonArray details)
    {
        var before = details.Count;
        var type = Text(raw?["recipient_type"]) ?? defaultType;
        var receiver = Text(raw?["receiver"]) ?? string.Empty;
        var currency = Text(raw?["amount"]?["currency"]) ?? string.Empty;
        var value = Text(raw?["amount"]?["value"]) ?? string.Empty;
        var note = Text(raw?["note"]);
        var senderItemId = Text(raw?["sender_item_id"]);

        switch (type)
        {
            case "PAYPAL_ID" when !PayerIdPattern().IsMatch(receiver):
                details.Add(PayPalSandboxReplies.Detail($"{at}.receiver", "Receiver is not a valid PayPal account id (payer_id)"));
                break;
            case "EMAIL" when receiver.Length is 0 or > 127 || !receiver.Contains('@', StringComparison.Ordinal):
                details.Add(PayPalSandboxReplies.Detail($"{at}.receiver", "Receiver is not a valid email address"));
                break;
            case "PHONE":
                details.Add(PayPalSandboxReplies.Detail($"{at}.recipient_type", "PHONE recipients are not supported in the sandbox"));
                break;
            case "PAYPAL_ID" or "EMAIL" or "USER_HANDLE":
                break;
            default:
                details.Add(PayPalSandboxReplies.Detail($"{at}.recipient_type", "recipient_type must be EMAIL, PHONE, PAYPAL_ID or USER_HANDLE"));
                break;
        }

        if (currency != "BRL" && !Currencies.Contains(currency))
        {
            details.Add(PayPalSandboxReplies.Detail($"{at}.amount.currency", "Currency is not supported"));
        }
        else if (!ValidValue(value, PayPalSandboxItem.DecimalsOf(currency)))
        {
            details.Add(PayPalSandboxReplies.Detail($"{at}.amount.value", "Amount must be a positive decimal with the currency's decimals"));
        }

        if (note is not null && note.Length > (note.All(char.IsAscii) ? 4000 : 1000))
        {
            details.Add(PayPalSandboxReplies.Detail($"{at}.note", "Note is too long"));
        }

        if (senderItemId is { Length: > 63 })
        {
            details.Add(PayPalSandboxReplies.Detail($"{at}.sender_item_id", "sender_item_id is at most 63 characters"));
        }

        return details.Count == before ? new Item(type!, receiver, currency, value, note, senderItemId) : null;
    }

    private static bool ValidValue(string value, int decimals)
    {
        var match = AmountPattern().Match(value);
        return match.Success
            && match.Groups["fraction"].Length <= decimals
            && value.Any(c => c is >= '1' and <= '9');
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex("^[A-Z0-9]{13}$")]
    private static partial Regex PayerIdPattern();

    [GeneratedRegex(@"^[0-9]{1,10}(\.(?<fraction>[0-9]{1,3}))?$")]
    private static partial Regex AmountPattern();
}
