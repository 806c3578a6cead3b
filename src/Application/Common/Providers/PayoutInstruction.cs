using Payouts.Domain.Amounts;

namespace Payouts.Application.Common.Providers;

/// <summary>One payout as a provider must see it.</summary>
/// <param name="PayoutId">Our payout id: the provider's idempotency key.</param>
/// <param name="Amount">What the recipient gets, in the payout's currency.</param>
/// <param name="Recipient">Who gets it, in the form this provider pays to.</param>
/// <param name="ProviderReference">The provider's own id, once it accepted the payout.</param>
/// <param name="Description">A short human text for statements and e-mails.</param>
public sealed record PayoutInstruction(long PayoutId, Money Amount, PayoutRecipient Recipient, string? ProviderReference, string Description);

/// <summary>Where a payout goes.</summary>
public abstract record PayoutRecipient;

/// <summary>An account the provider already knows: PayPal payer id, Payoneer payee id, Tipalti idap.</summary>
public sealed record ProviderAccount(string AccountId) : PayoutRecipient;

/// <summary>An account known by its e-mail address (PayPal pays to e-mails; an unregistered one can claim it).</summary>
public sealed record EmailAddress(string Email) : PayoutRecipient;

/// <summary>A Peruvian bank account, paid through Tupay (seed 003).</summary>
/// <param name="DocumentType">CE, CPP, DNI, RUC or PASS.</param>
/// <param name="DocumentId">8 to 12 digits (seed 003).</param>
/// <param name="FirstName">The beneficiary's name.</param>
/// <param name="LastName">The beneficiary's last name, if any.</param>
/// <param name="Cci">The 20-digit interbank account code.</param>
/// <param name="AccountType">"C" checking or "S" savings.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
public sealed record PeruvianBankAccount(
    string DocumentType, string DocumentId, string FirstName, string? LastName, string Cci, string AccountType, string Country = "PE")
    : PayoutRecipient;
