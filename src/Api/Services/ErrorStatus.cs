using Payouts.Api.Grpc.Protocol;
using Payouts.Domain.Common;

namespace Payouts.Api.Services;

/// <summary>The one mapping from domain and application errors to gRPC statuses.</summary>
internal static class ErrorStatus
{
    public static RpcException ToRpcException(this Error error) => error.Kind switch
    {
        ErrorKind.Validation => RichStatus.InvalidArgument(error.Message, error.Violations.Select(v => (v.Field, v.Description))),
        ErrorKind.NotFound => new RpcException(StatusCode.NotFound, error.Message),
        ErrorKind.Precondition => new RpcException(StatusCode.FailedPrecondition, error.Message),
        ErrorKind.Unauthenticated => new RpcException(StatusCode.Unauthenticated, error.Message),
        ErrorKind.Forbidden => new RpcException(StatusCode.PermissionDenied, error.Message),
        ErrorKind.AlreadyExists => new RpcException(StatusCode.AlreadyExists, error.Message),
        ErrorKind.Conflict => new RpcException(StatusCode.Aborted, error.Message),
        ErrorKind.Unavailable => new RpcException(StatusCode.Unavailable, error.Message),
        _ => new RpcException(StatusCode.Internal, "Unexpected error."),
    };

    /// <summary>The success value, or the error thrown as its gRPC status.</summary>
    public static T OrThrow<T>(this Result<T> result) => result.IsSuccess ? result.Value : throw result.Error.ToRpcException();
}
