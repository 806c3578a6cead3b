#!/usr/bin/env bash
# Time from process start to the first served call: how long a new or restarted replica keeps a caller waiting.
#
#   bench/startup.sh [--runs 5] [--port 50291] [--server-dll PATH]...
#
# Publishes the service as it is deployed (Release, linux-x64, ReadyToRun: see src/Api/Payouts.Api.csproj), then
# starts it --runs times on a new database file (migrations applied at start-up) and --runs times on an existing one
# (a restart), in Production with a per-run key, waits (every 5 ms, without starting processes) until its port takes a
# connection, then polls grpc.health.v1.Health/Check over h2c every 5 ms until it answers SERVING, which needs the
# database checked too. Prints each time and the median. --server-dll measures
# another build as well (a plain `dotnet build` output, an older release), each line labelled with its path. The build
# measured first starts slower on new files (1.35-1.44 s against 0.94-1.06 s for the same code measured later, 2026-12-06):
# to compare two builds, pass both with --server-dll.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
RUNS=5
PORT=50291
DLLS=()

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --port) PORT="$2"; shift 2 ;;
        --server-dll) DLLS+=("$(realpath "$2")"); shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "startup.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$PORT" =~ ^[0-9]+$ ]] || { echo "startup.sh: --runs and --port must be whole numbers" >&2; exit 2; }
for tool in dotnet curl od base64 head; do
    command -v "$tool" >/dev/null || { echo "startup.sh: missing tool: $tool" >&2; exit 2; }
done

RUN_DIR="$BENCH_DIR/results/startup-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RUN_DIR"
KEY="$(head -c 32 /dev/urandom | base64 -w0)"
# An empty HealthCheckRequest, framed (no compression, length 0); SERVING is 08 01, framed 00 00000002 0801.
printf '\x00\x00\x00\x00\x00' > "$RUN_DIR/health-request.bin"
SERVING=00000000020801

echo "== publish (Release, linux-x64, ReadyToRun)"
dotnet publish "$REPO_DIR/src/Api" -c Release -r linux-x64 --self-contained false -o "$RUN_DIR/publish" -nologo > "$RUN_DIR/publish.log" 2>&1 \
    || { tail -n 20 "$RUN_DIR/publish.log" >&2; exit 1; }
DLLS=("$RUN_DIR/publish/Payouts.Api.dll" "${DLLS[@]}")

PID=""
stop() { [[ -n "$PID" ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; PID=""; return 0; }
trap 'stop; rm -rf "$RUN_DIR/publish" "$RUN_DIR"/*.db*' EXIT

# Milliseconds from exec to the first SERVING answer.
first_call_ms() { # dll database
    local t0 t1 answer
    t0="$(date +%s%N)"
    ( cd "$(dirname "$1")" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$1" \
        "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$PORT" "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:$(( PORT + 1 ))" \
        --Auth:Keys:0:KeyId=startup "--Auth:Keys:0:SecretBase64=$KEY" "--Links:StateKey=$KEY" \
        "--Database:Path=$2" --Dispatch:Enabled=false --Logging:LogLevel:Default=Warning ) > "$RUN_DIR/server.log" 2>&1 &
    PID=$!
    # Until the port takes a connection, poll with bash builtins only: a curl pipeline every 5 ms forks four processes
    # per poll, and on a small machine they take CPU from the start-up being measured (one build's medians: 1.5-1.6 s
    # with them, 1.05 s without, 2026-12-06). Kestrel listens only once migrations and the host's start are done.
    local polls=0
    until exec 3<>"/dev/tcp/127.0.0.1/$PORT"; do
        (( ++polls % 200 )) || kill -0 "$PID" 2>/dev/null || { cat "$RUN_DIR/server.log" >&2; echo "startup.sh: the service exited" >&2; exit 1; }
        (( polls < 12000 )) || { echo "startup.sh: nothing listening on $PORT within 60 s" >&2; exit 1; }
        read -r -t 0.005 -u 9 || true
    done 2>/dev/null
    exec 3>&-
    while true; do
        answer="$(curl -s --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' \
            --data-binary @"$RUN_DIR/health-request.bin" "http://127.0.0.1:$PORT/grpc.health.v1.Health/Check" 2>/dev/null | od -An -tx1 | tr -d ' \n')"
        [[ "$answer" == "$SERVING" ]] && break
        kill -0 "$PID" 2>/dev/null || { cat "$RUN_DIR/server.log" >&2; echo "startup.sh: the service exited" >&2; exit 1; }
        t1="$(date +%s%N)"
        (( t1 - t0 < 60000000000 )) || { echo "startup.sh: no SERVING answer within 60 s" >&2; exit 1; }
        read -r -t 0.005 -u 9 || true
    done
    t1="$(date +%s%N)"
    stop
    echo $(( (t1 - t0) / 1000000 ))
}

# A descriptor that never has data: `read -t` on it waits without starting a process, as `sleep` would.
exec 9<> <(:)

median() { tr ' ' '\n' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "machine : $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1), loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet  : $(dotnet --version); $RUNS runs each; first call = grpc.health.v1.Health/Check answering SERVING (curl, h2c, polled every 5 ms)"
for dll in "${DLLS[@]}"; do
    fresh=() existing=()
    for i in $(seq 1 "$RUNS"); do
        db="$RUN_DIR/startup-$i.db"
        fresh+=("$(first_call_ms "$dll" "$db")")
        existing+=("$(first_call_ms "$dll" "$db")")
    done
    echo
    echo "$dll"
    echo "  new database      (migrations applied): ${fresh[*]} ms; median $(echo "${fresh[*]}" | median) ms"
    echo "  existing database (a restart)         : ${existing[*]} ms; median $(echo "${existing[*]}" | median) ms"
done
