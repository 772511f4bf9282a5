package main

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// watchArticle names a company only an analyst's watch-list knows.
const watchArticle = `Falcon Works and Oman sign port deal | Example Wire
Published: 2026-03-02

Oman signed an agreement with Falcon Works on port logistics in Muscat on 2 March 2026.
`

// TestExportImport goes through the command as a user would: import with
// a watch-list, export as JSON Lines, import the export into an empty
// store without the watch-list (the facts come as stored, nothing is
// extracted again), export again: the same bytes, the same counts, and
// importing the export once more changes nothing.
func TestExportImport(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	art := filepath.Join(dir, "falcon.txt")
	os.WriteFile(art, []byte(watchArticle), 0o644)
	if code, out, errs := runLoader(t, "", "import", "-q", "--db", src, "--gazetteer", "../../loader/gazetteer/testdata/watchlist.yaml", "../../seeds", art); code != exitOK {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	// An analyst's merge goes into the export after the articles.
	curation := filepath.Join(dir, "curation.yaml")
	os.WriteFile(curation, []byte("- op: merge\n  into: Rheinmetall\n  from: Barzan Holdings\n  reason: a test\n"), 0o644)
	if code, _, errs := runLoader(t, "", "correct", "--db", src, curation); code != exitOK {
		t.Fatal(errs)
	}
	code, exported, errs := runLoader(t, "", "export", "--db", src)
	if code != exitOK || !strings.HasPrefix(errs, "exported 2 articles: ") || !strings.Contains(errs, ", 1 correction to") {
		t.Fatalf("export: exit %d, stderr %q", code, errs)
	}
	if !strings.Contains(exported, `{"alaqat":"correction/1","op":"merge","target":"org:rheinmetall","source":"org:barzan-holdings"`) {
		t.Errorf("the export lacks the merge:\n%s", exported[strings.LastIndex(exported[:len(exported)-1], "\n")+1:])
	}
	if !strings.Contains(exported, `"org:falcon-works"`) {
		t.Fatalf("the export lacks the watch-list's company:\n%.500s", exported)
	}
	file := filepath.Join(dir, "alaqat.jsonl")
	os.WriteFile(file, []byte(exported), 0o644)

	code, out, errs := runLoader(t, "", "import", "-q", "--db", dst, file)
	if code != exitOK || !strings.HasPrefix(out, "imported 2 articles: ") || !strings.Contains(out, "; 1 correction;") {
		t.Fatalf("importing the export: exit %d\n%s%s", code, out, errs)
	}
	_, again, _ := runLoader(t, "", "export", "--db", dst)
	if again != exported {
		t.Errorf("the imported store exports other lines:\n%.300s\nwant\n%.300s", again, exported)
	}
	_, want, _ := runLoader(t, "", "stats", "--db", src)
	if _, got, _ := runLoader(t, "", "stats", "--db", dst); got != want {
		t.Errorf("stats after the round trip:\n%s\nwant\n%s", got, want)
	}
	// From standard input, a second time: nothing changes.
	code, out, _ = runLoader(t, exported, "import", "-q", "--db", dst, "-")
	if code != exitOK || !strings.HasPrefix(out, "imported 0 articles: ") || !strings.Contains(out, "; 2 unchanged;") {
		t.Errorf("importing the export again: exit %d, %q", code, out)
	}
}

// TestImportBadFacts: a bad line of a facts file is a failure naming the
// file and line; the other lines are imported.
func TestImportBadFacts(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if code, _, errs := runLoader(t, "", "import", "-q", "--db", src, "../../seeds"); code != exitOK {
		t.Fatal(errs)
	}
	_, good, _ := runLoader(t, "", "export", "--db", src)
	broken := strings.Replace(good, `"start":`, `"start":-`, 1)
	file := filepath.Join(dir, "bad.jsonl")
	lines := good + "{\"alaqat\":\"facts/1\",\"article\":{\"id\":\"article:x\"}}\n" + "{\"alaqat\":\"facts/1\"\n" + broken
	os.WriteFile(file, []byte(lines), 0o644)
	code, out, errs := runLoader(t, "", "import", "-q", "--db", filepath.Join(dir, "dst.db"), file)
	if code != exitFailed || !strings.HasPrefix(out, "imported 1 article: ") {
		t.Errorf("exit %d, stdout %q", code, out)
	}
	for _, want := range []string{
		file + ":2: article article:x has no text\n",
		file + ":3: unexpected end of JSON input\n",
		file + ":4: evidence for",
		"loader import: 3 failures",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

// TestCopy copies a store into a new SQLite file twice: the second copy
// changes nothing. Bad flags are usage errors.
func TestCopy(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	if code, _, errs := runLoader(t, "", "import", "-q", "--db", src, "../../seeds"); code != exitOK {
		t.Fatal(errs)
	}
	// An analyst's correction travels with the articles.
	curation := filepath.Join(dir, "curation.yaml")
	os.WriteFile(curation, []byte("- op: alias\n  entity: QA\n  name: دولة قطر المثال\n"), 0o644)
	if code, _, errs := runLoader(t, "", "correct", "--db", src, curation); code != exitOK {
		t.Fatal(errs)
	}
	code, out, errs := runLoader(t, "", "copy", "--from", src, "--to", dst)
	if code != exitOK || !strings.HasPrefix(out, "copied 1 article and 1 correction; 0 unchanged; 0 failed\n") {
		t.Fatalf("copy: exit %d\n%s%s", code, out, errs)
	}
	lines := strings.Split(out, "\n")
	if from, to := strings.TrimPrefix(lines[1], "from"), strings.TrimPrefix(lines[2], "to  "); from != to || !strings.Contains(from, " 1 articles, 2 country") {
		t.Errorf("counts differ after a copy:\n%s", out)
	}
	if _, out, _ := runLoader(t, "", "copy", "--from", src, "--to", dst, "-v"); !strings.Contains(out, "unchanged article:e4dfb2f0b012\ncopied 0 articles and 0 corrections; 1 unchanged; 0 failed\n") {
		t.Errorf("second copy: %q", out)
	}
	if code, out, _ := runLoader(t, "", "correct", "--db", dst, curation); code != exitOK || !strings.Contains(out, "0 applied, 1 already in force") {
		t.Errorf("the correction is not in force in the copy: %q", out)
	}
	// The copy holds the facts as the source stored them: importing the
	// seed into it again finds it unchanged.
	if _, out, _ := runLoader(t, "", "import", "-q", "--db", dst, "../../seeds"); !strings.Contains(out, "imported 0 articles") || !strings.Contains(out, "; 1 unchanged;") {
		t.Errorf("importing the seed into the copy: %q", out)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no destination", []string{"--from", src}, exitUsage, "both --from and --to are needed"},
		{"same store", []string{"--from", src, "--to", src}, exitUsage, "name the same store"},
		{"missing source", []string{"--from", filepath.Join(dir, "typo.db"), "--to", dst}, exitFatal, "no such store"},
		{"stray argument", []string{"--from", src, "--to", dst, "extra"}, exitUsage, "unknown command \"extra\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runLoader(t, "", append([]string{"copy"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tc.code, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Error("copy from a missing file created it")
	}
}

// TestExportGraphML checks the GraphML against the schema's rules: every
// key declared before the graph, with a valid domain and type; every data
// element naming a key of its element's domain with a value of its type;
// unique node ids; edges between declared nodes.
func TestExportGraphML(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if code, _, errs := runLoader(t, "", "import", "-q", "--db", src, "../../seeds"); code != exitOK {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "out")
	if code, _, errs := runLoader(t, "", "export", "--db", src, "--format", "graphml", "--out", out); code != exitOK {
		t.Fatal(errs)
	}
	data, err := os.ReadFile(filepath.Join(out, "alaqat.graphml"))
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ domain, typ string }
	keys := map[string]key{}
	nodes := map[string]bool{}
	var elem []string // open elements
	var dataKey string
	var seenGraph bool
	var nodeCount, edgeCount, arabic int
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			attr := map[string]string{}
			for _, a := range x.Attr {
				attr[a.Name.Local] = a.Value
			}
			if x.Name.Space != "http://graphml.graphdrawing.org/xmlns" {
				t.Errorf("<%s> is outside the GraphML namespace", x.Name.Local)
			}
			switch x.Name.Local {
			case "key":
				if seenGraph {
					t.Errorf("key %s declared after the graph", attr["id"])
				}
				if !strings.Contains(" node edge graph all ", " "+attr["for"]+" ") || !strings.Contains(" boolean int long float double string ", " "+attr["attr.type"]+" ") {
					t.Errorf("key %v: bad for or attr.type", attr)
				}
				if _, dup := keys[attr["id"]]; dup {
					t.Errorf("key %s declared twice", attr["id"])
				}
				keys[attr["id"]] = key{attr["for"], attr["attr.type"]}
			case "graph":
				seenGraph = true
				if attr["edgedefault"] != "directed" {
					t.Errorf("edgedefault %q", attr["edgedefault"])
				}
			case "node":
				if nodes[attr["id"]] {
					t.Errorf("node %s twice", attr["id"])
				}
				nodes[attr["id"]] = true
				nodeCount++
			case "edge":
				if !nodes[attr["source"]] || !nodes[attr["target"]] {
					t.Errorf("edge %s joins undeclared nodes %s → %s", attr["id"], attr["source"], attr["target"])
				}
				edgeCount++
			case "data":
				k, ok := keys[attr["key"]]
				parent := elem[len(elem)-1]
				if !ok || (k.domain != parent && k.domain != "all") {
					t.Errorf("data key %q inside <%s> is not declared for it", attr["key"], parent)
				}
				dataKey = attr["key"]
			}
			elem = append(elem, x.Name.Local)
		case xml.CharData:
			if len(elem) > 0 && elem[len(elem)-1] == "data" {
				v := string(x)
				if k := keys[dataKey]; k.typ == "int" && strings.Trim(v, "0123456789-") != "" {
					t.Errorf("data %s = %q is not an int", dataKey, v)
				}
				if dataKey == "name_ar" && v != "" {
					arabic++
				}
			}
		case xml.EndElement:
			elem = elem[:len(elem)-1]
		}
	}
	// The seed: 14 entities and 18 relations (see loader stats).
	if nodeCount != 14 || edgeCount != 18 || arabic == 0 {
		t.Errorf("%d nodes, %d edges, %d Arabic names; want 14, 18 and some", nodeCount, edgeCount, arabic)
	}
	for _, want := range []string{`<node id="country:QA"><data key="label">Qatar</data><data key="kind">country</data>`, `<data key="name_ar">قطر`, `<data key="e_label">Minister of Interior</data>`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("the GraphML lacks %s", want)
		}
	}
}

