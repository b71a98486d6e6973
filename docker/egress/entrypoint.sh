#!/usr/bin/env bash
# Egress container entrypoint: renders the allowlisting resolver and packet filter from the allowlist,
# loads the nftables ruleset, then runs dnsmasq and the CONNECT proxy and exits when either stops (the
# restart policy brings both back, re-reading the allowlist: FR-9 AC-3). SIGHUP re-reads the
# allowlist in the proxy; DNS and packet-filter changes need a restart.
# Needs CAP_NET_ADMIN (nftables, dnsmasq's nftset) and nothing else.
#
# Settings (environment):
#   EGRESS_ALLOWLIST      allowlist file (default $SECURESTACK_CONFIG_DIR/egress-allowlist.conf)
#   EGRESS_LISTEN         proxy address (default 0.0.0.0:3128)
#   EGRESS_UPSTREAM_DNS   resolvers for allowlisted names (default: the nameservers in /etc/resolv.conf)
#   EGRESS_DNS_LISTEN     addresses dnsmasq answers on (default: 127.0.0.1 and every IPv4 address here)
#   EGRESS_CLIENT_CIDRS   networks allowed to use the proxy and DNS (default: any; set the internal network)
#   EGRESS_TREAT_AS_PUBLIC  benchmarking/documentation ranges to treat as public (lab networks only)
#   EGRESS_METRICS_LISTEN  http://IP:port for Prometheus GET /metrics (default off; read by securestack egress proxy)
#   EGRESS_RUN_DIR        where rendered files go (default /run/egress, a tmpfs)
#   EGRESS_RESOLV_CONF    resolver file the proxy uses, pointed at dnsmasq (default /etc/resolv.conf)
#   AUDIT_LOG_PATH        the audit log (required)
set -euo pipefail

config_dir=${SECURESTACK_CONFIG_DIR:-/etc/securestack}
allowlist=${EGRESS_ALLOWLIST:-$config_dir/egress-allowlist.conf}
listen=${EGRESS_LISTEN:-0.0.0.0:3128}
run_dir=${EGRESS_RUN_DIR:-/run/egress}
resolv_conf=${EGRESS_RESOLV_CONF:-/etc/resolv.conf}

fail() { echo "egress: $*" >&2; exit 2; }

[ -r "$allowlist" ] || fail "the allowlist $allowlist cannot be read; mount it or set EGRESS_ALLOWLIST"
[ -n "${AUDIT_LOG_PATH:-}" ] || fail "AUDIT_LOG_PATH is not set: the proxy records every refusal there"

# The container's own resolvers, read before this script points resolv.conf at dnsmasq; after a
# restart (Docker keeps a resolv.conf the container changed) they come from the note left below.
upstream=${EGRESS_UPSTREAM_DNS:-$(awk '$1 == "#" && $2 == "egress-upstream:" { print $3; found = 1 } END { exit !found }' "$resolv_conf" \
  || awk '$1 == "nameserver" && $2 != "127.0.0.1" { print $2 }' "$resolv_conf" | paste -sd, -)}
[ -n "$upstream" ] || fail "no upstream resolver: set EGRESS_UPSTREAM_DNS"
dns_listen=${EGRESS_DNS_LISTEN:-$(ip -4 -o addr show | awk '{ split($4, a, "/"); print a[1] }' | sort -u | paste -sd, -)}
proxy_port=${listen##*:}

render_args=(--allowlist "$allowlist" --upstream-dns "$upstream" --out "$run_dir" --proxy-port "$proxy_port")
IFS=, read -r -a listen_addresses <<<"$dns_listen"
render_args+=(--dns-listen "${listen_addresses[@]}")
if [ -n "${EGRESS_CLIENT_CIDRS:-}" ]; then
  IFS=, read -r -a clients <<<"$EGRESS_CLIENT_CIDRS"
  render_args+=(--client-cidr "${clients[@]}")
fi

mkdir -p "$run_dir"
echo "egress: rendering from $allowlist (upstream DNS $upstream, DNS on $dns_listen)"
securestack egress render "${render_args[@]}"
nft -f "$run_dir/egress.nft"
# The proxy resolves through the allowlisting dnsmasq, so every address it connects to is one
# that dnsmasq put into the nftables sets.
printf '# egress-upstream: %s\nnameserver 127.0.0.1\noptions edns0\n' "$upstream" >"$resolv_conf" || fail "$resolv_conf is not writable"

pids=()
hup=0
stop() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
}
trap stop TERM INT
# SIGHUP re-reads the allowlist in the proxy; the DNS and packet-filter layers change on restart.
trap 'hup=1; kill -HUP "${pids[1]}" 2>/dev/null || true' HUP

# --user=root --group= (none): without CAP_SETUID/CAP_SETGID dnsmasq cannot switch user or group;
# it keeps what the container gave it, CAP_NET_ADMIN for the nftables sets.
dnsmasq --keep-in-foreground --user=root --group= --conf-file="$run_dir/dnsmasq.conf" \
  --pid-file="$run_dir/dnsmasq.pid" --log-facility=- &
pids+=($!)
securestack egress proxy --listen "$listen" --allowlist "$allowlist" &
pids+=($!)

# Whichever stops first takes the container down with it: half an egress firewall is not one.
while :; do
  status=0
  wait -n "${pids[@]}" || status=$?
  if [ "$hup" = 1 ]; then
    hup=0
    continue
  fi
  break
done
stop
wait "${pids[@]}" 2>/dev/null || true
echo "egress: stopped (status $status)"
exit "$status"
