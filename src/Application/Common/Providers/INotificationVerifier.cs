using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Providers;

/// <summary>
/// Checks that a notification really comes from the provider and says which of our payouts it is
/// about. The notification is only a hint: the dispatcher then asks the provider for the status,
/// so a forged, duplicated or out-of-order notification can never move money by itself.
/// </summary>
public interface INotificationVerifier
{
    Provider Provider { get; }

    Task<ProviderResult<VerifiedNotification>> VerifyAsync(ProviderNotification notification, CancellationToken cancellationToken);
}

/// <summary>A notification exactly as received on our HTTP endpoint.</summary>
/// <param name="Url">The full URL it was posted to (some signatures cover it).</param>
/// <param name="Headers">Header names lowercase.</param>
/// <param name="Body">The raw body bytes, unmodified.</param>
public sealed record ProviderNotification(Uri Url, string Method, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

/// <param name="PayoutIds">Our payout ids the notification concerns (empty if it is about something else, e.g. a payee).</param>
/// <param name="AccountIds">Provider account ids it concerns, for link status (e.g. Payoneer "Payee Approved").</param>
public sealed record VerifiedNotification(IReadOnlyList<long> PayoutIds, IReadOnlyList<string> AccountIds);
