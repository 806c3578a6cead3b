#!/usr/bin/python3
"""Replay what grpcurl does with server reflection, then invoke a method built only from
the descriptors the server returned (no local .proto for the target service).

    /usr/bin/python3 tests/Interop/clients/python/grpcurl_replay.py --server_port=PORT \
        [--server_host=127.0.0.1] [--api=auto|v1|v1alpha] \
        [--invoke=package.Service/Method --request_json='{...}'] [--metadata key=value ...]

Sequence, all on ONE bidi ServerReflectionInfo stream (one response per request, in order):
  1. list_services "*"
  2. file_containing_symbol for every listed service
  3. file_containing_symbol for every message type (nested ones and map entries included)
     and enum defined in the files received so far
  4. file_by_filename for every dependency not received yet; 3-4 repeat until closed
  5. file_containing_symbol for a symbol that does not exist (expects in-band error 5)
  6. half-close; the stream must end with OK
With --api=auto the v1 service is tried first and v1alpha is used when v1 fails with
UNIMPLEMENTED (or UNAVAILABLE), like grpcurl / jhump/protoreflect NewClientAuto.
Reflection requests carry the --metadata too (grpcurl sends -H headers on them).

Then a DescriptorPool is built from the FileDescriptorProtos (dependency order), the method
is looked up, request/response classes come from message_factory, --request_json is parsed
with json_format, and the method is invoked (unary, or the matching streaming shape).

Prints ONE JSON object on stdout:
  {"api", "services", "files", "symbols_requested", "symbols_resolved",
   "unknown_symbol_error_code", "stream_status", "missing_files", "errors",
   "invoke": {"code", "details", "response", "initial_metadata", "trailing_metadata"} | null}
Exit 0 if reflection worked (even if the invoked RPC ended non-OK), else 1 with the reason
on stderr. Run with /usr/bin/python3 (Debian's grpcio/protobuf).
"""

import argparse
import base64
import json
import os
import sys

sys.dont_write_bytecode = True  # keep the repo free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from request_pipe import Pipe  # noqa: E402  (needs the path above)

UNKNOWN_SYMBOL = "grpcurl.replay.no.such.Symbol"


class ReflectionFailure(Exception):
    pass




class ReflectionStream:
    def __init__(self, grpc, channel, api, metadata, timeout, trace):
        import interop_protos

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
                % (self.call.code(), self.call.details(), _fmt_req(kw))
            )
        kind = resp.WhichOneof("message_response")
        if self.trace:
            extra = ""
            if kind == "error_response":
                extra = " %d %r" % (resp.error_response.error_code, resp.error_response.error_message)
            elif kind == "file_descriptor_response":
                extra = " %d file(s)" % len(resp.file_descriptor_response.file_descriptor_proto)
            print("[reflection %s] %s -> %s%s" % (self.api, _fmt_req(kw), kind, extra), file=sys.stderr)
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


def _fmt_req(kw):
    return ", ".join("%s=%r" % kv for kv in kw.items())


def parse_metadata(items):
    md = []
    for item in items or []:
        if "=" in item:
            key, value = item.split("=", 1)
        elif ":" in item:
            key, value = item.split(":", 1)
        else:
            raise SystemExit("bad --metadata %r (want key=value)" % item)
        key = key.strip().lower()
        value = value.strip() if not key.endswith("-bin") else value.strip()
        if key.endswith("-bin"):
            # like grpcurl: binary header values are given base64-encoded
            try:
                padded = value + "=" * (-len(value) % 4)
                raw = base64.b64decode(padded.replace("-", "+").replace("_", "/"), validate=True)
            except Exception:
                raise SystemExit("--metadata %s: value is not base64" % key)
            md.append((key, raw))
        else:
            md.append((key, value))
    return tuple(md)


