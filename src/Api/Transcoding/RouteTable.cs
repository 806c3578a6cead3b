using Google.Api;
using Google.Protobuf.Reflection;

namespace Payouts.Api.Transcoding;

/// <summary>
/// Every REST route, built only from the <c>google.api.http</c> annotations of the served services'
/// descriptors. Built once at start-up: a malformed rule, a field it names that does not exist, or two
/// routes that would match the same requests stop the service before it listens.
/// </summary>
internal sealed class RouteTable
{
    private readonly IReadOnlyList<HttpBinding> _matchOrder;

    public RouteTable(IEnumerable<ServiceDescriptor> services)
    {
        var routes = new List<HttpBinding>();
        foreach (var method in services.SelectMany(s => s.Methods))
        {
            if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule)
            {
                continue;
            }

            routes.Add(Bind(method, rule, 0));
            routes.AddRange(rule.AdditionalBindings.Select((extra, i) => extra.AdditionalBindings.Count == 0
                ? Bind(method, extra, i + 1)
                : throw Invalid(method, "additional_bindings cannot nest.")));
        }

        var conflict = routes.GroupBy(r => (r.HttpMethod, r.Template.Shape)).FirstOrDefault(g => g.Count() > 1);
        if (conflict is not null)
        {
            throw new InvalidOperationException(
                $"REST routes conflict: {conflict.Key.HttpMethod} {conflict.Key.Shape} is bound by "
                + string.Join(" and ", conflict.Select(r => $"{r.Method.FullName} ('{r.Template.Text}')")) + ".");
        }

        Routes = routes;

        // Literal segments before wildcards, so "/cashouts/{id}" never shadows a literal route of the same length.
        _matchOrder = [.. routes.OrderBy(r => Specificity(r.Template), StringComparer.Ordinal)];
    }

    /// <summary>Every route in declaration order (service, RPC, then the rule before its additional bindings).</summary>
    public IReadOnlyList<HttpBinding> Routes { get; }

    /// <summary>The route for a request, with its variables' raw values; or the methods the path allows (for 405).</summary>
    public RouteMatch Match(string httpMethod, IReadOnlyList<string> rawSegments)
    {
        List<string>? allowed = null;
        foreach (var route in _matchOrder)
        {
            if (route.Template.Match(rawSegments) is not { } values)
            {
                continue;
            }

            if (string.Equals(route.HttpMethod, httpMethod, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteMatch(route, values, []);
            }

            (allowed ??= []).Add(route.HttpMethod);
        }

        return new RouteMatch(null, [], allowed ?? []);
    }

    private static HttpBinding Bind(MethodDescriptor method, HttpRule rule, int index)
    {
        var (verb, path) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => ("GET", rule.Get),
            HttpRule.PatternOneofCase.Post => ("POST", rule.Post),
            HttpRule.PatternOneofCase.Put => ("PUT", rule.Put),
            HttpRule.PatternOneofCase.Delete => ("DELETE", rule.Delete),
            HttpRule.PatternOneofCase.Patch => ("PATCH", rule.Patch),
            HttpRule.PatternOneofCase.Custom when rule.Custom.Kind is { Length: > 0 } kind and not "*" => (kind.ToUpperInvariant(), rule.Custom.Path),
            _ => throw Invalid(method, "the rule has no HTTP method and path."),
        };

        if (method.IsClientStreaming || method.IsServerStreaming)
        {
            throw Invalid(method, "only unary RPCs can be served over REST.");
        }

        PathTemplate template;
        try
        {
            template = PathTemplate.Parse(path);
        }
        catch (FormatException ex)
        {
            throw Invalid(method, ex.Message);
        }

        var input = method.InputType;
        var variables = template.Variables.Select(v => ResolvePathField(method, input, v.FieldPath)).ToList();
        var (body, bodyField) = rule.Body switch
        {
            "" => (BodyKind.None, null),
            "*" => (BodyKind.Whole, null),
            var name => (BodyKind.Field, input.FindFieldByName(name) ?? throw Invalid(method, $"body '{name}' is not a field of {input.FullName}.")),
        };

        if (bodyField is not null && variables.Any(v => v[0] == bodyField))
        {
            throw Invalid(method, $"body '{bodyField.Name}' is also bound by the path.");
        }

        var responseField = rule.ResponseBody.Length == 0
            ? null
            : method.OutputType.FindFieldByName(rule.ResponseBody) ?? throw Invalid(method, $"response_body '{rule.ResponseBody}' is not a field of {method.OutputType.FullName}.");
        return new HttpBinding(index, verb, template, method, variables, body, bodyField, responseField);
    }

    /// <summary>Path variables name singular scalar (or enum) fields, possibly nested in singular messages.</summary>
    private static IReadOnlyList<FieldDescriptor> ResolvePathField(MethodDescriptor method, MessageDescriptor input, string fieldPath)
    {
        var fields = FieldPaths.Resolve(input, fieldPath)
            ?? throw Invalid(method, $"path variable '{fieldPath}' is not a field of {input.FullName}.");
        return fields[^1].IsRepeated || fields[^1].FieldType is FieldType.Message or FieldType.Group
            ? throw Invalid(method, $"path variable '{fieldPath}' must be a singular scalar field.")
            : fields;
    }

    private static string Specificity(PathTemplate template) =>
        string.Concat(template.Segments.Select(s => s.Kind switch
        {
            PathTemplate.SegmentKind.Literal => '0',
            PathTemplate.SegmentKind.Single => '1',
            _ => '2',
        })) + (template.Verb is null ? "1" : "0");

    private static InvalidOperationException Invalid(MethodDescriptor method, string problem) =>
        new($"The google.api.http rule of {method.FullName} is invalid: {problem}");
}

/// <summary>The outcome of matching a request: a route and its raw variable values, or the methods the path allows.</summary>
internal readonly record struct RouteMatch(HttpBinding? Route, IReadOnlyList<string> RawValues, IReadOnlyList<string> Allowed);
