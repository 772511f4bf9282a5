package eval

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files (they come from shared/eval/score.py --pred; regenerate them with it)")

// TestNorm checks the folding against what the scorer's norm() returns.
func TestNorm(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"الشيخ أحمد بن علي", "الشيخ احمد بن علي"},
		{"Sheikh  Tamim (Al-Thani)", "sheikh tamim al thani"},
		{"İbrahim", "i\u0307brahim"}, // Python's full lower-case mapping
		{"ΟΔΥΣΣΕΥΣ", "οδυσσευς"},     // final sigma
		{"مُحَمَّد", "محمد"},
		{"إسـلام", "اسلام"},
		{"ﬁnance", "finance"}, // NFKC
		{"Foo_bar-baz", "foo bar baz"},
		{"“Quoted”, «Arabic»؛ x؟", "quoted arabic x"},
		{"\x1cA\x1fB", "a b"}, // Python splits on information separators
		{"", ""},
	} {
		if got := Norm(tc.in); got != tc.want {
			t.Errorf("Norm(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestNameSim checks similarities against the scorer's name_sim().
func TestNameSim(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		noise bool
		want  float64
	}{
		{"Ahmed Ali", "Sheikh Ahmed Ali", false, 1},
		{"Ali", "Ahmed Ali", false, 0.9},
		{"Ali", "Ahmed Ali Omar", false, 0.9},
		{"Falcon Works Ltd", "The Falcon Works", true, 1},
		{"Barzan", "Barzan Holdings", true, 1},
		{"Barzan", "Barzan Holdings", false, 0.9},
		{"a b c d", "a b x y", false, 1.0 / 3},
		{"Minister", "Minister", false, 0}, // nothing left once honorifics go
		{"أحمد علي", "احمد علي", false, 1},
		{"Omar bin Zayed", "Zayed bin Omar", false, 1},
		{"Omar bin Zayed", "Khalid", false, 0},
	} {
		var noise map[string]bool
		if tc.noise {
			noise = orgNoise
		}
		if got := NameSim([]string{tc.a}, []string{tc.b}, noise); got != tc.want {
			t.Errorf("NameSim(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestCountryCode(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"qa", "QA", true},
		{"COUNTRY:de", "DE", true},
		{"Country:TR", "TR", true},
		{"ıs", "IS", true}, // Python's case-insensitive [a-z] takes dotless i
		{"Qatar", "", false},
		{"country:", "", false},
		{"q1", "", false},
	} {
		got, ok := countryCode(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("countryCode(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestPRF(t *testing.T) {
	for _, tc := range []struct {
		t       Tally
		p, r, f float64
	}{
		{Tally{}, 1, 1, 1},
		{Tally{FN: 2}, 0, 0, 0},
		{Tally{FP: 2}, 0, 1, 0},
		{Tally{TP: 1, FP: 1, FN: 3}, 0.5, 0.25, 1.0 / 3},
	} {
		p, r, f := tc.t.PRF()
		if p != tc.p || r != tc.r || f-tc.f > 1e-15 || tc.f-f > 1e-15 {
			t.Errorf("%+v: %v %v %v, want %v %v %v", tc.t, p, r, f, tc.p, tc.r, tc.f)
		}
	}
}

// TestGreedyMatchTies checks that equal similarities go to the later gold
// item first, as the scorer's reverse sort of (s, i, j) does.
func TestGreedyMatchTies(t *testing.T) {
	got := greedyMatch(2, 2, func(i, j int) float64 {
		if j == 0 {
			return 1
		}
		return 0.6
	}, 0.5)
	want := [][2]int{{1, 0}, {0, 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("greedyMatch = %v, want %v", got, want)
	}
}

func TestPyFloat3(t *testing.T) {
	for x, want := range map[float64]string{1: "1.0", 0: "0.0", 2.0 / 3: "0.667", 0.0625: "0.062", 0.8: "0.8", 0.0005: "0.001"} {
		if got := pyFloat3(x); got != want {
			t.Errorf("pyFloat3(%v) = %s, want %s", x, got, want)
		}
	}
}

// TestWriteAsScorer scores folders of gold files and predictions of ours
// and compares the output with what shared/eval/score.py --pred --json
// printed for them: hand-written articles with the cases the rules turn
// on, and random documents mixing spellings, codes and odd values.
func TestWriteAsScorer(t *testing.T) {
	for _, name := range []string{"hand", "random"} {
		t.Run(name, func(t *testing.T) {
			gold, pred := filepath.Join("testdata", "gold"), filepath.Join("testdata", "pred")
			if name == "random" {
				gold, pred = filepath.Join("testdata", "random", "gold"), filepath.Join("testdata", "random", "pred")
			}
			res, err := Evaluate(gold, func(path string) (Doc, error) {
				return ReadDoc(filepath.Join(pred, strings.TrimSuffix(filepath.Base(path), ".txt")+".json"))
			})
			if err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			if err := res.Write(&out, &errb, false, true); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".golden.txt")
			if *update {
				os.WriteFile(golden, out.Bytes(), 0o644)
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != string(want) {
				t.Errorf("output differs from the scorer's:\n%s\nwant:\n%s", out.String(), want)
			}
			if res.Failed() != 1 || !strings.Contains(errb.String(), "FAILED") {
				t.Errorf("failed = %d, stderr %q; want the one article without a prediction", res.Failed(), errb.String())
			}
		})
	}
}

func TestBadGold(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.json"), []byte("{\"countries\": [],\n \"persons\": [,]}"), 0o644)
	_, err := Evaluate(dir, func(string) (Doc, error) { return Doc{}, nil })
	if err == nil || !strings.Contains(err.Error(), "a.json: line 2") {
		t.Errorf("bad gold file: %v, want its name and line", err)
	}
	os.WriteFile(filepath.Join(dir, "a.json"), []byte(`"just a string"`), 0o644)
	if _, err := Evaluate(dir, func(string) (Doc, error) { return Doc{}, nil }); err == nil || !strings.Contains(err.Error(), "not a JSON object") {
		t.Errorf("gold not an object: %v", err)
	}
}

// FuzzScore checks that any pair of JSON documents scores without a panic
// and with counts that add up: go test -fuzz FuzzScore ./loader/eval
func FuzzScore(f *testing.F) {
	for _, name := range []string{"en-harbour", "ar-visit"} {
		g, _ := os.ReadFile(filepath.Join("testdata", "gold", name+".json"))
		p, _ := os.ReadFile(filepath.Join("testdata", "pred", name+".json"))
		f.Add(g, p)
	}
	f.Add([]byte(`{"persons": [{"names": "İ"}, 3], "agreements": [{"parties": [{"iso2": 5}, "country:ıs"], "year": "2_0"}]}`),
		[]byte(`[{"meetings": [{"participants": [{"name": 1}, null]}], "countries": ["qa", {"id": "x"}]}]`))
	f.Fuzz(func(t *testing.T, gold, pred []byte) {
		g, err := DecodeDoc(gold)
		if err != nil {
			return
		}
		p, err := DecodeDoc(pred)
		if err != nil {
			return
		}
		totals := NewTotals()
		row := Score(g, p, totals)
		for k, c := range row {
			if c[0] < 0 || c[0] > c[1] || c[0] > c[2] {
				t.Errorf("%s: %d matched of %d gold and %d predicted", k, c[0], c[1], c[2])
			}
		}
		for k, tl := range totals {
			if tl.TP < 0 || tl.FP < 0 || tl.FN < 0 {
				t.Errorf("%s: %+v", k, *tl)
			}
		}
	})
}

// TestSeveralFolders scores two folders whose files have the same names
// together: every article counts once per folder, under its folder's name.
func TestSeveralFolders(t *testing.T) {
	gold, pred := filepath.Join("testdata", "gold"), filepath.Join("testdata", "pred")
	predict := func(path string) (Doc, error) {
		return ReadDoc(filepath.Join(pred, strings.TrimSuffix(filepath.Base(path), ".txt")+".json"))
	}
	one, err := Evaluate(gold, predict)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	var dirs []string
	for _, set := range []string{"dev", "dev2"} {
		dir := filepath.Join(root, set)
		os.Mkdir(dir, 0o755)
		files, _ := os.ReadDir(gold)
		for _, f := range files {
			b, _ := os.ReadFile(filepath.Join(gold, f.Name()))
			os.WriteFile(filepath.Join(dir, f.Name()), b, 0o644)
		}
		dirs = append(dirs, dir)
	}
	both, err := EvaluateAll(dirs, predict)
	if err != nil {
		t.Fatal(err)
	}
	if len(both.Articles) != 2*len(one.Articles) || both.Articles[0].Name != "dev-"+one.Articles[0].Name || both.Articles[len(one.Articles)].Name != "dev2-"+one.Articles[0].Name {
		t.Errorf("articles %d (%s, …), want %d prefixed with their folders", len(both.Articles), both.Articles[0].Name, 2*len(one.Articles))
	}
	for _, k := range Kinds {
		o, b := *one.Totals[k], *both.Totals[k]
		if b.TP != 2*o.TP || b.FN != 2*o.FN || b.FP != 2*o.FP {
			t.Errorf("%s: %+v, want twice %+v", k, b, o)
		}
	}
	if _, err := EvaluateAll([]string{gold, filepath.Join(root, "missing")}, predict); err == nil {
		t.Error("a missing folder: no error")
	}
}
