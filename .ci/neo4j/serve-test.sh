#!/usr/bin/env bash
# Tests what the README offers people who run Alaqat on Neo4j, with the real
# programs: `loader export --format csv` loaded by neo4j-admin database import
# (from the same Neo4j 5.26 jars), served by `neo4j.sh serve`, answers the
# README's Cypher as the embedded store answers the GraphQL query; the data
# is still there after the server is halted and served again; `loader copy`
# into a served Neo4j and back gives the same counts.
#
#   serve-test.sh [BOLT_PORT] [HTTP_PORT]   (defaults 17787 and 17474)
set -euo pipefail
cd "$(dirname "$0")/../.."
bolt="${1:-17787}" http="${2:-17474}"
work="$(mktemp -d "${TMPDIR:-/tmp}/alaqat-serve-test.XXXXXX")"
neo="$work/neo4j"
cleanup() {
  bash .ci/neo4j/neo4j.sh halt "$neo" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "serve-test: FAIL: $*" >&2; exit 1; }

go build -o "$work/loader" ./cmd/loader
"$work/loader" import -q --db "$work/seed.db" seeds/ >/dev/null
"$work/loader" export --db "$work/seed.db" --format csv --out "$work/csv" 2>/dev/null

# neo4j-admin into a folder never served: the database is created by the import.
NEO4J_ADMIN="bash $PWD/.ci/neo4j/neo4j.sh admin $neo" sh "$work/csv/import.sh" >"$work/import.log" 2>&1 ||
  { tail -20 "$work/import.log" >&2; fail "neo4j-admin database import"; }
grep -q "IMPORT DONE" "$work/import.log" || fail "neo4j-admin did not say IMPORT DONE"

cypher() { # one statement through the HTTP Query API; prints the values as JSON
  curl -sf -X POST "http://127.0.0.1:$http/db/neo4j/query/v2" -H 'Content-Type: application/json' \
    -d "{\"statement\": \"$1\"}" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["data"]["values"], ensure_ascii=False))'
}
counts='MATCH (n) RETURN labels(n)[0] AS k, count(*) ORDER BY k UNION ALL MATCH ()-[r]->() RETURN type(r) AS k, count(*) ORDER BY k'
want_counts='[["Agreement", 4], ["Article", 1], ["Country", 2], ["Meeting", 1], ["Organization", 4], ["Person", 2], ["Place", 1], ["BASED_IN", 5], ["HELD_IN", 1], ["HOLDS_OFFICE", 3], ["PARTICIPATED_IN", 2], ["PARTY_TO", 7], ["SUPPORTED_BY", 39]]'
# The README's Qatar–Germany query, as the golden agreements-between answer lists them.
between="MATCH (qa:Country {iso2: 'QA'}), (de:Country {iso2: 'DE'}) MATCH (a:Agreement)<-[:PARTY_TO]-(p1), (a)<-[:PARTY_TO]-(p2) WHERE (p1 = qa OR (p1)-[:BASED_IN|HOLDS_OFFICE]->(qa)) AND (p2 = de OR (p2)-[:BASED_IN|HOLDS_OFFICE]->(de)) RETURN DISTINCT a.title, a.date ORDER BY a.title"
want_between='[["Qatar – Germany agreement on defence, ammunition, security", null], ["Qatar – Rheinmetall agreement on ammunition, aviation, training", "2018"], ["Rheinmetall – Barzan Holdings agreement on training, laser", null]]'

for round in first again; do
  NEO4J_HTTP_PORT="$http" bash .ci/neo4j/neo4j.sh serve "$neo" "$bolt" >/dev/null
  got="$(cypher "$counts")"
  [[ "$got" == "$want_counts" ]] || fail "$round serve: counts $got, want $want_counts"
  got="$(cypher "$between")"
  [[ "$got" == "$want_between" ]] || fail "$round serve: agreements between QA and DE $got, want $want_between"
  echo "serve-test: $round serve: the imported CSV answers as the embedded store"
  bash .ci/neo4j/neo4j.sh halt "$neo" 2>/dev/null
done

# A served Neo4j as Alaqat's store: copy into it (the CSV graph wiped first)
# and back into a new SQLite file, across a restart.
NEO4J_HTTP_PORT="$http" bash .ci/neo4j/neo4j.sh serve "$neo" "$bolt" >/dev/null
cypher 'MATCH (n) DETACH DELETE n' >/dev/null
"$work/loader" copy -q --from "$work/seed.db" --to "bolt://127.0.0.1:$bolt" >"$work/copy.txt"
bash .ci/neo4j/neo4j.sh halt "$neo" 2>/dev/null
NEO4J_HTTP_PORT="$http" bash .ci/neo4j/neo4j.sh serve "$neo" "$bolt" >/dev/null
"$work/loader" copy -q --from "bolt://127.0.0.1:$bolt" --to "$work/back.db" >"$work/back.txt"
want="$("$work/loader" stats --db "$work/seed.db")"
[[ "$("$work/loader" stats --db "bolt://127.0.0.1:$bolt")" == "$want" ]] || fail "stats of the served Neo4j after a restart differ"
[[ "$("$work/loader" stats --db "$work/back.db")" == "$want" ]] || fail "stats after copying back differ"
echo "serve-test: loader copy into the served Neo4j, a restart, and back: the same counts"
echo "serve-test: ok"
