namespace Payouts.Api.Auth;

/// <summary>
/// Who is calling, from a validated bearer token: <see cref="Id"/> is the token's <c>sub</c> (a user's
/// id for user tokens, a service's for service tokens), <see cref="Scopes"/> its <c>scope</c>/<c>scp</c>.
/// </summary>
public sealed record Caller(string Id, IReadOnlySet<string> Scopes)
{
    public bool HasScope(string scope) => Scopes.Contains(scope);
}
