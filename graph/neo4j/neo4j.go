// Package neo4j is Alaqat's graph.Store on a Neo4j 5 server, through the
// official Go driver. It accepts every URI scheme the driver does: bolt://
// for one server, neo4j:// for a cluster with client-side routing, and their
// +s and +ssc variants for TLS.
//
// The graph is laid out for analysts who open it in Neo4j Browser: one node
// per entity, labelled Country, Person, Organization, Agreement, Meeting or
// Place, carrying the merged properties (name, names, iso2, date, topics …);
// one relationship per edge (HOLDS_OFFICE, BASED_IN, PARTY_TO,
// PARTICIPATED_IN, HELD_IN) carrying its title and earliest since; and one
// Article node per article. Around that sits what the store needs to replace
// or delete an article exactly:
//
//   - (entity)-[:CLAIMED_IN {data}]->(:Article): what the article says about
//     the entity, as JSON (graph.Node). The entity's properties are
//     graph.Merge over these claims, ordered by article id, recomputed in
//     the same transaction as every write that touches the entity.
//   - each edge relationship counts its supporting articles in `support`,
//     and the dates they give for it in `sinceValues` (each once) and
//     `sinceCounts` (how many articles give it); `since` is the earliest.
//     Each Article lists the edges it supports in `edgeKeys` (graph.Edge.Key)
//     and the date each gave in `edgeSinces` ("" when none). An edge whose
//     support falls to nothing is deleted.
//   - (entity)-[:SUPPORTED_BY {fact, article, quote, start, end}]->(:Article):
//     the evidence, article the id of the article it points to. For a node
//     the relationship leaves the node itself; for an edge, which cannot
//     carry relationships, it leaves the edge's From node and fact holds the
//     edge's Key. An index on (fact, article) finds both, a fact's passages
//     in the order of their articles.
//   - (:Pair {id: 'country:DE|country:QA'})-[:INCLUDES]->(agreement or
//     meeting): each two countries it involves, where questions between
//     countries start (see cypherCountries).
//
// Every write is one managed transaction (retried on transient errors) of a
// few UNWIND statements; every read statement checks itself (see reader).
// Lists are sorted in Go, so they come in exactly the order the SQLite
// store gives. Neo4j reads at read-committed isolation and applies a commit
// record by record, so a reader could see part of an article; a
// bookkeeping node, (:Writes {id: 'alaqat', started, finished}), lets
// readers notice a commit that overlapped them and read again (see read).
package neo4j

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Options are the connection settings beside the URI.
type Options struct {
	Username string // empty with Password: no authentication
	Password string
	Database string // empty: the server's default database
	// MaxRetryTime is how long a write transaction is retried after
	// transient errors (a lost connection, a deadlock, a leader election)
	// before the write fails: the driver's retry budget, 30 s when zero.
	MaxRetryTime time.Duration
}

// Store is a graph.Store on a Neo4j server. It is safe for concurrent use.
type Store struct {
	driver neo.DriverWithContext
	db     string
}

var _ graph.Store = (*Store)(nil)

// labels maps each kind of node to its label. Cypher built from these (and
// from graph.EdgeTypes) is the only Cypher not fixed at compile time.
var labels = map[graph.Kind]string{
	graph.KindCountry:      "Country",
	graph.KindPerson:       "Person",
	graph.KindOrganization: "Organization",
	graph.KindAgreement:    "Agreement",
	graph.KindMeeting:      "Meeting",
	graph.KindPlace:        "Place",
}

// Open connects to the server at uri, checks that it answers, and creates
// the constraints and indexes the store relies on if they are missing.
func Open(ctx context.Context, uri string, opts Options) (*Store, error) {
	auth := neo.NoAuth()
	if opts.Username != "" || opts.Password != "" {
		auth = neo.BasicAuth(opts.Username, opts.Password, "")
	}
	driver, err := neo.NewDriverWithContext(uri, auth, func(c *config.Config) {
		if opts.MaxRetryTime > 0 {
			c.MaxTransactionRetryTime = opts.MaxRetryTime
		}
	})
	if err != nil {
		return nil, fmt.Errorf("neo4j: open %s: %w", redact(uri), err)
	}
	if err := driver.VerifyConnectivity(ctx); err != nil {
		driver.Close(ctx)
		return nil, fmt.Errorf("neo4j: open %s: %w", redact(uri), err)
	}
	s := &Store{driver: driver, db: opts.Database}
	if err := s.createSchema(ctx); err != nil {
		driver.Close(ctx)
		return nil, fmt.Errorf("neo4j: open %s: %w", redact(uri), err)
	}
	if err := s.upgrade(ctx); err != nil {
		driver.Close(ctx)
		return nil, fmt.Errorf("neo4j: open %s: upgrade: %w", redact(uri), err)
	}
	return s, nil
}

