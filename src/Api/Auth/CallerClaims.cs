using System.Security.Claims;

namespace Payouts.Api.Auth;

/// <summary>
/// How a <see cref="Caller"/> travels in <c>HttpContext.User</c>: one <c>sub</c> claim and one <c>scope</c>
/// claim per scope. A fresh principal per request, because principals are mutable and the caller is cached.
/// </summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Scope = "scope";

    /// <summary>Present only on a merchant token's principal; a JWT can never produce it.</summary>
    public const string Merchant = "payouts:merchant";

    public static ClaimsPrincipal ToPrincipal(Caller caller, string authenticationType)
    {
        var claims = new List<Claim>(1 + caller.Scopes.Count) { new(Subject, caller.Id) };
        claims.AddRange(caller.Scopes.Select(scope => new Claim(Scope, scope)));
        if (caller.IsMerchant)
        {
            claims.Add(new Claim(Merchant, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, Subject, Scope));
    }

    /// <summary>The caller of an authenticated principal with a subject; null for anonymous requests.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true } || principal.FindFirst(Subject)?.Value is not { Length: > 0 } id)
        {
            return null;
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in principal.FindAll(Scope))
        {
            scopes.Add(claim.Value);
        }

        return new Caller(id, scopes, principal.HasClaim(Merchant, "true"));
    }
}
