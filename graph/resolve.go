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
//   - Agreements. Reports are resolved the most telling first (a date to
//     the day, then the month, the year, none; a subject named), a level at
//     a time. A report joins the agreement of more telling reports that it
//     is compatible with throughout and says something alike to (a topic
//     in common, the same day), if there is only one; beside two it is
//     ambiguous and stays alone. A report alike to none (a year-only "MoU
//     of 2025" with no subject) joins the one agreement it is compatible
//     with, and stays alone beside two (the water MoU of May and the rail
//     MoU of November). A report is compatible with an agreement when it is
//     with what its reports say together: their most precise date, all
//     their topics and parties. Two dated reports are compatible
//     when one date contains the other (2025 contains 2025-05-03; 3 May and
//     9 November differ), their kinds agree (equal, or one of them the
//     general "agreement" or "other"), their topics overlap or one has none,
//     and the parties on each side do not differ (two companies of one
//     country are two deals). An undated report, or a dated one compared
//     with an undated one, must clearly describe the other: the same
//     parties and the same subject (the topics of one among the other's).
//     Two reports of one article are never
//     one agreement: an article that tells of two agreements means two.
//   - Meetings. As agreements, with the sides of the participants for the
//     parties: dated reports are compatible when their dates are and their
//     places are the same or one is unknown; undated ones need the same
//     place and the same participants, one report naming perhaps fewer
//     (by name, across scripts). Reports
//     of one article may be one meeting: the sessions and the signing
//     ceremony of a summit are one event.
//   - Persons. All reports of one person id are one person. Ids join when
//     their names have the same skeleton (see NameSkeleton: "Luis Planas"
//     and "لويس بلاناس"), or one leaves out middle names of the other (the
//     same first and last words, the rest in order), or one is a short
//     form of the other ("Al Muraikhi", the last words of "Sultan bin Saad
//     Al Muraikhi"), and it is the only one they can be; never when their
//     countries differ, nor, for all but full skeleton matches, their
//     ranks (Minister, Ambassador …).
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

// samePeople reports whether the participants one report names are among
// those the other names.
func samePeople(a, b []string) bool { return subset(a, b) }

