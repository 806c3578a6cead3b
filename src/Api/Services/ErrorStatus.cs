using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Payouts.Api.Rest;
using Google.Rpc;
using Payouts.Domain.Common;

namespace Payouts.Api.Services;

/// <summary>
/// The one mapping from domain and application errors to gRPC statuses. Every domain error carries a
/// <c>google.rpc.ErrorInfo</c> whose reason is the error's stable code, and validation errors a
/// <c>google.rpc.BadRequest</c> naming each field, so clients branch on data rather than on message text.
/// Input refused before any use case runs (a header, a query parameter) carries the BadRequest only.
/// </summary>
internal static class ErrorStatus
{
    public const string Domain = "payouts.v1";

    public static RpcException ToRpcException(this Error error)
    {
        var status = new Google.Rpc.Status { Code = (int)CodeOf(error.Kind), Message = error.Message };
        if (error.Kind == ErrorKind.Validation)
        {
            status.Details.Add(Any.Pack(BadRequestOf(error.Violations.Select(v => (v.Field, v.Description)))));
        }

        status.Details.Add(Any.Pack(new ErrorInfo { Reason = error.Code, Domain = Domain }));
        return status.ToRpcException();
    }

    /// <summary>INVALID_ARGUMENT for input the transport rejects before any use case sees it (a header, a query parameter).</summary>
    public static RpcException InvalidArgument(string message, params (string Field, string Description)[] violations)
    {
        var status = new Google.Rpc.Status { Code = (int)Code.InvalidArgument, Message = message };
        status.Details.Add(Any.Pack(BadRequestOf(violations)));
        return status.ToRpcException();
    }

    /// <summary>
    /// UNAVAILABLE for a storage failure: retryable (the failed write committed nothing), and in plain words; the
    /// exception is logged, never sent.
    /// </summary>
    public static RpcException StorageUnavailable() => StorageUnavailableStatus().ToRpcException();

    /// <summary>The status of <see cref="StorageUnavailable"/>, for the seeds' routes, which write it in their own shape.</summary>
    public static Google.Rpc.Status StorageUnavailableStatus()
    {
        var status = new Google.Rpc.Status { Code = (int)Code.Unavailable, Message = "The service could not reach its database; retry the request." };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = "storage.unavailable", Domain = Domain }));
        return status;
    }

    /// <summary>The success value, or the error thrown as its gRPC status.</summary>
    public static T OrThrow<T>(this Result<T> result) => result.IsSuccess ? result.Value : throw result.Error.ToRpcException();

    /// <summary>
    /// The success value, or the error thrown as its gRPC status with each field named as this caller spells it:
    /// by proto names over gRPC (google.rpc.BadRequest's rule: "initiation.external_id"), by JSON names when JSON
    /// transcoding made the call ("userId"). <paramref name="root"/> is the request field the use case's input was
    /// taken from, e.g. "initiation" for CreatePayout.
    /// </summary>
    public static T OrThrow<T>(this Result<T> result, ServerCallContext context, IMessage request, string root = "") =>
        result.IsSuccess ? result.Value : throw SpelledFor(result.Error, context, request.Descriptor, root).ToRpcException();

    private static Error SpelledFor(Error error, ServerCallContext context, MessageDescriptor request, string root)
    {
        if (error.Violations.Count == 0)
        {
            return error;
        }

        var protoNames = context.GetHttpContext().Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;
        return error with
        {
            Violations = [.. error.Violations.Select(v => v with { Field = Spell(v.Field) })],
        };

        string Spell(string field)
        {
            // A violation outside the root (a header such as idempotency-key) is spelled from the request itself.
            var underRoot = root.Length > 0 && FieldPaths.Resolve(request, $"{root}.{field.Split('.')[0]}") is not null;
            return FieldPaths.Spell(request, underRoot ? $"{root}.{field}" : field, protoNames);
        }
    }

    private static StatusCode CodeOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCode.InvalidArgument,
        ErrorKind.NotFound => StatusCode.NotFound,
        ErrorKind.Precondition => StatusCode.FailedPrecondition,
        ErrorKind.Unauthenticated => StatusCode.Unauthenticated,
        ErrorKind.Forbidden => StatusCode.PermissionDenied,
        ErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        ErrorKind.Conflict => StatusCode.Aborted,
        ErrorKind.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Internal,
    };

    private static BadRequest BadRequestOf(IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(violations.Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return badRequest;
    }
}
