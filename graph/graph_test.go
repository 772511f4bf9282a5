package graph

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"أحمد", "احمد"}, {"إيطاليا", "ايطاليا"}, {"آل ثاني", "ال ثاني"}, {"مستشفى", "مستشفي"},
		{"الدوحة", "الدوحه"}, {"مُحَمَّد", "محمد"}, {"قطـــر", "قطر"}, {"٢٠١٨", "2018"},
		{"  Al-Kaabi's  ", "al kaabis"}, {"Élysée", "elysee"}, {"“راينميتال”", "راينميتال"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPartialDates(t *testing.T) {
	for _, tc := range []struct {
		in, iso string
		ok      bool
	}{
		{"2018", "2018", true}, {"2018-05", "2018-05", true}, {"2018-05-14", "2018-05-14", true},
		{"2024-02-29", "2024-02-29", true}, {"2023-02-29", "", false}, {"2018-13", "", false},
		{"2018-05-14T09:00:00Z", "2018-05-14", true}, {"May 2018", "", false}, {"", "", false},
	} {
		d, err := ParsePartialDate(tc.in)
		if (err == nil) != tc.ok || (tc.ok && d.ISO() != tc.iso) {
			t.Errorf("ParsePartialDate(%q) = %v, %v; want %q ok=%v", tc.in, d, err, tc.iso, tc.ok)
		}
		if err != nil && ErrorCode(err) != EINVALID {
			t.Errorf("error code %q, want invalid", ErrorCode(err))
		}
	}
	order := []*PartialDate{Year(2017), Year(2018), {Year: 2018, Month: 1}, Date(2018, 1, 1), Date(2018, 2, 1), nil}
	for i := 0; i+1 < len(order); i++ {
		if ComparePartialDates(order[i], order[i+1]) >= 0 || ComparePartialDates(order[i+1], order[i]) <= 0 {
			t.Errorf("%v should sort before %v", order[i], order[i+1])
		}
	}
	if !InRange(Year(2018), Date(2018, 6, 1), nil) || InRange(Year(2017), Date(2018, 1, 1), nil) || InRange(nil, Year(2000), nil) {
		t.Error("InRange: a year overlaps a range when any day of it does; undated is in no bounded range")
	}
}

func TestMergeIsOrderedByClaims(t *testing.T) {
	a := Node{ID: "org:x", Kind: KindOrganization, Name: "إكس", Names: []Name{{"إكس", Arabic}}, OrgKind: OrgCompany}
	b := Node{ID: "org:x", Kind: KindOrganization, Name: "X Corp", Names: []Name{{"X Corp", English}}, OrgKind: OrgOther, Topics: []string{"energy"}}
	m := Merge([]Node{a, b})
	if m.Name != "X Corp" || m.OrgKind != OrgCompany || len(m.Names) != 2 || len(m.Topics) != 1 {
		t.Errorf("Merge = %+v: want the English name, the first kind, both names, the topics", m)
	}
}

func TestValidate(t *testing.T) {
	good := func() *Facts {
		return &Facts{
			Article:  Article{ID: "article:1", Title: "t", Text: "Qatar signed."},
			Nodes:    []Node{{ID: "country:QA", Kind: KindCountry, Name: "Qatar"}},
			Evidence: []Evidence{{Fact: "country:QA", ArticleID: "article:1", Quote: "Qatar", Start: 0, End: 5}},
		}
	}
	if err := good().Validate(); err != nil {
		t.Fatalf("good facts: %v", err)
	}
	for name, spoil := range map[string]func(*Facts){
		"bad kind":        func(f *Facts) { f.Nodes[0].Kind = "planet" },
		"quote mismatch":  func(f *Facts) { f.Evidence[0].Quote = "Qatat" },
		"offsets outside": func(f *Facts) { f.Evidence[0].End = 99 },
		"dangling edge":   func(f *Facts) { f.Edges = []Edge{{From: "country:QA", Type: BasedIn, To: "country:DE"}} },
		"duplicate node":  func(f *Facts) { f.Nodes = append(f.Nodes, f.Nodes[0]) },
		"no text":         func(f *Facts) { f.Article.Text = " " },
	} {
		f := good()
		spoil(f)
		if err := f.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: Validate = %v, want an invalid error", name, err)
		}
	}
}

func TestParseEdgeKey(t *testing.T) {
	for _, e := range []Edge{
		{From: "person:a", Type: HoldsOffice, To: "country:QA", Title: "Minister of State | Defence"},
		{From: "country:QA", Type: PartyTo, To: "agreement:x"},
	} {
		got, ok := ParseEdgeKey(e.Key())
		if !ok || got != e {
			t.Errorf("ParseEdgeKey(%q) = %+v, %v; want %+v", e.Key(), got, ok, e)
		}
	}
	for _, key := range []string{"country:QA", "", "NOPE|a|b", "PARTY_TO|a"} {
		if _, ok := ParseEdgeKey(key); ok {
			t.Errorf("ParseEdgeKey(%q) reads an edge", key)
		}
	}
}

// TestClaimJSON: a claim's JSON leaves empty fields out and decodes to the
// node under the entity's id.
func TestClaimJSON(t *testing.T) {
	full := Node{ID: "agreement:raw", Kind: KindAgreement, Name: "Defence pact", Names: []Name{{Text: "Defence pact", Lang: English}},
		ISO2: "QA", ISO3: "QAT", OrgKind: "company", Title: "QA–DE defence pact", AgreementKind: "mou",
		Date: &PartialDate{Year: 2024, Month: 5}, Topics: []string{"defence"}}
	for _, tc := range []struct {
		name string
		node Node
		want string // the JSON, where it is short
	}{
		{"Full", full, ""},
		{"Empty", Node{ID: "place:raw", Kind: KindPlace}, `{"ID":"place:doha","Kind":"place"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := Claim{Entity: "place:doha", Node: tc.node}.JSON()
			if err != nil {
				t.Fatal(err)
			}
			if tc.want != "" && data != tc.want {
				t.Errorf("JSON = %s, want %s", data, tc.want)
			}
			var got Node
			if err := json.Unmarshal([]byte(data), &got); err != nil {
				t.Fatal(err)
			}
			want := tc.node
			want.ID = "place:doha"
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded %+v, want %+v", got, want)
			}
		})
	}
}
