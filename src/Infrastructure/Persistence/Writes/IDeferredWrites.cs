namespace Payouts.Infrastructure.Persistence.Writes;

/// <summary>
/// The writes a connection holds back to send with its next statement (<see cref="Statement.ExecuteChangingOneRow"/>):
/// PostgreSQL's <see cref="PostgreSql.WriterRoundTrips"/>. SQLite's writer runs every write at once and has none.
/// </summary>
internal interface IDeferredWrites
{
    /// <summary>Sends the deferred writes now, in one round trip, and throws if one did not change exactly one row.</summary>
    void Send();

    /// <summary>
    /// Keeps the writes deferred so far back until <see cref="Send"/>, where each statement's rows may go as one. Only for
    /// writes that nothing before that Send reads.
    /// </summary>
    void Hold();

    /// <summary>Drops the deferred writes unsent: the unit that made them is being rolled back.</summary>
    void Discard();
}
