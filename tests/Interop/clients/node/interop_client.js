#!/usr/bin/env node
// gRPC interop client driver (grpc.testing.TestService) using @grpc/grpc-js.
//
//   node tests/Interop/clients/node/interop_client.js \
//        --server_host=127.0.0.1 --server_port=PORT --test_case=NAME
//
// Loads grpc/testing/test.proto from $GRPC_PROTO_ROOT (default /usr/share/grpc-proto).
// Success: prints "PASS <case>" on stdout, exit 0.
// Failure: prints "FAIL <case>: <reason>" on stderr, exit 1. Every case is bounded
// by a 20 s watchdog. Case semantics follow grpc's doc/interop-test-descriptions.md.
'use strict';

const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

function resolveFromRepo(name) {
  try {
    return require.resolve(name); // normal upward node_modules lookup (reaches REPO_ROOT/node_modules)
  } catch (e) {
    return require.resolve(path.join(REPO_ROOT, 'node_modules', name));
  }
}

const GRPC_JS_MAIN = resolveFromRepo('@grpc/grpc-js');
const grpc = require(GRPC_JS_MAIN);
const protoLoader = require(resolveFromRepo('@grpc/proto-loader'));

// grpc-js does not expose the per-message "compressed" flag. Its CompressionFilter sits at
// the bottom of the filter stack and receives the still-framed message (5-byte prefix), and
// it removes grpc-encoding from the response metadata. Wrap both to observe the wire.
const wire = { flags: [], encodings: [] };
(function instrumentCompressionFilter() {
  const cf = require(path.join(path.dirname(GRPC_JS_MAIN), 'compression-filter.js'));
  const proto = cf.CompressionFilter.prototype;
  const origReceiveMessage = proto.receiveMessage;
  proto.receiveMessage = async function (message) {
    const framed = await message;
    if (Buffer.isBuffer(framed) && framed.length >= 5) {
      wire.flags.push(framed.readUInt8(0));
    }
    return origReceiveMessage.call(this, framed);
  };
  const origReceiveMetadata = proto.receiveMetadata;
  proto.receiveMetadata = function (metadata) {
    const enc = metadata.get('grpc-encoding');
    wire.encodings.push(enc.length ? String(enc[0]) : null);
    return origReceiveMetadata.call(this, metadata);
  };
})();

// ---------------------------------------------------------------------------------------
// arguments

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    if (eq >= 0) {
      args[a.slice(2, eq)] = a.slice(eq + 1);
    } else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) {
      args[a.slice(2)] = argv[++i];
    } else {
      args[a.slice(2)] = 'true';
    }
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const testCase = args.test_case || '';
const host = args.server_host || '127.0.0.1';
const port = args.server_port;
const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
const CASE_TIMEOUT_MS = 20000;
const CALL_TIMEOUT_MS = 15000; // deadline for every call that is not meant to time out

let finished = false;
function pass() {
  if (finished) return;
  finished = true;
  process.stdout.write(`PASS ${testCase}\n`, () => process.exit(0));
}
function fail(reason) {
  if (finished) return;
  finished = true;
  const text = reason instanceof Error ? (reason.stack || reason.message) : String(reason);
  process.stderr.write(`FAIL ${testCase}: ${text}\n`, () => process.exit(1));
}

class AssertionFailure extends Error {}
function check(cond, message) {
  if (!cond) throw new AssertionFailure(message);
}

// ---------------------------------------------------------------------------------------
// proto + clients

