'use strict';
// Bearer tokens handed in by whoever runs the client (the C# test mints them with the service's
// test key). Environment, not arguments, so tokens do not show in process listings:
//   PAYOUTS_USER_TOKEN        a user's token; cases move that user's money
//   PAYOUTS_OTHER_USER_TOKEN  another user's token, to show one user cannot read the other's cashouts
//   PAYOUTS_CREDIT_TOKEN      a service token with the balances:write scope, to fund the user

const crypto = require('crypto');

const USER = 'PAYOUTS_USER_TOKEN';
const OTHER_USER = 'PAYOUTS_OTHER_USER_TOKEN';
const CREDIT = 'PAYOUTS_CREDIT_TOKEN';

class MissingToken extends Error {}

function required(name) {
  const value = process.env[name];
  if (!value) throw new MissingToken(`set ${name} (see tests/Interop/clients/README.md)`);
  return value;
}

// The token's sub: CreditBalance names the user it credits.
function subject(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).sub;
}

// The same header (kid) and claims, signed with a key the server does not have.
function forged(token) {
  const [header, payload] = token.split('.');
  const signature = crypto.createHmac('sha256', crypto.randomBytes(32)).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

module.exports = { USER, OTHER_USER, CREDIT, MissingToken, required, subject, forged };
