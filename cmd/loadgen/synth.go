package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"unicode/utf8"

	"github.com/alaqat/alaqat/graph"
)

// world is the synthetic world that seed draws articles from: countries
// whose share of the news falls off with their rank (Zipf), each with its
// own pools of ministers, companies and cities that articles name again and
// again, as real news does. Qatar is the most reported country and Germany
// the sixth, so that Qatar–Germany is a hot dyad with a few hundred
// agreements among 100,000 articles.
type world struct {
	countries []country
	cum       []float64 // cumulative weights of countries, for drawing
}

type country struct {
	code, name, arabic string
	ministers          int // pool sizes, growing with the country's weight
	companies          int
	cities             int
}

// known are real countries at the head of the ranking; the rest are
// invented codes.
var known = []struct{ code, name, arabic string }{
	{"QA", "Qatar", "قطر"}, {"US", "United States", "الولايات المتحدة"}, {"SA", "Saudi Arabia", "السعودية"},
	{"TR", "Turkey", "تركيا"}, {"FR", "France", "فرنسا"}, {"DE", "Germany", "ألمانيا"},
	{"GB", "United Kingdom", "المملكة المتحدة"}, {"AE", "United Arab Emirates", "الإمارات"}, {"EG", "Egypt", "مصر"},
	{"IR", "Iran", "إيران"}, {"KW", "Kuwait", "الكويت"}, {"OM", "Oman", "عمان"},
}

func newWorld(n int) *world {
	w := &world{}
	used := map[string]bool{}
	for _, k := range known {
		used[k.code] = true
	}
	next := 0
	var total float64
	for i := range n {
		c := country{}
		if i < len(known) {
			c.code, c.name, c.arabic = known[i].code, known[i].name, known[i].arabic
		} else {
			for ; ; next++ {
				code := fmt.Sprintf("%c%c", 'A'+next/26%26, 'A'+next%26)
				if !used[code] {
					used[code] = true
					c.code = code
					break
				}
			}
			c.name, c.arabic = "Country "+c.code, "دولة "+c.code
		}
		weight := 1 / float64(i+1)
		c.ministers = 8 + int(60*weight)
		c.companies = 10 + int(200*weight)
		c.cities = 3 + int(20*weight)
		total += weight
		w.countries = append(w.countries, c)
		w.cum = append(w.cum, total)
	}
	return w
}