def metadata_to_json(md):
    out = {}
    for item in md or ():
        key, value = item[0], item[1]
        if isinstance(value, bytes):
            value = base64.b64encode(value).decode()
        if key in out:
            if not isinstance(out[key], list):
                out[key] = [out[key]]
            out[key].append(value)
        else:
            out[key] = value
    return out


def defined_symbols(fdp, include_map_entries=True):
    """(full name, kind) of every message (incl. nested) and enum (incl. nested) in a file."""
    pkg = fdp.package + "." if fdp.package else ""
    out = []

    def walk_msg(m, prefix):
        full = prefix + m.name
        if include_map_entries or not m.options.map_entry:
            out.append((full, "message"))
        for n in m.nested_type:
            walk_msg(n, full + ".")
        for e in m.enum_type:
            out.append((full + "." + e.name, "enum"))

    for m in fdp.message_type:
        walk_msg(m, pkg)
    for e in fdp.enum_type:
        out.append((pkg + e.name, "enum"))
    return out


def file_defines(fdp, symbol):
    pkg = fdp.package + "." if fdp.package else ""
    for s in fdp.service:
        full = pkg + s.name
        if symbol == full or any(symbol == full + "." + m.name for m in s.method):
            return True
    return any(symbol == name for name, _ in defined_symbols(fdp))


def run(args):
    import grpc
    from google.protobuf import descriptor_pb2

    result = {
        "api": None,
        "services": [],
        "files": [],
        "symbols_requested": 0,
        "symbols_resolved": 0,
        "unknown_symbol_error_code": None,
        "stream_status": None,
        "missing_files": [],
        "errors": [],
        "invoke": None,
    }
    errors = result["errors"]
    fatal = []
    md = parse_metadata(args.metadata)
    host = args.server_host
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host
    channel = grpc.insecure_channel("%s:%d" % (host, args.server_port))

    # -- 1. pick the API and list services ----------------------------------------------
    apis = ["v1", "v1alpha"] if args.api == "auto" else [args.api]
    stream = None
    list_resp = None
    for api in apis:
        s = ReflectionStream(grpc, channel, api, md, args.timeout, args.trace)
        try:
            kind, list_resp = s.ask(list_services="*")
        except grpc.RpcError as e:
            s.abort()
            msg = "%s: %s %r" % (api, e.code().name, e.details())
            if args.api == "auto" and api == "v1" and e.code() in (
                grpc.StatusCode.UNIMPLEMENTED,
                grpc.StatusCode.UNAVAILABLE,
            ):
                errors.append("fallback to v1alpha after " + msg)
                continue
            raise ReflectionFailure("server does not support the reflection API (%s)" % msg)
        except ReflectionFailure:
            s.abort()
            raise
        stream = s
        result["api"] = api
        break
    if stream is None:
        raise ReflectionFailure("server does not support the reflection API")

    try:
        if kind != "list_services_response":
            raise ReflectionFailure("list_services answered with %s" % kind)
        services = [sv.name for sv in list_resp.service]
        result["services"] = sorted(services)
        if not services:
            fatal.append("list_services returned no service")

        files = {}  # name -> FileDescriptorProto
        order = []

        def take(fdr):
            got = []
            for raw in fdr.file_descriptor_proto:
                fdp = descriptor_pb2.FileDescriptorProto.FromString(raw)
                if fdp.name not in files:
                    files[fdp.name] = fdp
                    order.append(fdp.name)
                elif files[fdp.name].SerializeToString() != fdp.SerializeToString():
                    errors.append("file %s was sent twice with different content" % fdp.name)
                got.append(fdp)
            return got

        def resolve(symbol, is_service):
            result["symbols_requested"] += 1
            kind, payload = stream.ask(file_containing_symbol=symbol)
            if kind != "file_descriptor_response":
                code = payload.error_code if kind == "error_response" else None
                text = payload.error_message if kind == "error_response" else kind
                (fatal if is_service else errors).append(
                    "file_containing_symbol %s -> %s %r" % (symbol, code, text)
                )
                return
            got = take(payload)
            if not got:
                (fatal if is_service else errors).append("file_containing_symbol %s -> no file" % symbol)
                return
            if not file_defines(got[0], symbol):
                (fatal if is_service else errors).append(
                    "file_containing_symbol %s -> first file %s does not define it" % (symbol, got[0].name)
                )
                return
            result["symbols_resolved"] += 1

        # -- 2. services ------------------------------------------------------------------
        for svc in services:
            resolve(svc, True)

        # -- 3/4. types, then missing dependencies, until closed ---------------------------
        asked_symbols = set(services)
        asked_files = set()
        while True:
            progress = False
            for name in list(order):
                for sym, _ in defined_symbols(files[name]):
                    if sym not in asked_symbols:
                        asked_symbols.add(sym)
                        resolve(sym, False)
                        progress = True
            for name in list(order):
                for dep in files[name].dependency:
                    if dep not in files and dep not in asked_files:
                        asked_files.add(dep)
                        progress = True
                        kind, payload = stream.ask(file_by_filename=dep)
                        if kind != "file_descriptor_response":
                            code = payload.error_code if kind == "error_response" else None
                            text = payload.error_message if kind == "error_response" else kind
                            errors.append("file_by_filename %s -> %s %r" % (dep, code, text))
                            continue
                        got = take(payload)
                        if not got or got[0].name != dep:
                            errors.append(
                                "file_by_filename %s -> first file is %s"
                                % (dep, got[0].name if got else None)
                            )
            if not progress:
                break

        # -- 5. unknown symbol --------------------------------------------------------------
        kind, payload = stream.ask(file_containing_symbol=UNKNOWN_SYMBOL)
        if kind == "error_response":
            result["unknown_symbol_error_code"] = payload.error_code
        else:
            errors.append("file_containing_symbol %s (unknown) -> %s" % (UNKNOWN_SYMBOL, kind))

        # -- 6. half-close ------------------------------------------------------------------
        result["stream_status"] = stream.finish()
        if result["stream_status"] != "OK":
            errors.append("reflection stream ended %s" % result["stream_status"])
    except grpc.RpcError as e:
        stream.abort()
        raise ReflectionFailure("reflection stream failed: %s %r" % (e.code().name, e.details()))
    result["files"] = order

    # -- build the pool, invoke ---------------------------------------------------------------
    try:
        pool, mstreaming = build_pool(files, order, result)
        if args.invoke:
            result["invoke"] = invoke(grpc, channel, pool, mstreaming, args, md)
    except ReflectionFailure as e:
        fatal.append(str(e))
    channel.close()
    if fatal:
        result["errors"] = fatal + errors
        return result, "; ".join(fatal)
    return result, None


