#!/usr/bin/python3
"""grpc.health.v1.Health client (grpcio, stubs built from the official health.proto).

  Check:  /usr/bin/python3 tests/Interop/clients/python/health_client.py --server_port=PORT \
              --service=NAME --check
          -> {"code": "OK", "status": "SERVING", "details": ""}
             {"code": "NOT_FOUND", "status": null, "details": "..."}     (unknown service)
  Watch:  /usr/bin/python3 tests/Interop/clients/python/health_client.py --server_port=PORT \
              --service=NAME --watch --updates=N --timeout=S
          -> {"statuses": ["SERVING", ...], "ended_by": "updates"|"timeout"|"server",
              "code": "CANCELLED"|<status the server ended the stream with>, "details": "..."}
          Reads until N statuses arrived or S seconds passed, then cancels the call
          ("code" is then CANCELLED, i.e. the client's own cancel). If the server ends the
          stream by itself first, ended_by is "server" and code is the server's status.

--service defaults to "" (the whole server). Exit 0 whenever the JSON was printed
(inspect "code"); 2 on bad arguments. Run with /usr/bin/python3.
"""

import argparse
import json
import os
import sys
import threading
import time

sys.dont_write_bytecode = True  # keep the repo free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server_host", default="127.0.0.1")
    ap.add_argument("--server_port", type=int, required=True)
    ap.add_argument("--service", default="")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true")
    mode.add_argument("--watch", action="store_true")
    ap.add_argument("--updates", type=int, default=1, help="watch: stop after this many statuses")
    ap.add_argument("--timeout", type=float, default=5.0, help="check: deadline; watch: how long to wait, s")
    args = ap.parse_args()

    import grpc
    import interop_protos

    hp = interop_protos.load("grpc.health.v1.health_pb2")
    status_name = hp.HealthCheckResponse.ServingStatus.Name

    host = args.server_host
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host
    channel = grpc.insecure_channel("%s:%d" % (host, args.server_port))
    req = hp.HealthCheckRequest(service=args.service)

    if args.check:
        check = channel.unary_unary(
            "/grpc.health.v1.Health/Check",
            request_serializer=hp.HealthCheckRequest.SerializeToString,
            response_deserializer=hp.HealthCheckResponse.FromString,
        )
        try:
            resp = check(req, timeout=args.timeout)
            out = {"code": "OK", "status": status_name(resp.status), "details": ""}
        except grpc.RpcError as e:
            out = {"code": e.code().name, "status": None, "details": e.details() or ""}
        print(json.dumps(out, ensure_ascii=False))
        channel.close()
        return 0

    watch = channel.unary_stream(
        "/grpc.health.v1.Health/Watch",
        request_serializer=hp.HealthCheckRequest.SerializeToString,
        response_deserializer=hp.HealthCheckResponse.FromString,
    )
    # The deadline is only a backstop: the client cancels at --timeout itself.
    call = watch(req, timeout=args.timeout + 10)
    statuses = []
    enough = threading.Event()
    server_ended = threading.Event()

    def reader():
        try:
            for resp in call:
                statuses.append(status_name(resp.status))
                if len(statuses) >= args.updates:
                    enough.set()
                    return
        except grpc.RpcError:
            pass
        server_ended.set()
        enough.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    got = enough.wait(args.timeout)
    if server_ended.is_set():
        ended_by = "server"
    elif got:
        ended_by = "updates"
    else:
        ended_by = "timeout"
    if ended_by != "server":
        call.cancel()
    t.join(2)
    deadline = time.time() + 2
    while call.code() is None and time.time() < deadline:
        time.sleep(0.01)
    code = call.code()
    out = {
        "statuses": list(statuses[: max(args.updates, 0)] if ended_by == "updates" else statuses),
        "ended_by": ended_by,
        "code": code.name if code is not None else None,
        "details": call.details() or "",
    }
    print(json.dumps(out, ensure_ascii=False))
    channel.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
