using System.Reflection;
using System.Xml;
using System.Xml.XPath;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;

namespace Payouts.Api.Swagger;

/// <summary>
/// The OpenAPI document of the REST routes at <c>/openapi.json</c>, with Swagger UI at <c>/swagger</c>: transcoded
/// routes described by Microsoft.AspNetCore.Grpc.Swagger from the proto descriptors and comments, the seeds' routes
/// from the types their endpoints answer (<see cref="SeedRouteDocs"/>). Generated at start-up from what is served,
/// so it cannot drift from it.
/// </summary>
public static class OpenApiExtensions
{
    public const string Path = "/openapi.json";
    private const string Document = "openapi";
    private const string Security = MerchantSecurity.Bearer;

    public static IServiceCollection AddPayoutsOpenApi(this IServiceCollection services)
    {
        // Grpc.Swagger describes only transcoded routes; the seeds' routes are minimal API endpoints, which only the
        // endpoints' API explorer lists.
        services.AddEndpointsApiExplorer();
        services.AddGrpcSwagger();
        services.AddSwaggerGen(c =>
        {
            c.SwaggerDoc(Document, new OpenApiInfo { Title = "Payouts", Version = "v1" });

            // The REST API only: the hosted form, link callbacks and provider notifications are pages and webhooks for
            // browsers and providers, which take no bearer token and no generated client.
            c.DocInclusionPredicate((_, route) => route.ActionDescriptor.EndpointMetadata.Any(m => m is GrpcJsonTranscodingMetadata or SeedRouteDocs.SeedRpc));

            // Proto comments, which Grpc.Tools writes into the generated code's XML documentation. (Grpc.Swagger's own
            // IncludeGrpcXmlComments was built against Swashbuckle 6 and fails to load with 10: TypeLoadException.)
            // Swashbuckle's reader covers messages and fields; RpcComments covers the RPCs, which it cannot find.
            using var xml = XmlReader.Create(System.IO.Path.Combine(AppContext.BaseDirectory, "Payouts.Api.xml"));
            var comments = new XPathDocument(xml);
            c.IncludeXmlComments(() => comments);
            c.OperationFilter<RpcComments>(comments);

            c.CustomSchemaIds(SchemaId);
            c.CustomOperationIds(OperationId);
            c.SchemaFilter<ProtoJsonSchemas.Messages>();
            c.OperationFilter<ProtoJsonSchemas.Parameters>();
            c.SchemaFilter<SeedRouteDocs.SeedJson>();
            c.SchemaFilter<SeedRouteDocs.AllowedValues>();
            c.SchemaFilter<InitiationRules>();
            c.OperationFilter<SeedRouteDocs.QueryParameters>();
            c.OperationFilter<SeedRouteDocs.SeedOperations>();
            c.AddSecurityDefinition(Security, new OpenApiSecurityScheme
            {
                // No bearerFormat: merchant tokens are opaque, not JWTs.
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A JWT for users and services (CashoutService, LinkService), or a merchant token (tk_...) for PayoutService.",
            });
            c.AddSecurityDefinition(MerchantSecurity.Basic, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "A merchant token (tk_...) as the user name and an empty password, e.g. curl -u \"$MERCHANT_TOKEN:\". PayoutService only.",
            });
            c.AddSecurityRequirement(document => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Security, document)] = [] });
            c.OperationFilter<MerchantSecurity>();
        });
        return services;
    }

    /// <summary>The document as an endpoint and the UI behind a path check, so gRPC calls never pass through either.</summary>
    public static WebApplication MapPayoutsOpenApi(this WebApplication app)
    {
        app.MapSwagger("/{documentName}.json");
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/swagger", StringComparison.Ordinal), ui => ui.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint(Path, "Payouts v1");
            o.RoutePrefix = "swagger";
        }));
        return app;
    }

    /// <summary>
    /// Transcoded routes are <c>Service_Method</c> (<c>_2</c>, <c>_3</c>... for additional bindings), as the seeds'
    /// routes name themselves with <c>WithName</c>: a generated client's method names follow the RPCs.
    /// </summary>
    private static string? OperationId(ApiDescription description)
    {
        var metadata = description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is not { } route)
        {
            return metadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        }

        var rpc = route.MethodDescriptor;
        var binding = rpc.GetOptions()?.GetExtension(AnnotationsExtensions.Http)?.AdditionalBindings.IndexOf(route.HttpRule) ?? -1;
        return $"{rpc.Service.Name}_{rpc.Name}" + (binding < 0 ? "" : $"_{binding + 2}");
    }

    /// <summary>
    /// Proto messages by their full name (<c>google.rpc.Status</c>, <c>payouts.v1.Payout</c>) and the seeds' types by
    /// their seed (<c>seed002.Paging</c>): short CLR names collide (payouts.v1.Paging and seed 002's Paging).
    /// </summary>
    private static string SchemaId(Type type)
    {
        if (typeof(IMessage).IsAssignableFrom(type)
            && type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is MessageDescriptor message)
        {
            return message.FullName;
        }

        return SeedRouteDocs.SeedOf(type) is { } seed ? $"{seed}.{Name(type)}" : Name(type);

        static string Name(Type t) => t.IsConstructedGenericType ? string.Concat(t.GenericTypeArguments.Select(Name)) + t.Name[..t.Name.IndexOf('`')] : t.Name;
    }
}
