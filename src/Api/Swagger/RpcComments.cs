using System.Reflection;
using System.Xml.XPath;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Payouts.Api.Swagger;

/// <summary>
/// Every REST route carries its RPC's proto comment: transcoded routes as summary (the first sentence) and description,
/// the seeds' routes as description under their own summary. Grpc.Tools writes the comment into the XML docs of the
/// generated service base method. Swashbuckle's XML reader never finds it (it reads a route's handler method, and a
/// transcoded route has none), and Grpc.Swagger's filter that does (IncludeGrpcXmlComments) cannot load with
/// Swashbuckle 10; this does what that filter does, for both kinds of route.
/// </summary>
internal sealed class RpcComments(XPathDocument comments, EndpointDataSource endpoints) : IOperationFilter
{
    private readonly XPathNavigator _comments = comments.CreateNavigator();

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var transcoded = metadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault()?.MethodDescriptor;
        if ((transcoded ?? metadata.OfType<SeedRouteDocs.SeedRpc>().FirstOrDefault()?.Method) is not { } rpc || Comment(rpc) is not { } comment)
        {
            return;
        }

        operation.Description = comment;
        if (transcoded is not null)
        {
            var text = comment.ReplaceLineEndings(" ");
            var end = text.IndexOf(". ", StringComparison.Ordinal);
            operation.Summary = end < 0 ? text : text[..(end + 1)];
        }
    }

    /// <summary>The summary of the RPC's generated base method, which the served gRPC service overrides.</summary>
    private string? Comment(MethodDescriptor rpc)
    {
        var service = endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>())
            .FirstOrDefault(m => m?.Method.ServiceName == rpc.Service.FullName && m.Method.Name == rpc.Name)?.ServiceType;
        var generated = service?.GetMethods().Where(m => m.Name == rpc.Name).Select(m => m.GetBaseDefinition()) ?? [];
        return generated
            .Select(m => _comments.SelectSingleNode($"/doc/members/member[@name='{XmlCommentsNodeNameHelper.GetMemberNameForMethod(m)}']/summary"))
            .Where(node => node is not null)
            .Select(node => XmlCommentsTextHelper.Humanize(node!.InnerXml))
            .FirstOrDefault();
    }
}
