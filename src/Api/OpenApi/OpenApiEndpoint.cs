using System.Text;
using System.Text.Json;
using Payouts.Api.Transcoding;

namespace Payouts.Api.OpenApi;

/// <summary>
/// GET /openapi.json: the OpenAPI 3.0.3 document of the REST routes, built once from the served
/// services' descriptors when the route is mapped (a bad annotation fails start-up, not the request).
/// </summary>
public static class OpenApiEndpoint
{
    public const string Path = "/openapi.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IEndpointConventionBuilder MapOpenApiDocument(this IEndpointRouteBuilder routes)
    {
        // The route table transcoding serves from: the annotations are read once, and the document describes exactly those routes.
        var document = Encoding.UTF8.GetBytes(OpenApiDocumentBuilder.Build(routes.ServiceProvider.GetRequiredService<RouteTable>()).ToJsonString(Indented));
        return routes.MapGet(Path, () => Results.Bytes(document, "application/json; charset=utf-8"));
    }
}