// subset reports whether one of two lists, neither empty, holds only
// items of the other: the same subject, one report perhaps saying less.
func subset(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return all(a, func(x string) bool { return slices.Contains(b, x) })
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
			return a.Match == b.Match && subset(a.Topics, b.Topics)
		}
		return DatesCompatible(a.Date, b.Date) && partiesAgree(a, b) &&
			(len(a.Topics) == 0 || len(b.Topics) == 0 || overlap(a.Topics, b.Topics))
	}
	if a.Date == nil || b.Date == nil {
		return a.Place != "" && a.Place == b.Place && samePeople(a.People, b.People)
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

// strong reports whether two compatible reports say something alike, not
// merely nothing against each other: a topic in common, or the same day;
// for meetings, the same participants.
func strong(a, b *Report) bool {
	if precision(a.Date) == 3 && precision(b.Date) == 3 {
		return true // compatible, so the same day
	}
	if a.Kind == KindMeeting {
		return samePeople(a.People, b.People)
	}
	return overlap(a.Topics, b.Topics)
}

// level is how much a report says, for resolving the more telling first:
// the precision of its date, then whether it names a subject (agreements)
// or a place (meetings).
func level(r *Report) int {
	l := precision(r.Date) * 2
	if (r.Kind == KindMeeting && r.Place != "") || (r.Kind != KindMeeting && len(r.Topics) > 0) {
		l++
	}
	return l
}

// clusterEvents groups the agreements or meetings of one block (see
// Resolve), the most telling reports first, a level at a time:
//
//   - A report of a level joins the group of more telling reports it is
//     alike to (strong) and compatible with throughout, if there is one
//     such group; beside two it is ambiguous and stays alone.
//   - Within a level, reports alike to each other go together, unless one
//     is alike to two that are not compatible with each other (it stays
//     alone) or they would join different groups.
//   - A report alike to none joins, at the end, the one group it is
//     compatible with throughout, if there is only one.
//
// Every step depends on the set of reports alone, never on their order.
func clusterEvents(rs []*Report) [][]*Report {
	slices.SortFunc(rs, moreInformative)
	n := len(rs)
	compat := make([][]bool, n)
	alike := make([][]bool, n)
	for i := range n {
		compat[i], alike[i] = make([]bool, n), make([]bool, n)
	}
	weak := make([]bool, n)
	for i := range weak {
		weak[i] = true
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			c := compatible(rs[i], rs[j])
			a := c && strong(rs[i], rs[j])
			compat[i][j], compat[j][i], alike[i][j], alike[j][i] = c, c, a, a
			if a {
				weak[i], weak[j] = false, false
			}
		}
	}
	var clusters [][]int
	var profiles []*Report    // what each cluster's reports say together
	cluster := make([]int, n) // report → its cluster, -1 until placed
	for i := range cluster {
		cluster[i] = -1
	}
	fits := func(i, c int) bool {
		r := rs[i]
		if r.Kind == KindAgreement && slices.ContainsFunc(clusters[c], func(m int) bool { return rs[m].Article == r.Article }) {
			return false
		}
		return compatible(r, profiles[c])
	}
	add := func(c, i int) {
		clusters[c] = append(clusters[c], i)
		cluster[i] = c
		profiles[c] = together(profiles[c], rs[i])
	}
	open := func(i int) {
		clusters = append(clusters, nil)
		profiles = append(profiles, nil)
		add(len(clusters)-1, i)
	}
	// candidates are the clusters of earlier levels a report is alike to
	// and compatible with throughout.
	candidates := func(i, earlier int) []int {
		var out []int
		for c := range earlier {
			if slices.ContainsFunc(clusters[c], func(m int) bool { return alike[i][m] }) && fits(i, c) {
				out = append(out, c)
			}
		}
		return out
	}
	for start := 0; start < n; {
		end := start
		for end < n && level(rs[end]) == level(rs[start]) {
			end++
		}
		earlier := len(clusters)
		prev := make(map[int][]int, end-start)
		ambiguous := map[int]bool{}
		for i := start; i < end; i++ {
			if weak[i] {
				continue
			}
			prev[i] = candidates(i, earlier)
			if len(prev[i]) > 1 {
				ambiguous[i] = true
				continue
			}
			var near []int
			for j := start; j < end; j++ {
				if alike[i][j] {
					near = append(near, j)
				}
			}
		pairs:
			for x := range near {
				for y := x + 1; y < len(near); y++ {
					if !compat[near[x]][near[y]] {
						ambiguous[i] = true
						break pairs
					}
				}
			}
		}
		for i := start; i < end; i++ {
			if weak[i] || cluster[i] >= 0 {
				continue
			}
			if ambiguous[i] {
				open(i)
				continue
			}
			// The reports of this level alike to i, and to those, none ambiguous.
			fresh := len(clusters) // the clusters this group makes start here
			group := []int{i}
			cluster[i] = -2
			for k := 0; k < len(group); k++ {
				for j := start; j < end; j++ {
					if cluster[j] == -1 && !weak[j] && !ambiguous[j] && alike[group[k]][j] {
						cluster[j] = -2
						group = append(group, j)
					}
				}
			}
			slices.Sort(group)
			var into []int
			for _, k := range group {
				for _, c := range prev[k] {
					if !slices.Contains(into, c) {
						into = append(into, c)
					}
				}
			}
			target := -1
			if len(into) == 1 {
				target = into[0]
			}
			for _, k := range group {
				switch {
				case target >= 0 && fits(k, target):
					add(target, k)
				case len(into) > 1:
					open(k) // the group would join two: each alone
				default:
					// A new group: k joins the first of the clusters this
					// group made that it is alike to and fits.
					joined := false
					for c := fresh; c < len(clusters) && !joined; c++ {
						if slices.ContainsFunc(clusters[c], func(m int) bool { return alike[k][m] }) && fits(k, c) {
							add(c, k)
							joined = true
						}
					}
					if !joined {
						open(k)
					}
				}
			}
		}
		start = end
	}
	// Reports alike to none join the one cluster they fit, if one.
	grouped := len(clusters)
	for i := range n {
		if !weak[i] {
			continue
		}
		if join := soleFit(grouped, func(c int) bool { return fits(i, c) }); join >= 0 {
			add(join, i)
		} else {
			open(i)
		}
	}
	out := make([][]*Report, len(clusters))
	for c, members := range clusters {
		for _, k := range members {
			out[c] = append(out[c], rs[k])
		}
	}
	return out
}

