using System.Collections.Concurrent;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Tests.Dispatch;

/// <summary>
/// A provider whose answers a test scripts, keeping the one thing a real provider keeps: which payouts it
/// really received, by our payout id. The adapters themselves are tested against their sandboxes over HTTP.
/// </summary>
public sealed class ScriptedProvider(Provider provider = Provider.PayPal) : IPayoutProvider
{
    private readonly ConcurrentQueue<Func<PayoutInstruction, Task<SubmitOutcome>>> _submits = new();

    public Provider Provider => provider;

    /// <summary>Payouts the provider holds, by our payout id, with their current state.</summary>
    public ConcurrentDictionary<long, ProviderPayoutState> Received { get; } = new();

    private int _submitCalls;
    private int _statusCalls;

    /// <summary>Like PayPal before it gave us a batch id: a lookup by our id alone finds nothing.</summary>
    public bool HideUntilReferenced { get; set; }

    public int SubmitCalls => _submitCalls;

    public int StatusCalls => _statusCalls;

    /// <summary>Scripts the next submission: the provider may or may not keep the payout, whatever it answers.</summary>
    public void NextSubmit(bool keeps, SubmitOutcome answer) => _submits.Enqueue(instruction =>
    {
        if (keeps)
        {
            Received.TryAdd(instruction.PayoutId, ProviderPayoutState.Pending);
        }

        return Task.FromResult(answer);
    });

    /// <summary>Scripts the next submission to hang until <paramref name="answer"/> completes, as a slow call or a paused replica's would; the provider keeps nothing meanwhile.</summary>
    public void NextSubmitWaitsFor(Task<SubmitOutcome> answer) => _submits.Enqueue(_ => answer);

    /// <summary>Scripts the next submission to die mid-call, as the process would, after the provider kept the payout.</summary>
    public void NextSubmitCrashes() => _submits.Enqueue(instruction =>
    {
        Received.TryAdd(instruction.PayoutId, ProviderPayoutState.Pending);
        throw new InvalidOperationException("simulated crash mid-submission");
    });

    public Task<SubmitOutcome> SubmitAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _submitCalls);
        if (_submits.TryDequeue(out var scripted))
        {
            return scripted(payout);
        }

        Received.TryAdd(payout.PayoutId, ProviderPayoutState.Pending);
        return Task.FromResult<SubmitOutcome>(new SubmitOutcome.Accepted($"ref-{payout.PayoutId}"));
    }

    public Task<ProviderResult<ProviderPayoutStatus>> GetStatusAsync(PayoutInstruction payout, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _statusCalls);
        ProviderResult<ProviderPayoutStatus> status = !(HideUntilReferenced && payout.ProviderReference is null) && Received.TryGetValue(payout.PayoutId, out var state)
            ? new ProviderPayoutStatus(state, $"ref-{payout.PayoutId}", state is ProviderPayoutState.Rejected or ProviderPayoutState.Returned ? "scripted reason" : null)
            : new ProviderPayoutStatus(ProviderPayoutState.NotFound);
        return Task.FromResult(status);
    }
}
