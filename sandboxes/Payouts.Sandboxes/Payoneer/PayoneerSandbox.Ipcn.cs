using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>
/// IPCN: each event type goes to its own URL, {NotificationUrl}/{event-slug}, with no event field in the body.
/// Every delivery attempt is signed afresh (new nonce and timestamp), as a resend by Payoneer would be.
/// </summary>
public sealed partial class PayoneerSandbox
{
    /// <summary>Inside a change: the IPCN is queued with it.</summary>
    private void SendIpcn(string slug, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var url = new Uri($"{Context.NotificationUrl.AbsoluteUri.TrimEnd('/')}/{slug}");
        var (body, contentType) = Options.IpcnFormEncoded
            ? (Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}"))), "application/x-www-form-urlencoded")
            : (JsonSerializer.SerializeToUtf8Bytes(fields.ToDictionary(f => f.Key, f => f.Value)), "application/json");
        Context.Notifications.Send(url, contentType, body);
    }

    private void SignIpcn(HttpRequestMessage request, Notification ipcn) =>
        request.Headers.TryAddWithoutValidation("Authorization", PayoneerIpcnSigner.AuthorizationHeader(
            Options.IpcnSecret, Options.IpcnAppName, "POST", ipcn.Url, ipcn.Body, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Context.Clock.GetUtcNow().ToUnixTimeSeconds()));
}
