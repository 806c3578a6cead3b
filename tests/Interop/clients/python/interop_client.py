#!/usr/bin/python3
"""Interop client for the Payouts service using Debian's grpcio (C-core), stubs from proto/payouts/v1.

    PAYOUTS_USER_TOKEN=... PAYOUTS_OTHER_USER_TOKEN=... PAYOUTS_CREDIT_TOKEN=... \
    /usr/bin/python3 tests/Interop/clients/python/interop_client.py \
        --server_host=127.0.0.1 --server_port=PORT --test_case=NAME

Success: "PASS <case>" on stdout, exit 0. Failure: "FAIL <case>: <reason>" on stderr, exit 1.
Every case is bounded by a 20 s watchdog. Cases: see payouts_cases.py and the README beside.
Run with /usr/bin/python3 (Debian's grpcio/protobuf).
"""

import argparse
import os
import sys
import threading
import traceback

sys.dont_write_bytecode = True  # keep the repo free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

CASE_TIMEOUT_S = 20.0

TEST_CASE = ""
_finished = threading.Lock()


def _out(stream, text):
    stream.write(text + "\n")
    stream.flush()


def finish_pass():
    if _finished.acquire(blocking=False):
        _out(sys.stdout, "PASS %s" % TEST_CASE)
        os._exit(0)


def finish_fail(reason):
    if _finished.acquire(blocking=False):
        _out(sys.stderr, "FAIL %s: %s" % (TEST_CASE, reason))
        os._exit(1)


def main():
    global TEST_CASE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server_host", default="127.0.0.1")
    ap.add_argument("--server_port", required=True, type=int)
    ap.add_argument("--test_case", required=True)
    args = ap.parse_args()
    TEST_CASE = args.test_case

    import grpc
    import payouts_cases
    import tokens
    from payouts_calls import Payouts

    case = payouts_cases.CASES.get(args.test_case)
    if case is None:
        finish_fail("unknown test case (known: %s)" % ", ".join(payouts_cases.CASES))

    watchdog = threading.Timer(CASE_TIMEOUT_S, lambda: finish_fail("case did not finish within %d s" % CASE_TIMEOUT_S))
    watchdog.daemon = True
    watchdog.start()

    host = args.server_host
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host
    target = "%s:%d" % (host, args.server_port)
    try:
        client = Payouts(target)
        try:
            case(client, target)
        finally:
            client.close()
    except (payouts_cases.AssertionFailure, tokens.MissingToken) as e:
        finish_fail(str(e))
    except grpc.RpcError as e:
        finish_fail("unexpected RPC failure: %s %r" % (e.code().name, e.details()))
    except Exception as e:  # noqa: BLE001 - anything else is a broken case, reported with its trace
        finish_fail("unexpected exception: %s" % "".join(traceback.format_exception(e)).strip())
    watchdog.cancel()
    finish_pass()


if __name__ == "__main__":
    main()
