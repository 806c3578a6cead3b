namespace Payouts.Domain.Common;

/// <summary>
/// The outcome of an operation that produces a <typeparamref name="T"/>: either the value or an <see cref="Common.Error"/>.
/// </summary>
/// <typeparam name="T">The value produced on success.</typeparam>
public readonly struct Result<T> : IResult<Result<T>>
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T? value, Error? error, bool isSuccess)
    {
        _value = value;
        _error = error;
        IsSuccess = isSuccess;
    }

    /// <summary>Whether the operation succeeded. A default-initialised result is neither success nor a usable failure.</summary>
    public bool IsSuccess { get; }

    /// <summary>The value; throws when the result is a failure, so a failure can never be read as a value.</summary>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"A failed result has no value ({_error?.Code ?? "default-initialised"}).");

    /// <summary>The failure; throws when the result is a success.</summary>
    public Error Error => IsSuccess
        ? throw new InvalidOperationException("A successful result has no error.")
        : _error ?? throw new InvalidOperationException("The result was default-initialised and holds no outcome.");

    /// <summary>A successful outcome carrying <paramref name="value"/>.</summary>
#pragma warning disable CA1000 // The agreed API: Result<T>.Success(x) reads better at call sites than a helper class.
    public static Result<T> Success(T value) => new(value, null, isSuccess: true);

    /// <summary>A failed outcome.</summary>
    public static Result<T> Failure(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new Result<T>(default, error, isSuccess: false);
    }
#pragma warning restore CA1000

    static Type IResult<Result<T>>.ValueType => typeof(T);

    static Result<T> IResult<Result<T>>.FromBoxedValue(object? value) => Success((T)value!);

    /// <summary>Lets an operation <c>return value;</c>.</summary>
    public static implicit operator Result<T>(T value) => Success(value);

    /// <summary>Lets an operation <c>return error;</c>.</summary>
    public static implicit operator Result<T>(Error error) => Failure(error);

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? $"Success({_value})" : $"Failure({_error?.Code})";
}
