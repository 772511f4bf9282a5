package graphtest

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
)

// testGraph asks the analysts' questions through graph.Graph, which only
// uses the Store's primitive reads: a store that answers those differently
// gives different answers here.
func testGraph(t *testing.T, newStore func(t *testing.T) graph.Store) {
	g := graph.New(fresh(t, newStore, world()...))
	for _, tc := range []struct {
		name string
		fn   func(t *testing.T, g *graph.Graph)
	}{
		{"Search", testSearch},
		{"Resolve", testResolve},
		{"Agreements", testAgreements},
		{"AgreementPages", testAgreementPages},
		{"Meetings", testMeetings},
		{"Timeline", testTimeline},
		{"RelationStats", testRelationStats},
		{"Paths", testPaths},
		{"Offices", testOffices},
		{"Partners", testPartners},
		{"CountriesOf", testCountriesOf},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, g) })
	}
}

func testSearch(t *testing.T, g *graph.Graph) {
	for _, tc := range []struct {
		text  string
		kinds []graph.Kind
		first int
		want  []string
	}{
		// Exact name, then prefix, then a word's prefix, then contained.
		{"doha", nil, 0, []string{doha, talks, port, nordoha}},
		{"Doha", []graph.Kind{graph.KindOrganization}, 0, []string{port, nordoha}},
		{"doha", nil, 2, []string{doha, talks}},
		// Ties go by kind, then id.
		{"Qatar", nil, 3, []string{qa, culture, defence}},
		{"QA", nil, 2, []string{qa, culture}},
		{"DEU", nil, 0, []string{de}},
		{"الدوحه", nil, 0, []string{doha}},
		{"دوحة", nil, 0, []string{doha}},
		{"ahmed al nasr", nil, 0, []string{ahmed}},
		{"atlantis", nil, 0, nil},
	} {
		got, err := g.Search(ctx(t), tc.text, tc.kinds, tc.first)
		if err != nil {
			t.Errorf("Search(%q): %v", tc.text, err)
			continue
		}
		checkIDs(t, "Search("+tc.text+")", got, tc.want...)
	}
	_, err := g.Search(ctx(t), " ,. ", nil, 0)
	requireCode(t, "Search(punctuation)", err, graph.EINVALID)
}

func testResolve(t *testing.T, g *graph.Graph) {
	for _, tc := range []struct{ ref, want string }{
		{"country:QA", qa},
		{"QA", qa},
		{"QAT", qa},
		{"DEU", de},
		{"قطر", qa},
		{"ألمانيا", de},
		{"المانيا", de},
		{"  germany ", de},
		{"Doha", doha},
		{"الدوحة", doha},
		{"Acme Defence", acme},
		{"person:karl-weber", karl},
	} {
		n, err := g.Resolve(ctx(t), tc.ref)
		if err != nil || n.ID != tc.want {
			t.Errorf("Resolve(%q) = %v, %v; want %s", tc.ref, n, err, tc.want)
		}
	}
	for _, ref := range []string{"Germ", "country:XX", "Atlantis", "Qatar–Germany", "ZZ", "XYZ"} {
		_, err := g.Resolve(ctx(t), ref)
		requireCode(t, "Resolve("+ref+")", err, graph.ENOTFOUND)
	}
	_, err := g.Resolve(ctx(t), " ")
	requireCode(t, "Resolve(blank)", err, graph.EINVALID)
}

