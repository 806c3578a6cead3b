using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// Payoneer payout status strings → our states. The official list is UNKNOWN (PROVIDERS.md §2.6): only these
/// were observed, so anything else is read as still in progress and polling goes on until a known final status.
/// </summary>
internal static class PayoneerStatusMapping
{
    private static readonly Dictionary<string, ProviderPayoutState> Table = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Pending"] = ProviderPayoutState.Pending,
        ["Pending Payee"] = ProviderPayoutState.Pending,
        ["Transferred"] = ProviderPayoutState.Completed,
        ["Cancelled"] = ProviderPayoutState.Cancelled,
    };

    /// <param name="returnedStatus">The UNKNOWN string for money that came back (<see cref="PayoneerOptions.ReturnedStatus"/>).</param>
    public static ProviderPayoutStatus Map(PayoutStatusReply reply, string reference, string returnedStatus)
    {
        var reason = ReasonOf(reply);
        if (string.Equals(reply.Status, returnedStatus, StringComparison.OrdinalIgnoreCase))
        {
            return new ProviderPayoutStatus(ProviderPayoutState.Returned, reference, reason);
        }

        var state = reply.Status is { } status && Table.TryGetValue(status, out var known) ? known : ProviderPayoutState.Processing;

        // A reason code marks a payout Payoneer refused, but only one not yet paid: on a paid one it is
        // information, and reading it as a refusal would hand back money the payee received. "0" is no code.
        var refused = !string.IsNullOrWhiteSpace(reply.ReasonCode) && reply.ReasonCode.Trim() != "0";
        return new ProviderPayoutStatus(refused && state is not ProviderPayoutState.Completed ? ProviderPayoutState.Rejected : state, reference, reason);
    }

    public static bool IsKnown(string? status, string returnedStatus) =>
        status is not null && (Table.ContainsKey(status) || string.Equals(status, returnedStatus, StringComparison.OrdinalIgnoreCase));

    private static string? ReasonOf(PayoutStatusReply reply) =>
        string.IsNullOrWhiteSpace(reply.ReasonCode) && string.IsNullOrWhiteSpace(reply.ReasonDescription)
            ? null
            : $"{reply.ReasonCode}: {reply.ReasonDescription}".Trim(' ', ':');
}
