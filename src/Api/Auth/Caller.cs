namespace Payouts.Api.Auth;

/// <summary>
/// Who is calling, from a validated bearer token: <see cref="Id"/> is the token's <c>sub</c> (a user's
/// id for user tokens, a service's for service tokens), <see cref="Scopes"/> its <c>scope</c>/<c>scp</c>.
/// A merchant token (<see cref="IsMerchant"/>) gives the merchant's id and the token's permissions instead.
/// </summary>
public sealed record Caller(string Id, IReadOnlySet<string> Scopes, bool IsMerchant = false)
{
    public bool HasScope(string scope) => Scopes.Contains(scope);
}
