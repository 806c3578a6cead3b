namespace Payouts.Domain.Common;

/// <summary>
/// What kind of failure an <see cref="Error"/> is. The transport layer maps each kind to one status
/// (for gRPC: InvalidArgument, NotFound, Aborted, AlreadyExists, FailedPrecondition, Unauthenticated,
/// PermissionDenied, Unavailable), so the kind, not the code, decides the status.
/// </summary>
public enum ErrorKind
{
    /// <summary>The input is malformed or out of range; retrying it unchanged will fail again.</summary>
    Validation,

    /// <summary>The entity the request names does not exist.</summary>
    NotFound,

    /// <summary>The request clashes with the current state or a concurrent change; it may succeed if retried.</summary>
    Conflict,

    /// <summary>The request would create what already exists differently; retrying it unchanged will fail again.</summary>
    AlreadyExists,

    /// <summary>A business rule refuses the request in the current state (illegal transition, insufficient balance).</summary>
    Precondition,

    /// <summary>The caller is not authenticated.</summary>
    Unauthenticated,

    /// <summary>The caller is authenticated but may not do this.</summary>
    Forbidden,

    /// <summary>A dependency (a provider) cannot answer now; the same request may succeed later.</summary>
    Unavailable,
}
