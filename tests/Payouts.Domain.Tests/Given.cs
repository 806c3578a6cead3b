using Payouts.Domain.Amounts;

namespace Payouts.Domain.Tests;

/// <summary>Values shared by the domain tests.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 30, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Later = Now.AddMinutes(5);

    public static Currency Usd => CurrencyOf("USD");

    public static Currency Jpy => CurrencyOf("JPY");

    public static Currency Kwd => CurrencyOf("KWD");

    public static Currency CurrencyOf(string code) => Currency.From(code).Value;

    public static Money Usd10 => Money.FromMinor(1000, Usd);
}
