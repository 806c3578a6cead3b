using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Payouts.Api.Grpc.Health;

/// <summary>
/// What grpc.health.v1 reports: a status per service name, where "" stands for the whole server.
/// Watchers are told of every change.
/// </summary>
public sealed class HealthStatusRegistry
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);

    public event Action<string, ServingStatus>? Changed;

    public void Set(string service, ServingStatus status)
    {
        lock (_gate)
        {
            if (_statuses.TryGetValue(service, out var current) && current == status)
            {
                return;
            }

            _statuses[service] = status;
        }

        Changed?.Invoke(service, status);
    }

    public bool TryGet(string service, out ServingStatus status)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    public IReadOnlyDictionary<string, ServingStatus> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, ServingStatus>(_statuses, StringComparer.Ordinal);
        }
    }
}
