using System.Text.Json;

namespace Payouts.Application.Common.Providers;

/// <summary>
/// How a payout's recipient is stored between its creation and its dispatch (outbox message, dispatch row).
/// A provider account is its bare id; a bank account is a small JSON object with a "kind".
/// </summary>
public static class RecipientCodec
{
    private const string PeruvianBank = "pe_bank";
    private const string Email = "email";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Encode(PayoutRecipient recipient) => recipient switch
    {
        ProviderAccount account => account.AccountId,
        PeruvianBankAccount bank => JsonSerializer.Serialize(new Stored(PeruvianBank, bank, null), Json),
        EmailAddress email => JsonSerializer.Serialize(new Stored(Email, null, email.Email), Json),
        _ => throw new ArgumentOutOfRangeException(nameof(recipient), recipient.GetType().Name, "No stored form for this recipient."),
    };

    /// <summary>The recipient, or an empty account when none was stored (the adapter then refuses it by name).</summary>
    public static PayoutRecipient Decode(string? stored)
    {
        if (stored is not ['{', ..])
        {
            return new ProviderAccount(stored ?? "");
        }

        var parsed = JsonSerializer.Deserialize<Stored>(stored, Json) ?? throw new FormatException("Empty stored recipient.");
        return parsed switch
        {
            { Kind: PeruvianBank, Bank: { } bank } => bank,
            { Kind: Email, Email: { } email } => new EmailAddress(email),
            _ => throw new FormatException($"Unknown stored recipient kind '{parsed.Kind}'."),
        };
    }

    private sealed record Stored(string Kind, PeruvianBankAccount? Bank, string? Email);
}
