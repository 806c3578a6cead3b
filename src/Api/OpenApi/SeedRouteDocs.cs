using Google.Protobuf.Reflection;
using Microsoft.OpenApi;
using Payouts.Api.Hosting;
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
    // What SeedReply answers for the RPCs' errors (and 500 for an exception); 408 would reach no one, and the seeds'
    // RPCs throw nothing that maps to 501 or 504.
    private static readonly int[] ErrorStatuses = [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError,
        StatusCodes.Status503ServiceUnavailable];

    /// <summary>A seed route that reads a JSON body.</summary>
    internal static RouteHandlerBuilder Documented<TRequest, TResponse>(this RouteHandlerBuilder route, string operationId, string summary, int successStatus = StatusCodes.Status200OK)
        where TRequest : notnull =>
        route.Documented<TResponse>(operationId, summary, successStatus).Accepts<TRequest>("application/json");

    /// <summary>A seed route without a body; <paramref name="query"/> is the message its query string binds.</summary>
    internal static RouteHandlerBuilder Documented<TResponse>(
        this RouteHandlerBuilder route, string operationId, string summary, int successStatus = StatusCodes.Status200OK, MessageDescriptor? query = null)
    {
        // Seed 000 answers its data inside {"status":"success","data":...}, and its errors as {"status":"error",...}.
        var (success, error) = IsSeed000<TResponse>()
            ? (typeof(Seed000Routes.Success<TResponse>), typeof(Seed000Routes.Failure))
            : (typeof(TResponse), typeof(Google.Rpc.Status));
        route.WithName(operationId).WithSummary(summary).WithTags(operationId.Split('_')[0]).Produces(successStatus, success, "application/json")
            .WithMetadata(new SeedRpc(Rpc(operationId)));
        if (successStatus == StatusCodes.Status201Created)
        {
            // Seed 001: a replay (same Idempotency-Key, or same externalId and body) answers the existing payout.
            route.Produces(StatusCodes.Status200OK, success, "application/json");
        }

        foreach (var status in ErrorStatuses)
        {
            route.Produces(status, error, "application/json");
        }

        return query is null ? route : route.WithMetadata(new SeedQuery(query));
    }

    private static bool IsSeed000<TResponse>() => typeof(TResponse).DeclaringType == typeof(Seed000Routes);

    /// <summary><c>seed000</c> for a type <see cref="Seed000Routes"/> declares, and so on; null for any other type.</summary>
    internal static string? SeedOf(System.Type type) => type.DeclaringType is { Name: var name } declaring
        && declaring.Namespace == typeof(SeedRoutes).Namespace && name.StartsWith("Seed", StringComparison.Ordinal) && name.EndsWith("Routes", StringComparison.Ordinal)
        ? name[..^"Routes".Length].ToLowerInvariant()
        : null;

    /// <summary>The RPC a seed route serves, from its operation id (<c>Service_Method</c>, then <c>_2</c>...).</summary>
    private static MethodDescriptor Rpc(string operationId)
    {
        var name = operationId.Split('_');
        return GrpcHostingExtensions.Served.FirstOrDefault(s => s.Name == name[0])?.FindMethodByName(name[1])
            ?? throw new InvalidOperationException($"The operation id {operationId} names no served RPC.");
    }

    /// <summary>The RPC a seed route serves, whose proto comment describes it (<see cref="RpcComments"/>).</summary>
    internal sealed record SeedRpc(MethodDescriptor Method);

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
