using Payouts.Application.Common.Messaging;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Payouts;
using static Payouts.Application.Common.OptionalText;

namespace Payouts.Application.CashoutMethods.Commands.LinkCashoutMethod;

/// <summary>
/// Seed 000's POST /cashout/link. PayPal and Payoneer answer with a URL the user follows to finish
/// at the provider; Tipalti creates (or updates) the payee from <see cref="Payee"/> at once.
/// </summary>
public sealed record LinkCashoutMethodCommand(string CallerId, string Provider, TipaltiPayeeInput? Payee) : ICommand<CashoutLinkResult>;

/// <summary>Seed 000's Tipalti parameters, as given. Tax details and payment method are collected by Tipalti's own onboarding.</summary>
public sealed record TipaltiPayeeInput(
    string PayeeType, string FirstName, string LastName, string CompanyName, string Email, PayeeAddressInput? Address, string Phone);

public sealed record PayeeAddressInput(string Line1, string Line2, string City, string State, string PostalCode, string Country)
{
    public PayeeAddress ToPort() => new(Line1, NullIfEmpty(Line2), City, NullIfEmpty(State), NullIfEmpty(PostalCode), Country);
}

/// <summary>Seed 000's response data: <see cref="Link"/> for PayPal/Payoneer, <see cref="PayeeId"/> for Tipalti.</summary>
public sealed record CashoutLinkResult(string Message, Provider Provider, Uri? Link, string? PayeeId, bool? AlreadyExists);
