using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Payouts.Application.Payouts;
using Payouts.Contracts.V1;
using Payouts.Domain.Payouts.Destinations;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Payouts.Api.Swagger;

/// <summary>
/// What a payout initiation must hold, stated where callers and generated clients read it: the required fields and
/// the limits the use case enforces (PayoutLimits, PeruvianBankAccountRules), so the document and a 400 never
/// disagree. Proto3 itself requires nothing; these are the seeds' rules for this one request.
/// </summary>
internal sealed class InitiationRules : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { } properties } target)
        {
            return;
        }

        if (context.Type == typeof(PayoutInitiation))
        {
            target.Required = new HashSet<string>(["amount", "currency", "type"], StringComparer.Ordinal);
            Limit(properties, "amount", pattern: @"^\d+(\.\d+)?$");
            Limit(properties, "currency", pattern: "^[A-Z]{3}$");
            Limit(properties, "type", values: ["payout"]);
            foreach (var text in new[] { "description", "externalId", "refId", "onBehalfOfId" })
            {
                Limit(properties, text, maxLength: PayoutLimits.MaxTextLength);
            }

            Limit(properties, "redirectUrl", maxLength: PayoutLimits.MaxUrlLength);
            Limit(properties, "webhookUrl", maxLength: PayoutLimits.MaxUrlLength);
        }
        else if (context.Type == typeof(Customer))
        {
            Limit(properties, "id", maxLength: PayoutLimits.MaxTextLength);
            Limit(properties, "name", maxLength: PayoutLimits.MaxTextLength);
        }
        else if (context.Type == typeof(TupayBankAccount))
        {
            target.Required = new HashSet<string>(["country", "documentType", "documentId", "beneficiaryName", "bankAccount", "accountType"], StringComparer.Ordinal);
            Limit(properties, "country", values: [PeruvianBankAccountRules.Country]);
            Limit(properties, "documentType", values: PeruvianBankAccountRules.DocumentTypes);
            Limit(properties, "documentId", pattern: $@"^\d{{{PeruvianBankAccountRules.MinDocumentDigits},{PeruvianBankAccountRules.MaxDocumentDigits}}}$");
            Limit(properties, "beneficiaryName", maxLength: PeruvianBankAccountRules.MaxNameLength);
            Limit(properties, "beneficiaryLastname", maxLength: PeruvianBankAccountRules.MaxNameLength);
            Limit(properties, "bankAccount", pattern: $@"^\d{{{PeruvianBankAccountRules.CciLength}}}$");
            Limit(properties, "accountType", values: PeruvianBankAccountRules.AccountTypes.Order(StringComparer.Ordinal).ToList());
        }
    }

    private static void Limit(
        IDictionary<string, IOpenApiSchema> properties, string name, int? maxLength = null, string? pattern = null, IReadOnlyList<string>? values = null)
    {
        if (!properties.TryGetValue(name, out var property) || property is not OpenApiSchema field)
        {
            throw new InvalidOperationException($"The initiation has no field {name}: InitiationRules is out of date.");
        }

        field.MaxLength = maxLength ?? field.MaxLength;
        field.Pattern = pattern ?? field.Pattern;
        if (values is not null)
        {
            field.Enum = [.. values.Select(v => (JsonNode)v)];
        }
    }
}
