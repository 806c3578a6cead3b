using System.Security.Claims;

namespace Payouts.Api.Auth;

/// <summary>
/// How a <see cref="Caller"/> travels in <c>HttpContext.User</c>: a <c>sub</c> claim and <c>scope</c>/<c>scp</c> claims,
/// as a JWT carries them (RFC 8693: <c>scope</c> space-separated, <c>scp</c> a string or an array).
/// </summary>
public static class CallerClaims
{
    public const string Subject = "sub";
    public const string Scope = "scope";
    private const string ScopeArray = "scp";

    /// <summary>A merchant token's principal: its identity's authentication type is the merchant scheme, which no JWT can claim.</summary>
    public static ClaimsPrincipal ToPrincipal(Caller caller, string authenticationType)
    {
        var claims = new List<Claim>(1 + caller.Scopes.Count) { new(Subject, caller.Id) };
        claims.AddRange(caller.Scopes.Select(scope => new Claim(Scope, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, Subject, Scope));
    }

    /// <summary>The caller of an authenticated principal with a subject; null for anonymous requests.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal is null || IdOf(principal) is not { } id)
        {
            return null;
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in principal.Claims.Where(c => c.Type is Scope or ScopeArray))
        {
            scopes.UnionWith(claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        return new Caller(id, scopes, IsMerchant: principal.Identity!.AuthenticationType == MerchantTokenHandler.SchemeName);
    }

    /// <summary>The authenticated caller's id alone, without building its scopes: what a per-call rate limit needs.</summary>
    public static string? IdOf(ClaimsPrincipal? principal) =>
        principal?.Identity is { IsAuthenticated: true } && principal.FindFirst(Subject)?.Value is { Length: > 0 } id ? id : null;
}
