#!/usr/bin/env node
// Interop client for the Payouts service using @grpc/grpc-js, contracts loaded from proto/ at run time.
//
//   PAYOUTS_USER_TOKEN=... PAYOUTS_OTHER_USER_TOKEN=... PAYOUTS_CREDIT_TOKEN=... \
//   node tests/Interop/clients/node/interop_client.js --server_host=127.0.0.1 --server_port=PORT --test_case=NAME
//
// Success: "PASS <case>" on stdout, exit 0. Failure: "FAIL <case>: <reason>" on stderr, exit 1.
// Every case is bounded by a 20 s watchdog. Cases: payouts_cases.js and the README beside.
'use strict';

const CASE_TIMEOUT_MS = 20000;

function parseArgs(argv) {
  const args = {};
  for (const a of argv) {
    const m = /^--([^=]+)=(.*)$/s.exec(a);
    if (!m) throw new Error(`unexpected argument ${a} (want --name=value)`);
    args[m[1]] = m[2];
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const testCase = args.test_case || '';
const host = args.server_host || '127.0.0.1';
const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${args.server_port}` : `${host}:${args.server_port}`;

let finished = false;
function pass() {
  if (finished) return;
  finished = true;
  process.stdout.write(`PASS ${testCase}\n`, () => process.exit(0));
}
function fail(reason) {
  if (finished) return;
  finished = true;
  process.stderr.write(`FAIL ${testCase}: ${reason}\n`, () => process.exit(1));
}

async function main() {
  if (!testCase || !args.server_port) {
    process.stderr.write('usage: node interop_client.js --server_host=H --server_port=P --test_case=NAME\n');
    process.exit(2);
  }
  // Loaded here, so a missing node_modules or proto folder is reported as this case's failure.
  const { cases, Payouts } = require('./payouts_cases');
  const { AssertionFailure } = require('./payouts_calls');
  const { MissingToken } = require('./tokens');
  const run = cases[testCase];
  if (!run) return fail(`unknown test case (known: ${Object.keys(cases).join(', ')})`);
  const watchdog = setTimeout(() => fail(`case did not finish within ${CASE_TIMEOUT_MS / 1000} s`), CASE_TIMEOUT_MS);
  const payouts = new Payouts(address);
  try {
    await run(payouts);
    pass();
  } catch (e) {
    fail(e instanceof AssertionFailure || e instanceof MissingToken ? e.message : e.stack || String(e));
  } finally {
    clearTimeout(watchdog);
    payouts.close();
  }
}

process.on('unhandledRejection', (e) => fail(e && e.stack ? e.stack : String(e)));
process.on('uncaughtException', (e) => fail(e && e.stack ? e.stack : String(e)));
main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
