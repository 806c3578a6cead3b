#!/usr/bin/env bash
# Benchmark the Payouts service's cheapest RPC, grpc.health.v1.Health/Check, with h2load.
#
#   bench/run.sh [--duration 10] [--target payouts|ceiling|both|none] [--server-dll PATH]...
#                [--port 50090] [--warmup 60] [--min-warmup 10] [--config-warmup 2] [--no-build]
#
# Server pinned to core 0 (taskset -c 0), h2load to core 1 (taskset -c 1).
# For each config (c=1 m=1, c=16 m=16, c=64 m=8) prints req/s, p50/p99 latency (from h2load's
# per-request --log-file) and server CPU µs per successful call (utime+stime delta of the server
# process from /proc/PID/stat). --server-dll measures another Payouts.Api.dll in the same run
# (repeatable). See bench/README.md.
set -euo pipefail

# ---------------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------------
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"

# The service of this checkout (target "payouts"), as bench/cashouts.sh builds and starts it.
SERVICE_PROJECT="$REPO_DIR/src/Api/Payouts.Api.csproj"
SERVICE_DLL="$REPO_DIR/src/Api/bin/Release/net10.0/Payouts.Api.dll"
# Ceiling (bare Kestrel, bench/Ceiling).
CEILING_PROJECT="$BENCH_DIR/Ceiling/Payouts.Bench.Ceiling.csproj"
CEILING_DLL="$BENCH_DIR/Ceiling/bin/Release/net10.0/Payouts.Bench.Ceiling.dll"

SERVER_CPU=0
CLIENT_CPU=1
CONFIGS=("1 1" "16 16" "64 8")    # "clients max-concurrent-streams"
# Unauthenticated and unary, answered SERVING by every version of the service, so any build can be
# measured with the same bytes.
RPC_PATH="/grpc.health.v1.Health/Check"
KEY_ID=bench

DURATION=10
TARGET=payouts
EXTRA_DLLS=()     # --server-dll, each measured as target dll1, dll2, ...
PORT=50090        # gRPC (h2c); the service's HTTP/1.1 endpoint gets PORT+1
WARMUP=60          # upper bound; the warm-up stops earlier once the server has settled
MIN_WARMUP=10
WARMUP_CHUNK=5
CONFIG_WARMUP=2
BUILD=1

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --duration=*) DURATION="${1#*=}"; shift ;;
        --target) TARGET="$2"; shift 2 ;;
        --target=*) TARGET="${1#*=}"; shift ;;
        --server-dll) EXTRA_DLLS+=("$(realpath "$2")"); shift 2 ;;
        --server-dll=*) EXTRA_DLLS+=("$(realpath "${1#*=}")"); shift ;;
        --port) PORT="$2"; shift 2 ;;
        --port=*) PORT="${1#*=}"; shift ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --warmup=*) WARMUP="${1#*=}"; shift ;;
        --min-warmup) MIN_WARMUP="$2"; shift 2 ;;
        --min-warmup=*) MIN_WARMUP="${1#*=}"; shift ;;
        --config-warmup) CONFIG_WARMUP="$2"; shift 2 ;;
        --config-warmup=*) CONFIG_WARMUP="${1#*=}"; shift ;;
        --no-build) BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done

for v in DURATION PORT WARMUP MIN_WARMUP CONFIG_WARMUP; do
    [[ "${!v}" =~ ^[0-9]+$ ]] || { echo "run.sh: --${v,,} must be a whole number of seconds/port" >&2; exit 2; }
done
[[ "$DURATION" -ge 1 ]] || { echo "run.sh: --duration must be >= 1" >&2; exit 2; }
HTTP_PORT=$(( PORT + 1 ))
case "$TARGET" in
    payouts) TARGETS=(payouts) ;;
    ceiling) TARGETS=(ceiling) ;;
    both) TARGETS=(ceiling payouts) ;;
    none) TARGETS=() ;;
    *) echo "run.sh: --target must be payouts, ceiling, both or none" >&2; exit 2 ;;
