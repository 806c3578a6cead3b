using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>
/// Tupay's status-change callback: a form post whose "control" is an HMAC of external_id. It carries no
/// status by design, so all it may do is name the payout; the dispatcher then asks Tupay for the status.
/// </summary>
internal sealed partial class TupayNotificationVerifier(IOptions<TupayOptions> options, ILogger<TupayNotificationVerifier> logger) : INotificationVerifier
{
    private readonly TupayOptions _options = options.Value;

    public Provider Provider => Provider.Tupay;

    public Task<ProviderResult<VerifiedNotification>> VerifyAsync(ProviderNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return Task.FromResult(Verify(notification));
    }

    private ProviderResult<VerifiedNotification> Verify(ProviderNotification notification)
    {
        if (string.IsNullOrEmpty(_options.ApiSignature))
        {
            LogNotConfigured(logger);
            return new ProviderFailure(false, "not_configured", "Tupay is not configured: Providers:Tupay:ApiSignature is missing.");
        }

        if (!HttpMethods.IsPost(notification.Method))
        {
            return Invalid("not a POST");
        }

        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(notification.Body.Span));
        if (!form.TryGetValue("external_id", out var externalIds) || externalIds.Count != 1 || string.IsNullOrEmpty(externalIds[0])
            || !form.TryGetValue("control", out var controls) || controls.Count != 1)
        {
            return Invalid("external_id or control missing");
        }

        var externalId = externalIds[0]!;
        if (!ControlMatches(controls[0], externalId))
        {
            return Invalid("control does not match");
        }

        // Authentic, but about a cashout that is not one of our payouts (e.g. one made by hand in the panel).
        if (!long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var payoutId))
        {
            return new ProviderFailure(false, "unknown_external_id", "The notification's external_id is not one of our payout ids.");
        }

        return new VerifiedNotification([payoutId], []);
    }

    /// <summary>Compares MACs, not strings, in constant time, so neither hex case nor timing leaks the expected value.</summary>
    private bool ControlMatches(string? control, string externalId)
    {
        if (control is not { Length: 64 })
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(control);
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = TupaySignature.ControlMac(_options.ApiSignature!, _options.ControlPrefix, externalId, _options.ControlSuffix);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private ProviderFailure Invalid(string why)
    {
        LogInvalid(logger, why);
        return new ProviderFailure(false, "invalid_signature", "Not a genuine Tupay notification: " + why + ".");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tupay notification cannot be verified: Providers:Tupay:ApiSignature is missing")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Tupay notification: {Why}")]
    private static partial void LogInvalid(ILogger logger, string why);
}
