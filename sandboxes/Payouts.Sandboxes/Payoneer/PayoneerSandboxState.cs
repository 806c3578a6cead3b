namespace Payouts.Sandboxes.Payoneer;

/// <summary>Payoneer's payee status types.</summary>
internal static class PayeeStatusType
{
    public const int Pending = 0;
    public const int Active = 1;
    public const int Inactive = 99;

    public static string Describe(int type) => type switch
    {
        Active => "Active",
        Pending => "Pending",
        _ => "Inactive",
    };
}

/// <summary>A payee id in the program; <see cref="StatusType"/> stays null until the payee completed the registration page.</summary>
internal sealed class SandboxPayee(string payeeId, string accountId)
{
    public string PayeeId { get; } = payeeId;

    public string AccountId { get; } = accountId;

    public int? StatusType { get; set; }

    public DateOnly? RegistrationDate { get; set; }

    public string? SessionId { get; set; }
}

internal sealed record RegistrationLinkGrant(string PayeeId, Uri? RedirectUrl, string? SessionId);

internal sealed class SandboxPayout(string clientReferenceId, string payoutId, string payeeId, string amount, string currency, string description, DateOnly payoutDate)
{
    public string ClientReferenceId { get; } = clientReferenceId;

    public string PayoutId { get; } = payoutId;

    public string PayeeId { get; } = payeeId;

    /// <summary>The amount exactly as the client wrote the JSON number.</summary>
    public string Amount { get; } = amount;

    public string Currency { get; } = currency;

    public string Description { get; } = description;

    public DateOnly PayoutDate { get; } = payoutDate;

    public string Status { get; set; } = PayoutStatus.Pending;

    public string? ReasonCode { get; set; }

    public string? ReasonDescription { get; set; }

    public int? CancelReasonCode { get; set; }

    public string? CancelReasonDescription { get; set; }
}

internal static class PayoutStatus
{
    public const string Pending = "Pending";
    public const string Transferred = "Transferred";
    public const string Cancelled = "Cancelled";
}
