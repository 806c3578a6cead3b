#!/usr/bin/env bash
# Benchmark ProcessCashout end to end over gRPC with a durable database: a SQLite file (WAL, synchronous=FULL), or
# PostgreSQL (fsync=on, synchronous_commit=on) with 1 and 2 replicas beside pgbench -N on the same cluster.
#
#   bench/cashouts.sh [--duration 10] [--synchronous FULL] [--users 10000] [--configs 1,16,64]
#                     [--connections 4] [--idempotency-keys] [--warmup 90] [--min-warmup 40]
#                     [--config-warmup 2] [--ceiling-seconds 5] [--port 50091] [--no-build] [--keep-db]
#                     [--server-dll PATH] [--server-arg --Section:Key=value]...
#                     [--database sqlite|postgresql] [--replicas 1,2] [--pgbench-clients 64] [--pool-size N]
#
# Builds the service (src/Api) and the load generator (bench/CashoutLoad) in Release, measures the
# yardstick (SQLite: the machine's single-commit ceiling; PostgreSQL: pgbench -N on a private durable cluster),
# prepares a fresh database (migrate, link, fund), runs the load at each in-flight config (server(s) and PostgreSQL
# pinned to core 0, generator to core 1), stops the server(s), verifies the database against every reply (no lost or
# doubled cents) and prints a table. See bench/README.md.
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
DATABASE=sqlite    # or postgresql: a private durable cluster, pgbench -N beside the service
REPLICAS=1,2       # PostgreSQL only: service processes per measured run, one run per entry
PGBENCH_CLIENTS=64 # PostgreSQL only: pgbench -c (compared with the same number of cashouts in flight)
PGBENCH_SCALE=10   # pgbench -i -s: 1,000,000 accounts
POOL_SIZE=""       # PostgreSQL only: Maximum Pool Size of each replica (Npgsql's default, 100, when empty)
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
        --database) DATABASE="${2,,}"; shift 2 ;;
        --database=*) DATABASE="${1#*=}"; DATABASE="${DATABASE,,}"; shift ;;
        --replicas) REPLICAS="$2"; shift 2 ;;
        --replicas=*) REPLICAS="${1#*=}"; shift ;;
        --pgbench-clients) PGBENCH_CLIENTS="$2"; shift 2 ;;
        --pgbench-clients=*) PGBENCH_CLIENTS="${1#*=}"; shift ;;
        --pool-size) POOL_SIZE="$2"; shift 2 ;;
        --pool-size=*) POOL_SIZE="${1#*=}"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "cashouts.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

