using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>
/// Tipalti's IPNs are form posts with no signature: an IPN is authentic only if Tipalti, given its exact raw
/// body back (IpnVerifyUrl), answers "VERIFIED". Any change to the body, even re-encoding it, makes it INVALID,
/// so the bytes are posted back untouched.
/// </summary>
internal sealed partial class TipaltiNotificationVerifier(TipaltiSoapClient soap, IOptions<TipaltiOptions> options, ILogger<TipaltiNotificationVerifier> logger) : INotificationVerifier
{
    private const string Verified = "VERIFIED";
    private const string Invalid = "INVALID";

    public Provider Provider => Provider.Tipalti;

    public async Task<ProviderResult<VerifiedNotification>> VerifyAsync(ProviderNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields;
        try
        {
            fields = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(notification.Body.Span));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return Forged("The body is not a form.");
        }

        if (!fields.TryGetValue("type", out var type) || string.IsNullOrEmpty(type))
        {
            return Forged("The body has no type field, which every Tipalti IPN has.");
        }

        switch (await soap.PostBackAsync(notification.Body, cancellationToken))
        {
            case TipaltiCall.Failed failed:
                return failed.Failure;
            case TipaltiCall.Answered { ErrorCode: Invalid }:
                LogInvalid(logger, type.ToString());
                return Forged("Tipalti answered INVALID to the postback.");
            case TipaltiCall.Answered { ErrorCode: not Verified }:
                return new ProviderFailure(true, "ipn_verify_unexpected", "Tipalti's postback answered neither VERIFIED nor INVALID.");
            default:
                break;
        }

        var settings = options.Value;
        var payoutIds = Values(fields, settings.IpnRefCodeField)
            .Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
            .OfType<long>()
            .ToList();
        var accountIds = Values(fields, settings.IpnPayeeIdField).ToList();
        return new VerifiedNotification(payoutIds, accountIds);
    }

    private static IEnumerable<string> Values(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> fields, string name) =>
        fields.TryGetValue(name, out var values) ? values.OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal) : [];

    private static ProviderFailure Forged(string message) => new(false, "invalid_signature", message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tipalti did not verify an IPN of type {Type}")]
    private static partial void LogInvalid(ILogger logger, string type);
}
