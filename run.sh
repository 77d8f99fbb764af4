#!/usr/bin/env bash
# Matanai: run the whole system locally (no Docker needed).
#
#   ./run.sh            build, start RabbitMQ + Redis (deploy/local/infra.sh), the five services and the
#                       LINE emulator, print the URLs, and stay in the foreground. Ctrl-C stops everything
#                       this script started.
#
# Environment (all optional):
#   MATANAI_GATEWAY_PORT (8080) MATANAI_TICKETING_PORT (8081) MATANAI_COUNTER_PORT (8082)
#   MATANAI_NOTIFICATION_PORT (8083) MATANAI_RESERVATION_PORT (8084) MATANAI_LINE_EMULATOR_PORT (8090)
#   MATANAI_SMTP_PORT (2525)  the emulator's SMTP sink, where Notification sends e-mail
#   MATANAI_RABBITMQ_PORT / MATANAI_REDIS_PORT / MATANAI_DATA_DIR   passed on to deploy/local/infra.sh
#   MATANAI_SKIP_BUILD=1      do not build (use the binaries already in bin/Release)
#   MATANAI_READY_TIMEOUT=90  seconds to wait for every /health/ready
#   ASPNETCORE_ENVIRONMENT    default Development (like `dotnet run`)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO"

INFRA="$REPO/deploy/local/infra.sh"
LOG_DIR="$REPO/.local/logs"
READY_TIMEOUT="${MATANAI_READY_TIMEOUT:-90}"
CONFIGURATION=Release
TFM=net10.0

GATEWAY_PORT="${MATANAI_GATEWAY_PORT:-8080}"
TICKETING_PORT="${MATANAI_TICKETING_PORT:-8081}"
COUNTER_PORT="${MATANAI_COUNTER_PORT:-8082}"
NOTIFICATION_PORT="${MATANAI_NOTIFICATION_PORT:-8083}"
RESERVATION_PORT="${MATANAI_RESERVATION_PORT:-8084}"
LINE_PORT="${MATANAI_LINE_EMULATOR_PORT:-8090}"
SMTP_PORT="${MATANAI_SMTP_PORT:-2525}"

LINE_TOKEN="demo-channel-token"
LINE_SECRET="demo-channel-secret"

# name | project directory | port | readiness paths (first that answers 200 wins)
APPS=(
  "line-emulator|tests/Queueing.LineEmulator|$LINE_PORT|/health/ready /health"
  "ticketing|services/Queueing.Ticketing|$TICKETING_PORT|/health/ready"
  "counter|services/Queueing.Counter|$COUNTER_PORT|/health/ready"
  "notification|services/Queueing.Notification|$NOTIFICATION_PORT|/health/ready"
  "reservation|services/Queueing.Reservation|$RESERVATION_PORT|/health/ready"
  "gateway|services/Queueing.Gateway|$GATEWAY_PORT|/health/ready"
)

say() { printf '\033[1m[run]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;31m[run]\033[0m %s\n' "$*" >&2; }

PIDS=()
NAMES=()
STARTED_INFRA=0
INFRA_PID=""
CLEANED=0

