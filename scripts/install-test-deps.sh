#!/usr/bin/env bash
# Installs what the tests need on a fresh machine, and nothing that is already there:
# Debian's grpcio and protoc for the python interop client, grpc-proto for the interop protos,
# nghttp2-client (h2load) for the benchmark, chromium for the hosted form's browser tests (Playwright
# drives the system browser: its own browser downloads are not reachable), jq for README's walkthrough, PostgreSQL 15 for the
# persistence tests' private cluster (scripts/postgres.sh), and the npm tools (buf, grpc-js, swagger-parser).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -f /usr/share/grpc-proto/grpc/health/v1/health.proto ] || missing+=(grpc-proto)
/usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null || missing+=(python3-grpcio python3-protobuf)
command -v protoc >/dev/null || missing+=(protobuf-compiler)
command -v h2load >/dev/null || missing+=(nghttp2-client)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v jq >/dev/null || missing+=(jq)   # README's first hour, which CI runs as written
# Debian's own binaries: a postgres on PATH may be anything (scripts/postgres.sh looks only here).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The lock's mtime alone misses a node_modules installed from another branch's older lock after this checkout.
if [ ! -x node_modules/.bin/buf ] || [ ! -d node_modules/@apidevtools/swagger-parser ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm packages (buf, grpc-js, swagger-parser)"
  # Not `npm ci`: npm's lock omits buf's binaries for other platforms, and ci then refuses it.
  # `install --no-save` follows the lock's exact versions and leaves it untouched.
  npm install --no-save --no-audit --no-fund --loglevel=error
fi
