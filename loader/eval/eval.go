// Package eval scores an extractor against annotated articles: the gold
// format of FORMAT.md (beside this file), with the matching rules and
// figures of the project's reference scorer (score.py, kept with the
// development sets outside the repository), so that "loader eval" and that
// scorer agree to the last digit.
//
// A document (gold or predicted) is JSON decoded into a Doc. Countries
// match by ISO2 code; persons and organizations by their best name
// similarity (NameSim ≥ 0.5, matched greedily from the most similar pair);
// agreements by the overlap of their parties, meetings by the overlap of
// their participants (≥ 0.5). Among matched persons with a gold country,
// person_country counts those whose predicted country is the same; among
// matched agreements with a gold year, agreement_year those whose year is.
package eval

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Doc is one document of the gold format, as decoded from JSON (objects
// are map[string]any, numbers float64).
type Doc = map[string]any

// Kinds are the kinds scored, in the order they are printed.
var Kinds = []string{"countries", "persons", "organizations", "agreements", "meetings", "person_country", "agreement_year"}

// rowKinds are the kinds of a per-article row.
var rowKinds = Kinds[:5]

// Tally counts true positives, false positives and false negatives.
type Tally struct{ TP, FP, FN int }

func (t *Tally) add(tp, nGold, nPred int) {
	t.TP += tp
	t.FN += nGold - tp
	t.FP += nPred - tp
}

// PRF returns precision, recall and F1. With nothing predicted precision
// is 1 if nothing was missed, else 0; with nothing to find recall is 1.
func (t Tally) PRF() (p, r, f float64) {
	switch {
	case t.TP+t.FP > 0:
		p = float64(t.TP) / float64(t.TP+t.FP)
	case t.FN == 0:
		p = 1
	}
	r = 1
	if t.TP+t.FN > 0 {
		r = float64(t.TP) / float64(t.TP+t.FN)
	}
	if p+r != 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// Row is one article's matches per kind: matched, gold, predicted.
type Row map[string][3]int

// Totals are the tallies of every kind over the articles scored.
type Totals map[string]*Tally

// NewTotals returns empty tallies for every kind.
func NewTotals() Totals {
	t := Totals{}
	for _, k := range Kinds {
		t[k] = &Tally{}
	}
	return t
}

// Sum adds up the tallies of kinds.
func (t Totals) Sum(kinds ...string) Tally {
	var s Tally
	for _, k := range kinds {
		s.TP += t[k].TP
		s.FP += t[k].FP
		s.FN += t[k].FN
	}
	return s
}

// Score compares one predicted document with its gold one, adds to t and
// returns the article's row.
func Score(gold, pred Doc, t Totals) Row {
	row := Row{}
	record := func(kind string, tp, nGold, nPred int) {
		t[kind].add(tp, nGold, nPred)
		row[kind] = [3]int{tp, nGold, nPred}
	}

	// Countries, by code.
	gc, pc := map[string]bool{}, map[string]bool{}
	for _, c := range list(gold["countries"]) {
		gc[iso(c)] = true
	}
	for _, c := range list(pred["countries"]) {
		if code := iso(c); code != "" {
			pc[code] = true
		}
	}
	tp := 0
	for c := range gc {
		if pc[c] {
			tp++
		}
	}
	record("countries", tp, len(gc), len(pc))

	// Persons, by name; then the country of their office.
	gp, pp := list(gold["persons"]), list(pred["persons"])
	m := greedyMatch(len(gp), len(pp), func(i, j int) float64 {
		return NameSim(namesOf(gp[i]), namesOf(pp[j]), nil)
	}, 0.5)
	record("persons", len(m), len(gp), len(pp))
	ok, tot := 0, 0
	for _, ij := range m {
		g := object(gp[ij[0]])
		if truthy(g["country"]) {
			tot++
			if iso(object(pp[ij[1]])["country"]) == iso(g["country"]) {
				ok++
			}
		}
	}
	t["person_country"].add(ok, tot, tot)

	// Organizations, by name.
	gor, por := list(gold["organizations"]), list(pred["organizations"])
	m = greedyMatch(len(gor), len(por), func(i, j int) float64 {
		return NameSim(namesOf(gor[i]), namesOf(por[j]), orgNoise)
	}, 0.5)
	record("organizations", len(m), len(gor), len(por))

	// Agreements, by their parties; then the year.
	ga, pa := list(gold["agreements"]), list(pred["agreements"])
	gk := make([][]partyKey, len(ga))
	for i, a := range ga {
		gk[i] = partyKeys(object(a)["parties"], gold, pred)
	}
	pk := make([][]partyKey, len(pa))
	for j, a := range pa {
		pk[j] = partyKeys(object(a)["parties"], gold, pred)
	}
	m = greedyMatch(len(ga), len(pa), func(i, j int) float64 {
		if len(gk[i]) == 0 || len(pk[j]) == 0 {
			return 0
		}
		hit := partyOverlap(gk[i], pk[j])
		s := float64(hit) / float64(len(gk[i])+len(pk[j])-hit)
		gy, py := object(ga[i])["year"], object(pa[j])["year"]
		if truthy(gy) && truthy(py) {
			a, okA := pyInt(gy)
			b, okB := pyInt(py)
			if okA && okB && a == b {
				s += 0.01 // tie-break towards the right year
			}
		}
		return s
	}, 0.5)
	record("agreements", len(m), len(ga), len(pa))
	ok, tot = 0, 0
	for _, ij := range m {
		gy := object(ga[ij[0]])["year"]
		if !truthy(gy) {
			continue
		}
		tot++
		py := object(pa[ij[1]])["year"]
		if !truthy(py) {
			py = 0.0
		}
		a, okA := pyInt(py)
		b, okB := pyInt(gy)
		if okA && okB && a == b {
			ok++
		}
	}
	t["agreement_year"].add(ok, tot, tot)

	// Meetings, by their participants.
	gm, pm := list(gold["meetings"]), list(pred["meetings"])
	gal := make([][][]string, len(gm))
	for i, x := range gm {
		for _, p := range list(object(x)["participants"]) {
			if s, ok := p.(string); ok {
				gal[i] = append(gal[i], aliases(s, gold, pred))
			}
		}
	}
	pal := make([][][]string, len(pm))
	for j, x := range pm {
		for _, p := range list(object(x)["participants"]) {
			s, ok := p.(string)
			if !ok {
				s, _ = object(p)["name"].(string)
			}
			pal[j] = append(pal[j], aliases(s, gold, pred))
		}
	}
	m = greedyMatch(len(gm), len(pm), func(i, j int) float64 {
		g, p := gal[i], pal[j]
		if len(g) == 0 || len(p) == 0 {
			return 0
		}
		hit := 0
		used := make([]bool, len(p))
		for _, a := range g {
			for k, b := range p {
				if !used[k] && NameSim(a, b, nil) >= 0.5 {
					hit++
					used[k] = true
					break
				}
			}
		}
		return float64(hit) / float64(len(g)+len(p)-hit)
	}, 0.5)
	record("meetings", len(m), len(gm), len(pm))
	return row
}

// greedyMatch pairs gold items with predicted ones, the most similar pair
// first (ties: the later gold item, then the later prediction, as the
// scorer's reverse sort of (similarity, i, j) does), each item at most
// once, among pairs at least threshold similar.
func greedyMatch(nGold, nPred int, sim func(i, j int) float64, threshold float64) [][2]int {
	type pair struct {
		s    float64
		i, j int
	}
	var pairs []pair
	for i := range nGold {
		for j := range nPred {
			if s := sim(i, j); s >= threshold {
				pairs = append(pairs, pair{s, i, j})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(b.i, a.i), cmp.Compare(b.j, a.j))
	})
	usedG, usedP := make([]bool, nGold), make([]bool, nPred)
	var out [][2]int
	for _, p := range pairs {
		if usedG[p.i] || usedP[p.j] {
			continue
		}
		usedG[p.i], usedP[p.j] = true, true
		out = append(out, [2]int{p.i, p.j})
	}
	return out
}

// partyKey is a party as compared: a country code, or the spellings of an
// organization or person.
type partyKey struct {
	country string
	names   []string
}

// partyKeys maps the parties of an agreement (ISO2 codes, country names or
// other names) to comparable keys.
func partyKeys(parties any, gold, pred Doc) []partyKey {
	var cn map[string]string
	var keys []partyKey
	for _, p := range list(parties) {
		if o, ok := p.(map[string]any); ok {
			p = or(o["iso2"], o["name"], o["id"], "")
		}
		s, ok := p.(string)
		if !ok {
			continue
		}
		s = pyStrip(s)
		if code, ok := countryCode(s); ok {
			keys = append(keys, partyKey{country: code})
			continue
		}
		if cn == nil {
			cn = countryNames(gold, pred)
		}
		if code, ok := cn[Norm(s)]; ok {
			keys = append(keys, partyKey{country: code})
			continue
		}
		keys = append(keys, partyKey{names: aliases(s, gold, pred)})
	}
	return keys
}

// countryCode matches the scorer's (?i)(country:)?[a-z]{2}, where Python's
// case-insensitive [a-z] also takes İ ı ſ K, and returns the last two
// letters upper-cased.
func countryCode(s string) (string, bool) {
	if len(s) >= 8 && strings.EqualFold(s[:8], "country:") && isASCII(s[:8]) {
		s = s[8:]
	}
	rs := []rune(s)
	if len(rs) != 2 {
		return "", false
	}
	for _, r := range rs {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == 'İ' || r == 'ı' || r == 'ſ' || r == 'K') {
			return "", false
		}
	}
	return pyUpper(s), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// countryNames maps the folded names of the countries the documents list to
// their codes (the later document's word last).
func countryNames(docs ...Doc) map[string]string {
	out := map[string]string{}
	for _, d := range docs {
		for _, c := range list(d["countries"]) {
			if _, ok := c.(map[string]any); !ok {
				continue
			}
			code := iso(c)
			if code == "" {
				continue
			}
			for _, n := range namesOf(c) {
				out[Norm(n)] = code
			}
		}
	}
	return out
}

// aliases are all spellings of the organization or person name refers to
// in the documents: name, and the names of every item at least 0.9 similar.
func aliases(name string, docs ...Doc) []string {
	out := []string{name}
	for _, d := range docs {
		items := append(slices.Clone(list(d["organizations"])), list(d["persons"])...)
		for _, it := range items {
			if _, ok := it.(map[string]any); !ok {
				continue
			}
			names := namesOf(it)
			if NameSim([]string{name}, names, orgNoise) >= 0.9 {
				out = append(out, names...)
			}
		}
	}
	return out
}

// partyOverlap counts the gold parties found among the predicted ones,
// each predicted party used once.
func partyOverlap(gk, pk []partyKey) int {
	hit := 0
	used := make([]bool, len(pk))
	for _, g := range gk {
		for j, p := range pk {
			if used[j] {
				continue
			}
			if g.names == nil && p.names == nil && g.country == p.country ||
				g.names != nil && p.names != nil && NameSim(g.names, p.names, orgNoise) >= 0.5 {
				hit++
				used[j] = true
				break
			}
		}
	}
	return hit
}

// iso returns the code of a country given as a code or an object with
// iso2, code or id, upper-cased and without a "COUNTRY:" prefix.
func iso(c any) string {
	if o, ok := c.(map[string]any); ok {
		c = or(o["iso2"], o["code"], o["id"])
	}
	s, _ := c.(string)
	return strings.ReplaceAll(pyUpper(s), "COUNTRY:", "")
}

// namesOf lists an item's spellings: names (or name) and aliases, each a
// string or a list, blank ones left out.
func namesOf(item any) []string {
	o := object(item)
	var out []string
	for _, v := range []any{or(o["names"], o["name"]), o["aliases"]} {
		if s, ok := v.(string); ok {
			v = []any{s}
		}
		for _, x := range list(v) {
			if s, ok := x.(string); ok && pyStrip(s) != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// list is v as a JSON array, or nil.
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// object is v as a JSON object, or an empty one.
func object(v any) map[string]any {
	if o, ok := v.(map[string]any); ok {
		return o
	}
	return map[string]any{}
}

// truthy is Python's truth value of a decoded JSON value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case float64:
		return x != 0
	case string:
		return x != ""
	case []any:
		return len(x) > 0
	case map[string]any:
		return len(x) > 0
	}
	return true
}

// or is Python's a or b or …: the first truthy value, else the last.
func or(vs ...any) any {
	for _, v := range vs[:len(vs)-1] {
		if truthy(v) {
			return v
		}
	}
	return vs[len(vs)-1]
}

// pyInt is Python's int() of a decoded JSON value; ok is false where
// Python raises.
func pyInt(v any) (int64, bool) {
	switch x := v.(type) {
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, false
		}
		return int64(x), true
	case string:
		s := strings.ReplaceAll(pyStrip(x), "_", "")
		if s == "" || strings.Contains(pyStrip(x), "__") {
			return 0, false
		}
		n, err := strconv.ParseInt(s, 10, 64)
		return n, err == nil
	}
	return 0, false
}
