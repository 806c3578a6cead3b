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

Then a DescriptorPool is built from the FileDescriptorProtos (dependency order). --describe
looks every service, message and enum under a prefix up in it, as `grpcurl describe` does. The
method is looked up, request/response classes come from message_factory, --request_json is
parsed with json_format, and the method is invoked (unary, or the matching streaming shape).
When the call carries grpc-status-details-bin, each detail's type is resolved like grpcurl's
AnyResolver does: file_containing_symbol on a new reflection stream (status_details.py).

Prints ONE JSON object on stdout:
  {"api", "services", "files", "symbols_requested", "symbols_resolved",
   "unknown_symbol_error_code", "stream_status", "missing_files", "errors",
   "described": {symbol: ...} (with --describe),
   "invoke": {"code", "details", "response", "initial_metadata", "trailing_metadata",
              "status_details": {"code", "message", "details": [{"@type", ...}],
                                 "symbols_requested", "errors"} | null} | null}
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

import descriptors  # noqa: E402  (needs the path above)
import status_details  # noqa: E402
from reflection_stream import ReflectedFiles, ReflectionFailure, ReflectionStream  # noqa: E402

UNKNOWN_SYMBOL = "grpcurl.replay.no.such.Symbol"


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


def run(args):
    import grpc

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

        reflected = ReflectedFiles(errors)

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
            got = reflected.take(payload)
            if not got:
                (fatal if is_service else errors).append("file_containing_symbol %s -> no file" % symbol)
                return
            if not descriptors.file_defines(got[0], symbol):
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
        while True:
            progress = False
            for name in list(reflected.order):
                for sym, _ in descriptors.defined_symbols(reflected.files[name]):
                    if sym not in asked_symbols:
                        asked_symbols.add(sym)
                        resolve(sym, False)
                        progress = True
            progress = reflected.fetch_dependencies(stream) or progress
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
    result["files"] = list(reflected.order)

    # -- build the pool, describe, invoke, decode an error's details ---------------------------
    try:
        pool = descriptors.build_pool(reflected.files, reflected.order, result["missing_files"])
        if args.describe is not None:
            result["described"] = descriptors.describe(pool, reflected.files, args.describe)
        if args.invoke:
            result["invoke"] = invoke(grpc, channel, pool, reflected.files, args, md)
            result["invoke"]["status_details"] = status_details.decode(
                grpc, channel, result["api"], md, args.timeout, args.trace, reflected,
                result["invoke"].pop("raw_trailing_metadata"))
    except ReflectionFailure as e:
        fatal.append(str(e))
    except grpc.RpcError as e:
        fatal.append("reflection for the error's details failed: %s %r" % (e.code().name, e.details()))
    channel.close()
    if fatal:
        result["errors"] = fatal + errors
        return result, "; ".join(fatal)
    return result, None


def streaming_of(files, service, method):
    """(client_streaming, server_streaming) as declared in the reflected file."""
    for fdp in files.values():
        pkg = fdp.package + "." if fdp.package else ""
        for s in fdp.service:
            for m in s.method:
                if pkg + s.name == service and m.name == method:
                    return m.client_streaming, m.server_streaming
    return False, False


def invoke(grpc, channel, pool, files, args, md):
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
    req_cls = descriptors.make_class(method.input_type)
    resp_cls = descriptors.make_class(method.output_type)
    request = req_cls()
    try:
        json_format.Parse(args.request_json, request, descriptor_pool=pool)
    except json_format.ParseError as e:
        raise ReflectionFailure("--request_json does not fit %s: %s" % (method.input_type.full_name, e))
    client_streaming, server_streaming = streaming_of(files, svc.full_name, method.name)
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
    out["raw_trailing_metadata"] = call.trailing_metadata()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server_host", default="127.0.0.1")
    ap.add_argument("--server_port", type=int, required=True)
    ap.add_argument("--api", choices=["auto", "v1", "v1alpha"], default="auto")
    ap.add_argument("--invoke", help="package.Service/Method")
    ap.add_argument("--request_json", default="{}")
    ap.add_argument("--metadata", nargs="*", action="extend", default=[], help="key=value (-bin keys: base64 value)")
    ap.add_argument("--describe", metavar="PREFIX",
                    help="also describe every service, message and enum whose full name starts with PREFIX")
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
