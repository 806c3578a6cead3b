namespace Payouts.Application.Dispatch;

/// <summary>Wakes the dispatch worker at once when new work exists (a payout created, a notification).</summary>
public sealed class DispatchSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another wake got there first; one is enough.
            }
        }
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Waits for a wake or the timeout, whichever is first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
