"""One grpc.reflection (v1 or v1alpha) ServerReflectionInfo stream, and the files it returned.

Used by grpcurl_replay.py: once for grpcurl's listing and resolution sequence, and again, like
grpcurl's descriptor source, to resolve the types of an error's details after a call.
"""

import sys

import interop_protos
from request_pipe import Pipe


class ReflectionFailure(Exception):
    pass


def fmt_req(kw):
    return ", ".join("%s=%r" % kv for kv in kw.items())


class ReflectionStream:
    def __init__(self, grpc, channel, api, metadata, timeout, trace):
        self.grpc = grpc
        self.api = api
        self.pb = interop_protos.load("grpc.reflection.%s.reflection_pb2" % api)
        self.trace = trace
        self.pipe = Pipe()
        method = channel.stream_stream(
            "/grpc.reflection.%s.ServerReflection/ServerReflectionInfo" % api,
            request_serializer=self.pb.ServerReflectionRequest.SerializeToString,
            response_deserializer=self.pb.ServerReflectionResponse.FromString,
        )
        self.call = method(self.pipe, metadata=metadata, timeout=timeout)
        self.closed = False

    def ask(self, **kw):
        """Send one request, return (kind, payload) of the one response."""
        req = self.pb.ServerReflectionRequest(**kw)
        self.pipe.add(req)
        try:
            resp = next(self.call)
        except StopIteration:
            raise ReflectionFailure(
                "reflection stream ended (%s %r) without answering %s"
                % (self.call.code(), self.call.details(), fmt_req(kw))
            )
        kind = resp.WhichOneof("message_response")
        if self.trace:
            extra = ""
            if kind == "error_response":
                extra = " %d %r" % (resp.error_response.error_code, resp.error_response.error_message)
            elif kind == "file_descriptor_response":
                extra = " %d file(s)" % len(resp.file_descriptor_response.file_descriptor_proto)
            print("[reflection %s] %s -> %s%s" % (self.api, fmt_req(kw), kind, extra), file=sys.stderr)
        return kind, getattr(resp, kind) if kind else None

    def finish(self):
        """Half-close and return the final status name of the stream."""
        if self.closed:
            return None
        self.closed = True
        self.pipe.close()
        extra = 0
        try:
            for _ in self.call:
                extra += 1
        except self.grpc.RpcError:
            pass
        code = self.call.code()
        name = code.name if code is not None else "UNKNOWN"
        if extra:
            name += " (after %d unexpected extra responses)" % extra
        return name

    def abort(self):
        if not self.closed:
            self.closed = True
            self.pipe.close()
            self.call.cancel()


class ReflectedFiles:
    """FileDescriptorProtos by name, in the order received; `errors` collects what the server got wrong."""

    def __init__(self, errors):
        self.files = {}
        self.order = []
        self.errors = errors
        self.asked_files = set()

    def take(self, fdr):
        from google.protobuf import descriptor_pb2

        got = []
        for raw in fdr.file_descriptor_proto:
            fdp = descriptor_pb2.FileDescriptorProto.FromString(raw)
            if fdp.name not in self.files:
                self.files[fdp.name] = fdp
                self.order.append(fdp.name)
            elif self.files[fdp.name].SerializeToString() != fdp.SerializeToString():
                self.errors.append("file %s was sent twice with different content" % fdp.name)
            got.append(fdp)
        return got

    def fetch_dependencies(self, stream):
        """file_by_filename for every dependency not received nor asked for yet; True if it asked for any."""
        progress = False
        for name in list(self.order):
            for dep in self.files[name].dependency:
                if dep in self.files or dep in self.asked_files:
                    continue
                self.asked_files.add(dep)
                progress = True
                kind, payload = stream.ask(file_by_filename=dep)
                if kind != "file_descriptor_response":
                    code = payload.error_code if kind == "error_response" else None
                    text = payload.error_message if kind == "error_response" else kind
                    self.errors.append("file_by_filename %s -> %s %r" % (dep, code, text))
                    continue
                got = self.take(payload)
                if not got or got[0].name != dep:
                    self.errors.append("file_by_filename %s -> first file is %s" % (dep, got[0].name if got else None))
        return progress