func testAgreements(t *testing.T, g *graph.Graph) {
	for _, tc := range []struct {
		name  string
		f     graph.AgreementFilter
		order graph.Order
		want  []string
	}{
		// The contract counts for both: its parties are a company based in
		// Germany and a Qatari minister.
		{"BetweenAsc", graph.AgreementFilter{Between: []string{"QA", "DE"}}, graph.DateAsc, []string{energy, defence, contract, health}},
		{"BetweenDesc", graph.AgreementFilter{Between: []string{"Germany", "قطر"}}, graph.DateDesc, []string{contract, defence, energy, health}},
		{"OtherPair", graph.AgreementFilter{Between: []string{"Qatar", "فرنسا"}}, graph.DateDesc, []string{culture}},
		{"NoneBetween", graph.AgreementFilter{Between: []string{"DE", "FR"}}, graph.DateDesc, nil},
		{"Party", graph.AgreementFilter{Party: "Acme Defence"}, graph.DateDesc, []string{contract}},
		{"PartyMinister", graph.AgreementFilter{Party: ahmed}, graph.DateDesc, []string{contract}},
		{"Kind", graph.AgreementFilter{Between: []string{"QAT", "DEU"}, Kinds: []graph.AgreementKind{graph.AgreementMoU}},
			graph.DateAsc, []string{health}},
		{"Topic", graph.AgreementFilter{Between: []string{"QA", "DE"}, Topic: "Defence"}, graph.DateAsc, []string{defence, contract}},
		{"DateRange", graph.AgreementFilter{Between: []string{"QA", "DE"}, From: graph.Year(2018), To: graph.Year(2018)},
			graph.DateAsc, []string{defence}},
		{"All", graph.AgreementFilter{}, graph.DateAsc, []string{energy, defence, contract, culture, health}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := g.Agreements(ctx(t), tc.f, tc.order, 10, "")
			if err != nil {
				t.Fatal(err)
			}
			checkIDs(t, "Agreements", p.Nodes, tc.want...)
			if p.Total != len(tc.want) || p.HasNext {
				t.Errorf("Total %d, HasNext %v; want %d, false", p.Total, p.HasNext, len(tc.want))
			}
		})
	}
	_, err := g.Agreements(ctx(t), graph.AgreementFilter{Between: []string{"QA", "Atlantis"}}, graph.DateAsc, 10, "")
	requireCode(t, "Agreements(unknown side)", err, graph.ENOTFOUND)
}

func testAgreementPages(t *testing.T, g *graph.Graph) {
	f := graph.AgreementFilter{Between: []string{"QA", "DE"}}
	p, err := g.Agreements(ctx(t), f, graph.DateAsc, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, "page 1", p.Nodes, energy, defence)
	if p.Total != 4 || !p.HasNext || p.EndCursor != graph.DateCursor(p.Nodes[1]) {
		t.Errorf("page 1: Total %d, HasNext %v, EndCursor %q", p.Total, p.HasNext, p.EndCursor)
	}
	p, err = g.Agreements(ctx(t), f, graph.DateAsc, 2, p.EndCursor)
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, "page 2", p.Nodes, contract, health)
	if p.Total != 4 || p.HasNext || p.EndCursor != graph.DateCursor(p.Nodes[1]) {
		t.Errorf("page 2: Total %d, HasNext %v, EndCursor %q", p.Total, p.HasNext, p.EndCursor)
	}
	first, err := g.Agreements(ctx(t), f, graph.DateDesc, 1, "")
	if err != nil {
		t.Fatal(err)
	}
	p, err = g.Agreements(ctx(t), f, graph.DateDesc, 3, first.EndCursor)
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, "desc after the first", p.Nodes, defence, energy, health)
	// A cursor holds a place in the order, not a node: another list's
	// node (undated, so after every dated one) points at the undated end.
	p, err = g.Agreements(ctx(t), f, graph.DateAsc, 5, graph.DateCursor(&graph.Node{ID: culture}))
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, "after another list's undated node", p.Nodes, health)
	// A cursor of the id alone, as older servers gave, still works.
	p, err = g.Agreements(ctx(t), f, graph.DateAsc, 1, graph.Cursor(defence))
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, "after an id cursor", p.Nodes, contract)
	for _, bad := range []string{"!not a cursor!", graph.Cursor(culture), graph.DateCursor(&graph.Node{ID: "", Date: graph.Year(2018)})} {
		_, err = g.Agreements(ctx(t), f, graph.DateAsc, 2, bad)
		requireCode(t, "bad cursor "+bad, err, graph.EINVALID)
	}
}

// testStableCursor deletes what a cursor points at between two pages: the
// next page goes on from its place.
func testStableCursor(t *testing.T, newStore func(t *testing.T) graph.Store) {
	s := fresh(t, newStore, world()...)
	g := graph.New(s)
	f := graph.AgreementFilter{Between: []string{"QA", "DE"}}
	p, err := g.Agreements(ctx(t), f, graph.DateAsc, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, "page 1", p.Nodes, energy, defence)
	if err := s.DeleteArticle(ctx(t), "article:world-1"); err != nil { // energy and defence go
		t.Fatal(err)
	}
	p, err = g.Agreements(ctx(t), f, graph.DateAsc, 2, p.EndCursor)
	if err != nil {
		t.Fatal(err)
	}
	checkIDs(t, "page 2 after the delete", p.Nodes, contract, health)
}

