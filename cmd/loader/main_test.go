package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runLoader(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"import", "--help"}, {"extract", "--help"}, {"delete", "--help"}, {"stats", "--help"}, {"eval", "--help"}, {"help", "gazetteer"}} {
		code, out, errs := runLoader(t, "", args...)
		if code != exitOK || !strings.Contains(out+errs, "xample") {
			t.Errorf("%v: exit %d, output lacks an example:\n%s%s", args, code, out, errs)
		}
	}
	if code, _, _ := runLoader(t, "", "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: exit %d, want %d", code, exitUsage)
	}
	if code, _, _ := runLoader(t, ""); code != exitUsage {
		t.Errorf("no command: exit %d, want %d", code, exitUsage)
	}
}

func TestImportExitStatus(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)

	binary := filepath.Join(dir, "photo.txt")
	os.WriteFile(binary, []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), 0o644)
	feed := filepath.Join(dir, "feed.xml")
	os.WriteFile(feed, []byte("<rss><channel><item><title>Oman and Japan</title><description>Oman and Japan signed an agreement on trade.</description></item><item><title>empty</title></item></channel></rss>"), 0o644)
	lines := filepath.Join(dir, "lines.jsonl")
	os.WriteFile(lines, []byte("{\"text\": \"Oman and Japan signed an agreement on trade.\"}\n{\"text\": 3\n"), 0o644)

	code, out, errs := runLoader(t, "", "import", "--db", db, "../../seeds", bad, binary, feed, lines)
	if code != exitFailed {
		t.Errorf("exit %d, want %d", code, exitFailed)
	}
	if !strings.HasPrefix(out, "imported 3 articles: ") || !strings.HasSuffix(out, " evidence quotes; 0 replaced; 0 unchanged; 4 failed\n") {
		t.Errorf("stdout %q", out)
	}
	wantErr := "loader import: creating a new store " + db + "\n" +
		"loader import: " + bad + ": line 1: invalid character 'n' looking for beginning of object key string\n" +
		"loader import: " + binary + ": binary file, not text (NUL byte at offset 4)\n" +
		"loader import: " + feed + ": item 2: no article text\n" +
		"loader import: " + lines + ": line 2: unexpected end of JSON input\n" +
		"loader import: 4 failures\n"
	if errs != wantErr {
		t.Errorf("stderr (no progress bar: it is not a terminal)\n%q\nwant\n%q", errs, wantErr)
	}
	code, out, _ = runLoader(t, "", "import", "--db", db, "-v", "../../seeds")
	// The seed was imported above: the second time it is unchanged.
	if code != exitOK || !strings.Contains(out, "imported 0 articles:") || !strings.Contains(out, "; 1 unchanged;") ||
		!strings.Contains(out, "unchanged ../../seeds/000_cdc891ae099bd5bd.txt (article:e4dfb2f0b012)\n") {
		t.Errorf("good import: exit %d, %q", code, out)
	}
	// Standard input.
	code, out, errs = runLoader(t, "Oman and Japan sign deal | Wire\n\nOman and Japan signed an agreement on trade.\n", "import", "--db", db, "-")
	if code != exitOK || !strings.Contains(out, "imported 1 article:") {
		t.Errorf("stdin import: exit %d, %q %q", code, out, errs)
	}
}

func TestDeleteAndStats(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, errs := runLoader(t, "", "import", "--db", db, "../../seeds"); code != exitOK {
		t.Fatalf("import: %s", errs)
	}
	code, out, _ := runLoader(t, "", "stats", "--db", db)
	if code != exitOK || !strings.Contains(out, "articles       1") || !strings.Contains(out, "country        2") {
		t.Errorf("stats: exit %d\n%s", code, out)
	}
	code, _, errs := runLoader(t, "", "delete", "--db", db, "article:e4dfb2f0b012", "article:nope")
	if code != exitFailed || !strings.Contains(errs, "article:nope") {
		t.Errorf("delete with an unknown id: exit %d, %q", code, errs)
	}
	if _, out, _ := runLoader(t, "", "stats", "--db", db); !strings.Contains(out, "articles       0") || !strings.Contains(out, "country        0") {
		t.Errorf("after delete:\n%s", out)
	}
}

