#!/usr/bin/env bash
# Runs README.md's "Your first hour" exactly as written: every ```sh block between the walkthrough markers, in order,
# in one shell, from the repository root. Fails at the first command that fails. Needs ports 8080, 8090, 9000 and
# 50051 free; it can run again on the same data (each run makes new ids).
set -euo pipefail
cd "$(dirname "$0")/.."

script=$(awk '
  /<!-- walkthrough:start -->/ { inside = 1; next }
  /<!-- walkthrough:end -->/   { inside = 0 }
  inside && /^```sh$/          { block = 1; next }
  inside && /^```$/            { block = 0; next }
  inside && block              { print }
' README.md)

if [ -z "$script" ]; then
  echo "readme-walkthrough: no walkthrough blocks found in README.md" >&2
  exit 1
fi

# A service already on these ports would answer instead of the one the walkthrough starts.
for port in 8080 8090 9000 50051; do
  if (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "readme-walkthrough: port $port is in use; stop what listens there (a running service?) and try again" >&2
    exit 1
  fi
done

# In a process group of its own, so that whatever happens no service or receiver is left running behind.
setsid bash -euo pipefail -c "$script" &
walkthrough=$!
trap 'kill -- -$walkthrough 2>/dev/null || true' EXIT
wait $walkthrough
echo "readme-walkthrough: every step ran"