// redact drops any user information from a URI before it goes into an
// error message.
func redact(uri string) string {
	u, err := url.Parse(uri)
	if err != nil {
		return "(invalid URI)"
	}
	u.User = nil
	return u.String()
}

// Close closes the driver and its connections.
func (s *Store) Close() error {
	return s.driver.Close(context.Background())
}

// schema lists the constraints and indexes, each idempotent.
func schema() []string {
	var out []string
	entities := make([]string, 0, len(graph.Kinds))
	for _, k := range graph.Kinds {
		entities = append(entities, labels[k])
	}
	for _, l := range append(entities, "Entity", "Article", "Writes", "Pair") {
		out = append(out, fmt.Sprintf("CREATE CONSTRAINT %sId IF NOT EXISTS FOR (n:%s) REQUIRE n.id IS UNIQUE", strings.ToLower(l[:1])+l[1:], l))
	}
	// Identity resolution's bookkeeping (see graph.Rewrite): each article's
	// reports, the lock of each block, the analysts' corrections.
	out = append(out,
		"CREATE CONSTRAINT reportKey IF NOT EXISTS FOR (r:Report) REQUIRE r.key IS UNIQUE",
		"CREATE CONSTRAINT blockKey IF NOT EXISTS FOR (b:Block) REQUIRE b.key IS UNIQUE",
		"CREATE CONSTRAINT correctionSeq IF NOT EXISTS FOR (c:Correction) REQUIRE c.seq IS UNIQUE",
		"CREATE CONSTRAINT personTallyNode IF NOT EXISTS FOR (t:PersonTally) REQUIRE t.node IS UNIQUE",
		"CREATE INDEX personTallyBlock IF NOT EXISTS FOR (t:PersonTally) ON (t.block)",
		"CREATE INDEX personTallyEntity IF NOT EXISTS FOR (t:PersonTally) ON (t.entity)",
		"CREATE INDEX reportArticle IF NOT EXISTS FOR (r:Report) ON (r.article)",
		"CREATE INDEX reportEntity IF NOT EXISTS FOR (r:Report) ON (r.entity)",
		"CREATE INDEX reportBlockYear IF NOT EXISTS FOR (r:Report) ON (r.block, r.year)",
		"CREATE INDEX reportBlockMatch IF NOT EXISTS FOR (r:Report) ON (r.block, r.match)",
		"CREATE INDEX correctionTarget IF NOT EXISTS FOR (c:Correction) ON (c.target)",
	)
	// Search: a trigram text index per label on the folded names, which
	// answers CONTAINS (see SearchNodes).
	for _, l := range entities {
		out = append(out, fmt.Sprintf("CREATE TEXT INDEX %sFoldedText IF NOT EXISTS FOR (n:%s) ON (n.foldedText)", strings.ToLower(l[:1])+l[1:], l))
	}
	out = append(out,
		"CREATE INDEX agreementDateSort IF NOT EXISTS FOR (n:Agreement) ON (n.dateSort)",
		"CREATE INDEX meetingDateSort IF NOT EXISTS FOR (n:Meeting) ON (n.dateSort)",
		"CREATE INDEX supportedByFactArticle IF NOT EXISTS FOR ()-[r:SUPPORTED_BY]-() ON (r.fact, r.article)",
	)
	// Two full-text indexes on one schema would be one to IF NOT EXISTS, so
	// the standard one also covers titles (English, where stated).
	for _, ft := range []struct{ name, props, analyzer string }{
		{"nameArabic", "n.name, n.namesText", "arabic"},
		{"nameStandard", "n.name, n.namesText, n.title", "standard-no-stop-words"},
	} {
		out = append(out, fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [%s] "+
			"OPTIONS {indexConfig: {`fulltext.analyzer`: '%s'}}", ft.name, strings.Join(entities, "|"), ft.props, ft.analyzer))
	}
	return out
}

