#!/usr/bin/env bash
# The one command that runs every test of Alaqat: formatting, vet,
# staticcheck, freshness of the generated GraphQL code, and go test -race
# over every package, the conformance suite running against the embedded
# SQLite store and against a real Neo4j 5.26 Community server that this
# script starts on loopback (built from Maven Central by .ci/neo4j) and
# stops at the end; a browser test of the timeline page in headless
# Chromium (installed from Debian when missing); and a short fuzzing run
# of the readers and the extractor. Set NEO4J_URI to use a Neo4j of your
# own instead.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

for tool in go java mvn; do
  command -v "$tool" >/dev/null || { echo "test: $tool is needed (Go 1.26, Java 17, Maven)" >&2; exit 1; }
done

step gofmt
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './zz_*'))
if [ -n "$unformatted" ]; then echo "gofmt would change: $unformatted" >&2; exit 1; fi

step "go vet"
go vet ./...

step staticcheck
go tool staticcheck ./...

step "generated GraphQL code is up to date"
before=$(cat graph/gql/generated.go graph/gql/models_gen.go | sha256sum)
go tool gqlgen generate --config gqlgen.yml
after=$(cat graph/gql/generated.go graph/gql/models_gen.go | sha256sum)
if [ "$before" != "$after" ]; then echo "graph/gql is stale: run go generate ./graph/gql and commit" >&2; exit 1; fi

step "chromium (for the timeline page's browser test)"
bash .ci/chromium.sh

if [ -z "${NEO4J_URI:-}" ]; then
  step "starting Neo4j"
  port=${NEO4J_TEST_PORT:-17687}
  eval "$(bash .ci/neo4j/neo4j.sh start "$port")"
  trap 'bash .ci/neo4j/neo4j.sh stop '"$port"' >/dev/null 2>&1 || true' EXIT
fi
export NEO4J_URI

step "go test -race ./... (SQLite and Neo4j at $NEO4J_URI)"
go test -race -count=1 -timeout 30m ./...

step "Neo4j for users: neo4j-admin loads the CSV export, serve keeps data across a restart"
bash .ci/neo4j/serve-test.sh

step "fuzzing the readers, the fetcher, the watch-lists, the scorer, the extractor and the GraphQL endpoint (FUZZTIME each)"
bash .ci/fuzz.sh
