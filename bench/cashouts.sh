#!/usr/bin/env bash
# Benchmark ProcessCashout end to end over gRPC with a durable SQLite file (WAL, synchronous=FULL).
#
#   bench/cashouts.sh [--duration 10] [--synchronous FULL] [--users 10000] [--configs 1,16,64]
#                     [--connections 4] [--idempotency-keys] [--warmup 90] [--min-warmup 40]
#                     [--config-warmup 2] [--ceiling-seconds 5] [--port 50091] [--no-build] [--keep-db]
#                     [--server-dll PATH] [--server-arg --Section:Key=value]...
#
# Builds the service (src/Api) and the load generator (bench/CashoutLoad) in Release, measures the
# machine's single-commit ceiling, prepares a fresh database (migrate, link, fund), runs the load at
# each in-flight config (server pinned to core 0, generator to core 1), stops the server, verifies the
# file against every reply (no lost or doubled cents) and prints a table. See bench/README.md.
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"

SERVER_PROJECT="$REPO_DIR/src/Api/Payouts.Api.csproj"
SERVER_DLL="$REPO_DIR/src/Api/bin/Release/net10.0/Payouts.Api.dll"
LOAD_PROJECT="$BENCH_DIR/CashoutLoad/Payouts.Bench.CashoutLoad.csproj"
LOAD_DLL="$BENCH_DIR/CashoutLoad/bin/Release/net10.0/Payouts.Bench.CashoutLoad.dll"

SERVER_CPU=0
CLIENT_CPU=1
KEY_ID=bench

DURATION=10
SYNCHRONOUS=FULL
USERS=10000
CONFIGS=1,16,64
CONNECTIONS=4
IDEMPOTENCY=0
WARMUP=90          # upper bound; the warm-up stops earlier once the server has settled
# Tiering comes in waves: one run's warm-up saw two chunks alike at 10-15 s, with the JIT thread under 1%, and
# "settled" at 236 µs per cashout that the other runs reached only after 50-60 s (about 120 µs); it then measured
# 167 µs per cashout at 64 in flight against 90 for the same build. No run settled for real before 50 s.
MIN_WARMUP=40
CONFIG_WARMUP=2
CEILING_SECONDS=5
PORT=50091         # gRPC (h2c); the HTTP/1.1 endpoint gets PORT+1
BUILD=1
BUILD_SERVER=1     # 0 with --server-dll: measure a service built elsewhere (e.g. a candidate fix)
KEEP_DB=0
SERVER_ARGS=()     # extra configuration for the measured service, e.g. --server-arg --Database:CacheMebibytes=64
AMOUNT=100         # minor units per cashout (paypal's minimum)
FUND=10000000      # minor units credited to each user: far more than any run can cash out

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --duration=*) DURATION="${1#*=}"; shift ;;
        --synchronous) SYNCHRONOUS="$2"; shift 2 ;;
        --synchronous=*) SYNCHRONOUS="${1#*=}"; shift ;;
        --users) USERS="$2"; shift 2 ;;
        --users=*) USERS="${1#*=}"; shift ;;
        --configs) CONFIGS="$2"; shift 2 ;;
        --configs=*) CONFIGS="${1#*=}"; shift ;;
        --connections) CONNECTIONS="$2"; shift 2 ;;
        --connections=*) CONNECTIONS="${1#*=}"; shift ;;
        --idempotency-keys) IDEMPOTENCY=1; shift ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --warmup=*) WARMUP="${1#*=}"; shift ;;
        --min-warmup) MIN_WARMUP="$2"; shift 2 ;;
        --min-warmup=*) MIN_WARMUP="${1#*=}"; shift ;;
        --config-warmup) CONFIG_WARMUP="$2"; shift 2 ;;
        --config-warmup=*) CONFIG_WARMUP="${1#*=}"; shift ;;
        --ceiling-seconds) CEILING_SECONDS="$2"; shift 2 ;;
        --ceiling-seconds=*) CEILING_SECONDS="${1#*=}"; shift ;;
        --port) PORT="$2"; shift 2 ;;
        --port=*) PORT="${1#*=}"; shift ;;
        --no-build) BUILD=0; shift ;;
        --keep-db) KEEP_DB=1; shift ;;
        --server-dll) SERVER_DLL="$(realpath "$2")"; BUILD_SERVER=0; shift 2 ;;
        --server-dll=*) SERVER_DLL="$(realpath "${1#*=}")"; BUILD_SERVER=0; shift ;;
        --server-arg) SERVER_ARGS+=("$2"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "cashouts.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

for v in DURATION USERS CONNECTIONS WARMUP MIN_WARMUP CONFIG_WARMUP CEILING_SECONDS PORT; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "cashouts.sh: --${v,,} must be a whole number" >&2; exit 2; }
done
[[ "$DURATION" -ge 1 && "$USERS" -ge 1 && "$CONNECTIONS" -ge 1 ]] || { echo "cashouts.sh: --duration, --users, --connections must be >= 1" >&2; exit 2; }
[[ "$CONFIGS" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "cashouts.sh: --configs must look like 1,16,64" >&2; exit 2; }
SYNCHRONOUS="${SYNCHRONOUS^^}"
case "$SYNCHRONOUS" in OFF|NORMAL|FULL|EXTRA) ;; *) echo "cashouts.sh: --synchronous must be OFF, NORMAL, FULL or EXTRA" >&2; exit 2 ;; esac
HTTP_PORT=$(( PORT + 1 ))

