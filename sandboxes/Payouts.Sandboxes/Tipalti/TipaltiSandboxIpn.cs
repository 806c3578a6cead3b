using System.Globalization;
using System.Security.Cryptography;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Tipalti;

/// <summary>
/// Tipalti's IPNs: unsigned form posts to the service, which proves one genuine by posting its exact body back
/// (notif/ipn.aspx). So the sandbox keeps the SHA-256 of every body it sent, with the state, to answer for it after a restart.
/// </summary>
internal sealed class TipaltiSandboxIpn
{
    private readonly SandboxContext _context;
    private readonly DurableTable<string> _sent;
    private long _sequence;

    public TipaltiSandboxIpn(SandboxContext context)
    {
        _context = context;
        _sent = context.State.Table<string>("ipn");
        _sequence = _sent.Count;
    }

    /// <summary>
    /// Inside a change. Field names: type, ref_code (the payment's RefCode), payee_id (idap), payment_status, amount, currency,
    /// ipn_id, timestamp.
    /// </summary>
    public void Send(string type, TipaltiSandboxPayment payment)
    {
        var ipnId = Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("type", type),
            new("ref_code", payment.RefCode),
            new("payee_id", payment.Idap),
            new("payment_status", payment.Status),
            new("amount", payment.Amount),
            new("currency", payment.Currency),
            new("ipn_id", ipnId),
            new("timestamp", _context.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (payment.ErrorCode is not null)
        {
            fields.Add(new("error_code", payment.ErrorCode));
        }

        var body = NotificationSender.FormBody(fields);
        _sent.Put(Digest(body), ipnId);
        _context.Notifications.Send(_context.NotificationUrl, "application/x-www-form-urlencoded", body);
    }

    /// <summary>True only for a body the sandbox itself sent, unchanged.</summary>
    public bool IsGenuine(ReadOnlySpan<byte> body) => _sent.Contains(Digest(body));

    public int SentCount => _sent.Count;

    private static string Digest(ReadOnlySpan<byte> body) => Convert.ToHexString(SHA256.HashData(body));
}
