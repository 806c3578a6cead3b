'use strict';
// The interop cases against the Payouts service, as its real callers would meet it (@grpc/grpc-js).
// Amounts are Tipalti's (1000..5000000 minor units) and avoid the sandbox's magic endings 13/66/77.
// Every case measures balances and cashouts relative to what it found, so it can run again for the same user.

const { grpc } = require('./payouts_protos');
const tokens = require('./tokens');
const wire = require('./wire');
const { Payouts, bearer, check, details, error, newKey, ok, unary } = require('./payouts_calls');

const S = grpc.status;
const UNAUTHENTICATED = 'User not authenticated';
const GZIP = { 'grpc.default_compression_algorithm': 2 };
const cashoutRequest = (amount) => ({ type: 'tipalti', amount: String(amount) });

const cases = {
  async cashout_round_trip(p) {
    const user = tokens.required(tokens.USER);
    const before = await p.balance(user);
    await p.fund(user, 50000);
    await p.linkTipalti(user);
    const methods = await ok(unary(p.link, 'ListCashoutMethods', {}, bearer(user)), 'ListCashoutMethods');
    const tipalti = methods.cashout_methods.find((m) => m.provider === 'tipalti');
    check(tipalti && tipalti.status === 'CASHOUT_METHOD_STATUS_LINKED', `ListCashoutMethods: tipalti is not LINKED in ${JSON.stringify(methods)}`);

    const [funded, earlier] = [await p.balance(user), await p.cashouts(user)];
    const done = await ok(unary(p.cashout, 'ProcessCashout', cashoutRequest(12345), bearer(user, newKey())), 'ProcessCashout');
    check(done.message === 'Cashout processed successfully' && done.amount === '12345' && done.type === 'tipalti'
      && done.status === 'pending' && BigInt(done.cashout_id) > 0n, `ProcessCashout answered ${JSON.stringify(done)}`);
    const listed = await p.debitedOnce(user, funded, earlier, 12345, 'after ProcessCashout');
    check(listed.id === done.cashout_id, `ListCashouts: the new cashout is ${listed.id}, not ${done.cashout_id}`);
    const now = await p.balance(user);
    check(BigInt(now.available) === BigInt(before.available) + 50000n - 12345n, 'GetBalance: credit and cashout do not add up');

    const got = (await ok(unary(p.cashout, 'GetCashout', { cashout_id: done.cashout_id }, bearer(user)), 'GetCashout')).cashout;
    check(got.id === done.cashout_id && got.amount === '12345' && got.currency === 'USD' && got.provider === 'tipalti'
      && got.status === 'pending', `GetCashout answered ${JSON.stringify(got)}`);
    await error(unary(p.cashout, 'GetCashout', { cashout_id: done.cashout_id }, bearer(tokens.required(tokens.OTHER_USER))),
      S.NOT_FOUND, "GetCashout of another user's cashout");
  },

  async idempotent_cashout_replay(p) {
    const user = await p.fundedAndLinked(50000);
    const [before, earlier, key] = [await p.balance(user), await p.cashouts(user), newKey()];
    const first = await ok(unary(p.cashout, 'ProcessCashout', cashoutRequest(2500), bearer(user, key)), 'ProcessCashout');
    const again = await ok(unary(p.cashout, 'ProcessCashout', cashoutRequest(2500), bearer(user, key)),
      'ProcessCashout replayed with the same idempotency-key');
    check(JSON.stringify(again) === JSON.stringify(first), `the replay answered ${JSON.stringify(again)}, the first call ${JSON.stringify(first)}`);
    await p.debitedOnce(user, before, earlier, 2500, 'after the replay');

    const reused = await error(unary(p.cashout, 'ProcessCashout', cashoutRequest(2600), bearer(user, key)),
      S.INVALID_ARGUMENT, 'the same idempotency-key with another amount');
    const status = details(reused, 'key reused');
    check(status.violations.map((v) => v.field).join() === 'amount' && status.reason === 'idempotency.key_reused',
      `key reused: details ${JSON.stringify(status)}, expected field amount and reason idempotency.key_reused`);

    const other = await ok(unary(p.cashout, 'ProcessCashout', cashoutRequest(2500), bearer(user, newKey())), 'ProcessCashout with a new idempotency-key');
    check(other.cashout_id !== first.cashout_id, `a new key answered the first cashout ${first.cashout_id} again`);
  },

  async unauthenticated(p) {
    const user = tokens.required(tokens.USER);
    const raw = (value) => {
      const md = new grpc.Metadata();
      md.set('authorization', value);
      return md;
    };
    for (const [what, metadata] of [
      ['no authorization', new grpc.Metadata()],
      ['a token that is not a JWT', raw('Bearer not-a-jwt')],
      ['a JWT signed with another key', bearer(tokens.forged(user))],
      ['a token sent without the Bearer scheme', raw(user)],
    ]) {
      await error(unary(p.cashout, 'GetBalance', { currency: 'USD' }, metadata), S.UNAUTHENTICATED, `GetBalance with ${what}`, UNAUTHENTICATED);
    }
    const keyOnly = new grpc.Metadata();
    keyOnly.set('idempotency-key', newKey());
    await error(unary(p.cashout, 'ProcessCashout', cashoutRequest(2500), keyOnly), S.UNAUTHENTICATED, 'ProcessCashout without a token', UNAUTHENTICATED);
    await p.balance(user); // the same call with the real token works: the token was what was refused
  },

  async invalid_argument_details(p) {
    const user = tokens.required(tokens.USER);
    for (const [request, message, fields, reason] of [
      [cashoutRequest(5), 'Invalid amount', ['amount'], 'cashout.invalid_amount'],
      [{ type: 'tipalti' }, 'Missing required parameters: type and amount', ['amount'], 'cashout.missing_parameters'],
      [{ type: 'tipalti', amount: '2500', provider: 'paypal' }, 'Invalid provider', ['provider'], 'cashout.provider_mismatch'],
    ]) {
      const what = `ProcessCashout(${JSON.stringify(request)})`;
      const err = await error(unary(p.cashout, 'ProcessCashout', request, bearer(user, newKey())), S.INVALID_ARGUMENT, what, message);
      const status = details(err, what);
      check(status.violations.map((v) => v.field).join() === fields.join(), `${what}: field violations ${JSON.stringify(status.violations)}, expected ${fields}`);
      check(status.violations.every((v) => v.description), `${what}: a violation without a description: ${JSON.stringify(status)}`);
      check(status.reason === reason && status.domain === 'payouts.v1', `${what}: ErrorInfo ${status.reason}/${status.domain}, expected ${reason}/payouts.v1`);
    }

    const err = await error(unary(p.cashout, 'ProcessCashout', cashoutRequest(2500), bearer(user, 'k'.repeat(256))),
      S.INVALID_ARGUMENT, 'ProcessCashout with an idempotency-key of 256 characters');
    check(details(err, 'long idempotency-key').violations.map((v) => v.field).join() === 'idempotency-key', 'long idempotency-key: field not named');
  },

  async permission_denied(p) {
    const user = tokens.required(tokens.USER);
    const before = await p.balance(user);
    const credit = { user_id: tokens.subject(user), amount: '100000', currency: 'USD', reference: newKey() };
    await error(unary(p.cashout, 'CreditBalance', credit, bearer(user)), S.PERMISSION_DENIED,
      "CreditBalance with a user's token", "Missing scope 'balances:write'.");
    check(JSON.stringify(await p.balance(user)) === JSON.stringify(before), 'a refused CreditBalance changed the balance');
  },

  async client_compressed_request(p) {
    const user = tokens.required(tokens.USER);
    // A channel of its own: grpc-js stops compressing on a channel whose server did not list gzip.
    const gzip = p.client('CashoutService', GZIP);
    const before = BigInt((await p.balance(user)).available);
    const credit = { user_id: tokens.subject(user), amount: '4000', currency: 'USD', reference: newKey(), description: 'interop earnings' };
    wire.reset();
    const credited = await ok(unary(gzip, 'CreditBalance', credit, bearer(tokens.required(tokens.CREDIT))), 'CreditBalance sent with gzip');
    check(wire.sentEncodings.join() === 'gzip' && wire.sentFlags.join() === '1',
      `CreditBalance went out with grpc-encoding ${wire.sentEncodings} and compressed flags ${wire.sentFlags}`);
    check(!credited.already_applied && BigInt(credited.available) === before + 4000n, `the compressed credit was not applied: ${JSON.stringify(credited)}`);
  },

  async server_compressed_response(p) {
    wire.reset();
    const balance = await p.balance(tokens.required(tokens.USER));
    check(balance.currency === 'USD', `GetBalance answered ${JSON.stringify(balance)}`);
    // The other user never cashes out in any case: an empty message, which must still decompress.
    const listed = await ok(unary(p.cashout, 'ListCashouts', {}, bearer(tokens.required(tokens.OTHER_USER))), 'ListCashouts (empty)');
    check(listed.cashouts.length === 0, `the other user has cashouts: ${JSON.stringify(listed)}`);
    check(wire.receivedFlags.join() === '1,1', `response messages had compressed flags ${wire.receivedFlags}`);
    check(wire.receivedEncodings.join() === 'gzip,gzip', `responses had grpc-encoding ${wire.receivedEncodings}`);
  },

  async deadline_exceeded(p) {
    const user = await p.fundedAndLinked(50000);
    const [before, earlier, key] = [await p.balance(user), await p.cashouts(user), newKey()];
    await p.waitReady(p.cashout);
    // A deadline already due: a cashout can be answered within 1 ms on loopback, so "1 ms" could be met.
    await error(unary(p.cashout, 'ProcessCashout', cashoutRequest(3100), bearer(user, key), 0), S.DEADLINE_EXCEEDED, 'ProcessCashout with a deadline already due');
    // Whether or not the server got to it, the retry with the same key ends with exactly one cashout.
    await p.cashoutRetrying(user, cashoutRequest(3100), key);
    await p.debitedOnce(user, before, earlier, 3100, 'after the retry');
  },

  async cancel_then_retry(p) {
    const user = await p.fundedAndLinked(50000);
    const [before, earlier, key] = [await p.balance(user), await p.cashouts(user), newKey()];
    await p.waitReady(p.cashout);
    const err = await new Promise((resolve) => {
      const call = p.cashout.ProcessCashout(cashoutRequest(3200), bearer(user, key), { deadline: Date.now() + 15000 }, (e) => resolve(e));
      call.cancel();
    });
    check(err && err.code === S.CANCELLED, `cancelled call ended ${err ? err.code : 'OK'}`);
    await p.cashoutRetrying(user, cashoutRequest(3200), key);
    await p.debitedOnce(user, before, earlier, 3200, 'after the retry');
  },

  async unimplemented_method(p) {
    await error(rawUnary(p, '/payouts.v1.CashoutService/DeleteBalance'), S.UNIMPLEMENTED, 'CashoutService/DeleteBalance');
  },

  async unimplemented_service(p) {
    // A caller built against a contract version the server does not serve.
    await error(rawUnary(p, '/payouts.v2.CashoutService/GetBalance'), S.UNIMPLEMENTED, 'payouts.v2.CashoutService/GetBalance');
  },

  async health_check(p) {
    for (const service of ['', 'payouts.v1.CashoutService', 'payouts.v1.LinkService', 'payouts.v1.PayoutService']) {
      const resp = await ok(unary(p.health, 'Check', { service }), `Check(${JSON.stringify(service)})`);
      check(resp.status === 'SERVING', `Check(${JSON.stringify(service)}): ${resp.status}`);
    }
    await error(unary(p.health, 'Check', { service: 'payouts.v1.NoSuchService' }), S.NOT_FOUND, 'Check of an unknown service');
  },
};

// A method the contracts do not define, called on the cashout client's channel with an empty message.
function rawUnary(p, path) {
  return new Promise((resolve) => {
    p.cashout.makeUnaryRequest(path, () => Buffer.alloc(0), (b) => b, {}, bearer(tokens.required(tokens.USER)),
      { deadline: Date.now() + 15000 }, (err, response) => resolve({ err, response }));
  });
}

module.exports = { cases, Payouts };