for v in DURATION USERS CONNECTIONS WARMUP MIN_WARMUP CONFIG_WARMUP CEILING_SECONDS PORT PGBENCH_CLIENTS; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "cashouts.sh: --${v,,} must be a whole number" >&2; exit 2; }
done
[[ "$DURATION" -ge 1 && "$USERS" -ge 1 && "$CONNECTIONS" -ge 1 ]] || { echo "cashouts.sh: --duration, --users, --connections must be >= 1" >&2; exit 2; }
[[ "$CONFIGS" =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "cashouts.sh: --configs must look like 1,16,64" >&2; exit 2; }
SYNCHRONOUS="${SYNCHRONOUS^^}"
case "$SYNCHRONOUS" in OFF|NORMAL|FULL|EXTRA) ;; *) echo "cashouts.sh: --synchronous must be OFF, NORMAL, FULL or EXTRA" >&2; exit 2 ;; esac
case "$DATABASE" in sqlite|postgresql) ;; *) echo "cashouts.sh: --database must be sqlite or postgresql" >&2; exit 2 ;; esac
[[ "$REPLICAS" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || { echo "cashouts.sh: --replicas must look like 1,2" >&2; exit 2; }
[[ -z "$POOL_SIZE" || "$POOL_SIZE" =~ ^[1-9][0-9]*$ ]] || { echo "cashouts.sh: --pool-size must be a whole number >= 1" >&2; exit 2; }
if [[ "$DATABASE" == sqlite ]]; then REPLICAS=1; fi

for tool in dotnet taskset ss base64 head $([[ "$DATABASE" == postgresql ]] && echo pgbench psql createdb); do
    command -v "$tool" >/dev/null || { echo "cashouts.sh: missing tool: $tool (PostgreSQL: Debian's postgresql, scripts/install-test-deps.sh)" >&2; exit 2; }
done
if [[ "$(nproc)" -lt 2 ]]; then
    echo "cashouts.sh: needs 2 CPUs (server on core $SERVER_CPU, generator on core $CLIENT_CPU); nproc=$(nproc)" >&2
    exit 2
fi
# perf counts the server's fsync/fdatasync calls (kernel tracepoints, no slowdown). Optional.
COUNT_FSYNCS=()
if command -v perf >/dev/null && perf stat -e syscalls:sys_enter_fdatasync -- true >/dev/null 2>&1; then
    COUNT_FSYNCS=(--count-fsyncs)
    FSYNC_NOTE="counted with perf stat (syscalls:sys_enter_fsync + sys_enter_fdatasync of the $([[ "$DATABASE" == postgresql ]] && echo "PostgreSQL cluster's processes" || echo server))"
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
# PostgreSQL: a private cluster under /tmp (its processes' working directory, which is how quiet.sh's QUIET_KEEP can
# tell them from other sessions'), created by scripts/postgres.sh with durable settings.
PG_DIR="${TMPDIR:-/tmp}/payouts-bench-pg-$STAMP"
PG_SETTINGS="-c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=300 -c log_checkpoints=on"
PG_URL=""
POSTMASTER_PID=""
STATE="$RUN_DIR/load-state.json"
TABLE="$RUN_DIR/table.txt"
# A fresh HS256 key for this run only: the service is started in Production, which has no key.
KEY_SECRET="$(head -c 32 /dev/urandom | base64 -w0)"

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
SERVER_PIDS=()
# Stops every running server (graceful: the writers drain; TERM is sent to all first, so replicas stop together).
stop_servers() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${SERVER_PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "cashouts.sh: server $pid did not stop within 10 s of TERM; killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    SERVER_PIDS=()
}
cleanup() {
    stop_servers
    if [[ "$KEEP_DB" == 0 ]]; then
        rm -f "$DB" "$DB-wal" "$DB-shm" "$RUN_DIR/ceiling.db" "$RUN_DIR/ceiling.db-wal" "$RUN_DIR/ceiling.db-shm" "$STATE.ids" "$RUN_DIR"/*load-state.json.ids
        # The server's log (checkpoints, errors) is kept with the run's other logs.
        if [[ -n "$PG_URL" ]]; then
            cp "$PG_DIR/server.log" "$RUN_DIR/postgres.log" 2>/dev/null || true
            PAYOUTS_POSTGRES_DIR="$PG_DIR" "$REPO_DIR/scripts/postgres.sh" stop || true
        fi
    elif [[ -n "$PG_URL" ]]; then
        echo "cashouts.sh: --keep-db: the PostgreSQL cluster keeps running ($PG_URL); stop it with PAYOUTS_POSTGRES_DIR=$PG_DIR scripts/postgres.sh stop" >&2
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
start_server() { # log-name grpc-port database-args...
    local log="$RUN_DIR/$1-server.log" port="$2" http_port=$(( $2 + 1 ))
    shift 2
    for p in "$port" "$http_port"; do
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
        "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$port" \
        "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:$http_port" \
        "--Logging:LogLevel:Default=Warning" \
        "--Auth:Keys:0:KeyId=$KEY_ID" "--Auth:Keys:0:SecretBase64=$KEY_SECRET" \
        "$@" "--Links:StateKey=$KEY_SECRET" "--Dispatch:Enabled=false" "${SERVER_ARGS[@]}" ) \
        > "$log" 2>&1 &
    local pid=$!
    SERVER_PIDS+=("$pid")
    local deadline=$(( $(date +%s) + 60 ))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$log" >&2
            echo "cashouts.sh: server exited before listening on $port" >&2
            exit 1
        fi
        if [[ $(date +%s) -ge $deadline ]]; then
            echo "cashouts.sh: server did not listen on $port within 60 s" >&2
            exit 1
        fi
        sleep 0.1
    done
}


# psql/createdb against the private cluster, as its superuser, over TCP (trust on loopback).
pg_port() { sed -n 's/.*Port=\([0-9]*\).*/\1/p' <<< "$PG_URL"; }
pg() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$(pg_port)" -U payouts "$@"; }

# A PostgreSQL cluster's CPU in clock ticks (as CashoutLoad counts it): the postmaster's utime+stime, its reaped
# children's (cutime+cstime: backends of closed connections) and its live children's utime+stime.
cluster_ticks() {
    local total pid
    total="$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$POSTMASTER_PID/stat")"
    for pid in $(ps -o pid= --ppid "$POSTMASTER_PID"); do
        total=$(( total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
    done
    echo "$total"
}
# Waits (up to 10 s) until no backend of database $1 is left and the postmaster has reaped every child that ended (no
# zombie): a backend ending while the ticks are read would be counted neither among the live children nor yet in the
# postmaster's cutime.
wait_backends_gone() {
    for _ in $(seq 1 100); do
        ps -o stat=,args= --ppid "$POSTMASTER_PID" | grep -Eq "^Z|postgres: [^ ]* $1 " || return 0
        sleep 0.1
    done
    echo "cashouts.sh: backends of $1 still there after 10 s; its CPU figure may be off" >&2
}
core_busy() { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
core_total() { awk -v c="cpu$1" '$1 == c { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }

load() { dotnet "$LOAD_DLL" "$@"; }

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
# Everything below also goes to $RUN_DIR/output.txt.
exec > >(tee "$RUN_DIR/output.txt") 2>&1

MACHINE="$(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/MemTotal/ { printf "%.1f GiB", $2/1048576 }' /proc/meminfo), kernel $(uname -r)"
if [[ "$DATABASE" == sqlite ]]; then
    DISK="$(df -hT "$RUN_DIR" | awk 'NR==2 { print $1 " (" $2 ")" }')"
    echo "== Payouts ProcessCashout benchmark (durable SQLite)  $(date -u '+%Y-%m-%d %H:%M:%SZ')"
else
    mkdir -p "$PG_DIR"
    DISK="$(df -hT "$PG_DIR" | awk 'NR==2 { print $1 " (" $2 ")" }')"
    echo "== Payouts ProcessCashout benchmark (durable PostgreSQL, $REPLICAS replica(s), beside pgbench -N)  $(date -u '+%Y-%m-%d %H:%M:%SZ')"
fi
echo "machine : $MACHINE"
echo "disk    : $DISK, database under $([[ "$DATABASE" == sqlite ]] && echo "$RUN_DIR" || echo "$PG_DIR")"
echo "dotnet  : $(cd "$REPO_DIR" && dotnet --version)"
echo "service : $SERVER_DLL${SERVER_ARGS[*]:+ with ${SERVER_ARGS[*]}} ($(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO_DIR" && [[ -n "$(git status --porcelain -- src 2>/dev/null)" ]] && echo ', src/ has uncommitted changes'))"
echo "loadavg : $(cut -d' ' -f1-3 /proc/loadavg) (before)"
if [[ "$DATABASE" == sqlite ]]; then
    echo "setup   : server on core $SERVER_CPU (Production, Database:Synchronous=$SYNCHRONOUS, WAL), generator on core $CLIENT_CPU;" \
         "${DURATION}s per config after ${CONFIG_WARMUP}s lead-in, warm-up at 16 in flight until settled (${MIN_WARMUP}..${WARMUP}s); CLK_TCK=$CLK_TCK"
else
    echo "setup   : PostgreSQL (the whole cluster) and the service replica(s) on core $SERVER_CPU, the generator and pgbench on core $CLIENT_CPU;" \
         "each replica Production, Database:Provider=PostgreSQL, its own ports, pool ${POOL_SIZE:-Npgsql default (100)};" \
         "${DURATION}s per config after ${CONFIG_WARMUP}s lead-in, warm-up at 16 in flight until settled (${MIN_WARMUP}..${WARMUP}s); CLK_TCK=$CLK_TCK"
fi
echo "load    : $USERS users, ProcessCashout paypal $AMOUNT minor units, in flight $CONFIGS over $CONNECTIONS HTTP/2 connections" \
     "$([[ "$DATABASE" == postgresql ]] && echo "(spread round-robin over the replicas)"), idempotency-key $([[ $IDEMPOTENCY == 1 ]] && echo 'new per call' || echo none)"
echo "fsyncs  : $FSYNC_NOTE"
echo "logs    : $RUN_DIR"
echo

if [[ "$BUILD_SERVER" == 1 ]]; then build service "$SERVER_PROJECT"; fi
build generator "$LOAD_PROJECT"
[[ -f "$SERVER_DLL" && -f "$LOAD_DLL" ]] || { echo "cashouts.sh: $SERVER_DLL or $LOAD_DLL missing (build first)" >&2; exit 1; }
echo

# The yardstick, before the service runs. SQLite: the machine's single-commit ceiling on the server's core.
# PostgreSQL: pgbench -N on the same cluster the service will use.
CEILING=""
PGBENCH_ROW=""
PGBENCH_RATE=""
if [[ "$DATABASE" == sqlite ]]; then
    # The service and the generator load the same native SQLite, so the ceiling is comparable.
    echo "-- single-commit ceiling (one tiny durable transaction after another, same SQLite build as the service)"
    CEILING="$(taskset -c "$SERVER_CPU" dotnet "$LOAD_DLL" ceiling --db "$RUN_DIR/ceiling.db" --seconds "$CEILING_SECONDS" \
        --synchronous "$SYNCHRONOUS" --clk-tck "$CLK_TCK" "${COUNT_FSYNCS[@]}")" || fail "single-commit ceiling run"
    echo "$CEILING"
    rm -f "$RUN_DIR/ceiling.db" "$RUN_DIR/ceiling.db-wal" "$RUN_DIR/ceiling.db-shm"
    echo
else
    echo "-- PostgreSQL: a private cluster (scripts/postgres.sh) under $PG_DIR, pinned to core $SERVER_CPU"
    # The postmaster inherits the affinity, and every backend and auxiliary process inherits the postmaster's.
    PG_URL="$(PAYOUTS_POSTGRES_DIR="$PG_DIR" PAYOUTS_POSTGRES_SETTINGS="$PG_SETTINGS" taskset -c "$SERVER_CPU" "$REPO_DIR/scripts/postgres.sh" start)" \
        || { echo "cashouts.sh: the PostgreSQL cluster did not start" >&2; exit 1; }
    POSTMASTER_PID="$(head -n1 "$PG_DIR/data/postmaster.pid")"
    PG_SHOWN="$(pg -d postgres -At -c "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings
        WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'max_connections', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'commit_delay')")"
    PG_VERSION="$(pg -d postgres -At -c 'SHOW server_version')"
    echo "postgres: $PG_VERSION, postmaster $POSTMASTER_PID (affinity $(taskset -pc "$POSTMASTER_PID" | sed 's/.*: //')), port $(pg_port); $PG_SHOWN"
    [[ "$PG_SHOWN" == *"fsync=on"* && "$PG_SHOWN" == *"synchronous_commit=on"* ]] || { echo "cashouts.sh: the cluster is not durable: $PG_SHOWN" >&2; exit 1; }
    echo

    echo "-- pgbench -N: initialise (scale $PGBENCH_SCALE), ${CONFIG_WARMUP}s+5s unmeasured, then ${DURATION}s measured, $PGBENCH_CLIENTS clients, 2 threads on core $CLIENT_CPU"
    pg -d postgres -c "CREATE DATABASE pgbench"
    PGBENCH_CONN=(-h 127.0.0.1 -p "$(pg_port)" -U payouts)
    pgbench -i -q -s "$PGBENCH_SCALE" "${PGBENCH_CONN[@]}" pgbench > "$RUN_DIR/pgbench-init.log" 2>&1 || { cat "$RUN_DIR/pgbench-init.log"; fail "pgbench -i"; exit 1; }
    taskset -c "$CLIENT_CPU" pgbench -N -c "$PGBENCH_CLIENTS" -j 2 -T $(( CONFIG_WARMUP + 5 )) "${PGBENCH_CONN[@]}" pgbench > "$RUN_DIR/pgbench-warmup.log" 2>&1 \
        || { cat "$RUN_DIR/pgbench-warmup.log"; fail "pgbench warm-up"; }
    # pgbench empties pgbench_history before each run (and vacuums): the measured run is verified from the
    # accounts' total as it starts.
    BALANCES_BEFORE="$(pg -d pgbench -At -c 'SELECT sum(abalance) FROM pgbench_accounts')"
    wait_backends_gone pgbench
    c0b=$(core_busy "$SERVER_CPU"); c0t=$(core_total "$SERVER_CPU"); c1b=$(core_busy "$CLIENT_CPU"); c1t=$(core_total "$CLIENT_CPU")
    pg0=$(cluster_ticks); w0=$(date +%s%N)
    TIMEFORMAT='%U %S'
    { time taskset -c "$CLIENT_CPU" pgbench -N -c "$PGBENCH_CLIENTS" -j 2 -T "$DURATION" --log --log-prefix="$RUN_DIR/pgbench-tx" \
        "${PGBENCH_CONN[@]}" pgbench > "$RUN_DIR/pgbench.log" 2>&1 ; } 2> "$RUN_DIR/pgbench-time.txt" || { cat "$RUN_DIR/pgbench.log"; fail "pgbench -N"; }
    w1=$(date +%s%N)
    wait_backends_gone pgbench
    pg1=$(cluster_ticks)
    c0b=$(( $(core_busy "$SERVER_CPU") - c0b )); c0t=$(( $(core_total "$SERVER_CPU") - c0t ))
    c1b=$(( $(core_busy "$CLIENT_CPU") - c1b )); c1t=$(( $(core_total "$CLIENT_CPU") - c1t ))
    grep -E '^(transaction type|scaling factor|query mode|number of clients|number of threads|duration|number of (transactions|failed)|latency|initial connection|tps)' "$RUN_DIR/pgbench.log" | sed 's/^/  /'
    PGBENCH_RATE="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time).*/\1/p' "$RUN_DIR/pgbench.log")"
    PGBENCH_TX="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$RUN_DIR/pgbench.log")"
    PGBENCH_FAILED="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$RUN_DIR/pgbench.log")"
    [[ -n "$PGBENCH_RATE" && -n "$PGBENCH_TX" && "$PGBENCH_TX" -gt 0 ]] || fail "pgbench printed no tps"
    [[ "${PGBENCH_FAILED:-0}" == 0 ]] || fail "pgbench: $PGBENCH_FAILED failed transactions"
    # Latency: the per-transaction log (field 3, µs), nearest rank over every measured transaction.
    PGBENCH_LAT="$(cat "$RUN_DIR"/pgbench-tx.* | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END {
        p50 = v[int(NR * 0.50 + 0.999999)]; p99 = v[int(NR * 0.99 + 0.999999)]; printf "%.3f %.3f %.3f %d", p50 / 1000, p99 / 1000, v[NR] / 1000, NR }')"
    rm -f "$RUN_DIR"/pgbench-tx.*
    read -r PGB_P50 PGB_P99 PGB_MAX PGB_LOGGED <<< "$PGBENCH_LAT"
    read -r PGB_USER PGB_SYS < "$RUN_DIR/pgbench-time.txt"
    # The same columns as a cashouts row: rate p50 p99 max srv-µs pg-µs srv-cpu pg-cpu client-cpu other0/1.
    PGBENCH_ROW="$(awk -v rate="$PGBENCH_RATE" -v tx="$PGBENCH_TX" -v p50="$PGB_P50" -v p99="$PGB_P99" -v mx="$PGB_MAX" -v pg="$(( pg1 - pg0 ))" \
        -v wall="$(( w1 - w0 ))" -v clk="$CLK_TCK" -v user="$PGB_USER" -v sys="$PGB_SYS" -v c0b="$c0b" -v c0t="$c0t" -v c1b="$c1b" -v c1t="$c1t" 'BEGIN {
        wall /= 1e9; client = (user + sys) * clk
        o0 = (c0t > 0) ? 100 * (c0b - pg) / c0t : 0; o1 = (c1t > 0) ? 100 * (c1b - client) / c1t : 0
        printf "%.0f %.3f %.3f %.3f - %.1f - %.0f%% %.0f%% %.0f%%/%.0f%%", rate, p50, p99, mx, pg * 1e6 / clk / tx, 100 * pg / clk / wall,
            100 * (user + sys) / wall, (o0 < 0 ? 0 : o0), (o1 < 0 ? 0 : o1) }')"
    [[ "$PGB_LOGGED" == "$PGBENCH_TX" ]] || fail "pgbench logged $PGB_LOGGED transactions but reported $PGBENCH_TX"
    # The same verification as the cashouts': every transaction pgbench counted is one history row, and the money
    # adds up (-N moves abalance by delta and records delta; the accounts start at 0).
    read -r HISTORY BALANCES DELTAS <<< "$(pg -d pgbench -At -F ' ' -c 'SELECT (SELECT count(*) FROM pgbench_history), (SELECT sum(abalance) FROM pgbench_accounts), (SELECT COALESCE(sum(delta), 0) FROM pgbench_history)')"
    PGBENCH_VERIFY="pgbench verify: $HISTORY history rows = $PGBENCH_TX measured transactions; sum(abalance) moved by $(( BALANCES - BALANCES_BEFORE )) = sum(delta) $DELTAS"
    if [[ "$HISTORY" == "$PGBENCH_TX" && "$(( BALANCES - BALANCES_BEFORE ))" == "$DELTAS" ]]; then PGBENCH_VERIFY+=": OK"; else PGBENCH_VERIFY+=": FAILED"; fail "pgbench verification"; fi
    echo "  $PGBENCH_VERIFY"
    pg -d postgres -c "DROP DATABASE pgbench"
    echo
