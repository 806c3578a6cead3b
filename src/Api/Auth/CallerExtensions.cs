using System.Security.Claims;
using Payouts.Application.Merchants;

namespace Payouts.Api.Auth;

/// <summary>
/// What handlers call: authentication only fills <c>HttpContext.User</c> (health and reflection need no token),
/// so each payouts handler decides that it needs a caller, and which kind and scope. The same checks serve gRPC
/// (through <see cref="ServerCallContext"/>) and the seeds' REST routes (through <see cref="HttpContext"/>).
/// </summary>
public static class CallerExtensions
{
    /// <summary>The legacy API's text (seed 000), kept so clients matching on it keep working.</summary>
    public const string UnauthenticatedMessage = "User not authenticated";

    public static Caller RequireUser(this ServerCallContext context) => context.GetHttpContext().User.RequireUser();

    public static Caller RequireMerchant(this ServerCallContext context) => context.GetHttpContext().User.RequireMerchant();

    /// <summary>The authenticated caller, or UNAUTHENTICATED (missing, invalid, expired or wrongly signed token).</summary>
    public static Caller RequireCaller(this ClaimsPrincipal user) =>
        CallerClaims.FromPrincipal(user) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, UnauthenticatedMessage));

    /// <summary>
    /// A user (or service) caller for the user-facing services. Merchants have their own API, and a token
    /// whose subject is a merchant's owner id ("merchant:...") is refused, so no user token can ever read or
    /// spend a merchant's balance.
    /// </summary>
    public static Caller RequireUser(this ClaimsPrincipal user)
    {
        var caller = user.RequireCaller();
        return caller.IsMerchant || caller.Id.StartsWith(MerchantAccounts.Prefix, StringComparison.Ordinal)
            ? throw new RpcException(new Status(StatusCode.PermissionDenied, "This API is for users; merchants use payouts.v1.PayoutService."))
            : caller;
    }

    /// <summary>The calling merchant; UNAUTHENTICATED without a token, PERMISSION_DENIED for a user or service token.</summary>
    public static Caller RequireMerchant(this ClaimsPrincipal user)
    {
        var caller = user.RequireCaller();
        return caller.IsMerchant ? caller : throw new RpcException(new Status(StatusCode.PermissionDenied, "A merchant token (tk_...) is required."));
    }

    /// <summary>PERMISSION_DENIED unless the caller's token carries <paramref name="scope"/>.</summary>
    public static void RequireScope(this Caller caller, string scope)
    {
        if (!caller.HasScope(scope))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Missing scope '{scope}'."));
        }
    }
}
