using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// Payouts through Payoneer's mass-payout API, one payment per request. Our payout id is the
/// client_reference_id: the idempotency key, the key of the status lookup and our provider reference.
/// </summary>
internal sealed partial class PayoneerPayoutProvider(PayoneerApiClient api, ILogger<PayoneerPayoutProvider> logger) : IPayoutProvider
{
    public Provider Provider => Provider.Payoneer;

    public async Task<SubmitOutcome> SubmitAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        if (PayoneerPayoutValidation.Refusal(payout) is { } refused)
        {
            return refused;
        }

        var reference = ReferenceOf(payout);
        var payee = ((ProviderAccount)payout.Recipient).AccountId;
        var body = new MassPayoutRequest([new MassPayoutItem(reference, payee, payout.Amount.ToDecimalString(), payout.Amount.Currency.Code, payout.Description)]);
        ProviderResult<PayoneerResponse> reply;
        try
        {
            // Never retried here (like every provider's submission): the dispatcher resends after asking Payoneer.
            reply = await api.SendAsync(
                () => new HttpRequestMessage(HttpMethod.Post, api.ProgramPath("masspayouts")) { Content = JsonContent.Create(body, options: PayoneerJson.Options) },
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.SubmitOutcomeOf(ex);
        }

        // No token (or no configuration) means the payment request never went out.
        if (reply.Failure is { } failure)
        {
            return new SubmitOutcome.NotSent(failure.Message);
        }

        return await OutcomeOfAsync(payout, reference, reply.Value!, cancellationToken);
    }

    public async Task<ProviderResult<ProviderPayoutStatus>> GetStatusAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        var reference = ReferenceOf(payout);
        try
        {
            var reply = await api.SendAsync(
                () => ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Get, api.ProgramPath($"payouts/{Uri.EscapeDataString(reference)}/status"))),
                cancellationToken);
            if (reply.Failure is { } failure)
            {
                return failure;
            }

            var response = reply.Value!;
            if (response.IsSuccess)
            {
                var status = response.Read<PayoneerResult<PayoutStatusReply>>().Result ?? throw new JsonException("The status reply has no result.");
                if (!PayoneerStatusMapping.IsKnown(status.Status, api.Options.ReturnedStatus))
                {
                    LogUnknownStatus(logger, status.Status, payout.PayoutId);
                }

                return PayoneerStatusMapping.Map(status, reference, api.Options.ReturnedStatus);
            }

            // Only Payoneer's own "not found" counts: a bare 404 (say, a wrong base URL) must not make us believe the payout was never sent.
            if (response.Status == HttpStatusCode.NotFound && response.Error() is not null)
            {
                return new ProviderPayoutStatus(ProviderPayoutState.NotFound);
            }

            return response.Failure();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }

    private static string ReferenceOf(PayoutInstruction payout) => payout.PayoutId.ToString(CultureInfo.InvariantCulture);

    private async Task<SubmitOutcome> OutcomeOfAsync(PayoutInstruction payout, string reference, PayoneerResponse response, CancellationToken cancellationToken)
    {
        if (response.IsSuccess)
        {
            try
            {
                return response.Read<MassPayoutReply>().Result is not null
                    ? new SubmitOutcome.Accepted(reference)
                    : new SubmitOutcome.Unknown("Payoneer's reply to the payment request has no result.");
            }
            catch (JsonException)
            {
                return new SubmitOutcome.Unknown("Payoneer's reply to the payment request could not be read.");
            }
        }

        var duplicate = api.Options.DuplicateReferenceSubCode is { } code && response.Error()?.HasSubCode(code) == true;
        return response.Status switch
        {
            HttpStatusCode.Unauthorized => new SubmitOutcome.NotSent(response.Failure().Message),
            HttpStatusCode.TooManyRequests => ProviderCalls.SubmitOutcomeOf(response.Status),

            // How Payoneer answers a reused client_reference_id is not documented: any refusal may be that
            // answer, so the payout is looked up before it is called refused.
            _ when duplicate || (int)response.Status is >= 400 and < 500 => await AdoptOrRefuseAsync(payout, reference, response, duplicate, cancellationToken),
            _ => ProviderCalls.SubmitOutcomeOf(response.Status),
        };
    }

    /// <summary>Payoneer refused the request; if it nevertheless has a payout under our id (an earlier attempt whose reply we lost), that one is ours.</summary>
    private async Task<SubmitOutcome> AdoptOrRefuseAsync(PayoutInstruction payout, string reference, PayoneerResponse response, bool duplicate, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(payout, cancellationToken);
        if (status.Value is { State: not ProviderPayoutState.NotFound })
        {
            LogAdopted(logger, payout.PayoutId);
            return new SubmitOutcome.Accepted(reference);
        }

        if (status.Failure is { } failure)
        {
            return new SubmitOutcome.Unknown($"Payoneer refused the payment request, and its status could not be read: {failure.Message}");
        }

        return duplicate || response.Status is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict
            ? new SubmitOutcome.Unknown("Payoneer reports the client_reference_id as used but finds no payout under it.")
            : new SubmitOutcome.Refused(response.Failure().Code, response.Failure().Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payoneer already had payout {PayoutId}; adopted the original")]
    private static partial void LogAdopted(ILogger logger, long payoutId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payoneer reported unrecognised status {Status} for payout {PayoutId}; reading it as processing")]
    private static partial void LogUnknownStatus(ILogger logger, string? status, long payoutId);
}
