"""The google.rpc.Status a failed call carries in its grpc-status-details-bin trailer, decoded.

grpcio 1.51 from Debian has no grpcio-status, so this is what its rpc_status.from_call does:
parse the trailer as google.rpc.Status, then unpack each google.protobuf.Any it knows.
"""

import interop_protos

DETAILS_KEY = "grpc-status-details-bin"


class RichStatus:
    def __init__(self, status, bad_request, error_info):
        self.code = status.code
        self.message = status.message
        self.type_urls = [d.type_url for d in status.details]
        self.field_violations = [(v.field, v.description) for v in bad_request.field_violations] if bad_request else []
        self.reason = error_info.reason if error_info else None
        self.domain = error_info.domain if error_info else None

    @property
    def fields(self):
        return [f for f, _ in self.field_violations]

    def __repr__(self):
        return "Status(code=%d, message=%r, violations=%r, reason=%r)" % (
            self.code, self.message, self.field_violations, self.reason)


def from_error(err):
    """The decoded details of a grpc.RpcError, or None when the server sent none."""
    raw = next((v for k, v in (err.trailing_metadata() or ()) if k == DETAILS_KEY), None)
    if raw is None:
        return None
    status_pb2 = interop_protos.load_payouts("google.rpc.status_pb2")
    details_pb2 = interop_protos.load_payouts("google.rpc.error_details_pb2")
    status = status_pb2.Status.FromString(raw)
    bad_request = error_info = None
    for any_ in status.details:
        if any_.Is(details_pb2.BadRequest.DESCRIPTOR):
            bad_request = details_pb2.BadRequest()
            any_.Unpack(bad_request)
        elif any_.Is(details_pb2.ErrorInfo.DESCRIPTOR):
            error_info = details_pb2.ErrorInfo()
            any_.Unpack(error_info)
    return RichStatus(status, bad_request, error_info)
