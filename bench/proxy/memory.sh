#!/usr/bin/env bash
# Proxy resident memory with the prompt detector loaded (issue 14, "Memory"): for each variant, a `securestack proxy`
# on 127.0.0.1 in front of the fake upstream; start-up time to the open port, VmRSS/VmHWM idle (5 s after start), then
# SECONDS of authenticated chat requests (wrk, 8 connections, bodies cycling through the held-out test prompts, so
# the sanitizer and classifier run on every request) and VmRSS/VmHWM after. Every process is stopped by PID.
# usage: bench/proxy/memory.sh [SECONDS] [VARIANT...]   VARIANT = NAME or NAME:VAR=value,VAR=value (runtime settings)
# SECURESTACK_BIN picks the binary (default: the Release build); prints one Markdown table row per variant.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-60}; shift || true
VARIANTS=("$@"); [ ${#VARIANTS[@]} -gt 0 ] || VARIANTS=(default)
BIN=${SECURESTACK_BIN:-src/SecureStack.Cli/bin/Release/net10.0/securestack}
DIR=$(mktemp -d /tmp/securestack-proxy-memory.XXXXXX)
# shellcheck source=bench/proxy/common.sh
. bench/proxy/common.sh
port_open() { (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
status_mib() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || printf 'exited'; }

dotnet build bench/SecureStack.Benchmarks -c Release -v quiet --nologo >/dev/null
TOKEN=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
UP=$(free_port)
bench/SecureStack.Benchmarks/bin/Release/net10.0/SecureStack.Benchmarks fake-upstream "$UP" > "$DIR/upstream.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 300); do port_open "$UP" && break; sleep 0.1; done

# Request bodies: the first 500 held-out test prompts as chat completions, one JSON body per line.
zcat data/prompts/prompts.jsonl.gz | python3 -c '
import json, sys
n = 0
for line in sys.stdin:
    r = json.loads(line)
    if r["split"] == "test" and r["context"] == "prompt" and n < 500:
        print(json.dumps({"model": "m", "messages": [{"role": "user", "content": r["text"]}]})); n += 1
' > "$DIR/bodies.jsonl"
cat > "$DIR/chat.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $TOKEN"
wrk.headers["Content-Type"] = "application/json"
local bodies = {}
for line in io.lines("$DIR/bodies.jsonl") do bodies[#bodies + 1] = line end
local i = 0
request = function() i = i % #bodies + 1; return wrk.format(nil, nil, nil, bodies[i]) end
LUA

echo "| variant | ready | idle VmRSS / VmHWM | after ${SECONDS_PER_RUN} s of chat requests: VmRSS / VmHWM | requests/s (non-2xx) |"
echo "|---|---:|---:|---:|---:|"
for variant in "${VARIANTS[@]}"; do
  name=${variant%%:*}; settings=""; [[ "$variant" == *:* ]] && settings=${variant#*:}
  PX=$(free_port)
  start=$(date +%s%N)
  # shellcheck disable=SC2086 # the settings are several NAME=value words on purpose
  env API_TOKEN="$TOKEN" UPSTREAM_URL="http://127.0.0.1:$UP" PROXY_LISTEN="http://127.0.0.1:$PX" AUDIT_LOG_PATH="$DIR/audit-$name/audit.log" \
    PROXY_IDENTITY_MODE=token OPENCLAW_GATEWAY_TOKEN=bench-gateway-token-0123456789 PROXY_RATE_LIMIT=0 PROXY_BLOCKED_METHODS=none \
    ${settings//,/ } "$BIN" proxy > "$DIR/proxy-$name.log" 2>&1 & PIDS+=($!); PX_PID=$!
  for _ in $(seq 1 600); do port_open "$PX" && break; sleep 0.02; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  idle="$(status_mib "$PX_PID" VmRSS) / $(status_mib "$PX_PID" VmHWM) MiB"
  out=$(wrk -t1 -c8 -d"${SECONDS_PER_RUN}s" -s "$DIR/chat.lua" "http://127.0.0.1:$PX/v1/chat/completions")
  after="$(status_mib "$PX_PID" VmRSS) / $(status_mib "$PX_PID" VmHWM) MiB"
  rps=$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")
  non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  echo "| $name | ${ready} ms | $idle | $after | $rps (${non2xx:-0}) |"
  kill -TERM "$PX_PID" 2>/dev/null || true; wait "$PX_PID" 2>/dev/null || true
done
