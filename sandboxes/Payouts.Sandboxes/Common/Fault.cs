namespace Payouts.Sandboxes.Common;

/// <summary>A fault armed for the next <paramref name="Times"/> calls of one operation (e.g. "submit", "status", "token").</summary>
/// <param name="Operation">The sandbox's name for the endpoint; "*" matches every operation.</param>
public sealed record Fault(string Operation, FaultKind Kind, int Times = 1, TimeSpan Delay = default);
