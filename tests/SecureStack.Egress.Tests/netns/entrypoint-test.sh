#!/usr/bin/env bash
# Background processes start with `ip netns exec` itself (not a shell function) so $! is their own PID.
# Runs docker/egress/entrypoint.sh the way the container does (no Docker here): in its own network
# namespace, as root limited to CAP_NET_ADMIN with no-new-privileges, port 53 opened by sysctl as
# docker-compose.yml does. Prints "CHECK <name> pass|fail <detail>" lines, then "DONE".
# Usage (root): entrypoint-test.sh PREFIX SECURESTACK_DLL
set -uo pipefail
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

P=$1 CLI_DLL=$2
HERE=$(cd "$(dirname "$0")" && pwd)
ENTRYPOINT=$HERE/../../../docker/egress/entrypoint.sh
NS=$P-ctr
WORK=$(mktemp -d "/tmp/$P.XXXXXX")
ENTRY_PID=
UPSTREAM_PID=

cleanup() {
  set +e
  [ -n "$ENTRY_PID" ] && kill "$ENTRY_PID" 2>/dev/null
  [ -n "$UPSTREAM_PID" ] && kill "$UPSTREAM_PID" 2>/dev/null
  for pid in $(ip netns pids "$NS" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  ip netns del "$NS" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

check() {  # check NAME PATTERN CMD...: passes when CMD exits 0 and its output matches PATTERN
  local name=$1 pattern=$2 out rc
  shift 2
  out=$("$@" 2>&1)
  rc=$?
  if [ "$rc" -eq 0 ] && grep -Eq -- "$pattern" <<<"$out"; then
    echo "CHECK $name pass $(tr '\n' ' ' <<<"$out" | cut -c1-200)"
  else
    echo "CHECK $name fail rc=$rc output=$(tr '\n' ' ' <<<"$out" | cut -c1-300) log=$(tail -n 5 "$WORK/entry.log" | tr '\n' ' ')"
  fi
}

wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

in_ns() { ip netns exec "$NS" "$@"; }

mkdir -p "$WORK/bin" "$WORK/config" "$WORK/audit"
printf '#!/bin/sh\nexec dotnet "%s" "$@"\n' "$CLI_DLL" >"$WORK/bin/securestack"
chmod +x "$WORK/bin/securestack"
printf 'api.openai.com\n' >"$WORK/config/egress-allowlist.conf"
printf 'nameserver 172.30.0.53\n' >"$WORK/resolv.conf"

# Without an audit log the entrypoint refuses to start.
check entrypoint_requires_audit_log 'AUDIT_LOG_PATH is not set' \
  sh -c "env -u AUDIT_LOG_PATH SECURESTACK_CONFIG_DIR='$WORK/config' bash '$ENTRYPOINT'; [ \$? -eq 2 ]"

ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add int0 type veth peer name int1
ip -n "$NS" addr add 172.30.0.2/24 dev int0
ip -n "$NS" addr add 172.30.0.53/24 dev int1
ip -n "$NS" link set int0 up
ip -n "$NS" link set int1 up
in_ns sysctl -qw net.ipv4.ip_unprivileged_port_start=53
# The "upstream" resolver the container was given (Docker's, in a real deployment).
printf 'no-resolv\nno-hosts\nlisten-address=172.30.0.53\nbind-interfaces\naddress=/api.openai.com/198.18.0.10\n' >"$WORK/upstream.conf"
ip netns exec "$NS" dnsmasq -k -C "$WORK/upstream.conf" --pid-file="$WORK/upstream.pid" --log-facility="$WORK/upstream.log" &
UPSTREAM_PID=$!

ip netns exec "$NS" setpriv --bounding-set=-all,+net_admin --inh-caps=-all --no-new-privs \
  env PATH="$WORK/bin:$PATH" SECURESTACK_CONFIG_DIR="$WORK/config" EGRESS_RUN_DIR="$WORK/run" \
  EGRESS_RESOLV_CONF="$WORK/resolv.conf" EGRESS_DNS_LISTEN=127.0.0.1,172.30.0.2 EGRESS_CLIENT_CIDRS=172.30.0.0/24 AUDIT_LOG_PATH="$WORK/audit/egress.jsonl" \
  bash "$ENTRYPOINT" >"$WORK/entry.log" 2>&1 &
ENTRY_PID=$!

check entrypoint_proxy_healthy '' wait_for 60 in_ns curl -sf --max-time 1 http://127.0.0.1:3128/healthz
check entrypoint_proxy_answers '^ok$' in_ns curl -sf --max-time 2 http://127.0.0.1:3128/healthz
check entrypoint_ruleset_loaded 'chain input' in_ns nft list table inet securestack_egress
check entrypoint_upstream_from_resolv_conf 'server=/api.openai.com/172.30.0.53' cat "$WORK/run/dnsmasq.conf"
check entrypoint_resolv_conf_points_to_dnsmasq '^nameserver 127.0.0.1' cat "$WORK/resolv.conf"
check entrypoint_dns_nxdomain 'status: NXDOMAIN' in_ns dig +time=2 +tries=1 @172.30.0.2 blocked.example
check entrypoint_proxy_refuses 'connect=403' sh -c "ip netns exec $NS curl -s -o /dev/null --max-time 5 -x http://172.30.0.2:3128 -w 'connect=%{http_connect}' https://blocked.example/; true"
check entrypoint_allowed_name_resolves '^198\.18\.0\.10$' in_ns dig +short +time=2 +tries=1 @127.0.0.1 api.openai.com
check entrypoint_dnsmasq_fills_set_with_net_admin_only '198\.18\.0\.10' in_ns nft list set inet securestack_egress allow4_443
check entrypoint_refusal_audited '"reason":"not_allowlisted"' cat "$WORK/audit/egress.jsonl"

kill -HUP "$ENTRY_PID"
wait_for 10 grep -q 'Allowlist replaced' "$WORK/entry.log"
check entrypoint_survives_sighup '^alive ok$' sh -c "kill -0 $ENTRY_PID && printf 'alive ' && ip netns exec $NS curl -sf --max-time 2 http://127.0.0.1:3128/healthz"

kill -TERM "$ENTRY_PID"
check entrypoint_stops_on_term 'stopped' sh -c "for _ in \$(seq 50); do kill -0 $ENTRY_PID 2>/dev/null || break; sleep 0.2; done; ! kill -0 $ENTRY_PID 2>/dev/null && grep 'egress: stopped' '$WORK/entry.log'"
# A restart finds resolv.conf already pointing at dnsmasq and takes the upstream from the note there.
rm -rf "$WORK/run"
ip netns exec "$NS" setpriv --bounding-set=-all,+net_admin --inh-caps=-all --no-new-privs \
  env PATH="$WORK/bin:$PATH" SECURESTACK_CONFIG_DIR="$WORK/config" EGRESS_RUN_DIR="$WORK/run" \
  EGRESS_RESOLV_CONF="$WORK/resolv.conf" EGRESS_DNS_LISTEN=127.0.0.1,172.30.0.2 EGRESS_CLIENT_CIDRS=172.30.0.0/24 AUDIT_LOG_PATH="$WORK/audit/egress.jsonl" \
  bash "$ENTRYPOINT" >"$WORK/entry2.log" 2>&1 &
ENTRY_PID=$!
check entrypoint_restart_keeps_upstream '^198\.18\.0\.10$' sh -c "for _ in \$(seq 150); do ip netns exec $NS curl -sf --max-time 1 http://127.0.0.1:3128/healthz >/dev/null && break; sleep 0.2; done; grep -q 'server=/api.openai.com/172.30.0.53' '$WORK/run/dnsmasq.conf' && ip netns exec $NS dig +short +time=2 +tries=1 @127.0.0.1 api.openai.com"
kill -TERM "$ENTRY_PID"
wait "$ENTRY_PID" 2>/dev/null
ENTRY_PID=
kill "$UPSTREAM_PID"
wait "$UPSTREAM_PID" 2>/dev/null
UPSTREAM_PID=
check entrypoint_leaves_no_process '^none$' sh -c "[ -z \"\$(ip netns pids $NS)\" ] && echo none"
ENTRY_PID=
echo "DONE"