// together returns what a cluster's reports say together once r joins p
// (nil for a new cluster): the most precise date, a specific kind over the
// general one, the union of topics, parties and participants, the place
// known.
func together(p, r *Report) *Report {
	if p == nil {
		c := *r
		c.Key, c.Article, c.Node = "", "", ""
		c.Topics, c.Parties, c.People = slices.Clone(r.Topics), slices.Clone(r.Parties), slices.Clone(r.People)
		return &c
	}
	if precision(r.Date) > precision(p.Date) {
		p.Date = r.Date
	}
	if p.AgreementKind == "" || p.AgreementKind == AgreementGeneral || p.AgreementKind == AgreementOther {
		if r.AgreementKind != "" && r.AgreementKind != AgreementGeneral && r.AgreementKind != AgreementOther {
			p.AgreementKind = r.AgreementKind
		}
	}
	p.Topics = sortedSet(append(p.Topics, r.Topics...))
	p.People = sortedSet(append(p.People, r.People...))
	for _, x := range r.Parties {
		if !slices.ContainsFunc(p.Parties, func(y Party) bool { return y.ID == x.ID }) {
			p.Parties = append(p.Parties, x)
		}
	}
	if p.Place == "" {
		p.Place = r.Place
	}
	return p
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
			cmp.Compare(len(a.id), len(b.id)), strings.Compare(a.id, b.id))
	})
	var clusters [][]*person
	for _, p := range ps {
		if join := soleFit(len(clusters), func(i int) bool { return samePerson(p, clusters[i]) }); join >= 0 {
			clusters[join] = append(clusters[join], p)
		} else {
			clusters = append(clusters, []*person{p})
		}
	}
	for _, c := range clusters {
		namer := slices.MinFunc(c, func(a, b *person) int {
			return cmp.Or(boolFirst(a.latin, b.latin), -cmp.Compare(len(a.words), len(b.words)),
				cmp.Compare(len(a.id), len(b.id)), strings.Compare(a.id, b.id))
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
	// Middle names left out: the same first and last words, the shorter's
	// words all in the longer, in order ("Qais Al Yousef", "Qais bin
	// Mohammed Al Yousef"; but not "Mohammed bin Hamad Al Thani" and
	// "Mohammed bin Abdulrahman Al Thani").
	middle := len(p.words) >= 2 && len(full.words) >= 2 &&
		p.words[0] == full.words[0] && p.words[len(p.words)-1] == full.words[len(full.words)-1] &&
		(within(p.words, full.words) || within(full.words, p.words))
	short := len(p.words) >= 1 && len(p.words) < len(full.words) && slices.Equal(p.words, full.words[len(full.words)-len(p.words):]) &&
		!slices.Contains(p.words, "_")
	if !exact && !middle && !short {
		return false
	}
	if !exact && !short && len(p.countries) == 0 && len(full.countries) == 0 {
		return false // a name left shorter, and nothing else to go by
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

// within reports whether the words of a are among those of b, in order.
func within(a, b []string) bool {
	i := 0
	for _, w := range b {
		if i < len(a) && a[i] == w {
			i++
		}
	}
	return i == len(a)
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

// soleFit returns the one of n candidates that fits, or -1 when none or
// several do: a report that could be either of two is neither.
func soleFit(n int, fits func(int) bool) int {
	found := -1
	for i := range n {
		if fits(i) {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}
