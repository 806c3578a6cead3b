using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>
/// Cashouts to Peruvian bank accounts through Tupay's v3 API. Our payout id is the external_id, which
/// Tupay refuses to reuse (error 511), so resubmitting after an unknown outcome adopts the original.
/// </summary>
internal sealed partial class TupayPayoutProvider(TupayClient client, IOptions<TupayOptions> options, ILogger<TupayPayoutProvider> logger) : IPayoutProvider
{
    private const string CashoutPath = "v3/cashout";
    private const string StatusPath = "v3/cashout/status";

    private readonly TupayOptions _options = options.Value;

    public Provider Provider => Provider.Tupay;

    public async Task<SubmitOutcome> SubmitAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        if (payout.Recipient is not PeruvianBankAccount account)
        {
            return new SubmitOutcome.Refused("unsupported_recipient", "Tupay pays to Peruvian bank accounts only.");
        }

        // A configuration gap is ours to fix, not the payout's fault: nothing was sent, so it may be sent later.
        if (_options.MissingCredential() is { } missing)
        {
            LogNotConfigured(logger, missing);
            return new SubmitOutcome.NotSent($"Tupay is not configured: {missing} is missing or invalid.");
        }

        var cashout = TupayCashout.From(payout, account, _options.NotificationUrl);
        var violations = TupayCashoutRules.Validate(cashout, _options.Policy);
        if (violations.Count > 0)
        {
            LogRefusedLocally(logger, payout.PayoutId, violations[0].Field);
            return new SubmitOutcome.Refused(
                "invalid_" + violations[0].Field,
                string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
        }

        TupayClient.Reply reply;
        try
        {
            reply = await client.PostAsync(CashoutPath, TupayRequests.Cashout(_options.Login!, _options.Pass!, cashout), _options.ApiSignature!, retrySafe: false, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogSubmitFailed(logger, payout.PayoutId, ex.GetType().Name);
            return ProviderCalls.SubmitOutcomeOf(ex);
        }

        return await OutcomeOfAsync(payout, reply, cancellationToken);
    }

    public async Task<ProviderResult<ProviderPayoutStatus>> GetStatusAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payout);
        if (_options.MissingCredential() is { } missing)
        {
            LogNotConfigured(logger, missing);
            return new ProviderFailure(false, "not_configured", $"Tupay is not configured: {missing} is missing or invalid.");
        }

        long? cashoutId = long.TryParse(payout.ProviderReference, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        var body = TupayRequests.Status(_options.Login!, _options.Pass!, ExternalIdOf(payout), cashoutId);
        TupayClient.Reply reply;
        try
        {
            reply = await client.PostAsync(StatusPath, body, _options.ApiSignature!, retrySafe: true, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }

        return StatusOf(payout, reply);
    }

    private async Task<SubmitOutcome> OutcomeOfAsync(PayoutInstruction payout, TupayClient.Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Status is HttpStatusCode.TooManyRequests || (int)reply.Status >= 500)
        {
            return ProviderCalls.SubmitOutcomeOf(reply.Status);
        }

        if (reply.IsSuccess && TupayReplies.ReadCashoutId(reply.Body) is { Length: > 0 } cashoutId)
        {
            LogAccepted(logger, payout.PayoutId, cashoutId);
            return new SubmitOutcome.Accepted(cashoutId);
        }

        switch (TupayReplies.ReadError(reply.Body))
        {
            case { Code: TupayErrors.ExternalIdAlreadyUsed }:
                return await AdoptAsync(payout, cancellationToken);
            case { } ours when TupayErrors.OurSide.Contains(ours.Code):
                LogRefusedByTupay(logger, payout.PayoutId, ours.Code);
                return new SubmitOutcome.NotSent($"Tupay {ours.Code} ({TupayErrors.NameOf(ours.Code)}): fix the Tupay account or configuration");
            case { } error:
                // The message is not logged: Tupay's "Invalid params" texts may quote the beneficiary's data.
                LogRefusedByTupay(logger, payout.PayoutId, error.Code);
                return new SubmitOutcome.Refused(TupayErrors.NameOf(error.Code), $"Tupay {error.Code}: {error.Message}");
            case null when reply.IsSuccess:
                return new SubmitOutcome.Unknown("Tupay's reply could not be read.");
            default:
                return ProviderCalls.SubmitOutcomeOf(reply.Status);
        }
    }

