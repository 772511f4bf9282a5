package extract

import (
	"slices"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// Report is the extraction of one article in the evaluation format
// (loader/eval/FORMAT.md), with ids, titles and evidence added.
type Report struct {
	ID            string               `json:"id"`
	Lang          string               `json:"lang"`
	Title         string               `json:"title"`
	SourceURL     *string              `json:"source_url"`
	Published     *string              `json:"published"`
	Countries     []ReportCountry      `json:"countries"`
	Persons       []ReportPerson       `json:"persons"`
	Organizations []ReportOrganization `json:"organizations"`
	Agreements    []ReportAgreement    `json:"agreements"`
	Meetings      []ReportMeeting      `json:"meetings"`
}

// ReportEvidence is a quote with its rune offsets in the article text.
type ReportEvidence struct {
	Quote string `json:"quote"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ReportCountry is a country that acts in the article.
type ReportCountry struct {
	ISO2     string           `json:"iso2"`
	Names    []string         `json:"names"`
	ID       string           `json:"id"`
	Evidence []ReportEvidence `json:"evidence"`
}

// ReportOffice is one office of a person.
type ReportOffice struct {
	Title        string  `json:"title"`
	Country      *string `json:"country"`
	Organization *string `json:"organization"`
}

// ReportPerson is a person with their first office as role.
type ReportPerson struct {
	Names    []string         `json:"names"`
	Role     *string          `json:"role"`
	Country  *string          `json:"country"`
	ID       string           `json:"id"`
	Offices  []ReportOffice   `json:"offices"`
	Evidence []ReportEvidence `json:"evidence"`
}

// ReportOrganization is an organization and its home country.
type ReportOrganization struct {
	Names    []string         `json:"names"`
	Kind     string           `json:"kind"`
	Country  *string          `json:"country"`
	ID       string           `json:"id"`
	Evidence []ReportEvidence `json:"evidence"`
}

// ReportAgreement is an agreement; parties are ISO2 codes for countries
// and names otherwise, as the format wants.
type ReportAgreement struct {
	Summary  string           `json:"summary"`
	Parties  []string         `json:"parties"`
	Year     *int             `json:"year"`
	Date     *string          `json:"date"`
	Kind     string           `json:"kind"`
	Topics   []string         `json:"topics"`
	ID       string           `json:"id"`
	PartyIDs []string         `json:"party_ids"`
	Signed   []string         `json:"signatories,omitempty"`
	Evidence []ReportEvidence `json:"evidence"`
}

// ReportMeeting is a meeting with its participants' names and place.
type ReportMeeting struct {
	Participants   []string         `json:"participants"`
	Place          *string          `json:"place"`
	Date           *string          `json:"date"`
	ID             string           `json:"id"`
	ParticipantIDs []string         `json:"participant_ids"`
	Hosts          []string         `json:"host_countries,omitempty"`
	Evidence       []ReportEvidence `json:"evidence"`
}

// NewReport describes facts in the evaluation format. It reads only the
// facts, so what it shows is what the graph will hold.
func NewReport(f *graph.Facts) *Report {
	nodes := map[string]*graph.Node{}
	for i := range f.Nodes {
		nodes[f.Nodes[i].ID] = &f.Nodes[i]
	}
	ev := map[string][]ReportEvidence{}
	for _, e := range f.Evidence {
		ev[e.Fact] = append(ev[e.Fact], ReportEvidence{Quote: e.Quote, Start: e.Start, End: e.End})
	}
	out := func(from, typ string) []graph.Edge {
		var es []graph.Edge
		for _, e := range f.Edges {
			if e.From == from && e.Type == typ {
				es = append(es, e)
			}
		}
		return es
	}
	in := func(to, typ string) []graph.Edge {
		var es []graph.Edge
		for _, e := range f.Edges {
			if e.To == to && e.Type == typ {
				es = append(es, e)
			}
		}
		return es
	}
	iso := func(id string) *string {
		if n := nodes[id]; n != nil && n.Kind == graph.KindCountry {
			return &n.ISO2
		}
		return nil
	}
	home := func(id string) *string {
		for _, e := range out(id, graph.BasedIn) {
			return iso(e.To)
		}
		return nil
	}
	a := f.Article
	r := &Report{ID: a.ID, Lang: string(a.Lang), Title: a.Title,
		Countries: []ReportCountry{}, Persons: []ReportPerson{}, Organizations: []ReportOrganization{},
		Agreements: []ReportAgreement{}, Meetings: []ReportMeeting{}}
	if a.URL != "" {
		r.SourceURL = &a.URL
	}
	if a.Published != nil {
		p := a.Published.ISO()
		r.Published = &p
	}
	// A country that only hosts a place ("Addis Ababa") is context, not
	// an actor of the story: the graph keeps it, the report does not list it.
	hostOnly := map[string]bool{}
	for _, e := range f.Edges {
		if e.Type == graph.BasedIn && graph.KindOf(e.From) == graph.KindPlace {
			if _, seen := hostOnly[e.To]; !seen {
				hostOnly[e.To] = true
			}
		}
	}
	for _, e := range f.Edges {
		if !(e.Type == graph.BasedIn && graph.KindOf(e.From) == graph.KindPlace) {
			hostOnly[e.From], hostOnly[e.To] = false, false
		}
	}
	for _, n := range f.Nodes {
		switch n.Kind {
		case graph.KindCountry:
			if hostOnly[n.ID] {
				continue
			}
			r.Countries = append(r.Countries, ReportCountry{ISO2: n.ISO2, Names: texts(n.Names), ID: n.ID, Evidence: ev[n.ID]})
		case graph.KindPerson:
			p := ReportPerson{Names: texts(n.Names), ID: n.ID, Offices: []ReportOffice{}, Evidence: ev[n.ID]}
			for _, e := range out(n.ID, graph.HoldsOffice) {
				o := ReportOffice{Title: e.Title, Country: iso(e.To)}
				if o.Country == nil {
					o.Country = home(e.To)
					name := nodes[e.To].Name
					o.Organization = &name
				}
				p.Offices = append(p.Offices, o)
				if p.Role == nil {
					title := e.Title
					p.Role = &title
				}
				if p.Country == nil {
					p.Country = o.Country
				}
			}
			if p.Role == nil && n.Title != "" {
				title := n.Title
				p.Role = &title
			}
			r.Persons = append(r.Persons, p)
		case graph.KindOrganization:
			r.Organizations = append(r.Organizations, ReportOrganization{Names: texts(n.Names), Kind: string(n.OrgKind), Country: home(n.ID), ID: n.ID, Evidence: ev[n.ID]})
		case graph.KindAgreement:
			ag := ReportAgreement{Summary: n.Title, Kind: string(n.AgreementKind), Topics: n.Topics, ID: n.ID, Evidence: ev[n.ID], Parties: []string{}}
			if ag.Topics == nil {
				ag.Topics = []string{}
			}
			for _, e := range in(n.ID, graph.PartyTo) {
				ag.PartyIDs = append(ag.PartyIDs, e.From)
				if c := iso(e.From); c != nil {
					ag.Parties = append(ag.Parties, *c)
				} else {
					ag.Parties = append(ag.Parties, nodes[e.From].Name)
				}
			}
			for _, e := range in(n.ID, graph.Signed) {
				ag.Signed = append(ag.Signed, nodes[e.From].Name)
			}
			if n.Date != nil {
				y := n.Date.Year
				ag.Year = &y
				if n.Date.Day != 0 {
					d := n.Date.ISO()
					ag.Date = &d
				}
			}
			r.Agreements = append(r.Agreements, ag)
		case graph.KindMeeting:
			m := ReportMeeting{ID: n.ID, Evidence: ev[n.ID], Participants: []string{}}
			for _, e := range in(n.ID, graph.ParticipatedIn) {
				if c := iso(e.From); c != nil {
					m.Hosts = append(m.Hosts, *c) // a visited country
					continue
				}
				m.ParticipantIDs = append(m.ParticipantIDs, e.From)
				m.Participants = append(m.Participants, nodes[e.From].Name)
			}
			for _, e := range out(n.ID, graph.HeldIn) {
				place := nodes[e.To].Name
				m.Place = &place
			}
			if n.Date != nil {
				d := n.Date.ISO()
				m.Date = &d
			}
			r.Meetings = append(r.Meetings, m)
		}
	}
	slices.SortStableFunc(r.Countries, func(a, b ReportCountry) int { return strings.Compare(a.ISO2, b.ISO2) })
	return r
}

func texts(ns []graph.Name) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}
