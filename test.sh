#!/usr/bin/env bash
# Runs every test of the project and ends with one line: "N passed, N failed[, N skipped]".
# Installs what the tests need first (Debian packages, npm packages, NuGet restore): see scripts/install-test-deps.sh.
# Usage: ./test.sh [--no-install] [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Audit]
set -uo pipefail
cd "$(dirname "$0")" || exit 2

install=1
if [ "${1:-}" = "--no-install" ]; then install=0; shift; fi
if [ "$install" = 1 ]; then
  ./scripts/install-test-deps.sh || { echo "test dependencies could not be installed"; echo "0 passed, 1 failed"; exit 1; }
fi

RESULTS=$(mktemp -d /tmp/securestack-tests.XXXXXX)
trap 'rm -rf "$RESULTS"' EXIT
passed=0; failed=0; skipped=0

echo "==> dotnet build"
if ! dotnet build SecureStack.slnx --configuration Release --nologo -v quiet; then
  echo "0 passed, 1 failed"; exit 1
fi

# count NAME: the NAME="N" attribute of the trx Counters element in $counters.
count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }

# One project at a time: the real-gateway suites each start a 1.3 GiB gateway, and the machine has 2 cores.
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "==> dotnet test $name"
  timeout 2400 dotnet test "$project" --configuration Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS" "$@"
  code=$?
  trx="$RESULTS/$name.trx"
  if [ ! -f "$trx" ]; then
    if [ "$code" -ne 0 ]; then echo "$name: no results (exit $code)"; failed=$((failed + 1)); fi
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(count passed); f=$(count failed); e=$(count error); t=$(count total); x=$(count executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0})); skipped=$((skipped + ${t:-0} - ${x:-0}))
  if [ "$code" -ne 0 ] && [ "${f:-0}" -eq 0 ] && [ "${e:-0}" -eq 0 ]; then
    echo "$name: dotnet test exited $code with no failed test (crash or time-out)"; failed=$((failed + 1))
  fi
done

echo "==> shellcheck"
for script in install.sh test.sh .ci/run scripts/*.sh docker/egress/entrypoint.sh; do
  [ -f "$script" ] || continue
  if shellcheck -x "$script"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "shellcheck failed: $script"; fi
done

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "no test ran"; fi
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
