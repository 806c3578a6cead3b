#!/usr/bin/env bash
# Per-caller rate limits under load: one user calls GetBalance at half its limit, first alone, then while another
# user calls at ten times its own. The neighbour must never be refused and its latency must not move; the flooder
# must get RESOURCE_EXHAUSTED beyond its limit.
#
#   bench/ratelimit.sh [--limit 100] [--seconds 10] [--port 50093] [--no-build]
#
# The service runs in Production on core 0 with RateLimits:Families:cashouts set to --limit per second (burst the
# same), the generator (bench/CashoutLoad fairness) on core 1.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
SERVER_DLL="$REPO_DIR/src/Api/bin/Release/net10.0/Payouts.Api.dll"
LOAD_DLL="$BENCH_DIR/CashoutLoad/bin/Release/net10.0/Payouts.Bench.CashoutLoad.dll"
LIMIT=100
SECONDS_PER_PHASE=10
PORT=50093
BUILD=1

while [[ $# -gt 0 ]]; do
    case "$1" in
        --limit) LIMIT="$2"; shift 2 ;;
        --seconds) SECONDS_PER_PHASE="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "ratelimit.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

if [[ "$BUILD" == 1 ]]; then
    dotnet build "$REPO_DIR/src/Api/Payouts.Api.csproj" -c Release -v q -nologo >/dev/null
    dotnet build "$BENCH_DIR/CashoutLoad/Payouts.Bench.CashoutLoad.csproj" -c Release -v q -nologo >/dev/null
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    echo "ratelimit.sh: port $PORT is already in use" >&2
    exit 1
fi

RUN_DIR="$(mktemp -d)"
KEY_SECRET="$(head -c 32 /dev/urandom | base64)"
SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; rm -rf "$RUN_DIR"; }
trap cleanup EXIT

( cd "$(dirname "$SERVER_DLL")" && ASPNETCORE_ENVIRONMENT=Production exec taskset -c 0 dotnet "$SERVER_DLL" \
    "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$PORT" "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:$((PORT + 1))" \
    "--Logging:LogLevel:Default=Warning" "--Auth:Keys:0:KeyId=bench" "--Auth:Keys:0:SecretBase64=$KEY_SECRET" \
    "--Database:Path=$RUN_DIR/payouts.db" "--Links:StateKey=$KEY_SECRET" "--Dispatch:Enabled=false" \
    "--RateLimits:Families:cashouts:PermitsPerSecond=$LIMIT" "--RateLimits:Families:cashouts:Burst=$LIMIT" ) \
    > "$RUN_DIR/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$RUN_DIR/server.log" >&2; exit 1; }
    sleep 0.1
done

echo "== Payouts per-caller rate limits  $(date -u '+%Y-%m-%d %H:%M:%SZ')"
echo "machine : $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), service on core 0, generator on core 1"
echo "service : $SERVER_DLL ($(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
taskset -c 1 dotnet "$LOAD_DLL" fairness --port "$PORT" --key-id bench --key-secret "$KEY_SECRET" --limit "$LIMIT" --seconds "$SECONDS_PER_PHASE"
