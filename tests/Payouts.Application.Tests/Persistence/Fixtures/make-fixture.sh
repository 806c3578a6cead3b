#!/usr/bin/env bash
# Builds a small real database with the current release (the baseline build), for the upgrade-in-place test.
# usage: make-fixture.sh <baseline bin folder> <output .db path>
set -euo pipefail
BIN=${1:?baseline bin folder (…/src/Api/bin/Release/net10.0)}
OUT=${2:?output database path}
GRPC=${GRPC_PORT:-50751}; HTTP=${HTTP_PORT:-8781}; SBX=${SANDBOX_PORT:-8791}
rm -f "$OUT" "$OUT-wal" "$OUT-shm"

HOST_ARGS=(--environment Development "--Database:Path=$OUT")
RUN_ARGS=("${HOST_ARGS[@]}"
  "--Kestrel:Endpoints:Grpc:Url=http://localhost:$GRPC" "--Kestrel:Endpoints:Http:Url=http://localhost:$HTTP"
  "--Sandboxes:Port=$SBX" "--Sandboxes:NotificationBaseUrl=http://localhost:$HTTP/notifications/"
  "--Links:CallbackBaseUrl=http://localhost:$HTTP/cashout/link/callback/"
  "--Payouts:PublicBaseUrl=http://localhost:$HTTP/"
  "--Providers:PayPal:BaseUrl=http://localhost:$SBX/paypal/" "--Providers:PayPal:AuthorizeUrl=http://localhost:$SBX/paypal/signin/authorize"
  "--Providers:Payoneer:BaseUrl=http://localhost:$SBX/payoneer/" "--Providers:Payoneer:OAuthTokenUrl=http://localhost:$SBX/payoneer/oauth2/token"
  "--Providers:Tipalti:BaseUrl=http://localhost:$SBX/tipalti/" "--Providers:Tipalti:IpnVerifyUrl=http://localhost:$SBX/tipalti/notif/ipn.aspx"
  "--Providers:Tupay:BaseUrl=http://localhost:$SBX/tupay/" "--Providers:Tupay:NotificationUrl=http://localhost:$HTTP/notifications/tupay")

cd "$BIN"
api() { dotnet Payouts.Api.dll "$@"; }

# The merchant token first: the CLI migrates the new file, exactly as the service would.
MERCHANT=$(api "${HOST_ARGS[@]}" merchant-token create --merchant acme --permission payout)
# Kept beside the file so a test can prove the merchant still authenticates: it opens nothing but this fixture.
printf '%s\n' "$MERCHANT" > "$(dirname "$OUT")/merchant-token.txt"
SVC=$(api dev-token --sub svc --scope balances:write)
U1=$(api dev-token --sub u1); U2=$(api dev-token --sub u2); U3=$(api dev-token --sub u3)

dotnet Payouts.Api.dll "${RUN_ARGS[@]}" >"$OUT.log" 2>&1 &   # dotnet itself, not a function: $! must be its pid
PID=$!
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://localhost:$HTTP/openapi.json" 2>/dev/null && break; sleep 1; done

post() { # token, path, json, [idempotency key]
  local key=()
  [ -n "${4:-}" ] && key=(-H "Idempotency-Key: $4")
  curl -sS -X POST "http://localhost:$HTTP$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' "${key[@]}" -d "$3"
  echo
}

post "$SVC" /cashout/credit '{"user_id":"u1","amount":50000,"currency":"USD","reference":"fund-u1-1"}'
post "$SVC" /cashout/credit '{"user_id":"u2","amount":20000,"currency":"USD","reference":"fund-u2-1"}'
post "$SVC" /cashout/credit '{"user_id":"u3","amount":7500,"currency":"USD","reference":"fund-u3-1"}'
post "$SVC" /cashout/credit '{"user_id":"u3","amount":7500,"currency":"USD","reference":"fund-u3-1"}'   # same reference: applied once
post "$SVC" /cashout/credit '{"user_id":"merchant:acme","amount":100000,"currency":"USD","reference":"fund-acme-1"}'

TIPALTI='{"provider":"tipalti","first_name":"Ana","last_name":"Lopez","email":"ana@example.com","address":{"line1":"1 Main St","city":"Austin","state":"TX","postal_code":"73301","country":"US"}}'
post "$U1" /cashout/link "$TIPALTI"
post "$U2" /cashout/link "${TIPALTI/ana@/bo@}"

post "$U1" /cashout/process '{"type":"tipalti","amount":10000,"provider":"tipalti"}' fixture-u1-paid        # paid
post "$U1" /cashout/process '{"type":"tipalti","amount":2013,"provider":"tipalti"}'                         # rejected: voided
post "$U1" /cashout/process '{"type":"tipalti","amount":3066,"provider":"tipalti"}' fixture-u1-failed       # failed: voided
post "$U2" /cashout/process '{"type":"tipalti","amount":5000,"provider":"tipalti"}' fixture-u2-paid         # paid
post "$U2" /cashout/process '{"type":"tipalti","amount":99000,"provider":"tipalti"}' fixture-u2-too-much    # Insufficient balance, recorded
post "$U3" /cashout/process '{"type":"tipalti","amount":1500,"provider":"tipalti"}'                         # not linked: refused

post "$MERCHANT" /api/payments '{"amount":"25.00","currency":"USD","type":"payout","externalId":"order-1","destination":{"paypal":{"email":"rcpt@example.com"}}}' fixture-acme-1
post "$U2" /cashout/process '{"type":"tipalti","amount":1077,"provider":"tipalti"}' fixture-u2-returned   # paid, then returned
post "$U3" /cashout/link '{"provider":"paypal"}'                                                             # pending until the user returns
post "$MERCHANT" /api/payments '{"amount":"12.34","currency":"USD","type":"payout","externalId":"order-2","description":"waits for the hosted form"}' fixture-acme-2

post "$MERCHANT" /api/payments '{"amount":"40.00","currency":"USD","type":"payout","externalId":"order-3","webhookUrl":"https://hooks.invalid/payouts","destination":{"paypal":{"email":"late@example.com"}}}' fixture-acme-3

sleep 15   # the sandboxes step every 2 s; the dispatcher polls every 5 s

# Left in flight at the stop: Tipalti answers 503 to every submission now, so this one stays reserved and retrying.
curl -sS -X POST "http://localhost:$SBX/tipalti/_sandbox/faults" -H 'Content-Type: application/json' -d '{"operation":"submit","kind":"Unavailable","times":1000}'; echo
post "$U2" /cashout/process '{"type":"tipalti","amount":1500,"provider":"tipalti"}' fixture-u2-in-flight
sleep 3
# SIGTERM, not SIGINT: a background job of a script ignores SIGINT. The host stops its workers and disposes
# the writer, whose connection is the last one to close, which checkpoints the WAL into the file.
kill -TERM "$PID"; wait "$PID"
ls -l "$OUT"*   # after a graceful stop the WAL should already be folded in and gone
[ ! -s "$OUT-wal" ] || sqlite3 "$OUT" "PRAGMA wal_checkpoint(TRUNCATE);"
ls -l "$OUT"*
