#!/usr/bin/env bash
# Alaqat against its peers on the same Neo4j (issue 10's read benchmark), in one command.
#
#   .ci/bench/peers.sh [--peers DIR] [--articles N] [--port PORT] [--duration 10s]
#                      [--warm 3s] [--workers 8] [--rounds 2] [--out FILE] [--stop-neo4j]
#
# What it does:
#  1. Neo4j 5 Community on 127.0.0.1:PORT (default 17741; its HTTP API on PORT+1), kept
#     in its own data directory ($PEERS_NEO4J_DIR, default ~/.cache/alaqat/peers-neo4j-PORT)
#     with `.ci/neo4j/neo4j.sh serve`. A Neo4j already answering on PORT is reused.
#  2. Seeds it with `loadgen seed --articles N --batch 1000` (default N 20000), unless it
#     already holds N articles (a partial seed is completed with --from; more than N is
#     an error: use another port or data directory). Seeding runs while the rest builds.
#  3. Builds and starts, on loopback: the floor (PEERS/go/floor, hand-written Cypher,
#     port PORT+3), @neo4j/graphql on Apollo (PEERS/ngql, `npm ci` in a copy, port
#     PORT+2) and Alaqat's server from this checkout (`--response-cache 0 --log-level
#     warn`, port PORT+4; more flags in $ALAQAT_FLAGS).
#  4. Checks once that Alaqat and the floor answer each query with the same items (ids,
#     or date/kind/title for the timeline) and warns when they differ (both answers are
#     kept in the work directory for diff).
#  5. Warms each system on each question, then for each question (dyad, search = search1
#     and search2 in turn, timeline, paths) runs interleaved rounds of PEERS/go/lg, 8
#     workers for 10 s each: Alaqat, floor, @neo4j/graphql, then the reverse order, …
#  6. Prints a table (req/s, p50, p99 per system, means of the rounds; Alaqat's
#     throughput as a share of the floor's and as a multiple of @neo4j/graphql's, the
#     mean of the ratios within each round, and their range) and writes it to FILE
#     (default WORK/results-DATE-COMMIT.md, the raw lg lines next to it as .jsonl).
#  7. Stops the servers (and a seeding) it started, by their pids. Neo4j is left running
#     so that the next run skips start and seeding; --stop-neo4j halts it if this run
#     started it. By hand: .ci/neo4j/neo4j.sh halt DIR (the data stays in DIR).
#
# Env: PEERS (default ../shared/bench/peers from the repository's root), PEERS_NEO4J_DIR,
#      PEERS_WORK (binaries, node_modules, logs, results; default
#      ${TMPDIR:-/tmp}/alaqat-peers-bench-PORT), NEO4J_HEAP (1g), NEO4J_PAGECACHE (1g),
#      ALAQAT_FLAGS (more flags for Alaqat's server).
# Needs Go, Java 17 and Maven (for neo4j.sh), Node and npm, curl, jq, python3.
# Ratios are what to compare between runs: on a shared machine absolute req/s move
# with the load (the table gives the load average seen during the runs).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/bench/peers}"
ARTICLES=20000
PORT=17741
DURATION=10s
WARM=3s
WORKERS=8
ROUNDS=2
OUT=""
STOP_NEO4J=false

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --peers) PEERS="$2"; shift 2 ;;
    --articles) ARTICLES="$2"; shift 2 ;;
    --port) PORT="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --warm) WARM="$2"; shift 2 ;;
    --workers) WORKERS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --stop-neo4j) STOP_NEO4J=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "peers.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$PORT" =~ ^[0-9]+$ && "$ARTICLES" =~ ^[0-9]+$ && "$ROUNDS" =~ ^[0-9]+$ ]] || { echo "peers.sh: --port, --articles and --rounds take numbers" >&2; exit 2; }
PEERS="$(cd "$PEERS" && pwd)" || { echo "peers.sh: no peers directory (--peers or \$PEERS)" >&2; exit 2; }
for f in go/floor/main.go go/lg/main.go ngql/server.mjs cypher/dyad.cypher queries/alaqat/dyad.graphql; do
  [[ -f "$PEERS/$f" ]] || { echo "peers.sh: $PEERS/$f missing: not a peers directory" >&2; exit 2; }
