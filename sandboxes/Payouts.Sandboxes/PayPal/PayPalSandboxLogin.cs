using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Payouts.Sandboxes.PayPal;

/// <summary>
/// "Log in with PayPal" (PROVIDERS.md 1.3): the consent page, which here consents at once on the user's behalf
/// (or declines, with sandbox_decline=1), and the userinfo endpoint.
/// </summary>
internal sealed class PayPalSandboxLogin(PayPalSandboxOptions options, PayPalSandboxAuth auth)
{
    /// <summary>GET signin/authorize: a 302 back to redirect_uri, with code and state, or with error=access_denied.</summary>
    public IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        if (query["client_id"].ToString() != options.ClientId)
        {
            return Results.Text("Log in with PayPal: unknown client_id.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!Uri.TryCreate(query["redirect_uri"].ToString(), UriKind.Absolute, out var redirectUri))
        {
            return Results.Text("Log in with PayPal: redirect_uri is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        var state = query["state"].ToString();
        var scopes = query["scope"].ToString();
        if (query["response_type"].ToString() != "code")
        {
            return Back(redirectUri, state, ("error", "unsupported_response_type"));
        }

        if (!scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
        {
            return Back(redirectUri, state, ("error", "invalid_scope"), ("error_description", "scope must include openid"));
        }

        if (query["sandbox_decline"].ToString() == "1")
        {
            return Back(redirectUri, state, ("error", "access_denied"), ("error_description", "The user declined consent"));
        }

        var payerId = query["sandbox_payer_id"].ToString() is { Length: > 0 } chosen ? chosen : options.PayerId;
        return Back(redirectUri, state, ("code", auth.IssueCode(redirectUri, scopes, payerId)), ("scope", scopes));
    }

    /// <summary>GET v1/identity/oauth2/userinfo?schema=paypalv1.1, with the user's token; attributes as the scopes allow.</summary>
    public IResult UserInfo(HttpRequest request)
    {
        if (auth.RequireUser(request, out var payerId, out var scopes) is { } refused)
        {
            return refused;
        }

        if (request.Query["schema"].ToString() != "paypalv1.1")
        {
            return PayPalSandboxReplies.Validation([PayPalSandboxReplies.Detail("schema", "Only paypalv1.1 is supported", "query")]);
        }

        var granted = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var isDefault = payerId == options.PayerId;
        var user = new JsonObject { ["user_id"] = $"https://www.paypal.com/webapps/auth/identity/user/{payerId.ToLowerInvariant()}ppid" };
        if (granted.Contains("profile"))
        {
            user["name"] = $"{options.PayerGivenName} {options.PayerFamilyName}";
            user["given_name"] = options.PayerGivenName;
            user["family_name"] = options.PayerFamilyName;
        }

        if (granted.Contains("https://uri.paypal.com/services/paypalattributes"))
        {
            user["payer_id"] = payerId;
            user["verified_account"] = "true";
        }

        if (granted.Contains("email"))
        {
            var email = isDefault ? options.PayerEmail : $"{payerId.ToLowerInvariant()}@example.com";
            user["emails"] = new JsonArray(new JsonObject { ["value"] = email, ["primary"] = true, ["confirmed"] = true });
        }

        return PayPalSandboxReplies.Json(user);
    }

    private static IResult Back(Uri redirectUri, string state, params (string Name, string Value)[] parameters)
    {
        var url = redirectUri.ToString();
        foreach (var (name, value) in parameters)
        {
            url = QueryHelpers.AddQueryString(url, name, value);
        }

        // state comes back exactly as given: it is the caller's correlation value.
        if (state.Length > 0)
        {
            url = QueryHelpers.AddQueryString(url, "state", state);
        }

        return Results.Redirect(url);
    }
}