esac
# Another build of the service, e.g. the last release: started like "payouts", never built here.
declare -A TARGET_DLL=([ceiling]="$CEILING_DLL" [payouts]="$SERVICE_DLL")
for i in "${!EXTRA_DLLS[@]}"; do
    [[ -f "${EXTRA_DLLS[$i]}" ]] || { echo "run.sh: --server-dll ${EXTRA_DLLS[$i]}: no such file" >&2; exit 2; }
    TARGETS+=("dll$(( i + 1 ))")
    TARGET_DLL["dll$(( i + 1 ))"]="${EXTRA_DLLS[$i]}"
done
[[ ${#TARGETS[@]} -gt 0 ]] || { echo "run.sh: nothing to measure (--target none needs --server-dll)" >&2; exit 2; }

for tool in dotnet h2load nghttp taskset ss base64 head; do
    command -v "$tool" >/dev/null || { echo "run.sh: missing tool: $tool (h2load/nghttp: apt-get install nghttp2-client)" >&2; exit 2; }
done
if [[ "$(nproc)" -lt 2 ]]; then
    echo "run.sh: needs 2 CPUs (server on core $SERVER_CPU, h2load on core $CLIENT_CPU); nproc=$(nproc)" >&2
    exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RESULTS_DIR="$BENCH_DIR/results"          # git-ignored (/bench/results/)
mkdir -p "$RESULTS_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RUN_DIR="$RESULTS_DIR/$STAMP"
mkdir -p "$RUN_DIR"
cd "$RUN_DIR"     # all paths below are absolute; anything stray lands in the results folder
CLK_TCK="$(getconf CLK_TCK)"
URL="http://127.0.0.1:$PORT$RPC_PATH"
# A fresh HS256 key for this run only: the service starts in Production, which has none, and refuses
# to start without a link-state key. Health needs no caller; the key only lets the service start.
KEY_SECRET="$(head -c 32 /dev/urandom | base64 -w0)"

# ---------------------------------------------------------------------------------------------
# Request / expected response bytes
# ---------------------------------------------------------------------------------------------
# request.bin = 5-byte gRPC prefix + an empty HealthCheckRequest (service "" = the whole server,
# the proto3 default, so nothing is on the wire):
#   00 00 00 00 00    compressed=0, length=0
REQUEST_BIN="$BENCH_DIR/request.bin"
printf '\000\000\000\000\000' > "$REQUEST_BIN"
# Expected reply = 5-byte prefix + HealthCheckResponse{status: SERVING}:
#   00 00 00 00 02  08 01      (7 bytes: field 1 status, varint, SERVING = 1)
EXPECTED_REPLY_HEX="00000000020801"
EXPECTED_REPLY_LEN=$(( ${#EXPECTED_REPLY_HEX} / 2 ))

hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }

# Cross-check the hand-made bytes against protoc and the standard health proto (the one grpc-dotnet serves).
HEALTH_PROTO_ROOT="${GRPC_PROTO_ROOT:-/usr/share/grpc-proto}"   # Debian grpc-proto: the health service grpc-dotnet serves
if command -v protoc >/dev/null && [[ -f "$HEALTH_PROTO_ROOT/grpc/health/v1/health.proto" ]]; then
    req_msg_hex="$(printf '' | protoc -I"$HEALTH_PROTO_ROOT" --encode=grpc.health.v1.HealthCheckRequest grpc/health/v1/health.proto | od -An -v -tx1 | tr -d ' \n')"
    rsp_msg_hex="$(echo 'status: SERVING' \
        | protoc -I"$HEALTH_PROTO_ROOT" --encode=grpc.health.v1.HealthCheckResponse grpc/health/v1/health.proto | od -An -v -tx1 | tr -d ' \n')"
    if [[ "0000000000$req_msg_hex" != "$(hex "$REQUEST_BIN")" ]] || [[ "0000000002$rsp_msg_hex" != "$EXPECTED_REPLY_HEX" ]]; then
        echo "run.sh: request/response bytes disagree with protoc --encode (req '$req_msg_hex', rsp '$rsp_msg_hex')" >&2
        exit 1
    fi
    PROTOC_CHECK="matches protoc --encode ($HEALTH_PROTO_ROOT/grpc/health/v1/health.proto)"
else
    PROTOC_CHECK="not cross-checked (protoc or grpc-proto's health.proto missing)"
fi

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
SERVER_PID=""
stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "run.sh: server $SERVER_PID did not stop within 10 s of TERM; killing it" >&2
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}
# The services' databases hold nothing the run needs afterwards.
cleanup() { stop_server; rm -f "$RUN_DIR"/*.db "$RUN_DIR"/*.db-wal "$RUN_DIR"/*.db-shm; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# utime+stime of a process in clock ticks. Fields after the ")" that closes comm: $12=utime, $13=stime.
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
now_ns() { date +%s%N; }

port_busy() { [[ -n "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]]; }

build_target() {
    local name="$1" project="$2"
    if [[ ! -f "$project" ]]; then
        echo "run.sh: $name project not found: $project" >&2
        return 1
    fi
    if [[ "$BUILD" == 1 ]]; then
        echo "building $name (Release): $project"
        if ! dotnet build -c Release -nologo "$project" > "$RUN_DIR/$name-build.log" 2>&1; then
            tail -n 30 "$RUN_DIR/$name-build.log" >&2
            echo "run.sh: build of $name failed (log: $RUN_DIR/$name-build.log)" >&2
            return 1
        fi
    fi
}

start_server() { # name working-directory "ports it binds" command...
    local name="$1" dir="$2" ports="$3" p; shift 3
    for p in $ports; do
        if port_busy "$p"; then
            echo "run.sh: port $p is already in use; refusing to benchmark someone else's server" >&2
            return 1
        fi
    done
    # The subshell execs taskset, which execs the command (env execs dotnet), so $! is the runtime
    # process whose /proc stat we read.
    ( cd "$dir" && exec taskset -c "$SERVER_CPU" "$@" ) > "$RUN_DIR/$name-server.log" 2>&1 &
    SERVER_PID=$!
    local deadline=$(( $(date +%s) + 60 ))
    until (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            cat "$RUN_DIR/$name-server.log" >&2
            echo "run.sh: $name server exited before listening on $PORT" >&2
            SERVER_PID=""
            return 1
        fi
        if [[ $(date +%s) -ge $deadline ]]; then
            echo "run.sh: $name server did not listen on $PORT within 60 s" >&2
            return 1
        fi
        sleep 0.1
    done
    echo "$name server pid $SERVER_PID on core $SERVER_CPU, listening on 127.0.0.1:$PORT"
}

# The service marks itself SERVING only once it has started, a moment after Kestrel listens.
wait_serving() { # name
    local deadline=$(( $(date +%s) + 30 )) body=""
    while true; do
        body="$(timeout 5 nghttp -d "$REQUEST_BIN" -H 'content-type: application/grpc' -H 'te: trailers' \
            "$URL" 2>/dev/null | od -An -v -tx1 | tr -d ' \n')" || true
        [[ "$body" == "$EXPECTED_REPLY_HEX" ]] && return 0
        if [[ $(date +%s) -ge $deadline ]]; then
            fail "$1: Health/Check did not answer SERVING within 30 s of listening (last reply '$body')"
            return 1
        fi
        sleep 0.2
    done
}

run_h2load() { # clients streams duration logfile-or-empty outfile
    local args=(-D "$3" -c "$1" -m "$2" -t 1 -d "$REQUEST_BIN"
        -H 'content-type: application/grpc' -H 'te: trailers')
    [[ -n "$4" ]] && args+=("--log-file=$4")
    timeout $(( $3 + 60 )) taskset -c "$CLIENT_CPU" h2load "${args[@]}" "$URL" > "$5" 2>&1
}

# Field from h2load's "requests:" line, e.g. h2_req out succeeded
h2_req() { sed -n 's/^requests: .*[ ,]\([0-9][0-9]*\) '"$2"'.*$/\1/p' "$1" | head -n1; }
h2_2xx() { sed -n 's/^status codes: \([0-9][0-9]*\) 2xx.*$/\1/p' "$1" | head -n1; }
h2_data_bytes() { sed -n 's/^traffic: .*(\([0-9][0-9]*\)) data.*$/\1/p' "$1" | head -n1; }

FAILURES=0
fail() { echo "CHECK FAILED: $*" >&2; FAILURES=$(( FAILURES + 1 )); }

# One call with nghttp (which shows trailers) and one with h2load -n1: the reply must be HTTP 200,
# content-type application/grpc, exactly the expected message, and grpc-status: 0 in the trailers
# (i.e. after the DATA frame), and h2load must count it as succeeded.
verify_grpc() {
    local name="$1"; local out="$RUN_DIR/$name-verify"
    if ! timeout 20 nghttp -v -d "$REQUEST_BIN" -H 'content-type: application/grpc' -H 'te: trailers' \
            "$URL" > "$out.nghttp.txt" 2>&1; then
        fail "$name: nghttp request failed (see $out.nghttp.txt)"; return
    fi
    timeout 20 nghttp -d "$REQUEST_BIN" -H 'content-type: application/grpc' -H 'te: trailers' \
        "$URL" > "$out.body.bin" 2>/dev/null || true
    local verdict
    verdict="$(awk '
        /recv \(stream_id=[0-9]+\) :status: / { status = $NF }
        /recv \(stream_id=[0-9]+\) content-type: / { ctype = $NF }
        /recv DATA frame/ { data = 1 }
        /recv \(stream_id=[0-9]+\) grpc-status: / { if (data) trailer = $NF; else header = $NF }
        /recv \(stream_id=[0-9]+\) grpc-message: / { msg = $0 }
        END {
            if (status != "200") { print "HTTP status " status; exit }
            if (ctype !~ /^application\/grpc/) { print "content-type " ctype; exit }
            if (header != "") { print "grpc-status " header " in headers (trailers-only reply) " msg; exit }
            if (trailer != "0") { print "trailer grpc-status=\"" trailer "\" " msg; exit }
            print "ok"
        }' "$out.nghttp.txt")"
    [[ "$verdict" == ok ]] || { fail "$name: gRPC reply not OK: $verdict (see $out.nghttp.txt)"; return; }
    local body_hex; body_hex="$(hex "$out.body.bin")"
    if [[ "$body_hex" != "$EXPECTED_REPLY_HEX" ]]; then
        fail "$name: reply body $body_hex, expected $EXPECTED_REPLY_HEX"; return
    fi
    timeout 20 taskset -c "$CLIENT_CPU" h2load -n 1 -c 1 -m 1 -t 1 -d "$REQUEST_BIN" \
        -H 'content-type: application/grpc' -H 'te: trailers' "$URL" > "$out.h2load.txt" 2>&1 || true
    if [[ "$(h2_req "$out.h2load.txt" succeeded)" != 1 ]]; then
        fail "$name: h2load -n1 did not succeed (see $out.h2load.txt)"; return
    fi
    echo "$name: verified one call: HTTP 200, application/grpc, reply $EXPECTED_REPLY_LEN B as expected, trailer grpc-status: 0"
}

ROWS=()
NOISY=""
declare -A US_PER_CALL=()   # "target c m" -> srv µs/call
ROW_FMT='%-8s %4s %4s %11s %8s %8s %12s %8s %7s %9s %10s %7s %7s'
# shellcheck disable=SC2059  # the format is a constant defined just above
add_row() { ROWS+=("$(printf "$ROW_FMT" "$@")"); }
# (%13s: "µ" is two bytes and printf pads bytes, not characters)
HEADER="$(printf '%-8s %4s %4s %11s %8s %8s %13s %8s %7s %9s %10s %7s %7s' \
    target c m 'req/s' 'p50 ms' 'p99 ms' 'srv µs/call' 'srv cpu' 'h2 cpu' 'other0/1' succeeded failed errored)"

# Busy and total ticks of the server's and the client's core from /proc/stat: "busy0 total0 busy1 total1".
# busy = user+nice+system+irq+softirq+steal (steal: time the hypervisor gave to someone else).
core_snapshot() {
    awk -v c0="cpu$SERVER_CPU" -v c1="cpu$CLIENT_CPU" '
        $1 == c0 || $1 == c1 { b = $2 + $3 + $4 + $7 + $8 + $9; t[$1] = b " " (b + $5 + $6) }
        END { print t[c0] " " t[c1] }' /proc/stat
}

# Children user+sys seconds of a subshell, from bash's `times` (2nd line), as ms.
times_to_ms() { awk 'NR==2 { t=0; for (i=1;i<=2;i++) { split($i, a, /[ms]/); t += a[1]*60 + a[2] } printf "%d", t*1000 }' "$1"; }

measure() { # name clients streams
    local name="$1" c="$2" m="$3" tag="$1-c$2-m$3"
    local out="$RUN_DIR/$tag.h2load.txt" log="$RUN_DIR/$tag.latency.log" tms="$RUN_DIR/$tag.times"
    if [[ "$CONFIG_WARMUP" -gt 0 ]]; then
        run_h2load "$c" "$m" "$CONFIG_WARMUP" "" "$RUN_DIR/$tag.warmup.txt" || true
    fi
    local t0 t1 ns0 ns1
    local k0 k1
    k0="$(core_snapshot)"; t0="$(cpu_ticks "$SERVER_PID")"; ns0="$(now_ns)"
    ( run_h2load "$c" "$m" "$DURATION" "$log" "$out"; rc=$?; times > "$tms"; exit $rc ) || true
    ns1="$(now_ns)"; t1="$(cpu_ticks "$SERVER_PID")"; k1="$(core_snapshot)"

    local succeeded failed errored timeouts ok2xx data_bytes
    succeeded="$(h2_req "$out" succeeded)"; failed="$(h2_req "$out" failed)"
    errored="$(h2_req "$out" errored)"; timeouts="$(h2_req "$out" timeout)"
    ok2xx="$(h2_2xx "$out")"; data_bytes="$(h2_data_bytes "$out")"
    if [[ -z "$succeeded" ]]; then
        fail "$tag: could not parse h2load output (see $out)"
        add_row "$name" "$c" "$m" - - - - - - - - - -; return
    fi
    [[ "$succeeded" -gt 0 ]] || fail "$tag: no successful calls"
    [[ "$failed" == 0 && "$errored" == 0 && "$timeouts" == 0 ]] \
        || fail "$tag: failed=$failed errored=$errored timeout=$timeouts"
    [[ "$ok2xx" == "$succeeded" ]] || fail "$tag: 2xx=$ok2xx but succeeded=$succeeded"
    # Every successful reply carries exactly the expected message; at most the c*m streams cut
    # off when the duration ends may add partial DATA.
    local want=$(( succeeded * EXPECTED_REPLY_LEN )) slack=$(( c * m * EXPECTED_REPLY_LEN ))
    if (( data_bytes < want || data_bytes > want + slack )); then
        fail "$tag: received $data_bytes DATA bytes for $succeeded calls, expected $want (+<= $slack)"
    fi

    local wall_s rps p50 p99 us_per_call srv_pct h2_pct h2_ms
    wall_s="$(awk -v a="$ns0" -v b="$ns1" 'BEGIN { printf "%.6f", (b - a) / 1e9 }')"
    # h2load's own req/s is succeeded / main duration; use it as printed.
    rps="$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*$/\1/p' "$out" | head -n1)"
    read -r p50 p99 < <(awk -F'\t' '$2 == 200 { print $3 }' "$log" | sort -n \
        | awk '{ v[NR] = $1 } END {
            if (NR == 0) { print "- -"; exit }
            i50 = int(NR * 0.50); if (i50 < NR * 0.50) i50++; if (i50 < 1) i50 = 1
            i99 = int(NR * 0.99); if (i99 < NR * 0.99) i99++; if (i99 < 1) i99 = 1
            printf "%.3f %.3f\n", v[i50] / 1000, v[i99] / 1000 }')
    us_per_call="$(awk -v d=$(( t1 - t0 )) -v hz="$CLK_TCK" -v n="$succeeded" \
        'BEGIN { printf "%.2f", d * 1e6 / hz / n }')"
    srv_pct="$(awk -v d=$(( t1 - t0 )) -v hz="$CLK_TCK" -v w="$wall_s" 'BEGIN { printf "%.0f%%", 100 * d / hz / w }')"
    h2_ms="$(times_to_ms "$tms")"
    h2_pct="$(awk -v ms="$h2_ms" -v w="$wall_s" 'BEGIN { printf "%.0f%%", ms / 10 / w }')"
    # CPU on the two cores not charged to the server / to h2load: other processes, steal, and
    # softirq work of the loopback traffic that the kernel did not charge to either process.
    local other o0 o1
    read -r o0 o1 < <(awk -v a="$k0" -v b="$k1" -v s=$(( t1 - t0 )) -v h="$h2_ms" -v hz="$CLK_TCK" 'BEGIN {
        split(a, x, " "); split(b, y, " ")
        t0 = y[2] - x[2]; t1 = y[4] - x[4]
        o0 = t0 > 0 ? 100 * (y[1] - x[1] - s) / t0 : 0
        o1 = t1 > 0 ? 100 * (y[3] - x[3] - h * hz / 1000) / t1 : 0
        printf "%.0f %.0f\n", (o0 < 0 ? 0 : o0), (o1 < 0 ? 0 : o1) }')
    other="$o0%/$o1%"
    if (( o0 > 10 || o1 > 10 )); then
        NOISY+="  $tag: ${o0}% of core $SERVER_CPU and ${o1}% of core $CLIENT_CPU went to something else"$'\n'
    fi
    US_PER_CALL["$name $c $m"]="$us_per_call"
    echo "  $tag: $succeeded calls, server $(( t1 - t0 )) ticks (1 tick = $(( 1000000 / CLK_TCK )) µs) over ${wall_s}s"
    add_row "$name" "$c" "$m" "$rps" "$p50" "$p99" "$us_per_call" "$srv_pct" "$h2_pct" "$other" "$succeeded" "$failed" "$errored"
    rm -f "$log"   # can be tens of MB; the summary keeps what matters
}

# CPU ticks of the tiered-compilation background thread(s) (comm ".NET Tiered Com"), as "tid:ticks".
tier_snapshot() {
    local t
    for t in "/proc/$1"/task/*; do
        if grep -q 'Tiered' "$t/comm" 2>/dev/null; then
            echo "${t##*/}:$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$t/stat" 2>/dev/null || echo 0)"
        fi
    done
}
tier_delta() { # before after -> ticks spent by tiering threads in between (vanished threads ignored)
    awk -v before="$1" -v after="$2" 'BEGIN {
        n = split(before, b, " "); for (i = 1; i <= n; i++) { split(b[i], kv, ":"); t0[kv[1]] = kv[2] }
        n = split(after, a, " ");  for (i = 1; i <= n; i++) { split(a[i], kv, ":"); d += kv[2] - ((kv[1] in t0) ? t0[kv[1]] : 0) }
        print d + 0 }'
}

# Warm-up at c=16 m=16 in WARMUP_CHUNK-second chunks until the server has settled: server CPU per
# call within 5% of the previous chunk and the tiered-JIT thread below 1% of the server's CPU (tiered
# PGO on a single pinned core takes tens of seconds to reach tier 1), at least MIN_WARMUP seconds,
# at most WARMUP seconds.
WARMUP_NOTE=""
warm_up() {
    local name="$1" elapsed=0 prev="" chunk a b ta tb n us tier_pct settled=0 i=0
    [[ "$WARMUP" -gt 0 ]] || return 0
    echo "$name: warm-up at c=16 m=16, ${WARMUP_CHUNK}s chunks, until settled (min ${MIN_WARMUP}s, max ${WARMUP}s)"
    while (( elapsed < WARMUP )); do
        chunk=$(( WARMUP - elapsed < WARMUP_CHUNK ? WARMUP - elapsed : WARMUP_CHUNK ))
        i=$(( i + 1 ))
        a="$(cpu_ticks "$SERVER_PID")"; ta="$(tier_snapshot "$SERVER_PID" | tr '\n' ' ')"
        run_h2load 16 16 "$chunk" "" "$RUN_DIR/$name-warmup-$i.txt" || true
        b="$(cpu_ticks "$SERVER_PID")"; tb="$(tier_snapshot "$SERVER_PID" | tr '\n' ' ')"
        elapsed=$(( elapsed + chunk ))
        n="$(h2_req "$RUN_DIR/$name-warmup-$i.txt" succeeded || true)"
        if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
            fail "$name: warm-up had no successful calls (see $RUN_DIR/$name-warmup-$i.txt)"; return
        fi
        us="$(awk -v d=$(( b - a )) -v hz="$CLK_TCK" -v n="$n" 'BEGIN { printf "%.2f", d * 1e6 / hz / n }')"
        tier_pct="$(awk -v t="$(tier_delta "$ta" "$tb")" -v d=$(( b - a )) 'BEGIN { printf "%.1f", (d > 0 ? 100 * t / d : 0) }')"
        printf '  warm-up %3ss: %9s req/s  %8s µs/call  tiered JIT %5s%% of server CPU\n' \
            "$elapsed" "$(( n / chunk ))" "$us" "$tier_pct"
        if (( elapsed >= MIN_WARMUP )) && [[ -n "$prev" ]] && awk -v u="$us" -v p="$prev" -v t="$tier_pct" \
                'BEGIN { d = (u - p) / p; if (d < 0) d = -d; exit !(d < 0.05 && t < 1.0) }'; then
            settled=1; break
        fi
        prev="$us"
    done
    if [[ "$settled" == 1 ]]; then
        echo "$name: settled after ${elapsed}s"
        WARMUP_NOTE+="$name: warm-up settled after ${elapsed}s"$'\n'
    else
        echo "$name: WARNING: not settled after ${elapsed}s (still tiering or drifting); consider --warmup $(( WARMUP * 2 ))"
        WARMUP_NOTE+="$name: warm-up NOT settled after ${elapsed}s (raise --warmup)"$'\n'
    fi
}

# The service as bench/cashouts.sh starts it: Production, this run's key, its own empty database,
# both endpoints on loopback, warnings only, the dispatcher off (no provider is reachable from here).
# From the DLL's folder: the content root (appsettings.json) is the working directory.
service_command() { # name dll
    SERVICE_CMD=(env ASPNETCORE_ENVIRONMENT=Production dotnet "$2"
        "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$PORT"
        "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:$HTTP_PORT"
        "--Logging:LogLevel:Default=Warning"
        "--Auth:Keys:0:KeyId=$KEY_ID" "--Auth:Keys:0:SecretBase64=$KEY_SECRET"
        "--Database:Path=$RUN_DIR/$1.db" "--Links:StateKey=$KEY_SECRET" "--Dispatch:Enabled=false")
}

bench_target() {
    local name="$1" dll="${TARGET_DLL[$1]}" dir ports
    local -a cmd
    case "$name" in
        ceiling) build_target ceiling "$CEILING_PROJECT" || { fail "ceiling: build"; return; }
                 cmd=(dotnet "$dll" --port "$PORT" --reply-hex "$EXPECTED_REPLY_HEX")
                 dir="$RUN_DIR"; ports="$PORT" ;;
        *)       if [[ "$name" == payouts ]]; then
                     build_target payouts "$SERVICE_PROJECT" || { fail "payouts: build"; return; }
                 fi
                 service_command "$name" "$dll"
                 cmd=("${SERVICE_CMD[@]}")
                 dir="$(dirname "$dll")"; ports="$PORT $HTTP_PORT" ;;
    esac
    [[ -f "$dll" ]] || { fail "$name: $dll not found"; return; }
    start_server "$name" "$dir" "$ports" "${cmd[@]}" || { fail "$name: start"; stop_server; return; }
    if ! wait_serving "$name"; then stop_server; return; fi
    verify_grpc "$name"
    if [[ "$FAILURES" -gt 0 ]]; then stop_server; return; fi
    warm_up "$name"
    local cfg
    for cfg in "${CONFIGS[@]}"; do
        # shellcheck disable=SC2086
        measure "$name" $cfg
    done
    verify_grpc "$name"   # still answering correctly after the load
    # No check of the server's log for errors: h2load -D ends each run by closing the connection
    # with calls in flight, and a server may log those aborts as failures.
    stop_server
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------
# Everything below also goes to $RUN_DIR/output.txt.
exec > >(tee "$RUN_DIR/output.txt") 2>&1

echo "== Payouts Health/Check benchmark  $(date -u '+%Y-%m-%d %H:%M:%SZ')"
echo "machine : $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), $(awk '/MemTotal/ { printf "%.1f GiB", $2/1048576 }' /proc/meminfo), kernel $(uname -r)"
echo "dotnet  : $(cd "$REPO_DIR" && dotnet --version)"
echo "h2load  : $(h2load --version 2>&1 | head -n1)"
echo "loadavg : $(cut -d' ' -f1-3 /proc/loadavg) (before)"
echo "setup   : server on core $SERVER_CPU, h2load -t1 on core $CLIENT_CPU; ${DURATION}s per config," \
     "warm-up c16 m16 until settled (${MIN_WARMUP}..${WARMUP}s) + ${CONFIG_WARMUP}s per config; CLK_TCK=$CLK_TCK"
echo "request : $URL"
echo "          $(stat -c %s "$REQUEST_BIN") B $(hex "$REQUEST_BIN") ($PROTOC_CHECK)"
echo "reply   : $EXPECTED_REPLY_LEN B $EXPECTED_REPLY_HEX + trailer grpc-status: 0"
for t in "${TARGETS[@]}"; do
    case "$t" in
        ceiling) echo "target  : ceiling = bench/Ceiling (bare Kestrel, same reply bytes)" ;;
        payouts) echo "target  : payouts = src/Api of this checkout ($(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo '?')), Production" ;;
        *)       echo "target  : $t = ${TARGET_DLL[$t]} (built $(date -u -r "${TARGET_DLL[$t]}" '+%Y-%m-%d %H:%MZ')), Production" ;;
    esac
