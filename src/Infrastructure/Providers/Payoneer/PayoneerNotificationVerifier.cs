using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Payoneer;

/// <summary>
/// Payoneer IPCN: each event type is posted to its own URL, and the body carries no event type. We authenticate
/// the hmacauth Authorization header, then read which payout (IntPaymentId = our client_reference_id) or which
/// payee ("Payee Approved"/"Payee Declined" carry only Payee Id) it is about.
/// </summary>
internal sealed partial class PayoneerNotificationVerifier(
    IOptions<PayoneerOptions> options, IpcnReplayCache replays, TimeProvider clock, ILogger<PayoneerNotificationVerifier> logger) : INotificationVerifier
{
    public Provider Provider => Provider.Payoneer;

    public Task<ProviderResult<VerifiedNotification>> VerifyAsync(ProviderNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return Task.FromResult(Verify(notification));
    }

    private ProviderResult<VerifiedNotification> Verify(ProviderNotification notification)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.IpcnSecret))
        {
            return new ProviderFailure(false, "not_configured", "Payoneer is not configured: Providers:Payoneer:IpcnSecret is missing.");
        }

        if (Unauthentic(notification, settings) is { } why)
        {
            LogRefused(logger, why);
            return new ProviderFailure(false, "invalid_signature", why);
        }

        var fields = IpcnBody.TryRead(notification.Body, notification.Headers.GetValueOrDefault("content-type"));
        if (fields is null)
        {
            return new ProviderFailure(false, "malformed_notification", "The IPCN body is neither JSON nor form fields.");
        }

        if (fields.TryGetValue("IntPaymentId", out var payment))
        {
            // A payment that is not one of our numeric ids was not sent by this service: nothing for us to look up.
            return long.TryParse(payment, NumberStyles.None, CultureInfo.InvariantCulture, out var payoutId)
                ? new VerifiedNotification([payoutId], [])
                : new VerifiedNotification([], []);
        }

        return fields.TryGetValue("Payee Id", out var payee) && !string.IsNullOrWhiteSpace(payee)
            ? new VerifiedNotification([], [payee])
            : new VerifiedNotification([], []);
    }

    /// <summary>Why the notification is not Payoneer's, or null. The signature comes before the nonce, so forgeries cannot fill the replay cache.</summary>
    private string? Unauthentic(ProviderNotification notification, PayoneerOptions settings)
    {
        if (!notification.Headers.TryGetValue("authorization", out var header) || !TryParse(header, out var auth))
        {
            return "The Authorization header is missing or not hmacauth.";
        }

        if (!string.Equals(auth.AppName, settings.IpcnAppName, StringComparison.Ordinal))
        {
            return "The hmacauth application name is not the one configured.";
        }

        // The range check keeps a hostile timestamp from throwing in FromUnixTimeSeconds.
        if (!long.TryParse(auth.Timestamp, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            || seconds < DateTimeOffset.MinValue.ToUnixTimeSeconds() || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > settings.MaxClockSkew)
        {
            return "The hmacauth timestamp is missing or outside the allowed clock skew.";
        }

        var expected = IpcnSignature.Compute(settings.IpcnSecret!, auth.AppName, notification.Method, notification.Url, notification.Body.Span, auth.Nonce, auth.Timestamp);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(auth.Signature)))
        {
            return "The hmacauth signature does not match.";
        }

        return replays.TryRemember(auth.Nonce) ? null : "The hmacauth nonce was already used: a replay.";
    }

    /// <summary>Authorization: hmacauth AppName:Signature:Nonce:Timestamp (base64 has no ':').</summary>
    private static bool TryParse(string header, out (string AppName, string Signature, string Nonce, string Timestamp) auth)
    {
        auth = default;
        var space = header.Trim().IndexOf(' ', StringComparison.Ordinal);
        if (space < 0 || !header.Trim()[..space].Equals("hmacauth", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var parts = header.Trim()[(space + 1)..].Trim().Split(':');
        if (parts.Length != 4 || parts.Any(string.IsNullOrEmpty))
        {
            return false;
        }

        auth = (parts[0], parts[1], parts[2], parts[3]);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Payoneer IPCN refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
