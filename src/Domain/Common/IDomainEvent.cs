namespace Payouts.Domain.Common;

/// <summary>Something that happened to an aggregate, named in the past tense and raised once per effective change.</summary>
public interface IDomainEvent
{
    /// <summary>When the change happened, taken from the clock the caller passed in.</summary>
    DateTimeOffset OccurredAt { get; }
}
