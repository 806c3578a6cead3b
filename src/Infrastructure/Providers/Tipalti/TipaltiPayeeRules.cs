using System.Text.RegularExpressions;
using Payouts.Application.Common.Providers;

namespace Payouts.Infrastructure.Providers.Tipalti;

/// <summary>A field Tipalti would refuse, found before sending. <see cref="Code"/> names the field, e.g. "invalid_idap".</summary>
internal sealed record TipaltiInvalidField(string Field, string Rule)
{
    public string Code => "invalid_" + Field;
}

/// <summary>
/// Tipalti's limits on payee data (PROVIDERS.md §3.2 and error codes 11, 13, 18, 1001, 1003, 1009), checked
/// before a call so a bad value is refused with the field's name instead of an errorCode from Tipalti.
/// Messages never repeat the value: it is personal data.
/// </summary>
internal static partial class TipaltiPayeeRules
{
    public const int IdapMaxLength = 64;

    public static TipaltiInvalidField? CheckIdap(string? idap) => idap switch
    {
        null or "" => new("idap", "The payee id is required."),
        { Length: > IdapMaxLength } => new("idap", $"The payee id is longer than {IdapMaxLength} characters (IdapMaxLengthExceeded)."),
        _ when idap.Contains(' ', StringComparison.Ordinal) => new("idap", "The payee id contains spaces (IdapContainsSpaces)."),
        _ when !IdapPattern().IsMatch(idap) => new("idap", "The payee id may only hold letters, digits, '-' and '_' (IdapContainsIllegalCharacters)."),
        _ => null,
    };

    /// <summary>Checks <paramref name="payee"/> and finds the PayeeEntityType Tipalti knows its type by.</summary>
    public static TipaltiInvalidField? Check(PayeeDetails payee, TipaltiOptions options, out string entityType)
    {
        entityType = "";
        if (CheckIdap(payee.PayeeId) is { } idap)
        {
            return idap;
        }

        if (!options.PayeeEntityTypes.TryGetValue(payee.PayeeType, out var mapped))
        {
            return new("payee_type", "The payee type must be Individual or Company.");
        }

        entityType = mapped;
        return (payee.PayeeType == PayeeType.Company ? CheckCompany(payee) : CheckIndividual(payee))
            ?? CheckEmail(payee.Email)
            ?? CheckAddress(payee.Address);
    }

    private static TipaltiInvalidField? CheckIndividual(PayeeDetails payee) =>
        Required("first_name", payee.FirstName, "A first name is required for an Individual payee.")
        ?? Required("last_name", payee.LastName, "A last name is required for an Individual payee.")
        ?? Safe("first_name", payee.FirstName)
        ?? Safe("last_name", payee.LastName);

    private static TipaltiInvalidField? CheckCompany(PayeeDetails payee) =>
        Required("company_name", payee.CompanyName, "A company name is required for a Company payee.")
        ?? Safe("company_name", payee.CompanyName)
        ?? Safe("first_name", payee.FirstName)
        ?? Safe("last_name", payee.LastName);

    private static TipaltiInvalidField? CheckEmail(string? email) =>
        email is null || !EmailPattern().IsMatch(email) ? new("email", "A valid e-mail address is required.") : null;

    private static TipaltiInvalidField? CheckAddress(PayeeAddress? address)
    {
        if (address is null)
        {
            return new("address", "An address is required.");
        }

        if (address.Country is not { Length: 2 } country || !country.All(char.IsAsciiLetter))
        {
            return new("country", "The country must be an ISO 3166-1 alpha-2 code (UnknownCountryCode).");
        }

        if (address.State is { } state && (state.Length != 2 || !state.All(char.IsAsciiLetter)))
        {
            return new("state", "The state must be empty or a two-letter code (UnknownState).");
        }

        return Required("street1", address.Street1, "The first address line is required.")
            ?? Required("city", address.City, "The city is required.")
            ?? Ebcdic("street1", address.Street1)
            ?? Ebcdic("street2", address.Street2)
            ?? Ebcdic("city", address.City)
            ?? Ebcdic("zip", address.Zip);
    }

    private static TipaltiInvalidField? Required(string field, string? value, string rule) =>
        string.IsNullOrWhiteSpace(value) ? new(field, rule) : null;

    private static TipaltiInvalidField? Ebcdic(string field, string? value) =>
        value is null || EbcdicSafe().IsMatch(value) ? null
        : new(field, "The text holds characters Tipalti refuses in addresses (StringContainsNonEBCDICCharacters).");

    /// <summary>Names are not covered by error 1009, but markup and control characters in them are never legitimate.</summary>
    private static TipaltiInvalidField? Safe(string field, string? value) =>
        value is null || !value.Any(c => char.IsControl(c) || c is '<' or '>') ? null : new(field, "The name holds characters that are not allowed.");

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdapPattern();

    /// <summary>Error 1009's pattern verbatim. Tipalti runs on .NET, so \w has .NET's Unicode meaning there as here.</summary>
    [GeneratedRegex(@"^[\w\d\/\-\?\:\(\)\.\,\'\+ ]+$")]
    private static partial Regex EbcdicSafe();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
