#!/usr/bin/env bash
# End-to-end proof of the egress design (issue 7) in three network namespaces, no traffic off-box:
#   agent  (OpenClaw stand-in) on the "internal" net 10.77.0.0/24, no route out
#   egress (our proxy, the allowlisting dnsmasq and nftables, rendered by `securestack egress render`)
#   inet   (fake internet: DNS and web servers on 198.18.0.0/15, plus a private and a CGNAT host)
# Prints "CHECK <name> pass|fail <detail>" per check and "EXPECT_REFUSAL <host> <port> <reasons>" for
# every request the proxy must refuse (and audit); copies the audit log and logs to OUT_DIR.
# Usage (root): egress-e2e.sh PREFIX SECURESTACK_DLL OUT_DIR
set -uo pipefail
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY

P=$1 CLI_DLL=$2 OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
NS_AGENT=$P-agent NS_EGRESS=$P-egress NS_INET=$P-inet
WORK=$(mktemp -d "/tmp/$P.XXXXXX")
chmod 755 "$WORK"
PIDS=()  # background processes, started with `ip netns exec` itself so that $! is their own PID
PROXY=http://10.77.0.1:3128

cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.3
  done
  # Anything still inside our own namespaces (they exist only for this run) is ours: kill it by PID.
  for ns in "$NS_AGENT" "$NS_EGRESS" "$NS_INET"; do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
    rm -rf "/etc/netns/$ns"
  done
  mkdir -p "$OUT"
  cp -r "$WORK/audit" "$WORK"/*.log "$WORK/egress" "$OUT/" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

in_agent()  { ip netns exec "$NS_AGENT" "$@"; }
in_egress() { ip netns exec "$NS_EGRESS" "$@"; }
in_inet()   { ip netns exec "$NS_INET" "$@"; }

# check NAME ok|fail|any PATTERN CMD...: passes when CMD exits 0 (ok), non-zero (fail) or either (any)
# and its output matches the extended regex PATTERN.
check() {
  local name=$1 want=$2 pattern=$3 out rc got
  shift 3
  out=$("$@" 2>&1)
  rc=$?
  got=ok
  [ "$rc" -ne 0 ] && got=fail
  if { [ "$want" = any ] || [ "$want" = "$got" ]; } && grep -Eq -- "$pattern" <<<"$out"; then
    echo "CHECK $name pass rc=$rc $(tr '\n' ' ' <<<"$out" | cut -c1-200)"
  else
    echo "CHECK $name fail rc=$rc want=$want pattern=$pattern output=$(tr '\n' ' ' <<<"$out" | cut -c1-300)"
  fi
}

expect_refusal() { echo "EXPECT_REFUSAL $1 $2 $3"; }

# The code the proxy answered with: CONNECT status for https, response status for http.
via_proxy() {
  in_agent curl -s -o /dev/null --max-time 6 --cacert "$WORK/cert.pem" -x "$PROXY" -w 'connect=%{http_connect} http=%{http_code}\n' "$@"
}

# curl's exit code for a direct attempt: 28 (timed out) when a packet filter dropped it, 7 when unreachable.
direct_rc() {
  local ns=$1
  shift
  ip netns exec "$ns" curl -s -o /dev/null -k --max-time 3 "$@"
  echo "curl_rc=$?"
}

wait_for() {  # wait_for SECONDS CMD...: retries CMD until it succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.2
  done
}

# ---------------------------------------------------------------- topology
for ns in "$NS_AGENT" "$NS_EGRESS" "$NS_INET"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add "$P-a0" type veth peer name "$P-e0"
ip link set "$P-a0" netns "$NS_AGENT"
ip link set "$P-e0" netns "$NS_EGRESS"
ip -n "$NS_AGENT" addr add 10.77.0.2/24 dev "$P-a0"
ip -n "$NS_AGENT" link set "$P-a0" up
ip -n "$NS_EGRESS" addr add 10.77.0.1/24 dev "$P-e0"
ip -n "$NS_EGRESS" link set "$P-e0" up
# No default route in the agent: like a container on an internal: true network.
ip link add "$P-e1" type veth peer name "$P-i0"
ip link set "$P-e1" netns "$NS_EGRESS"
ip link set "$P-i0" netns "$NS_INET"
ip -n "$NS_EGRESS" addr add 198.51.100.1/24 dev "$P-e1"
ip -n "$NS_EGRESS" link set "$P-e1" up
ip -n "$NS_INET" addr add 198.51.100.254/24 dev "$P-i0"
ip -n "$NS_INET" link set "$P-i0" up
ip -n "$NS_EGRESS" route add default via 198.51.100.254
for ip in 198.18.0.10 198.18.0.20 10.99.0.5 100.64.0.7; do ip -n "$NS_INET" addr add "$ip/32" dev lo; done
ip -n "$NS_INET" route add 10.77.0.0/24 via 198.51.100.1
in_egress sysctl -qw net.ipv4.ip_forward=0

# ---------------------------------------------------------------- fake internet
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=egress netns test" \
  -addext "subjectAltName=DNS:allowed.example,DNS:*.allowed.example,DNS:blocked.example" \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat > "$WORK/inet-dns.conf" <<'CONF'
no-resolv
no-hosts
listen-address=198.51.100.254
bind-interfaces
local=/example/
address=/allowed.example/198.18.0.10
address=/blocked.example/198.18.0.20
address=/exact.example/198.18.0.30
address=/rebind.allowed.example/10.99.0.5
address=/cgnat.allowed.example/100.64.0.7
# NAT64 form of 10.99.0.5: an IPv6 answer hiding a private IPv4 address
address=/nat64.allowed.example/64:ff9b::a63:5
CONF
ip netns exec "$NS_INET" dnsmasq -k -C "$WORK/inet-dns.conf" --pid-file="$WORK/inet-dns.pid" --log-facility="$WORK/inet-dns.log" &
PIDS+=($!)
ip netns exec "$NS_INET" node "$HERE/fake-web.mjs" "$WORK/cert.pem" "$WORK/key.pem" 198.18.0.10 198.18.0.20 10.99.0.5 100.64.0.7 >"$WORK/web.log" 2>&1 &
PIDS+=($!)

# ---------------------------------------------------------------- egress host: rendered by securestack
cat > "$WORK/allowlist.conf" <<'CONF'
# netns test allowlist
allowed.example
allowed.example:80        # plain HTTP, proxied in absolute form
*.allowed.example         # rebind., cgnat. and nat64. resolve to addresses the proxy must refuse
*                         # too broad: reported and skipped
exact.example             # its subdomains stay NXDOMAIN even though the upstream answers them
CONF
dotnet "$CLI_DLL" egress render --allowlist "$WORK/allowlist.conf" --upstream-dns 198.51.100.254 \
  --dns-listen 127.0.0.1 10.77.0.1 --client-cidr 10.77.0.0/24 --proxy-port 3128 --treat-as-public 198.18.0.0/15 --log-queries --out "$WORK/egress" >"$WORK/render.log" 2>&1
echo "CHECK render_succeeds $([ -s "$WORK/egress/egress.nft" ] && echo pass || echo fail) $(tr '\n' ' ' <"$WORK/render.log")"
check nft_ruleset_loads ok '' in_egress nft -f "$WORK/egress/egress.nft"
ip netns exec "$NS_EGRESS" dnsmasq -k -C "$WORK/egress/dnsmasq.conf" --pid-file="$WORK/egress-dns.pid" --log-facility="$WORK/egress-dns.log" &
PIDS+=($!)
mkdir -p "/etc/netns/$NS_EGRESS"
echo "nameserver 127.0.0.1" >"/etc/netns/$NS_EGRESS/resolv.conf"
mkdir -p "$WORK/audit"
ip netns exec "$NS_EGRESS" dotnet "$CLI_DLL" egress proxy --listen 10.77.0.1:3128 --allowlist "$WORK/allowlist.conf" \
  --audit-log "$WORK/audit/audit.jsonl" --treat-as-public 198.18.0.0/15 --idle-timeout 30 \
  --metrics-listen http://127.0.0.1:9464 >"$WORK/proxy.log" 2>&1 &
PROXY_PID=$!
PIDS+=("$PROXY_PID")
check proxy_starts ok '' wait_for 60 in_agent curl -sf --max-time 1 "$PROXY/healthz"
# Readiness probe on a name outside the allowlist: a lookup of an allowed one would fill the sets early.
wait_for 10 in_egress dig +time=1 +tries=1 @127.0.0.1 ready.invalid

# ---------------------------------------------------------------- checks
# The egress host reaches nothing before the resolver has approved an address.
check egress_direct_before_lookup_dropped any 'curl_rc=28' direct_rc "$NS_EGRESS" https://198.18.0.10/

# DNS: allowlisted names resolve, everything else is NXDOMAIN, private answers are dropped.
check dns_allowed_resolves ok '^198\.18\.0\.10$' in_agent dig +short +time=2 +tries=1 @10.77.0.1 allowed.example
check dns_blocked_nxdomain_from_agent ok 'status: NXDOMAIN' in_agent dig +time=2 +tries=1 @10.77.0.1 blocked.example
check dns_blocked_nxdomain_on_egress ok 'status: NXDOMAIN' in_egress dig +time=2 +tries=1 @127.0.0.1 blocked.example
check dns_unlisted_nxdomain ok 'status: NXDOMAIN' in_egress dig +time=2 +tries=1 @127.0.0.1 www.example
check dns_exact_entry_resolves ok '^198\.18\.0\.30$' in_egress dig +short +time=2 +tries=1 @127.0.0.1 exact.example
check dns_subdomain_of_exact_entry_nxdomain ok 'status: NXDOMAIN' in_egress dig +time=2 +tries=1 @127.0.0.1 sub.exact.example
check dns_rebind_answer_dropped ok '^$' in_egress dig +short +time=2 +tries=1 @127.0.0.1 rebind.allowed.example

# Through the proxy: the allowed host, by curl (CONNECT and absolute-form HTTP) and by Node's undici.
check proxy_connect_allowed_curl ok 'hello from 198\.18\.0\.10 host=allowed\.example' \
  in_agent curl -sS --max-time 6 --cacert "$WORK/cert.pem" -x "$PROXY" https://allowed.example/
check proxy_http_allowed_curl ok 'hello from 198\.18\.0\.10 host=allowed\.example' \
  in_agent curl -sS --max-time 6 -x "$PROXY" http://allowed.example/
check proxy_node_undici_https ok '"ok":true,"status":200,"body":"hello from 198\.18\.0\.10' \
  in_agent env HTTPS_PROXY="$PROXY" NODE_EXTRA_CA_CERTS="$WORK/cert.pem" node "$HERE/node/fetch-through-proxy.mjs" https://allowed.example/
check proxy_node_undici_http ok '"ok":true,"status":200,"body":"hello from 198\.18\.0\.10' \
  in_agent env HTTP_PROXY="$PROXY" node "$HERE/node/fetch-through-proxy.mjs" http://allowed.example/

# Through the proxy: refusals, each answered by the proxy itself.
check proxy_node_undici_blocked fail '"ok":false' \
  in_agent env HTTPS_PROXY="$PROXY" NODE_EXTRA_CA_CERTS="$WORK/cert.pem" node "$HERE/node/fetch-through-proxy.mjs" https://blocked.example/
expect_refusal blocked.example 443 not_allowlisted
check proxy_connect_blocked any 'connect=403' via_proxy https://blocked.example/
expect_refusal blocked.example 443 not_allowlisted
check proxy_http_blocked any 'http=403' via_proxy http://blocked.example/
expect_refusal blocked.example 80 not_allowlisted
check proxy_ip_literal_refused any 'connect=403' via_proxy https://198.18.0.10/
expect_refusal 198.18.0.10 443 address_literal
check proxy_unlisted_port_refused any 'connect=403' via_proxy https://allowed.example:8443/
expect_refusal allowed.example 8443 not_allowlisted
check proxy_private_answer_refused any 'connect=(403|502)' via_proxy https://rebind.allowed.example/
expect_refusal rebind.allowed.example 443 'forbidden_address|resolve_failed'
check proxy_cgnat_answer_refused any 'connect=(403|502)' via_proxy https://cgnat.allowed.example/
expect_refusal cgnat.allowed.example 443 'forbidden_address|resolve_failed'
check proxy_nat64_answer_refused any 'connect=403' via_proxy https://nat64.allowed.example/
expect_refusal nat64.allowed.example 443 forbidden_address

# The agent has no way out but the proxy.
for target in https://198.18.0.10/ http://198.18.0.20/ http://10.99.0.5/ http://100.64.0.7/ http://198.51.100.254/ http://10.77.0.1/; do
  check "agent_direct_${target//[^0-9a-z]/_}_fails" fail '' in_agent curl -s -o /dev/null -k --max-time 3 "$target"
done
check egress_input_drops_other_ports any 'curl_rc=28' direct_rc "$NS_AGENT" http://10.77.0.1:8080/
check agent_direct_dns_fails fail '' in_agent dig +time=2 +tries=1 @198.51.100.254 blocked.example

# The egress host itself reaches only what the resolver approved, on the approved ports.
check egress_set_has_resolved_address ok '198\.18\.0\.10' in_egress nft list set inet securestack_egress allow4_443
check egress_set_lacks_blocked_address any '^' sh -c "! ip netns exec $NS_EGRESS nft list set inet securestack_egress allow4_443 | grep -q 198.18.0.20"
check egress_reaches_resolved_address ok 'hello from 198\.18\.0\.10' in_egress curl -sk --max-time 3 https://198.18.0.10/
check egress_unresolved_public_dropped any 'curl_rc=28' direct_rc "$NS_EGRESS" https://198.18.0.20/
check egress_private_dropped any 'curl_rc=28' direct_rc "$NS_EGRESS" http://10.99.0.5/
check egress_cgnat_dropped any 'curl_rc=28' direct_rc "$NS_EGRESS" https://100.64.0.7/
check egress_unlisted_port_dropped any 'curl_rc=28' direct_rc "$NS_EGRESS" http://198.18.0.10:8080/
check egress_drops_counted ok 'egress-drop: " drop' in_egress nft list chain inet securestack_egress output

# Metrics count allowed tunnels, on the metrics listener inside the egress namespace; the proxy port the agent
# reaches does not serve them.
check metrics_count_allowed ok 'securestack_egress_tunnels_allowed_total\{[^}]*kind="connect"[^}]*\} [3-9]' in_egress curl -s --max-time 3 http://127.0.0.1:9464/metrics
check metrics_not_on_proxy_port ok '^404$' in_agent curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$PROXY/metrics"

# SIGHUP re-reads the allowlist: dropping allowed.example:80 refuses plain HTTP from then on.
sed -i '/^allowed.example:80/d' "$WORK/allowlist.conf"
kill -HUP "$PROXY_PID"
wait_for 10 grep -q 'Allowlist replaced' "$WORK/proxy.log"
check sighup_reload_applies any 'http=403' via_proxy http://allowed.example/
expect_refusal allowed.example 80 not_allowlisted
check proxy_still_runs_after_reload ok 'hello from 198\.18\.0\.10' in_agent curl -sS --max-time 6 --cacert "$WORK/cert.pem" -x "$PROXY" https://allowed.example/

echo "DONE"
