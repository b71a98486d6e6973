#!/usr/bin/env bash
# One-step install of OpenClaw Secure Stack (FR-5).
# Not finished yet: the deployment issue adds Docker Compose and the native --local mode. Today this
# script checks the toolchain, builds the .NET apps and says honestly what is still missing.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '==> %s\n' "$*"; }

step "checking the .NET SDK"
if ! command -v dotnet >/dev/null 2>&1; then
  echo "the .NET SDK 10 is required: install it from your distribution or https://dot.net, then run ./install.sh again" >&2
  exit 1
fi

step "building securestack"
dotnet build SecureStack.slnx --configuration Release --nologo -v quiet

cat <<'MSG'

Built. Not yet available: starting the stack (Docker Compose, or natively without Docker).
Run the CLI with:  dotnet run --project src/SecureStack.Cli -- --help
MSG
