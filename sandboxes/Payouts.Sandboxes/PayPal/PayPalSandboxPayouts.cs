using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.PayPal;

/// <summary>
/// Payout batches (PROVIDERS.md 1.2): create, read batch, read item; each batch moves through PayPal's statuses as its
/// scenario says, with a webhook per change. Deduplicated on sender_batch_id like PayPal, and on PayPal-Request-Id (a
/// replay gets the first reply).
/// </summary>
internal sealed class PayPalSandboxPayouts
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

    private readonly SandboxContext _context;
    private readonly PayPalSandboxAuth _auth;
    private readonly PayPalSandboxWebhooks _webhooks;

    /// <summary>Batches by sender_batch_id (our payout id), what PayPal deduplicates on; the maps below index the same batches.</summary>
    private readonly DurableTable<PayPalSandboxBatch> _batches;
    private readonly ConcurrentDictionary<string, PayPalSandboxBatch> _byBatchId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PayPalSandboxBatch> _byItemId = new(StringComparer.Ordinal);
    private readonly DurableTable<string> _repliesByRequestId;

    public PayPalSandboxPayouts(SandboxContext context, PayPalSandboxAuth auth, PayPalSandboxWebhooks webhooks)
    {
        _context = context;
        _auth = auth;
        _webhooks = webhooks;
        _batches = context.State.Table<PayPalSandboxBatch>("batch");
        _repliesByRequestId = context.State.Table<string>("request-id");
        foreach (var batch in _batches.Values)
        {
            Index(batch);
        }

        context.Steps.Handle("processing", id => Change(id, b => b.Status == "PENDING", b => b.Status = "PROCESSING", Event.Batch("PAYMENT.PAYOUTSBATCH.PROCESSING")));
        context.Steps.Handle("finish", Finish);
        context.Steps.Handle("return", id => Change(id, b => b.Items.All(i => i.Status == "SUCCESS"), b => SetItems(b, "RETURNED"), Event.Items("PAYMENT.PAYOUTS-ITEM.RETURNED")));
    }

    public int BatchCount => _batches.Count;

    /// <summary>The batch created for <paramref name="senderBatchId"/> (our payout id): its id, status and its first item's status.</summary>
    public (string BatchId, string BatchStatus, string ItemStatus)? Find(string senderBatchId) => _context.State.Read<(string, string, string)?>(() =>
        _batches.TryGet(senderBatchId, out var batch) ? (batch.BatchId, batch.Status, batch.Items[0].Status) : null);

    public async Task<IResult> CreateAsync(HttpContext http)
    {
        if (_auth.RequireApp(http.Request) is { } refused)
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
        var selfBase = PayPalSandboxReplies.SelfBase(http.Request, CreateRoute);
        return _context.State.Change(() => Create(body, requestId, selfBase));
    }

    public IResult GetBatch(HttpRequest request, string batchId)
    {
        if (_auth.RequireApp(request) is { } refused)
        {
            return refused;
        }

        return _context.State.Read(() =>
            _byBatchId.TryGetValue(batchId, out var batch) ? PayPalSandboxReplies.Json(batch.ToBatchJson()) : PayPalSandboxReplies.NotFound());
    }

    public IResult GetItem(HttpRequest request, string itemId)
    {
        if (_auth.RequireApp(request) is { } refused)
        {
            return refused;
        }

        return _context.State.Read(() => _byItemId.TryGetValue(itemId, out var batch)
            ? PayPalSandboxReplies.Json(batch.ItemJson(batch.Items.First(i => i.ItemId == itemId)))
            : PayPalSandboxReplies.NotFound());
    }

    /// <summary>Moves a batch booked as <see cref="Scenario.Stall"/> on to <paramref name="ending"/>.</summary>
    public bool Release(string senderBatchId, Scenario ending) => _context.State.Change(() =>
    {
        if (!_batches.TryGet(senderBatchId, out var batch) || ending == Scenario.Stall)
        {
            return false;
        }

        batch.Scenario = ending;
        _batches.Put(senderBatchId, batch);
        Run(batch);
        return true;
    });

    /// <summary>Inside a change: the create, from the request-id replay to the new batch.</summary>
    private IResult Create(JsonNode? body, string requestId, Uri selfBase)
    {
        if (PayPalSandboxPayoutRequest.SenderBatchIdOf(body) is { Length: > 0 } reference)
        {
            _context.Record.Submitted(reference);
        }

        if (requestId.Length > 0 && _repliesByRequestId.TryGet(requestId, out var replay))
        {
            return Created(replay);
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

        if (_batches.TryGet(request.SenderBatchId, out var original))
        {
            return Duplicate(original);
        }

        var items = request.Items
            .Select(i => new PayPalSandboxItem(PayPalSandboxReplies.RandomId(13), i.RecipientType, i.Receiver, i.Currency, i.Value, i.Note, i.SenderItemId))
            .ToList();
        var batch = new PayPalSandboxBatch(PayPalSandboxReplies.RandomId(13), request.SenderBatchId, selfBase, _context.Clock.GetUtcNow(), items)
        {
            Scenario = _context.Scenarios.For(request.SenderBatchId, items[0].Minor),
        };
        _batches.Put(batch.SenderBatchId, batch);
        Index(batch);
        _context.Record.Accepted(batch.SenderBatchId, batch.BatchId, items[0].Value, items[0].Currency, items[0].Status);
        var reply = batch.ToPayoutJson().ToJsonString();
        if (requestId.Length > 0)
        {
            _repliesByRequestId.Put(requestId, reply);
        }

        Run(batch);
        return Created(reply);
    }

    private void Index(PayPalSandboxBatch batch)
    {
        _byBatchId[batch.BatchId] = batch;
        foreach (var item in batch.Items)
        {
            _byItemId[item.ItemId] = batch;
        }
    }

    private static IResult Created(string reply) => Results.Text(reply, "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);

    /// <summary>The reply PayPal gives for a reused sender_batch_id, exactly as observed (PROVIDERS.md 1.2.4).</summary>
    private static IResult Duplicate(PayPalSandboxBatch original)
    {
        var detail = PayPalSandboxReplies.Detail("SENDER_BATCH_ID", "Batch with given sender_batch_id already exists");
        detail["link"] = new JsonArray(new JsonObject { ["href"] = original.Link.ToString(), ["rel"] = "self", ["method"] = "GET" });
        return PayPalSandboxReplies.Error(StatusCodes.Status400BadRequest, "USER_BUSINESS_ERROR", "User business error.", [detail]);
    }

    /// <summary>Schedules the batch's scenario, one <see cref="SandboxSettings.StepDelay"/> a step; inside a change.</summary>
    private void Run(PayPalSandboxBatch batch)
    {
        if (batch.Scenario == Scenario.Stall)
        {
            return;
        }

        _context.Steps.After(1, "processing", batch.SenderBatchId);
        _context.Steps.After(2, "finish", batch.SenderBatchId);
        if (batch.Scenario == Scenario.ReturnAfterSuccess)
        {
            _context.Steps.After(4, "return", batch.SenderBatchId);
        }
    }

    private void Finish(string senderBatchId)
    {
        static bool Open(PayPalSandboxBatch b) => b.Status is "PENDING" or "PROCESSING";
        if (!_batches.TryGet(senderBatchId, out var batch))
        {
            return;
        }

        switch (batch.Scenario)
        {
            case Scenario.Reject:
                // What PayPal does with a payer_id it does not know.
                Change(senderBatchId, Open, b =>
                {
                    SetItems(b, "FAILED", new PayPalItemError("RECEIVER_ACCOUNT_INVALID", "Receiver's account is invalid"));
                    b.Status = "DENIED";
                }, Event.Items("PAYMENT.PAYOUTS-ITEM.FAILED"), Event.Batch("PAYMENT.PAYOUTSBATCH.DENIED"));
                break;
            case Scenario.Fail:
                Change(senderBatchId, Open, b =>
                {
                    SetItems(b, "BLOCKED");
                    b.Status = "SUCCESS";
                }, Event.Items("PAYMENT.PAYOUTS-ITEM.BLOCKED"), Event.Batch("PAYMENT.PAYOUTSBATCH.SUCCESS"));
                break;
            default:
                Change(senderBatchId, Open, b =>
                {
                    SetItems(b, "SUCCESS");
                    b.Status = "SUCCESS";
                }, Event.Items("PAYMENT.PAYOUTS-ITEM.SUCCEEDED"), Event.Batch("PAYMENT.PAYOUTSBATCH.SUCCESS"));
                break;
        }
    }

    private void SetItems(PayPalSandboxBatch batch, string status, PayPalItemError? error = null)
    {
        var now = _context.Clock.GetUtcNow();
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
        _context.Record.Moved(batch.SenderBatchId, status, status switch
        {
            "SUCCESS" => PayoutOutcome.Paid,
            "RETURNED" => PayoutOutcome.Returned,
            "FAILED" or "BLOCKED" => PayoutOutcome.Failed,
            _ => PayoutOutcome.Pending,
        });
    }

    /// <summary>Inside a change: applies <paramref name="change"/> if <paramref name="when"/> holds, and sends the events it causes.</summary>
    private void Change(string senderBatchId, Func<PayPalSandboxBatch, bool> when, Action<PayPalSandboxBatch> change, params Event[] events)
    {
        if (!_batches.TryGet(senderBatchId, out var batch) || !when(batch))
        {
            return;
        }

        change(batch);
        _batches.Put(senderBatchId, batch);
        foreach (var e in events)
        {
            if (e.PerItem)
            {
                foreach (var item in batch.Items)
                {
                    _webhooks.Emit(batch.SelfBase, e.Type, "payouts_item", batch.ItemJson(item));
                }
            }
            else
            {
                _webhooks.Emit(batch.SelfBase, e.Type, "payouts", batch.ToPayoutJson());
            }
        }
    }

    private sealed record Event(string Type, bool PerItem)
    {
        public static Event Batch(string type) => new(type, false);

        public static Event Items(string type) => new(type, true);
    }
}