func testMeetings(t *testing.T, g *graph.Graph) {
	asc, desc := graph.DateAsc, graph.DateDesc
	for _, tc := range []struct {
		name  string
		f     graph.MeetingFilter
		order graph.Order
		want  []string
	}{
		{"BetweenCountries", graph.MeetingFilter{Between: []string{"Qatar", "Germany"}}, asc, []string{talks, consult}},
		{"NewestFirst", graph.MeetingFilter{Between: []string{"Qatar", "Germany"}}, desc, []string{consult, talks}},
		{"BetweenMinisters", graph.MeetingFilter{Between: []string{"Ahmed Al-Nasr", "Karl Weber"}}, asc, []string{talks}},
		{"Participant", graph.MeetingFilter{Participant: "country:QA"}, asc, []string{talks, consult}},
		{"DateRange", graph.MeetingFilter{Between: []string{"QA", "DE"}, From: graph.Date(2019, 1, 1)}, asc, []string{consult}},
		{"MonthRange", graph.MeetingFilter{From: month(2018, 5), To: month(2018, 5)}, asc, []string{talks}},
		{"MonthInDayRange", graph.MeetingFilter{From: graph.Date(2020, 1, 31), To: graph.Date(2020, 2, 1)}, asc, []string{consult}},
		{"Text", graph.MeetingFilter{Text: "DOHA"}, asc, []string{talks}},
		{"Topic", graph.MeetingFilter{Topic: "defence"}, asc, nil},
		{"None", graph.MeetingFilter{Between: []string{"QA", "FR"}}, asc, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := g.Meetings(ctx(t), tc.f, tc.order, 10, "")
			if err != nil {
				t.Fatal(err)
			}
			checkIDs(t, "Meetings", p.Nodes, tc.want...)
		})
	}
}

func testTimeline(t *testing.T, g *graph.Graph) {
	type item struct {
		Date  *graph.PartialDate
		Kind  string
		Title string
		ID    string
	}
	for _, tc := range []struct {
		name string
		f    graph.TimelineFilter
		want []item
	}{
		// Offices of either side come too: in Qatar, in Germany or in a
		// German company.
		{"Between", graph.TimelineFilter{Between: []string{"QA", "DE"}}, []item{
			{graph.Year(2015), "office", "Lena Vogt becomes Chief Executive of Acme Defence", lena},
			{month(2016, 3), "office", "Ahmed Al-Nasr becomes Minister of Interior of Qatar", ahmed},
			{graph.Year(2017), "agreement", "Qatar–Germany energy agreement", energy},
			{graph.Date(2018, 5, 13), "meeting", "Doha talks on defence", talks},
			{graph.Date(2018, 5, 14), "agreement", "Defence cooperation agreement", defence},
			{month(2019, 3), "agreement", "Acme Defence contract", contract},
			{month(2020, 1), "meeting", "Berlin consultations", consult},
			{nil, "agreement", "Qatar–Germany health memorandum", health},
		}},
		{"Meetings", graph.TimelineFilter{Between: []string{"QA", "DE"}, Kinds: []string{"MEETING"}}, []item{
			{graph.Date(2018, 5, 13), "meeting", "Doha talks on defence", talks},
			{month(2020, 1), "meeting", "Berlin consultations", consult},
		}},
		// Offices taken up on a known date, anywhere.
		{"Offices", graph.TimelineFilter{Kinds: []string{"office"}}, []item{
			{graph.Year(2015), "office", "Lena Vogt becomes Chief Executive of Acme Defence", lena},
			{month(2016, 3), "office", "Ahmed Al-Nasr becomes Minister of Interior of Qatar", ahmed},
		}},
		{"OfficesInRange", graph.TimelineFilter{Kinds: []string{"office", "agreement"}, From: graph.Date(2016, 3, 31), To: graph.Year(2017)}, []item{
			{month(2016, 3), "office", "Ahmed Al-Nasr becomes Minister of Interior of Qatar", ahmed},
			{graph.Year(2017), "agreement", "Qatar–Germany energy agreement", energy},
		}},
		// An organization's: offices in it and its deals.
		{"Organization", graph.TimelineFilter{Entity: "Acme Defence"}, []item{
			{graph.Year(2015), "office", "Lena Vogt becomes Chief Executive of Acme Defence", lena},
			{month(2019, 3), "agreement", "Acme Defence contract", contract},
		}},
		// A person's: offices, meetings and the deals they are party to.
		{"Person", graph.TimelineFilter{Entity: "Ahmed Al-Nasr"}, []item{
			{month(2016, 3), "office", "Ahmed Al-Nasr becomes Minister of Interior of Qatar", ahmed},
			{graph.Date(2018, 5, 13), "meeting", "Doha talks on defence", talks},
			{month(2019, 3), "agreement", "Acme Defence contract", contract},
		}},
		{"Entity", graph.TimelineFilter{Entity: "France"}, []item{
			{nil, "agreement", "Qatar–France cultural memorandum", culture},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items, err := g.Timeline(ctx(t), tc.f)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]item, len(items))
			for i, it := range items {
				got[i] = item{it.Date, it.Kind, it.Title, it.Node.ID}
			}
			if !equal(got, tc.want) {
				t.Errorf("Timeline:\n\tgot  %s\n\twant %s", show(got), show(tc.want))
			}
			for _, it := range items {
				if (it.Kind == "office") != (it.Office != nil) {
					t.Errorf("item %q: kind %s, office %v", it.Title, it.Kind, it.Office)
				}
			}
		})
	}
	_, err := g.Timeline(ctx(t), graph.TimelineFilter{Kinds: []string{"treaty"}})
	requireCode(t, "Timeline(unknown kind)", err, graph.EINVALID)
}

