#!/usr/bin/env bash
# The one test command: installs what is missing, builds (warnings are errors), checks that no package
# pin is below what a dependant needs, lints the protos with buf, starts a private PostgreSQL (scripts/postgres.sh)
# and runs every test, the application and persistence tests a second time on PostgreSQL. Ends with a
# "tests: N passed, N failed" line counting both passes.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-deps.sh

# The browser tests launch the system chromium; Playwright must never try to fetch its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "== build"
dotnet build Payouts.sln -nologo -clp:ErrorsOnly

echo "== package pins"
python3 scripts/check-pins.py

echo "== buf lint"
npx --no-install buf lint
echo "buf lint: clean"

echo "== private PostgreSQL"
# The persistence tests run on SQLite and on this cluster; without PAYOUTS_TEST_POSTGRES they fail, never skip.
PAYOUTS_TEST_POSTGRES=$(scripts/postgres.sh start)
export PAYOUTS_TEST_POSTGRES
trap 'scripts/postgres.sh stop' EXIT
echo "PostgreSQL on ${PAYOUTS_TEST_POSTGRES}"

echo "== tests"
log=$(mktemp)
status=0
dotnet test Payouts.sln --no-build -nologo 2>&1 | tee "$log" || status=$?

echo "== application and persistence tests on PostgreSQL"
# The same use case tests again, each harness on a new database of its own on the private cluster. Left out: the tests
# that name their databases and ran on both already (trait Database=Both), and the SQLite-only ones (Database=Sqlite),
# each saying why in its code; among them the pipeline simulation, whose crashes and restarts are SQLite's.
PAYOUTS_TEST_DATABASE=PostgreSQL dotnet test tests/Payouts.Application.Tests --no-build -nologo \
  --filter "Database!=Sqlite&Database!=Both" 2>&1 | tee -a "$log" || status=$?

# dotnet test prints one summary per test assembly; add them up into the plain closing line.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
