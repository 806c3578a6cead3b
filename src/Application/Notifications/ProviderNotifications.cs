using Payouts.Application.CashoutMethods;
using Payouts.Application.Common.Persistence;
using Payouts.Application.Common.Providers;
using Payouts.Application.Dispatch;
using Payouts.Domain.CashoutMethods;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Notifications;

/// <summary>What our notification endpoint should answer the provider.</summary>
public enum NotificationOutcome
{
    /// <summary>Authentic and handled: 2xx, so the provider stops retrying.</summary>
    Accepted,

    /// <summary>Not authentic (forged, tampered, replayed): refuse it.</summary>
    Rejected,

    /// <summary>We could not check it now: a non-2xx answer makes the provider deliver it again.</summary>
    RetryLater,

    /// <summary>No such provider.</summary>
    UnknownProvider,
}

/// <summary>
/// Handles a provider's notification: authenticate it, then only ask for a re-check. The dispatcher
/// reads the authoritative status from the provider itself, and a payee event re-reads the payee, so
/// no notification body, however duplicated or reordered, moves money or links an account by itself.
/// </summary>
public sealed class ProviderNotifications(
    IEnumerable<INotificationVerifier> verifiers,
    IEnumerable<IRedirectLinkProvider> linkProviders,
    PayoutDispatcher dispatcher,
    IUnitOfWork unitOfWork,
    LinkPolicy linkPolicy,
    TimeProvider clock)
{
    public async Task<NotificationOutcome> HandleAsync(Provider provider, ProviderNotification notification, CancellationToken cancellationToken)
    {
        var verifier = verifiers.FirstOrDefault(v => v.Provider == provider);
        if (verifier is null)
        {
            return NotificationOutcome.UnknownProvider;
        }

        var verified = await verifier.VerifyAsync(notification, cancellationToken);
        if (!verified.IsSuccess)
        {
            return verified.Failure!.Transient ? NotificationOutcome.RetryLater : NotificationOutcome.Rejected;
        }

        foreach (var payoutId in verified.Value!.PayoutIds)
        {
            await dispatcher.RequestCheckAsync(payoutId, cancellationToken);
        }

        foreach (var accountId in verified.Value.AccountIds)
        {
            if (!await RefreshLinkAsync(provider, accountId, cancellationToken))
            {
                return NotificationOutcome.RetryLater;
            }
        }

        return NotificationOutcome.Accepted;
    }

    /// <summary>A payee event (e.g. Payoneer "Payee Approved"): re-read the payee and link pending methods that are now ready.</summary>
    private async Task<bool> RefreshLinkAsync(Provider provider, string accountId, CancellationToken cancellationToken)
    {
        var linker = linkProviders.FirstOrDefault(p => p.Provider == provider);
        if (linker is null)
        {
            return true;
        }

        var account = await linker.CompleteLinkAsync(accountId, new Dictionary<string, string>(), linkPolicy.CallbackUrlFor(provider), cancellationToken);
        if (!account.IsSuccess)
        {
            return !account.Failure!.Transient;
        }

        if (!account.Value!.Ready)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        var saved = await unitOfWork.ExecuteAsync(
            session =>
            {
                foreach (var method in session.CashoutMethods.FindByReference(provider, accountId).Where(m => m.Status == LinkStatus.Pending))
                {
                    session.CashoutMethods.Save(method with { Status = LinkStatus.Linked, UpdatedAt = now });
                }

                return Result<bool>.Success(true);
            },
            cancellationToken);
        return saved.IsSuccess;
    }
}