func (w *world) draw(r *rand.Rand) int {
	x := r.Float64() * w.cum[len(w.cum)-1]
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if w.cum[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

var (
	portfolios = []string{"Foreign Affairs", "Defence", "Energy", "Trade", "Finance", "Interior", "Transport", "Health",
		"Education", "Culture", "Economy", "Industry", "Labour", "Justice", "Tourism", "Agriculture"}
	topics = []string{"energy", "defence", "trade", "investment", "education", "health", "culture", "transport", "aviation", "finance"}
	kinds  = []graph.AgreementKind{graph.AgreementGeneral, graph.AgreementMoU, graph.AgreementContract, graph.AgreementOther}
)

// article returns synthetic article i, the same for the same seed and i:
// two countries drawn by weight; an agreement (about half the articles),
// with the countries, sometimes a company of each, as parties and a
// minister of each signing; a meeting of ministers in a city of one of
// them (the other half, and some with an agreement); evidence for every
// fact.
func (w *world) article(seed uint64, i int) *graph.Facts {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	a, b := w.draw(r), w.draw(r)
	for b == a {
		b = w.draw(r)
	}
	f := &graph.Facts{Article: graph.Article{
		ID:     fmt.Sprintf("article:syn-%07d", i),
		URL:    fmt.Sprintf("https://news.example/%07d", i),
		Title:  fmt.Sprintf("%s and %s, report %d", w.countries[a].name, w.countries[b].name, i),
		Source: "Synthetic News", Lang: graph.English,
		Published: graph.Date(2000+r.IntN(26), 1+r.IntN(12), 1+r.IntN(28)),
	}}
	var text strings.Builder
	seen := map[string]bool{}
	say := func(fact, s string) {
		start := utf8.RuneCountInString(text.String())
		text.WriteString(s)
		f.Evidence = append(f.Evidence, graph.Evidence{Fact: fact, ArticleID: f.Article.ID, Quote: s,
			Start: start, End: start + utf8.RuneCountInString(s)})
		text.WriteString(" ")
	}
	node := func(n graph.Node, s string) string {
		if !seen[n.ID] {
			seen[n.ID] = true
			f.Nodes = append(f.Nodes, n)
			say(n.ID, s)
		}
		return n.ID
	}
	edge := func(e graph.Edge, s string) {
		if !seen[e.Key()] {
			seen[e.Key()] = true
			f.Edges = append(f.Edges, e)
			say(e.Key(), s)
		}
	}
	countryNode := func(c int) string {
		k := w.countries[c]
		return node(graph.Node{ID: "country:" + k.code, Kind: graph.KindCountry, Name: k.name, ISO2: k.code,
			Names: []graph.Name{{Text: k.name, Lang: graph.English}, {Text: k.arabic, Lang: graph.Arabic}}}, k.name+" is mentioned.")
	}
	minister := func(c int) string {
		k := w.countries[c]
		m := skewed(r, k.ministers)
		name := fmt.Sprintf("Minister %s %d", k.code, m)
		id := node(graph.Node{ID: fmt.Sprintf("person:syn-%s-m%d", k.code, m), Kind: graph.KindPerson, Name: name,
			Names: []graph.Name{{Text: name, Lang: graph.English}}}, name+" spoke.")
		title := "Minister of " + portfolios[m%len(portfolios)]
		edge(graph.Edge{From: id, Type: graph.HoldsOffice, To: countryNode(c), Title: title, Since: graph.Year(2000 + m%25)},
			fmt.Sprintf("%s is %s of %s.", name, title, k.name))
		return id
	}
	company := func(c int) string {
		k := w.countries[c]
		m := skewed(r, k.companies)
		name := fmt.Sprintf("%s Company %d", k.code, m)
		switch {
		case k.code == "QA" && m == 0:
			name = "Barzan"
		case k.code == "DE" && m == 0:
			name = "Rheinmetall"
		}
		id := node(graph.Node{ID: fmt.Sprintf("org:syn-%s-c%d", k.code, m), Kind: graph.KindOrganization, Name: name,
			Names: []graph.Name{{Text: name, Lang: graph.English}}, OrgKind: graph.OrgCompany}, name+" was named.")
		edge(graph.Edge{From: id, Type: graph.BasedIn, To: countryNode(c)}, fmt.Sprintf("%s is based in %s.", name, k.name))
		return id
	}
	ca, cb := countryNode(a), countryNode(b)
	hasAgreement := r.IntN(100) < 45
	if hasAgreement {
		topic := topics[r.IntN(len(topics))]
		title := fmt.Sprintf("%s–%s %s agreement %d", w.countries[a].code, w.countries[b].code, topic, i)
		ag := node(graph.Node{ID: fmt.Sprintf("agreement:syn-%07d", i), Kind: graph.KindAgreement, Name: title, Title: title,
			Names: []graph.Name{{Text: title, Lang: graph.English}}, AgreementKind: kinds[r.IntN(len(kinds))],
			Date: partialDate(r), Topics: []string{topic}}, "They signed the "+title+".")
		for _, c := range []struct {
			idx int
			id  string
		}{{a, ca}, {b, cb}} {
			edge(graph.Edge{From: c.id, Type: graph.PartyTo, To: ag}, w.countries[c.idx].name+" is a party.")
			if r.IntN(100) < 30 {
				edge(graph.Edge{From: company(c.idx), Type: graph.PartyTo, To: ag}, "A company is a party.")
			}
			edge(graph.Edge{From: minister(c.idx), Type: graph.Signed, To: ag}, "The minister signed.")
		}
	}
	if !hasAgreement || r.IntN(100) < 20 {
		title := fmt.Sprintf("Talks of %s and %s %d", w.countries[a].code, w.countries[b].code, i)
		mt := node(graph.Node{ID: fmt.Sprintf("meeting:syn-%07d", i), Kind: graph.KindMeeting, Name: title, Title: title,
			Names: []graph.Name{{Text: title, Lang: graph.English}}, Date: partialDate(r)}, title+" were held.")
		for _, c := range []int{a, b} {
			edge(graph.Edge{From: minister(c), Type: graph.ParticipatedIn, To: mt}, "A minister took part.")
		}
		host := w.countries[a]
		city := skewed(r, host.cities)
		name := fmt.Sprintf("City %s %d", host.code, city)
		pl := node(graph.Node{ID: fmt.Sprintf("place:syn-%s-%d", host.code, city), Kind: graph.KindPlace, Name: name,
			Names: []graph.Name{{Text: name, Lang: graph.English}}}, "In "+name+".")
		edge(graph.Edge{From: pl, Type: graph.BasedIn, To: ca}, name+" is in "+host.name+".")
		edge(graph.Edge{From: mt, Type: graph.HeldIn, To: pl}, "The talks were in "+name+".")
	}
	f.Article.Text = text.String()
	return f
}

// skewed draws from 0..n-1, low numbers more often (the few ministers and
// companies that make most of the news).
func skewed(r *rand.Rand, n int) int {
	return min(n-1, int(float64(n)*math.Pow(r.Float64(), 2)))
}

// partialDate is a date at day precision mostly, some at month or year.
func partialDate(r *rand.Rand) *graph.PartialDate {
	y := 2000 + r.IntN(26)
	switch x := r.IntN(10); {
	case x == 0:
		return graph.Year(y)
	case x == 1:
		return &graph.PartialDate{Year: y, Month: 1 + r.IntN(12)}
	}
	return graph.Date(y, 1+r.IntN(12), 1+r.IntN(28))
}
