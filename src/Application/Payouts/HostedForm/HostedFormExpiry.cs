using Microsoft.Extensions.Logging;
using Payouts.Application.Common.Persistence;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.HostedForm;

/// <summary>
/// A payout whose hosted form expired unused is cancelled: its reservation is voided, the merchant gets the
/// final webhook, and the link no longer opens. Without this the merchant's money would stay reserved forever.
/// </summary>
public sealed partial class HostedFormExpiry(IUnitOfWork unitOfWork, TimeProvider clock, ILogger<HostedFormExpiry> logger)
{
    public async Task ExpireAsync(long payoutId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var expired = await unitOfWork.ExecuteAsync(
            session =>
            {
                session.MerchantPayouts.CloseForm(payoutId, now);
                if (session.Payouts.Find(new PayoutId(payoutId)) is not { Status: PayoutStatus.AwaitingRecipientDetails } payout)
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