def build_pool(files, order, result):
    from google.protobuf import descriptor_pb2, descriptor_pool

    pool = descriptor_pool.DescriptorPool()
    added = set()
    default = descriptor_pool.Default()
    visiting = set()

    def add(name, needed_by):
        if name in added:
            return
        if name in visiting:
            raise ReflectionFailure("dependency cycle through %s" % name)
        visiting.add(name)
        fdp = files.get(name)
        if fdp is None:
            # grpcurl tolerates some missing files; here we can only fall back to the copies
            # the protobuf runtime knows (google/protobuf/*.proto).
            try:
                known = default.FindFileByName(name)
            except KeyError:
                raise ReflectionFailure("dependency %s (of %s) was not returned by the server" % (name, needed_by))
            fdp = descriptor_pb2.FileDescriptorProto()
            known.CopyToProto(fdp)
            result["missing_files"].append(name)
        for dep in fdp.dependency:
            add(dep, name)
        try:
            pool.AddSerializedFile(fdp.SerializeToString())
        except Exception as e:  # noqa: BLE001
            raise ReflectionFailure("cannot add %s to a DescriptorPool: %s" % (name, e))
        visiting.discard(name)
        added.add(name)

    for name in order:
        add(name, "(received)")
    streaming = {}
    for fdp in files.values():
        pkg = fdp.package + "." if fdp.package else ""
        for s in fdp.service:
            for m in s.method:
                streaming[pkg + s.name + "/" + m.name] = (m.client_streaming, m.server_streaming)
    return pool, streaming


