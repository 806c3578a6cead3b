namespace Payouts.Application.Common.Persistence;

/// <summary>Messages for the dispatcher, written in the unit that caused them (see <see cref="PayoutMessages"/>).</summary>
public interface IOutboxWrites
{
    void Add(OutboxMessage message);

    /// <summary>Removes a message once the dispatcher has taken it over.</summary>
    /// <returns>Whether it was still there: of two replicas that read one message, only one deletes it.</returns>
    bool Delete(long id);
}
