#!/usr/bin/env bash
# Private RabbitMQ + Redis for local development of Matanai.
#
#   deploy/local/infra.sh start    install (apt, when missing) and start both, wait until ready
#   deploy/local/infra.sh stop     stop exactly the instances this script started
#   deploy/local/infra.sh status   show what is running (exit 0 only when both are up)
#   deploy/local/infra.sh env      print the ConnectionStrings__* export lines
#   deploy/local/infra.sh test-env print QUEUEING_TEST_* lines: integration tests then use these instances
#   deploy/local/infra.sh install  only install the Debian packages when missing
#
# Never touches the system services or the default ports (5672/6379): the instances listen on
# 127.0.0.1 only, on their own ports, with data under $MATANAI_DATA_DIR (default <repo>/.local/infra).
#
# Environment: MATANAI_DATA_DIR, MATANAI_RABBITMQ_PORT (35672), MATANAI_RABBITMQ_DIST_PORT (35673),
#              MATANAI_REDIS_PORT (36379), MATANAI_INFRA_TIMEOUT (seconds, 120).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$SCRIPT_DIR/../.." && pwd)"

DATA_DIR="${MATANAI_DATA_DIR:-$REPO/.local/infra}"
RMQ_PORT="${MATANAI_RABBITMQ_PORT:-35672}"
RMQ_DIST_PORT="${MATANAI_RABBITMQ_DIST_PORT:-35673}"
REDIS_PORT="${MATANAI_REDIS_PORT:-36379}"
TIMEOUT="${MATANAI_INFRA_TIMEOUT:-120}"
RMQ_NODE="matanai-${RMQ_PORT}@localhost"
RMQ_DIR="$DATA_DIR/rabbitmq-$RMQ_PORT"
# The broker runs as user rabbitmq: when it cannot reach the repository (a checkout under a private
# directory, e.g. mktemp -d), its data goes to a per-checkout directory under /var/tmp instead.
resolve_rmq_dir() {
  if [ -z "${MATANAI_DATA_DIR:-}" ] && [ "$(id -u)" = 0 ] && id rabbitmq >/dev/null 2>&1 &&
     ! runuser -u rabbitmq -- test -x "$REPO" 2>/dev/null; then
    RMQ_DIR="/var/tmp/matanai-$(printf '%s' "$REPO" | md5sum | cut -c1-12)/rabbitmq-$RMQ_PORT"
  fi
}
resolve_rmq_dir
REDIS_DIR="$DATA_DIR/redis-$REDIS_PORT"
RMQ_BIN=/usr/lib/rabbitmq/bin

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- install
missing_packages() {
  local pkgs=()
  [ -x "$RMQ_BIN/rabbitmq-server" ] || pkgs+=(rabbitmq-server)
  command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1 || pkgs+=(redis-server)
  echo "${pkgs[@]:-}"
}

apt_install() {
  # apt_install PKG... : apt-get update + install, waiting for another apt to finish first.
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    sudo="sudo"
  fi
  log "installing with apt: $*"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "$@" >&2
}

cmd_install() {
  local pkgs
  pkgs="$(missing_packages)"
  if [ -n "$pkgs" ]; then
    # shellcheck disable=SC2086
    apt_install $pkgs
  fi
  [ -z "$(missing_packages)" ] || die "rabbitmq-server / redis-server still missing after apt-get install"
}

# ---------------------------------------------------------------- helpers
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
read_pid() { [ -s "$1" ] && tr -dc '0-9' <"$1" || true; }

