using Payouts.Application.Balances.Commands.CreditBalance;
using Payouts.Application.Cashouts.Commands.ProcessCashout;
using Payouts.Application.Payouts.Commands.CreatePayout;

namespace Payouts.Application.Tests.Infrastructure;

/// <summary>Requests with sensible defaults, so each test states only what it is about.</summary>
public static class Commands
{
    public const string Service = "svc-earnings";

    public static ProcessCashoutCommand Cashout(string user, long? amount = 1_000, string type = "paypal", string provider = "", string currency = "", string? key = null) =>
        new(user, type, amount, provider, currency, key);

    public static CreditBalanceCommand Credit(string user, long amount, string reference = "earning-1", string currency = "USD", string? key = null) =>
        new(Service, user, amount, currency, reference, key);

    public const string Merchant = "merchant-1";

    /// <summary>A valid seed 001 payout of 10.00 EUR with no destination; tests change what they are about.</summary>
    public static CreatePayoutCommand Payout(string amount = "10.00", string currency = "EUR", string merchant = Merchant) =>
        new(merchant, amount, currency, "payout", "Order #1456", """{"orderId":1456}""", "", "https://merchant.example/return",
            "https://merchant.example/webhooks", "cust-1", "User Name", "", "", null, null);

    public static PeruvianBankAccountInput PeruvianAccount() =>
        new("PE", "DNI", "12345678", "Ana", "Quispe", "00219300153895206813", "C");
}
