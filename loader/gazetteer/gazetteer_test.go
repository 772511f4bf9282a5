package gazetteer

import (
	"testing"

	"github.com/alaqat/alaqat/loader/arabic"
)

func TestEmbeddedDataLoads(t *testing.T) {
	g := Default()
	if n := len(g.Countries); n < 195 {
		t.Errorf("%d countries, want every state", n)
	}
	for iso, c := range g.Countries {
		if len(c.ISO3) != 3 || len(c.NamesAR) == 0 || len(c.NamesEN) == 0 {
			t.Errorf("country %s lacks a code or a name", iso)
		}
	}
	for id, o := range g.Organizations {
		if o.Country != "" && g.Countries[o.Country] == nil {
			t.Errorf("organization %s: unknown country %q", id, o.Country)
		}
	}
	for id, p := range g.Persons {
		if p.Country != "" && g.Countries[p.Country] == nil {
			t.Errorf("person %s: unknown country %q", id, p.Country)
		}
	}
}

func TestMatch(t *testing.T) {
	g := Default()
	for _, tc := range []struct {
		text  string
		typ   EntryType
		iso   string
		words int
	}{
		{"وبالدوحة", City, "QA", 1},
		{"وألمانيا", CountryName, "DE", 1},
		{"الألماني", Demonym, "DE", 1},
		{"جمهورية ألمانيا الاتحادية", CountryName, "DE", 3},
		{"Qatar's", CountryName, "QA", 1},
		{"US firm", CountryName, "US", 1},
		{"وزير الداخلية", OfficeTitle, "", 2},
		{"راينميتال", OrganizationName, "DE", 1},
	} {
		toks := arabic.Tokenize(tc.text)
		entries, n := g.Match(toks, 0)
		if n != tc.words || len(entries) == 0 {
			t.Errorf("Match(%q) = %d words, want %d", tc.text, n, tc.words)
			continue
		}
		e := entries[0]
		for _, x := range entries {
			if x.Type == tc.typ {
				e = x
			}
		}
		if e.Type != tc.typ || (tc.iso != "" && (e.Country == nil || e.Country.ISO2 != tc.iso)) {
			t.Errorf("Match(%q) = %+v, want type %d of %s", tc.text, e, tc.typ, tc.iso)
		}
	}
	// Lower-case "us" is a pronoun, not the United States.
	if _, n := g.Match(arabic.Tokenize("let us go"), 1); n != 0 {
		t.Error(`"us" matched as a country`)
	}
}
