#!/usr/bin/env bash
# Runs every test of the project and ends with one line: "N passed, N failed[, N skipped]".
# Installs what the tests need first (Debian packages, npm packages, NuGet restore): see scripts/install-test-deps.sh.
# Usage: ./test.sh [--no-install] [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Audit]
set -uo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

install=1
if [ "${1:-}" = "--no-install" ]; then install=0; shift; fi
if [ "$install" = 1 ]; then
  ./scripts/install-test-deps.sh || { echo "test dependencies could not be installed"; echo "0 passed, 1 failed"; exit 1; }
fi

RESULTS=$(mktemp -d /tmp/securestack-tests.XXXXXX)
export SECURESTACK_TEST_RESULTS=$RESULTS
status=0

echo "==> dotnet test"
dotnet test SecureStack.slnx --configuration Release --logger "trx" --results-directory "$RESULTS/trx" "$@" || status=1

passed=0; failed=0; skipped=0
for trx in "$RESULTS"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters"); t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${t:-0} - ${x:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test produced no results"; failed=$((failed + 1)); status=1
fi

echo "==> shellcheck"
for script in install.sh test.sh .ci/run scripts/*.sh docker/egress/entrypoint.sh; do
  [ -f "$script" ] || continue
  if shellcheck -x "$script"; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; echo "shellcheck failed: $script"; fi
done

[ "$failed" -gt 0 ] && status=1
rm -rf "$RESULTS"
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
