package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/loader/arabic"
)

// TestWatchList loads the example watch-lists and finds what they add.
func TestWatchList(t *testing.T) {
	for _, file := range []string{"testdata/watchlist.yaml", "testdata/watchlist.json"} {
		t.Run(file, func(t *testing.T) {
			g, err := WithExtraPath(file)
			if err != nil {
				t.Fatal(err)
			}
			p := g.PersonNamed("سعيد الحارثي")
			if p == nil || p.ID != "said-al-harthy" || p.Country != "OM" || p.Office != "Minister of Transport" {
				t.Errorf("person = %+v", p)
			}
			o := g.Organizations["falcon-works"]
			if o == nil || o.Kind != "company" || o.Country != "OM" || len(o.NamesAR) != 1 {
				t.Errorf("organization = %+v", o)
			}
			if e := g.match(t, "فالكون ووركس"); e == nil || e.Type != OrganizationName || e.Country == nil || e.Country.ISO2 != "OM" {
				t.Errorf("Match(فالكون ووركس) = %+v", e)
			}
		})
	}
	g, err := WithExtraPath("testdata/watchlist.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if p := g.Persons["kenji-mori"]; p == nil || p.Country != "JP" || len(p.NamesAR) != 1 {
		t.Errorf("a person whose country is a name, names in both scripts: %+v", p)
	}
	if o := g.Organizations["nippon-dredge"]; o == nil || o.Country != "JP" {
		t.Errorf("an organization whose country is an ISO3 code: %+v", o)
	}
	for text, want := range map[string]EntryType{"Sultanate of Oman": CountryName, "سلطنة عُمان": CountryName, "Duqm": City, "الدقم": City, "Ports Minister": OfficeTitle} {
		if e := g.match(t, text); e == nil || e.Type != want || (want != OfficeTitle && e.Country.ISO2 != "OM") {
			t.Errorf("Match(%q) = %+v, want type %d", text, e, want)
		}
	}
	if om := g.Countries["OM"]; om.ISO3 != "OMN" || !strings.Contains(strings.Join(om.NamesEN, ";"), "Oman;") {
		t.Errorf("Oman lost what it had: %+v", om)
	}
	// The built-in gazetteer is left alone.
	if Default().Organizations["falcon-works"] != nil {
		t.Error("the watch-list leaked into the default gazetteer")
	}
}

// match returns the entry of the given text read whole, or nil.
func (g *Gazetteer) match(t *testing.T, text string) *Entry {
	t.Helper()
	toks := arabic.Tokenize(text)
	entries, n := g.Match(toks, 0)
	if len(entries) == 0 || n != len(toks) {
		return nil
	}
	return &entries[len(entries)-1]
}

