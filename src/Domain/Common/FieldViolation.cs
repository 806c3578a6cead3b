namespace Payouts.Domain.Common;

/// <summary>One invalid input field and why, carried by validation errors (google.rpc.BadRequest.FieldViolation).</summary>
/// <param name="Field">The field path, e.g. "amount".</param>
/// <param name="Description">Why the value is invalid, safe to show to the caller.</param>
public sealed record FieldViolation(string Field, string Description);
