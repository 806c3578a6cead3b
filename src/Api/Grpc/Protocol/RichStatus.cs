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

        var details = new Google.Rpc.Status { Code = (int)StatusCode.InvalidArgument, Message = message };
        details.Details.Add(Any.Pack(badRequest));
        return new RpcException(new Status(StatusCode.InvalidArgument, message), details: details);
    }
}
