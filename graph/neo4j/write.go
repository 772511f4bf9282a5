package neo4j

import (
	"fmt"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// perLabel repeats body (a clause using n) once per entity label, each
// guarded so that it runs for rows whose id is of that label's kind: MERGE
// needs its label written out to use the label's uniqueness constraint. A
// node it creates is also an Entity (see entity).
func perLabel(body string) string {
	var b strings.Builder
	for _, k := range graph.Kinds {
		fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN row.id STARTS WITH '%s:' THEN [1] ELSE [] END | MERGE (n:%s {id: row.id}) ON CREATE SET n:Entity %s) ",
			k, labels[k], body)
	}
	return b.String()
}

// perType repeats body (a clause using f, t and r) once per edge type,
// each guarded by the row's type.
func perType(body string) string {
	var b strings.Builder
	for _, t := range graph.EdgeTypes {
		fmt.Fprintf(&b, "FOREACH (_ IN CASE WHEN row.type = '%s' THEN [1] ELSE [] END | MERGE (f)-[r:%s {title: row.title}]->(t) %s) ",
			t, t, body)
	}
	return b.String()
}

// earliest is the Cypher for the earliest of an edge's dates (r.sinceValues,
// none empty): ISO partial dates order as strings do; null when there are
// none.
const earliest = "reduce(m = null, x IN r.sinceValues | CASE WHEN m IS NOT NULL AND m <= x THEN m ELSE x END)"

// An edge keeps what its articles support in counts, not in lists of the
// articles, so that an edge many articles support is not rewritten whole
// by each batch that adds one (an office named in thousands of articles
// was: a third of the commit at 100,000 articles, growing with the graph):
// r.support counts its articles, r.sinceValues holds each date they give
// for it once and r.sinceCounts how many give it (same positions). Each
// article lists the edges it supports (see cypherArticleEdges), which is
// how its support is taken back. A row of an edge statement gives the
// number of articles (n) and its dates with their counts (vals, counts).
const (
	// rowCount is how many of the row's articles give r's i-th date.
	rowCount = `reduce(c = 0, j IN range(0, size(row.vals) - 1) | c + CASE WHEN row.vals[j] = r.sinceValues[i] THEN row.counts[j] ELSE 0 END)`

	// sinceAdd adds a row's dates to r's: first the counts of the dates r
	// has, then the dates it has not, in one order for both lists.
	sinceAdd = `SET r.sinceCounts = [i IN range(0, size(r.sinceValues) - 1) | r.sinceCounts[i] + ` + rowCount + `] +
			[j IN range(0, size(row.vals) - 1) WHERE NOT row.vals[j] IN r.sinceValues | row.counts[j]]
		SET r.sinceValues = r.sinceValues + [v IN row.vals WHERE NOT v IN r.sinceValues]`

	// sinceTake takes a row's dates out of r's, dropping those no article
	// gives any more.
	sinceTake = `SET r.sinceCounts = [i IN range(0, size(r.sinceValues) - 1) | r.sinceCounts[i] - ` + rowCount + `]
		WITH r, [i IN range(0, size(r.sinceValues) - 1) WHERE r.sinceCounts[i] > 0] AS keep
		SET r.sinceValues = [i IN keep | r.sinceValues[i]], r.sinceCounts = [i IN keep | r.sinceCounts[i]]`
)