cleanup() {
  [ "$CLEANED" = 1 ] && return
  CLEANED=1
  trap - INT TERM
  if [ ${#PIDS[@]} -gt 0 ]; then
    say "停止しています / stopping ${NAMES[*]}"
    kill -TERM "${PIDS[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      local alive=0
      for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ "$alive" = 0 ] && break
      sleep 0.2
    done
    for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  fi
  if [ -n "$INFRA_PID" ]; then
    kill "$INFRA_PID" 2>/dev/null || true
    wait "$INFRA_PID" 2>/dev/null || true
  fi
  if [ "$STARTED_INFRA" = 1 ]; then
    "$INFRA" stop || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_ok() {
  # http_ok URL -> true when it answers 200
  local code
  code="$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true)"
  [ "$code" = 200 ]
}

# ---------------------------------------------------------------- checks
command -v dotnet >/dev/null 2>&1 || { warn "dotnet SDK not found"; exit 1; }
command -v curl >/dev/null 2>&1 || { warn "curl not found (apt-get install -y curl)"; exit 1; }
for app in "${APPS[@]}"; do
  IFS='|' read -r name _ port _ <<<"$app"
  if port_busy "$port"; then
    warn "port $port ($name) is already in use. Another ./run.sh? Set MATANAI_*_PORT to move it."
    exit 1
  fi
done

# ---------------------------------------------------------------- infrastructure + build
mkdir -p "$LOG_DIR"
INFRA_PID=""
if "$INFRA" status >/dev/null 2>&1; then
  say "RabbitMQ / Redis already running (deploy/local/infra.sh): using them, leaving them running"
else
  STARTED_INFRA=1
  say "RabbitMQ / Redis を起動中 / starting RabbitMQ + Redis (log .local/logs/infra.log)..."
  "$INFRA" start >"$LOG_DIR/infra.log" 2>&1 &   # in parallel with the build
  INFRA_PID=$!
fi

if [ "${MATANAI_SKIP_BUILD:-0}" != 1 ]; then
  say "ビルド中 / building Queueing.sln ($CONFIGURATION)..."
  if ! dotnet build Queueing.sln -c "$CONFIGURATION" -nologo -v q; then
    warn "build failed"
    exit 1
  fi
fi

if [ -n "$INFRA_PID" ]; then
  if ! wait "$INFRA_PID"; then
    INFRA_PID=""
    warn "deploy/local/infra.sh start failed:"
    cat "$LOG_DIR/infra.log" >&2
    exit 1
  fi
  INFRA_PID=""
  cat "$LOG_DIR/infra.log"
fi
eval "$("$INFRA" env)"

# ---------------------------------------------------------------- services
OFFICES_FILE="$REPO/deploy/offices.json"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export DOTNET_NOLOGO=1

for app in "${APPS[@]}"; do
  IFS='|' read -r name dir port _ <<<"$app"
  project="$(basename "$dir")"
  dll="$REPO/$dir/bin/$CONFIGURATION/$TFM/$project.dll"
  [ -f "$dll" ] || { warn "$dll not found (build first, or unset MATANAI_SKIP_BUILD)"; exit 1; }
  log="$LOG_DIR/$name.log"
  : >"$log"
  # The project directory is the content root (wwwroot, appsettings.json), as with `dotnet run`.
  (
    cd "$REPO/$dir"
    export ASPNETCORE_URLS="http://127.0.0.1:$port"
    export Offices__File="$OFFICES_FILE"
    export Line__BaseUrl="http://127.0.0.1:$LINE_PORT"
    export Line__ChannelAccessToken="$LINE_TOKEN"
    export Line__ChannelSecret="$LINE_SECRET"
    # The emulator plays LINE (webhooks to the Gateway, signed) and the mail server (SMTP sink).
    export Line__WebhookUrl="http://127.0.0.1:$GATEWAY_PORT/api/line/webhook"
    export Line__AddFriendUrl="http://127.0.0.1:$LINE_PORT/inbox?user=Udemo0001&text={text}"
    export Smtp__Port="$SMTP_PORT"
    export Email__Host=127.0.0.1
    export Email__Port="$SMTP_PORT"
    export Notifications__PublicBaseUrl="http://127.0.0.1:$GATEWAY_PORT"
    exec dotnet "$dll" </dev/null >>"$log" 2>&1
  ) &
  PIDS+=("$!")
  NAMES+=("$name")
  say "started $name (pid $!, http://127.0.0.1:$port, log .local/logs/$name.log)"
done

# ---------------------------------------------------------------- readiness
say "起動を待っています / waiting for /health/ready (up to ${READY_TIMEOUT}s)..."
deadline=$((SECONDS + READY_TIMEOUT))
declare -A READY=()
while :; do
  pending=0
  for i in "${!APPS[@]}"; do
    IFS='|' read -r name _ port paths <<<"${APPS[$i]}"
    [ -n "${READY[$name]:-}" ] && continue
    if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
      warn "$name exited during startup. Last lines of .local/logs/$name.log:"
      tail -n 40 "$LOG_DIR/$name.log" >&2 || true
      exit 1
    fi
    for path in $paths; do
      if http_ok "http://127.0.0.1:$port$path"; then READY[$name]=1; break; fi
    done
    [ -n "${READY[$name]:-}" ] || pending=1
  done
  [ "$pending" = 0 ] && break
  if [ $SECONDS -ge $deadline ]; then
    for app in "${APPS[@]}"; do
      IFS='|' read -r name _ port paths <<<"$app"
      [ -n "${READY[$name]:-}" ] && continue
      warn "$name (port $port) not ready after ${READY_TIMEOUT}s. Last lines of .local/logs/$name.log:"
      tail -n 30 "$LOG_DIR/$name.log" >&2 || true
    done
    exit 1
  fi
  sleep 0.5
done

G="http://127.0.0.1:$GATEWAY_PORT"
cat <<EOF

==================================================================
  Matanai (待たない) 起動しました / is running
------------------------------------------------------------------
  待合ロビー表示  Lobby display   $G/lobby.html?office=demo
  発券機          Kiosk           $G/kiosk.html?office=demo
  窓口職員        Staff console   $G/staff.html?office=demo
  予約の管理      Staff bookings  $G/staff-bookings.html?office=demo
  来庁予約        Book a visit    $G/book.html?office=demo
  整理券 (スマホ) Phone ticket    $G/ticket.html?token=...  (QR on the kiosk)
  監督者ボード    Supervisor      $G/supervisor.html?office=demo
  API (OpenAPI)   OpenAPI         $G/openapi/v1.json
  LINE・メール受信箱 LINE + mail inbox  http://127.0.0.1:$LINE_PORT/inbox  (SMTP sink :$SMTP_PORT)
------------------------------------------------------------------
  Services: ticketing :$TICKETING_PORT  counter :$COUNTER_PORT  notification :$NOTIFICATION_PORT  reservation :$RESERVATION_PORT
  RabbitMQ  $ConnectionStrings__rabbitmq
  Redis     $ConnectionStrings__redis
  Logs      .local/logs/*.log
  終了するには Ctrl-C / Press Ctrl-C to stop
==================================================================

EOF

# ---------------------------------------------------------------- foreground
set +e
wait -n "${PIDS[@]}"
status=$?
set -e
for i in "${!PIDS[@]}"; do
  if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
    warn "${NAMES[$i]} stopped (exit $status). Last lines of .local/logs/${NAMES[$i]}.log:"
    tail -n 30 "$LOG_DIR/${NAMES[$i]}.log" >&2 || true
  fi
done
exit 1