func TestAnalystsGazetteer(t *testing.T) {
	dir := t.TempDir()
	gaz := filepath.Join(dir, "gaz")
	os.MkdirAll(gaz, 0o755)
	os.WriteFile(filepath.Join(gaz, "organizations.tsv"), []byte("id\tkind\tcountry\tnames_en\tnames_ar\nfalcon-works\tcompany\tOM\tFalcon Works\tفالكون ووركس\n"), 0o644)
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("Oman deal | Wire\n\nOman signed an agreement with Falcon Works.\n"), 0o644)

	code, out, errs := runLoader(t, "", "extract", "--json", "--gazetteer", gaz, article)
	if code != exitOK || !strings.Contains(out, `"org:falcon-works"`) {
		t.Errorf("with the analysts' gazetteer: exit %d, %s%s", code, out, errs)
	}
	os.WriteFile(filepath.Join(gaz, "organizations.tsv"), []byte("id\tkind\tcountry\tnames_en\tnames_ar\nx\tplanet\t\tX\t\n"), 0o644)
	code, _, errs = runLoader(t, "", "extract", "--json", "--gazetteer", gaz, article)
	if code != exitFatal || !strings.Contains(errs, "organizations.tsv:2") || !strings.Contains(errs, "planet") {
		t.Errorf("a bad gazetteer file: exit %d, %q", code, errs)
	}
}

func TestExtractJSON(t *testing.T) {
	code, out, errs := runLoader(t, "", "extract", "--json", "../../seeds/000_cdc891ae099bd5bd.txt")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Countries []struct {
			ISO2 string `json:"iso2"`
		} `json:"countries"`
		Agreements []struct {
			Parties []string `json:"parties"`
		} `json:"agreements"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(r.Countries) != 2 || len(r.Agreements) == 0 {
		t.Errorf("extract = %+v", r)
	}
	if code, _, errs := runLoader(t, "", "extract", "--json", "no-such-file.txt"); code != exitFailed || !strings.Contains(errs, "no-such-file.txt") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}

func TestEval(t *testing.T) {
	gold := "../../loader/eval/testdata/gold"
	code, out, errs := runLoader(t, "", "eval", "--gold", gold, "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"en-harbour   coun ", "ar-visit     coun ", "\nENTITIES ", "\nRELATIONS ", "articles 4, failed 0\n{\"agreement_year\": {"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Predictions from a folder, one missing: its article fails, exit 1.
	code, out, errs = runLoader(t, "", "eval", "--gold", gold, "--pred", "../../loader/eval/testdata/pred")
	if code != exitFailed || !strings.Contains(errs, "en-missing   FAILED") || !strings.Contains(out, "articles 4, failed 1") {
		t.Errorf("--pred: exit %d\n%s%s", code, out, errs)
	}
	if code, _, _ := runLoader(t, "", "eval"); code != exitUsage {
		t.Errorf("no --gold: exit %d", code)
	}
}

func TestWatchListGazetteer(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("Oman deal | Wire\n\nOman signed an agreement with Falcon Works.\n"), 0o644)
	code, out, errs := runLoader(t, "", "extract", "--json", "--gazetteer", "../../loader/gazetteer/testdata/watchlist.yaml", article)
	if code != exitOK || !strings.Contains(out, `"org:falcon-works"`) {
		t.Errorf("with a watch-list: exit %d, %s%s", code, out, errs)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("organizations:\n  - names: [Falcon Works]\n    kind: planet\n"), 0o644)
	for _, cmd := range [][]string{{"extract", article}, {"import", "--db", filepath.Join(dir, "x.db"), article}, {"eval", "--gold", dir}} {
		code, _, errs = runLoader(t, "", append([]string{cmd[0], "--gazetteer", bad}, cmd[1:]...)...)
		if code != exitFatal || !strings.Contains(errs, bad+":2: organizations[1].kind: unknown kind \"planet\"") {
			t.Errorf("%s with a bad watch-list: exit %d, %q", cmd[0], code, errs)
		}
	}
}

func TestProfileFlags(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("Qatar and Germany\n\nQatar and Germany signed an agreement on energy in Doha."), 0o644); err != nil {
		t.Fatal(err)
	}
	cpu, mem := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "mem.prof")
	if code, _, errs := runLoader(t, "", "extract", article, "--cpuprofile", cpu, "--memprofile", mem); code != exitOK {
		t.Fatalf("extract with profiles: exit %d: %s", code, errs)
	}
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("%s: not written (%v)", f, err)
		}
	}
	code, _, errs := runLoader(t, "", "extract", article, "--cpuprofile", filepath.Join(dir, "missing", "cpu.prof"))
	if code != exitUsage || !strings.Contains(errs, "--cpuprofile") {
		t.Errorf("an unwritable --cpuprofile: exit %d, %q; want %d naming the flag", code, errs, exitUsage)
	}
}
