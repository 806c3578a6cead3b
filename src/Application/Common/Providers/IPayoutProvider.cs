using Payouts.Domain.Payouts;

namespace Payouts.Application.Common.Providers;

/// <summary>
/// What the dispatcher needs from every provider: send a payout, and ask what became of it. Our payout
/// id is the provider's idempotency key (PayPal sender_batch_id, Payoneer client_reference_id, Tipalti
/// RefCode, Tupay external_id), so a repeated submission can never pay twice.
/// </summary>
public interface IPayoutProvider
{
    /// <summary>The provider this adapter pays through.</summary>
    Provider Provider { get; }

    Task<SubmitOutcome> SubmitAsync(PayoutInstruction payout, CancellationToken cancellationToken);

    /// <summary>
    /// Looks the payout up by our payout id. <see cref="ProviderPayoutState.NotFound"/> means "send it again under
    /// the same id is safe", never "the money can be given back": a provider without a lookup by our id (PayPal
    /// before it gave us a batch id) answers NotFound and relies on its idempotency key to adopt a resubmission.
    /// </summary>
    Task<ProviderResult<ProviderPayoutStatus>> GetStatusAsync(PayoutInstruction payout, CancellationToken cancellationToken);
}
