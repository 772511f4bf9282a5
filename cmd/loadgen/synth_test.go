package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/sqlite"
)

// TestWorld checks the synthetic articles: each valid, the same for the
// same seed, different for another, and the shape the load test relies on
// (Qatar the most reported, Qatar–Germany agreements, Barzan and
// Rheinmetall among the companies, ministers named again and again).
func TestWorld(t *testing.T) {
	w := newWorld(200)
	if len(w.countries) != 200 {
		t.Fatalf("%d countries, want 200", len(w.countries))
	}
	codes := map[string]bool{}
	for _, c := range w.countries {
		if len(c.code) != 2 || strings.Trim(c.code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" || codes[c.code] {
			t.Fatalf("country code %q is not a distinct ISO-like code", c.code)
		}
		codes[c.code] = true
	}
	mentions := map[string]int{}
	persons := map[string]int{}
	var dyad int
	names := map[string]bool{}
	for i := range 3000 {
		f := w.article(1, i)
		if err := f.Validate(); err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		if i < 20 && f.Hash() != w.article(1, i).Hash() {
			t.Fatalf("article %d differs between two draws of the same seed", i)
		}
		if i < 20 && f.Hash() == w.article(2, i).Hash() {
			t.Fatalf("article %d is the same for seeds 1 and 2", i)
		}
		var qa, de bool
		for _, n := range f.Nodes {
			switch n.Kind {
			case graph.KindCountry:
				mentions[n.ID]++
				qa, de = qa || n.ID == "country:QA", de || n.ID == "country:DE"
			case graph.KindPerson:
				persons[n.ID]++
			case graph.KindOrganization:
				names[n.Name] = true
			}
		}
		for _, n := range f.Nodes {
			if n.Kind == graph.KindAgreement && qa && de {
				dyad++
			}
		}
	}
	for id, n := range mentions {
		if n > mentions["country:QA"] {
			t.Errorf("%s is mentioned %d times, more than Qatar (%d)", id, n, mentions["country:QA"])
		}
	}
	if dyad < 5 {
		t.Errorf("%d Qatar–Germany agreements in 3,000 articles, want a hot dyad", dyad)
	}
	if !names["Barzan"] || !names["Rheinmetall"] {
		t.Errorf("Barzan or Rheinmetall missing among the companies")
	}
	if len(persons) > 3000 {
		t.Errorf("%d distinct ministers in 3,000 articles: articles should name the same ones again", len(persons))
	}
}

// TestSeed seeds a SQLite store in batches and checks what it holds.
func TestSeed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seed.db")
	var out, errs bytes.Buffer
	if err := seed(context.Background(), []string{"--db", path, "--articles", "250", "--batch", "100"}, &out, &errs); err != nil {
		t.Fatalf("seed: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "seeded 250 articles") {
		t.Errorf("seed said %q", out.String())
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 250 || c.Nodes[graph.KindCountry] < 20 {
		t.Errorf("after seeding 250 articles: %+v", c)
	}
	g := graph.New(s)
	p, err := g.Agreements(context.Background(), graph.AgreementFilter{Between: []string{"QA", "DE"}}, graph.DateAsc, 20, "")
	if err != nil || p.Total == 0 {
		t.Errorf("Qatar–Germany agreements: %d, %v; want some", p.Total, err)
	}
}

func TestSeedFlags(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--db", filepath.Join(t.TempDir(), "x.db"), "--articles", "-1"},
		{"--db", filepath.Join(t.TempDir(), "x.db"), "--countries", "1"},
	} {
		var out, errs bytes.Buffer
		if err := seed(context.Background(), args, &out, &errs); err == nil {
			t.Errorf("seed %q: no error", args)
		}
	}
}
