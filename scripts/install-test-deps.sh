#!/usr/bin/env bash
# Installs what the tests need, from the project's own files; safe to run again.
#   Debian packages: scripts/test-packages.txt (needs root; skipped with a note when all are present)
#   NuGet packages:  restored in locked mode from the committed packages.lock.json files
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t wanted < <(grep -v '^\s*#' scripts/test-packages.txt | awk 'NF {print $1}')
missing=()
for pkg in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then echo "need root to install: ${missing[*]}"; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "==> dotnet restore (locked)"
dotnet restore SecureStack.slnx --locked-mode