// TestBadWatchList checks that each problem is named by file, line and
// field, and that a bad file adds nothing.
func TestBadWatchList(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
	}{
		{"syntax.yaml", "persons:\n  - names_en: [A B\n", "syntax.yaml:2: "},
		{"tab.yaml", "persons:\n\t- names_en: [A]\n", "tab.yaml:2: "},
		{"json.json", "{\"persons\": [{\"names_en\": [\"A\"]}\n", "json.json:"},
		{"list.yaml", "- a\n- b\n", "list.yaml:1: want one mapping of persons, organizations, offices and countries"},
		{"section.yaml", "people:\n  - names_en: [A]\n", "section.yaml:1: people: unknown section"},
		{"notlist.yaml", "persons:\n  names_en: [A]\n", "notlist.yaml:2: persons: want a list"},
		{"field.yaml", "persons:\n  - names_en: [A]\n  - names_en: [B]\n    ofice: Minister\n", "field.yaml:4: persons[2]: "},
		{"type.yaml", "persons:\n  - names_en: {a: 1}\n", "type.yaml:2: persons[1]: "},
		{"noname.yaml", "persons:\n  - names_en: [Zed Watchlisted]\n  - office: Minister\n    country: OM\n", "noname.yaml:3: persons[2].names_en: a person needs an English name"},
		{"arabic-only.yaml", "persons:\n  - names: [سعيد]\n", "arabic-only.yaml:2: persons[1].names_en: a person needs an English name"},
		{"country.yaml", "organizations:\n  - names: [Falcon]\n    kind: company\n    country: Atlantis\n", `country.yaml:2: organizations[1].country: unknown country "Atlantis"`},
		{"kind.yaml", "organizations:\n  - names: [Falcon]\n    kind: planet\n", `kind.yaml:2: organizations[1].kind: unknown kind "planet"`},
		{"semicolon.yaml", "organizations:\n  - names: [\"A; B\"]\n    kind: company\n", `semicolon.yaml:2: organizations[1].names: bad name "A; B"`},
		{"iso.yaml", "countries:\n  - iso2: Oman\n", `iso.yaml:2: countries[1].iso2: a country needs its two-letter ISO code, not "Oman"`},
		{"new-country.yaml", "countries:\n  - iso2: ZZ\n    names_en: [Zedland]\n", "new-country.yaml:2: countries[1].names: ZZ is not a country the gazetteer knows"},
		{"office.yaml", "offices:\n  - forms_en: [Port Chief]\n", "office.yaml:2: offices[1].title: an office needs a title"},
		{"dup.yaml", "persons:\n  - names_en: [A]\n    names_en: [B]\n", "dup.yaml:3: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := WithExtra(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			before := len(g.Persons)
			err = g.AddWatchList(tc.name, []byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("error on several lines: %q", err)
			}
			if len(g.Persons) != before {
				t.Errorf("a bad file added %d persons", len(g.Persons)-before)
			}
		})
	}
}

func TestWatchListFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "organizations.tsv"), []byte("id\tkind\tcountry\tnames_en\tnames_ar\nsea-line\tcompany\tOM\tSea Line\t\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "people.yml"), []byte("persons:\n  - names_en: [Kenji Mori]\n    country: JP\n"), 0o644)
	g, err := WithExtraPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	if g.Organizations["sea-line"] == nil || g.Persons["kenji-mori"] == nil {
		t.Error("a folder's TSV and YAML files are both read")
	}
	if _, err := WithExtraPath(filepath.Join(dir, "organizations.tsv")); err == nil || !strings.Contains(err.Error(), "want a .yaml") {
		t.Errorf("a lone TSV file: %v", err)
	}
	if _, err := WithExtraPath(filepath.Join(dir, "none.yaml")); err == nil || !strings.Contains(err.Error(), "none.yaml") {
		t.Errorf("a missing file: %v", err)
	}
}

// FuzzWatchList checks that any file is either read or refused with a
// one-line error naming it, never a panic, and that a refused file adds
// nothing: go test -fuzz FuzzWatchList ./loader/gazetteer
func FuzzWatchList(f *testing.F) {
	for _, file := range []string{"testdata/watchlist.yaml", "testdata/watchlist.json"} {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("persons:\n  - names: [&a A, *a]\n    country: !!str OM\n"))
	f.Add([]byte("countries:\n  - iso2: om\n    cities_ar: [x, y]\n---\npersons: []\n"))
	f.Add([]byte("organizations: ~\noffices:\n  - {title: T, forms_en: [\"\"]}\n"))
	dir := f.TempDir()
	base, err := WithExtra(dir)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		// A gazetteer of its own for each input: a refused file must
		// leave it as it was.
		g, err := WithExtra(dir)
		if err != nil {
			t.Fatal(err)
		}
		err = g.AddWatchList("fuzz.yaml", src)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "gazetteer: fuzz.yaml:") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q", err)
			}
			if len(g.Persons) != len(base.Persons) || len(g.Organizations) != len(base.Organizations) || len(g.Offices) != len(base.Offices) {
				t.Error("a refused file added entries")
			}
		}
	})
}
