#!/usr/bin/env bash
# Two builds of the service at once on one durable PostgreSQL cluster, each with its own generator and its own users,
# so that whatever disturbs the machine disturbs both alike. For comparing builds where one run after another cannot:
# on a shared VM the same build's CPU per cashout moved 2x from one bench/cashouts.sh run to the next (2026-12-06).
#
#   bench/side-by-side.sh --dll-a PATH --dll-b PATH [--in-flight 32] [--duration 30] [--users 5000] [--warmup 70]
#                         [--idempotency-keys]
#
# Both replicas, the cluster and every backend on core 0; both generators on core 1. Prints, for each build, its
# generator's table row (bench/cashouts.sh's columns, at --in-flight calls in flight of its own) and, over the middle
# half of the measured window, its server's CPU per cashout and that of its PostgreSQL backends (the backends whose
# client port belongs to that server). Swap the builds between runs: the first one started tends to cost a little more.
# Not verified against the database like bench/cashouts.sh: run that for the figures, this for the difference.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
LOAD_DLL="$BENCH_DIR/CashoutLoad/bin/Release/net10.0/Payouts.Bench.CashoutLoad.dll"
DLL_A="" DLL_B="" IN_FLIGHT=32 DURATION=30 USERS=5000 WARMUP=70 KEYS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --dll-a) DLL_A="$2"; shift 2 ;;
        --dll-b) DLL_B="$2"; shift 2 ;;
        --in-flight) IN_FLIGHT="$2"; shift 2 ;;
        --duration) DURATION="$2"; shift 2 ;;
        --users) USERS="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --idempotency-keys) KEYS=(--idempotency-keys); shift ;;
        *) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
    esac
done
[[ -f "$DLL_A" && -f "$DLL_B" ]] || { echo "side-by-side.sh: --dll-a and --dll-b must name built Payouts.Api.dll files" >&2; exit 2; }
[[ -f "$LOAD_DLL" ]] || dotnet build -c Release -nologo -v q "$BENCH_DIR/CashoutLoad" >&2

RUN_DIR="$BENCH_DIR/results/side-by-side-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
PG_DIR="$(mktemp -d /tmp/payouts-side-by-side-pg-XXXXXX)"
KEY_SECRET="$(head -c 32 /dev/urandom | base64 -w0)"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done; done
    PAYOUTS_POSTGRES_DIR="$PG_DIR" "$REPO_DIR/scripts/postgres.sh" stop > /dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
trap cleanup EXIT

URL="$(PAYOUTS_POSTGRES_DIR="$PG_DIR" PAYOUTS_POSTGRES_SETTINGS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=300" \
    taskset -c 0 "$REPO_DIR/scripts/postgres.sh" start)"
PG_PORT="$(sed 's/.*Port=\([0-9]*\).*/\1/' <<< "$URL")"
pg() { psql -h 127.0.0.1 -p "$PG_PORT" -U payouts -d "${DB:-postgres}" -qAt "$@"; }
pg -c "CREATE DATABASE side_by_side"
DB=side_by_side
CS="${URL%Database=postgres}Database=side_by_side"

