using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Payouts.Api.Auth;

/// <summary>
/// What <see cref="CachingJsonWebTokenHandler"/> keeps of a JWT it accepted, and the token a cache hit hands JwtBearer,
/// which reads only its lifetime (ValidFrom/ValidTo become the ticket's IssuedUtc/ExpiresUtc): the identity as plain
/// strings, from which every hit builds an identity of its own, because identities are mutable. Keeping the
/// <see cref="TokenValidationResult"/> instead cost about 4 KB a token: the parsed <see cref="JsonWebToken"/> with its
/// claims (each with an empty properties dictionary that building the identity created), a copy of the validation
/// parameters, and the identity. Immutable, so one instance serves every hit.
/// </summary>
internal sealed class AcceptedToken : SecurityToken
{
    private readonly RememberedClaim[] _claims;
    private readonly string _authenticationType;
    private readonly string _nameClaimType;
    private readonly string _roleClaimType;

    private AcceptedToken(JsonWebToken jwt, TokenValidationResult result, ClaimsIdentity identity)
    {
        Id = jwt.Id;
        Issuer = jwt.Issuer;
        ValidFrom = jwt.ValidFrom;
        ValidTo = jwt.ValidTo;
        ValidatedIssuer = result.Issuer;
        TokenType = result.TokenType;
        _authenticationType = identity.AuthenticationType!;
        _nameClaimType = identity.NameClaimType;
        _roleClaimType = identity.RoleClaimType;
        _claims = identity.Claims.Select(RememberedClaim.Of).ToArray();
    }

    public override string Id { get; }

    public override string Issuer { get; }

    public override DateTime ValidFrom { get; }

    public override DateTime ValidTo { get; }

    /// <summary>A signed JWT has none (as <see cref="JsonWebToken"/>); the key that checked it is not needed after the check.</summary>
    public override SecurityKey? SecurityKey => null;

    public override SecurityKey? SigningKey
    {
        get => null;
        set => throw new NotSupportedException("An accepted token is shared by every request that presents it.");
    }

    /// <summary>The issuer validation returned, the result's <see cref="TokenValidationResult.Issuer"/>.</summary>
    public string? ValidatedIssuer { get; }

    public string? TokenType { get; }

    /// <summary>
    /// The remembered form of a successful validation, or null when a copy of the identity's claims would not reproduce
    /// it: an identity with an actor, a bootstrap context or a label (which none of our tokens produces) is validated every time.
    /// </summary>
    public static AcceptedToken? From(TokenValidationResult result) =>
        result is { IsValid: true, SecurityToken: JsonWebToken jwt, ClaimsIdentity: { Actor: null, BootstrapContext: null, Label: null } identity }
            && identity.GetType() == typeof(CaseSensitiveClaimsIdentity)
            ? new AcceptedToken(jwt, result, identity)
            : null;

    /// <summary>A new identity equal to the one the validation produced (as its Clone() would be): the caller may change it.</summary>
    public ClaimsIdentity NewIdentity()
    {
        var identity = new CaseSensitiveClaimsIdentity(_authenticationType, _nameClaimType, _roleClaimType);
        foreach (var claim in _claims)
        {
            identity.AddClaim(claim.ToClaim(identity));
        }

        return identity;
    }

    /// <summary>A claim's strings; <see cref="Properties"/> is null for a claim without any (every claim of ours).</summary>
    private readonly record struct RememberedClaim(
        string Type, string Value, string ValueType, string Issuer, string OriginalIssuer, KeyValuePair<string, string>[]? Properties)
    {
        public static RememberedClaim Of(Claim claim) => new(
            claim.Type, claim.Value, claim.ValueType, claim.Issuer, claim.OriginalIssuer, claim.Properties.Count == 0 ? null : [.. claim.Properties]);

        /// <summary>Created with its subject, so AddClaim keeps it instead of copying it.</summary>
        public Claim ToClaim(ClaimsIdentity subject)
        {
            var claim = new Claim(Type, Value, ValueType, Issuer, OriginalIssuer, subject);
            if (Properties is not null)
            {
                foreach (var (key, value) in Properties)
                {
                    claim.Properties[key] = value;
                }
            }

            return claim;
        }
    }
}