fi

# One measured service run: a fresh database (migrated by the first replica, users linked while it is stopped),
# N replicas, the generator spreading its connections over them, then the database against every reply.
declare -A RUN_TABLE RUN_VERIFY RUN_MEMORY   # by tag ("sqlite" for the SQLite run's empty one)
run_service() { # tag replicas database-args...
    local tag="$1" replicas="$2" i
    shift 2
    local state="$RUN_DIR/${tag}load-state.json" table="$RUN_DIR/${tag}table.txt" target=()
    if [[ "$DATABASE" == sqlite ]]; then target=(--db "$DB"); else target=(--postgres "$CS"); fi
    echo "-- ${tag:+$replicas replica(s): }database: migrate, link $USERS users, fund them"
    start_server "${tag}migrate" "$PORT" "$@"
    stop_servers
    load link "${target[@]}" --users "$USERS" || { fail "link"; exit 1; }

    local ports=()
    for (( i = 0; i < replicas; i++ )); do
        ports+=("$(( PORT + 2 * i ))")
        start_server "${tag}bench$([[ $i -gt 0 ]] && echo "-$(( i + 1 ))")" "${ports[i]}" "$@"
    done
    local pids; pids="$(IFS=,; echo "${SERVER_PIDS[*]}")"
    echo "server pid(s) $pids on core $SERVER_CPU, gRPC h2c on 127.0.0.1:$(IFS=,; echo "${ports[*]}")"
    local idempotency=() postgres=() rc=0 nconfigs
    [[ "$IDEMPOTENCY" == 1 ]] && idempotency=(--idempotency-keys)
    [[ -n "$POSTMASTER_PID" ]] && postgres=(--postgres-pid "$POSTMASTER_PID")
    nconfigs="$(tr ',' '\n' <<< "$CONFIGS" | wc -l)"
    # A bound, never reached by a healthy run: the generator itself cancels calls stuck for 30 s.
    timeout $(( WARMUP + (DURATION + CONFIG_WARMUP + 40) * nconfigs + 300 )) \
        taskset -c "$CLIENT_CPU" dotnet "$LOAD_DLL" run --port "$(IFS=,; echo "${ports[*]}")" --server-pid "$pids" "${postgres[@]}" \
        --server-cpu "$SERVER_CPU" --client-cpu "$CLIENT_CPU" --clk-tck "$CLK_TCK" \
        --key-id "$KEY_ID" --key-secret "$KEY_SECRET" --users "$USERS" --amount "$AMOUNT" --fund "$FUND" \
        --configs "$CONFIGS" --duration "$DURATION" --config-warmup "$CONFIG_WARMUP" \
        --warmup "$WARMUP" --min-warmup "$MIN_WARMUP" --connections "$CONNECTIONS" \
        --state "$state" --table "$table" "${idempotency[@]}" "${COUNT_FSYNCS[@]}" || rc=$?
    [[ "$rc" == 0 ]] || fail "load run exited $rc (errors above)"
    # The servers' memory, read before they stop: resident now and the peak (VmHWM) over the whole run.
    local memory="" pid
    for pid in "${SERVER_PIDS[@]}"; do
        kill -0 "$pid" 2>/dev/null || fail "server $pid died during the run (see its log in $RUN_DIR)"
        memory+="$(awk -v pid="$pid" '/^VmRSS/ { rss = $2 } /^VmHWM/ { hwm = $2 } END { printf "server %d memory: %.0f MiB resident after the load, %.0f MiB peak (VmRSS, VmHWM); ", pid, rss / 1024, hwm / 1024 }' "/proc/$pid/status" 2>/dev/null)" \
            || memory+="server $pid memory: not read; "
    done
    RUN_MEMORY[${tag:-sqlite}]="${memory%; }"

    # Servers stopped (graceful: the writers drain), then the database against the replies.
    stop_servers
    local log
    for log in "$RUN_DIR/${tag}"bench*-server.log; do
        if grep -Eq 'crit:|fail:|Unhandled exception' "$log"; then
            fail "a server logged errors (see $log)"
            grep -E -m 5 -A 3 'crit:|fail:|Unhandled exception' "$log" || true
        fi
    done
    echo
    echo "-- verification (server(s) stopped)"
    RUN_VERIFY[${tag:-sqlite}]=""
    if [[ -f "$state" ]]; then
        RUN_VERIFY[${tag:-sqlite}]="$(load verify "${target[@]}" --state "$state")" || fail "verification"
        echo "${RUN_VERIFY[${tag:-sqlite}]}"
    else
        fail "no load state to verify ($state)"
    fi
    RUN_TABLE[${tag:-sqlite}]="$table"
    echo
}

