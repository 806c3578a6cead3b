namespace Payouts.Api.Auth;

/// <summary>
/// The outcome of validating one token: the caller, or why the token was refused. The reason is ours,
/// never the token nor IdentityModel's message, so it is safe to log.
/// </summary>
public sealed class TokenCheck
{
    private TokenCheck(Caller? caller, string? failure)
    {
        Caller = caller;
        Failure = failure;
    }

    public Caller? Caller { get; }

    public string? Failure { get; }

    public bool Succeeded => Caller is not null;

    public static TokenCheck Success(Caller caller) => new(caller, null);

    public static TokenCheck Fail(string reason) => new(null, reason);
}
