using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Payouts.Api.Swagger;

/// <summary>
/// PayoutService's operations take a merchant token as a bearer token or as HTTP Basic's user name with an empty
/// password (seed 002: "Bearer or BasicAuth"); every other operation takes a bearer JWT only, as the document says.
/// </summary>
internal sealed class MerchantSecurity : IOperationFilter
{
    public const string Bearer = "bearerAuth";
    public const string Basic = "basicAuth";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId?.StartsWith("PayoutService_", StringComparison.Ordinal) != true)
        {
            return;
        }

        // Requirements in one list are alternatives: either scheme will do.
        operation.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Basic, context.Document)] = [] },
        ];
    }
}