def make_class(descriptor):
    from google.protobuf import message_factory

    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(descriptor)
    return message_factory.MessageFactory(descriptor.file.pool).GetPrototype(descriptor)


def invoke(grpc, channel, pool, streaming, args, md):
    from google.protobuf import json_format

    target = args.invoke.lstrip("/")
    if "/" in target:
        svc_name, method_name = target.split("/", 1)
    else:
        svc_name, _, method_name = target.rpartition(".")
    try:
        svc = pool.FindServiceByName(svc_name)
    except KeyError:
        raise ReflectionFailure("service %s not found in the reflected descriptors" % svc_name)
    method = svc.methods_by_name.get(method_name)
    if method is None:
        raise ReflectionFailure("method %s not found in service %s" % (method_name, svc_name))
    req_cls = make_class(method.input_type)
    resp_cls = make_class(method.output_type)
    request = req_cls()
    try:
        json_format.Parse(args.request_json, request, descriptor_pool=pool)
    except json_format.ParseError as e:
        raise ReflectionFailure("--request_json does not fit %s: %s" % (method.input_type.full_name, e))
    client_streaming, server_streaming = streaming.get(svc.full_name + "/" + method.name, (False, False))
    path = "/%s/%s" % (svc.full_name, method.name)
    ser = lambda m: m.SerializeToString()  # noqa: E731
    to_json = lambda m: json_format.MessageToDict(m, descriptor_pool=pool)  # noqa: E731
    out = {"code": None, "details": "", "response": None, "initial_metadata": {}, "trailing_metadata": {}}
    if not server_streaming:
        if client_streaming:
            callable_ = channel.stream_unary(path, ser, resp_cls.FromString)
            arg = iter([request])
        else:
            callable_ = channel.unary_unary(path, ser, resp_cls.FromString)
            arg = request
        try:
            resp, call = callable_.with_call(arg, metadata=md, timeout=args.timeout)
            out["response"] = to_json(resp)
        except grpc.RpcError as e:
            call = e
    else:
        if client_streaming:
            call = channel.stream_stream(path, ser, resp_cls.FromString)(iter([request]), metadata=md, timeout=args.timeout)
        else:
            call = channel.unary_stream(path, ser, resp_cls.FromString)(request, metadata=md, timeout=args.timeout)
        responses = []
        try:
            for r in call:
                responses.append(to_json(r))
        except grpc.RpcError:
            pass
        out["response"] = responses
    out["code"] = call.code().name
    out["details"] = call.details() or ""
    out["initial_metadata"] = metadata_to_json(call.initial_metadata())
    out["trailing_metadata"] = metadata_to_json(call.trailing_metadata())
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server_host", default="127.0.0.1")
    ap.add_argument("--server_port", type=int, required=True)
    ap.add_argument("--api", choices=["auto", "v1", "v1alpha"], default="auto")
    ap.add_argument("--invoke", help="package.Service/Method")
    ap.add_argument("--request_json", default="{}")
    ap.add_argument("--metadata", nargs="*", action="extend", default=[], help="key=value (-bin keys: base64 value)")
    ap.add_argument("--timeout", type=float, default=10.0, help="deadline of the reflection stream and of the call, s")
    ap.add_argument("--trace", action="store_true", help="log every reflection request/response kind on stderr")
    args = ap.parse_args()
    try:
        result, failure = run(args)
    except ReflectionFailure as e:
        print("reflection failed: %s" % e, file=sys.stderr)
        sys.exit(1)
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    if failure:
        print("reflection failed: %s" % failure, file=sys.stderr)
        sys.exit(1)
    sys.exit(0)


if __name__ == "__main__":
    main()
