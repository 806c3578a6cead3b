using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>
/// Payouts through PayPal's Payouts API v1: one batch of one item per payout, our payout id as sender_batch_id.
/// <para>
/// PayPal deduplicates on sender_batch_id for 30 days and answers a repeat with a USER_BUSINESS_ERROR that links
/// the original batch, which we adopt. So sending a payout again is always safe within that window, and it is
/// also the only way to learn whether PayPal has a payout we have no batch id for: PayPal offers no lookup by
/// sender_batch_id. See <see cref="GetStatusAsync"/>.
/// </para>
/// </summary>
internal sealed partial class PayPalPayouts(PayPalApiClient api, ILogger<PayPalPayouts> logger) : IPayoutProvider
{
    public Provider Provider => Provider.PayPal;

    public async Task<SubmitOutcome> SubmitAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var (body, refusal) = PayPalPayoutRequest.From(payout);
        if (refusal is not null)
        {
            return refusal;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(body, PayPalJson.Options);
        try
        {
            // Not retried here: after a lost reply PayPal's answer to a repeat may not say what became of the first;
            // the dispatcher sends again only after it has resolved that (see the class comment).
            var sent = await api.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Post, "v1/payments/payouts") { Content = Json(json) },
                cancellationToken);
            if (sent.Failure is { } failure)
            {
                LogNotSent(logger, payout.PayoutId, failure.Code);
                return new SubmitOutcome.NotSent(failure.Message);
            }

            using var response = sent.Value!;
            return await ReadSubmitReplyAsync(payout.PayoutId, response, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var outcome = ProviderCalls.SubmitOutcomeOf(ex);
            LogSubmitFailed(logger, payout.PayoutId, outcome.GetType().Name, ex.GetType().Name);
            return outcome;
        }
    }

    /// <summary>
    /// Reads the batch by its id. Without one (the dispatcher is checking after an unknown outcome) this answers
    /// <see cref="ProviderPayoutState.NotFound"/> without asking PayPal, because PayPal cannot be asked by
    /// sender_batch_id. That is safe for the one thing the dispatcher does next, resubmitting under the same payout
    /// id: if PayPal had the batch, the resubmission is answered with the original batch id and adopted; it can
    /// never create a second payment within PayPal's 30-day deduplication window. It is NOT proof PayPal never
    /// got the payout, so nothing must be refunded on the strength of it.
    /// </summary>
    public async Task<ProviderResult<ProviderPayoutStatus>> GetStatusAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        if (string.IsNullOrEmpty(payout.ProviderReference))
        {
            return new ProviderPayoutStatus(ProviderPayoutState.NotFound, null, "PayPal cannot be asked by sender_batch_id: resubmit under the same payout id to find out.");
        }

        try
        {
            var path = $"v1/payments/payouts/{Uri.EscapeDataString(payout.ProviderReference)}";
            var sent = await api.SendAsync(() => ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Get, path)), cancellationToken);
            if (sent.Failure is { } failure)
            {
                return failure;
            }

            using var response = sent.Value!;
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // Harmless for the same reason as no reference at all: resubmitting would adopt whatever PayPal has.
                return new ProviderPayoutStatus(ProviderPayoutState.NotFound, payout.ProviderReference, "PayPal has no batch with this id.");
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = await PayPalReplies.ReadErrorAsync(response, cancellationToken);
                return new ProviderFailure(PayPalReplies.IsTransient(response.StatusCode), error?.Name ?? StatusCode(response), PayPalErrors.Describe(error, (int)response.StatusCode));
            }

            var batch = await response.Content.ReadFromJsonAsync<PayoutBatch>(PayPalJson.Options, cancellationToken);
            return StatusOf(payout, batch);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }

    private async Task<SubmitOutcome> ReadSubmitReplyAsync(long payoutId, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            var created = await response.Content.ReadFromJsonAsync<PayoutBatch>(PayPalJson.Options, cancellationToken);
            if (created?.BatchHeader?.PayoutBatchId is not { Length: > 0 } batchId)
            {
                return new SubmitOutcome.Unknown("PayPal accepted the request but its reply names no batch.");
            }

            return new SubmitOutcome.Accepted(batchId);
        }

        var status = response.StatusCode;
        if (status == HttpStatusCode.Unauthorized)
        {
            return new SubmitOutcome.NotSent("PayPal refused our access token twice.");
        }

        if (PayPalReplies.IsTransient(status))
        {
            return ProviderCalls.SubmitOutcomeOf(status);
        }

        var error = await PayPalReplies.ReadErrorAsync(response, cancellationToken);
        switch (PayPalErrors.OriginalBatchOfDuplicate(error))
        {
            case { Length: > 0 } original:
                LogAdopted(logger, payoutId, original);
                return new SubmitOutcome.Accepted(original);
            case { }:
                // PayPal has this payout but did not say under which batch: that is not a refusal.
                return new SubmitOutcome.Unknown("PayPal reports the sender_batch_id as used but links no batch.");
        }

        var code = error?.Name ?? StatusCode(response);
        LogRefused(logger, payoutId, code);
        return new SubmitOutcome.Refused(code, PayPalErrors.Describe(error, (int)status));
    }

    private ProviderResult<ProviderPayoutStatus> StatusOf(PayoutInstruction payout, PayoutBatch? batch)
    {
        if (batch?.BatchHeader is not { } header)
        {
            return new ProviderFailure(true, "malformed_reply", "PayPal's batch reply has no batch_header.");
        }

        var ours = payout.PayoutId.ToString(CultureInfo.InvariantCulture);
        if (header.SenderBatchHeader?.SenderBatchId is { } senderBatchId && senderBatchId != ours)
        {
            LogForeignBatch(logger, payout.PayoutId, payout.ProviderReference);
            return new ProviderFailure(false, "reference_mismatch", "The PayPal batch belongs to another payout.");
        }

        var item = batch.Items is [var only, ..] ? only : null;
        var state = PayPalStatusMapping.Map(header.BatchStatus, item?.TransactionStatus);
        var reason = state is ProviderPayoutState.Rejected or ProviderPayoutState.Failed or ProviderPayoutState.Returned or ProviderPayoutState.Cancelled
            ? ReasonOf(header.BatchStatus, item)
            : null;
        return new ProviderPayoutStatus(state, header.PayoutBatchId ?? payout.ProviderReference, reason);
    }

    private static string ReasonOf(string? batchStatus, PayoutBatchItem? item)
    {
        var status = item?.TransactionStatus is { } itemStatus ? $"item {itemStatus}" : $"batch {batchStatus}";
        return item?.Errors is { Name: { } name } errors ? $"{status}: {name} {errors.Message}".TrimEnd() : status;
    }

    private static ByteArrayContent Json(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string StatusCode(HttpResponseMessage response) => ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "PayPal already had payout {PayoutId} as batch {BatchId}; adopted it")]
    private static partial void LogAdopted(ILogger logger, long payoutId, string batchId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PayPal refused payout {PayoutId}: {Code}")]
    private static partial void LogRefused(ILogger logger, long payoutId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} was not sent to PayPal: {Code}")]
    private static partial void LogNotSent(ILogger logger, long payoutId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending payout {PayoutId} to PayPal ended {Outcome} ({Error})")]
    private static partial void LogSubmitFailed(ILogger logger, long payoutId, string outcome, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "PayPal batch {BatchId} does not carry payout {PayoutId}'s sender_batch_id")]
    private static partial void LogForeignBatch(ILogger logger, long payoutId, string? batchId);
}
