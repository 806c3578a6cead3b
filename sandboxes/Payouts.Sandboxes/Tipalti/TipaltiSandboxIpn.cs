using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Payouts.Sandboxes.Common;

namespace Payouts.Sandboxes.Tipalti;

/// <summary>
/// Tipalti's IPNs: unsigned form posts to the service, which proves one genuine by posting its exact body back
/// (notif/ipn.aspx). So the sandbox keeps every body it sent, byte for byte.
/// </summary>
internal sealed class TipaltiSandboxIpn(SandboxContext context)
{
    private readonly ConcurrentDictionary<string, byte> _sent = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Field names: type, ref_code (the payment's RefCode), payee_id (idap), payment_status, amount, currency, ipn_id, timestamp.</summary>
    public byte[] Send(string type, TipaltiSandboxPayment payment)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("type", type),
            new("ref_code", payment.RefCode),
            new("payee_id", payment.Idap),
            new("payment_status", payment.Status),
            new("amount", payment.Amount),
            new("currency", payment.Currency),
            new("ipn_id", Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture)),
            new("timestamp", context.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (payment.ErrorCode is not null)
        {
            fields.Add(new("error_code", payment.ErrorCode));
        }

        var body = Encoding.ASCII.GetBytes(string.Join('&', fields.Select(f => WebUtility.UrlEncode(f.Key) + "=" + WebUtility.UrlEncode(f.Value))));
        _sent[Convert.ToHexString(body)] = 0;
        var url = context.NotificationUrl;
        context.Notifications.Send(() =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        });
        return body;
    }

    /// <summary>True only for a body the sandbox itself sent, unchanged.</summary>
    public bool IsGenuine(ReadOnlySpan<byte> body) => _sent.ContainsKey(Convert.ToHexString(body));

    public int SentCount => _sent.Count;
}
