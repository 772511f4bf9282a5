// Package sqlite is Alaqat's embedded store: a graph.Store in one SQLite file,
// through the pure-Go modernc.org/sqlite driver, so nothing has to be
// installed or started. The schema lives in numbered migrations embedded in
// the binary and applied at Open. The database runs in WAL mode, so the
// server reads while a loader writes.
package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migration/*.sql
var migrations embed.FS

// Store is a graph.Store in a SQLite file.
type Store struct {
	db    *sql.DB
	nodes nodeCache
	edges genCache[[]graph.Edge] // "out\x00"+id or "in\x00"+id → the node's edges that way
	stmts sync.Map               // query text → *sql.Stmt, prepared once for every connection

	corrections genCache[[]graph.Correction] // "" → the corrections in force
}

// query runs a read through a statement prepared once: the readers' few
// query shapes come again thousands of times a second under load.
// In a snapshot (see Snapshot) it runs in the snapshot's transaction.
func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if sn, ok := graph.SnapshotOf(ctx).(*snapshot); ok && sn.store == s {
		// A statement of its own, on the transaction's connection: the
		// resolvers of one request read at once, and a statement prepared
		// for the pool can neither run twice at a time on one connection
		// nor be prepared while every connection is held by a snapshot.
		return sn.tx.QueryContext(ctx, query, args...)
	}
	st, err := s.prepared(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// snapshot is one request's read transaction.
type snapshot struct {
	store *Store
	tx    *sql.Tx
}

// Snapshot begins a read transaction for a request's reads: WAL gives it
// the database as of its first read (the generation, read at once), which
// later commits do not change, so its end never reports an overlap.
func (s *Store) Snapshot(ctx context.Context) (context.Context, func() error, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // BEGIN DEFERRED: no lock until it reads
	if err != nil {
		return ctx, nil, fmt.Errorf("sqlite: begin a read: %w", err)
	}
	sn := &snapshot{store: s, tx: tx}
	snap := graph.WithSnapshot(ctx, sn)
	gen, err := s.Generation(snap)
	if err != nil {
		tx.Rollback()
		return ctx, nil, err
	}
	return graph.WithGeneration(snap, gen), func() error {
		if err := tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
			return fmt.Errorf("sqlite: end a read: %w", err)
		}
		return nil
	}, nil
}

// prepared returns query prepared once for the store.
func (s *Store) prepared(ctx context.Context, query string) (*sql.Stmt, error) {
	st, ok := s.stmts.Load(query)
	if !ok {
		prepared, err := s.db.PrepareContext(ctx, query)
		if err != nil {
			return nil, err
		}
		if st, ok = s.stmts.LoadOrStore(query, prepared); ok {
			prepared.Close()
		}
	}
	return st.(*sql.Stmt), nil
}

// nodeCache keeps merged nodes for one generation of the database (see
// Generation): merging a node that thousands of articles claim (a country)
// costs far more than reading a number.
type nodeCache struct {
	mu    sync.Mutex
	gen   int64
	nodes map[string]*graph.Node
}

// maxCachedEdges bounds how many edges the adjacency cache keeps.
const maxCachedEdges = 2_000_000

// maxCachedNodes bounds the cache; it starts again empty when full.
const maxCachedNodes = 100_000

// get returns the cached nodes of ids at generation gen and the ids it
// does not have.
func (c *nodeCache) get(gen int64, ids []string) (found []*graph.Node, missing []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return nil, ids
	}
	for _, id := range ids {
		if n, ok := c.nodes[id]; ok {
			found = append(found, n)
		} else {
			missing = append(missing, id)
		}
	}
	return found, missing
}

// put keeps nodes merged at generation gen (or later: gen was read first).
func (c *nodeCache) put(gen int64, nodes []*graph.Node) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return
	}
	if gen > c.gen || c.nodes == nil || len(c.nodes)+len(nodes) > maxCachedNodes {
		c.gen, c.nodes = gen, make(map[string]*graph.Node, len(nodes))
	}
	for _, n := range nodes {
		c.nodes[n.ID] = n
	}
}

// genCache keeps values read at one generation of the database (see
// Generation), up to a total weight; it starts again empty when full or when
// a later generation is seen. A value read after reading generation gen
// reflects gen or a later one, so it is kept under gen. Callers hold mu.
type genCache[V any] struct {
	mu     sync.Mutex
	gen    int64
	weight int
	max    int
	values map[string]V
}

func (c *genCache[V]) get(gen int64, key string) (V, bool) {
	if c.gen != gen {
		var zero V
		return zero, false
	}
	v, ok := c.values[key]
	return v, ok
}

func (c *genCache[V]) put(gen int64, key string, v V, weight int) {
	if gen < c.gen {
		return
	}
	if gen > c.gen || c.values == nil || c.weight+weight > c.max {
		c.gen, c.weight, c.values = gen, 0, map[string]V{}
	}
	c.values[key] = v
	c.weight += weight
}

// generation is the generation ctx carries (see graph.WithGeneration), or
// the database's.
func (s *Store) generation(ctx context.Context) (int64, error) {
	if gen, ok := graph.GenerationOf(ctx); ok {
		return gen, nil
	}
	return s.Generation(ctx)
}

// Generation returns a number that grows with every committed change of
// the facts, by this process or another: what was read at one generation
// holds as long as it stays the same.
func (s *Store) Generation(ctx context.Context) (int64, error) {
	rows, err := s.query(ctx, `SELECT generation FROM meta`)
	if err != nil {
		return 0, fmt.Errorf("sqlite: generation: %w", err)
	}
	defer rows.Close()
	var gen int64
	if !rows.Next() {
		return 0, fmt.Errorf("sqlite: generation: no row (%v)", rows.Err())
	}
	if err := rows.Scan(&gen); err != nil {
		return 0, fmt.Errorf("sqlite: generation: %w", err)
	}
	return gen, rows.Err()
}

var _ graph.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, graph.Errorf(graph.EINVALID, "sqlite: empty database path")
	}
	if err := create(ctx, path); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "cache_size(-32768)", "mmap_size(1073741824)", "temp_store(MEMORY)", "wal_autocheckpoint(8000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate") // writers queue up front instead of failing on upgrade
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// Readers each take a connection (WAL lets them read at once); keep
	// them open between queries rather than opening the file anew. Each
	// holds its own page cache, so their number bounds the memory they
	// take: callers past it wait for one (as long as their context lets
	// them).
	db.SetMaxOpenConns(DefaultMaxConns)
	db.SetMaxIdleConns(DefaultMaxConns)
	s := &Store{db: db}
	s.edges.max = maxCachedEdges
	s.corrections.max = 1
	if err := s.migrateWhenFree(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if err := s.upgrade(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return s, nil
}

// PageSize is the size of the pages of a file Open creates. A batch of
// imported articles dirties pages at random in the tables keyed by entity
// (claims, edges by either end, reports by block), and SQLite writes each
// page twice (the WAL, then the file), two system calls a page in the WAL:
// with 16 KiB pages instead of SQLite's 4 KiB, 100,000 articles import in
// a median of 47.7 s, not 53.7, over a day's runs (43.5 s at best), and
// the file is 15 % smaller (README: "Pages of 16 KiB"). A store created
// before keeps its page size until copied.
const PageSize = 16384

// create makes the file of a new store, with pages of PageSize, in WAL
// mode. The page size can only be set before the file's first page is
// written, and the driver runs the DSN's pragmas in alphabetical order,
// journal_mode (which writes it) before page_size. A file that exists
// with content is left as it is, and so is one that another process is
// creating at the same time (Open's migrations wait for it).
func create(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.Size() > 0:
		return nil // an existing store
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil // one that Open will say it cannot read
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, p := range []string{fmt.Sprintf("PRAGMA page_size = %d", PageSize), "PRAGMA journal_mode = WAL"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			if isBusy(err) {
				return nil
			}
			return err
		}
	}
	return nil
}

// migrateWhenFree migrates, trying again for a while when the file is
// busy: a connection that turns a new file to WAL mode upgrades its read
// lock, which SQLite refuses at once, without waiting, while another
// process migrates.
func (s *Store) migrateWhenFree(ctx context.Context) error {
	deadline := time.Now().Add(openBusyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := s.migrate(ctx)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait + time.Duration(rand.Int64N(int64(wait)))):
		}
	}
}

// openBusyTimeout bounds how long Open waits for other processes that
// open the same file.
const openBusyTimeout = 30 * time.Second

// isBusy tells whether err is SQLite's "database is locked" (SQLITE_BUSY)
// or "table is locked" (SQLITE_LOCKED).
func isBusy(err error) bool {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		switch coded.Code() & 0xff {
		case 5, 6:
			return true
		}
	}
	return false
}

// DefaultMaxConns bounds the connections a Store opens: two cores read
// no faster with more, and each connection keeps a page cache of its own.
const DefaultMaxConns = 8

// SetMaxConns bounds the connections the store opens at once (at least
// 2: a reader and a writer).
func (s *Store) SetMaxConns(n int) {
	n = max(n, 2)
	s.db.SetMaxOpenConns(n)
	s.db.SetMaxIdleConns(n)
}

// Close closes the database.
func (s *Store) Close() error {
	s.stmts.Range(func(_, st any) bool { st.(*sql.Stmt).Close(); return true })
	return s.db.Close()
}

// migrate applies the embedded migrations newer than the database's
// user_version, each in its own transaction. Any number of processes may
// open a new file at once: each migration's transaction begins IMMEDIATE
// (the store's _txlock), so one process at a time holds the write lock,
// and reads the version again under it; a migration another process
// applied meanwhile is not applied twice.
func (s *Store) migrate(ctx context.Context) (err error) {
	files, err := fs.Glob(migrations, "migration/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(files)
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("schema version: %w", err)
	}
	if version > 0 && version < len(files) {
		// A store in use: the migrations since layout 7 rebuild its
		// largest tables (25 s for 100,000 articles).
		slog.Info("sqlite: bringing the store up to date before use; this runs once and may take a minute on a large store", "layout", version, "to", len(files))
		defer func(start time.Time) {
			if err == nil {
				slog.Info("sqlite: the store is up to date", "layout", len(files), "took", time.Since(start).Round(time.Millisecond).String())
			}
		}(time.Now())
	}
	for version < len(files) {
		if version, err = s.migrateOnce(ctx, files); err != nil {
			return err
		}
	}
	if version > len(files) {
		return fmt.Errorf("database schema version %d is newer than this program knows (%d)", version, len(files))
	}
	return nil
}

// migrateOnce applies the next migration the database lacks, under the
// write lock, and returns the version it then has.
func (s *Store) migrateOnce(ctx context.Context, files []string) (int, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("migrate: begin: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return 0, fmt.Errorf("migrate: schema version: %w", err)
	}
	if version >= len(files) {
		return version, nil // another process got there first
	}
	name := files[version]
	body, err := migrations.ReadFile(name)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return 0, fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	return version + 1, nil
}

func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		var ge *graph.Error
		if errors.As(err, &ge) {
			return err
		}
		return fmt.Errorf("sqlite: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}

// Nodes returns each node merged from its claims, ordered by article id,
// from the cache where it holds.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	if len(ids) == 0 {
		return []*graph.Node{}, nil
	}
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	cached, missing := s.nodes.get(gen, ids)
	if len(missing) > 0 {
		merged, err := s.merge(ctx, missing)
		if err != nil {
			return nil, err
		}
		active, err := s.activeCorrections(ctx, gen)
		if err != nil {
			return nil, err
		}
		for _, n := range merged {
			graph.Overlay(n, active)
		}
		s.nodes.put(gen, merged)
		cached = append(cached, merged...)
	}
	// Callers get their own copies: the cache's stay as merged.
	out := graph.InOrder(ids, cached, func(n *graph.Node) string { return n.ID })
	for i, n := range out {
		out[i] = n.Clone()
	}
	return out, nil
}

// merge merges each node's claims, ordered by article id.
func (s *Store) merge(ctx context.Context, ids []string) ([]*graph.Node, error) {
	claims := map[string][]graph.Node{}
	// Many articles make the same claim (every article naming Qatar claims
	// the gazetteer's Qatar): merging each distinct claim once, in the order
	// of the first article that made it, gives what merging them all would.
	rows, err := s.query(ctx, `SELECT node_id, data FROM claims WHERE node_id IN (SELECT value FROM json_each(?))
		GROUP BY node_id, data ORDER BY node_id, min(article_id)`, jsonList(ids))
	if err != nil {
		return nil, fmt.Errorf("sqlite: nodes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, data string
		if err := rows.Scan(&id, &data); err != nil {
			return nil, err
		}
		var n graph.Node
		if err := json.Unmarshal([]byte(data), &n); err != nil {
			return nil, fmt.Errorf("sqlite: node %s: %w", id, err)
		}
		claims[id] = append(claims[id], n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	merged := make([]*graph.Node, 0, len(claims))
	for _, c := range claims {
		n := graph.Merge(c)
		merged = append(merged, &n)
	}
	return merged, nil
}

// FindNodes finds nodes by kind and folded name: through the trigram index
// of distinct names when the text has three characters or more, else by
// reading the distinct names; names that corrections give count, names
// they take away do not.
func (s *Store) FindNodes(ctx context.Context, q graph.NodeQuery) ([]*graph.Node, error) {
	var where, corrWhere []string
	var params, corrParams []any
	from, col := "node_kinds", "node_id"
	text := graph.Fold(q.Text)
	if text != "" {
		if utf8.RuneCountInString(text) >= 3 && !strings.ContainsAny(text, `%_\`) {
			from, col = "name_trigrams t JOIN node_names n ON n.rowid = t.rowid", "n.node_id"
			where = append(where, `t.folded LIKE ?`)
			params = append(params, "%"+text+"%")
		} else {
			from = "node_names"
			where = append(where, `folded LIKE ? ESCAPE '\'`)
			params = append(params, "%"+likeEscape(text)+"%")
		}
		corrWhere = append(corrWhere, `folded LIKE ? ESCAPE '\'`)
		corrParams = append(corrParams, "%"+likeEscape(text)+"%")
	}
	if len(q.Kinds) > 0 {
		kinds := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			kinds[i] = string(k)
		}
		if len(kinds) == 1 {
			where = append(where, "kind = ?")
			params = append(params, kinds[0])
		} else {
			where = append(where, "kind IN (SELECT value FROM json_each(?))")
			params = append(params, jsonList(kinds))
		}
		corrWhere = append(corrWhere, where[len(where)-1])
		corrParams = append(corrParams, params[len(params)-1])
	}
	query := "SELECT DISTINCT " + col + " AS id FROM " + from
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	if text != "" {
		// Names that corrections give: few, read whole.
		query = "SELECT id FROM (" + query + " UNION SELECT node_id AS id FROM correction_names WHERE " + strings.Join(corrWhere, " AND ") + ")"
		params = append(params, corrParams...)
	}
	query += " ORDER BY id"
	if q.Limit > 0 {
		query += " LIMIT ?"
		params = append(params, q.Limit)
	}
	ids, err := s.strings(ctx, query, params...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find nodes: %w", err)
	}
	nodes, err := s.Nodes(ctx, ids)
	if err != nil || text == "" {
		return nodes, err
	}
	// A name a correction took away finds nothing.
	return slices.DeleteFunc(nodes, func(n *graph.Node) bool { return !graph.NamedLike(n, text) }), nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Edges returns edges, one per distinct edge with its earliest Since. Asked
// for the edges of given nodes (the usual question), it reads each node's
// edges in that direction once per generation (see Generation) and keeps
// them: a country's thousands of agreements, or an agreement's parties on
// a page asked for again and again.
func (s *Store) Edges(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, error) {
	var ends, others []string
	var out bool
	switch {
	case len(q.From) > 0 && (len(q.To) == 0 || len(q.From) <= len(q.To)):
		ends, others, out = q.From, q.To, true
	case len(q.To) > 0:
		ends, others, out = q.To, q.From, false
	default:
		return s.readEdges(ctx, q)
	}
	gen, err := s.generation(ctx)
	if err != nil {
		return nil, err
	}
	ends = slices.Compact(slices.Sorted(slices.Values(ends)))
	adj, err := s.adjacent(ctx, gen, ends, out)
	if err != nil {
		return nil, err
	}
	var otherSet map[string]bool
	if len(others) > 0 {
		otherSet = make(map[string]bool, len(others))
		for _, id := range others {
			otherSet[id] = true
		}
	}
	var res []graph.Edge
	for _, id := range ends {
		for _, e := range adj[id] {
			other := e.From
			if out {
				other = e.To
			}
			if (len(q.Types) > 0 && !slices.Contains(q.Types, e.Type)) || (otherSet != nil && !otherSet[other]) {
				continue
			}
			if e.Since != nil {
				d := *e.Since
				e.Since = &d
			}
			res = append(res, e)
		}
	}
	slices.SortFunc(res, graph.CompareEdges)
	return res, nil
}

// adjacent returns the edges leaving (out) or reaching each of ids, from the
// cache where it holds them for generation gen.
func (s *Store) adjacent(ctx context.Context, gen int64, ids []string, out bool) (map[string][]graph.Edge, error) {
	dir := "in\x00"
	if out {
		dir = "out\x00"
	}
	adj := make(map[string][]graph.Edge, len(ids))
	var missing []string
	s.edges.mu.Lock()
	for _, id := range ids {
		if es, ok := s.edges.get(gen, dir+id); ok {
			adj[id] = es
		} else {
			missing = append(missing, id)
		}
	}
	s.edges.mu.Unlock()
	if len(missing) == 0 {
		return adj, nil
	}
	q := graph.EdgeQuery{To: missing}
	if out {
		q = graph.EdgeQuery{From: missing}
	}
	read, err := s.readEdges(ctx, q)
	if err != nil {
		return nil, err
	}
	for _, e := range read {
		id := e.To
		if out {
			id = e.From
		}
		adj[id] = append(adj[id], e)
	}
	s.edges.mu.Lock()
	defer s.edges.mu.Unlock()
	for _, id := range missing {
		s.edges.put(gen, dir+id, adj[id], len(adj[id])+1)
	}
	return adj, nil
}

// readEdges reads edges from the database, one row per distinct edge with
// its earliest Since.
func (s *Store) readEdges(ctx context.Context, q graph.EdgeQuery) ([]graph.Edge, error) {
	var where []string
	var params []any
	for _, c := range []struct {
		col  string
		vals []string
	}{{"type", q.Types}, {"from_id", q.From}, {"to_id", q.To}} {
		if len(c.vals) == 1 {
			// An equality the index takes at once, rather than a list.
			where = append(where, c.col+" = ?")
			params = append(params, c.vals[0])
		} else if len(c.vals) > 0 {
			where = append(where, c.col+" IN (SELECT value FROM json_each(?))")
			params = append(params, jsonList(c.vals))
		}
	}
	// The planner, without statistics, would rather walk every edge of a
	// type (the primary key) than look up the few ends it is given.
	query := `SELECT type, from_id, to_id, title, min(CASE since WHEN '' THEN NULL ELSE since END) FROM edges`
	switch {
	case len(q.From) > 0 && (len(q.To) == 0 || len(q.From) <= len(q.To)):
		query += " INDEXED BY edges_from"
	case len(q.To) > 0:
		query += " INDEXED BY edges_to"
	}
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " GROUP BY type, from_id, to_id, title ORDER BY type, from_id, to_id, title"
	rows, err := s.query(ctx, query, params...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: edges: %w", err)
	}
	defer rows.Close()
	var out []graph.Edge
	for rows.Next() {
		var e graph.Edge
		var since sql.NullString
		if err := rows.Scan(&e.Type, &e.From, &e.To, &e.Title, &since); err != nil {
			return nil, err
		}
		if since.Valid {
			e.Since, _ = graph.ParsePartialDate(since.String)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Evidence reads evidence rows, at most limit per fact. The passages are
// keyed by article, so a fact's articles come from the rows that name them
// in order: a node's claims, an edge's rows. With a limit, each fact's
// articles are read only up to the article of its limit-th passage, found
// by a subquery that reads limit passages: a country's thousands of
// passages are not read for its first ten.
func (s *Store) Evidence(ctx context.Context, facts []string, limit int) ([]graph.Evidence, error) {
	if len(facts) == 0 {
		return nil, nil
	}
	var nodes []string
	edges := [][5]string{} // [] when there are none, as jsonList gives
	for _, f := range slices.Compact(slices.Sorted(slices.Values(facts))) {
		if e, ok := graph.ParseEdgeKey(f); ok {
			edges = append(edges, [5]string{f, e.Type, e.From, e.To, e.Title})
		} else {
			nodes = append(nodes, f)
		}
	}
	edgeList, err := json.Marshal(edges)
	if err != nil {
		return nil, err
	}
	var rows *sql.Rows
	if limit <= 0 {
		rows, err = s.query(ctx, evidenceAll, jsonList(nodes), string(edgeList))
	} else {
		rows, err = s.query(ctx, evidenceFirst, jsonList(nodes), string(edgeList), limit)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: evidence: %w", err)
	}
	evidence, err := scanEvidence(rows)
	if err != nil || limit <= 0 {
		return evidence, err
	}
	// The rows past the limit in the article of the limit-th.
	kept, n := evidence[:0], 0
	for i, ev := range evidence {
		if i == 0 || ev.Fact != evidence[i-1].Fact {
			n = 0
		}
		if n++; n <= limit {
			kept = append(kept, ev)
		}
	}
	return kept, nil
}

// The statements of Evidence read the passages of the nodes ?1 (a JSON
// list of ids, each once) and of the edges ?2 (a JSON list of [key, type,
// from, to, title], each once), in the order of fact, article, start and
// end. A node's articles come from its claims, each once (through its
// first raw id there), an edge's from its rows.
const evidenceAll = `SELECT e.fact, e.article_id, e.start, e.end, e.quote
	FROM json_each(?1) f JOIN claims c ON c.node_id = f.value
	JOIN evidence e ON e.article_id = c.article_id AND e.fact = f.value
	WHERE NOT EXISTS (SELECT 1 FROM claims d WHERE d.node_id = c.node_id AND d.article_id = c.article_id AND d.raw_id < c.raw_id)
UNION ALL
SELECT e.fact, e.article_id, e.start, e.end, e.quote
	FROM json_each(?2) f JOIN edges g ON g.type = f.value->>1 AND g.from_id = f.value->>2 AND g.to_id = f.value->>3 AND g.title = f.value->>4
	JOIN evidence e ON e.article_id = g.article_id AND e.fact = f.value->>0
ORDER BY 1, 2, 3, 4`

// evidenceFirst is evidenceAll with each fact's articles bounded by the
// article of its ?3-th passage, found by a subquery that reads ?3
// passages; a fact with fewer is read whole (the bound then greater than
// any id). The rows past the limit within the bounding article are left
// for the caller to cut.
const evidenceFirst = `SELECT e.fact, e.article_id, e.start, e.end, e.quote
	FROM json_each(?1) f JOIN claims c ON c.node_id = f.value
	JOIN evidence e ON e.article_id = c.article_id AND e.fact = f.value
	WHERE NOT EXISTS (SELECT 1 FROM claims d WHERE d.node_id = c.node_id AND d.article_id = c.article_id AND d.raw_id < c.raw_id)
	AND c.article_id <= coalesce((SELECT x.article_id FROM claims x JOIN evidence y ON y.article_id = x.article_id AND y.fact = x.node_id
		WHERE x.node_id = f.value
		AND NOT EXISTS (SELECT 1 FROM claims d WHERE d.node_id = x.node_id AND d.article_id = x.article_id AND d.raw_id < x.raw_id)
		ORDER BY x.article_id, y.start, y.end LIMIT 1 OFFSET ?3 - 1), char(1114111))
UNION ALL
SELECT e.fact, e.article_id, e.start, e.end, e.quote
	FROM json_each(?2) f JOIN edges g ON g.type = f.value->>1 AND g.from_id = f.value->>2 AND g.to_id = f.value->>3 AND g.title = f.value->>4
	JOIN evidence e ON e.article_id = g.article_id AND e.fact = f.value->>0
	WHERE g.article_id <= coalesce((SELECT x.article_id FROM edges x JOIN evidence y ON y.article_id = x.article_id AND y.fact = f.value->>0
		WHERE x.type = f.value->>1 AND x.from_id = f.value->>2 AND x.to_id = f.value->>3 AND x.title = f.value->>4
		ORDER BY x.article_id, y.start, y.end LIMIT 1 OFFSET ?3 - 1), char(1114111))
ORDER BY 1, 2, 3, 4`

// scanEvidence reads rows of fact, article_id, start, end and quote, and
// closes them.
func scanEvidence(rows *sql.Rows) ([]graph.Evidence, error) {
	defer rows.Close()
	var out []graph.Evidence
	for rows.Next() {
		var ev graph.Evidence
		if err := rows.Scan(&ev.Fact, &ev.ArticleID, &ev.Start, &ev.End, &ev.Quote); err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// Articles reads articles by id.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*graph.Article, error) {
	found, err := s.articles(ctx, `WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
	if err != nil {
		return nil, err
	}
	return graph.InOrder(ids, found, func(a *graph.Article) string { return a.ID }), nil
}

// ListArticles pages through articles by id.
func (s *Store) ListArticles(ctx context.Context, after string, limit int) ([]*graph.Article, error) {
	if limit <= 0 {
		return nil, nil
	}
	return s.articles(ctx, `WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
}

func (s *Store) articles(ctx context.Context, where string, params ...any) ([]*graph.Article, error) {
	rows, err := s.query(ctx, `SELECT id, url, title, source, published, lang, text FROM articles `+where, params...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: articles: %w", err)
	}
	defer rows.Close()
	var out []*graph.Article
	for rows.Next() {
		var a graph.Article
		var published, lang string
		if err := rows.Scan(&a.ID, &a.URL, &a.Title, &a.Source, &published, &lang, &a.Text); err != nil {
			return nil, err
		}
		a.Lang = graph.Lang(lang)
		if published != "" {
			a.Published, _ = graph.ParsePartialDate(published)
		}
		out = append(out, &a)
	}
	return out, rows.Err()
}

// Counts counts articles, nodes by kind, edges and evidence.
func (s *Store) Counts(ctx context.Context) (graph.Counts, error) {
	c := graph.Counts{Nodes: map[graph.Kind]int{}}
	for _, q := range []struct {
		sql string
		dst *int
	}{
		{`SELECT count(*) FROM articles`, &c.Articles},
		{`SELECT count(*) FROM (SELECT DISTINCT type, from_id, to_id, title FROM edges)`, &c.Edges},
		{`SELECT count(*) FROM evidence`, &c.Evidence},
	} {
		rows, err := s.query(ctx, q.sql)
		if err == nil {
			if rows.Next() {
				err = rows.Scan(q.dst)
			}
			err = cmp.Or(err, rows.Err(), rows.Close())
		}
		if err != nil {
			return c, fmt.Errorf("sqlite: counts: %w", err)
		}
	}
	rows, err := s.query(ctx, `SELECT kind, count(*) FROM node_kinds GROUP BY kind`)
	if err != nil {
		return c, fmt.Errorf("sqlite: counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return c, err
		}
		c.Nodes[graph.Kind(k)] = n
	}
	return c, rows.Err()
}

func (s *Store) strings(ctx context.Context, query string, params ...any) ([]string, error) {
	return scanStrings(s.query(ctx, query, params...))
}

// scanStrings reads the one column of a query's rows, as a query returns
// them.
func scanStrings(rows *sql.Rows, err error) ([]string, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func iso(d *graph.PartialDate) string {
	if d == nil {
		return ""
	}
	return d.ISO()
}

// jsonList encodes a list as a JSON array, which json_each turns back into
// rows: one parameter whatever the length of the list.
func jsonList(ss []string) string {
	if ss == nil {
		ss = []string{}
	}
	b, _ := json.Marshal(ss)
	return string(b)
}