    /// <summary>Tupay already has a cashout under our id (an earlier attempt whose reply we lost): that one is ours.</summary>
    private async Task<SubmitOutcome> AdoptAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        var status = await GetStatusAsync(payout with { ProviderReference = null }, cancellationToken);
        if (status.Value is { State: not ProviderPayoutState.NotFound, ProviderReference: { Length: > 0 } original })
        {
            LogAdopted(logger, payout.PayoutId, original);
            return new SubmitOutcome.Accepted(original);
        }

        // Tupay's documented status reply has no cashout_id; the dispatcher's status check still finds the payout by external_id.
        return new SubmitOutcome.Unknown(status.Failure is { } failure
            ? $"External ID already used; looking up the original failed: {failure.Message}"
            : "External ID already used; the original's cashout_id could not be read.");
    }

    private ProviderResult<ProviderPayoutStatus> StatusOf(PayoutInstruction payout, TupayClient.Reply reply)
    {
        if (reply.Status is HttpStatusCode.TooManyRequests || (int)reply.Status >= 500)
        {
            return ProviderCalls.FailureOf(reply.Status);
        }

        if (reply.IsSuccess && TupayReplies.ReadStatus(reply.Body) is { } status)
        {
            if (TupayStatusMapping.StateOf(status.CashoutStatus, status.RejectionCode) is not { } state)
            {
                LogUnknownStatus(logger, payout.PayoutId, status.CashoutStatus);
                return new ProviderFailure(true, "unknown_status", $"Tupay reported cashout_status {status.CashoutStatus}, which is not documented.");
            }

            var reason = status.RejectionCode is { } code ? $"{code} {status.RejectionReason}".TrimEnd() : null;
            return new ProviderPayoutStatus(state, status.CashoutId ?? payout.ProviderReference, reason);
        }

        return TupayReplies.ReadError(reply.Body) switch
        {
            { Code: TupayErrors.CashoutNotFound } => new ProviderPayoutStatus(ProviderPayoutState.NotFound, payout.ProviderReference),
            { } error => new ProviderFailure(false, TupayErrors.NameOf(error.Code), $"Tupay {error.Code}: {error.Message}"),
            null when reply.IsSuccess => new ProviderFailure(true, "malformed_reply", "Tupay's status reply could not be read."),
            null => ProviderCalls.FailureOf(reply.Status),
        };
    }

    private static string ExternalIdOf(PayoutInstruction payout) => payout.PayoutId.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Tupay is not configured: {Setting} is missing or invalid")]
    private static partial void LogNotConfigured(ILogger logger, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} refused before sending to Tupay: invalid {Field}")]
    private static partial void LogRefusedLocally(ILogger logger, long payoutId, string field);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payout {PayoutId} refused by Tupay with code {Code}")]
    private static partial void LogRefusedByTupay(ILogger logger, long payoutId, int code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending payout {PayoutId} to Tupay failed: {Error}")]
    private static partial void LogSubmitFailed(ILogger logger, long payoutId, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId} accepted by Tupay as cashout {CashoutId}")]
    private static partial void LogAccepted(ILogger logger, long payoutId, string cashoutId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId} was already at Tupay as cashout {CashoutId}; adopted it")]
    private static partial void LogAdopted(ILogger logger, long payoutId, string cashoutId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tupay reported undocumented cashout_status {Status} for payout {PayoutId}")]
    private static partial void LogUnknownStatus(ILogger logger, long payoutId, int status);
}
