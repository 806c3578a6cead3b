using Payouts.Api.Grpc.Protocol;
using Payouts.Api.Grpc.Server;
using Payouts.Application.Payouts;

namespace Payouts.Api.Auth;

/// <summary>
/// What gRPC handlers call: authentication only fills <see cref="ServerCallContext.User"/> (health and
/// reflection need no token), so each payouts handler decides that it needs a caller, and which scope.
/// </summary>
public static class CallerExtensions
{
    /// <summary>The legacy API's text (seed 000), kept so clients matching on it keep working.</summary>
    public const string UnauthenticatedMessage = "User not authenticated";

    /// <summary>The authenticated caller, or UNAUTHENTICATED (missing, invalid, expired or wrongly signed token).</summary>
    public static Caller RequireCaller(this ServerCallContext context) =>
        CallerClaims.FromPrincipal(context.User) ?? throw new RpcException(StatusCode.Unauthenticated, UnauthenticatedMessage);

    /// <summary>
    /// A user (or service) caller for the user-facing services. Merchants have their own API, and a token
    /// whose subject is a merchant's owner id ("merchant:...") is refused, so no user token can ever read or
    /// spend a merchant's balance.
    /// </summary>
    public static Caller RequireUser(this ServerCallContext context)
    {
        var caller = context.RequireCaller();
        return caller.IsMerchant || caller.Id.StartsWith(MerchantAccounts.Prefix, StringComparison.Ordinal)
            ? throw new RpcException(StatusCode.PermissionDenied, "This API is for users; merchants use payouts.v1.PayoutService.")
            : caller;
    }

    /// <summary>The calling merchant; UNAUTHENTICATED without a token, PERMISSION_DENIED for a user or service token.</summary>
    public static Caller RequireMerchant(this ServerCallContext context)
    {
        var caller = context.RequireCaller();
        return caller.IsMerchant ? caller : throw new RpcException(StatusCode.PermissionDenied, "A merchant token (tk_...) is required.");
    }

    /// <summary>PERMISSION_DENIED unless the caller's token carries <paramref name="scope"/>.</summary>
    public static void RequireScope(this Caller caller, string scope)
    {
        if (!caller.HasScope(scope))
        {
            throw new RpcException(StatusCode.PermissionDenied, $"Missing scope '{scope}'.");
        }
    }
}
