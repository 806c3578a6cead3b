namespace Payouts.Application.Common.Persistence;

/// <summary>Messages for the dispatcher, written in the unit that caused them (see <see cref="PayoutMessages"/>).</summary>
public interface IOutboxWrites
{
    void Add(OutboxMessage message);

    /// <summary>Removes a message once the dispatcher has taken it over.</summary>
    void Delete(long id);
}
