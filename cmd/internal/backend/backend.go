// Package backend turns the --db URL that both commands take into a
// graph.Store: a path or file: URL for the embedded SQLite store, bolt://,
// neo4j:// or neo4j+s:// (and +ssc variants) for Neo4j, with credentials
// and database from NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE.
package backend

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader/extract"
	"github.com/alaqat/alaqat/loader/gazetteer"
)

// DefaultDB is the embedded database both commands use unless told
// otherwise: a file in the working directory, or $ALAQAT_DB.
func DefaultDB() string {
	if v := os.Getenv("ALAQAT_DB"); v != "" {
		return v
	}
	return "alaqat.db"
}

// Usage describes the --db flag for the commands' help.
const Usage = "graph store: a SQLite file (path or file:PATH), or a Neo4j URL (bolt://, neo4j://, neo4j+s://; credentials from NEO4J_USERNAME, NEO4J_PASSWORD, database from NEO4J_DATABASE); $ALAQAT_DB sets the default"

// IsEmbedded reports whether the URL names the embedded store.
func IsEmbedded(url string) bool { return !strings.Contains(url, "://") }

// Path is the file an embedded store's URL names.
func Path(url string) string { return strings.TrimPrefix(url, "file:") }

// Exists reports whether the embedded store's file exists (true for any
// Neo4j URL: the server says whether it is there).
func Exists(url string) bool {
	if !IsEmbedded(url) {
		return true
	}
	_, err := os.Stat(Path(url))
	return !errors.Is(err, fs.ErrNotExist)
}

// ErrNoStore is OpenExisting's error for a SQLite file that does not exist.
var ErrNoStore = errors.New("no such store")

// Open opens the store the URL names, creating a SQLite file that does not
// exist.
func Open(ctx context.Context, url string) (graph.Store, error) {
	if IsEmbedded(url) {
		return sqlite.Open(ctx, Path(url))
	}
	return openNeo4j(ctx, url)
}

// OpenExisting opens the store the URL names, which must exist: a SQLite
// file that does not is ErrNoStore, never a new empty store.
func OpenExisting(ctx context.Context, url string) (graph.Store, error) {
	if !Exists(url) {
		return nil, fmt.Errorf("%s: %w", Path(url), ErrNoStore)
	}
	return Open(ctx, url)
}

// GazetteerUsage describes the --gazetteer flag.
const GazetteerUsage = "the analysts' own gazetteer added to the built-in one: a watch-list file (YAML or JSON: persons, organizations, offices, countries), or a folder of such files and TSV files (countries.tsv, offices.tsv, organizations.tsv, persons.tsv, lexicon.tsv; the shapes of loader/gazetteer/data); $ALAQAT_GAZETTEER sets the default"

// Extractor returns the extractor over the built-in gazetteer, plus the
// analysts' watch-list file or folder at path when it is not empty.
func Extractor(path string) (*extract.Extractor, error) {
	if path == "" {
		return extract.Default(), nil
	}
	g, err := gazetteer.WithExtraPath(path)
	if err != nil {
		return nil, err
	}
	return extract.New(g), nil
}