const PROTO_ROOT = process.env.GRPC_PROTO_ROOT || '/usr/share/grpc-proto';
let pkg;
function loadProtos() {
  const def = protoLoader.loadSync('grpc/testing/test.proto', {
    includeDirs: [PROTO_ROOT],
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  pkg = grpc.loadPackageDefinition(def).grpc.testing;
}

const clients = [];
function newClient(ServiceCtor, options) {
  const c = new ServiceCtor(address, grpc.credentials.createInsecure(), options || {});
  clients.push(c);
  return c;
}

function deadline(ms) {
  return Date.now() + (ms === undefined ? CALL_TIMEOUT_MS : ms);
}

const STATUS_NAMES = Object.fromEntries(Object.entries(grpc.status).map(([k, v]) => [v, k]));
function codeName(code) {
  return `${STATUS_NAMES[code] || '?'}(${code})`;
}

function zeros(n) {
  return Buffer.alloc(n);
}

function bodyOf(msg) {
  return msg && msg.payload && msg.payload.body ? msg.payload.body : Buffer.alloc(0);
}

function checkPayload(msg, size, what) {
  const body = bodyOf(msg);
  check(body.length === size, `${what}: payload body is ${body.length} bytes, expected ${size}`);
  check(!body.some((b) => b !== 0), `${what}: payload body is not all zeros`);
}

// Unary call -> Promise<{err, response, initial, status}> (never rejects).
function unary(client, method, request, metadata, options) {
  return new Promise((resolve) => {
    const out = { err: null, response: undefined, initial: null, status: null };
    let gotCallback = false;
    const maybeResolve = () => {
      if (gotCallback && out.status) resolve(out);
    };
    const call = client[method](
      request,
      metadata || new grpc.Metadata(),
      Object.assign({ deadline: deadline() }, options || {}),
      (err, response) => {
        out.err = err;
        out.response = response;
        gotCallback = true;
        maybeResolve();
      },
    );
    call.on('metadata', (md) => {
      out.initial = md;
    });
    call.on('status', (st) => {
      out.status = st;
      maybeResolve();
    });
  });
}

// Attach collectors to a readable call -> Promise<{messages, initial, status, error}>.
function collect(call, onData) {
  return new Promise((resolve) => {
    const out = { messages: [], initial: null, status: null, error: null };
    call.on('metadata', (md) => {
      out.initial = md;
    });
    call.on('data', (m) => {
      out.messages.push(m);
      if (onData) onData(m, out.messages.length);
    });
    call.on('error', (e) => {
      out.error = e;
    });
    call.on('status', (st) => {
      out.status = st;
      // 'end' may come after 'status'; status is final for our purposes.
      setImmediate(() => resolve(out));
    });
  });
}

function expectOk(result, what) {
  const st = result.status;
  check(st, `${what}: no status`);
  check(
    st.code === grpc.status.OK,
    `${what}: expected OK, got ${codeName(st.code)} ${JSON.stringify(st.details)}`,
  );
}

function expectCode(result, code, what) {
  const st = result.status;
  check(st, `${what}: no status`);
  check(
    st.code === code,
    `${what}: expected ${codeName(code)}, got ${codeName(st.code)} ${JSON.stringify(st.details)}`,
  );
}

const LARGE_REQ_SIZE = 271828;
const LARGE_RESP_SIZE = 314159;
const STREAM_REQ_SIZES = [27182, 8, 1828, 45904];
const STREAM_RESP_SIZES = [31415, 9, 2653, 58979];

// ---------------------------------------------------------------------------------------
// cases

const cases = {
  async empty_unary() {
    const c = newClient(pkg.TestService);
    const r = await unary(c, 'EmptyCall', {});
    expectOk(r, 'EmptyCall');
    check(r.response !== undefined && r.response !== null, 'EmptyCall: response is null');
  },

  async large_unary() {
    const c = newClient(pkg.TestService);
    const r = await unary(c, 'UnaryCall', {
      response_type: 'COMPRESSABLE',
      response_size: LARGE_RESP_SIZE,
      payload: { body: zeros(LARGE_REQ_SIZE) },
    });
    expectOk(r, 'UnaryCall');
    checkPayload(r.response, LARGE_RESP_SIZE, 'UnaryCall');
  },

  async client_compressed_unary() {
    const request = (expect) => ({
      expect_compressed: { value: expect },
      response_size: LARGE_RESP_SIZE,
      payload: { body: zeros(LARGE_REQ_SIZE) },
    });
    // Separate channels: grpc-js shares the server's grpc-accept-encoding between calls of one
    // channel and silently stops compressing if the server did not list gzip.
    const plain = newClient(pkg.TestService);
    const gzip = newClient(pkg.TestService, { 'grpc.default_compression_algorithm': 2 });

    // 1) feature probe: expect_compressed=true sent uncompressed -> INVALID_ARGUMENT
    const probe = await unary(plain, 'UnaryCall', request(true));
    expectCode(probe, grpc.status.INVALID_ARGUMENT, 'probe (expect_compressed=true, uncompressed)');

    // 2) expect_compressed=true sent gzip-compressed -> OK
    const compressed = await unary(gzip, 'UnaryCall', request(true));
    expectOk(compressed, 'compressed call (expect_compressed=true, gzip)');
    checkPayload(compressed.response, LARGE_RESP_SIZE, 'compressed call');

    // 3) expect_compressed=false sent uncompressed -> OK
    const uncompressed = await unary(plain, 'UnaryCall', request(false));
    expectOk(uncompressed, 'uncompressed call (expect_compressed=false)');
    checkPayload(uncompressed.response, LARGE_RESP_SIZE, 'uncompressed call');
  },

  async server_compressed_unary() {
    const c = newClient(pkg.TestService);
    for (const compressed of [true, false]) {
      const what = `UnaryCall(response_compressed=${compressed})`;
      wire.flags.length = 0;
      wire.encodings.length = 0;
      const r = await unary(c, 'UnaryCall', {
        response_compressed: { value: compressed },
        response_size: LARGE_RESP_SIZE,
        payload: { body: zeros(LARGE_REQ_SIZE) },
      });
      expectOk(r, what);
      checkPayload(r.response, LARGE_RESP_SIZE, what);
      check(wire.flags.length === 1, `${what}: observed ${wire.flags.length} framed response messages, expected 1`);
      const enc = wire.encodings[0];
      if (compressed) {
        check(wire.flags[0] === 1, `${what}: response message compressed flag is ${wire.flags[0]}, expected 1`);
        check(enc && enc !== 'identity', `${what}: compressed message but grpc-encoding header is ${enc}`);
      } else {
        check(wire.flags[0] === 0, `${what}: response message compressed flag is ${wire.flags[0]}, expected 0`);
      }
    }
  },

  async client_streaming() {
    const c = newClient(pkg.TestService);
    const r = await new Promise((resolve) => {
      const out = { status: null, response: undefined, err: null };
      let cb = false;
      const call = c.StreamingInputCall({ deadline: deadline() }, (err, resp) => {
        out.err = err;
        out.response = resp;
        cb = true;
        if (out.status) resolve(out);
      });
      call.on('status', (st) => {
        out.status = st;
        if (cb) resolve(out);
      });
      for (const n of STREAM_REQ_SIZES) call.write({ payload: { body: zeros(n) } });
      call.end();
    });
    expectOk(r, 'StreamingInputCall');
    const agg = r.response.aggregated_payload_size;
    check(agg === 74922, `aggregated_payload_size is ${agg}, expected 74922`);
  },

  async server_streaming() {
    const c = newClient(pkg.TestService);
    const call = c.StreamingOutputCall(
      {
        response_type: 'COMPRESSABLE',
        response_parameters: STREAM_RESP_SIZES.map((size) => ({ size })),
      },
      { deadline: deadline() },
    );
    const r = await collect(call);
    expectOk(r, 'StreamingOutputCall');
    check(r.messages.length === 4, `got ${r.messages.length} responses, expected 4`);
    r.messages.forEach((m, i) => checkPayload(m, STREAM_RESP_SIZES[i], `response #${i + 1}`));
  },

  async ping_pong() {
    const c = newClient(pkg.TestService);
    const call = c.FullDuplexCall({ deadline: deadline() });
    const send = (i) =>
      call.write({
        response_type: 'COMPRESSABLE',
        response_parameters: [{ size: STREAM_RESP_SIZES[i] }],
        payload: { body: zeros(STREAM_REQ_SIZES[i]) },
      });
    let orderError = null;
    const done = collect(call, (m, count) => {
      const i = count - 1;
      const body = bodyOf(m);
      if (i >= STREAM_RESP_SIZES.length) {
        orderError = orderError || `unexpected extra response #${count}`;
      } else if (body.length !== STREAM_RESP_SIZES[i]) {
        orderError = orderError || `response #${count} is ${body.length} bytes, expected ${STREAM_RESP_SIZES[i]}`;
      }
      if (count < STREAM_REQ_SIZES.length) send(count);
      else if (count === STREAM_REQ_SIZES.length) call.end();
    });
    send(0);
    const r = await done;
    expectOk(r, 'FullDuplexCall');
    check(!orderError, orderError);
    check(r.messages.length === 4, `got ${r.messages.length} responses, expected 4`);
    r.messages.forEach((m, i) => checkPayload(m, STREAM_RESP_SIZES[i], `response #${i + 1}`));
  },

  async empty_stream() {
    const c = newClient(pkg.TestService);
    const call = c.FullDuplexCall({ deadline: deadline() });
    const done = collect(call);
    call.end();
    const r = await done;
    expectOk(r, 'FullDuplexCall');
    check(r.messages.length === 0, `got ${r.messages.length} responses, expected 0`);
  },

  async status_code_and_message() {
    await echoStatusCase(2, 'test status message');
  },

  async special_status_message() {
    await echoStatusCase(2, '\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \u{1F608}\t\n', true);
  },

  async custom_metadata() {
    const c = newClient(pkg.TestService);
    const INITIAL_KEY = 'x-grpc-test-echo-initial';
    const INITIAL_VALUE = 'test_initial_metadata_value';
    const TRAILING_KEY = 'x-grpc-test-echo-trailing-bin';
    const TRAILING_VALUE = Buffer.from([0xab, 0xab, 0xab]);
    const md = () => {
      const m = new grpc.Metadata();
      m.set(INITIAL_KEY, INITIAL_VALUE);
      m.set(TRAILING_KEY, TRAILING_VALUE);
      return m;
    };
    const verify = (initial, trailing, what) => {
      check(initial, `${what}: no initial metadata`);
      const iv = initial.get(INITIAL_KEY);
      check(
        iv.length === 1 && iv[0] === INITIAL_VALUE,
        `${what}: initial metadata ${INITIAL_KEY} = ${JSON.stringify(iv)}, expected ["${INITIAL_VALUE}"]`,
      );
      check(trailing, `${what}: no trailing metadata`);
      const tv = trailing.get(TRAILING_KEY);
      check(
        tv.length === 1 && Buffer.isBuffer(tv[0]) && tv[0].equals(TRAILING_VALUE),
        `${what}: trailing metadata ${TRAILING_KEY} = ${JSON.stringify(tv.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))}, expected ["ababab"]`,
      );
      check(
        initial.get(TRAILING_KEY).length === 0,
        `${what}: ${TRAILING_KEY} was echoed in the initial metadata (must be trailers only)`,
      );
    };

    // 1) UnaryCall
    const r = await unary(c, 'UnaryCall', {
      response_type: 'COMPRESSABLE',
      response_size: LARGE_RESP_SIZE,
      payload: { body: zeros(LARGE_REQ_SIZE) },
    }, md());
    expectOk(r, 'UnaryCall');
    checkPayload(r.response, LARGE_RESP_SIZE, 'UnaryCall');
    verify(r.initial, r.status.metadata, 'UnaryCall');

    // 2) FullDuplexCall
    const call = c.FullDuplexCall(md(), { deadline: deadline() });
    const done = collect(call);
    call.write({
      response_type: 'COMPRESSABLE',
      response_parameters: [{ size: LARGE_RESP_SIZE }],
      payload: { body: zeros(LARGE_REQ_SIZE) },
    });
    call.end();
    const s = await done;
    expectOk(s, 'FullDuplexCall');
    check(s.messages.length === 1, `FullDuplexCall: got ${s.messages.length} responses, expected 1`);
    checkPayload(s.messages[0], LARGE_RESP_SIZE, 'FullDuplexCall');
    verify(s.initial, s.status.metadata, 'FullDuplexCall');
  },

  async unimplemented_method() {
    const c = newClient(pkg.TestService);
    const r = await unary(c, 'UnimplementedCall', {});
    expectCode(r, grpc.status.UNIMPLEMENTED, 'TestService/UnimplementedCall');
  },

  async unimplemented_service() {
    const c = newClient(pkg.UnimplementedService);
    const r = await unary(c, 'UnimplementedCall', {});
    expectCode(r, grpc.status.UNIMPLEMENTED, 'UnimplementedService/UnimplementedCall');
  },

  async timeout_on_sleeping_server() {
    const c = newClient(pkg.TestService);
    // Make sure the channel is connected first, so the 1 ms deadline measures the RPC and not
    // the TCP/HTTP2 handshake (both end DEADLINE_EXCEEDED anyway).
    await new Promise((resolve, reject) =>
      c.waitForReady(deadline(5000), (err) => (err ? reject(new Error(`channel not ready: ${err.message}`)) : resolve())),
    );
    const call = c.FullDuplexCall({ deadline: Date.now() + 1 });
    const done = collect(call);
    call.write({ payload: { body: zeros(27182) } });
    const r = await done;
    expectCode(r, grpc.status.DEADLINE_EXCEEDED, 'FullDuplexCall with 1 ms timeout');
  },

  async cancel_after_begin() {
    const c = newClient(pkg.TestService);
    const r = await new Promise((resolve) => {
      const out = { status: null, err: null };
      const call = c.StreamingInputCall({ deadline: deadline() }, (err) => {
        out.err = err;
      });
      call.on('status', (st) => {
        out.status = st;
        setImmediate(() => resolve(out));
      });
      call.cancel();
    });
    expectCode(r, grpc.status.CANCELLED, 'StreamingInputCall cancelled after begin');
  },

  async cancel_after_first_response() {
    const c = newClient(pkg.TestService);
    const call = c.FullDuplexCall({ deadline: deadline() });
    const done = collect(call, (m, count) => {
      if (count === 1) call.cancel();
    });
    call.write({
      response_type: 'COMPRESSABLE',
      response_parameters: [{ size: 31415 }],
      payload: { body: zeros(27182) },
    });
    const r = await done;
    check(r.messages.length >= 1, 'no response received before the call ended');
    checkPayload(r.messages[0], 31415, 'first response');
    expectCode(r, grpc.status.CANCELLED, 'FullDuplexCall cancelled after first response');
  },
};

async function echoStatusCase(code, message) {
  const c = newClient(pkg.TestService);
  // 1) UnaryCall
  const r = await unary(c, 'UnaryCall', { response_status: { code, message } });
  expectCode(r, code, 'UnaryCall');
  check(
    r.status.details === message,
    `UnaryCall: status message ${JSON.stringify(r.status.details)}, expected ${JSON.stringify(message)}`,
  );
  // 2) FullDuplexCall, then half-close
  const call = c.FullDuplexCall({ deadline: deadline() });
  const done = collect(call);
  call.write({ response_status: { code, message } });
  call.end();
  const s = await done;
  expectCode(s, code, 'FullDuplexCall');
  check(
    s.status.details === message,
    `FullDuplexCall: status message ${JSON.stringify(s.status.details)}, expected ${JSON.stringify(message)}`,
  );
}

// ---------------------------------------------------------------------------------------

async function main() {
  if (!testCase) {
    process.stderr.write(`usage: node interop_client.js --server_host=H --server_port=P --test_case=NAME\ncases: ${Object.keys(cases).join(' ')}\n`);
    process.exit(2);
  }
  const fn = cases[testCase];
  if (!fn) return fail(`unknown test case (known: ${Object.keys(cases).join(', ')})`);
  if (!port) return fail('--server_port is required');
  if (args.use_tls && args.use_tls !== 'false') return fail('--use_tls=true is not supported');
  const watchdog = setTimeout(() => fail(`case did not finish within ${CASE_TIMEOUT_MS / 1000} s`), CASE_TIMEOUT_MS);
  try {
    loadProtos();
    await fn();
    clearTimeout(watchdog);
    for (const c of clients) c.close();
    pass();
  } catch (e) {
    clearTimeout(watchdog);
    fail(e instanceof AssertionFailure ? e.message : e);
  }
}

process.on('unhandledRejection', (e) => fail(e));
process.on('uncaughtException', (e) => fail(e));
main();
