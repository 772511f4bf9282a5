package graph

import (
	"cmp"
	"slices"
	"strings"
)

// Resolve decides which entity each report is, and returns the entity id of
// each report's Key. The reports must be closed under compatibility (every
// report compatible with one of them is among them, see Resolver.closure):
// then the answer depends on the set of reports alone, never on the order in
// which articles were imported. merges are analysts' merges (see
// Correction), applied after resolution.
//
// The rules, per kind (reports of different Blocks are never one entity):
//
//   - Agreements. Reports are taken most precise first (a signing date known
//     to the day, then to the month, the year, then undated; more topics,
//     more parties; then by key). A report joins an agreement when it is
//     compatible with every report of it, and with no other agreement;
//     otherwise it starts one of its own. Two dated reports are compatible
//     when one date contains the other (2025 contains 2025-05-03; 3 May and
//     9 November differ), their kinds agree (equal, or one of them the
//     general "agreement" or "other"), their topics overlap or one has none,
//     and the parties on each side do not differ (two companies of one
//     country are two deals). An undated report, or a dated one compared
//     with an undated one, must clearly describe the other: the same
//     parties and overlapping topics. Two reports of one article are never
//     one agreement: an article that tells of two agreements means two.
//   - Meetings. As agreements, with the sides of the participants for the
//     parties: dated reports are compatible when their dates are and their
//     places are the same or one is unknown; undated ones need the same
//     place and a participant in common (by name, across scripts). Reports
//     of one article may be one meeting: the sessions and the signing
//     ceremony of a summit are one event.
//   - Persons. All reports of one person id are one person. Ids join when
//     their names have the same skeleton (see NameSkeleton: "Luis Planas"
//     and "لويس بلاناس"), or the same first and last word (middle names
//     left out), or one is a short form of the other ("Al Muraikhi", the
//     last words of "Sultan bin Saad Al Muraikhi") and the only one it can
//     be; never when their countries differ, nor, for all but full
//     skeleton matches, their ranks (Minister, Ambassador …).
//
// An entity's id is that of one of its reports: for agreements and
// meetings the report of the earliest published article (then the least
// key), so that later news about a deal leaves its id alone; for persons
// the id from a name in Latin letters with the most words. Two agreements
// of a component that would take the same id tell apart by the hash of the
// report.
func Resolve(reports []Report, merges []Correction) map[string]string {
	out := make(map[string]string, len(reports))
	byBlock := map[string][]*Report{}
	var blocks []string
	for i := range reports {
		r := &reports[i]
		if _, ok := byBlock[r.Block]; !ok {
			blocks = append(blocks, r.Block)
		}
		byBlock[r.Block] = append(byBlock[r.Block], r)
	}
	slices.Sort(blocks)
	var events [][]*Report
	for _, b := range blocks {
		rs := byBlock[b]
		switch rs[0].Kind {
		case KindPerson:
			resolvePersons(rs, out)
		default:
			events = append(events, clusterEvents(rs)...)
		}
	}
	nameEvents(events, out)
	applyMerges(out, merges)
	return out
}

// precision orders dates by how much they say: day, month, year, none.
func precision(d *PartialDate) int {
	switch {
	case d == nil:
		return 0
	case d.Day != 0:
		return 3
	case d.Month != 0:
		return 2
	}
	return 1
}

// DatesCompatible reports whether two dates may be the same day at their
// precisions: one contains the other.
func DatesCompatible(a, b *PartialDate) bool {
	if a == nil || b == nil {
		return true
	}
	if a.Year != b.Year {
		return false
	}
	if a.Month != 0 && b.Month != 0 && (a.Month != b.Month || (a.Day != 0 && b.Day != 0 && a.Day != b.Day)) {
		return false
	}
	return true
}

func kindsCompatible(a, b AgreementKind) bool {
	generic := func(k AgreementKind) bool { return k == "" || k == AgreementGeneral || k == AgreementOther }
	return a == b || generic(a) || generic(b)
}

func overlap(a, b []string) bool {
	for _, x := range a {
		if slices.Contains(b, x) {
			return true
		}
	}
	return false
}

