using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Payouts.Sandboxes.Payoneer;

/// <summary>
/// IPCN: each event type goes to its own URL, {NotificationUrl}/{event-slug}, with no event field in the body.
/// Every delivery attempt is signed afresh (new nonce and timestamp), as a resend by Payoneer would be.
/// </summary>
public sealed partial class PayoneerSandbox
{
    private void SendIpcn(string slug, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var url = new Uri($"{Context.NotificationUrl.AbsoluteUri.TrimEnd('/')}/{slug}");
        Context.Notifications.Send(() => SignedIpcn(url, fields));
    }

    private HttpRequestMessage SignedIpcn(Uri url, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var (body, contentType) = Options.IpcnFormEncoded
            ? (Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => $"{WebUtility.UrlEncode(f.Key)}={WebUtility.UrlEncode(f.Value)}"))), "application/x-www-form-urlencoded")
            : (JsonSerializer.SerializeToUtf8Bytes(fields.ToDictionary(f => f.Key, f => f.Value)), "application/json");
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        var header = PayoneerIpcnSigner.AuthorizationHeader(
            Options.IpcnSecret, Options.IpcnAppName, "POST", url, body, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Context.Clock.GetUtcNow().ToUnixTimeSeconds());
        request.Headers.TryAddWithoutValidation("Authorization", header);
        return request;
    }
}
