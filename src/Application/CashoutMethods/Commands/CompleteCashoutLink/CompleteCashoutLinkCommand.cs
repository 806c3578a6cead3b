using Payouts.Application.Common.Messaging;
using Payouts.Domain.Payouts;

namespace Payouts.Application.CashoutMethods.Commands.CompleteCashoutLink;

/// <summary>
/// The provider sent the user back to our callback. The signed <c>state</c> in <see cref="Query"/>
/// says who is linking, so the callback needs no login of its own.
/// </summary>
public sealed record CompleteCashoutLinkCommand(string Provider, IReadOnlyDictionary<string, string> Query) : ICommand<CashoutLinkCompleted>;

/// <param name="Linked">False while the provider still reviews the account: the method stays pending.</param>
public sealed record CashoutLinkCompleted(Provider Provider, bool Linked);