var (
	// Create missing nodes and lock every node the write touches, in id
	// order, so that concurrent writes to a node take turns: the edges and
	// merged properties below are read and rewritten under these locks.
	cypherLock = `UNWIND $ids AS id WITH {id: id} AS row ` + perLabel("SET n._lock = true REMOVE n._lock")

	// The claims of some of the articles: node, article, data.
	cypherClaimedBy = `UNWIND $articles AS id MATCH (a:Article {id: id})<-[c:CLAIMED_IN]-(n) RETURN n.id, id, c.data`

	// Withdraw articles' support from their edges, a row an edge (see
	// edgeRows; the articles' lists of edges say which: cypherEdgesOf),
	// and delete the edges left with none. The edge is found between its
	// two nodes (Expand(Into)), not among all the edges of one of them,
	// which for a country are thousands.
	cypherUnsupportAll = `UNWIND $rows AS row ` +
		entity("row.from", "f") + ` ` + entity("row.to", "t") + `
		MATCH (f)-[r:` + edgeTypes(nil) + `]->(t) WHERE type(r) = row.type AND r.title = row.title
		SET r.support = r.support - row.n
		` + sinceTake + `
		SET r.since = ` + earliest + `
		WITH r WHERE r.support <= 0
		DELETE r`

	// The edges the articles support, as their keys (graph.Edge.Key), with
	// the date each gave ("" when none).
	cypherEdgesOf = `UNWIND $articles AS id MATCH (a:Article {id: id}) WHERE a.edgeKeys IS NOT NULL RETURN a.edgeKeys, a.edgeSinces`

	// Each article's list of the edges it supports, written again with its
	// edges.
	cypherArticleEdges = `UNWIND $rows AS row MATCH (a:Article {id: row.id}) SET a.edgeKeys = row.keys, a.edgeSinces = row.sinces`

	cypherDropClaimsAll = `UNWIND $articles AS article MATCH (:Article {id: article})<-[r:CLAIMED_IN|SUPPORTED_BY]-() DELETE r`

	cypherClaimsAll = `UNWIND $rows AS row MATCH (a:Article {id: row.article}) ` +
		perLabel("CREATE (n)-[:CLAIMED_IN {data: row.data, raw: row.raw}]->(a)")

	// Each edge once, with the support of every article of the batch that
	// gives it (see edgeRows).
	cypherEdgesAll = `UNWIND $rows AS row ` +
		entity("row.from", "f") + ` ` + entity("row.to", "t") + ` ` +
		perType(`ON CREATE SET r.support = 0, r.sinceValues = [], r.sinceCounts = []
			SET r.support = r.support + row.n
			`+sinceAdd+`
			SET r.since = `+earliest)

	cypherEvidenceAll = `UNWIND $rows AS row MATCH (a:Article {id: row.article}) ` + entity("row.owner", "n") +
		` CREATE (n)-[:SUPPORTED_BY {fact: row.fact, article: a.id, quote: row.quote, start: row.start, ` + "`end`" + `: row.end}]->(a)`

	cypherDeleteArticle = `MATCH (a:Article {id: $article}) DETACH DELETE a`

	// An article's properties, keeping its list of the edges it supports
	// until its edges are written again (see cypherEdgesOf).
	cypherArticle = `MERGE (a:Article {id: $article}) ` + keepEdges("a", "$props")

	// Each distinct claim once, with the first article that made it: many
	// articles make the same claim (every article naming Qatar claims the
	// gazetteer's Qatar), and merging each distinct claim once, in the
	// order of its first article, gives what merging them all would.
	cypherClaimsOf = `UNWIND $ids AS id ` + entity("id", "n") +
		` RETURN id, COLLECT { MATCH (n)-[c:CLAIMED_IN]->(a:Article) WITH c.data AS data, min(a.id) AS first RETURN [first, data] } AS claims`

	cypherRemove = `UNWIND $ids AS id ` + entity("id", "n") + ` DETACH DELETE n`

	cypherSetProps = `UNWIND $rows AS row ` + entity("row.id", "n") + ` SET n = row.props`

	// cypherActsFor writes down, on each of these nodes and on whoever
	// holds an office in one of these organizations, the countries it acts
	// for (graph.Graph.Side: those it is based in or holds an office of,
	// directly or through an organization): what a question between
	// countries asks of every party, read as one property instead of
	// walked. The nodes whose edges a write changes are those it claims,
	// which it merges again, so every write keeps it true.
	cypherActsFor = `UNWIND $ids AS id ` + entity("id", "n") + `
		CALL (n) {
			RETURN n AS x
			UNION
			MATCH (x)-[:HOLDS_OFFICE]->(n:Organization) RETURN x
		}
		WITH DISTINCT x
		WITH x, coalesce(x.actsFor, []) AS old, ` + actsFor + ` AS new
		SET x.actsFor = new
		WITH x WHERE old <> new
		RETURN x.id`

	// cypherCountries writes down, on each agreement and meeting among
	// $touched and on those of a node among $changed (whose actsFor
	// changed), the countries it involves: those its parties (its
	// participants) are or act for. A question between countries then
	// reads one property of each candidate.
	//
	// Each pair of those countries has a Pair node (its id the two
	// country ids, sorted, joined by '|') with an INCLUDES relationship to
	// e, so that a question between two countries starts from their pair
	// and reads only what involves both: written again whenever e's
	// countries change.
	cypherCountries = `CALL () {
			UNWIND $touched AS id ` + entity("id", "e") + ` WITH e WHERE e:Agreement OR e:Meeting RETURN e
			UNION
			UNWIND $changed AS id ` + entity("id", "x") + ` MATCH (x)-[:PARTY_TO|PARTICIPATED_IN]->(e) RETURN e
		}
		WITH DISTINCT e
		WITH e, e.countries AS old, ` + countries + ` AS new
		SET e.countries = new
		WITH e, new WHERE old IS NULL OR old <> new
		CALL (e) { MATCH (e)<-[r:INCLUDES]-(:Pair) DELETE r }
		` + linkPairs

	// linkPairs links e to the Pair of each two countries in new.
	linkPairs = `UNWIND ` + pairs + ` AS pair
		MERGE (p:Pair {id: pair})
		CREATE (p)-[:INCLUDES]->(e)`

	// pairs lists the ids of the pairs of countries in new.
	pairs = `reduce(acc = [], i IN range(0, size(new) - 2) | acc + [j IN range(i + 1, size(new) - 1) |
		CASE WHEN new[i] < new[j] THEN new[i] + '|' + new[j] ELSE new[j] + '|' + new[i] END])`

	// countries is the list of the countries e involves, each once.
	countries = `reduce(acc = [], c IN reduce(all = [], q IN [(e)<-[:PARTY_TO]-(q) WHERE e:Agreement | q] + [(e)<-[:PARTICIPATED_IN]-(q) WHERE e:Meeting | q] |
		all + CASE WHEN q:Country THEN [q.id] ELSE [] END + coalesce(q.actsFor, [])) | CASE WHEN c IN acc THEN acc ELSE acc + c END)`

	// actsFor is the list of the countries x acts for.
	actsFor = `[(x)-[:BASED_IN|HOLDS_OFFICE]->(c:Country) | c.id] +
		[(x)-[:HOLDS_OFFICE]->(:Organization)-[:BASED_IN|HOLDS_OFFICE]->(c:Country) | c.id]`
)

// keepEdges is the Cypher that sets the properties of the article bound to
// a to props, keeping its list of the edges it supports.
func keepEdges(a, props string) string {
	return fmt.Sprintf("WITH *, %[1]s.edgeKeys AS edgeKeys, %[1]s.edgeSinces AS edgeSinces SET %[1]s = %[2]s SET %[1]s.edgeKeys = edgeKeys, %[1]s.edgeSinces = edgeSinces", a, props)
}