// createSchema runs each schema statement in its own transaction (Neo4j
// does not mix schema and data changes), then waits for the indexes.
func (s *Store) createSchema(ctx context.Context) error {
	for _, stmt := range append(schema(), "CALL db.awaitIndexes(300)") {
		if _, err := neo.ExecuteQuery(ctx, s.driver, stmt, nil, neo.EagerResultTransformer, s.queryOptions()...); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	return nil
}

func (s *Store) queryOptions() []neo.ExecuteQueryConfigurationOption {
	if s.db == "" {
		return nil
	}
	return []neo.ExecuteQueryConfigurationOption{neo.ExecuteQueryWithDatabase(s.db)}
}

func (s *Store) session(ctx context.Context, mode neo.AccessMode) neo.SessionWithContext {
	return s.driver.NewSession(ctx, neo.SessionConfig{DatabaseName: s.db, AccessMode: mode})
}

// run runs one statement in tx and collects its records.
func run(ctx context.Context, tx neo.ManagedTransaction, cypher string, params map[string]any) ([]*neo.Record, error) {
	return collect(ctx, tx.Run, cypher, params)
}

// collect runs one statement with run (a transaction's or a session's) and
// collects its records.
func collect(ctx context.Context, run func(context.Context, string, map[string]any) (neo.ResultWithContext, error), cypher string, params map[string]any) ([]*neo.Record, error) {
	if profiled != nil {
		return runProfiled(ctx, run, cypher, params)
	}
	res, err := run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// profiled, when set (by tests), makes run profile every statement and
// hand it the statement, its parameters and its plan.
var profiled func(cypher string, params map[string]any, plan neo.ProfiledPlan)

func runProfiled(ctx context.Context, run func(context.Context, string, map[string]any) (neo.ResultWithContext, error), cypher string, params map[string]any) ([]*neo.Record, error) {
	res, err := run(ctx, "PROFILE "+cypher, params)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err != nil {
		return nil, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, err
	}
	profiled(cypher, params, sum.Profile())
	return recs, nil
}

// records makes a record of each row of a collected list, a row being the
// list of its columns' values.
func records(list []any) []*neo.Record {
	out := make([]*neo.Record, len(list))
	for i, r := range list {
		vals, _ := r.([]any)
		out[i] = &neo.Record{Values: vals}
	}
	return out
}

// columns is a record a value of a list, for nodesOf.
func columns(list []any) []*neo.Record {
	out := make([]*neo.Record, len(list))
	for i, v := range list {
		out[i] = &neo.Record{Values: []any{v}}
	}
	return out
}

// entity is a CALL subquery that binds out to the entity node whose id is
// expr (an expression over a variable in scope), or drops the row when
// there is none: one seek of the Entity label's id constraint, which every
// entity node carries beside the label of its kind. It was eight seeks, one
// a label, when entity nodes had only their kind's label.
func entity(expr, out string) string {
	in, _, _ := strings.Cut(expr, ".")
	return fmt.Sprintf("CALL { WITH %s MATCH (%s:Entity {id: %s}) RETURN %s }", in, out, expr, out)
}

// byLabel is a CALL subquery that binds n to the entity nodes whose ids are
// in the parameter named after each label, one index seek per label; it
// fills params with those lists. ok is false when no id names a kind.
func byLabel(ids []string, params map[string]any) (cypher string, ok bool) {
	groups := map[graph.Kind][]string{}
	for _, id := range ids {
		if k := graph.KindOf(id); k.Valid() {
			groups[k] = append(groups[k], id)
		}
	}
	var parts []string
	for _, k := range graph.Kinds {
		if len(groups[k]) == 0 {
			continue
		}
		p := "ids" + labels[k]
		params[p] = groups[k]
		parts = append(parts, fmt.Sprintf("MATCH (n:%s) WHERE n.id IN $%s RETURN n", labels[k], p))
	}
	if len(parts) == 0 {
		return "", false
	}
	return "CALL { " + strings.Join(parts, " UNION ALL ") + " }", true
}

// edgeTypes is the relationship-type alternation for types (every edge
// type when types is empty), leaving out unknown types; "" if none is left.
func edgeTypes(types []string) string {
	if len(types) == 0 {
		return strings.Join(graph.EdgeTypes, "|")
	}
	var out []string
	for _, t := range graph.EdgeTypes {
		for _, u := range types {
			if t == u {
				out = append(out, t)
				break
			}
		}
	}
	return strings.Join(out, "|")
}

// upgrade brings a graph written by an earlier version up to date, ten
// thousand nodes per transaction: entity nodes without the Entity label
// (see entity), the text of their folded names (see SearchNodes) or the
// countries they act for (cypherActsFor) get them, then agreements and
// meetings the countries they involve (cypherCountries), and the Pairs of
// those countries, each passage of evidence its article's id (see
// keyEvidence), and each edge the counts of its articles and dates in
// place of their lists (see countSupport). The bookkeeping node records
// the layout once it is done, so that opening a graph already up to date
// (every loader run, every server start) reads one property instead of
// scanning every label.
func (s *Store) upgrade(ctx context.Context) (err error) {
	res, err := neo.ExecuteQuery(ctx, s.driver, `OPTIONAL MATCH (w:Writes {id: 'alaqat'}) RETURN coalesce(w.layout, 0)`,
		nil, neo.EagerResultTransformer, s.queryOptions()...)
	if err != nil {
		return err
	}
	from, _ := res.Records[0].Values[0].(int64)
	if from >= layout {
		return nil
	}
	// A graph with articles may take a minute or more (each of its
	// passages is written again): say so, through the program's logger.
	res, err = neo.ExecuteQuery(ctx, s.driver, `RETURN EXISTS { MATCH (:Article) }`, nil, neo.EagerResultTransformer, s.queryOptions()...)
	if err != nil {
		return err
	}
	if articles, _ := res.Records[0].Values[0].(bool); articles {
		start := time.Now()
		slog.Info("neo4j: bringing the graph up to date before use; this runs once and may take minutes on a large graph", "layout", from, "to", layout)
		defer func() {
			if err == nil {
				slog.Info("neo4j: the graph is up to date", "layout", layout, "took", time.Since(start).Round(time.Millisecond).String())
			}
		}()
	}
	var stmts []string
	for _, k := range graph.Kinds {
		l := labels[k]
		stmts = append(stmts,
			"MATCH (n:"+l+") WHERE NOT n:Entity WITH n LIMIT 10000 SET n:Entity RETURN count(*)",
			"MATCH (n:"+l+") WHERE n.folded IS NOT NULL AND n.foldedText IS NULL WITH n LIMIT 10000 "+
				"SET n.foldedText = reduce(t = head(n.folded), x IN tail(n.folded) | t + '\\n' + x) RETURN count(*)",
			"MATCH (x:"+l+") WHERE x.actsFor IS NULL WITH x LIMIT 10000 SET x.actsFor = "+actsFor+" RETURN count(*)")
	}
	// Once every node knows what it acts for, the countries each agreement
	// and meeting involves, each once (layout 2: a country was listed once
	// for each party acting for it).
	const once = "reduce(acc = [], c IN e.countries | CASE WHEN c IN acc THEN acc ELSE acc + c END)"
	for _, l := range []string{"Agreement", "Meeting"} {
		stmts = append(stmts, "MATCH (e:"+l+") WHERE e.countries IS NULL WITH e LIMIT 10000 SET e.countries = "+countries+" RETURN count(*)",
			"MATCH (e:"+l+") WHERE size(e.countries) > size("+once+") WITH e LIMIT 10000 SET e.countries = "+once+" RETURN count(*)")
	}
	// Layout 4: the Pair of each two countries an agreement or meeting
	// involves (see cypherCountries).
	for _, l := range []string{"Agreement", "Meeting"} {
		stmts = append(stmts, "MATCH (e:"+l+") WHERE size(e.countries) > 1 AND NOT EXISTS { (e)<-[:INCLUDES]-(:Pair) } "+
			"WITH e LIMIT 10000 WITH e, e.countries AS new "+linkPairs+" RETURN count(*)")
	}
	for _, cypher := range stmts {
		if err := s.untilNone(ctx, cypher); err != nil {
			return err
		}
	}
	if err := s.keyEvidence(ctx); err != nil {
		return err
	}
	if err := s.countSupport(ctx); err != nil {
		return err
	}
	_, err = neo.ExecuteQuery(ctx, s.driver, `MERGE (w:Writes {id: 'alaqat'}) ON CREATE SET w.started = 0, w.finished = 0
		SET w.layout = $layout`, map[string]any{"layout": layout}, neo.EagerResultTransformer, s.queryOptions()...)
	return err
}

// layout is the version of what the store keeps besides the merged
// properties of nodes (foldedText, actsFor, countries) and the facts: a
// graph recorded at this version needs no upgrade. 2: countries lists each
// country once; 3: every entity node is an Entity; 4: the Pairs of
// countries; 5: each SUPPORTED_BY knows its article's id; 6: an edge
// counts its articles and dates instead of listing them, and each article
// lists its edges (see sinceAdd).
const layout = 6

// keyEvidence (layout 5) gives each SUPPORTED_BY its article's id, for the
// index on (fact, article) that gives a fact's passages in order, then
// drops the index on fact alone: a thousand articles a transaction, taken
// in the order of their ids, so that each statement reads only its own.
func (s *Store) keyEvidence(ctx context.Context) error {
	for after := ""; ; {
		res, err := neo.ExecuteQuery(ctx, s.driver, `MATCH (a:Article) WHERE a.id > $after
			WITH a ORDER BY a.id LIMIT 1000
			CALL (a) { MATCH (a)<-[s:SUPPORTED_BY]-() WHERE s.article IS NULL SET s.article = a.id }
			RETURN max(a.id)`, map[string]any{"after": after}, neo.EagerResultTransformer, s.queryOptions()...)
		if err != nil {
			return fmt.Errorf("evidence keyed by article: %w", err)
		}
		last, _ := res.Records[0].Values[0].(string)
		if last == "" {
			break
		}
		after = last
	}
	_, err := neo.ExecuteQuery(ctx, s.driver, "DROP INDEX supportedByFact IF EXISTS", nil, neo.EagerResultTransformer, s.queryOptions()...)
	return err
}

// countSupport (layout 6) gives each article the list of the edges it
// supports, read from the edges' lists of articles, then replaces each
// edge's lists with its counts: a thousand articles, then a thousand
// nodes (the edges leaving them), a transaction, in the order of their
// ids. Each step skips what it has done, so an upgrade stopped half-way
// goes on where it stopped.
func (s *Store) countSupport(ctx context.Context) error {
	for _, st := range []struct{ what, cypher string }{
		{"articles' edges", `MATCH (a:Article) WHERE a.id > $after AND a.edgeKeys IS NULL
			WITH a ORDER BY a.id LIMIT 1000
			WITH a, COLLECT {
				MATCH (a)<-[:CLAIMED_IN]-(n)
				WITH a, collect(DISTINCT n) AS claimed
				UNWIND claimed AS n UNWIND claimed AS m
				MATCH (n)-[r:` + edgeTypes(nil) + `]->(m) WHERE a.id IN r.articles
				WITH a, n, m, r, r.articles AS articles, r.sinces AS sinces
				UNWIND [i IN range(0, size(articles) - 1) WHERE articles[i] = a.id] AS i
				RETURN [type(r) + '|' + n.id + '|' + m.id + CASE WHEN r.title <> '' THEN '|' + r.title ELSE '' END,
					coalesce(sinces[i], '')]
			} AS edges
			SET a.edgeKeys = [e IN edges | e[0]], a.edgeSinces = [e IN edges | e[1]]
			RETURN max(a.id)`},
		{"edges' counts", `MATCH (n:Entity) WHERE n.id > $after
			WITH n ORDER BY n.id LIMIT 1000
			CALL (n) {
				MATCH (n)-[r:` + edgeTypes(nil) + `]->() WHERE r.articles IS NOT NULL
				WITH r, size(r.articles) AS support, [x IN r.sinces WHERE x <> ''] AS dates
				WITH r, support, dates, reduce(acc = [], x IN dates | CASE WHEN x IN acc THEN acc ELSE acc + x END) AS vals
				SET r.support = support, r.sinceValues = vals, r.sinceCounts = [v IN vals | size([x IN dates WHERE x = v])]
				REMOVE r.articles, r.sinces
			}
			RETURN max(n.id)`},
	} {
		for after := ""; ; {
			res, err := neo.ExecuteQuery(ctx, s.driver, st.cypher, map[string]any{"after": after}, neo.EagerResultTransformer, s.queryOptions()...)
			if err != nil {
				return fmt.Errorf("%s: %w", st.what, err)
			}
			last, _ := res.Records[0].Values[0].(string)
			if last == "" {
				break
			}
			after = last
		}
	}
	return nil
}

// untilNone runs a statement that changes some nodes and counts them
// until it changes none.
func (s *Store) untilNone(ctx context.Context, cypher string) error {
	for {
		res, err := neo.ExecuteQuery(ctx, s.driver, cypher, nil, neo.EagerResultTransformer, s.queryOptions()...)
		if err != nil {
			return err
		}
		if n, _ := res.Records[0].Values[0].(int64); n == 0 {
			return nil
		}
	}
}
