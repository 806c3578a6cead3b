using System.Text;

namespace Payouts.Api.OpenApi;

/// <summary>
/// A google.api.http path template as OpenAPI sees it: <c>{var}</c>, <c>{var=*}</c>, <c>{var=**}</c> and
/// <c>{var=a/*}</c> all become the parameter <c>{var}</c>; a nested field path such as <c>{a.b}</c> keeps its
/// dotted name; literals and a trailing <c>:verb</c> are kept as they are.
/// </summary>
public sealed record PathTemplate(string OpenApiPath, IReadOnlyList<PathTemplate.Variable> Variables)
{
    /// <param name="FieldPath">Dotted proto field names, e.g. <c>id</c> or <c>payout.id</c>.</param>
    /// <param name="Pattern">The segments the variable matches: <c>*</c> unless the template says otherwise.</param>
    public sealed record Variable(string FieldPath, string Pattern)
    {
        /// <summary>Whether the value can hold more than one path segment (so it may contain '/').</summary>
        public bool IsMultiSegment => Pattern != "*";
    }

    public static PathTemplate Parse(string template)
    {
        if (!template.StartsWith('/'))
        {
            throw new FormatException($"Path template '{template}' does not start with '/'.");
        }

        var path = new StringBuilder(template.Length);
        var variables = new List<Variable>();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                throw new FormatException($"Path template '{template}' has an unmatched '}}'.");
            }

            if (c != '{')
            {
                path.Append(c);
                continue;
            }

            var end = template.IndexOf('}', i + 1);
            var nested = template.IndexOf('{', i + 1);
            if (end < 0 || (nested >= 0 && nested < end))
            {
                throw new FormatException($"Path template '{template}' has an unclosed or nested variable.");
            }

            var inner = template[(i + 1)..end];
            var equals = inner.IndexOf('=', StringComparison.Ordinal);
            var fieldPath = equals < 0 ? inner : inner[..equals];
            var pattern = equals < 0 ? "*" : inner[(equals + 1)..];
            if (fieldPath.Length == 0 || pattern.Length == 0 || fieldPath.Split('.').Any(p => p.Length == 0))
            {
                throw new FormatException($"Path template '{template}' has an empty variable name or pattern.");
            }

            if (variables.Any(v => v.FieldPath == fieldPath))
            {
                throw new FormatException($"Path template '{template}' binds '{fieldPath}' twice.");
            }

            variables.Add(new Variable(fieldPath, pattern));
            path.Append('{').Append(fieldPath).Append('}');
            i = end;
        }

        return new PathTemplate(path.ToString(), variables);
    }
}
