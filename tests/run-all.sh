#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: starts the local PostgreSQL (persistence and cluster tests),
# installs the third-party OCPP client used by the interoperability test, builds once, runs all test projects and
# prints one summary line. `.ci/run` calls exactly this script.
set -uo pipefail
cd "$(dirname "$0")/.."
say() { echo "[tests] $*"; }

if [ -z "${V2G_TEST_POSTGRES:-}" ]; then
  V2G_TEST_POSTGRES=$(bash tests/scripts/postgres.sh) || { say "could not start PostgreSQL"; exit 1; }
fi
export V2G_TEST_POSTGRES
say "PostgreSQL: ${V2G_TEST_POSTGRES%%Password=*}…"

if command -v npm >/dev/null 2>&1; then
  (cd tests/thirdparty/ocpp-rpc && npm ci --no-audit --no-fund --silent) || { say "npm ci failed"; exit 1; }
else
  say "npm not found: the third-party OCPP client test will fail"
fi

dotnet build V2gActors.sln --nologo -v quiet -clp:ErrorsOnly || { say "build failed"; exit 1; }

# Generated code must match its generator and the official schemas (byte for byte).
dotnet run --no-build --project src/Tools/V2gActors.Tools.OcppGen -- --check || { say "generated OCPP messages are stale: run the generator"; exit 1; }

log=$(mktemp)
# Tests append lines worth seeing (fuzz input counts, measured figures) here; printed after the summary.
export V2G_TEST_REPORT=$(mktemp)
# --blame-hang: a hung test is reported with a dump instead of stalling CI.
dotnet test V2gActors.sln --no-build --nologo --blame-hang-timeout 10m "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

if [ -s "$V2G_TEST_REPORT" ]; then echo "Reported by tests:"; sed 's/^/  /' "$V2G_TEST_REPORT"; fi

# One closing line across all test assemblies (dotnet test prints one line per assembly).
awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
    n++
  }
  END { printf "Assemblies: %d\nTests: %d passed, %d failed, %d skipped\n", n, p, f, s }
' "$log"
rm -f "$log" "$V2G_TEST_REPORT"
exit "$rc"
