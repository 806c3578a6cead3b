'use strict';
// The Payouts RPCs the interop cases make, through @grpc/grpc-js clients of the loaded contracts.
// Each helper checks what any caller relies on for the step to count as done, and throws an
// AssertionFailure naming the step otherwise. int64 fields arrive as decimal strings.

const crypto = require('crypto');
const { grpc, loadServices, richStatus } = require('./payouts_protos');
const tokens = require('./tokens');

const CALL_TIMEOUT_MS = 15000;
const CURRENCY = 'USD';

class AssertionFailure extends Error {}
function check(cond, message) {
  if (!cond) throw new AssertionFailure(message);
}

const STATUS_NAMES = Object.fromEntries(Object.entries(grpc.status).map(([k, v]) => [v, k]));
const codeName = (code) => `${STATUS_NAMES[code] || '?'}(${code})`;

function bearer(token, idempotencyKey) {
  const md = new grpc.Metadata();
  if (token !== undefined && token !== null) md.set('authorization', `Bearer ${token}`);
  if (idempotencyKey !== undefined) md.set('idempotency-key', idempotencyKey);
  return md;
}

const newKey = () => `interop-${crypto.randomUUID()}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A unary call as a promise of {err, response}; never rejects.
function unary(client, method, request, metadata, deadlineMs) {
  return new Promise((resolve) => {
    client[method](request, metadata || new grpc.Metadata(), { deadline: Date.now() + (deadlineMs ?? CALL_TIMEOUT_MS) },
      (err, response) => resolve({ err, response }));
  });
}

async function ok(pending, what) {
  const { err, response } = await pending;
  check(!err, err && `${what}: expected OK, got ${codeName(err.code)} ${JSON.stringify(err.details)}`);
  return response;
}

// The error of a call that must fail with `code` (and `message`, when given).
async function error(pending, code, what, message) {
  const { err } = await pending;
  check(err, `${what}: expected ${codeName(code)}, but the call succeeded`);
  check(err.code === code, `${what}: expected ${codeName(code)}, got ${codeName(err.code)} ${JSON.stringify(err.details)}`);
  check(message === undefined || err.details === message, `${what}: status message ${JSON.stringify(err.details)}, expected ${JSON.stringify(message)}`);
  return err;
}

function details(err, what) {
  const status = richStatus(err);
  check(status, `${what}: no grpc-status-details-bin trailer`);
  check(status.code === err.code, `${what}: details carry code ${status.code}, the call ended ${codeName(err.code)}`);
  check(status.message === err.details, `${what}: details carry message ${JSON.stringify(status.message)}, the call ended with ${JSON.stringify(err.details)}`);
  return status;
}

class Payouts {
  constructor(address, options) {
    this.address = address;
    this.services = loadServices();
    this.clients = [];
    this.cashout = this.client('CashoutService', options);
    this.link = this.client('LinkService', options);
    this.health = this.client('Health', options);
  }

  client(service, options) {
    const c = new this.services[service](this.address, grpc.credentials.createInsecure(), options || {});
    this.clients.push(c);
    return c;
  }

  close() {
    for (const c of this.clients) c.close();
  }

  // Connect first, so a short deadline measures the RPC and not the TCP and HTTP/2 handshake.
  waitReady(client) {
    return new Promise((resolve, reject) => client.waitForReady(Date.now() + 5000,
      (err) => (err ? reject(new AssertionFailure(`channel not ready: ${err.message}`)) : resolve())));
  }

  balance(token) {
    return ok(unary(this.cashout, 'GetBalance', { currency: CURRENCY }, bearer(token)), 'GetBalance');
  }

  // Credits the user through CreditBalance with the service token.
  async fund(userToken, amount) {
    const before = BigInt((await this.balance(userToken)).available);
    const request = { user_id: tokens.subject(userToken), amount: String(amount), currency: CURRENCY, reference: newKey(), description: 'interop earnings' };
    const credited = await ok(unary(this.cashout, 'CreditBalance', request, bearer(tokens.required(tokens.CREDIT))), 'CreditBalance');
    check(credited.reference === request.reference && !credited.already_applied,
      `CreditBalance: ${JSON.stringify(credited)} does not echo a newly applied reference ${request.reference}`);
    check(BigInt(credited.available) === before + BigInt(amount) && credited.currency === CURRENCY,
      `CreditBalance: available ${credited.available} ${credited.currency}, expected ${before + BigInt(amount)} ${CURRENCY}`);
    return credited;
  }

  // Tipalti payees are created at once, so the user can cash out right after.
  async linkTipalti(userToken) {
    const request = {
      provider: 'tipalti', first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com',
      address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' },
    };
    const linked = await ok(unary(this.link, 'LinkCashoutMethod', request, bearer(userToken)), 'LinkCashoutMethod');
    check(linked.provider === 'tipalti' && linked.payee_id, `LinkCashoutMethod: no Tipalti payee in ${JSON.stringify(linked)}`);
    return linked;
  }

  async fundedAndLinked(amount) {
    const user = tokens.required(tokens.USER);
    await this.fund(user, amount);
    await this.linkTipalti(user);
    return user;
  }

  // ProcessCashout as a careful caller retries it: same key, again while the first attempt is still in flight.
  async cashoutRetrying(token, request, key) {
    const deadline = Date.now() + 10000;
    for (;;) {
      const { err, response } = await unary(this.cashout, 'ProcessCashout', request, bearer(token, key));
      if (!err) return response;
      const status = richStatus(err);
      const inFlight = err.code === grpc.status.ABORTED && status && status.reason === 'idempotency.in_flight';
      check(inFlight && Date.now() < deadline, `ProcessCashout retry: ${codeName(err.code)} ${JSON.stringify(err.details)} ${JSON.stringify(status)}`);
      await sleep(100);
    }
  }

  async cashouts(token) {
    const found = [];
    let page = '';
    do {
      const resp = await ok(unary(this.cashout, 'ListCashouts', { page_size: 100, page_token: page }, bearer(token)), 'ListCashouts');
      found.push(...resp.cashouts);
      page = resp.next_page_token;
    } while (page);
    return found;
  }

  // Exactly one new cashout of `amount`, and the balance moved by it once, whatever happened to earlier attempts.
  async debitedOnce(token, before, cashoutsBefore, amount, what) {
    const after = await this.balance(token);
    const known = new Set(cashoutsBefore.map((c) => c.id));
    const fresh = (await this.cashouts(token)).filter((c) => !known.has(c.id));
    check(fresh.length === 1 && fresh[0].amount === String(amount),
      `${what}: ${fresh.length} new cashouts ${JSON.stringify(fresh.map((c) => [c.id, c.amount]))}, expected one of ${amount}`);
    const moved = (a, b) => BigInt(a) - BigInt(b);
    check(moved(before.available, after.available) === BigInt(amount) && moved(after.reserved, before.reserved) === BigInt(amount),
      `${what}: balance went from ${before.available} available/${before.reserved} reserved to ${after.available}/${after.reserved}, expected ${amount} moved once`);
    return fresh[0];
  }
}

module.exports = { AssertionFailure, CALL_TIMEOUT_MS, CURRENCY, Payouts, bearer, check, codeName, details, error, newKey, ok, unary };
