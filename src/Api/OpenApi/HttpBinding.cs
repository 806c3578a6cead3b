using Google.Api;
using Google.Protobuf.Reflection;

namespace Payouts.Api.OpenApi;

/// <summary>
/// One REST route of an RPC, read from its <c>google.api.http</c> annotation: the rule itself
/// (<paramref name="Index"/> 0) or one of its <c>additional_bindings</c> (1, 2, ...).
/// </summary>
/// <param name="Verb">Lowercase HTTP method: get, put, post, delete, patch, or a custom rule's kind.</param>
/// <param name="Template">The path template as annotated, e.g. <c>/payouts/{id}:cancel</c>.</param>
/// <param name="Body">"" (no body), "*" (every field not in the path) or a top-level request field name.</param>
/// <param name="ResponseBody">"" (the whole response) or the top-level response field returned instead.</param>
public sealed record HttpBinding(
    ServiceDescriptor Service, MethodDescriptor Method, int Index, string Verb, string Template, string Body, string ResponseBody)
{
    /// <summary>Every binding of every annotated RPC of <paramref name="services"/>, in declaration order.</summary>
    public static IEnumerable<HttpBinding> Of(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services)
        {
            foreach (var method in service.Methods)
            {
                var rule = method.GetOptions()?.GetExtension(AnnotationsExtensions.Http);
                if (rule is null)
                {
                    continue;
                }

                yield return From(service, method, 0, rule);
                for (var i = 0; i < rule.AdditionalBindings.Count; i++)
                {
                    yield return From(service, method, i + 1, rule.AdditionalBindings[i]);
                }
            }
        }
    }

    private static HttpBinding From(ServiceDescriptor service, MethodDescriptor method, int index, HttpRule rule)
    {
        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("get", rule.Get),
            HttpRule.PatternOneofCase.Put => ("put", rule.Put),
            HttpRule.PatternOneofCase.Post => ("post", rule.Post),
            HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
            HttpRule.PatternOneofCase.Custom => (rule.Custom.Kind.ToLowerInvariant(), rule.Custom.Path),
            _ => throw new InvalidOperationException($"{method.FullName}: google.api.http binding {index} has no HTTP method and path."),
        };
        return new HttpBinding(service, method, index, verb, template, rule.Body, rule.ResponseBody);
    }
}
