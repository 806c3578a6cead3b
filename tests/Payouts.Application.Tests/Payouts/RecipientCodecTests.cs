using Payouts.Application.Common.Providers;

namespace Payouts.Application.Tests.Payouts;

public sealed class RecipientCodecTests
{
    public static TheoryData<PayoutRecipient> Recipients => new()
    {
        new ProviderAccount("SBXPAYERQ7LM2"),
        new EmailAddress("ana@example.com"),
        new PeruvianBankAccount("DNI", "12345678", "Ana", "Quispe", "00219300153895206813", "C"),
        new PeruvianBankAccount("RUC", "12345678901", "Empresa SAC", null, "00219300153895206813", "S"),
    };

    [Theory]
    [MemberData(nameof(Recipients))]
    public void Every_recipient_survives_storage(PayoutRecipient recipient) =>
        RecipientCodec.Decode(RecipientCodec.Encode(recipient)).Should().Be(recipient);

    [Fact]
    public void A_bare_id_stored_before_recipients_had_kinds_is_a_provider_account() =>
        RecipientCodec.Decode("u1234").Should().Be(new ProviderAccount("u1234"));

    [Fact]
    public void An_unknown_kind_fails_loudly_rather_than_paying_someone_else() =>
        FluentActions.Invoking(() => RecipientCodec.Decode("""{"kind":"iban","bank":null}""")).Should().Throw<FormatException>();
}
