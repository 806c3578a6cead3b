namespace Payouts.Domain.Common;

/// <summary>
/// What code that holds a result only as a type parameter (the use-case pipeline's behaviours) needs from it: read
/// the outcome, make a failure, and restore a stored success (idempotent replays). Static abstract members let
/// that code call them on the type parameter itself, with no reflection.
/// </summary>
/// <typeparam name="TSelf">The result type itself, e.g. <c>Result&lt;CashoutProcessed&gt;</c>.</typeparam>
public interface IResult<TSelf>
    where TSelf : IResult<TSelf>
{
    /// <summary>The type of the value a success carries.</summary>
    static abstract Type ValueType { get; }

    bool IsSuccess { get; }

    Error Error { get; }

    static abstract TSelf Failure(Error error);

    /// <summary>A success carrying <paramref name="value"/>, which must be a <see cref="ValueType"/> (e.g. just deserialized as one).</summary>
    static abstract TSelf FromBoxedValue(object? value);
}
