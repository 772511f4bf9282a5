#!/usr/bin/env bash
# Fuzzes every reader, the fetcher's charsets, the watch-list parser, the
# scorer, the extractor and the server's GraphQL endpoint for a short while
# each (FUZZTIME, default 7s; 12 targets, about two minutes in all). A
# failing input is saved under the package's
# testdata/fuzz/ by go test: commit it with the fix, and it is replayed by
# every plain go test from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-7s}
targets=(
  ./loader/article:FuzzTxt
  ./loader/article:FuzzHTML
  ./loader/article:FuzzMarkdown
  ./loader/article:FuzzJSON
  ./loader/article:FuzzJSONL
  ./loader/article:FuzzFeed
  ./loader/article:FuzzDetectFormat
  ./loader/fetch:FuzzToUTF8
  ./loader/gazetteer:FuzzWatchList
  ./loader/eval:FuzzScore
  ./loader/extract:FuzzExtract
  ./graph/gql:FuzzHandler
)
for t in "${targets[@]}"; do
  pkg=${t%%:*} name=${t##*:}
  printf '== fuzz %s %s (%s)\n' "$pkg" "$name" "$fuzztime"
  go test -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$pkg"
done
