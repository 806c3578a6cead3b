using Payouts.Application.Balances.Commands.CreditBalance;
using Payouts.Application.Cashouts.Commands.ProcessCashout;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>Requests with sensible defaults, so each test states only what it is about.</summary>
public static class Commands
{
    public const string Service = "svc-earnings";

    public static ProcessCashoutCommand Cashout(string user, long? amount = 1_000, string type = "paypal", string provider = "", string currency = "", string? key = null) =>
        new(user, type, amount, provider, currency, key);

    public static CreditBalanceCommand Credit(string user, long amount, string reference = "earning-1", string currency = "USD", string? key = null) =>
        new(Service, user, amount, currency, reference, key);
}
