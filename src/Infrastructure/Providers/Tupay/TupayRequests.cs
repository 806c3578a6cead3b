using System.Buffers;
using System.Text.Json;

namespace Payouts.Infrastructure.Providers.Tupay;

/// <summary>
/// Request bodies, written once to bytes: Tupay signs the exact bytes, so they are never re-serialized.
/// The amount is written from the minor-unit digits, so no floating type can alter it.
/// </summary>
internal static class TupayRequests
{
    public static byte[] Cashout(string login, string pass, TupayCashout cashout) => Write(writer =>
    {
        writer.WriteString("login", login);
        writer.WriteString("pass", pass);
        writer.WriteString("external_id", cashout.ExternalId);
        writer.WriteString("country", cashout.Country);
        writer.WritePropertyName("amount");
        writer.WriteRawValue(cashout.Amount.ToDecimalString());
        writer.WriteString("currency", cashout.Amount.Currency.Code);
        writer.WriteString("document_id", cashout.DocumentId);
        writer.WriteString("document_type", cashout.DocumentType);
        writer.WriteString("beneficiary_name", cashout.BeneficiaryName);
        if (!string.IsNullOrEmpty(cashout.BeneficiaryLastName))
        {
            writer.WriteString("beneficiary_lastname", cashout.BeneficiaryLastName);
        }

        writer.WriteString("bank_account", cashout.BankAccount);
        writer.WriteString("account_type", cashout.AccountType);
        writer.WriteString("notification_url", cashout.NotificationUrl.AbsoluteUri);
        if (cashout.Comments is not null)
        {
            writer.WriteString("comments", cashout.Comments);
        }

        writer.WriteString("type", "json");
    });

    /// <summary>Looks up by our id, and by Tupay's id too once known (the newer docs mark both required).</summary>
    public static byte[] Status(string login, string pass, string externalId, long? cashoutId) => Write(writer =>
    {
        writer.WriteString("login", login);
        writer.WriteString("pass", pass);
        if (cashoutId is { } id)
        {
            writer.WriteNumber("cashout_id", id);
        }

        writer.WriteString("external_id", externalId);
    });

    private static byte[] Write(Action<Utf8JsonWriter> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
