"""An error's grpc-status-details-bin decoded the way grpcurl prints it: every google.protobuf.Any
resolved through the server's reflection (file_containing_symbol for its type), never from a
local .proto, and written as JSON with its "@type".

The google.rpc.Status envelope itself is built in, as it is in grpc-go (grpcurl's runtime): it
is the protocol's, not the server's. A detail whose type reflection cannot resolve is kept as
{"@type", "@value": base64} and named in "errors".
"""

import base64

from google.protobuf import any_pb2, descriptor_pb2, descriptor_pool, json_format

import descriptors
from reflection_stream import ReflectionStream

DETAILS_KEY = "grpc-status-details-bin"

_envelope = None


def _status_class():
    """message Status { int32 code = 1; string message = 2; repeated google.protobuf.Any details = 3; }"""
    global _envelope
    if _envelope is None:
        F = descriptor_pb2.FieldDescriptorProto
        fdp = descriptor_pb2.FileDescriptorProto(name="grpcurl_replay/status.proto", package="grpcurl_replay",
                                                 syntax="proto3", dependency=["google/protobuf/any.proto"])
        msg = fdp.message_type.add(name="Status")
        msg.field.add(name="code", number=1, type=F.TYPE_INT32, label=F.LABEL_OPTIONAL)
        msg.field.add(name="message", number=2, type=F.TYPE_STRING, label=F.LABEL_OPTIONAL)
        msg.field.add(name="details", number=3, type=F.TYPE_MESSAGE, label=F.LABEL_REPEATED,
                      type_name=".google.protobuf.Any")
        pool = descriptor_pool.DescriptorPool()
        pool.AddSerializedFile(any_pb2.DESCRIPTOR.serialized_pb)
        pool.AddSerializedFile(fdp.SerializeToString())
        _envelope = descriptors.make_class(pool.FindMessageTypeByName("grpcurl_replay.Status"))
    return _envelope


def decode(grpc, channel, api, md, timeout, trace, reflected, trailing_metadata):
    """{"code", "message", "details", "symbols_requested", "errors"} or None when the call carried no details.

    `reflected` (ReflectedFiles) holds what the listing sequence received; types it lacks are asked for on a
    new stream, as grpcurl's reflection client does after a call."""
    raw = next((v for k, v in trailing_metadata or () if k == DETAILS_KEY), None)
    if raw is None:
        return None
    status = _status_class().FromString(raw)
    names = [d.type_url[d.type_url.rfind("/") + 1:] for d in status.details]
    out = {"code": status.code, "message": status.message, "details": [], "symbols_requested": [], "errors": []}

    def known(name):
        return any(descriptors.file_defines(fdp, name) for fdp in reflected.files.values())

    if not all(known(n) for n in names):
        stream = ReflectionStream(grpc, channel, api, md, timeout, trace)
        try:
            # One at a time, like grpcurl's cache: a file already received answers the types it defines.
            for name in dict.fromkeys(n for n in names):
                if known(name):
                    continue
                out["symbols_requested"].append(name)
                kind, payload = stream.ask(file_containing_symbol=name)
                if kind == "file_descriptor_response":
                    reflected.take(payload)
                else:
                    out["errors"].append("file_containing_symbol %s -> %s" % (
                        name, payload.error_code if kind == "error_response" else kind))
            while reflected.fetch_dependencies(stream):
                pass
        finally:
            stream.finish()

    pool = descriptors.build_pool(reflected.files, reflected.order, [])
    for detail, name in zip(status.details, names):
        try:
            cls = descriptors.make_class(pool.FindMessageTypeByName(name))
        except KeyError:
            out["errors"].append("no descriptor for %s" % detail.type_url)
            out["details"].append({"@type": detail.type_url, "@value": base64.b64encode(detail.value).decode()})
            continue
        body = json_format.MessageToDict(cls.FromString(detail.value), descriptor_pool=pool)
        out["details"].append({"@type": detail.type_url, **body})
    return out
