using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>
/// PayPal's REST API as our adapters use it: the app token (PROVIDERS.md 1.1) attached to every call, and the
/// user-facing OAuth2 grants of "Log in with PayPal" (1.3).
/// </summary>
internal sealed partial class PayPalApiClient(HttpClient http, [FromKeyedServices("paypal")] AccessTokenCache tokens, IOptions<PayPalOptions> options, ILogger<PayPalApiClient> logger)
{
    public PayPalOptions Options => options.Value;

    /// <summary>
    /// Sends <paramref name="build"/>'s request with the app token. A 401 means PayPal dropped our token before
    /// its time (revoked, clocks apart): one fresh token, one more try. A 401 is refused before processing, so
    /// repeating even a write is safe. A failure here means the request itself was never sent.
    /// </summary>
    public async Task<ProviderResult<HttpResponseMessage>> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var token = await AppTokenAsync(cancellationToken);
        if (token.Failure is { } failure)
        {
            return failure;
        }

        var response = await SendWithTokenAsync(build(), token.Value!, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        LogTokenRefused(logger);
        tokens.Invalidate(token.Value!);
        token = await AppTokenAsync(cancellationToken);
        if (token.Failure is { } again)
        {
            return again;
        }

        return await SendWithTokenAsync(build(), token.Value!, cancellationToken);
    }

    /// <summary>Exchanges a "Log in with PayPal" code for the user's token. Not retried: the code is single-use.</summary>
    public async Task<ProviderResult<string>> ExchangeCodeAsync(string code, Uri redirectUri, CancellationToken cancellationToken)
    {
        if (!Options.HasClientCredentials)
        {
            return NotConfigured();
        }

        using var request = TokenRequest(
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri.ToString())]);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var reply = await ReadTokenReplyAsync(response, cancellationToken);
            return reply.Failure is { } failure ? failure : reply.Value!.Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }

    /// <summary>The user's profile; <paramref name="userToken"/> is theirs, not the app's, so no refresh on a 401.</summary>
    public async Task<ProviderResult<UserInfo>> UserInfoAsync(string userToken, CancellationToken cancellationToken)
    {
        using var request = ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Get, "v1/identity/oauth2/userinfo?schema=paypalv1.1"));
        try
        {
            using var response = await SendWithTokenAsync(request, userToken, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = await PayPalReplies.ReadErrorAsync(response, cancellationToken);
                return new ProviderFailure(PayPalReplies.IsTransient(response.StatusCode), error?.Name ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), $"Reading the PayPal user's profile failed: {PayPalErrors.Describe(error, (int)response.StatusCode)}.");
            }

            return await response.Content.ReadFromJsonAsync<UserInfo>(PayPalJson.Options, cancellationToken) ?? throw new JsonException("Empty userinfo.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }

    private Task<ProviderResult<string>> AppTokenAsync(CancellationToken cancellationToken) =>
        Options.HasClientCredentials
            ? tokens.GetAsync(FetchAppTokenAsync, Options.TokenRefreshMargin, cancellationToken)
            : Task.FromResult<ProviderResult<string>>(NotConfigured());

    private async Task<ProviderResult<AccessToken>> FetchAppTokenAsync(CancellationToken cancellationToken)
    {
        // Asking twice for a token changes nothing at PayPal.
        using var request = ResilienceHandler.MarkRetrySafe(TokenRequest([new("grant_type", "client_credentials")]));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var reply = await ReadTokenReplyAsync(response, cancellationToken);
            if (reply.IsSuccess)
            {
                LogTokenFetched(logger, reply.Value!.ExpiresInSeconds);
            }

            return reply;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }

    private static async Task<ProviderResult<AccessToken>> ReadTokenReplyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            var reply = await response.Content.ReadFromJsonAsync<TokenReply>(PayPalJson.Options, cancellationToken);
            return reply is { AccessToken.Length: > 0, ExpiresIn: > 0 }
                ? new AccessToken(reply.AccessToken, reply.ExpiresIn.Value)
                : throw new JsonException("Token reply without access_token or expires_in.");
        }

        if (PayPalReplies.IsTransient(response.StatusCode))
        {
            return ProviderCalls.FailureOf(response.StatusCode);
        }

        // invalid_client (wrong credentials), invalid_grant (spent or foreign code): asking again cannot help.
        OAuthError? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<OAuthError>(PayPalJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            // The status says enough.
        }

        return new ProviderFailure(
            false,
            error?.Error ?? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"PayPal's token endpoint refused the request (HTTP {(int)response.StatusCode}: {error?.ErrorDescription ?? "no description"}).");
    }

    private HttpRequestMessage TokenRequest(IEnumerable<KeyValuePair<string, string>> form)
    {
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.ClientId}:{Options.ClientSecret}"));
        return new HttpRequestMessage(HttpMethod.Post, "v1/oauth2/token")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
            Content = new FormUrlEncodedContent(form),
        };
    }

    private Task<HttpResponseMessage> SendWithTokenAsync(HttpRequestMessage request, string token, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request, cancellationToken);
    }

    private static ProviderFailure NotConfigured() =>
        new(false, "not_configured", $"{PayPalOptions.Section}:ClientId and {PayPalOptions.Section}:ClientSecret must be configured.");

    [LoggerMessage(Level = LogLevel.Information, Message = "PayPal app token fetched; it expires in {ExpiresInSeconds} s")]
    private static partial void LogTokenFetched(ILogger logger, long expiresInSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PayPal refused our app token before its expiry; fetching a new one")]
    private static partial void LogTokenRefused(ILogger logger);
}
