namespace Payouts.Application.Common.Persistence;

/// <summary>An event for another process (the dispatcher), written in the transaction that caused it.</summary>
public sealed record OutboxMessage(string Type, string Payload, DateTimeOffset CreatedAt);
