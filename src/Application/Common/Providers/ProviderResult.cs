namespace Payouts.Application.Common.Providers;

/// <summary>Either a provider's answer, or why it could not be had.</summary>
public readonly record struct ProviderResult<T>
{
    private ProviderResult(T? value, ProviderFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public ProviderFailure? Failure { get; }

    public bool IsSuccess => Failure is null;

    public static implicit operator ProviderResult<T>(T value) => new(value, null);

    public static implicit operator ProviderResult<T>(ProviderFailure failure) => new(default, failure);
}

/// <summary>A provider call that did not give an answer we can use.</summary>
/// <param name="Transient">True if trying again later may work (timeouts, 5xx, 429, circuit open).</param>
/// <param name="Code">The provider's error code or an HTTP status, for logs and operators.</param>
/// <param name="Message">Safe to log: never credentials or personal data.</param>
public sealed record ProviderFailure(bool Transient, string Code, string Message);
