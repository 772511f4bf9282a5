// Command writefloor writes facts records (loader export --format jsonl)
// into Neo4j with the fewest statements Alaqat's graph model allows, and
// none of Alaqat's work (identity resolution, reports, merged properties,
// actsFor, countries, pairs): a floor for loader import's rate on the
// same server (README, "Where Neo4j's import goes"). The server must have
// Alaqat's schema: import any article with the loader first.
//
//	go run ./.ci/bench/writefloor -uri bolt://127.0.0.1:17781 [-batch 1000] [-evidence rels|claims|article|none] FILE…
//
// It prints the seconds each file took.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// record is the part of a facts record the floor writes.
type record struct {
	Article  map[string]any   `json:"article"`
	Nodes    []map[string]any `json:"nodes"`
	Edges    []map[string]any `json:"edges"`
	Evidence []map[string]any `json:"evidence"`
}

var labels = map[string]string{"country": "Country", "person": "Person", "org": "Organization",
	"agreement": "Agreement", "meeting": "Meeting", "place": "Place"}

func main() {
	uri := flag.String("uri", "bolt://127.0.0.1:7687", "Neo4j server")
	batch := flag.Int("batch", 1000, "articles a transaction")
	evidence := flag.String("evidence", "rels", "where quotes go: rels (a SUPPORTED_BY a quote, as Alaqat), claims (a node's on its CLAIMED_IN, an edge's as rels), article (an article's as four lists on it: facts, quotes, starts, ends) or none")
	flag.Parse()
	if *batch < 1 || *batch > 10000 || !slices.Contains([]string{"rels", "claims", "article", "none"}, *evidence) {
		log.Fatal("writefloor: -batch 1–10000, -evidence rels, claims, article or none")
	}
	ctx := context.Background()
	d, err := neo.NewDriverWithContext(*uri, neo.NoAuth())
	if err != nil {
		log.Fatal(err)
	}
	defer d.Close(ctx)
	for _, path := range flag.Args() {
		start := time.Now()
		n, err := load(ctx, d, path, *batch, *evidence)
		if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		fmt.Printf("%s: %d articles in %.1f s\n", path, n, time.Since(start).Seconds())
	}
}

// load writes the records of one file, batch articles a transaction.
func load(ctx context.Context, d neo.DriverWithContext, path string, batch int, evidence string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var recs []record
	n := 0
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return n, err
		}
		if recs = append(recs, r); len(recs) == batch {
			if err := write(ctx, d, recs, evidence); err != nil {
				return n, err
			}
			n, recs = n+len(recs), recs[:0]
		}
	}
	if err := sc.Err(); err != nil {
		return n, err
	}
	if len(recs) > 0 {
		if err := write(ctx, d, recs, evidence); err != nil {
			return n, err
		}
	}
	return n + len(recs), nil
}