// partiesAgree reports whether two agreements' parties may be the same:
// on each side, the parties other than the side itself (companies,
// agencies, persons) must overlap where both reports name some.
func partiesAgree(a, b *Report) bool {
	named := func(r *Report, side string) []string {
		var out []string
		for _, p := range r.Parties {
			if p.Side == side && p.ID != side {
				out = append(out, p.ID)
			}
		}
		return out
	}
	for _, side := range a.Sides() {
		x, y := named(a, side), named(b, side)
		if len(x) > 0 && len(y) > 0 && !overlap(x, y) {
			return false
		}
	}
	return true
}

// compatible reports whether two reports of one block may be one
// agreement or one meeting (see Resolve).
func compatible(a, b *Report) bool {
	if a.Kind == KindAgreement {
		if a.Article == b.Article || !kindsCompatible(a.AgreementKind, b.AgreementKind) {
			return false
		}
		if a.Date == nil || b.Date == nil {
			return a.Match == b.Match && overlap(a.Topics, b.Topics)
		}
		return DatesCompatible(a.Date, b.Date) && partiesAgree(a, b) &&
			(len(a.Topics) == 0 || len(b.Topics) == 0 || overlap(a.Topics, b.Topics))
	}
	if a.Date == nil || b.Date == nil {
		return a.Place != "" && a.Place == b.Place && overlap(a.People, b.People)
	}
	return DatesCompatible(a.Date, b.Date) && (a.Place == "" || b.Place == "" || a.Place == b.Place)
}

// moreInformative orders the reports of a block for resolution.
func moreInformative(a, b *Report) int {
	return cmp.Or(
		-cmp.Compare(precision(a.Date), precision(b.Date)),
		-cmp.Compare(len(a.Topics), len(b.Topics)),
		-cmp.Compare(len(a.Parties)+len(a.People), len(b.Parties)+len(b.People)),
		strings.Compare(a.Key, b.Key),
	)
}

// firstPublished orders reports by their article's publication date,
// undated articles last, then by key: the first names the entity.
func firstPublished(a, b *Report) int {
	pa, pb := a.Published != nil, b.Published != nil
	switch {
	case pa && !pb:
		return -1
	case !pa && pb:
		return 1
	}
	return cmp.Or(ComparePartialDates(a.Published, b.Published), strings.Compare(a.Key, b.Key))
}

// clusterEvents groups the agreements or meetings of one block.
func clusterEvents(rs []*Report) [][]*Report {
	slices.SortFunc(rs, moreInformative)
	var clusters [][]*Report
	for _, r := range rs {
		join := -1
		for i, c := range clusters {
			if !all(c, func(m *Report) bool { return compatible(r, m) }) {
				continue
			}
			if join >= 0 {
				join = -2 // two agreements fit: it is neither
				break
			}
			join = i
		}
		if join >= 0 {
			clusters[join] = append(clusters[join], r)
		} else {
			clusters = append(clusters, []*Report{r})
		}
	}
	return clusters
}

// nameEvents gives each cluster the id of its namer (see Resolve), in the
// order of the namers, so that a clash of ids is settled the same way
// whatever the order of import.
func nameEvents(clusters [][]*Report, out map[string]string) {
	namers := make([]*Report, len(clusters))
	for i, c := range clusters {
		namers[i] = slices.MinFunc(c, firstPublished)
	}
	order := make([]int, len(clusters))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return firstPublished(namers[i], namers[j]) })
	taken := map[string]bool{}
	for _, i := range order {
		id := namers[i].Node
		if taken[id] {
			id = string(namers[i].Kind) + ":" + ShortHash(namers[i].Key)
		}
		taken[id] = true
		for _, r := range clusters[i] {
			out[r.Key] = id
		}
	}
}

func all[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}

// person is what the reports of one person id say together.
type person struct {
	id        string
	name      string
	words     []string
	latin     bool
	countries []string
	ranks     []string
	reports   []*Report
}

