#!/usr/bin/env bash
# Matanai: build and run every test project, then print one summary line from the TRX results:
#
#   N passed, N failed[, N skipped]
#
# Exits non-zero when a test failed, the build or the test run failed, or no TRX result was written.
# The integration tests start their own private RabbitMQ / Redis (tests/Queueing.Testing/Infrastructure),
# so nothing needs to run beforehand; this script only makes sure the Debian packages they and the browser
# tests use are installed (apt is called only for what is missing).
#
# Environment (optional):
#   MATANAI_TEST_FILTER        passed to dotnet test --filter
#   MATANAI_TEST_HANG_TIMEOUT  kill a test host whose test runs longer than this (default 8m)
#   MATANAI_SKIP_BUILD=1       use the binaries already built
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO"

RESULTS_DIR="$REPO/TestResults"
CONFIGURATION=Release

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NPM_CONFIG_UPDATE_NOTIFIER=false

say() { printf '[test] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- prerequisites (apt only when missing)
missing=()
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
{ command -v redis-server && command -v redis-cli; } >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed' || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  say "installing missing packages: ${missing[*]}"
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq &&
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
           --no-install-recommends "${missing[@]}"; } >&2; then
    say "apt-get install ${missing[*]} failed"
    exit 1
  fi
fi

# ---------------------------------------------------------------- build
if [ "${MATANAI_SKIP_BUILD:-0}" != 1 ]; then
  say "building Queueing.sln ($CONFIGURATION)"
  if ! dotnet build Queueing.sln -c "$CONFIGURATION" -nologo -v q; then
    say "build failed"
    exit 1
  fi
fi

# ---------------------------------------------------------------- test
# Test projects are the ones that reference Microsoft.NET.Test.Sdk (a helper library that references xunit
# looks like a test project to `dotnet test Queueing.sln` and aborts the run). Each runs on its own, with
# its own TRX file.
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
# Unit tests first (fast feedback), then the rest in name order.
mapfile -t projects < <(grep -l 'Include="Microsoft.NET.Test.Sdk"' tests/*/*.csproj 2>/dev/null |
  awk '{ print (/Unit/ ? 0 : 1) "\t" $0 }' | sort | cut -f2-)
if [ ${#projects[@]} -eq 0 ]; then say "no test projects (tests/*/*.csproj referencing Microsoft.NET.Test.Sdk)"; fi
test_status=0
for project in "${projects[@]}"; do
  name="$(basename "$project" .csproj)"
  test_args=(test "$project" -c "$CONFIGURATION" --no-build --nologo
    --logger "trx;LogFileName=$name.trx"
    --results-directory "$RESULTS_DIR"
    --blame-hang-timeout "${MATANAI_TEST_HANG_TIMEOUT:-8m}" --blame-hang-dump-type none)
  if [ -n "${MATANAI_TEST_FILTER:-}" ]; then test_args+=(--filter "$MATANAI_TEST_FILTER"); fi
  say "dotnet ${test_args[*]}"
  dotnet "${test_args[@]}"
  rc=$?
  if [ $rc -ne 0 ]; then say "$name: dotnet test exited with $rc"; test_status=$rc; fi
done

# ---------------------------------------------------------------- summary from TRX
shopt -s nullglob globstar
trx_files=("$RESULTS_DIR"/**/*.trx)
passed=0 failed=0 skipped=0 total=0
attr() { # attr NAME COUNTERS_ELEMENT -> value or 0
  local v
  v="$(printf '%s' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | head -n1)"
  echo "${v:-0}"
}
for trx in "${trx_files[@]}"; do
  counters="$(tr -d '\r\n' <"$trx" | grep -o '<Counters [^>]*>' | head -n1)"
  [ -n "$counters" ] || { say "no <Counters> in $trx"; test_status=1; continue; }
  t=$(attr total "$counters"); p=$(attr passed "$counters")
  f=$(( $(attr failed "$counters") + $(attr error "$counters") + $(attr timeout "$counters") + $(attr aborted "$counters") ))
  total=$((total + t)); passed=$((passed + p)); failed=$((failed + f))
  s=$((t - p - f)); [ "$s" -gt 0 ] && skipped=$((skipped + s))
  say "$(basename "$trx"): total=$t passed=$p failed=$f"
done

rc=0
if [ ${#trx_files[@]} -eq 0 ]; then say "no TRX results were written"; rc=1; fi
if [ "$test_status" -ne 0 ]; then say "a test run failed (dotnet test exit code $test_status)"; rc=1; fi
if [ "$failed" -gt 0 ]; then rc=1; fi

line="$passed passed, $failed failed"
if [ "$skipped" -gt 0 ]; then line="$line, $skipped skipped"; fi
echo "$line"
exit $rc