done
echo "logs    : $RUN_DIR"
echo

for t in "${TARGETS[@]}"; do
    bench_target "$t"
done

echo
echo "loadavg : $(cut -d' ' -f1-3 /proc/loadavg) (after)"
echo
[[ -n "$WARMUP_NOTE" ]] && printf '%s' "$WARMUP_NOTE"
echo "$HEADER"
for row in "${ROWS[@]}"; do echo "$row"; done
# Each service against the ceiling (what its pipeline costs above bare Kestrel), and every further
# service against the first (e.g. the last release against this checkout).
ratio_block() { # title numerator-target denominator-target
    local cfg c m printed=0
    for cfg in "${CONFIGS[@]}"; do
        read -r c m <<< "$cfg"
        local a="${US_PER_CALL["$2 $c $m"]:-}" b="${US_PER_CALL["$3 $c $m"]:-}"
        [[ "$a" =~ ^[0-9.]+$ && "$b" =~ ^[0-9.]+$ ]] || continue
        [[ "$printed" == 1 ]] || { echo; echo "$1:"; printed=1; }
        awk -v c="$c" -v m="$m" -v i="$a" -v k="$b" \
            'BEGIN { printf "  c=%-3s m=%-3s %8.2f / %6.2f µs = %5.2fx  (%+.2f µs)\n", c, m, i, k, i / k, i - k }'
    done
}
FIRST_SERVICE=""
for t in "${TARGETS[@]}"; do
    [[ "$t" == ceiling ]] && continue
    ratio_block "$t / ceiling server CPU per call" "$t" ceiling
    if [[ -z "$FIRST_SERVICE" ]]; then FIRST_SERVICE="$t"; else ratio_block "$t / $FIRST_SERVICE server CPU per call" "$t" "$FIRST_SERVICE"; fi
done
echo
echo "req/s, p50/p99: h2load (p50/p99 from its per-request log: request start to end of response)."
echo "srv µs/call: (utime+stime of the server process) / succeeded calls; srv cpu / h2 cpu: share of"
echo "one core used during the measured run (h2 cpu ~100% means the client, not the server, is the limit)."
echo "other0/1: busy time on core $SERVER_CPU / core $CLIENT_CPU not charged to the server / h2load (other processes,"
echo "steal, uncharged softirq); above ~10% the numbers are disturbed."
if [[ -n "$NOISY" ]]; then
    printf 'WARNING: the machine was not quiet (re-run when nothing else is running):\n%s' "$NOISY"
fi
if [[ "$FAILURES" -gt 0 ]]; then
    echo "RESULT: $FAILURES check(s) FAILED"
    exit 1
fi
echo "RESULT: all checks passed"
