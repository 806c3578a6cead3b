namespace Payouts.Domain.Common;

/// <summary>
/// The outcome of an operation that returns nothing on success: either success or an <see cref="Common.Error"/>.
/// Expected failures travel as values; exceptions are kept for bugs and faults.
/// </summary>
public readonly struct Result
{
    private readonly Error? _error;

    private Result(Error? error, bool isSuccess)
    {
        _error = error;
        IsSuccess = isSuccess;
    }

    /// <summary>The successful outcome.</summary>
    public static Result Success { get; } = new(null, isSuccess: true);

    /// <summary>Whether the operation succeeded. A default-initialised <see cref="Result"/> is neither success nor a usable failure.</summary>
    public bool IsSuccess { get; }

    /// <summary>The failure; throws when the result is a success.</summary>
    public Error Error => IsSuccess
        ? throw new InvalidOperationException("A successful result has no error.")
        : _error ?? throw new InvalidOperationException("The result was default-initialised and holds no outcome.");

    /// <summary>A failed outcome.</summary>
    public static Result Failure(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result(error, isSuccess: false);
    }

    /// <summary>Lets an operation <c>return error;</c>.</summary>
    public static implicit operator Result(Error error) => Failure(error);

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? "Success" : $"Failure({_error?.Code})";
}
