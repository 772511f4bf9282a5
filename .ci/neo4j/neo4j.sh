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
#
# For people who run Alaqat on Neo4j and want their data kept (see README):
#   neo4j.sh serve DIR [PORT]  start Neo4j 5.26 Community (the server of the official
#                              distribution, from the same jars) keeping its data in DIR,
#                              created if missing; Bolt on 127.0.0.1:PORT (7687), HTTP on
#                              127.0.0.1:$NEO4J_HTTP_PORT (7474) for the HTTP and Query
#                              APIs; runs in the background, and again after a restart
#                              finds its data. Auth off on loopback, or on with
#                              NEO4J_AUTH=neo4j/PASSWORD (a password of 8 characters or
#                              more, set the first time DIR is served).
#   neo4j.sh halt DIR          stop the server of DIR; the data stays
#   neo4j.sh admin DIR ARGS…   neo4j-admin on DIR, its server halted: database import,
#                              dump, load, check (e.g. admin DIR database dump neo4j --to-path=.)
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

# terminate PID SECONDS: SIGTERM, then SIGKILL if it still runs after SECONDS.
terminate() {
  local pid="$1" secs="$2" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 2; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "still running after ${secs}s, sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

stop() {
  local port="$1" base pid
  base="$(base_dir "$port")"
  if pid="$(running_pid "$port")"; then
    terminate "$pid" 30
    log "stopped (pid $pid)"
  else
    log "not running on port $port"
  fi
  rm -rf "$base"
}

# --- serve mode: a Neo4j whose data is kept in a folder the user names ---

# pid of the server of DIR, or nothing.
serve_pid() {
  local pidfile="$1/run/alaqat-neo4j.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  grep -qa 'CommunityEntryPoint' "/proc/$pid/cmdline" 2>/dev/null || return 1
  echo "$pid"
}

# serve_java DIR CLASS ARGS…: a class of the Neo4j jars, on DIR's home and conf.
serve_java() {
  local dir="$1"; shift
  NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" "$JAVA" -Xmx"${NEO4J_HEAP:-1g}" \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/java.lang=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$HERE/target/classes:$HERE/target/lib/*" "$@"
}

serve() {
  local dir="$1" port="$2" http="${NEO4J_HTTP_PORT:-7474}" pid logf deadline auth=false
  mkdir -p "$dir/conf" "$dir/logs" "$dir/run" "$dir/import"
  dir="$(cd "$dir" && pwd)"
  if pid="$(serve_pid "$dir")"; then
    log "already serving $dir (pid $pid)"
    echo "export NEO4J_URI=bolt://127.0.0.1:$(cat "$dir/run/alaqat-neo4j.port")"
    return 0
  fi
  for p in "$port" "$http"; do
    if bolt_open "$p"; then log "port $p is already in use"; exit 1; fi
  done
  check_java
  build
  [[ -n "${NEO4J_AUTH:-}" ]] && auth=true
  # Written at each start from the arguments; settings of your own go in
  # conf/neo4j-extra.conf, read after it.
  {
    echo "# Written by .ci/neo4j/neo4j.sh serve at each start; put your own settings in neo4j-extra.conf."
    echo "server.default_listen_address=127.0.0.1"
    echo "server.default_advertised_address=127.0.0.1"
    echo "server.bolt.enabled=true"
    echo "server.bolt.listen_address=127.0.0.1:$port"
    echo "server.bolt.advertised_address=127.0.0.1:$port"
    echo "server.http.enabled=true"
    echo "server.http.listen_address=127.0.0.1:$http"
    echo "server.https.enabled=false"
    echo "dbms.security.auth_enabled=$auth"
    echo "dbms.routing.enabled=false"
    echo "server.memory.heap.max_size=${NEO4J_HEAP:-1g}"
    echo "server.memory.pagecache.size=${NEO4J_PAGECACHE:-512m}"
    [[ -f "$dir/conf/neo4j-extra.conf" ]] && cat "$dir/conf/neo4j-extra.conf"
  } >"$dir/conf/neo4j.conf"
  if $auth && [[ ! -f "$dir/data/dbms/auth.ini" ]]; then
    [[ "$NEO4J_AUTH" == neo4j/* ]] || { log "NEO4J_AUTH must be neo4j/PASSWORD"; exit 2; }
    serve_java "$dir" org.neo4j.cli.AdminTool dbms set-initial-password "${NEO4J_AUTH#neo4j/}" >&2
  fi
  logf="$dir/logs/console.log"
  log "serving Neo4j from $dir: bolt://127.0.0.1:$port, http://127.0.0.1:$http (log: $logf)"
  nohup env NEO4J_HOME="$dir" NEO4J_CONF="$dir/conf" "$JAVA" -Xmx"${NEO4J_HEAP:-1g}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/java.lang=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
    -cp "$HERE/target/classes:$HERE/target/lib/*" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$dir" --config-dir="$dir/conf" >>"$logf" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$dir/run/alaqat-neo4j.pid"
  echo "$port" >"$dir/run/alaqat-neo4j.port"
  deadline=$((SECONDS + ${NEO4J_START_TIMEOUT:-180}))
  until bolt_open "$port" && bolt_open "$http"; do
    if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
      log "Neo4j failed to start (pid $pid); log:"
      tail -n 40 "$logf" >&2 || true
      tail -n 40 "$dir/logs/debug.log" >&2 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.5
  done
  log "ready after ${SECONDS}s (pid $pid)"
  echo "export NEO4J_URI=bolt://127.0.0.1:$port"
}

halt() {
  local dir="$1" pid
  if pid="$(serve_pid "$dir")"; then
    terminate "$pid" 60
    log "stopped (pid $pid); the data stays in $dir"
  else
    log "not serving $dir"
  fi
  rm -f "$dir/run/alaqat-neo4j.pid"
}

admin() {
  local dir="$1"; shift
  if serve_pid "$dir" >/dev/null; then log "halt $dir first: neo4j-admin needs its server stopped"; exit 1; fi
  check_java
  build
  mkdir -p "$dir/conf"
  dir="$(cd "$dir" && pwd)"
  [[ -f "$dir/conf/neo4j.conf" ]] || : >"$dir/conf/neo4j.conf"
  serve_java "$dir" org.neo4j.cli.AdminTool "$@"
}

case "${1:-}" in
  serve|halt|admin)
    [[ $# -ge 2 && -n "$2" ]] || { echo "usage: $0 serve DIR [PORT] | halt DIR | admin DIR ARGS…" >&2; exit 2; }
    case "$1" in
      serve)
        port="${3:-7687}"
        [[ "$port" =~ ^[0-9]+$ ]] || { log "bad port '$port'"; exit 2; }
        serve "$2" "$port" ;;
      halt) halt "$2" ;;
      admin) dir="$2"; shift 2; admin "$dir" "$@" ;;
    esac
    exit 0 ;;
esac

cmd="${1:-}"; port="${2:-${NEO4J_PORT:-7687}}"
[[ "$port" =~ ^[0-9]+$ ]] || { log "bad port '$port'"; exit 2; }
case "$cmd" in
  start) start "$port" ;;
  stop) stop "$port" ;;
  status) if pid="$(running_pid "$port")"; then log "running (pid $pid)"; else log "not running"; exit 1; fi ;;
  build) build ;;
  *) echo "usage: $0 start|stop|status [PORT] | build | serve DIR [PORT] | halt DIR | admin DIR ARGS…" >&2; exit 2 ;;
esac
