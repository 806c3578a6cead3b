namespace Payouts.Domain.Payouts.Destinations;

/// <summary>
/// What makes an e-mail address a PayPal receiver we accept: a single plain address, exactly as written
/// (System.Net.Mail.MailAddress parses it back to the same text, so no display name, comment or spaces), at most
/// PayPal's receiver limit (PROVIDERS.md 1.2). Shared by CreatePayout and the hosted form, so the two can never disagree.
/// </summary>
public static class PayPalEmailRules
{
    /// <summary>PayPal's receiver limit.</summary>
    public const int MaxLength = 127;

    public static bool IsValid(string? email) =>
        !string.IsNullOrEmpty(email)
        && email.Length <= MaxLength
        && System.Net.Mail.MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email;
}
