package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader"
)

const seeds = "../seeds"

func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// snapshot is everything a store shows, for comparing two states.
type snapshot struct {
	counts graph.Counts
	ids    []string
	edges  []string
	ev     int
}

func snap(t *testing.T, s graph.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nodes, err := s.FindNodes(ctx, graph.NodeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var sn snapshot
	sn.counts = c
	for _, n := range nodes {
		sn.ids = append(sn.ids, n.ID)
	}
	es, err := s.Edges(ctx, graph.EdgeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		sn.edges = append(sn.edges, e.Key())
	}
	ev, err := s.Evidence(ctx, append(slices.Clone(sn.ids), sn.edges...), 0)
	if err != nil {
		t.Fatal(err)
	}
	sn.ev = len(ev)
	return sn
}

func TestImportTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	r1, err := loader.Import(ctx, s, []string{seeds}, loader.Options{})
	if err != nil || len(r1.Failures) > 0 || r1.Articles != 1 {
		t.Fatalf("first import: %+v, %v", r1, err)
	}
	before := snap(t, s)
	if before.counts.Nodes[graph.KindCountry] != 2 || before.counts.Nodes[graph.KindAgreement] < 3 {
		t.Fatalf("seed gave too little: %+v", before.counts)
	}
	r2, err := loader.Import(ctx, s, []string{seeds}, loader.Options{})
	if err != nil || r2.Articles != 1 {
		t.Fatalf("second import: %+v, %v", r2, err)
	}
	after := snap(t, s)
	if !slices.Equal(before.ids, after.ids) || !slices.Equal(before.edges, after.edges) || before.ev != after.ev ||
		before.counts.Articles != after.counts.Articles || before.counts.Edges != after.counts.Edges || before.counts.Evidence != after.counts.Evidence {
		t.Errorf("re-import changed the graph:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestBadInputsAreReportedAndTheRestImported(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a-good.txt", []byte("Oman and Japan sign energy deal | Test Wire\n\nOmani Foreign Minister Badr Albusaidi and his Japanese counterpart Takeshi Iwaya signed an agreement on energy in Muscat.\n"))
	cases := []struct {
		name string
		data []byte
		want string // in the error, beside the file name
	}{
		{"broken.json", []byte(`{"title": "x", "text": `), "broken.json"},
		{"empty.txt", nil, "empty"},
		{"latin1.txt", []byte("Caf\xe9 diplomacy | Wire\n\nThe minister met his counterpart.\n"), "UTF-8"},
	}
	paths := []string{}
	for _, c := range cases {
		paths = append(paths, write(c.name, c.data))
	}
	s := openStore(t)
	rep, err := loader.Import(context.Background(), s, append(paths, good), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Articles != 1 {
		t.Errorf("imported %d articles, want the good one only", rep.Articles)
	}
	if len(rep.Failures) != len(cases) {
		t.Fatalf("failures = %v, want %d", rep.Failures, len(cases))
	}
	for i, c := range cases {
		msg := rep.Failures[i].Error()
		if !strings.Contains(msg, c.name) || !strings.Contains(msg, c.want) {
			t.Errorf("failure %q should name %s and say %q", msg, c.name, c.want)
		}
	}
	// Nothing of the bad files is in the store: one article, Oman's.
	arts, err := s.ListArticles(context.Background(), "", 10)
	if err != nil || len(arts) != 1 || !strings.Contains(arts[0].Title, "Oman") {
		t.Errorf("articles = %v, %v", arts, err)
	}
}

func TestFolderWalkSkipsHiddenAndUnknownFiles(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, ".cache"), 0o755)
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	body := "Qatar and Germany sign MoU | Wire\n\nQatar and Germany signed a memorandum of understanding on energy.\n"
	os.WriteFile(filepath.Join(dir, ".cache", "x.txt"), []byte("junk"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "a.txt"), []byte(body), 0o644)
	rep, err := loader.Import(context.Background(), openStore(t), []string{dir}, loader.Options{})
	if err != nil || rep.Articles != 1 || len(rep.Failures) != 0 {
		t.Errorf("import = %+v, %v; want one article and no failures", rep, err)
	}
}

func TestMissingPath(t *testing.T) {
	rep, _ := loader.Import(context.Background(), openStore(t), []string{"no/such/dir"}, loader.Options{})
	if len(rep.Failures) != 1 || !strings.Contains(rep.Failures[0].Error(), "no/such/dir") {
		t.Errorf("failures = %v", rep.Failures)
	}
}

func TestArticleTextHoldsTitleThenBody(t *testing.T) {
	arts, err := loader.ReadFile(filepath.Join(seeds, "000_cdc891ae099bd5bd.txt"), nil)
	if err != nil || len(arts) != 1 {
		t.Fatalf("read seed: %v", err)
	}
	a := loader.Article(arts[0])
	if !strings.HasPrefix(a.Text, a.Title+"\n\n") || a.Source != "الخليج أونلاين" || a.Lang != graph.Arabic {
		t.Errorf("article = %q / %q / %q", a.Title, a.Source, a.Lang)
	}
	if a.ID != loader.Article(arts[0]).ID || !strings.HasPrefix(a.ID, "article:") {
		t.Errorf("unstable id %q", a.ID)
	}
}
