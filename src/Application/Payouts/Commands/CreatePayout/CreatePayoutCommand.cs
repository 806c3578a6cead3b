using Payouts.Application.Common.Idempotency;
using Payouts.Application.Common.Messaging;
using Payouts.Application.Merchants;
using Payouts.Domain.Payouts;

namespace Payouts.Application.Payouts.Commands.CreatePayout;

/// <summary>
/// Seed 001's POST /api/payments (and seed 002's POST /payouts): a merchant pays someone from its balance.
/// Fields are as the merchant sent them; the validator checks every rule and limit.
/// </summary>
/// <param name="MetadataJson">The metadata object serialized, or null when none was given.</param>
/// <param name="Destination">Where to pay, if the merchant knows; otherwise the recipient fills the hosted form.</param>
public sealed record CreatePayoutCommand(
    string MerchantId,
    string Amount,
    string Currency,
    string Type,
    string Description,
    string? MetadataJson,
    string ExternalId,
    string RedirectUrl,
    string WebhookUrl,
    string CustomerId,
    string CustomerName,
    string RefId,
    string OnBehalfOfId,
    PayoutDestinationInput? Destination,
    string? IdempotencyKey) : ICommand<PayoutView>, IIdempotentCommand
{
    /// <summary>Idempotency keys are kept per owner; a merchant's never share a namespace with a user's.</summary>
    public string CallerId => MerchantAccounts.OwnerOf(MerchantId);

    /// <summary>Customer and recipient data: never printed, should a command end up in a log or an assertion message.</summary>
    public override string ToString() => $"{nameof(CreatePayoutCommand)} {{ MerchantId = {MerchantId}, Amount = {Amount} {Currency} }}";
}

/// <summary>A destination given with the payout. Typed in JSON so an idempotency fingerprint tells two destinations apart.</summary>
[System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(LinkedPayeeInput), "linked_payee")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(PeruvianBankAccountInput), "pe_bank")]
[System.Text.Json.Serialization.JsonDerivedType(typeof(PayPalEmailInput), "paypal_email")]
public abstract record PayoutDestinationInput
{
    /// <summary>The name of the provider that pays this kind of destination (part of the request's fingerprint, so a name).</summary>
    public abstract string Provider { get; }
}

/// <summary>A payee the merchant linked at a provider (Payoneer payee id, Tipalti idap).</summary>
public sealed record LinkedPayeeInput(string PayeeProvider, string PayeeId) : PayoutDestinationInput
{
    public override string Provider => PayeeProvider;
}

/// <summary>A Peruvian bank account, paid through Tupay (seed 003's fields).</summary>
public sealed record PeruvianBankAccountInput(
    string Country, string DocumentType, string DocumentId, string BeneficiaryName, string BeneficiaryLastName, string BankAccount, string AccountType)
    : PayoutDestinationInput
{
    public override string Provider => ProviderNames.Of(Domain.Payouts.Provider.Tupay);
}

/// <summary>A PayPal account by e-mail.</summary>
public sealed record PayPalEmailInput(string Email) : PayoutDestinationInput
{
    public override string Provider => ProviderNames.Of(Domain.Payouts.Provider.PayPal);
}
