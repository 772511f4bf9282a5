#!/usr/bin/env bash
# Alaqat CI helper: start/stop a real Neo4j 5.26 Community server (embedded in a
# tiny Java launcher, see pom.xml and src/) on 127.0.0.1, without Docker.
#
#   neo4j.sh start [PORT]   build if needed, start, wait for Bolt (default port 7687)
#                           stdout: "export NEO4J_URI=bolt://127.0.0.1:PORT" (eval-able)
#   neo4j.sh stop [PORT]    SIGTERM (then SIGKILL), remove its data dir
#   neo4j.sh status [PORT]  exit 0 if running
#   neo4j.sh build          build the launcher (mvn) if sources changed
#
# Env: JAVA_HOME (Java 17+), MVN (default mvn), NEO4J_HEAP (default 1g),
#      NEO4J_START_TIMEOUT seconds (default 180), TMPDIR.
# No auth (use neo4j.NoAuth() or any user/password); HTTP disabled.
# Progress and errors go to stderr; state lives in ${TMPDIR:-/tmp}/alaqat-neo4j-PORT.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
MVN="${MVN:-mvn}"
STAMP="$HERE/target/.built"

log() { echo "neo4j.sh: $*" >&2; }

base_dir() { echo "${TMPDIR:-/tmp}/alaqat-neo4j-$1"; }

# pid of our launcher for PORT, or nothing (guards against stale/reused pids).
running_pid() {
  local pidfile pid
  pidfile="$(base_dir "$1")/neo4j.pid"
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  grep -qa 'alaqat.Neo4jLauncher' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

bolt_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

build() {
  local newest
  newest="$(find "$HERE/pom.xml" "$HERE/src" -type f -newer "$STAMP" 2>/dev/null | head -1 || true)"
  if [[ -f "$STAMP" && -z "$newest" && -d "$HERE/target/lib" ]]; then
    return 0
  fi
  log "building launcher (mvn package)..."
  rm -f "$STAMP"
  (cd "$HERE" && "$MVN" -q -B package) >&2
  touch "$STAMP"
}

check_java() {
  local v
  v="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' || true)"
  if [[ -z "$v" || "${v%%.*}" -lt 17 ]]; then
    log "need Java 17+ (got '${v:-none}' from $JAVA); set JAVA_HOME"
    exit 1
  fi
}

start() {
  local port="$1" base home logf pid deadline
  base="$(base_dir "$port")"; home="$base/home"; logf="$base/neo4j.log"
  if pid="$(running_pid "$port")" && bolt_open "$port"; then
    log "already running (pid $pid) on port $port"
    echo "export NEO4J_URI=bolt://127.0.0.1:$port"
    return 0
  fi
  if bolt_open "$port"; then
    log "port $port is already in use by another process"
    exit 1
  fi
  check_java
  build

  rm -rf "$base"; mkdir -p "$home"
  log "starting Neo4j on 127.0.0.1:$port (data: $home, log: $logf)"
  nohup "$JAVA" -Xms256m -Xmx"${NEO4J_HEAP:-1g}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/java.lang=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$HERE/target/classes:$HERE/target/lib/*" alaqat.Neo4jLauncher "$home" "$port" \
    >"$logf" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$base/neo4j.pid"

  deadline=$((SECONDS + ${NEO4J_START_TIMEOUT:-180}))
  until grep -q '^neo4j ready ' "$logf" && bolt_open "$port"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      log "Neo4j failed to start (pid $pid); launcher log:"
      tail -n 40 "$logf" >&2 || true
      log "debug.log:"
      tail -n 40 "$home/logs/debug.log" >&2 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.5
  done
  log "ready after ${SECONDS}s (pid $pid)"
  echo "export NEO4J_URI=bolt://127.0.0.1:$port"
}

stop() {
  local port="$1" base pid i
  base="$(base_dir "$port")"
  if pid="$(running_pid "$port")"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "still running after 30s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped (pid $pid)"
  else
    log "not running on port $port"
  fi
  rm -rf "$base"
}

cmd="${1:-}"; port="${2:-${NEO4J_PORT:-7687}}"
[[ "$port" =~ ^[0-9]+$ ]] || { log "bad port '$port'"; exit 2; }
case "$cmd" in
  start) start "$port" ;;
  stop) stop "$port" ;;
  status) if pid="$(running_pid "$port")"; then log "running (pid $pid)"; else log "not running"; exit 1; fi ;;
  build) build ;;
  *) echo "usage: $0 start|stop|status [PORT] | build" >&2; exit 2 ;;
esac