TAGS=()
if [[ "$DATABASE" == sqlite ]]; then
    TAGS=("")
    run_service "" 1 "--Database:Path=$DB" "--Database:Synchronous=$SYNCHRONOUS"
else
    for n in $(tr ',' ' ' <<< "$REPLICAS"); do
        pg -d postgres -c "CREATE DATABASE payouts_r$n"
        CS="${PG_URL%Database=postgres}Database=payouts_r$n${POOL_SIZE:+;Maximum Pool Size=$POOL_SIZE}"
        TAGS+=("r$n-")
        run_service "r$n-" "$n" "--Database:Provider=PostgreSQL" "--ConnectionStrings:Payouts=$CS"
    done
fi

echo "loadavg : $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo
if [[ "$DATABASE" == sqlite ]]; then
    echo "== ProcessCashout, durable: $MACHINE"
    echo "   disk $DISK; Database:Synchronous=$SYNCHRONOUS, journal_mode=WAL; $USERS users; $CONNECTIONS HTTP/2 connections;" \
         "idempotency-key $([[ $IDEMPOTENCY == 1 ]] && echo 'new per call' || echo none)"
    echo "$CEILING"
    echo
    [[ -f "${RUN_TABLE[sqlite]}" ]] && cat "${RUN_TABLE[sqlite]}"
    echo "${RUN_VERIFY[sqlite]}" | tail -n 1
    echo "${RUN_MEMORY[sqlite]}"
