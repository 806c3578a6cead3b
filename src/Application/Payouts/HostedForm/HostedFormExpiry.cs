using Microsoft.Extensions.Logging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.HostedForm;

/// <summary>
/// A payout whose hosted form expired unused is cancelled: its reservation is voided, the merchant gets the
/// final webhook, and the link no longer opens. Without this the merchant's money would stay reserved forever.
/// Every replica's worker may expire the same form: the unit is one transaction with no call outside it, so the locked
/// read of the payout is its lease (a replica that dies mid-unit leaves the form due for the next pass).
/// </summary>
public sealed partial class HostedFormExpiry(IUnitOfWork unitOfWork, TimeProvider clock, ILogger<HostedFormExpiry> logger)
{
    public async Task ExpireAsync(long payoutId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await unitOfWork.ExecuteAsync(
            session =>
            {
                // The payout first, read locked, in the order submitting and cancelling read the payout and its form: of two
                // replicas expiring it at once the second waits here and then finds it cancelled, and no unit deadlocks this one.
                var payout = session.Payouts.Find(new PayoutId(payoutId));
                session.MerchantPayouts.CloseForm(payoutId, now);
                if (payout is not { Status: PayoutStatus.AwaitingRecipientDetails })
                {
                    return Result<bool>.Success(false);
                }

                var cancelled = payout.Cancel(now);
                return cancelled.IsSuccess ? Result<bool>.Success(true) : Result<bool>.Failure(cancelled.Error);
            },
            cancellationToken);
        if (expired.IsSuccess && expired.Value)
        {
            LogExpired(logger, payoutId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payout {PayoutId}: hosted form expired unused; cancelled and its reservation voided")]
    private static partial void LogExpired(ILogger logger, long payoutId);
}