for tool in dotnet taskset ss base64 head; do
    command -v "$tool" >/dev/null || { echo "cashouts.sh: missing tool: $tool" >&2; exit 2; }
done
if [[ "$(nproc)" -lt 2 ]]; then
    echo "cashouts.sh: needs 2 CPUs (server on core $SERVER_CPU, generator on core $CLIENT_CPU); nproc=$(nproc)" >&2
    exit 2
fi
# perf counts the server's fsync/fdatasync calls (kernel tracepoints, no slowdown). Optional.
COUNT_FSYNCS=()
if command -v perf >/dev/null && perf stat -e syscalls:sys_enter_fdatasync -- true >/dev/null 2>&1; then
    COUNT_FSYNCS=(--count-fsyncs)
    FSYNC_NOTE="counted with perf stat (syscalls:sys_enter_fsync + sys_enter_fdatasync of the server)"
else
    FSYNC_NOTE="not counted (perf with syscall tracepoints unavailable: apt-get install linux-perf, run as root)"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RESULTS_DIR="$BENCH_DIR/results"          # git-ignored (/bench/results/)
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$RESULTS_DIR/cashouts-$STAMP"
mkdir -p "$RUN_DIR"
cd "$RUN_DIR"     # all paths below are absolute; anything stray lands in the results folder
CLK_TCK="$(getconf CLK_TCK)"
DB="$RUN_DIR/payouts.db"
STATE="$RUN_DIR/load-state.json"
TABLE="$RUN_DIR/table.txt"
# A fresh HS256 key for this run only: the service is started in Production, which has no key.
KEY_SECRET="$(head -c 32 /dev/urandom | base64 -w0)"

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
SERVER_PID=""
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "cashouts.sh: server $SERVER_PID did not stop within 10 s of TERM; killing it" >&2
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
cleanup() {
    stop_server
    if [[ "$KEEP_DB" == 0 ]]; then
        rm -f "$DB" "$DB-wal" "$DB-shm" "$RUN_DIR/ceiling.db" "$RUN_DIR/ceiling.db-wal" "$RUN_DIR/ceiling.db-shm" "$STATE.ids"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { [[ -n "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]]; }

FAILURES=0
fail() { echo "CHECK FAILED: $*" >&2; FAILURES=$(( FAILURES + 1 )); }

build() { # name project
    if [[ "$BUILD" == 1 ]]; then
        echo "building $1 (Release): $2"
        if ! dotnet build -c Release -nologo "$2" > "$RUN_DIR/$1-build.log" 2>&1; then
            tail -n 30 "$RUN_DIR/$1-build.log" >&2
            echo "cashouts.sh: build of $1 failed (log: $RUN_DIR/$1-build.log)" >&2
            exit 1
        fi
    fi
}

# The service as deployed: Production, this run's key, both endpoints on loopback, warnings only.
start_server() { # log-name
    local log="$RUN_DIR/$1-server.log"
    for p in "$PORT" "$HTTP_PORT"; do
        if port_busy "$p"; then
            echo "cashouts.sh: port $p is already in use; refusing to benchmark someone else's server" >&2
            exit 1
        fi
    done
    # The dispatcher is off: this measures ProcessCashout's durable write path, and in Production no
    # provider is reachable from here (paying out is covered by the tests, against the sandboxes).
    # From its output folder: the content root (appsettings.json) is the working directory. The
    # subshell execs taskset, which execs dotnet, so $! is the runtime process whose /proc stat the
    # generator reads.
    ( cd "$(dirname "$SERVER_DLL")" && ASPNETCORE_ENVIRONMENT=Production exec taskset -c "$SERVER_CPU" dotnet "$SERVER_DLL" \
        "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$PORT" \
        "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:$HTTP_PORT" \
        "--Logging:LogLevel:Default=Warning" \
        "--Auth:Keys:0:KeyId=$KEY_ID" "--Auth:Keys:0:SecretBase64=$KEY_SECRET" \
        "--Database:Path=$DB" "--Database:Synchronous=$SYNCHRONOUS" \
        "--Links:StateKey=$KEY_SECRET" "--Dispatch:Enabled=false" "${SERVER_ARGS[@]}" ) \
        > "$log" 2>&1 &
    SERVER_PID=$!
    local deadline=$(( $(date +%s) + 60 ))
    until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$log" >&2
            echo "cashouts.sh: server exited before listening on $PORT" >&2
            SERVER_PID=""
            exit 1
        fi
        if [[ $(date +%s) -ge $deadline ]]; then
            echo "cashouts.sh: server did not listen on $PORT within 60 s" >&2
            exit 1
        fi
        sleep 0.1
    done
}

load() { dotnet "$LOAD_DLL" "$@"; }

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
# Everything below also goes to $RUN_DIR/output.txt.
exec > >(tee "$RUN_DIR/output.txt") 2>&1

MACHINE="$(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/MemTotal/ { printf "%.1f GiB", $2/1048576 }' /proc/meminfo), kernel $(uname -r)"
DISK="$(df -hT "$RUN_DIR" | awk 'NR==2 { print $1 " (" $2 ")" }')"
echo "== Payouts ProcessCashout benchmark (durable SQLite)  $(date -u '+%Y-%m-%d %H:%M:%SZ')"
echo "machine : $MACHINE"
echo "disk    : $DISK, database under $RUN_DIR"
echo "dotnet  : $(cd "$REPO_DIR" && dotnet --version)"
echo "service : $SERVER_DLL${SERVER_ARGS[*]:+ with ${SERVER_ARGS[*]}} ($(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && [[ -n "$(git status --porcelain -- src 2>/dev/null)" ]] && echo ', src/ has uncommitted changes'))"
echo "loadavg : $(cut -d' ' -f1-3 /proc/loadavg) (before)"
echo "setup   : server on core $SERVER_CPU (Production, Database:Synchronous=$SYNCHRONOUS, WAL), generator on core $CLIENT_CPU;" \
     "${DURATION}s per config after ${CONFIG_WARMUP}s lead-in, warm-up at 16 in flight until settled (${MIN_WARMUP}..${WARMUP}s); CLK_TCK=$CLK_TCK"
echo "load    : $USERS users, ProcessCashout paypal $AMOUNT minor units, in flight $CONFIGS over $CONNECTIONS HTTP/2 connections," \
     "idempotency-key $([[ $IDEMPOTENCY == 1 ]] && echo 'new per call' || echo none)"
echo "fsyncs  : $FSYNC_NOTE"
echo "logs    : $RUN_DIR"
echo

if [[ "$BUILD_SERVER" == 1 ]]; then build service "$SERVER_PROJECT"; fi
build generator "$LOAD_PROJECT"
[[ -f "$SERVER_DLL" && -f "$LOAD_DLL" ]] || { echo "cashouts.sh: $SERVER_DLL or $LOAD_DLL missing (build first)" >&2; exit 1; }
# The service and the generator must load the same native SQLite for the ceiling to be comparable.
echo

# 1. The single-commit ceiling of this machine, on the server's core, before anything else runs.
echo "-- single-commit ceiling (one tiny durable transaction after another, same SQLite build as the service)"
CEILING="$(taskset -c "$SERVER_CPU" dotnet "$LOAD_DLL" ceiling --db "$RUN_DIR/ceiling.db" --seconds "$CEILING_SECONDS" \
    --synchronous "$SYNCHRONOUS" --clk-tck "$CLK_TCK" "${COUNT_FSYNCS[@]}")" || fail "single-commit ceiling run"
echo "$CEILING"
rm -f "$RUN_DIR/ceiling.db" "$RUN_DIR/ceiling.db-wal" "$RUN_DIR/ceiling.db-shm"
echo

# 2. A fresh database: the server migrates it at start-up; then, server stopped, the users are linked.
echo "-- database: migrate, link $USERS users, fund them"
start_server migrate
stop_server
load link --db "$DB" --users "$USERS" || { fail "link"; exit 1; }

# 3. The measured server; the generator funds every user with CreditBalance, warms up, measures.
start_server bench
echo "server pid $SERVER_PID on core $SERVER_CPU, gRPC h2c on 127.0.0.1:$PORT"
IDEMPOTENCY_ARGS=()
[[ "$IDEMPOTENCY" == 1 ]] && IDEMPOTENCY_ARGS=(--idempotency-keys)
LOAD_RC=0
NCONFIGS="$(tr ',' '\n' <<< "$CONFIGS" | wc -l)"
# A bound, never reached by a healthy run: the generator itself cancels calls stuck for 30 s.
timeout $(( WARMUP + (DURATION + CONFIG_WARMUP + 40) * NCONFIGS + 300 )) \
    taskset -c "$CLIENT_CPU" dotnet "$LOAD_DLL" run --port "$PORT" --server-pid "$SERVER_PID" \
    --server-cpu "$SERVER_CPU" --client-cpu "$CLIENT_CPU" --clk-tck "$CLK_TCK" \
    --key-id "$KEY_ID" --key-secret "$KEY_SECRET" --users "$USERS" --amount "$AMOUNT" --fund "$FUND" \
    --configs "$CONFIGS" --duration "$DURATION" --config-warmup "$CONFIG_WARMUP" \
    --warmup "$WARMUP" --min-warmup "$MIN_WARMUP" --connections "$CONNECTIONS" \
    --state "$STATE" --table "$TABLE" "${IDEMPOTENCY_ARGS[@]}" "${COUNT_FSYNCS[@]}" || LOAD_RC=$?
[[ "$LOAD_RC" == 0 ]] || fail "load run exited $LOAD_RC (errors above)"
kill -0 "$SERVER_PID" 2>/dev/null || fail "the server died during the run (see $RUN_DIR/bench-server.log)"
# The server's memory, read before it stops: resident now and its peak (VmHWM) over the whole run.
MEMORY="$(awk '/^VmRSS/ { rss = $2 } /^VmHWM/ { hwm = $2 } END { printf "server memory: %.0f MiB resident after the load, %.0f MiB peak (VmRSS, VmHWM)", rss / 1024, hwm / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null)" \
    || MEMORY="server memory: not read"

# 4. Server stopped (graceful: the writer drains), then the file against the replies.
stop_server
if grep -Eq 'crit:|fail:|Unhandled exception' "$RUN_DIR/bench-server.log"; then
    fail "the server logged errors (see $RUN_DIR/bench-server.log)"
    grep -E -m 5 -A 3 'crit:|fail:|Unhandled exception' "$RUN_DIR/bench-server.log" || true
fi
echo
echo "-- verification (server stopped)"
VERIFY=""
if [[ -f "$STATE" ]]; then
    VERIFY="$(load verify --db "$DB" --state "$STATE")" || fail "verification"
    echo "$VERIFY"
else
    fail "no load state to verify ($STATE)"
fi

echo
echo "loadavg : $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo
echo "== ProcessCashout, durable: $MACHINE"
echo "   disk $DISK; Database:Synchronous=$SYNCHRONOUS, journal_mode=WAL; $USERS users; $CONNECTIONS HTTP/2 connections;" \
     "idempotency-key $([[ $IDEMPOTENCY == 1 ]] && echo 'new per call' || echo none)"
echo "$CEILING"
echo
[[ -f "$TABLE" ]] && cat "$TABLE"
echo "$VERIFY" | tail -n 1
echo "$MEMORY"
echo
echo "cashouts/s: OK replies completed in the measured window / window; p50/p99/max: send to trailers, OK calls in the window."
echo "srv µs/op: server utime+stime / OK cashouts; srv cpu / gen cpu: share of one core (server core $SERVER_CPU, generator core $CLIENT_CPU)."
echo "other0/1: busy time on core $SERVER_CPU / $CLIENT_CPU not charged to the server / generator; above ~10% the numbers are disturbed."
echo "fsync/s, ops/fsync: the server's fsync+fdatasync calls in the window (commits, plus checkpoint syncs), cashouts per fsync."
if [[ "$FAILURES" -gt 0 ]]; then
    echo "RESULT: $FAILURES check(s) FAILED"
    exit 1
fi
echo "RESULT: all checks passed"
