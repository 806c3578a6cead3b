using System.Net.Mail;
using Payouts.Application.Common;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts;
using static Payouts.Application.Common.OptionalText;

namespace Payouts.Application.CashoutMethods.Commands.LinkCashoutMethod;

/// <summary>
/// Seed 000's link rules: a known provider, and for Tipalti the payee fields it requires, which then parse into the
/// payee as Tipalti is sent it (null for the providers the user links at their own site).
/// </summary>
internal sealed class LinkCashoutMethodCommandValidator : IValidator<LinkCashoutMethodCommand, ParsedLink>
{
    public static readonly Provider[] Providers = [Provider.PayPal, Provider.Payoneer, Provider.Tipalti];

    public Result<ParsedLink> Parse(LinkCashoutMethodCommand command)
    {
        if (string.IsNullOrEmpty(command.Provider))
        {
            return Error.Validation("link.missing_provider", "Missing required parameter: provider", new FieldViolation("provider", "is required"));
        }

        if (!ProviderNames.TryParse(command.Provider, out var provider) || !Providers.Contains(provider))
        {
            return Error.Validation("link.invalid_provider", "Invalid provider",
                new FieldViolation("provider", $"must be one of: {string.Join(", ", Providers.Select(ProviderNames.Of))}"));
        }

        if (provider != Provider.Tipalti)
        {
            return new ParsedLink(provider, null);
        }

        var payee = ParsePayee(command.CallerId, command.Payee);
        return payee.IsSuccess ? new ParsedLink(provider, payee.Value) : payee.Error;
    }

    private static Result<PayeeDetails> ParsePayee(string callerId, TipaltiPayeeInput? payee)
    {
        payee ??= new TipaltiPayeeInput("", "", "", "", "", null, "");
        var type = PayeeTypeOf(payee.PayeeType);
        var company = type == PayeeType.Company;
        var missing = new List<FieldViolation>();
        Require(missing, "email", payee.Email);
        if (company)
        {
            Require(missing, "companyName", payee.CompanyName);
        }
        else
        {
            Require(missing, "firstName", payee.FirstName);
            Require(missing, "lastName", payee.LastName);
        }

        if (payee.Address is null)
        {
            missing.Add(new FieldViolation("address", "is required"));
        }
        else
        {
            Require(missing, "address.line1", payee.Address.Line1);
            Require(missing, "address.city", payee.Address.City);
            Require(missing, "address.country", payee.Address.Country);
        }

        if (missing.Count > 0 || payee.Address is not { } address)
        {
            return Error.Validation("link.missing_payee_fields", $"Missing required parameters: {string.Join(", ", missing.Select(m => m.Field))}", [.. missing]);
        }

        var invalid = Invalid(payee, type, address).ToList();
        if (invalid.Count > 0 || type is not { } payeeType)
        {
            return Error.Validation("link.invalid_payee_fields", $"Invalid parameters: {string.Join(", ", invalid.Select(m => m.Field))}", [.. invalid]);
        }

        // Our id for the user at Tipalti, so linking again updates the same payee.
        return new PayeeDetails(
            ProviderAccountIds.For(callerId),
            payeeType,
            NullIfEmpty(payee.FirstName),
            NullIfEmpty(payee.LastName),
            NullIfEmpty(payee.CompanyName),
            payee.Email,
            address.ToPort(),
            NullIfEmpty(payee.Phone));
    }

    /// <summary>Seed 000's payeeType, exactly as spelled there; empty is its default, Individual. Null for anything else.</summary>
    private static PayeeType? PayeeTypeOf(string text) => text switch
    {
        "" or nameof(PayeeType.Individual) => PayeeType.Individual,
        nameof(PayeeType.Company) => PayeeType.Company,
        _ => null,
    };

    private static IEnumerable<FieldViolation> Invalid(TipaltiPayeeInput payee, PayeeType? type, PayeeAddressInput address)
    {
        if (type is null)
        {
            yield return new FieldViolation("payeeType", "must be \"Individual\" or \"Company\"");
        }

        if (payee.Email.Length > 254 || !MailAddress.TryCreate(payee.Email, out var parsed) || parsed.Address != payee.Email)
        {
            yield return new FieldViolation("email", "must be a valid email address of at most 254 characters");
        }

        (string Field, string Value, int Max)[] limits =
        [
            ("firstName", payee.FirstName, 100), ("lastName", payee.LastName, 100), ("companyName", payee.CompanyName, 200),
            ("phone", payee.Phone, 30), ("address.line1", address.Line1, 200), ("address.line2", address.Line2, 200),
            ("address.city", address.City, 100), ("address.state", address.State, 50), ("address.postalCode", address.PostalCode, 20),
        ];
        foreach (var (field, value, max) in limits.Where(l => l.Value.Length > l.Max))
        {
            yield return new FieldViolation(field, $"must be at most {max} characters");
        }

        if (address.Country.Length != 2 || !address.Country.All(char.IsAsciiLetterUpper))
        {
            yield return new FieldViolation("address.country", "must be an ISO 3166-1 alpha-2 code, two capital letters");
        }
    }

    private static void Require(List<FieldViolation> missing, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add(new FieldViolation(field, "is required"));
        }
    }
}

/// <summary>A valid link request: the provider, and for Tipalti the payee as Tipalti is sent it (null for the others).</summary>
internal sealed record ParsedLink(Provider Provider, PayeeDetails? Payee);
