using System.Collections.Frozen;

namespace Payouts.Sandboxes.Tupay;

/// <summary>Tupay's status and rejection codes (PROVIDERS.md 4.4, 4.5).</summary>
public static class TupayCodes
{
    public const int Pending = 0;
    public const int Completed = 1;
    public const int Cancelled = 2;
    public const int Rejected = 3;
    public const int Delivered = 4;
    public const int OnHold = 5;

    public const int ErrorOther = 808;

    /// <summary>D24's "withdrawal reversed": how the sandbox reports money coming back after Completed.</summary>
    public const int WithdrawalReversed = 826;

    public static readonly FrozenDictionary<int, string> StatusDescriptions = new Dictionary<int, string>
    {
        [Pending] = "Pending",
        [Completed] = "Completed",
        [Cancelled] = "Cancelled",
        [Rejected] = "Rejected",
        [Delivered] = "Delivered",
        [OnHold] = "On Hold",
    }.ToFrozenDictionary();

    public static readonly FrozenDictionary<int, string> RejectionReasons = new Dictionary<int, string>
    {
        [800] = "ERROR_ACCOUNT_INCORRECT",
        [801] = "ERROR_ACCOUNT_CLOSED",
        [802] = "ERROR_AMOUNT_INCORRECT",
        [803] = "ERROR_BANK_INVALID",
        [804] = "ERROR_BANK_BRANCH_INCORRECT",
        [805] = "ERROR_BENEFICIARY_DOCUMENT_ID_INVALID",
        [806] = "ERROR_BENEFICIARY_NAME_INCORRECT",
        [807] = "ERROR_REJECTED_BY_BANK",
        [808] = "ERROR_OTHER",
        [809] = "WITHDRAWAL_EXPIRED",
        [810] = "LIMIT_EXCEEDED",
        [811] = "RISK_POLICY",
        [812] = "BLOCKED_FROZEN_ACCOUNT",
        [813] = "DOCUMENT_ACCOUNT_MISMATCH",
        [816] = "INVALID_ACCOUNT_OR_IFSC_CODE",
        [818] = "ACCOUNT_UNABLE",
        [WithdrawalReversed] = "WITHDRAWAL_REVERSED",
    }.ToFrozenDictionary();

    public static string ReasonOf(int rejectionCode) =>
        RejectionReasons.TryGetValue(rejectionCode, out var reason) ? reason : "ERROR_OTHER";
}
