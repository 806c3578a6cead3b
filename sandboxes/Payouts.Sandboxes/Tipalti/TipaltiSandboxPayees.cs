using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Payouts.Sandboxes.Common;
using Payouts.Sandboxes.State;

namespace Payouts.Sandboxes.Tipalti;

/// <summary>Payee functions: UpdateOrCreatePayeeInfo (an upsert by idap) and GetPayeeDetails, on the payees the sandbox holds.</summary>
internal sealed partial class TipaltiSandboxPayees(SandboxContext context, TipaltiSandboxAuth auth)
{
    private static readonly string[] ItemFields =
        ["FirstName", "LastName", "Street1", "Street2", "City", "State", "Zip", "Country", "Email", "Alias", "Company", "PayeeEntityType", "MiddleName"];

    /// <summary>The fields error 1009 (StringContainsNonEBCDICCharacters) applies to.</summary>
    private static readonly string[] AddressFields = ["Street1", "Street2", "City", "Zip"];

    private static readonly HashSet<string> EntityTypes = new(StringComparer.Ordinal) { "Individual", "Company" };

    /// <summary>OFAC-style countries Tipalti will not pay into (error 1002).</summary>
    private static readonly HashSet<string> UnsupportedCountries = new(StringComparer.Ordinal) { "CU", "IR", "KP", "SY" };

    /// <summary>Each payee's fields by idap; a change replaces the whole dictionary, so one read is never half-changed.</summary>
    private readonly DurableTable<Dictionary<string, string>> _payees = context.State.Table<Dictionary<string, string>>("payee");

    public bool Exists(string idap) => _payees.Contains(idap);

    /// <summary>A copy of the payee's fields (item element names), or null.</summary>
    public IReadOnlyDictionary<string, string>? Find(string idap) =>
        _payees.TryGet(idap, out var fields) ? new Dictionary<string, string>(fields, StringComparer.Ordinal) : null;

    public IResult UpdateOrCreatePayeeInfo(XElement function)
    {
        const string Name = "UpdateOrCreatePayeeInfo";
        var item = function.Element(TipaltiSoap.Ns + "item") ?? new XElement(TipaltiSoap.Ns + "item");
        var street1 = TipaltiSoap.Text(item, "Street1");
        if (auth.Check(function, signsIdap: true, string.IsNullOrEmpty(street1) ? null : street1) is { } refused)
        {
            return TipaltiSoap.Reply(Name, refused.Code, refused.Message);
        }

        var idap = TipaltiSoap.Text(function, "idap") ?? "";
        var sent = ItemFields.ToDictionary(f => f, f => TipaltiSoap.Text(item, f), StringComparer.Ordinal);
        if ((CheckIdap(idap) ?? CheckItem(sent)) is { } invalid)
        {
            return TipaltiSoap.Reply(Name, invalid.Code, invalid.Message);
        }

        var skipNulls = TipaltiSoap.Text(function, "skipNulls") is "true" or "1";
        return context.State.Change(() =>
        {
            var merged = _payees.TryGet(idap, out var existing) ? new Dictionary<string, string>(existing, StringComparer.Ordinal) : [];
            foreach (var (field, value) in sent)
            {
                if (value is not null)
                {
                    merged[field] = value;
                }
                else if (!skipNulls)
                {
                    merged.Remove(field);
                }
            }

            if (CheckComplete(merged) is { } incomplete)
            {
                return TipaltiSoap.Reply(Name, incomplete.Code, incomplete.Message);
            }

            _payees.Put(idap, merged);
            return TipaltiSoap.Reply(Name, "OK", "OK", new XElement(TipaltiSoap.Ns + "b", "true"));
        });
    }

    public IResult GetPayeeDetails(XElement function)
    {
        const string Name = "GetPayeeDetails";
        if (auth.Check(function, signsIdap: true, eat: null) is { } refused)
        {
            return TipaltiSoap.Reply(Name, refused.Code, refused.Message);
        }

        if (Find(TipaltiSoap.Text(function, "idap") ?? "") is not { } payee)
        {
            return TipaltiSoap.Reply(Name, "PayeeUnknown", "PayeeUnknown", new XElement(TipaltiSoap.Ns + "PaymentMethod", "NoPM"));
        }

        string Field(string name) => payee.GetValueOrDefault(name, "");
        return TipaltiSoap.Reply(
            Name,
            "OK",
            "OK",
            new XElement(TipaltiSoap.Ns + "Name", $"{Field("FirstName")} {Field("LastName")}".Trim()),
            new XElement(TipaltiSoap.Ns + "CompanyName", Field("Company")),
            new XElement(TipaltiSoap.Ns + "Alias", Field("Alias")),
            new XElement(TipaltiSoap.Ns + "Address", string.Join(", ", new[] { Field("Street1"), Field("Street2"), Field("City"), Field("State"), Field("Zip"), Field("Country") }.Where(s => s.Length > 0))),
            new XElement(TipaltiSoap.Ns + "PaymentMethod", "Check"),
            new XElement(TipaltiSoap.Ns + "Email", Field("Email")),
            new XElement(TipaltiSoap.Ns + "PayeeEntityType", Field("PayeeEntityType")));
    }

    /// <summary>Tipalti's idap rules: error codes 11, 13 and 18.</summary>
    public static TipaltiError? CheckIdap(string idap) => idap switch
    {
        "" => new("ParameterError", "Invalid payee id"),
        { Length: > 64 } => new("IdapMaxLengthExceeded", "Idap max length exceeded"),
        _ when idap.Contains(' ', StringComparison.Ordinal) => new("IdapContainsSpaces", "Idap contains spaces"),
        _ when !IdapPattern().IsMatch(idap) => new("IdapContainsIllegalCharacters", "Idap contains illegal characters"),
        _ => null,
    };

    private static TipaltiError? CheckItem(Dictionary<string, string?> item)
    {
        if (item["Country"] is { } country && !(country.Length == 2 && country.All(char.IsAsciiLetterUpper)))
        {
            return new("UnknownCountryCode", "Unknown country code");
        }

        if (item["Country"] is { } blocked && UnsupportedCountries.Contains(blocked))
        {
            return new("CountryNotSupported", "Country not supported");
        }

        if (item["State"] is { Length: > 0 } state && !(state.Length == 2 && state.All(char.IsAsciiLetterUpper)))
        {
            return new("UnknownState", "Unknown state");
        }

        if (AddressFields.Any(f => item[f] is { } text && !EbcdicSafe().IsMatch(text)))
        {
            return new("StringContainsNonEBCDICCharacters", "String contains non EBCDIC characters");
        }

        return item["PayeeEntityType"] is { } type && !EntityTypes.Contains(type) ? new("ParameterError", "Invalid payee entity type") : null;
    }

    private static TipaltiError? CheckComplete(Dictionary<string, string> payee)
    {
        if (payee.GetValueOrDefault("PayeeEntityType") == "Company")
        {
            return string.IsNullOrWhiteSpace(payee.GetValueOrDefault("Company")) ? new("ParameterError", "Invalid payee company name") : null;
        }

        return string.IsNullOrWhiteSpace(payee.GetValueOrDefault("FirstName")) ? new("ParameterError", "Invalid payee first name")
            : string.IsNullOrWhiteSpace(payee.GetValueOrDefault("LastName")) ? new("ParameterError", "Invalid payee last name")
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdapPattern();

    [GeneratedRegex(@"^[\w\d\/\-\?\:\(\)\.\,\'\+ ]+$")]
    private static partial Regex EbcdicSafe();
}
