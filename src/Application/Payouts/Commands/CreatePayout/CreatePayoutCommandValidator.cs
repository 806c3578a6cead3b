using System.Text.Json;
using Payouts.Application.Common;
using Payouts.Application.Common.Providers;
using Payouts.Domain.Amounts;
using Payouts.Domain.Common;
using Payouts.Domain.Payouts.Destinations;
using Payouts.Domain.Payouts;
using static Payouts.Application.Common.OptionalText;

namespace Payouts.Application.Payouts.Commands.CreatePayout;

/// <summary>
/// Every rule and limit of seed 001 (and seed 002's refId), each violation naming its field as the merchant wrote it. A
/// valid request parses into its amount as Money, its URLs and its recipient.
/// </summary>
internal sealed class CreatePayoutCommandValidator(PayoutPolicy policy) : IValidator<CreatePayoutCommand, ParsedPayout>
{
    public const int MaxTextLength = PayoutLimits.MaxTextLength;
    public const int MaxUrlLength = PayoutLimits.MaxUrlLength;
    public const int MaxMetadataBytes = PayoutLimits.MaxMetadataBytes;
    /// <summary>No seed limits refId; callers use UUIDs and underscores, so anything printable that fits the other texts.</summary>
    public const int MaxRefIdLength = MaxTextLength;

    public Result<ParsedPayout> Parse(CreatePayoutCommand command)
    {
        var missing = new List<FieldViolation>();
        Require(missing, "amount", command.Amount);
        Require(missing, "currency", command.Currency);
        if (missing.Count > 0)
        {
            return Error.Validation("payout.missing_parameters", $"Missing required parameters: {string.Join(", ", missing.Select(m => m.Field))}", [.. missing]);
        }

        if (command.Type != PayoutTypes.MerchantPayout)
        {
            return Error.Validation("payout.invalid_type", "type must be \"payout\": this service only makes payouts",
                new FieldViolation("type", command.Type.Length == 0 ? "is required: the default \"payin\" is not supported here" : "must be \"payout\""));
        }

        var violations = new List<FieldViolation>();
        var amount = ParseMoney(command, violations);
        CheckLength(violations, "description", command.Description, MaxTextLength);
        CheckLength(violations, "externalId", command.ExternalId, MaxTextLength);
        CheckLength(violations, "customer.id", command.CustomerId, MaxTextLength);
        CheckLength(violations, "customer.name", command.CustomerName, MaxTextLength);
        CheckLength(violations, "onBehalfOfId", command.OnBehalfOfId, MaxTextLength);
        CheckRefId(violations, command.RefId);
        var redirectUrl = MerchantUrl(violations, "redirectUrl", command.RedirectUrl);
        var webhookUrl = MerchantUrl(violations, "webhookUrl", command.WebhookUrl);
        CheckMetadata(violations, command.MetadataJson);
        CheckDestination(violations, command.Destination);
        CheckProviderCurrency(violations, command);
        if (violations.Count > 0 || amount is not { } money)
        {
            return Error.Validation("payout.invalid_parameters", $"Invalid parameters: {string.Join(", ", violations.Select(v => v.Field).Distinct())}", [.. violations]);
        }

        // CheckDestination accepted the destination's provider by now.
        var provider = command.Destination is { Provider: var name } ? ProviderNames.Parse(name) : (Provider?)null;
        return new ParsedPayout(money, provider, RecipientOf(command.Destination), redirectUrl, webhookUrl);
    }

    /// <summary>Seed 001: a decimal string with a dot, exact: "10.005" EUR is refused, never rounded.</summary>
    private static Money? ParseMoney(CreatePayoutCommand command, List<FieldViolation> violations)
    {
        var currency = Currency.From(command.Currency);
        if (!currency.IsSuccess)
        {
            violations.Add(new FieldViolation("currency", "must be an active ISO 4217 code in three capital letters, e.g. \"EUR\""));
            return null;
        }

        var money = Money.Parse(command.Amount, currency.Value);
        if (!money.IsSuccess)
        {
            violations.Add(new FieldViolation("amount", $"must be a decimal string with a dot and at most {currency.Value.Exponent} decimals for {command.Currency}, e.g. \"10.00\""));
            return null;
        }

        if (money.Value.Minor <= 0)
        {
            violations.Add(new FieldViolation("amount", "must be greater than zero"));
            return null;
        }

        return money.Value;
    }

