using Microsoft.AspNetCore.WebUtilities;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.PayPal;

/// <summary>
/// "Log in with PayPal" (PROVIDERS.md 1.3): the user consents on PayPal, comes back with a code, and the code buys
/// the user's profile, whose payer_id is what we pay to (recipient_type PAYPAL_ID).
/// </summary>
internal sealed partial class PayPalAccountLinking(PayPalApiClient api, ILogger<PayPalAccountLinking> logger) : IRedirectLinkProvider
{
    public Provider Provider => Provider.PayPal;

    /// <summary>PayPal needs no account of ours up front, so <paramref name="accountId"/> is not used.</summary>
    public Task<ProviderResult<Uri>> StartLinkAsync(string accountId, Uri callbackUrl, string state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var options = api.Options;
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            return Task.FromResult<ProviderResult<Uri>>(new ProviderFailure(false, "not_configured", $"{PayPalOptions.Section}:ClientId must be configured."));
        }

        var url = QueryHelpers.AddQueryString(options.ResolvedAuthorizeUrl.ToString(), new Dictionary<string, string?>
        {
            ["flowEntry"] = "static",
            ["client_id"] = options.ClientId,
            ["response_type"] = "code",
            ["scope"] = options.Scopes,
            ["redirect_uri"] = callbackUrl.ToString(),
            ["state"] = state,
        });
        return Task.FromResult<ProviderResult<Uri>>(new Uri(url));
    }

    public async Task<ProviderResult<LinkedAccount>> CompleteLinkAsync(
        string accountId, IReadOnlyDictionary<string, string> callbackQuery, Uri callbackUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbackQuery);
        ArgumentNullException.ThrowIfNull(callbackUrl);
        if (callbackQuery.TryGetValue("error", out var error))
        {
            // access_denied when the user cancels; asking PayPal again cannot change the user's mind.
            // The value comes from the browser's query string: only a short, plain token of it is logged.
            var shown = new string([.. error.Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(40)]);
            LogDeclined(logger, shown);
            return new ProviderFailure(false, "link_declined", $"PayPal returned without consent ({error}).");
        }

        if (!callbackQuery.TryGetValue("code", out var code) || string.IsNullOrWhiteSpace(code))
        {
            return new ProviderFailure(false, "link_missing_code", "PayPal's callback carries no authorization code.");
        }

        var userToken = await api.ExchangeCodeAsync(code, callbackUrl, cancellationToken);
        if (userToken.Failure is { } exchangeFailed)
        {
            return exchangeFailed;
        }

        var user = await api.UserInfoAsync(userToken.Value!, cancellationToken);
        if (user.Failure is { } profileFailed)
        {
            return profileFailed;
        }

        if (user.Value!.PayerId is not { Length: > 0 } payerId)
        {
            // PayPal releases payer_id only with the paypalattributes scope, which the user or app settings withheld.
            return new ProviderFailure(false, "link_no_payer_id", "PayPal's profile has no payer_id: the paypalattributes scope was not granted.");
        }

        return new LinkedAccount(payerId, Ready: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PayPal link declined: {Error}")]
    private static partial void LogDeclined(ILogger logger, string error);
}
