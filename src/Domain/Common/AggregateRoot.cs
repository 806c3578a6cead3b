namespace Payouts.Domain.Common;

/// <summary>
/// Base of aggregates: collects the domain events raised by effective changes until the unit of work has
/// saved them, and carries the version used for optimistic concurrency.
/// </summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _domainEvents = [];

    /// <summary>Events raised since the aggregate was created, restored or last cleared.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents.AsReadOnly();

    /// <summary>
    /// Incremented once per effective transition (never by a no-op), so a save can check that nobody else
    /// changed the aggregate since it was loaded.
    /// </summary>
    public long Version { get; protected set; }

    /// <summary>Forgets the raised events, once they have been dispatched.</summary>
    public void ClearDomainEvents() => _domainEvents.Clear();

    /// <summary>Records an event, for the unit of work to dispatch in the same transaction as the change it saves.</summary>
    protected void Raise(IDomainEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        _domainEvents.Add(e);
    }
}
