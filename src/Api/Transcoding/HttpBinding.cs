using Google.Protobuf.Reflection;

namespace Payouts.Api.Transcoding;

/// <summary>
/// One REST route: an HTTP method and path template bound to an RPC by a <c>google.api.http</c> rule
/// (the rule itself or one of its <c>additional_bindings</c>), with every field it names resolved.
/// </summary>
/// <param name="Index">0 for the rule itself, n for its n-th additional binding.</param>
internal sealed record HttpBinding(
    int Index,
    string HttpMethod,
    PathTemplate Template,
    MethodDescriptor Method,
    IReadOnlyList<IReadOnlyList<FieldDescriptor>> VariableFields,
    BodyKind Body,
    FieldDescriptor? BodyField,
    FieldDescriptor? ResponseBodyField)
{
    /// <summary>How legacy shapes name a route: the method and the template exactly as annotated, e.g. <c>POST /cashout/process</c>.</summary>
    public string Key => $"{HttpMethod} {Template.Text}";

    /// <summary>The gRPC path of the RPC, e.g. <c>/payouts.v1.PayoutService/GetPayout</c>.</summary>
    public string GrpcPath => $"/{Method.Service.FullName}/{Method.Name}";
}

/// <summary>Where the request body goes (http.proto's <c>body</c>).</summary>
internal enum BodyKind
{
    /// <summary><c>body</c> omitted: no body; fields not in the path come from the query.</summary>
    None,

    /// <summary><c>body: "*"</c>: the body is the request message; no query parameters.</summary>
    Whole,

    /// <summary><c>body: "field"</c>: the body is that field's JSON value.</summary>
    Field,
}
