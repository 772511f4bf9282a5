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

// earliest is the Cypher for the earliest non-empty ISO date of r.sinces:
// ISO partial dates order as strings do.
const earliest = "reduce(m = null, x IN r.sinces | CASE WHEN x = '' OR (m IS NOT NULL AND m <= x) THEN m ELSE x END)"

var (
	// Create missing nodes and lock every node the write touches, in id
	// order, so that concurrent writes to a node take turns: the edges and
	// merged properties below are read and rewritten under these locks.
	cypherLock = `UNWIND $ids AS id WITH {id: id} AS row ` + perLabel("SET n._lock = true REMOVE n._lock")

	cypherDropClaims = `MATCH (:Article {id: $article})<-[r:CLAIMED_IN|SUPPORTED_BY]-() DELETE r`

	// The claims of some of the articles: node, article, data.
	cypherClaimedBy = `UNWIND $articles AS id MATCH (a:Article {id: id})<-[c:CLAIMED_IN]-(n) RETURN n.id, id, c.data`

	// Withdraw the articles' support from their edges (an edge several
	// of them support loses them all in one SET); delete the edges left
	// with none. An article's edges join nodes it claims: each is found
	// between two of them (Expand(Into)), not among all the edges of
	// every node it claims, which for a country are thousands. An edge's
	// lists are read once into variables: r.sinces[i] in a comprehension
	// reads the whole property again for each i, which on an office held
	// in 3,000 articles cost half a second.
	cypherUnsupportAll = `UNWIND $articles AS article
		MATCH (a:Article {id: article})
		WITH article, [(a)<-[:CLAIMED_IN]-(n) | n] AS claimed
		UNWIND claimed AS n UNWIND claimed AS m
		MATCH (n)-[r:` + edgeTypes(nil) + `]->(m)
		WHERE article IN r.articles
		WITH r, collect(DISTINCT article) AS gone
		WITH r, gone, r.articles AS articles, r.sinces AS sinces
		WITH r, articles, sinces, [i IN range(0, size(articles) - 1) WHERE NOT articles[i] IN gone] AS keep
		SET r.sinces = [i IN keep | sinces[i]], r.articles = [i IN keep | articles[i]]
		SET r.since = ` + earliest + `
		WITH r WHERE size(r.articles) = 0
		DELETE r`

	cypherDropClaimsAll = `UNWIND $articles AS article MATCH (:Article {id: article})<-[r:CLAIMED_IN|SUPPORTED_BY]-() DELETE r`

	cypherClaimsAll = `UNWIND $rows AS row MATCH (a:Article {id: row.article}) ` +
		perLabel("CREATE (n)-[:CLAIMED_IN {data: row.data, raw: row.raw}]->(a)")

	// Each edge once, with every article of the batch that supports it.
	cypherEdgesAll = `UNWIND $rows AS row ` +
		entity("row.from", "f") + ` ` + entity("row.to", "t") + ` ` +
		perType(`ON CREATE SET r.articles = row.articles, r.sinces = row.sinces
			ON MATCH SET r.articles = r.articles + row.articles, r.sinces = r.sinces + row.sinces
			SET r.since = `+earliest)

	cypherEvidenceAll = `UNWIND $rows AS row MATCH (a:Article {id: row.article}) ` + entity("row.owner", "n") +
		` CREATE (n)-[:SUPPORTED_BY {fact: row.fact, article: a.id, quote: row.quote, start: row.start, ` + "`end`" + `: row.end}]->(a)`

	cypherDeleteArticle = `MATCH (a:Article {id: $article}) DETACH DELETE a`

	cypherArticle = `MERGE (a:Article {id: $article}) SET a = $props`

	cypherClaims = `MATCH (a:Article {id: $article}) UNWIND $rows AS row ` +
		perLabel("CREATE (n)-[:CLAIMED_IN {data: row.data, raw: row.raw}]->(a)")

	cypherEdges = `UNWIND $rows AS row ` +
		entity("row.from", "f") + ` ` + entity("row.to", "t") + ` ` +
		perType(`ON CREATE SET r.articles = [$article], r.sinces = [row.since]
			ON MATCH SET r.articles = r.articles + $article, r.sinces = r.sinces + row.since
			SET r.since = `+earliest)

	cypherEvidence = `MATCH (a:Article {id: $article}) UNWIND $rows AS row ` + entity("row.owner", "n") +
		` CREATE (n)-[:SUPPORTED_BY {fact: row.fact, article: a.id, quote: row.quote, start: row.start, ` + "`end`" + `: row.end}]->(a)`

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