else
    echo "== ProcessCashout on PostgreSQL, durable: $MACHINE"
    echo "   disk $DISK; PostgreSQL $PG_VERSION: $PG_SHOWN; $USERS users; $CONNECTIONS HTTP/2 connections;" \
         "idempotency-key $([[ $IDEMPOTENCY == 1 ]] && echo 'new per call' || echo none)${SERVER_ARGS[*]:+; service ${SERVER_ARGS[*]}}${POOL_SIZE:+; Maximum Pool Size=$POOL_SIZE}"
    for tag in "${TAGS[@]}"; do
        echo
        echo "-- ${tag%-} (${tag//[^0-9]/} replica(s))"
        [[ -f "${RUN_TABLE[${tag:-sqlite}]}" ]] && cat "${RUN_TABLE[${tag:-sqlite}]}"
        echo "${RUN_VERIFY[${tag:-sqlite}]}" | tail -n 1
        echo "${RUN_MEMORY[${tag:-sqlite}]}"
    done
    echo
    echo "== at $PGBENCH_CLIENTS in flight on one cluster: pgbench -N against ProcessCashout"
    printf '%-22s %12s %8s %8s %8s %10s %10s %8s %8s %8s %9s %11s\n' run "per second" "p50 ms" "p99 ms" "max ms" "srv µs/op" "pg µs/op" "srv cpu" "pg cpu" "gen cpu" other0/1 "× pgbench"
    ROW_FORMAT='%-22s %12s %8s %8s %8s %10s %10s %8s %8s %8s %9s %11s\n'
    # shellcheck disable=SC2086 # the row's fields, split on purpose
    printf "$ROW_FORMAT" "pgbench -N, $PGBENCH_CLIENTS clients" $PGBENCH_ROW "1.00"
    BEST=0
    for tag in "${TAGS[@]}"; do
        # The generator's row for this many in flight: in-flight rate p50 p99 max srv pg srvcpu pgcpu gencpu other ...
        row="$(awk -v c="$PGBENCH_CLIENTS" '$1 == c && NF >= 11 { print; exit }' "${RUN_TABLE[${tag:-sqlite}]}" 2>/dev/null)"
        [[ -n "$row" ]] || { printf '%-22s (no row at %s in flight: add it to --configs)\n' "cashouts, ${tag//[^0-9]/} replica(s)" "$PGBENCH_CLIENTS"; continue; }
        read -r _ rate p50 p99 mx srv pgus srvcpu pgcpu gencpu other _ <<< "$row"
        ratio="$(awk -v a="$rate" -v b="$PGBENCH_RATE" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')"
        awk -v a="$ratio" -v b="$BEST" 'BEGIN { exit !(a > b) }' && BEST="$ratio"
        printf "$ROW_FORMAT" "cashouts, ${tag//[^0-9]/} replica(s)" "$rate" "$p50" "$p99" "$mx" "$srv" "$pgus" "$srvcpu" "$pgcpu" "$gencpu" "$other" "$ratio"
    done
    echo "$PGBENCH_VERIFY"
    echo "goal: durable cashouts/s >= 2 x pgbench's transactions/s at $PGBENCH_CLIENTS in flight: $(awk -v b="$BEST" 'BEGIN { print (b >= 2 ? "met" : "NOT met") }') (best $BEST x)"
