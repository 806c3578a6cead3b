using System.Collections.Frozen;
using System.Globalization;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>Tupay's internal error codes (PROVIDERS.md 4.6) that the adapter treats specially, and their names in our logs.</summary>
internal static class TupayErrors
{
    public const int InvalidParams = 300;
    public const int InvalidSignature = 302;
    public const int InvalidCredentials = 401;
    public const int UnregisteredIp = 402;
    public const int CashoutNotFound = 509;
    public const int ExternalIdAlreadyUsed = 511;
    public const int InsufficientFunds = 514;

    /// <summary>
    /// Errors that are about our account, not the payout (credentials, signature key, IP allow-list, our
    /// funds at Tupay): nothing was created, and the payout must wait for an operator, not fail for good.
    /// </summary>
    public static readonly FrozenSet<int> OurSide = new[] { InvalidSignature, InvalidCredentials, UnregisteredIp, InsufficientFunds }.ToFrozenSet();

    private static readonly FrozenDictionary<int, string> Names = new Dictionary<int, string>
    {
        [InvalidParams] = "invalid_params",
        [InvalidSignature] = "invalid_signature",
        [InvalidCredentials] = "invalid_credentials",
        [UnregisteredIp] = "unregistered_ip",
        [502] = "invalid_request_body",
        [CashoutNotFound] = "cashout_not_found",
        [ExternalIdAlreadyUsed] = "external_id_already_used",
        [InsufficientFunds] = "insufficient_funds",
    }.ToFrozenDictionary();

    /// <summary>e.g. "invalid_credentials", or "tupay_533" for a code without a name here.</summary>
    public static string NameOf(int code) =>
        Names.TryGetValue(code, out var name) ? name : "tupay_" + code.ToString(CultureInfo.InvariantCulture);
}
