using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Payouts.Sandboxes.Tipalti;

/// <summary>A refusal in Tipalti's terms: the errorCode (status name) and its message.</summary>
internal sealed record TipaltiError(string Code, string Message);

/// <summary>
/// Checks a call's <c>key</c> as Tipalti does: HMAC-SHA256 (master key) over payerName [+ idap] + timestamp [+ EAT],
/// lowercase hex, with a timestamp close to now so a captured call cannot be replayed later.
/// </summary>
internal sealed class TipaltiSandboxAuth(TipaltiSandboxOptions options, TimeProvider clock)
{
    public TipaltiError? Check(XElement function, bool signsIdap, string? eat)
    {
        var payer = TipaltiSoap.Text(function, "payerName");
        if (payer != options.PayerName)
        {
            return new TipaltiError("PayerUnknown", "PayerUnknown");
        }

        var timestampText = TipaltiSoap.Text(function, "timestamp") ?? "";
        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - timestamp) > options.TimestampTolerance.TotalSeconds)
        {
            return new TipaltiError("EncryptionKeyFailedValidation", "Timestamp is missing or too far from the current time");
        }

        var idap = signsIdap ? TipaltiSoap.Text(function, "idap") : null;
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(options.MasterKey), Encoding.UTF8.GetBytes(payer + idap + timestampText + eat)));
        var key = TipaltiSoap.Text(function, "key") ?? "";
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(key))
            ? null
            : new TipaltiError("EncryptionKeyFailedValidation", "EncryptionKeyFailedValidation");
    }
}
