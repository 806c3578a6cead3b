#!/usr/bin/python3
"""gRPC interop client driver (grpc.testing.TestService) using Debian's grpcio.

    /usr/bin/python3 tests/Interop/clients/python/interop_client.py \
        --server_host=127.0.0.1 --server_port=PORT --test_case=NAME

Success: "PASS <case>" on stdout, exit 0. Failure: "FAIL <case>: <reason>" on stderr,
exit 1. Every case is bounded by a 20 s watchdog. Case semantics follow grpc's
doc/interop-test-descriptions.md. Run with /usr/bin/python3 (Debian's grpcio/protobuf).
"""

import argparse
import os
import sys
import threading
import traceback

sys.dont_write_bytecode = True  # keep the repo free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from request_pipe import Pipe  # noqa: E402  (needs the path above)

CASE_TIMEOUT_S = 20.0
CALL_TIMEOUT_S = 15.0

LARGE_REQ_SIZE = 271828
LARGE_RESP_SIZE = 314159
STREAM_REQ_SIZES = [27182, 8, 1828, 45904]
STREAM_RESP_SIZES = [31415, 9, 2653, 58979]

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_INITIAL_VALUE = "test_initial_metadata_value"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"
ECHO_TRAILING_VALUE = b"\xab\xab\xab"

SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001f608\t\n"

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


class AssertionFailure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise AssertionFailure(message)




