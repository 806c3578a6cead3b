using Google.Protobuf.Reflection;
using Microsoft.OpenApi;
using Payouts.Api.Rest;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Payouts.Api.OpenApi;

/// <summary>
/// How a seed route is documented: the RPC's operation id and tag, its request body (the proto message it reads),
/// and the JSON types it answers, success and error, so a client generated from the document expects exactly what
/// the endpoint writes.
/// </summary>
public static class SeedRouteDocs
{
    private static readonly int[] ErrorStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable];

    /// <summary>A seed route that reads a JSON body.</summary>
    internal static RouteHandlerBuilder Documented<TRequest, TResponse>(this RouteHandlerBuilder route, string operationId, string summary, int successStatus = StatusCodes.Status200OK)
        where TRequest : notnull =>
        route.Documented<TResponse>(operationId, summary, successStatus).Accepts<TRequest>("application/json");

    /// <summary>A seed route without a body; <paramref name="query"/> is the message its query string binds.</summary>
    internal static RouteHandlerBuilder Documented<TResponse>(
        this RouteHandlerBuilder route, string operationId, string summary, int successStatus = StatusCodes.Status200OK, MessageDescriptor? query = null)
    {
        route.WithName(operationId).WithSummary(summary).WithTags(operationId.Split('_')[0]).Produces<TResponse>(successStatus);
        if (successStatus == StatusCodes.Status201Created)
        {
            // Seed 001: a replay (same Idempotency-Key, or same externalId and body) answers the existing payout.
            route.Produces<TResponse>(StatusCodes.Status200OK);
        }

        var error = typeof(TResponse).DeclaringType == typeof(Seed000Routes) ? typeof(Seed000Routes.Failure) : typeof(Google.Rpc.Status);
        foreach (var status in ErrorStatuses)
        {
            route.Produces(status, error, "application/json");
        }

        return query is null ? route : route.WithMetadata(new SeedQuery(query));
    }

    /// <summary>The message a seed route's query string binds, field by field (<see cref="SeedRequest.Query{T}"/>).</summary>
    internal sealed record SeedQuery(MessageDescriptor Message);

    /// <summary>One query parameter per bindable field of a route's <see cref="SeedQuery"/>, by its JSON name.</summary>
    internal sealed class QueryParameters : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<SeedQuery>().FirstOrDefault() is not { } query)
            {
                return;
            }

            operation.Parameters ??= [];
            foreach (var field in query.Message.Fields.InDeclarationOrder().Where(FieldPaths.IsTextLeaf))
            {
                var schema = ScalarSchema(field);
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = field.JsonName,
                    In = ParameterLocation.Query,
                    Schema = field.IsRepeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
                    Explode = field.IsRepeated,
                });
            }
        }

        private static OpenApiSchema ScalarSchema(FieldDescriptor field) => field.FieldType switch
        {
            FieldType.Bool => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            FieldType.Enum => new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. LegacyPayout.FilterNames(field.EnumType).Select(n => (System.Text.Json.Nodes.JsonNode)n)],
            },
            _ => new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }
}
