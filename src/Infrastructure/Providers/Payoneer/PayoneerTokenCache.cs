using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Infrastructure.Providers.Common;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// One OAuth2 client-credentials token for the whole service, reused until shortly before it expires. Only one
/// fetch runs at a time, so a burst of calls after expiry costs Payoneer one token request, not one per call.
/// </summary>
internal sealed partial class PayoneerTokenCache(IOptions<PayoneerOptions> options, TimeProvider clock, ILogger<PayoneerTokenCache> logger) : IDisposable
{
    private readonly AccessTokenCache _cache = new(clock);

    public Task<ProviderResult<string>> GetAsync(HttpClient http, CancellationToken cancellationToken) =>
        _cache.GetAsync(ct => FetchAsync(http, ct), options.Value.TokenRefreshMargin, cancellationToken);

    /// <summary>Drops <paramref name="accessToken"/> after Payoneer refused it, unless a newer one already replaced it.</summary>
    public void Invalidate(string accessToken) => _cache.Invalidate(accessToken);

    public void Dispose() => _cache.Dispose();

    private async Task<ProviderResult<AccessToken>> FetchAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = ResilienceHandler.MarkRetrySafe(new HttpRequestMessage(HttpMethod.Post, settings.OAuthTokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["scope"] = settings.OAuthScope,
                ["client_id"] = settings.ClientId ?? string.Empty,
                ["client_secret"] = settings.ClientSecret ?? string.Empty,
            }),
        });
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return Refused(response.StatusCode, body);
            }

            var reply = PayoneerJson.Read<TokenReply>(body);
            if (string.IsNullOrEmpty(reply.AccessToken) || reply.ExpiresIn is not > 0)
            {
                throw new JsonException("The token reply has no access_token or expires_in.");
            }

            LogTokenFetched(logger, reply.ExpiresIn.Value);
            return new AccessToken(reply.AccessToken, reply.ExpiresIn.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ProviderCalls.FailureOf(ex);
        }
    }

    private ProviderFailure Refused(HttpStatusCode status, byte[] body)
    {
        if ((int)status >= 500 || status == HttpStatusCode.TooManyRequests)
        {
            return ProviderCalls.FailureOf(status);
        }

        // A 4xx here means our credentials or configuration are wrong: retrying cannot help until someone fixes them.
        var error = PayoneerError.TryRead(body);
        var code = error?.Error ?? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        LogTokenRefused(logger, (int)status, code);
        return new ProviderFailure(false, code, $"Payoneer refused our OAuth client credentials (HTTP {(int)status}, {code}); check Providers:Payoneer:ClientId and ClientSecret.");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Payoneer access token fetched; it expires in {ExpiresIn} s")]
    private static partial void LogTokenFetched(ILogger logger, int expiresIn);

    [LoggerMessage(Level = LogLevel.Error, Message = "Payoneer refused our client credentials: HTTP {Status}, {Code}")]
    private static partial void LogTokenRefused(ILogger logger, int status, string code);
}