fi
echo
echo "cashouts/s: OK replies completed in the measured window / window; p50/p99/max: send to trailers, OK calls in the window."
echo "srv µs/op: the service process(es)' utime+stime / OK cashouts; srv cpu / gen cpu: share of one core (server core $SERVER_CPU, generator core $CLIENT_CPU)."
if [[ "$DATABASE" == postgresql ]]; then
    echo "pg µs/op, pg cpu: the PostgreSQL cluster's CPU (postmaster + live children utime+stime + reaped children's cutime+cstime) per op / as a share of one core."
    echo "pgbench: tps without initial connection time, latency from its per-transaction log; its srv columns are '-' (no service), gen cpu is pgbench's own user+sys."
fi
echo "other0/1: busy time on core $SERVER_CPU / $CLIENT_CPU not charged to the server(s)$([[ "$DATABASE" == postgresql ]] && echo " and PostgreSQL") / generator; above ~10% the numbers are disturbed."
echo "fsync/s, ops/fsync: the $([[ "$DATABASE" == postgresql ]] && echo "PostgreSQL cluster's" || echo "server's") fsync+fdatasync calls in the window$([[ "$DATABASE" == sqlite ]] && echo " (commits, plus checkpoint syncs)"), cashouts per fsync."
if [[ "$FAILURES" -gt 0 ]]; then
    echo "RESULT: $FAILURES check(s) FAILED"
    exit 1
fi
echo "RESULT: all checks passed"
