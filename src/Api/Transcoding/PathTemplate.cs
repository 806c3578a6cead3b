namespace Payouts.Api.Transcoding;

/// <summary>
/// A parsed <c>google.api.http</c> path template (GRPC.md §5.2): literal segments, <c>*</c>, <c>**</c>,
/// variables <c>{a.b}</c>, <c>{a=*}</c>, <c>{a=prefix/**}</c>, and an optional <c>:verb</c>.
/// </summary>
internal sealed class PathTemplate
{
    private PathTemplate(string text, IReadOnlyList<Segment> segments, string? verb, IReadOnlyList<Variable> variables)
    {
        Text = text;
        Segments = segments;
        Verb = verb;
        Variables = variables;
    }

    /// <summary>The template as annotated, e.g. <c>/payouts/{id}:cancel</c>.</summary>
    public string Text { get; }

    public IReadOnlyList<Segment> Segments { get; }

    public string? Verb { get; }

    public IReadOnlyList<Variable> Variables { get; }

    /// <summary>
    /// The template with variables reduced to their wildcards, e.g. <c>/payouts/*:cancel</c>: two templates
    /// with the same shape match the same requests, which is what a route conflict is.
    /// </summary>
    public string Shape => "/" + string.Join('/', Segments.Select(s => s.Kind == SegmentKind.Literal ? s.Literal : s.Kind == SegmentKind.Single ? "*" : "**"))
        + (Verb is null ? "" : ":" + Verb);

    /// <summary>
    /// The path as OpenAPI writes it: each variable, whatever it matches (<c>{var=*}</c>, <c>{var=**}</c>,
    /// <c>{name=shelves/*}</c>), becomes the parameter <c>{var}</c>; a nested field keeps its dotted name
    /// (<c>{user.id}</c>); literals and the <c>:verb</c> stay as they are.
    /// </summary>
    public string OpenApiPath
    {
        get
        {
            var parts = new List<string>();
            for (var i = 0; i < Segments.Count; i++)
            {
                if (Variables.FirstOrDefault(v => v.Start == i) is { } variable)
                {
                    parts.Add("{" + variable.FieldPath + "}");
                    i += variable.Count - 1;
                    continue;
                }

                parts.Add(Segments[i].Kind switch { SegmentKind.Literal => Segments[i].Literal, SegmentKind.Single => "*", _ => "**" });
            }

            return "/" + string.Join('/', parts) + (Verb is null ? "" : ":" + Verb);
        }
    }