    private static void CheckMetadata(List<FieldViolation> violations, string? json)
    {
        if (json is null)
        {
            return;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(json) > MaxMetadataBytes)
        {
            violations.Add(new FieldViolation("metadata", $"must be at most {MaxMetadataBytes} bytes as sent, without whitespace"));
            return;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Null)
            {
                violations.Add(new FieldViolation($"metadata.{property.Name}", "arrays and null values are not allowed at the root"));
            }
        }
    }

    private static void CheckDestination(List<FieldViolation> violations, PayoutDestinationInput? destination)
    {
        switch (destination)
        {
            case PeruvianBankAccountInput bank:
                if (bank.Country != PeruvianBankAccountRules.Country)
                {
                    violations.Add(new FieldViolation("destination.tupayBankAccount.country", $"must be \"{PeruvianBankAccountRules.Country}\""));
                }

                violations.AddRange(PeruvianBankAccountRules
                    .Validate(bank.DocumentType, bank.DocumentId, bank.BeneficiaryName, NullIfEmpty(bank.BeneficiaryLastName), bank.BankAccount, bank.AccountType)
                    .Select(v => v with { Field = "destination.tupayBankAccount." + JsonName(v.Field) }));
                break;
            case LinkedPayeeInput payee:
                if (!ProviderNames.TryParse(payee.PayeeProvider, out var linked) || linked is not (Provider.Payoneer or Provider.Tipalti))
                {
                    violations.Add(new FieldViolation("destination.linkedPayee.provider", "must be \"payoneer\" or \"tipalti\""));
                }

                if (string.IsNullOrWhiteSpace(payee.PayeeId) || payee.PayeeId.Length > 64)
                {
                    violations.Add(new FieldViolation("destination.linkedPayee.payeeId", "is required, at most 64 characters"));
                }

                break;
            case PayPalEmailInput paypal:
                if (!PayPalEmailRules.IsValid(paypal.Email))
                {
                    violations.Add(new FieldViolation("destination.paypal.email", $"must be an e-mail address of at most {PayPalEmailRules.MaxLength} characters"));
                }

                break;
        }
    }

    private static PayoutRecipient? RecipientOf(PayoutDestinationInput? destination) => destination switch
    {
        null => null,
        PeruvianBankAccountInput bank => new PeruvianBankAccount(
            bank.DocumentType, bank.DocumentId, bank.BeneficiaryName, NullIfEmpty(bank.BeneficiaryLastName), bank.BankAccount, bank.AccountType, bank.Country),
        LinkedPayeeInput payee => new ProviderAccount(payee.PayeeId),
        PayPalEmailInput paypal => new EmailAddress(paypal.Email),
        _ => throw new ArgumentOutOfRangeException(nameof(destination), destination.GetType().Name, "No recipient for this destination."),
    };

    /// <summary>A destination whose provider cannot pay the currency would be reserved, then refused at dispatch.</summary>
    private void CheckProviderCurrency(List<FieldViolation> violations, CreatePayoutCommand command)
    {
        if (command.Destination is { Provider: var name } && ProviderNames.TryParse(name, out var provider) && !policy.Pays(provider, command.Currency))
        {
            violations.Add(new FieldViolation("currency", $"{command.Currency} cannot be paid to this destination ({name})"));
        }
    }

    /// <summary>
    /// The rules name seed 003's fields (document_type) for the hosted form; a merchant sent them in the API's JSON
    /// spelling (documentType), as every other field this validator names: proto3 JSON's rule, underscore then capital.
    /// </summary>
    private static string JsonName(string protoName)
    {
        var parts = protoName.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static void CheckRefId(List<FieldViolation> violations, string refId)
    {
        // Printable: a control character in a reference is a bug in the caller, and would corrupt logs and CSV exports.
        if (refId.Length > MaxRefIdLength || refId.Any(char.IsControl))
        {
            violations.Add(new FieldViolation("refId", $"must be at most {MaxRefIdLength} printable characters"));
        }
    }

    /// <summary>The URL, or null when none was given or it breaks seed 001's rule (then with its violation).</summary>
    private Uri? MerchantUrl(List<FieldViolation> violations, string field, string url)
    {
        if (url.Length == 0)
        {
            return null;
        }

        if (MerchantUrls.TryParse(url, policy, out var parsed))
        {
            return parsed;
        }

        violations.Add(new FieldViolation(field, MerchantUrls.Rule));
        return null;
    }

    private static void CheckLength(List<FieldViolation> violations, string field, string value, int max)
    {
        if (value.Length > max)
        {
            violations.Add(new FieldViolation(field, $"must be at most {max} characters"));
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

/// <summary>What a valid CreatePayout request parses into.</summary>
/// <param name="Provider">The destination's provider; null without a destination (the recipient fills the hosted form).</param>
/// <param name="Recipient">Where to pay; null without a destination.</param>
internal sealed record ParsedPayout(Money Amount, Provider? Provider, PayoutRecipient? Recipient, Uri? RedirectUrl, Uri? WebhookUrl);
