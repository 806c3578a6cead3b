namespace Payouts.Api.Auth;

/// <summary>The token of an <c>Authorization: Bearer &lt;token&gt;</c> header, read the way JwtBearer reads it.</summary>
internal static class BearerToken
{
    private const string Prefix = "Bearer ";

    /// <summary>The token, or null when there is no bearer header. Two headers read as one invalid token.</summary>
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? header[Prefix.Length..].Trim() : null;
    }
}