func resolvePersons(rs []*Report, out map[string]string) {
	byID := map[string]*person{}
	var ps []*person
	for _, r := range rs {
		p := byID[r.Node]
		if p == nil {
			p = &person{id: r.Node}
			byID[r.Node] = p
			ps = append(ps, p)
		}
		p.reports = append(p.reports, r)
		p.words = r.Words // the same in every report of the id
		if p.name == "" || r.Name < p.name {
			p.name = r.Name
		}
		p.countries = append(p.countries, r.Countries...)
		p.ranks = append(p.ranks, r.Ranks...)
	}
	for _, p := range ps {
		p.latin = LangOf(idName(p.id)) != Arabic
		p.countries, p.ranks = sortedSet(p.countries), sortedSet(p.ranks)
	}
	slices.SortFunc(ps, func(a, b *person) int {
		return cmp.Or(-cmp.Compare(len(a.words), len(b.words)), boolFirst(a.latin, b.latin),
			-cmp.Compare(len(a.id), len(b.id)), strings.Compare(a.id, b.id))
	})
	var clusters [][]*person
	for _, p := range ps {
		join := -1
		for i, c := range clusters {
			if !samePerson(p, c) {
				continue
			}
			if join >= 0 {
				join = -2
				break
			}
			join = i
		}
		if join >= 0 {
			clusters[join] = append(clusters[join], p)
		} else {
			clusters = append(clusters, []*person{p})
		}
	}
	for _, c := range clusters {
		namer := slices.MinFunc(c, func(a, b *person) int {
			return cmp.Or(boolFirst(a.latin, b.latin), -cmp.Compare(len(a.words), len(b.words)), strings.Compare(a.id, b.id))
		})
		for _, p := range c {
			for _, r := range p.reports {
				out[r.Key] = namer.id
			}
		}
	}
}

func boolFirst(a, b bool) int {
	switch {
	case a && !b:
		return -1
	case !a && b:
		return 1
	}
	return 0
}

// samePerson reports whether p may join the cluster c, whose first member
// has the fullest name (see Resolve).
func samePerson(p *person, c []*person) bool {
	full := c[0]
	exact := slices.Equal(p.words, full.words) && len(p.words) > 0
	sameName := len(p.words) >= 2 && len(full.words) >= 2 &&
		p.words[0] == full.words[0] && p.words[len(p.words)-1] == full.words[len(full.words)-1]
	short := len(p.words) >= 1 && len(p.words) < len(full.words) && slices.Equal(p.words, full.words[len(full.words)-len(p.words):]) &&
		!slices.Contains(p.words, "_")
	if !exact && !sameName && !short {
		return false
	}
	if !exact && !short && len(p.countries) == 0 && len(full.countries) == 0 {
		return false // first and last names alike, and nothing else to go by
	}
	if exact && len(p.words) == 1 && (len(p.countries) == 0 || len(full.countries) == 0) {
		return false // one word and nothing else to go by
	}
	for _, m := range c {
		if len(p.countries) > 0 && len(m.countries) > 0 && !overlap(p.countries, m.countries) {
			return false
		}
		if !exact && len(p.ranks) > 0 && len(m.ranks) > 0 && !overlap(p.ranks, m.ranks) {
			return false
		}
	}
	return true
}

// applyMerges redirects the entities analysts merged into others.
func applyMerges(out map[string]string, merges []Correction) {
	into := MergeTargets(merges)
	if len(into) == 0 {
		return
	}
	for k, id := range out {
		out[k] = Redirect(into, id)
	}
}

// MergeTargets maps each entity that active merges took into another to
// that other.
func MergeTargets(cs []Correction) map[string]string {
	into := map[string]string{}
	for _, c := range cs {
		if c.Op == OpMerge && !c.Undone {
			into[c.Source] = c.Target
		}
	}
	return into
}

// Redirect follows merges from id to the entity it is now part of.
func Redirect(into map[string]string, id string) string {
	for range len(into) + 1 {
		next, ok := into[id]
		if !ok || next == id {
			return id
		}
		id = next
	}
	return id // a cycle of merges: stop anywhere, the same every time
}