// TestExportCSV checks the files for neo4j-admin: the header format,
// every relationship between declared ids, counts as the store's.
func TestExportCSV(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src.db")
	if code, _, errs := runLoader(t, "", "import", "-q", "--db", src, "../../seeds"); code != exitOK {
		t.Fatal(errs)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"csv without a folder", []string{"--db", src, "--format", "csv"}, exitUsage, "name a folder with --out"},
		{"unknown format", []string{"--db", src, "--format", "xlsx"}, exitUsage, `unknown --format "xlsx"`},
		{"missing store", []string{"--db", filepath.Join(dir, "typo.db")}, exitFatal, "no such store"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runLoader(t, "", append([]string{"export"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errs, tc.code, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "typo.db")); err == nil {
		t.Error("export of a missing file created it")
	}
	out := filepath.Join(dir, "csv")
	if code, _, errs := runLoader(t, "", "export", "--db", src, "--format", "csv", "--out", out); code != exitOK {
		t.Fatal(errs)
	}
	read := func(name string) [][]string {
		f, err := os.Open(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return recs
	}
	ids := map[string]bool{}
	for _, tc := range []struct {
		file, header string
		rows         int
	}{
		{"nodes.csv", "id:ID,:LABEL,name,names:string[],nameLangs:string[],iso2,iso3,orgKind,title,agreementKind,date,dateSort:long,topics:string[],evidence:int,articles:int", 14},
		{"articles.csv", "id:ID,:LABEL,url,title,source,published,lang,text", 1},
		{"relationships.csv", ":START_ID,:END_ID,:TYPE,title,since,evidence:int,articles:int", 18},
		{"evidence.csv", ":START_ID,:END_ID,:TYPE,fact,quote,start:int,end:int", 39},
	} {
		recs := read(tc.file)
		if got := strings.Join(recs[0], ","); got != tc.header {
			t.Errorf("%s: header %s, want %s", tc.file, got, tc.header)
		}
		if len(recs)-1 != tc.rows {
			t.Errorf("%s: %d rows, want %d", tc.file, len(recs)-1, tc.rows)
		}
		for _, r := range recs[1:] {
			if strings.HasSuffix(recs[0][0], ":ID") {
				ids[r[0]] = true
			} else if !ids[r[0]] || !ids[r[1]] {
				t.Errorf("%s: %s → %s joins an id no node file declares", tc.file, r[0], r[1])
			}
		}
	}
	script, err := os.ReadFile(filepath.Join(out, "import.sh"))
	if err != nil || !bytes.Contains(script, []byte("--array-delimiter=';'")) {
		t.Errorf("import.sh: %v\n%s", err, script)
	}
}
