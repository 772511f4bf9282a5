package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
	"github.com/alaqat/alaqat/graph/sqlite"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/transfer"
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
	if err != nil || r2.Articles != 0 || r2.Unchanged != 1 || !r2.KnowsUnchanged {
		t.Fatalf("second import: %+v, %v; want the article counted unchanged", r2, err)
	}
	after := snap(t, s)
	if !slices.Equal(before.ids, after.ids) || !slices.Equal(before.edges, after.edges) || before.ev != after.ev ||
		before.counts.Articles != after.counts.Articles || before.counts.Edges != after.counts.Edges || before.counts.Evidence != after.counts.Evidence {
		t.Errorf("re-import changed the graph:\nbefore %+v\nafter  %+v", before, after)
	}
}

const goodText = "Oman and Japan sign energy deal | Test Wire\n\nOmani Foreign Minister Badr Albusaidi and his Japanese counterpart Takeshi Iwaya signed an agreement on energy in Muscat.\n"

// TestBadInputsAreReportedAndTheRestImported imports a batch in which every
// kind of bad input sits beside good ones: each bad one is a failure naming
// its file (and line or item), the good articles, including the good
// records of a file with bad ones, are imported whole, and nothing of the
// bad ones reaches the store.
func TestBadInputsAreReportedAndTheRestImported(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A 50 MB single-line file, and the same bytes under other names: it is
	// refused quickly, without holding it in memory or reading it whole.
	huge := write("huge.txt", nil)
	f, err := os.OpenFile(huge, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	chunk := []byte(strings.Repeat("Oman Japan agreement ", 1<<15))
	for left := 50 << 20; left > 0; left -= len(chunk) {
		f.Write(chunk[:min(left, len(chunk))])
	}
	f.Close()
	os.Link(huge, filepath.Join(dir, "huge-no-extension"))

	good := write("a-good.txt", []byte(goodText))
	cases := []struct {
		name string
		data []byte
		want []string // the failures' messages, each beside the file name
	}{
		{"binary.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), []string{"binary file"}},
		{"broken.json", []byte(`{"title": "x", "text": `), []string{"broken.json: line 1: unexpected end of JSON input"}},
		{"empty.txt", nil, []string{"empty file"}},
		{"latin1.txt", []byte("Caf\xe9 diplomacy | Wire\n\nThe minister met his counterpart.\n"), []string{"not valid UTF-8 (byte offset 3, line 1)"}},
		{"huge.txt", nil, []string{"huge.txt: too large for an article: 50.0 MB, more than the 16.0 MB one article may take"}},
		{"huge-no-extension", nil, []string{"too large for an article: 50.0 MB"}},
		{"scripts.html", []byte("<html><head><script>var a = 'Oman and Japan signed';</script></head><body><script>go()</script></body></html>"), []string{"scripts.html: no article text"}},
		{"lines.jsonl", []byte(`{"title": "Oman and Japan", "text": "Oman and Japan signed an agreement on trade."}
{"title": "broken", "text": 
{"title": "Qatar and Germany", "text": "Qatar and Germany signed a memorandum of understanding on energy."}
["not", "an", "object"]
`), []string{"lines.jsonl: line 2: ", "lines.jsonl: line 4: expected a JSON object, got an array"}},
		{"feed.xml", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Oman and Japan sign deal</title><description>Oman and Japan signed an agreement on fisheries.</description></item>
<item><title>Nothing here</title></item>
<item><title>Kenya and Norway</title><description>Kenya and Norway signed a memorandum of understanding on ports.</description></item>
</channel></rss>`), []string{"feed.xml: item 2: no article text"}},
	}
	paths := []string{}
	for _, c := range cases {
		if c.data != nil || !strings.HasPrefix(c.name, "huge") {
			write(c.name, c.data)
		}
		paths = append(paths, filepath.Join(dir, c.name))
	}
	s := openStore(t)
	rep, err := loader.Import(context.Background(), s, append(paths, good), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range cases {
		for _, w := range c.want {
			want = append(want, c.name+"\x00"+w)
		}
	}
	if len(rep.Failures) != len(want) {
		t.Fatalf("failures:\n%v\nwant %d", rep.Err(), len(want))
	}
	for i, w := range want {
		name, msg, _ := strings.Cut(w, "\x00")
		got := rep.Failures[i].Error()
		if !strings.HasPrefix(got, filepath.Join(dir, name)) || !strings.Contains(got, msg) {
			t.Errorf("failure %q should name %s and say %q", got, name, msg)
		}
	}
	// The good file, two good lines and two good feed items: five
	// articles, all stored, and nothing else.
	if rep.Articles != 5 {
		t.Errorf("imported %d articles, want 5", rep.Articles)
	}
	arts, err := s.ListArticles(context.Background(), "", 100)
	if err != nil || len(arts) != 5 {
		t.Errorf("the store holds %d articles (%v), want 5", len(arts), err)
	}
}

func TestGlobs(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a.txt", "b.json", "notes.pdf", "x/c.txt", "x/y/d.txt", "x/y/e.md", ".hidden/f.txt", "x/g.log"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(goodText), 0o644)
	}
	rel := func(files []string) []string {
		var out []string
		for _, f := range files {
			r, _ := filepath.Rel(dir, f)
			out = append(out, filepath.ToSlash(r))
		}
		return out
	}
	for _, tc := range []struct {
		pattern string
		want    []string
		fail    string
	}{
		{"*.txt", []string{"a.txt"}, ""},
		{"*", []string{"a.txt", "b.json", "x/c.txt", "x/g.log", "x/y/d.txt", "x/y/e.md"}[:0], ""},
		{"**/*.txt", []string{"a.txt", "x/c.txt", "x/y/d.txt"}, ""},
		{"x/**", []string{"x/c.txt", "x/y/d.txt", "x/y/e.md"}, ""},
		{"x/**/e.md", []string{"x/y/e.md"}, ""},
		{"x/*.log", []string{"x/g.log"}, ""},
		{"*.csv", nil, "no file matches"},
		{"[", nil, "bad pattern"},
	} {
		files, fails := loader.Inputs([]string{filepath.Join(dir, tc.pattern)})
		if tc.pattern == "*" {
			// A folder matched by a glob is walked: every importable file.
			tc.want = []string{"a.txt", "b.json", "x/c.txt", "x/y/d.txt", "x/y/e.md"}
		}
		if got := rel(files); !slices.Equal(got, tc.want) {
			t.Errorf("%s: files %v, want %v", tc.pattern, got, tc.want)
		}
		if tc.fail == "" && len(fails) > 0 || tc.fail != "" && (len(fails) != 1 || !strings.Contains(fails[0].Error(), tc.fail)) {
			t.Errorf("%s: failures %v, want %q", tc.pattern, fails, tc.fail)
		}
	}
	// The same file named twice is read once.
	if files, _ := loader.Inputs([]string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "*.txt"), dir}); len(files) != 5 {
		t.Errorf("files %v, want each once", rel(files))
	}
}

// TestFormatFromContent imports JSON Lines saved as .txt and an HTML page
// saved as .md: the content decides.
func TestFormatFromContent(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "export.txt"), []byte(`{"title": "Oman and Japan", "text": "Oman and Japan signed an agreement on trade."}
{"title": "Qatar and Germany", "text": "Qatar and Germany signed a memorandum of understanding on energy."}
`), 0o644)
	os.WriteFile(filepath.Join(dir, "page.md"), []byte("<!DOCTYPE html><html><head><title>Kenya and Norway</title></head><body><article><p>Kenya and Norway signed a memorandum of understanding on ports.</p></article></body></html>"), 0o644)
	rep, err := loader.Import(context.Background(), openStore(t), []string{dir}, loader.Options{})
	if err != nil || rep.Articles != 3 || len(rep.Failures) > 0 {
		t.Errorf("import = %+v, %v; want 3 articles", rep, err)
	}
}

// hashing is the SQLite store with FactsHash answered from the digests it
// was given, until the store implements graph.FactsHasher itself.
type hashing struct {
	*sqlite.Store
	hashes map[string]string
}

func (h *hashing) Apply(ctx context.Context, f *graph.Facts) error {
	if err := h.Store.Apply(ctx, f); err != nil {
		return err
	}
	h.hashes[f.Article.ID] = f.Hash()
	return nil
}

func (h *hashing) FactsHash(_ context.Context, id string) (string, error) { return h.hashes[id], nil }

func TestUnchangedArticlesAreCounted(t *testing.T) {
	var s graph.Store = openStore(t)
	if _, ok := s.(graph.FactsHasher); !ok {
		s = &hashing{Store: s.(*sqlite.Store), hashes: map[string]string{}}
	}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte(goodText), 0o644)
	os.WriteFile(b, []byte("Qatar and Germany sign MoU | Wire\n\nQatar and Germany signed a memorandum of understanding on energy.\n"), 0o644)
	ctx := context.Background()
	var seen []loader.Progress
	opt := loader.Options{Progress: func(p loader.Progress) { seen = append(seen, p) }}
	if rep, err := loader.Import(ctx, s, []string{dir}, opt); err != nil || rep.Articles != 2 || rep.Unchanged != 0 || !rep.KnowsUnchanged {
		t.Fatalf("first import: %+v, %v", rep, err)
	}
	if last := seen[len(seen)-1]; last.Done != 2 || last.Total != 2 || last.Articles != 2 {
		t.Errorf("last progress %+v, want 2 of 2 inputs done, 2 articles", last)
	}
	// b changes: it is imported again; a is not.
	os.WriteFile(b, []byte("Qatar and Germany sign MoU | Wire\n\nQatar and Germany signed a memorandum of understanding on hydrogen.\n"), 0o644)
	rep, err := loader.Import(ctx, s, []string{dir}, loader.Options{})
	if err != nil || rep.Articles != 1 || rep.Unchanged != 1 {
		t.Errorf("second import: %+v, %v; want 1 imported, 1 unchanged", rep, err)
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

// batches is a real store that records the size of each bulk write and
// writes nothing: only the sizes are looked at, and writing 3,600
// articles under the race detector took a minute.
type batches struct {
	*sqlite.Store
	sizes []int
}

func (s *batches) ApplyAll(ctx context.Context, all []*graph.Facts) error {
	s.sizes = append(s.sizes, len(all))
	return nil
}

// unsized hides the store's BatchSize.
type unsized struct{ *batches }

func (unsized) BatchSize() {}

// TestBatchByStore imports 1,200 articles with no batch size given: in
// the store's batches (SQLite: 5,000, so one), or DefaultBatch when the
// store names none; and in the size given when one is.
func TestBatchByStore(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	for i := range 1200 {
		if err := transfer.WriteRecord(&b, graphtest.Synthetic(i)); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "facts.jsonl")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		sized bool
		batch int
		want  []int
	}{
		{"the store's", true, 0, []int{1200}},
		{"the default", false, 0, []int{loader.DefaultBatch, 1200 - loader.DefaultBatch}},
		{"given", true, 500, []int{500, 500, 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &batches{Store: openStore(t)}
			var store graph.Store = s
			if !tc.sized {
				store = unsized{s}
			}
			r, err := loader.Import(t.Context(), store, []string{file}, loader.Options{Batch: tc.batch})
			if err != nil || len(r.Failures) > 0 || r.Articles != 1200 {
				t.Fatalf("%d articles, failures %v, err %v", r.Articles, r.Failures, err)
			}
			if !slices.Equal(s.sizes, tc.want) {
				t.Errorf("batches of %v, want %v", s.sizes, tc.want)
			}
		})
	}
}
