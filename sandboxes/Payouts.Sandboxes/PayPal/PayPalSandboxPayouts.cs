using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.PayPal;

/// <summary>
/// Payout batches in memory (PROVIDERS.md 1.2): create, read batch, read item; each batch moves through PayPal's
/// statuses as its scenario says, with a webhook per change. Deduplicated on sender_batch_id like PayPal, and on
/// PayPal-Request-Id (a replay gets the first reply).
/// </summary>
internal sealed class PayPalSandboxPayouts(SandboxContext context, PayPalSandboxAuth auth, PayPalSandboxWebhooks webhooks)
{
    private const string CreateRoute = "v1/payments/payouts";

    /// <summary>
    /// Item notes that fail the create in PayPal's own sandbox (one public build log, PROVIDERS.md 1.2.4); 004, 007,
    /// 008 and 009 succeed there, and here.
    /// </summary>
    private static readonly Dictionary<string, (int Status, string Name, string Message)> MagicNotes = new(StringComparer.Ordinal)
    {
        ["ERRPYO001"] = (StatusCodes.Status403Forbidden, "SENDER_RESTRICTED", "Sender is restricted."),
        ["ERRPYO002"] = (StatusCodes.Status403Forbidden, "SENDER_EMAIL_UNCONFIRMED", "Sender's email is unconfirmed."),
        ["ERRPYO003"] = (StatusCodes.Status403Forbidden, "AUTHORIZATION_ERROR", "Authorization error occurred."),
        ["ERRPYO005"] = (StatusCodes.Status422UnprocessableEntity, "INSUFFICIENT_FUNDS", "Sender does not have sufficient funds."),
        ["ERRPYO006"] = (StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "An internal error occurred."),
        ["ERRPYO010"] = (StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "Invalid request - see details"),
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, PayPalSandboxBatch> _byBatchId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PayPalSandboxBatch> _bySenderBatchId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PayPalSandboxBatch> _byItemId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _repliesByRequestId = new(StringComparer.Ordinal);

    public int BatchCount
    {
        get
        {
            lock (_gate)
            {
                return _byBatchId.Count;
            }
        }
    }

    /// <summary>The batch created for <paramref name="senderBatchId"/> (our payout id): its id, status and its first item's status.</summary>
    public (string BatchId, string BatchStatus, string ItemStatus)? Find(string senderBatchId)
    {
        lock (_gate)
        {
            return _bySenderBatchId.TryGetValue(senderBatchId, out var batch) ? (batch.BatchId, batch.Status, batch.Items[0].Status) : null;
        }
    }

    public async Task<IResult> CreateAsync(HttpContext http)
    {
        if (auth.RequireApp(http.Request) is { } refused)
        {
            return refused;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return PayPalSandboxReplies.InvalidRequest();
        }

        var requestId = http.Request.Headers["PayPal-Request-Id"].ToString();
        lock (_gate)
        {
            if (requestId.Length > 0 && _repliesByRequestId.TryGetValue(requestId, out var replay))
            {
                return Results.Text(replay, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
            }
        }

        var (request, invalid) = PayPalSandboxPayoutRequest.Parse(body);
        if (invalid is not null)
        {
            return invalid;
        }

        if (request!.Items.Select(i => i.Note?.Trim() ?? string.Empty).FirstOrDefault(MagicNotes.ContainsKey) is { } magic)
        {
            var (status, name, message) = MagicNotes[magic];
            return PayPalSandboxReplies.Error(status, name, message);
        }

        var selfBase = PayPalSandboxReplies.SelfBase(http.Request, CreateRoute);
        PayPalSandboxBatch batch;
        string reply;
        lock (_gate)
        {
            if (_bySenderBatchId.TryGetValue(request.SenderBatchId, out var original))
            {
                return Duplicate(original);
            }

            var items = request.Items
                .Select(i => new PayPalSandboxItem(PayPalSandboxReplies.RandomId(13), i.RecipientType, i.Receiver, i.Currency, i.Value, i.Note, i.SenderItemId))
                .ToList();
            batch = new PayPalSandboxBatch(PayPalSandboxReplies.RandomId(13), request.SenderBatchId, selfBase, context.Clock.GetUtcNow(), items);
            _byBatchId[batch.BatchId] = batch;
            _bySenderBatchId[batch.SenderBatchId] = batch;
            foreach (var item in items)
            {
                _byItemId[item.ItemId] = batch;
            }

            reply = batch.ToPayoutJson().ToJsonString();
            if (requestId.Length > 0)
            {
                _repliesByRequestId[requestId] = reply;
            }
        }

        Run(batch, context.Scenarios.For(batch.SenderBatchId, batch.Items[0].Minor));
        return Results.Text(reply, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
    }

    public IResult GetBatch(HttpRequest request, string batchId)
    {
        if (auth.RequireApp(request) is { } refused)
        {
            return refused;
        }

        lock (_gate)
        {
            return _byBatchId.TryGetValue(batchId, out var batch) ? PayPalSandboxReplies.Json(batch.ToBatchJson()) : PayPalSandboxReplies.NotFound();
        }
    }

    public IResult GetItem(HttpRequest request, string itemId)
    {
        if (auth.RequireApp(request) is { } refused)
        {
            return refused;
        }

        lock (_gate)
        {
            return _byItemId.TryGetValue(itemId, out var batch)
                ? PayPalSandboxReplies.Json(batch.ItemJson(batch.Items.First(i => i.ItemId == itemId)))
                : PayPalSandboxReplies.NotFound();
        }
    }

    /// <summary>Moves a batch booked as <see cref="Scenario.Stall"/> on to <paramref name="ending"/>.</summary>
    public bool Release(string senderBatchId, Scenario ending)
    {
        PayPalSandboxBatch? batch;
        lock (_gate)
        {
            _bySenderBatchId.TryGetValue(senderBatchId, out batch);
        }

        if (batch is null || ending == Scenario.Stall)
        {
            return false;
        }

        Run(batch, ending);
        return true;
    }

    /// <summary>The reply PayPal gives for a reused sender_batch_id, exactly as observed (PROVIDERS.md 1.2.4).</summary>
    private static IResult Duplicate(PayPalSandboxBatch original)
    {
        var detail = PayPalSandboxReplies.Detail("SENDER_BATCH_ID", "Batch with given sender_batch_id already exists");
        detail["link"] = new JsonArray(new JsonObject { ["href"] = original.Link.ToString(), ["rel"] = "self", ["method"] = "GET" });
        return PayPalSandboxReplies.Error(StatusCodes.Status400BadRequest, "USER_BUSINESS_ERROR", "User business error.", [detail]);
    }

    private void Run(PayPalSandboxBatch batch, Scenario scenario)
    {
        if (scenario == Scenario.Stall)
        {
            return;
        }

        context.After(1, () => Change(batch, b => b.Status == "PENDING", b => b.Status = "PROCESSING", Event.Batch("PAYMENT.PAYOUTSBATCH.PROCESSING")));
        context.After(2, () => Finish(batch, scenario));
        if (scenario == Scenario.ReturnAfterSuccess)
        {
            context.After(4, () => Change(batch, b => b.Items.All(i => i.Status == "SUCCESS"), b => SetItems(b, "RETURNED"), Event.Items("PAYMENT.PAYOUTS-ITEM.RETURNED")));
        }
    }

    private void Finish(PayPalSandboxBatch batch, Scenario scenario)
    {
        static bool Open(PayPalSandboxBatch b) => b.Status is "PENDING" or "PROCESSING";
        switch (scenario)
        {
            case Scenario.Reject:
                // What PayPal does with a payer_id it does not know.
                Change(batch, Open, b =>
                {
                    SetItems(b, "FAILED", ("RECEIVER_ACCOUNT_INVALID", "Receiver's account is invalid"));
                    b.Status = "DENIED";
                }, Event.Items("PAYMENT.PAYOUTS-ITEM.FAILED"), Event.Batch("PAYMENT.PAYOUTSBATCH.DENIED"));
                break;
            case Scenario.Fail:
                Change(batch, Open, b =>
                {
                    SetItems(b, "BLOCKED");
                    b.Status = "SUCCESS";
                }, Event.Items("PAYMENT.PAYOUTS-ITEM.BLOCKED"), Event.Batch("PAYMENT.PAYOUTSBATCH.SUCCESS"));
                break;
            default:
                Change(batch, Open, b =>
                {
                    SetItems(b, "SUCCESS");
                    b.Status = "SUCCESS";
                }, Event.Items("PAYMENT.PAYOUTS-ITEM.SUCCEEDED"), Event.Batch("PAYMENT.PAYOUTSBATCH.SUCCESS"));
                break;
        }
    }

    private void SetItems(PayPalSandboxBatch batch, string status, (string, string)? error = null)
    {
        var now = context.Clock.GetUtcNow();
        foreach (var item in batch.Items)
        {
            item.Status = status;
            item.Processed = now;
            item.Error = error;
            if (status is "SUCCESS" && item.TransactionId is null)
            {
                item.TransactionId = PayPalSandboxReplies.RandomId(17);
            }
        }

        batch.Completed ??= status is "SUCCESS" or "FAILED" or "BLOCKED" ? now : null;
    }

    /// <summary>Applies <paramref name="change"/> if <paramref name="when"/> holds, then sends the events it causes.</summary>
    private void Change(PayPalSandboxBatch batch, Func<PayPalSandboxBatch, bool> when, Action<PayPalSandboxBatch> change, params Event[] events)
    {
        var resources = new List<(string EventType, string ResourceType, JsonObject Resource)>();
        lock (_gate)
        {
            if (!when(batch))
            {
                return;
            }

            change(batch);
            foreach (var e in events)
            {
                if (e.PerItem)
                {
                    resources.AddRange(batch.Items.Select(i => (e.Type, "payouts_item", batch.ItemJson(i))));
                }
                else
                {
                    resources.Add((e.Type, "payouts", batch.ToPayoutJson()));
                }
            }
        }

        foreach (var (eventType, resourceType, resource) in resources)
        {
            webhooks.Emit(batch.SelfBase, eventType, resourceType, resource);
        }
    }

    private sealed record Event(string Type, bool PerItem)
    {
        public static Event Batch(string type) => new(type, false);

        public static Event Items(string type) => new(type, true);
    }
}
