namespace Payouts.Domain.Common;

/// <summary>
/// An expected failure: a stable dotted <paramref name="Code"/> (e.g. "ledger.insufficient_balance") that clients
/// and tests may rely on, a human-readable message, and the kind that decides the transport status.
/// </summary>
/// <param name="Code">Stable, dotted, lowercase; never reworded once shipped.</param>
/// <param name="Message">Readable explanation; may be reworded, so nothing should parse it.</param>
/// <param name="Kind">Category used to pick the transport status.</param>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    /// <summary>Per-field details for validation errors; empty otherwise.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; init; } = [];

    /// <summary>Malformed or out-of-range input.</summary>
    public static Error Validation(string code, string message, params FieldViolation[] violations) =>
        new(code, message, ErrorKind.Validation) { Violations = violations };

    /// <summary>The named entity does not exist.</summary>
    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    /// <summary>The request clashes with the current state or a concurrent change.</summary>
    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);

    /// <summary>The request would create what already exists, with other values.</summary>
    public static Error AlreadyExists(string code, string message) => new(code, message, ErrorKind.AlreadyExists);

    /// <summary>A business rule refuses the request in the current state.</summary>
    public static Error Precondition(string code, string message) => new(code, message, ErrorKind.Precondition);

    /// <summary>The caller is not authenticated.</summary>
    public static Error Unauthenticated(string code, string message) => new(code, message, ErrorKind.Unauthenticated);

    /// <summary>The caller may not do this.</summary>
    public static Error Forbidden(string code, string message) => new(code, message, ErrorKind.Forbidden);

    /// <summary>A dependency cannot answer now; retry later.</summary>
    public static Error Unavailable(string code, string message) => new(code, message, ErrorKind.Unavailable);
}