port_in_use() {
  # true when something listens on 127.0.0.1:$1 (or on all addresses)
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Build (in RMQ_CMD) the command line that runs a RabbitMQ program (rabbitmq-server, rabbitmqctl, ...)
# against OUR node, as user rabbitmq when we are root (its data dir and HOME belong to rabbitmq).
rmq_cmd() {
  local prog="$1"; shift
  RMQ_CMD=()
  if [ "$(id -u)" = 0 ]; then RMQ_CMD=(runuser -u rabbitmq --); fi
  RMQ_CMD+=(env
    HOME="$RMQ_DIR"
    RABBITMQ_NODENAME="$RMQ_NODE"
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    RABBITMQ_NODE_PORT="$RMQ_PORT"
    RABBITMQ_DIST_PORT="$RMQ_DIST_PORT"
    RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia"
    RABBITMQ_LOG_BASE="$RMQ_DIR/log"
    RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq"
    RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
    RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
    RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
    RABBITMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid"
    ERL_EPMD_ADDRESS=127.0.0.1
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    # The CLI tools' own Erlang distribution port defaults to 35672-35682, which is our AMQP
    # port: let the kernel pick an ephemeral one instead.
    RABBITMQ_CTL_DIST_PORT_MIN=0
    RABBITMQ_CTL_DIST_PORT_MAX=0
    "$RMQ_BIN/$prog" "$@")
}
rmq() { rmq_cmd "$@"; (cd "$RMQ_DIR" && "${RMQ_CMD[@]}"); }

rmq_pid() { read_pid "$RMQ_DIR/rabbitmq.pid"; }
redis_pid() { read_pid "$REDIS_DIR/redis.pid"; }
rmq_running() { pid_alive "$(rmq_pid)"; }
redis_running() { pid_alive "$(redis_pid)"; }

# ---------------------------------------------------------------- rabbitmq
start_rabbitmq() {
  mkdir -p "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  chmod 755 "$(dirname "$RMQ_DIR")" 2>/dev/null || true
  if rmq_running; then
    log "rabbitmq already running (node $RMQ_NODE, pid $(rmq_pid))"
    rmq rabbitmqctl -q -n "$RMQ_NODE" await_startup >/dev/null 2>&1 || die "rabbitmq pid $(rmq_pid) is alive but not answering; see $RMQ_DIR/log"
    return 0
  fi
  if port_in_use "$RMQ_PORT"; then die "port $RMQ_PORT is already in use by something else (set MATANAI_RABBITMQ_PORT)"; fi
  if port_in_use "$RMQ_DIST_PORT"; then die "port $RMQ_DIST_PORT is already in use (set MATANAI_RABBITMQ_DIST_PORT)"; fi
  # No plugins (fast start, nothing listens besides AMQP); plain config; empty env file so that
  # /etc/rabbitmq/rabbitmq-env.conf can not redirect us to the system node.
  echo '[].' >"$RMQ_DIR/enabled_plugins"
  : >"$RMQ_DIR/rabbitmq-env.conf"
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$RMQ_PORT
loopback_users.guest = true
log.file.level = info
log.console = false
disk_free_limit.absolute = 50MB
EOF
  rm -f "$RMQ_DIR/rabbitmq.pid"
  if [ "$(id -u)" = 0 ]; then chown -R rabbitmq:rabbitmq "$RMQ_DIR"; fi
  log "starting rabbitmq node $RMQ_NODE on 127.0.0.1:$RMQ_PORT (data $RMQ_DIR)"
  local t0=$SECONDS
  # setsid: own session, so a Ctrl-C in the calling terminal does not reach the broker directly.
  rmq_cmd rabbitmq-server
  (cd "$RMQ_DIR" && exec setsid "${RMQ_CMD[@]}" </dev/null >>"$RMQ_DIR/log/console.log" 2>&1) &
  echo $! >"$RMQ_DIR/launcher.pid"
  # `wait PIDFILE` waits for the pid file and then for the rabbit application to boot.
  if ! rmq rabbitmqctl -q -n "$RMQ_NODE" wait "$RMQ_DIR/rabbitmq.pid" --timeout "$TIMEOUT" >/dev/null 2>&1; then
    tail -n 30 "$RMQ_DIR/log/console.log" >&2 || true
    die "rabbitmq did not start within ${TIMEOUT}s; logs in $RMQ_DIR/log"
  fi
  rmq rabbitmqctl -q -n "$RMQ_NODE" await_startup >/dev/null 2>&1 || die "rabbitmq did not finish booting; logs in $RMQ_DIR/log"
  log "rabbitmq ready in $((SECONDS - t0))s (pid $(rmq_pid))"
}

stop_rabbitmq() {
  # A start that was interrupted may still be booting: give it the time to write its pid file.
  local launcher; launcher="$(read_pid "$RMQ_DIR/launcher.pid")"
  if ! rmq_running && pid_alive "$launcher"; then
    log "rabbitmq is still starting (launcher pid $launcher), waiting for it"
    for _ in $(seq 1 150); do rmq_running && break; pid_alive "$launcher" || break; sleep 0.2; done
  fi
  rm -f "$RMQ_DIR/launcher.pid"
  if ! rmq_running; then log "rabbitmq (node $RMQ_NODE) not running"; rm -f "$RMQ_DIR/rabbitmq.pid"; return 0; fi
  local pid; pid="$(rmq_pid)"
  log "stopping rabbitmq node $RMQ_NODE (pid $pid)"
  rmq rabbitmqctl -q -n "$RMQ_NODE" stop "$RMQ_DIR/rabbitmq.pid" >/dev/null 2>&1 || true
  for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.2; done
  if pid_alive "$pid"; then log "rabbitmq did not stop, killing pid $pid"; kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$RMQ_DIR/rabbitmq.pid"
}

# ---------------------------------------------------------------- redis
start_redis() {
  mkdir -p "$REDIS_DIR"
  if redis_running; then
    log "redis already running (127.0.0.1:$REDIS_PORT, pid $(redis_pid))"
  else
    if port_in_use "$REDIS_PORT"; then die "port $REDIS_PORT is already in use by something else (set MATANAI_REDIS_PORT)"; fi
    rm -f "$REDIS_DIR/redis.pid"
    log "starting redis on 127.0.0.1:$REDIS_PORT (data $REDIS_DIR)"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$REDIS_DIR" \
      --appendonly yes --databases 1024 --daemonize yes --pidfile "$REDIS_DIR/redis.pid" \
      --logfile "$REDIS_DIR/redis.log" --protected-mode yes >/dev/null
  fi
  local deadline=$((SECONDS + TIMEOUT))
  until [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" = "PONG" ]; do
    if [ $SECONDS -ge $deadline ]; then tail -n 20 "$REDIS_DIR/redis.log" >&2 || true; die "redis did not answer PING within ${TIMEOUT}s"; fi
    sleep 0.1
  done
}

stop_redis() {
  if ! redis_running; then log "redis (port $REDIS_PORT) not running"; rm -f "$REDIS_DIR/redis.pid"; return 0; fi
  local pid; pid="$(redis_pid)"
  log "stopping redis on port $REDIS_PORT (pid $pid)"
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do pid_alive "$pid" || break; sleep 0.1; done
  if pid_alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
  rm -f "$REDIS_DIR/redis.pid"
}

# ---------------------------------------------------------------- commands
cmd_env() {
  echo "export ConnectionStrings__rabbitmq='amqp://guest:guest@127.0.0.1:$RMQ_PORT/'"
  echo "export ConnectionStrings__redis='127.0.0.1:$REDIS_PORT,abortConnect=false'"
}

cmd_test_env() {
  # For running the integration tests against these instances instead of private ones (see TestInfrastructure).
  echo "export QUEUEING_TEST_REDIS='127.0.0.1:$REDIS_PORT'"
  echo "export QUEUEING_TEST_RABBITMQ_NODE='$RMQ_NODE'"
  echo "export QUEUEING_TEST_RABBITMQ_PORT='$RMQ_PORT'"
  echo "export QUEUEING_TEST_RABBITMQ_HOME='$RMQ_DIR'"
}

cmd_status() {
  local rc=0
  if rmq_running; then echo "rabbitmq: running  node=$RMQ_NODE amqp://127.0.0.1:$RMQ_PORT/ pid=$(rmq_pid) data=$RMQ_DIR"
  else echo "rabbitmq: stopped  node=$RMQ_NODE port=$RMQ_PORT"; rc=3; fi
  if redis_running; then echo "redis:    running  127.0.0.1:$REDIS_PORT pid=$(redis_pid) data=$REDIS_DIR"
  else echo "redis:    stopped  port=$REDIS_PORT"; rc=3; fi
  return $rc
}

case "${1:-}" in
  start)
    cmd_install
    resolve_rmq_dir
    mkdir -p "$DATA_DIR"
    # user rabbitmq must be able to reach its directory inside ours, whatever the umask
    if [ "$(id -u)" = 0 ]; then chmod a+x "$DATA_DIR" "$(dirname "$DATA_DIR")" 2>/dev/null || true; fi
    start_redis
    start_rabbitmq
    ;;
  stop) stop_rabbitmq; stop_redis ;;
  status) cmd_status ;;
  env) cmd_env ;;
  test-env) cmd_test_env ;;
  install) cmd_install ;;
  *) echo "usage: $0 start|stop|status|env|test-env|install" >&2; exit 2 ;;
esac