start_server() { # dll grpc-port log -> sets STARTED
    ( cd "$(dirname "$1")" && ASPNETCORE_ENVIRONMENT=Production exec taskset -c 0 dotnet "$1" \
        "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$2" "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:$(( $2 + 1 ))" \
        --Logging:LogLevel:Default=Warning --Auth:Keys:0:KeyId=bench "--Auth:Keys:0:SecretBase64=$KEY_SECRET" \
        --Database:Provider=PostgreSQL "--ConnectionStrings:Payouts=$CS" "--Links:StateKey=$KEY_SECRET" --Dispatch:Enabled=false ) \
        > "$3" 2>&1 &
    STARTED=$!
    PIDS+=("$STARTED")
    until (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do
        kill -0 "$STARTED" 2>/dev/null || { cat "$3" >&2; echo "side-by-side.sh: a server exited before listening" >&2; exit 1; }
        sleep 0.2
    done
}

# The first build migrates; each generator gets users of its own, so the replicas never wait for each other's rows.
start_server "$DLL_A" 50191 "$RUN_DIR/migrate.log"
kill "$STARTED"; while kill -0 "$STARTED" 2>/dev/null; do sleep 0.2; done
for side in a b; do dotnet "$LOAD_DLL" link --postgres "$CS" --users "$USERS" --user-prefix "bench-$side" >> "$RUN_DIR/link.log"; done
start_server "$DLL_A" 50191 "$RUN_DIR/a-server.log"; SERVER_A=$STARTED
start_server "$DLL_B" 50193 "$RUN_DIR/b-server.log"; SERVER_B=$STARTED

generate() { # side port server-pid
    taskset -c 1 dotnet "$LOAD_DLL" run --port "$2" --server-pid "$3" --server-cpu 0 --client-cpu 1 --clk-tck "$(getconf CLK_TCK)" \
        --key-id bench --key-secret "$KEY_SECRET" --users "$USERS" --user-prefix "bench-$1" --amount 100 --fund 10000000 \
        --configs "$IN_FLIGHT" --duration "$DURATION" --config-warmup 2 --warmup "$WARMUP" --min-warmup "$WARMUP" --connections 2 \
        --state "$RUN_DIR/$1-state.json" --table "$RUN_DIR/$1-table.txt" "${KEYS[@]}" > "$RUN_DIR/$1-load.log" 2>&1
}
generate a 50191 "$SERVER_A" & GEN_A=$!
generate b 50193 "$SERVER_B" & GEN_B=$!

# The middle half of the measured window: its start follows the warm-up's fixed length.
until grep -q "warm-up: " "$RUN_DIR/a-load.log" 2>/dev/null; do
    grep -q "not measuring" "$RUN_DIR/a-load.log" "$RUN_DIR/b-load.log" 2>/dev/null && { echo "side-by-side.sh: a generator failed (see $RUN_DIR)" >&2; exit 1; }
    sleep 1
done
sleep $(( 2 + DURATION / 4 ))

backends_of() { # server pid -> its PostgreSQL backends' pids
    local port
    for port in $(ss -tnpH state established "( dport = :$PG_PORT )" | grep "pid=$1," | awk '{ print $3 }' | sed 's/.*://'); do
        pg -c "SELECT pid FROM pg_stat_activity WHERE client_port = $port"
    done
}
ticks() { local sum=0 pid; for pid in "$@"; do sum=$(( sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) )); done; echo "$sum"; }
mapfile -t BACKENDS_A < <(backends_of "$SERVER_A")
mapfile -t BACKENDS_B < <(backends_of "$SERVER_B")
read -r SA0 SB0 PA0 PB0 T0 <<< "$(ticks "$SERVER_A") $(ticks "$SERVER_B") $(ticks "${BACKENDS_A[@]}") $(ticks "${BACKENDS_B[@]}") $(date +%s.%N)"
sleep $(( DURATION / 2 ))
read -r SA1 SB1 PA1 PB1 T1 <<< "$(ticks "$SERVER_A") $(ticks "$SERVER_B") $(ticks "${BACKENDS_A[@]}") $(ticks "${BACKENDS_B[@]}") $(date +%s.%N)"
wait "$GEN_A" "$GEN_B"

echo "side by side, $IN_FLIGHT in flight each, $USERS users each${KEYS:+, a new idempotency key per call}; a = $DLL_A, b = $DLL_B (logs: $RUN_DIR)"
grep -E '^in-flight' "$RUN_DIR/a-table.txt" | sed 's/^/  /'
for side in a b; do
    row="$(grep -E "^ *$IN_FLIGHT " "$RUN_DIR/$side-table.txt" | head -n1)"
    if [[ $side == a ]]; then server=$(( SA1 - SA0 )); backends=$(( PA1 - PA0 )); n=${#BACKENDS_A[@]}; else server=$(( SB1 - SB0 )); backends=$(( PB1 - PB0 )); n=${#BACKENDS_B[@]}; fi
    awk -v side="$side" -v row="$row" -v server="$server" -v backends="$backends" -v n="$n" -v t0="$T0" -v t1="$T1" -v hz="$(getconf CLK_TCK)" \
        'BEGIN { split(row, f, " "); ops = f[2] * (t1 - t0);
                 printf "%s:%s\n   middle %.1f s: server %.1f µs/cashout, its %d PostgreSQL backends %.1f µs/cashout\n", side, row, t1 - t0, server * 1e6 / hz / ops, n, backends * 1e6 / hz / ops }'
done