class Interop:
    def __init__(self, target):
        import grpc
        import interop_protos

        self.grpc = grpc
        self.m = interop_protos.load("grpc.testing.messages_pb2")
        self.e = interop_protos.load("grpc.testing.empty_pb2")
        self.channel = grpc.insecure_channel(target)
        self.pipes = []
        m, e = self.m, self.e

        def uu(path, req, resp):
            return self.channel.unary_unary(path, req.SerializeToString, resp.FromString)

        svc = "/grpc.testing.TestService/"
        self.empty_call = uu(svc + "EmptyCall", e.Empty, e.Empty)
        self.unary_call = uu(svc + "UnaryCall", m.SimpleRequest, m.SimpleResponse)
        self.unimplemented_call = uu(svc + "UnimplementedCall", e.Empty, e.Empty)
        self.unimplemented_service_call = uu(
            "/grpc.testing.UnimplementedService/UnimplementedCall", e.Empty, e.Empty
        )
        self.streaming_output_call = self.channel.unary_stream(
            svc + "StreamingOutputCall",
            m.StreamingOutputCallRequest.SerializeToString,
            m.StreamingOutputCallResponse.FromString,
        )
        self.streaming_input_call = self.channel.stream_unary(
            svc + "StreamingInputCall",
            m.StreamingInputCallRequest.SerializeToString,
            m.StreamingInputCallResponse.FromString,
        )
        self.full_duplex_call = self.channel.stream_stream(
            svc + "FullDuplexCall",
            m.StreamingOutputCallRequest.SerializeToString,
            m.StreamingOutputCallResponse.FromString,
        )

    def pipe(self):
        p = Pipe()
        self.pipes.append(p)
        return p

    def close(self):
        for p in self.pipes:
            p.close()
        self.channel.close()

    # -- helpers ------------------------------------------------------------------------

    def check_payload(self, resp, size, what):
        body = resp.payload.body
        check(len(body) == size, "%s: payload body is %d bytes, expected %d" % (what, len(body), size))
        check(body.count(0) == len(body), "%s: payload body is not all zeros" % what)
        check(
            resp.payload.type == self.m.COMPRESSABLE,
            "%s: payload type is %d, expected COMPRESSABLE" % (what, resp.payload.type),
        )

    def expect_ok(self, fn, what):
        try:
            return fn()
        except self.grpc.RpcError as e:
            raise AssertionFailure("%s: expected OK, got %s %r" % (what, e.code().name, e.details()))

    def expect_error(self, fn, code, what):
        try:
            fn()
        except self.grpc.RpcError as e:
            check(
                e.code() == code,
                "%s: expected %s, got %s %r" % (what, code.name, e.code().name, e.details()),
            )
            return e
        raise AssertionFailure("%s: expected %s, but the call succeeded" % (what, code.name))

    def large_request(self, **kw):
        m = self.m
        return m.SimpleRequest(
            response_type=m.COMPRESSABLE,
            response_size=LARGE_RESP_SIZE,
            payload=m.Payload(body=bytes(LARGE_REQ_SIZE)),
            **kw,
        )

    # -- cases --------------------------------------------------------------------------

    def empty_unary(self):
        resp = self.empty_call(self.e.Empty(), timeout=CALL_TIMEOUT_S)
        check(resp is not None, "EmptyCall: response is None")
        check(isinstance(resp, self.e.Empty), "EmptyCall: response is not Empty")

    def large_unary(self):
        resp = self.unary_call(self.large_request(), timeout=CALL_TIMEOUT_S)
        self.check_payload(resp, LARGE_RESP_SIZE, "UnaryCall")

    def client_compressed_unary(self):
        grpc, m = self.grpc, self.m
        # 1) feature probe: expect_compressed=true, uncompressed -> INVALID_ARGUMENT
        self.expect_error(
            lambda: self.unary_call(
                self.large_request(expect_compressed=m.BoolValue(value=True)),
                timeout=CALL_TIMEOUT_S,
                compression=grpc.Compression.NoCompression,
            ),
            grpc.StatusCode.INVALID_ARGUMENT,
            "probe (expect_compressed=true, uncompressed)",
        )
        # 2) expect_compressed=true, gzip -> OK
        resp = self.expect_ok(
            lambda: self.unary_call(
                self.large_request(expect_compressed=m.BoolValue(value=True)),
                timeout=CALL_TIMEOUT_S,
                compression=grpc.Compression.Gzip,
            ),
            "compressed call (expect_compressed=true, gzip)",
        )
        self.check_payload(resp, LARGE_RESP_SIZE, "compressed call")
        # 3) expect_compressed=false, uncompressed -> OK
        resp = self.expect_ok(
            lambda: self.unary_call(
                self.large_request(expect_compressed=m.BoolValue(value=False)),
                timeout=CALL_TIMEOUT_S,
                compression=grpc.Compression.NoCompression,
            ),
            "uncompressed call (expect_compressed=false)",
        )
        self.check_payload(resp, LARGE_RESP_SIZE, "uncompressed call")

    def server_compressed_unary(self):
        # grpcio does not expose the per-message compressed flag (nor the grpc-encoding
        # header): assert the call succeeds and the payload is right for both settings.
        m = self.m
        for compressed in (True, False):
            what = "UnaryCall(response_compressed=%s)" % compressed
            resp = self.expect_ok(
                lambda: self.unary_call(
                    self.large_request(response_compressed=m.BoolValue(value=compressed)),
                    timeout=CALL_TIMEOUT_S,
                ),
                what,
            )
            self.check_payload(resp, LARGE_RESP_SIZE, what)

    def client_streaming(self):
        m = self.m
        reqs = [m.StreamingInputCallRequest(payload=m.Payload(body=bytes(n))) for n in STREAM_REQ_SIZES]
        resp = self.streaming_input_call(iter(reqs), timeout=CALL_TIMEOUT_S)
        check(
            resp.aggregated_payload_size == 74922,
            "aggregated_payload_size is %d, expected 74922" % resp.aggregated_payload_size,
        )

    def server_streaming(self):
        m = self.m
        req = m.StreamingOutputCallRequest(
            response_type=m.COMPRESSABLE,
            response_parameters=[m.ResponseParameters(size=n) for n in STREAM_RESP_SIZES],
        )
        call = self.streaming_output_call(req, timeout=CALL_TIMEOUT_S)
        responses = list(call)
        check(call.code() == self.grpc.StatusCode.OK, "StreamingOutputCall ended %s" % call.code())
        check(len(responses) == 4, "got %d responses, expected 4" % len(responses))
        for i, r in enumerate(responses):
            self.check_payload(r, STREAM_RESP_SIZES[i], "response #%d" % (i + 1))

    def ping_pong(self):
        m = self.m
        pipe = self.pipe()
        call = self.full_duplex_call(pipe, timeout=CALL_TIMEOUT_S)
        for i, (req_size, resp_size) in enumerate(zip(STREAM_REQ_SIZES, STREAM_RESP_SIZES)):
            pipe.add(
                m.StreamingOutputCallRequest(
                    response_type=m.COMPRESSABLE,
                    response_parameters=[m.ResponseParameters(size=resp_size)],
                    payload=m.Payload(body=bytes(req_size)),
                )
            )
            try:
                resp = next(call)
            except StopIteration:
                raise AssertionFailure("stream ended after %d responses, expected 4" % i)
            self.check_payload(resp, resp_size, "response #%d" % (i + 1))
        pipe.close()
        rest = list(call)
        check(not rest, "got %d extra responses after the 4th" % len(rest))
        check(call.code() == self.grpc.StatusCode.OK, "FullDuplexCall ended %s" % call.code())

    def empty_stream(self):
        call = self.full_duplex_call(iter([]), timeout=CALL_TIMEOUT_S)
        responses = list(call)
        check(call.code() == self.grpc.StatusCode.OK, "FullDuplexCall ended %s" % call.code())
        check(len(responses) == 0, "got %d responses, expected 0" % len(responses))

    def _echo_status(self, code_num, message):
        grpc, m = self.grpc, self.m
        code = next(c for c in grpc.StatusCode if c.value[0] == code_num)
        status = m.EchoStatus(code=code_num, message=message)
        # 1) UnaryCall
        e = self.expect_error(
            lambda: self.unary_call(m.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT_S),
            code,
            "UnaryCall",
        )
        check(e.details() == message, "UnaryCall: status message %r, expected %r" % (e.details(), message))
        # 2) FullDuplexCall, then half-close
        call = self.full_duplex_call(
            iter([m.StreamingOutputCallRequest(response_status=status)]), timeout=CALL_TIMEOUT_S
        )
        self.expect_error(lambda: list(call), code, "FullDuplexCall")
        check(
            call.details() == message,
            "FullDuplexCall: status message %r, expected %r" % (call.details(), message),
        )

    def status_code_and_message(self):
        self._echo_status(2, "test status message")

    def special_status_message(self):
        self._echo_status(2, SPECIAL_MESSAGE)

    def _verify_echoed_metadata(self, initial, trailing, what):
        initial = list(initial or ())
        trailing = list(trailing or ())
        iv = [v for k, v in initial if k == ECHO_INITIAL_KEY]
        check(
            iv == [ECHO_INITIAL_VALUE],
            "%s: initial metadata %s = %r, expected [%r]" % (what, ECHO_INITIAL_KEY, iv, ECHO_INITIAL_VALUE),
        )
        tv = [v for k, v in trailing if k == ECHO_TRAILING_KEY]
        check(
            tv == [ECHO_TRAILING_VALUE],
            "%s: trailing metadata %s = %r, expected [b'\\xab\\xab\\xab']" % (what, ECHO_TRAILING_KEY, tv),
        )
        check(
            not [1 for k, _ in initial if k == ECHO_TRAILING_KEY],
            "%s: %s was echoed in the initial metadata (must be trailers only)" % (what, ECHO_TRAILING_KEY),
        )

    def custom_metadata(self):
        m = self.m
        md = ((ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE), (ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE))
        # 1) UnaryCall
        resp, call = self.unary_call.with_call(self.large_request(), metadata=md, timeout=CALL_TIMEOUT_S)
        self.check_payload(resp, LARGE_RESP_SIZE, "UnaryCall")
        self._verify_echoed_metadata(call.initial_metadata(), call.trailing_metadata(), "UnaryCall")
        # 2) FullDuplexCall, then half-close
        req = m.StreamingOutputCallRequest(
            response_type=m.COMPRESSABLE,
            response_parameters=[m.ResponseParameters(size=LARGE_RESP_SIZE)],
            payload=m.Payload(body=bytes(LARGE_REQ_SIZE)),
        )
        call = self.full_duplex_call(iter([req]), metadata=md, timeout=CALL_TIMEOUT_S)
        responses = list(call)
        check(call.code() == self.grpc.StatusCode.OK, "FullDuplexCall ended %s" % call.code())
        check(len(responses) == 1, "FullDuplexCall: got %d responses, expected 1" % len(responses))
        self.check_payload(responses[0], LARGE_RESP_SIZE, "FullDuplexCall")
        self._verify_echoed_metadata(call.initial_metadata(), call.trailing_metadata(), "FullDuplexCall")

    def unimplemented_method(self):
        self.expect_error(
            lambda: self.unimplemented_call(self.e.Empty(), timeout=CALL_TIMEOUT_S),
            self.grpc.StatusCode.UNIMPLEMENTED,
            "TestService/UnimplementedCall",
        )

    def unimplemented_service(self):
        self.expect_error(
            lambda: self.unimplemented_service_call(self.e.Empty(), timeout=CALL_TIMEOUT_S),
            self.grpc.StatusCode.UNIMPLEMENTED,
            "UnimplementedService/UnimplementedCall",
        )

    def timeout_on_sleeping_server(self):
        grpc, m = self.grpc, self.m
        # Connect first, so the 1 ms deadline measures the RPC, not the connection setup.
        try:
            grpc.channel_ready_future(self.channel).result(timeout=5)
        except grpc.FutureTimeoutError:
            raise AssertionFailure("channel not ready within 5 s")
        pipe = self.pipe()
        call = self.full_duplex_call(pipe, timeout=0.001)
        pipe.add(m.StreamingOutputCallRequest(payload=m.Payload(body=bytes(27182))))
        self.expect_error(lambda: next(call), grpc.StatusCode.DEADLINE_EXCEEDED, "FullDuplexCall with 1 ms timeout")

    def cancel_after_begin(self):
        pipe = self.pipe()  # never sends anything
        future = self.streaming_input_call.future(pipe, timeout=CALL_TIMEOUT_S)
        future.cancel()
        check(future.cancelled(), "future.cancelled() is False after cancel()")
        check(
            future.code() == self.grpc.StatusCode.CANCELLED,
            "call ended %s, expected CANCELLED" % future.code(),
        )

    def cancel_after_first_response(self):
        grpc, m = self.grpc, self.m
        pipe = self.pipe()
        call = self.full_duplex_call(pipe, timeout=CALL_TIMEOUT_S)
        pipe.add(
            m.StreamingOutputCallRequest(
                response_type=m.COMPRESSABLE,
                response_parameters=[m.ResponseParameters(size=31415)],
                payload=m.Payload(body=bytes(27182)),
            )
        )
        resp = next(call)
        self.check_payload(resp, 31415, "first response")
        call.cancel()
        self.expect_error(lambda: next(call), grpc.StatusCode.CANCELLED, "FullDuplexCall after cancel")
        check(call.code() == grpc.StatusCode.CANCELLED, "call ended %s, expected CANCELLED" % call.code())


