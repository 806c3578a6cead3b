using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.PayPal;

/// <summary>One payout batch as the sandbox holds it; changed only inside the sandbox's state changes, rendered as PayPal renders it.</summary>
internal sealed class PayPalSandboxBatch(string batchId, string senderBatchId, Uri selfBase, DateTimeOffset created, IReadOnlyList<PayPalSandboxItem> items)
{
    public string BatchId { get; } = batchId;

    public string SenderBatchId { get; } = senderBatchId;

    /// <summary>The sandbox's base URL when the batch was created, for links and webhooks sent later.</summary>
    public Uri SelfBase { get; } = selfBase;

    public string Status { get; set; } = "PENDING";

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset? Completed { get; set; }

    /// <summary>How the batch ends (its "finish" step reads it).</summary>
    public Scenario Scenario { get; set; }

    public IReadOnlyList<PayPalSandboxItem> Items { get; } = items;

    [JsonIgnore]
    public Uri Link => new(SelfBase, $"v1/payments/payouts/{BatchId}");

    /// <summary><c>payout_batch</c>: GET v1/payments/payouts/{id}.</summary>
    public JsonObject ToBatchJson() => new()
    {
        ["batch_header"] = HeaderJson(),
        ["items"] = new JsonArray([.. Items.Select(i => (JsonNode)ItemJson(i, withSenderBatchId: false))]),
        ["links"] = new JsonArray(LinkJson(Link, "self")),
    };

    /// <summary><c>payout</c>: the create reply and the resource of batch webhooks.</summary>
    public JsonObject ToPayoutJson() => new()
    {
        ["batch_header"] = HeaderJson(),
        ["links"] = new JsonArray(LinkJson(Link, "self")),
    };

    /// <summary><c>payout_item-2</c>: GET v1/payments/payouts-item/{id} and the resource of item webhooks.</summary>
    public JsonObject ItemJson(PayPalSandboxItem item, bool withSenderBatchId = true)
    {
        var json = new JsonObject
        {
            ["payout_item_id"] = item.ItemId,
            ["transaction_status"] = item.Status,
            ["payout_item_fee"] = Amount(item.Currency, item.Status == "PENDING" && Status == "PENDING" ? 0m : Fee(item)),
            ["payout_batch_id"] = BatchId,
            ["payout_item"] = new JsonObject
            {
                ["recipient_type"] = item.RecipientType,
                ["amount"] = new JsonObject { ["currency"] = item.Currency, ["value"] = item.Value },
                ["note"] = item.Note,
                ["receiver"] = item.Receiver,
                ["sender_item_id"] = item.SenderItemId,
                ["recipient_wallet"] = "PAYPAL",
            },
            ["links"] = new JsonArray(LinkJson(new Uri(SelfBase, $"v1/payments/payouts-item/{item.ItemId}"), "item")),
        };
        if (withSenderBatchId)
        {
            json["sender_batch_id"] = SenderBatchId;
        }

        if (item.TransactionId is { } transactionId)
        {
            json["transaction_id"] = transactionId;
        }

        if (item.Processed is { } processed)
        {
            json["time_processed"] = Timestamp(processed);
        }

        if (item.Error is { } error)
        {
            json["errors"] = new JsonObject
            {
                ["name"] = error.Name,
                ["message"] = error.Message,
                ["information_link"] = PayPalSandboxReplies.InformationLink,
                ["details"] = new JsonArray(),
            };
        }

        return json;
    }

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private JsonObject HeaderJson()
    {
        var currency = Items[0].Currency;
        var header = new JsonObject
        {
            ["payout_batch_id"] = BatchId,
            ["batch_status"] = Status,
            ["time_created"] = Timestamp(Created),
            ["sender_batch_header"] = new JsonObject { ["sender_batch_id"] = SenderBatchId },
            ["funding_source"] = "BALANCE",
            ["amount"] = Amount(currency, Items.Sum(i => i.DecimalValue)),
            ["fees"] = Amount(currency, Status == "PENDING" ? 0m : Items.Sum(Fee)),
        };
        if (Completed is { } completed)
        {
            header["time_completed"] = Timestamp(completed);
            header["time_closed"] = Timestamp(completed);
        }

        return header;
    }

    // The sandbox charges 2% capped at 20 units, a plausible fee, so fees are visibly non-zero once processing.
    private static decimal Fee(PayPalSandboxItem item) => Math.Min(Math.Round(item.DecimalValue * 0.02m, item.Decimals), 20m);

    private static JsonObject Amount(string currency, decimal value) => new()
    {
        ["currency"] = currency,
        ["value"] = value.ToString(PayPalSandboxItem.DecimalsOf(currency) == 0 ? "0" : "0.00", CultureInfo.InvariantCulture),
    };

    private static JsonObject LinkJson(Uri href, string rel) => new() { ["href"] = href.ToString(), ["rel"] = rel, ["method"] = "GET" };
}

/// <summary>One payout item; changed with its batch.</summary>
internal sealed class PayPalSandboxItem(string itemId, string recipientType, string receiver, string currency, string value, string? note, string? senderItemId)
{
    public string ItemId { get; } = itemId;

    public string RecipientType { get; } = recipientType;

    public string Receiver { get; } = receiver;

    public string Currency { get; } = currency;

    public string Value { get; } = value;

    public string? Note { get; } = note;

    public string? SenderItemId { get; } = senderItemId;

    public string Status { get; set; } = "PENDING";

    public string? TransactionId { get; set; }

    public DateTimeOffset? Processed { get; set; }

    public PayPalItemError? Error { get; set; }

    [JsonIgnore]
    public decimal DecimalValue => decimal.Parse(Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    [JsonIgnore]
    public int Decimals => DecimalsOf(Currency);

    /// <summary>The amount in minor units, which picks the scenario when none is booked.</summary>
    [JsonIgnore]
    public long Minor => (long)(DecimalValue * (Decimals == 0 ? 1 : 100));

    /// <summary>PayPal's zero-decimal currencies.</summary>
    public static int DecimalsOf(string currency) => currency is "JPY" or "HUF" or "TWD" ? 0 : 2;
}

/// <summary>Why an item failed, as its "errors" shows it.</summary>
internal sealed record PayPalItemError(string Name, string Message);
