// Package neo4jtest gives tests of any package a Neo4j store on the test
// server named by NEO4J_URI (credentials from NEO4J_USERNAME,
// NEO4J_PASSWORD, database from NEO4J_DATABASE), emptied for the test and
// held exclusively: go test runs packages in parallel, and tests that share
// one database must take turns. Without NEO4J_URI a test is skipped, except
// under CI=true, where it fails: CI must run against a real Neo4j.
package neo4jtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/alaqat/alaqat/graph/neo4j"
)

// Server returns the URI and options of the test server, skipping the test
// (failing it in CI) when there is none.
func Server(tb testing.TB) (string, neo4j.Options) {
	tb.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatal("NEO4J_URI not set: the Neo4j tests must run in CI (bash .ci/test.sh starts a server)")
		}
		tb.Skip("NEO4J_URI not set: no Neo4j server to test against (bash .ci/test.sh starts one)")
	}
	return uri, neo4j.Options{
		Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"),
		Database: os.Getenv("NEO4J_DATABASE"),
	}
}

// Lock holds the test server for tb until it ends, across the processes
// of one go test run.
func Lock(tb testing.TB) {
	tb.Helper()
	uri, _ := Server(tb)
	unlock, err := lockFile(filepath.Join(os.TempDir(), "alaqat-neo4j-test-"+sanitize(uri)+".lock"))
	if err != nil {
		tb.Fatalf("locking the Neo4j test server: %v", err)
	}
	tb.Cleanup(unlock)
}

// OpenEmpty locks the test server, empties its database and opens a store
// on it, closed when the test ends.
func OpenEmpty(tb testing.TB) *neo4j.Store {
	tb.Helper()
	Lock(tb)
	Wipe(tb)
	return Reopen(tb)
}

// Reopen opens a store on the test server (locked by OpenEmpty) as it is,
// as the next loader or server would open it; closed when the test ends.
func Reopen(tb testing.TB) *neo4j.Store {
	tb.Helper()
	uri, opts := Server(tb)
	s, err := neo4j.Open(context.Background(), uri, opts)
	if err != nil {
		tb.Fatalf("neo4j.Open: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// Driver returns a driver to the test server, closed when the test ends,
// and the options that name its database, for tests that look at the
// graph as Neo4j holds it.
func Driver(tb testing.TB) (neo.DriverWithContext, []neo.ExecuteQueryConfigurationOption) {
	tb.Helper()
	uri, opts := Server(tb)
	auth := neo.NoAuth()
	if opts.Username != "" || opts.Password != "" {
		auth = neo.BasicAuth(opts.Username, opts.Password, "")
	}
	driver, err := neo.NewDriverWithContext(uri, auth)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { driver.Close(context.Background()) })
	var dbOpts []neo.ExecuteQueryConfigurationOption
	if opts.Database != "" {
		dbOpts = append(dbOpts, neo.ExecuteQueryWithDatabase(opts.Database))
	}
	return driver, dbOpts
}

// Wipe deletes every node and relationship of the test database; the
// caller must hold Lock.
func Wipe(tb testing.TB) {
	tb.Helper()
	_, opts := Server(tb)
	ctx := context.Background()
	driver, dbOpts := Driver(tb)
	var err error
	// Relationships first, then nodes, in batches of their own: a graph
	// left by a load test (loadgen seed) has nodes with tens of thousands
	// of relationships, too many for one transaction's memory. CALL … IN
	// TRANSACTIONS runs only in an auto-commit transaction (session.Run).
	sess := driver.NewSession(ctx, neo.SessionConfig{DatabaseName: opts.Database})
	defer sess.Close(ctx)
	for _, q := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		var res neo.ResultWithContext
		if res, err = sess.Run(ctx, q, nil); err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			break
		}
	}
	if err != nil {
		// Older servers lack CALL (n) { … }; a plain delete does for test data.
		if _, err := neo.ExecuteQuery(ctx, driver, "MATCH (n) DETACH DELETE n", nil, neo.EagerResultTransformer, dbOpts...); err != nil {
			tb.Fatalf("emptying the test database: %v", err)
		}
	}
}

func sanitize(s string) string {
	out := []rune(s)
	for i, r := range out {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			out[i] = '_'
		}
	}
	return string(out)
}