func testRelationStats(t *testing.T, g *graph.Graph) {
	kinds := func(kv ...any) map[graph.AgreementKind]int {
		m := map[graph.AgreementKind]int{}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(graph.AgreementKind)] = kv[i+1].(int)
		}
		return m
	}
	for _, tc := range []struct {
		name     string
		between  []string
		from, to *graph.PartialDate
		want     []graph.YearStats
	}{
		{"QA-DE", []string{"QA", "DE"}, nil, nil, []graph.YearStats{
			{Year: 2017, Agreements: 1, AgreementKinds: kinds(graph.AgreementGeneral, 1)},
			{Year: 2018, Agreements: 1, Meetings: 1, AgreementKinds: kinds(graph.AgreementGeneral, 1)},
			{Year: 2019, Agreements: 1, AgreementKinds: kinds(graph.AgreementContract, 1)},
			{Year: 2020, Meetings: 1, AgreementKinds: kinds()},
			{Agreements: 1, AgreementKinds: kinds(graph.AgreementMoU, 1)},
		}},
		{"Range", []string{"DE", "QA"}, graph.Year(2018), graph.Year(2019), []graph.YearStats{
			{Year: 2018, Agreements: 1, Meetings: 1, AgreementKinds: kinds(graph.AgreementGeneral, 1)},
			{Year: 2019, Agreements: 1, AgreementKinds: kinds(graph.AgreementContract, 1)},
		}},
		{"Undated", []string{"QA", "FR"}, nil, nil, []graph.YearStats{{Agreements: 1, AgreementKinds: kinds(graph.AgreementMoU, 1)}}},
		{"None", []string{"JP", "FR"}, nil, nil, nil},
	} {
		got, err := g.RelationStats(ctx(t), tc.between, tc.from, tc.to)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !equal(got, tc.want) {
			t.Errorf("%s:\n\tgot  %s\n\twant %s", tc.name, show(got), show(tc.want))
		}
	}
	_, err := g.RelationStats(ctx(t), nil, nil, nil)
	requireCode(t, "RelationStats(no sides)", err, graph.EINVALID)
}