    /// <summary>Parses a template; a malformed one throws, so a bad annotation stops start-up.</summary>
    public static PathTemplate Parse(string text)
    {
        if (!text.StartsWith('/'))
        {
            throw new FormatException($"Path template '{text}' must start with '/'.");
        }

        var (body, verb) = SplitVerb(text);
        var segments = new List<Segment>();
        var variables = new List<Variable>();
        var i = body == "/" ? 2 : 1;
        while (i <= body.Length)
        {
            if (i < body.Length && body[i] == '{')
            {
                var close = body.IndexOf('}', i);
                if (close < 0)
                {
                    throw new FormatException($"Path template '{text}' has an unclosed variable.");
                }

                var inner = body[(i + 1)..close];
                var equals = inner.IndexOf('=', StringComparison.Ordinal);
                var fieldPath = equals < 0 ? inner : inner[..equals];
                var pattern = equals < 0 ? "*" : inner[(equals + 1)..];
                if (fieldPath.Length == 0 || fieldPath.Split('.').Any(p => p.Length == 0 || !p.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
                {
                    throw new FormatException($"Path template '{text}' has a bad variable '{inner}'.");
                }

                if (variables.Any(v => v.FieldPath == fieldPath))
                {
                    throw new FormatException($"Path template '{text}' binds '{fieldPath}' twice.");
                }

                var start = segments.Count;
                foreach (var part in pattern.Split('/'))
                {
                    segments.Add(ParseSegment(part, text));
                }

                var count = segments.Count - start;
                variables.Add(new Variable(fieldPath, pattern, start, count, count > 1 || segments[start].Kind == SegmentKind.Multi));
                i = close + 1;
                if (i < body.Length && body[i] != '/')
                {
                    throw new FormatException($"Path template '{text}': a variable must be a whole segment.");
                }

                i++;
                continue;
            }

            var end = body.IndexOf('/', i);
            end = end < 0 ? body.Length : end;
            segments.Add(ParseSegment(body[i..end], text));
            i = end + 1;
        }

        var catchAll = segments.FindIndex(s => s.Kind == SegmentKind.Multi);
        if (catchAll >= 0 && catchAll != segments.Count - 1)
        {
            throw new FormatException($"Path template '{text}': '**' must be the last segment.");
        }

        return new PathTemplate(text, segments, verb, variables);
    }

    /// <summary>
    /// Matches the raw (still percent-encoded) segments of a request path. Returns each variable's raw
    /// text (multi-segment values joined with '/'), or null. The verb is split off only when this template
    /// has one: ids may contain ':' themselves (seed 002's "po:28oi...:2gFU..."), so ':' alone means nothing.
    /// </summary>
    public IReadOnlyList<string>? Match(IReadOnlyList<string> rawSegments)
    {
        var path = rawSegments;
        if (Verb is not null)
        {
            var suffix = ":" + Verb;
            if (path.Count == 0 || !path[^1].EndsWith(suffix, StringComparison.Ordinal))
            {
                return null;
            }

            path = [.. path.Take(path.Count - 1), path[^1][..^suffix.Length]];
        }

        var multi = Segments.Count > 0 && Segments[^1].Kind == SegmentKind.Multi;
        if (multi ? path.Count < Segments.Count - 1 : path.Count != Segments.Count)
        {
            return null;
        }

        for (var i = 0; i < Segments.Count; i++)
        {
            var segment = Segments[i];
            if (segment.Kind == SegmentKind.Literal && !string.Equals(path[i], segment.Literal, StringComparison.Ordinal))
            {
                return null;
            }

            // A '*' never matches an empty segment: "/payouts/" is not "/payouts/{id}" with an empty id.
            if (segment.Kind == SegmentKind.Single && path[i].Length == 0)
            {
                return null;
            }
        }

        return Variables.Select(v =>
        {
            var last = v.Start + v.Count - 1;
            var end = Segments[last].Kind == SegmentKind.Multi ? path.Count : last + 1;
            return string.Join('/', path.Skip(v.Start).Take(end - v.Start));
        }).ToList();
    }

    /// <summary>Splits the custom verb off; a ':' inside a variable (e.g. <c>{name=x:y}</c>) is not a verb.</summary>
    private static (string Body, string? Verb) SplitVerb(string text)
    {
        var lastBrace = text.LastIndexOf('}');
        var colon = text.LastIndexOf(':');
        return colon > lastBrace && colon > text.LastIndexOf('/') ? (text[..colon], text[(colon + 1)..]) : (text, null);
    }

    private static Segment ParseSegment(string part, string text) => part switch
    {
        "*" => new Segment(SegmentKind.Single, ""),
        "**" => new Segment(SegmentKind.Multi, ""),
        "" => throw new FormatException($"Path template '{text}' has an empty segment."),
        _ when part.IndexOfAny(['{', '}', '=', '*']) >= 0 => throw new FormatException($"Path template '{text}' has a bad segment '{part}'."),
        _ => new Segment(SegmentKind.Literal, part),
    };

    internal enum SegmentKind
    {
        Literal,
        Single,
        Multi,
    }

    internal readonly record struct Segment(SegmentKind Kind, string Literal);

    /// <summary>A variable: its field path and the template segments it covers.</summary>
    /// <param name="Pattern">The segments it matches as annotated: <c>*</c> unless the template says otherwise.</param>
    /// <param name="IsMultiSegment">Whether its value may hold '/', which then stays encoded as %2F (http.proto).</param>
    internal sealed record Variable(string FieldPath, string Pattern, int Start, int Count, bool IsMultiSegment);
}
