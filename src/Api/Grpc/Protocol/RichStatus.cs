using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Payouts.Api.Grpc.Protocol;

/// <summary>Builds errors that carry a <c>google.rpc.Status</c> in <c>grpc-status-details-bin</c>.</summary>
public static class RichStatus
{
    /// <summary>INVALID_ARGUMENT with one <c>BadRequest.FieldViolation</c> per bad field.</summary>
    public static RpcException InvalidArgument(string message, IEnumerable<(string Field, string Description)> violations)
    {
        var badRequest = new BadRequest();
        foreach (var (field, description) in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }

        return Create(StatusCode.InvalidArgument, message, Any.Pack(badRequest));
    }

    public static RpcException Create(StatusCode code, string message, params IMessage[] details)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        foreach (var detail in details)
        {
            status.Details.Add(detail as Any ?? Any.Pack(detail));
        }

        return new RpcException(new Status(code, message), details: status);
    }
}
