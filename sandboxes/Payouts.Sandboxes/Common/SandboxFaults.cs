namespace Payouts.Sandboxes.Common;

/// <summary>Faults armed by a test or by hand (POST /{provider}/_sandbox/faults), consumed by the calls they match.</summary>
public sealed class SandboxFaults
{
    private readonly Lock _gate = new();
    private readonly List<(Fault Fault, int Left)> _armed = [];

    public void Arm(Fault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fault.Times);
        lock (_gate)
        {
            _armed.Add((fault, fault.Times));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _armed.Clear();
        }
    }

    /// <summary>Takes one use of the first fault armed for <paramref name="operation"/>, if any.</summary>
    public Fault? Take(string operation)
    {
        lock (_gate)
        {
            var index = _armed.FindIndex(a => a.Fault.Operation == operation || a.Fault.Operation == "*");
            if (index < 0)
            {
                return null;
            }

            var (fault, left) = _armed[index];
            if (left == 1)
            {
                _armed.RemoveAt(index);
            }
            else
            {
                _armed[index] = (fault, left - 1);
            }

            return fault;
        }
    }
}
