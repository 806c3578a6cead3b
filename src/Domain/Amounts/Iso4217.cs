using System.Collections.Frozen;

namespace Payouts.Domain.Amounts;

/// <summary>
/// ISO 4217 list one (current currency and funds codes), as published after the 1 January 2026 amendments:
/// XCG replaced ANG (2025), ZWG replaced ZWL (2024), SLE replaced SLL, the euro replaced BGN (2026) and HRK (2023),
/// and XAD (Arab Accounting Dinar) was added. Fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW) stay in,
/// as list one has them.
/// </summary>
/// <remarks>
/// Codes whose minor unit is "N.A." in the standard (XAG, XAU, XBA, XBB, XBC, XBD, XDR, XPD, XPT, XSU, XTS,
/// XUA, XXX: metals, bond-market units, SDR, testing and "no currency") are left out on purpose: with no
/// minor unit there is no integer amount to pay, so <see cref="Currency.From"/> reports them as unknown.
/// Grouped by exponent because 2 is the rule and the other exponents are the exceptions a reviewer checks.
/// </remarks>
internal static class Iso4217
{
    private static readonly string[] NoMinorUnit =
    [
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
        "XAF", "XOF", "XPF",
    ];

    private static readonly string[] Cents =
    [
        "AED", "AFN", "ALL", "AMD", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BMD", "BND",
        "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHE", "CHF", "CHW", "CNY",
        "COP", "COU", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD",
        "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
        "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
        "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR",
        "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "QAR",
        "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP",
        "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "USD",
        "USN", "UYU", "UZS", "VED", "VES", "WST", "XAD", "XCD", "XCG", "YER", "ZAR", "ZMW", "ZWG",
    ];

    private static readonly string[] Mils = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

    private static readonly string[] TenThousandths = ["CLF", "UYW"];

    /// <summary>Active codes with a minor unit, keyed by code.</summary>
    public static FrozenDictionary<string, Currency> Active { get; } =
        NoMinorUnit.Select(code => new Currency(code, 0))
            .Concat(Cents.Select(code => new Currency(code, 2)))
            .Concat(Mils.Select(code => new Currency(code, 3)))
            .Concat(TenThousandths.Select(code => new Currency(code, 4)))
            .ToFrozenDictionary(currency => currency.Code, StringComparer.Ordinal);
}
