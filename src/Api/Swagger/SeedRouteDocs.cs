using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.OpenApi;
using Payouts.Api.Hosting;
using Payouts.Api.Rest;
using Payouts.Application.Payouts;
using Payouts.Contracts.V1;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Payouts.Api.Swagger;

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
        where TRequest : IMessage<TRequest>, new()
    {
        route.Documented<TResponse>(operationId, summary, successStatus).Accepts<TRequest>("application/json");
        return IsSeed000<TResponse>() ? route.WithMetadata(new NumbersBody(new TRequest().Descriptor)) : route;
    }

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

    /// <summary>A seed 000 body: its callers send 64-bit integers as JSON numbers (the parser takes numbers and strings).</summary>
    internal sealed record NumbersBody(MessageDescriptor Message);

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

                // Seed 002: "limit required integer <int32> [ 1 .. 200 ]"; the other filters are optional.
                var isLimit = field == ListPayoutsRequest.Descriptor.FindFieldByName("limit");
                if (isLimit)
                {
                    (schema.Minimum, schema.Maximum) = ("1", PayoutLimits.MaxListLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = field.JsonName,
                    In = ParameterLocation.Query,
                    Required = isLimit,
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
                Enum = [.. LegacyPayout.FilterNames(field.EnumType).Select(n => (JsonNode)n)],
            },
            _ => new OpenApiSchema { Type = JsonSchemaType.String },
        };
    }

    /// <summary>
    /// What the route metadata cannot say: which of seed 001's two successes is a replay, and seed 000's request
    /// bodies with 64-bit integers as numbers.
    /// </summary>
    internal sealed class SeedOperations : IOperationFilter
    {
        private const string Json = "application/json";

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (operation.Responses is { } responses && responses.TryGetValue("201", out var created) && created is OpenApiResponse createdNow
                && responses.TryGetValue("200", out var replay) && replay is OpenApiResponse ok)
            {
                createdNow.Description = "Created: this request created the payout.";
                ok.Description = "A replay (the same Idempotency-Key; the same externalId and body; or, without a key, the same body within 24 h): the payout an earlier request created.";
            }

            if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<NumbersBody>().FirstOrDefault() is { } body
                && operation.RequestBody?.Content?.TryGetValue(Json, out var media) == true && media is OpenApiMediaType type)
            {
                type.Schema = WithNumbers(body.Message, context.SchemaRepository);
            }
        }

        /// <summary>
        /// The message's schema with its 64-bit integer fields as JSON integers: a copy named <c>seed000.</c> plus the
        /// message name, so the proto message's own schema (strings, as transcoding writes) stays as it is. Top-level
        /// fields only, as the seed's bodies have them; a nested one stays documented as a string, which is also read.
        /// </summary>
        private static OpenApiSchemaReference WithNumbers(MessageDescriptor message, SchemaRepository schemas)
        {
            var numbers = message.Fields.InDeclarationOrder().Where(ProtoJsonSchemas.Is64Bit).ToList();
            var id = numbers.Count == 0 ? message.FullName : "seed000." + message.Name;
            if (!schemas.Schemas.ContainsKey(id))
            {
                var proto = (OpenApiSchema)schemas.Schemas[message.FullName];
                var copy = (OpenApiSchema)proto.CreateShallowCopy();
                copy.Properties = new Dictionary<string, IOpenApiSchema>(proto.Properties ?? new Dictionary<string, IOpenApiSchema>());
                foreach (var field in numbers)
                {
                    var number = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" };
                    var documented = field.IsRepeated ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = number } : number;
                    documented.Description = copy.Properties[field.JsonName].Description;
                    copy.Properties[field.JsonName] = documented;
                }

                schemas.AddDefinition(id, copy);
            }

            return new OpenApiSchemaReference(id);
        }
    }

    /// <summary>
    /// The seeds' types as <see cref="SeedReply.Json"/> writes them: a property that is not nullable is always there
    /// (required), and a nullable one is left out rather than written as null. Left to itself, Swashbuckle documents
    /// every reference-typed property of these records as nullable and optional.
    /// </summary>
    internal sealed class SeedJson : ISchemaFilter
    {
        // A copy, so reading contracts here never locks or changes the options the endpoints write with.
        private static readonly JsonSerializerOptions Contracts = new(SeedReply.Json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (SeedOf(context.Type) is null || schema is not OpenApiSchema { Properties: { } properties } target)
            {
                return;
            }

            target.Required ??= new SortedSet<string>(StringComparer.Ordinal);
            foreach (var property in Contracts.GetTypeInfo(context.Type).Properties)
            {
                if (properties.TryGetValue(property.Name, out var documented) && documented is OpenApiSchema value)
                {
                    value.Type &= ~JsonSchemaType.Null;
                }

                if (!property.IsGetNullable)
                {
                    target.Required.Add(property.Name);
                }
            }
        }
    }

    /// <summary>
    /// A seed's JSON property that takes only some values (<see cref="AllowedValuesAttribute"/> on the record) is
    /// documented as an enum, so a generated client knows them. Swashbuckle reads the other data annotations, not this one.
    /// </summary>
    internal sealed class AllowedValues : ISchemaFilter
    {
        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (context.MemberInfo?.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed && schema is OpenApiSchema values)
            {
                values.Enum = [.. allowed.Values.OfType<string>().Select(v => (JsonNode)v)];
            }
        }
    }
}