// testTimelineDates orders dates of every precision: a year before its
// months, a month before its days, and counts years without dealings.
func testTimelineDates(t *testing.T, newStore func(t *testing.T) graph.Store) {
	const (
		y2018, m2018, d2018 = "agreement:d-2018", "agreement:d-2018-05", "agreement:d-2018-05-14"
		y2021, undated      = "meeting:d-2021", "agreement:d-undated"
	)
	b := article(graph.Article{ID: "article:dates", Title: "Dates", Lang: graph.English,
		Text: "Qatar and Oman signed deals in 2018, in May 2018 and on 14 May 2018, one undated, and met in 2021."}).
		node(graph.Node{ID: qa, Kind: graph.KindCountry, Name: "Qatar", ISO2: "QA", ISO3: "QAT"}, "Qatar").
		node(graph.Node{ID: "country:OM", Kind: graph.KindCountry, Name: "Oman", ISO2: "OM", ISO3: "OMN"}, "Oman")
	for _, n := range []graph.Node{
		{ID: d2018, Kind: graph.KindAgreement, Name: "Day deal", Date: graph.Date(2018, 5, 14)},
		{ID: y2021, Kind: graph.KindMeeting, Name: "Meeting", Date: graph.Year(2021)},
		{ID: undated, Kind: graph.KindAgreement, Name: "Undated deal", AgreementKind: graph.AgreementMoU},
		{ID: m2018, Kind: graph.KindAgreement, Name: "Month deal", Date: month(2018, 5)},
		{ID: y2018, Kind: graph.KindAgreement, Name: "Year deal", Date: graph.Year(2018)},
	} {
		rel := graph.PartyTo
		if n.Kind == graph.KindMeeting {
			rel = graph.ParticipatedIn
		}
		b.node(n).edge(graph.Edge{From: qa, Type: rel, To: n.ID}).edge(graph.Edge{From: "country:OM", Type: rel, To: n.ID})
	}
	g := graph.New(fresh(t, newStore, b.facts()))
	items, err := g.Timeline(ctx(t), graph.TimelineFilter{Between: []string{"Oman", "Qatar"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, it := range items {
		ids = append(ids, it.Node.ID)
	}
	if want := []string{y2018, m2018, d2018, y2021, undated}; !slices.Equal(ids, want) {
		t.Errorf("Timeline = %q, want %q", ids, want)
	}
	stats, err := g.RelationStats(ctx(t), []string{"QA", "OM"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	general := map[graph.AgreementKind]int{graph.AgreementGeneral: 3}
	none := map[graph.AgreementKind]int{}
	want := []graph.YearStats{
		{Year: 2018, Agreements: 3, AgreementKinds: general},
		{Year: 2019, AgreementKinds: none},
		{Year: 2020, AgreementKinds: none},
		{Year: 2021, Meetings: 1, AgreementKinds: none},
		{Agreements: 1, AgreementKinds: map[graph.AgreementKind]int{graph.AgreementMoU: 1}},
	}
	if !equal(stats, want) {
		t.Errorf("RelationStats:\n\tgot  %s\n\twant %s", show(stats), show(want))
	}
	// Meetings and agreements in ranges of any precision.
	for _, tc := range []struct {
		from, to *graph.PartialDate
		want     []string
	}{
		{graph.Date(2018, 5, 14), graph.Date(2018, 5, 14), []string{y2018, m2018, d2018}},
		{month(2018, 6), nil, []string{y2018, y2021}},
		{nil, graph.Date(2018, 4, 30), []string{y2018}},
	} {
		items, err := g.Timeline(ctx(t), graph.TimelineFilter{Between: []string{"QA", "OM"}, From: tc.from, To: tc.to})
		if err != nil {
			t.Fatal(err)
		}
		ids = ids[:0]
		for _, it := range items {
			ids = append(ids, it.Node.ID)
		}
		if !slices.Equal(ids, tc.want) {
			t.Errorf("Timeline from %v to %v = %q, want %q", tc.from, tc.to, ids, tc.want)
		}
	}
}

// pathIDs writes a path as the ids along it.
func pathIDs(p graph.Path) string {
	if len(p) == 0 {
		return ""
	}
	ids := []string{p[0].From}
	for _, s := range p {
		ids = append(ids, s.To)
	}
	return strings.Join(ids, " ")
}

func testPaths(t *testing.T, g *graph.Graph) {
	c := ctx(t)
	got, err := g.Paths(c, "Qatar", "France", 3, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.Path{{
		{From: qa, To: culture, Edge: graph.Edge{From: qa, Type: graph.PartyTo, To: culture}},
		{From: culture, To: fr, Edge: graph.Edge{From: fr, Type: graph.PartyTo, To: culture}},
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Paths(QA, FR):\n\tgot  %s\n\twant %s", show(got), show(want))
	}

	// Every shortest path, and only those; a first bound takes some of them.
	got, err = g.Paths(c, de, qa, 4, 10)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range got {
		ids = append(ids, pathIDs(p))
	}
	slices.Sort(ids)
	wantIDs := []string{de + " " + defence + " " + qa, de + " " + energy + " " + qa, de + " " + health + " " + qa, de + " " + consult + " " + qa}
	slices.Sort(wantIDs)
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("Paths(DE, QA) = %q, want %q", ids, wantIDs)
	}
	if two, err := g.Paths(c, de, qa, 4, 2); err != nil || len(two) != 2 ||
		!slices.Contains(wantIDs, pathIDs(two[0])) || !slices.Contains(wantIDs, pathIDs(two[1])) {
		t.Errorf("Paths(DE, QA, first 2) = %s, %v", show(two), err)
	}
	// Through an organization and a person: Lena heads Acme, party with Ahmed.
	got, err = g.Paths(c, lena, ahmed, 3, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || pathIDs(got[0]) != strings.Join([]string{lena, acme, contract, ahmed}, " ") {
		t.Errorf("Paths(lena, ahmed) = %s", show(got))
	}

	for _, tc := range []struct {
		from, to string
		hops     int
	}{{"QA", "FR", 1}, {"QA", "JP", graph.MaxHops}, {"QA", "QA", 2}} {
		got, err := g.Paths(c, tc.from, tc.to, tc.hops, 5)
		if err != nil || len(got) != 0 {
			t.Errorf("Paths(%s, %s, %d) = %s, %v; want none", tc.from, tc.to, tc.hops, show(got), err)
		}
	}
	for _, hops := range []int{0, graph.MaxHops + 1} {
		_, err := g.Paths(c, "QA", "FR", hops, 5)
		requireCode(t, "Paths(maxHops out of bounds)", err, graph.EINVALID)
	}
	_, err = g.Paths(c, "QA", "Atlantis", 2, 5)
	requireCode(t, "Paths(unknown end)", err, graph.ENOTFOUND)
}

func testOffices(t *testing.T, g *graph.Graph) {
	officeKey := func(p, to, title string) string {
		return graph.Edge{From: p, Type: graph.HoldsOffice, To: to, Title: title}.Key()
	}
	for _, tc := range []struct {
		name             string
		persons, holders []string
		want             []graph.Office
	}{
		{"OfPerson", []string{ahmed}, nil, []graph.Office{
			{Title: finance, PersonID: ahmed, CountryID: qa, Key: officeKey(ahmed, qa, finance)},
			{Title: interior, PersonID: ahmed, CountryID: qa, Since: month(2016, 3), Key: officeKey(ahmed, qa, interior)},
		}},
		{"InOrganization", nil, []string{acme}, []graph.Office{
			{Title: "Chief Executive", PersonID: lena, CountryID: de, OrganizationID: acme, Since: graph.Year(2015),
				Key: officeKey(lena, acme, "Chief Executive")},
		}},
		{"InCountry", nil, []string{de}, []graph.Office{
			{Title: "Minister of Defence", PersonID: karl, CountryID: de, Key: officeKey(karl, de, "Minister of Defence")},
		}},
		{"None", []string{karl}, []string{qa}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := g.Offices(ctx(t), tc.persons, tc.holders)
			if err != nil {
				t.Fatal(err)
			}
			if !equal(got, tc.want) {
				t.Errorf("Offices:\n\tgot  %s\n\twant %s", show(got), show(tc.want))
			}
		})
	}
}

func testPartners(t *testing.T, g *graph.Graph) {
	for _, tc := range []struct {
		country string
		first   int
		want    []graph.Partnership
	}{
		{"Qatar", 0, []graph.Partnership{
			{CountryID: de, Agreements: 4, Meetings: 2, First: graph.Year(2017), Last: month(2020, 1)},
			{CountryID: fr, Agreements: 1},
		}},
		{"QA", 1, []graph.Partnership{{CountryID: de, Agreements: 4, Meetings: 2, First: graph.Year(2017), Last: month(2020, 1)}}},
		{"ألمانيا", 0, []graph.Partnership{{CountryID: qa, Agreements: 4, Meetings: 2, First: graph.Year(2017), Last: month(2020, 1)}}},
		{"Japan", 0, nil},
	} {
		got, err := g.Partners(ctx(t), tc.country, tc.first)
		if err != nil {
			t.Errorf("Partners(%s): %v", tc.country, err)
			continue
		}
		if !equal(got, tc.want) {
			t.Errorf("Partners(%s):\n\tgot  %s\n\twant %s", tc.country, show(got), show(tc.want))
		}
	}
}

func testCountriesOf(t *testing.T, g *graph.Graph) {
	got, err := g.CountriesOf(ctx(t), []string{ahmed, lena, acme, doha, qa, talks, vision})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{ahmed: {qa}, lena: {de}, acme: {de}, doha: {qa}, qa: {qa}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CountriesOf = %v, want %v", got, want)
	}
}