// write stores recs in one transaction.
func write(ctx context.Context, d neo.DriverWithContext, recs []record, evidence string) error {
	var articles, claims, quotes []map[string]any
	nodes := map[string][]map[string]any{}
	edges := map[string][]map[string]any{}
	for _, r := range recs {
		id, _ := r.Article["id"].(string)
		props := map[string]any{}
		for k, v := range r.Article {
			if k != "id" {
				props[k] = v
			}
		}
		if evidence == "article" {
			facts, qs, starts, ends := []any{}, []any{}, []any{}, []any{}
			for _, ev := range r.Evidence {
				facts, qs = append(facts, ev["fact"]), append(qs, ev["quote"])
				starts, ends = append(starts, ev["start"]), append(ends, ev["end"])
			}
			props["quoteFacts"], props["quotes"], props["quoteStarts"], props["quoteEnds"] = facts, qs, starts, ends
		}
		keys := []string{}
		for _, e := range r.Edges {
			t, _ := e["type"].(string)
			from, _ := e["from"].(string)
			to, _ := e["to"].(string)
			title, _ := e["title"].(string)
			keys = append(keys, graph.Edge{Type: t, From: from, To: to, Title: title}.Key())
		}
		props["edgeKeys"] = keys // the edges it supports, as the article lists them (layout 6)
		articles = append(articles, map[string]any{"id": id, "props": props})
		onClaim := map[string][]map[string]any{}
		for _, ev := range r.Evidence {
			if evidence == "article" {
				break
			}
			fact, _ := ev["fact"].(string)
			owner := fact
			if parts := strings.Split(fact, "|"); len(parts) >= 3 {
				owner = parts[1] // an edge's quotes leave its From node, as Alaqat's do
			} else if evidence == "claims" {
				onClaim[fact] = append(onClaim[fact], ev)
				continue
			}
			if evidence != "none" {
				quotes = append(quotes, map[string]any{"article": id, "owner": owner, "fact": fact,
					"quote": ev["quote"], "start": ev["start"], "end": ev["end"]})
			}
		}
		for _, n := range r.Nodes {
			nid, _ := n["id"].(string)
			kind, _, _ := strings.Cut(nid, ":")
			data, err := json.Marshal(n)
			if err != nil {
				return err
			}
			nodes[labels[kind]] = append(nodes[labels[kind]], map[string]any{"id": nid, "name": n["name"]})
			c := map[string]any{"article": id, "id": nid, "data": string(data)}
			if evidence == "claims" {
				var qs, starts, ends []any
				for _, ev := range onClaim[nid] {
					qs, starts, ends = append(qs, ev["quote"]), append(starts, ev["start"]), append(ends, ev["end"])
				}
				c["quotes"], c["starts"], c["ends"] = qs, starts, ends
			}
			claims = append(claims, c)
		}
		for _, e := range r.Edges {
			t, _ := e["type"].(string)
			title, _ := e["title"].(string)
			edges[t] = append(edges[t], map[string]any{"from": e["from"], "to": e["to"], "title": title, "article": id})
		}
	}
	sess := d.NewSession(ctx, neo.SessionConfig{AccessMode: neo.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo.ManagedTransaction) (any, error) {
		run := func(cypher string, rows []map[string]any) error {
			if len(rows) == 0 {
				return nil
			}
			res, err := tx.Run(ctx, cypher, map[string]any{"rows": rows})
			if err != nil {
				return err
			}
			_, err = res.Consume(ctx)
			return err
		}
		if err := run(`UNWIND $rows AS x MERGE (a:Article {id: x.id}) SET a += x.props`, articles); err != nil {
			return nil, err
		}
		for label, rows := range nodes {
			if label == "" {
				continue
			}
			if err := run(`UNWIND $rows AS row MERGE (n:`+label+` {id: row.id}) ON CREATE SET n:Entity, n.name = row.name`, rows); err != nil {
				return nil, err
			}
		}
		if err := run(`UNWIND $rows AS row MATCH (a:Article {id: row.article}) MATCH (n:Entity {id: row.id})
			CREATE (n)-[:CLAIMED_IN {data: row.data, quotes: row.quotes, starts: row.starts, ends: row.ends}]->(a)`, claims); err != nil {
			return nil, err
		}
		for t, rows := range edges {
			if err := run(`UNWIND $rows AS row MATCH (f:Entity {id: row.from}) MATCH (t:Entity {id: row.to})
				MERGE (f)-[r:`+t+` {title: row.title}]->(t)
				ON CREATE SET r.support = 1 ON MATCH SET r.support = r.support + 1`, rows); err != nil {
				return nil, err
			}
		}
		return nil, run(`UNWIND $rows AS row MATCH (a:Article {id: row.article}) MATCH (n:Entity {id: row.owner})
			CREATE (n)-[:SUPPORTED_BY {fact: row.fact, article: row.article, quote: row.quote, start: row.start, end: row.end}]->(a)`, quotes)
	})
	return err
}