done

HTTP_PORT=$((PORT + 1)) NGQL_PORT=$((PORT + 2)) FLOOR_PORT=$((PORT + 3)) ALAQAT_PORT=$((PORT + 4))
DATA="${PEERS_NEO4J_DIR:-$HOME/.cache/alaqat/peers-neo4j-$PORT}"
WORK="${PEERS_WORK:-${TMPDIR:-/tmp}/alaqat-peers-bench-$PORT}"
NEO4J_SH="$ROOT/.ci/neo4j/neo4j.sh"
BOLT="bolt://127.0.0.1:$PORT"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo -dirty)"
STAMP="$(date +%Y-%m-%dT%H%M)"
OUT="${OUT:-$WORK/results-$STAMP-$COMMIT.md}"
RAW="${OUT%.md}.jsonl"
mkdir -p "$WORK" "$(dirname "$OUT")"
: >"$RAW"; rm -f "$WORK/lg.err"

log() { echo "peers.sh: $*" >&2; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- what this run started, stopped on exit by pid ---
STARTED=()
STARTED_NEO4J=false
cleanup() {
  local pid i
  for pid in "${STARTED[@]}"; do
    kill -TERM "$pid" 2>/dev/null || continue
    for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if $STARTED_NEO4J && $STOP_NEO4J; then
    "$NEO4J_SH" halt "$DATA" || true
  elif port_open "$PORT"; then
    log "Neo4j stays up on $BOLT (data: $DATA); stop it with: $NEO4J_SH halt $DATA"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# articles in the Neo4j on PORT, through its HTTP API (empty when it does not answer).
count_articles() {
  curl -sf -m 30 -X POST "http://127.0.0.1:$HTTP_PORT/db/neo4j/tx/commit" -H 'Content-Type: application/json' \
    -d '{"statements":[{"statement":"MATCH (a:Article) RETURN count(a)"}]}' | jq -e '.results[0].data[0].row[0]' 2>/dev/null || true
}

# --- 1. Neo4j ---
for p in "$NGQL_PORT" "$FLOOR_PORT" "$ALAQAT_PORT"; do
  if port_open "$p"; then log "port $p (PORT+2..4) is in use: pick another --port"; exit 1; fi
done
if port_open "$PORT"; then
  have="$(count_articles)"
  [[ -n "$have" ]] || { log "port $PORT is in use but no Neo4j HTTP API answers on $HTTP_PORT: pick another --port"; exit 1; }
  log "reusing the Neo4j on $BOLT ($have articles)"
else
  for p in "$HTTP_PORT"; do
    if port_open "$p"; then log "port $p (PORT+1, Neo4j's HTTP) is in use: pick another --port"; exit 1; fi
  done
  NEO4J_HTTP_PORT="$HTTP_PORT" NEO4J_HEAP="${NEO4J_HEAP:-1g}" NEO4J_PAGECACHE="${NEO4J_PAGECACHE:-1g}" \
    "$NEO4J_SH" serve "$DATA" "$PORT" >/dev/null
  STARTED_NEO4J=true
  have="$(count_articles)"
  [[ -n "$have" ]] || { log "Neo4j started but its HTTP API on $HTTP_PORT does not answer"; exit 1; }
fi
NEO4J_PID=0
[[ -f "$DATA/run/alaqat-neo4j.pid" ]] && NEO4J_PID="$(cat "$DATA/run/alaqat-neo4j.pid")"
grep -qa CommunityEntryPoint "/proc/$NEO4J_PID/cmdline" 2>/dev/null || NEO4J_PID=0

# --- 2. seed (in the background while the rest builds) ---
log "building loadgen and Alaqat's server ($COMMIT)"
(cd "$ROOT" && go build -o "$WORK/loadgen" ./cmd/loadgen && go build -o "$WORK/alaqat-server" ./cmd/server)
SEED_PID=""
if ((have > ARTICLES)); then
  log "the Neo4j on $BOLT holds $have articles, more than $ARTICLES: use another --port or \$PEERS_NEO4J_DIR"; exit 1
elif ((have < ARTICLES)); then
  log "seeding $((ARTICLES - have)) articles (from $have) into $BOLT, log $WORK/seed.log"
  "$WORK/loadgen" seed --db "$BOLT" --from "$have" --articles "$((ARTICLES - have))" --batch 1000 >"$WORK/seed.log" 2>&1 &
  SEED_PID=$!
  STARTED+=("$SEED_PID")
fi

# --- 3. build the peers ---
log "building the floor and lg"
(cd "$PEERS/go" && go build -o "$WORK/floor" ./floor && go build -o "$WORK/lg" ./lg)
# The floor reads these statements at start; variants of paths it also loads may be
# missing from PEERS/cypher: the plain statement stands in for them (they are not measured).
rm -rf "$WORK/cypher"; mkdir -p "$WORK/cypher"; cp "$PEERS"/cypher/*.cypher "$WORK/cypher/"
for v in paths_v1_firstmatch paths_v2_ranked_bothscan; do
  [[ -f "$WORK/cypher/$v.cypher" ]] || cp "$WORK/cypher/paths.cypher" "$WORK/cypher/$v.cypher"
done
mkdir -p "$WORK/ngql"
cp "$PEERS"/ngql/{package.json,package-lock.json,server.mjs,typedefs.graphql} "$WORK/ngql/"
lock="$(sha256sum "$WORK/ngql/package-lock.json" | cut -d' ' -f1)"
if [[ ! -d "$WORK/ngql/node_modules" || "$(cat "$WORK/ngql/.lock-sha" 2>/dev/null)" != "$lock" ]]; then
  log "installing @neo4j/graphql (npm ci in $WORK/ngql)"
  (cd "$WORK/ngql" && npm ci --no-audit --no-fund --loglevel=error >"$WORK/npm.log" 2>&1) || { log "npm ci failed:"; tail -20 "$WORK/npm.log" >&2; exit 1; }
  echo "$lock" >"$WORK/ngql/.lock-sha"
fi

if [[ -n "$SEED_PID" ]]; then
  log "waiting for the seeding to end"
  if ! wait "$SEED_PID"; then log "seeding failed:"; tail -20 "$WORK/seed.log" >&2; exit 1; fi
  cat "$WORK/seed.log" >&2
  STARTED=()
fi
have="$(count_articles)"
[[ "$have" == "$ARTICLES" ]] || { log "Neo4j holds $have articles after seeding, not $ARTICLES"; exit 1; }

# --- start the three servers ---
# shellcheck disable=SC2086
"$WORK/alaqat-server" --db "$BOLT" --response-cache 0 --log-level warn --addr "127.0.0.1:$ALAQAT_PORT" ${ALAQAT_FLAGS:-} >"$WORK/alaqat.log" 2>&1 &
ALAQAT_PID=$!; STARTED+=("$ALAQAT_PID")
"$WORK/floor" --uri "$BOLT" --cypher "$WORK/cypher" --addr "127.0.0.1:$FLOOR_PORT" >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!; STARTED+=("$FLOOR_PID")
(cd "$WORK/ngql" && NEO4J_URI="$BOLT" PORT="$NGQL_PORT" exec node server.mjs) >"$WORK/ngql.log" 2>&1 &
NGQL_PID=$!; STARTED+=("$NGQL_PID")

declare -A URL=(
  [alaqat]="http://127.0.0.1:$ALAQAT_PORT/graphql"
  [floor]="http://127.0.0.1:$FLOOR_PORT/graphql"
  [ngql]="http://127.0.0.1:$NGQL_PORT/graphql"
)
declare -A PID=([alaqat]=$ALAQAT_PID [floor]=$FLOOR_PID [ngql]=$NGQL_PID)
declare -A NAME=([alaqat]=Alaqat [floor]=floor [ngql]=@neo4j/graphql)
QUESTIONS=(dyad search timeline paths)
# url and query files of system $1 for question $2, one per line: URL, then FILEs.
target() {
  local sys="$1" q="$2" dir files=()
  case "$sys" in alaqat|floor) dir="$PEERS/queries/alaqat" ;; ngql) dir="$PEERS/queries/ngql" ;; esac
  if [[ "$q" == search ]]; then files=("$dir/search1.graphql" "$dir/search2.graphql"); else files=("$dir/$q.graphql"); fi
  if [[ "$sys" == floor ]]; then echo "${URL[$sys]}?q=$q"; else echo "${URL[$sys]}"; fi
  printf '%s\n' "${files[@]}"
}
post() { # url file: the answer to one query
  jq -Rs '{query: .}' "$2" | curl -sf -m 120 -X POST "$1" -H 'Content-Type: application/json' --data-binary @-
}

log "waiting for the servers"
deadline=$((SECONDS + 180))
for sys in alaqat floor ngql; do
  mapfile -t t < <(target "$sys" search)
  until post "${t[0]}" "${t[1]}" 2>/dev/null | jq -e '.data' >/dev/null 2>&1; do
    if ! kill -0 "${PID[$sys]}" 2>/dev/null || ((SECONDS >= deadline)); then
      log "${NAME[$sys]} did not come up; its log:"; tail -20 "$WORK/$sys.log" >&2; exit 1
    fi
    sleep 0.5
  done
done

# --- 4. the same items from Alaqat and the floor ---
items() { # question system: the items of an answer on stdin, normalised
  case "$1" in
    dyad) jq -cS '[.data.agreements.totalCount, [.data.agreements.edges[].node.id]]' ;;
    search) jq -cS '[.data.search[].id]' ;;
    timeline) if [[ "$2" == alaqat ]]; then jq -cS '[.data.timeline[] | [.date.iso, .kind, .title]]'; else jq -cS '[.data.timeline[] | [.date, .kind, .title]]'; fi ;;
    paths) jq -cS '[.data.paths[].steps]' ;;
  esac
}
MISMATCH=()
for q in "${QUESTIONS[@]}"; do
  mapfile -t ta < <(target alaqat "$q")
  mapfile -t tf < <(target floor "$q")
  for i in "${!ta[@]}"; do
    ((i > 0)) || continue
    name="$(basename "${ta[$i]}" .graphql)"
    post "${ta[0]}" "${ta[$i]}" >"$WORK/check-$name-alaqat.json" || true
    post "${tf[0]}" "${tf[$i]}" >"$WORK/check-$name-floor.json" || true
    a="$(items "$q" alaqat <"$WORK/check-$name-alaqat.json" 2>/dev/null || echo "unreadable")"
    f="$(items "$q" floor <"$WORK/check-$name-floor.json" 2>/dev/null || echo "unreadable")"
    n="$(jq -r "if \"$q\" == \"dyad\" then \"\\(.[1] | length) of \\(.[0])\" else length end" <<<"$a" 2>/dev/null || echo "?")"
    if [[ "$a" == "$f" && "$a" != unreadable ]]; then
      log "same items from Alaqat and the floor: $name ($n)"
    else
      log "WARNING: Alaqat and the floor differ on $name: diff $WORK/check-$name-alaqat.json $WORK/check-$name-floor.json"
      MISMATCH+=("$name")
    fi
  done
done

# --- 5. warm up, then interleaved rounds ---
run() { # sys question duration round [file for lg's complaints]
  local t out
  mapfile -t t < <(target "$1" "$2")
  local qs=()
  for f in "${t[@]:1}"; do qs+=(-q "$f"); done
  out="$("$WORK/lg" -url "${t[0]}" "${qs[@]}" -workers "$WORKERS" -duration "$3" -json \
    -server-pid "${PID[$1]}" -db-pid "$NEO4J_PID" -label "$1 $2" 2>>"${5:-$WORK/lg.err}")" || true
  [[ -n "$out" ]] || out='{"rps":0,"requests":0,"failed":-1}'
  jq -c --arg sys "$1" --arg q "$2" --argjson round "$4" '. + {sys: $sys, question: $q, round: $round}' <<<"$out"
}
log "warming up ($WARM per system and question)"
for sys in alaqat floor ngql; do
  for q in "${QUESTIONS[@]}"; do run "$sys" "$q" "$WARM" 0 "$WORK/warm.err" >/dev/null; done
done
for q in "${QUESTIONS[@]}"; do
  for ((r = 1; r <= ROUNDS; r++)); do
    if ((r % 2)); then order=(alaqat floor ngql); else order=(ngql floor alaqat); fi
    for sys in "${order[@]}"; do
      line="$(run "$sys" "$q" "$DURATION" "$r")"
      echo "$line" >>"$RAW"
      jq -r '"peers.sh: \(.question) round \(.round) \(.sys): \(.rps | floor) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, failed \(.failed), load \(.loadavg1)"' <<<"$line" >&2
    done
  done
done

# --- 6. the table ---
python3 - "$RAW" >"$OUT" <<EOF
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
qs = ["dyad", "search", "timeline", "paths"]
systems = [("alaqat", "Alaqat"), ("floor", "floor"), ("ngql", "@neo4j/graphql")]
def sel(q, s): return [r for r in rows if r["question"] == q and r["sys"] == s]
def f(x): return f"{x:,.0f}" if x >= 100 else f"{x:.1f}" if x >= 10 else f"{x:.2f}"
def ratio(q, other):
    rs = []
    for rd in sorted({r["round"] for r in rows if r["question"] == q}):
        a = [r["rps"] for r in rows if r["question"] == q and r["round"] == rd and r["sys"] == "alaqat"]
        o = [r["rps"] for r in rows if r["question"] == q and r["round"] == rd and r["sys"] == other]
        if a and o and o[0] > 0: rs.append(a[0] / o[0])
    if not rs: return "–"
    s = f"{st.mean(rs):.2f}"
    return s + (f" ({min(rs):.2f}–{max(rs):.2f})" if len(rs) > 1 else "")
loads = [float(r.get("loadavg1", 0)) for r in rows]
print("Alaqat against its peers on one Neo4j: $ARTICLES synthetic articles, commit $COMMIT, $(date '+%Y-%m-%d %H:%M %Z')")
print(f"$WORKERS workers, $DURATION per run, $ROUNDS interleaved rounds (A,B,C then C,B,A), after a $WARM warm-up each;")
print(f"$(nproc) cores shared with other work, load average {min(loads):.1f}–{max(loads):.1f} during the runs. Alaqat: --response-cache 0 --log-level warn${ALAQAT_FLAGS:+ $ALAQAT_FLAGS}.")
print("req/s, p50 and p99 are means of the rounds; ratios are Alaqat's req/s over the other's in the same round (mean, range).")
print()
print("| question | Alaqat req/s | p50 ms | p99 ms | floor req/s | p50 ms | p99 ms | @neo4j/graphql req/s | p50 ms | p99 ms | Alaqat / floor | Alaqat / @neo4j/graphql |")
print("|---|" + "---:|" * 11)
for q in qs:
    cells = [q]
    for s, _ in systems:
        rr = sel(q, s)
        if not rr: cells += ["–"] * 3; continue
        bad = sum(max(r.get("failed", 0), 0) for r in rr)
        cells += [f(st.mean(r["rps"] for r in rr)) + (f" ({bad} failed)" if bad else ""),
                  f(st.mean(r.get("p50_ms", 0) for r in rr)), f(st.mean(r.get("p99_ms", 0) for r in rr))]
    cells += [ratio(q, "floor"), ratio(q, "ngql")]
    print("| " + " | ".join(cells) + " |")
print()
print("CPU per request, ms (the server's, then Neo4j's; from /proc, means of the rounds; less sensitive to the load than req/s):")
print()
print("| question | Alaqat | Neo4j for Alaqat | floor | Neo4j for floor | @neo4j/graphql | Neo4j for @neo4j/graphql |")
print("|---|" + "---:|" * 6)
for q in qs:
    cells = [q]
    for s, _ in systems:
        rr = sel(q, s)
        cells += [f"{st.mean(r.get('server_cpu_ms_per_req', 0) for r in rr):.2f}", f"{st.mean(r.get('db_cpu_ms_per_req', 0) for r in rr):.2f}"] if rr else ["–", "–"]
    print("| " + " | ".join(cells) + " |")
EOF
if ((${#MISMATCH[@]})); then
  printf '\nWARNING: Alaqat and the floor returned different items for: %s (answers in %s/check-*.json)\n' "${MISMATCH[*]}" "$WORK" >>"$OUT"
fi
if [[ -s "$WORK/lg.err" ]]; then
  printf '\nlg reported errors (see %s/lg.err): %s\n' "$WORK" "$(sort -u "$WORK/lg.err" | head -3 | tr '\n' ' ')" >>"$OUT"
fi
echo
cat "$OUT"
log "table in $OUT, raw runs in $RAW"