CASES = [
    "empty_unary",
    "large_unary",
    "client_compressed_unary",
    "server_compressed_unary",
    "client_streaming",
    "server_streaming",
    "ping_pong",
    "empty_stream",
    "status_code_and_message",
    "special_status_message",
    "custom_metadata",
    "unimplemented_method",
    "unimplemented_service",
    "timeout_on_sleeping_server",
    "cancel_after_begin",
    "cancel_after_first_response",
]


def main():
    global TEST_CASE
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server_host", default="127.0.0.1")
    ap.add_argument("--server_port", required=True, type=int)
    ap.add_argument("--test_case", required=True)
    ap.add_argument("--server_host_override", default=None, help="ignored (no TLS)")
    ap.add_argument("--use_tls", default="false")
    args = ap.parse_args()
    TEST_CASE = args.test_case

    if args.test_case not in CASES:
        finish_fail("unknown test case (known: %s)" % ", ".join(CASES))
    if args.use_tls.lower() not in ("false", "0", "no"):
        finish_fail("--use_tls=true is not supported")

    watchdog = threading.Timer(
        CASE_TIMEOUT_S, lambda: finish_fail("case did not finish within %d s" % CASE_TIMEOUT_S)
    )
    watchdog.daemon = True
    watchdog.start()

    host = args.server_host
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host
    try:
        t = Interop("%s:%d" % (host, args.server_port))
        try:
            getattr(t, args.test_case)()
        finally:
            t.close()
    except AssertionFailure as e:
        finish_fail(str(e))
    except Exception as e:  # noqa: BLE001 - unexpected RpcError etc.
        import grpc

        if isinstance(e, grpc.RpcError) and hasattr(e, "code"):
            finish_fail("unexpected RPC failure: %s %r" % (e.code().name, e.details()))
        finish_fail("unexpected exception: %s" % "".join(traceback.format_exception(e)).strip())
    watchdog.cancel()
    finish_pass()


if __name__ == "__main__":
    main()
