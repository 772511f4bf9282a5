package graph

import (
	"reflect"
	"testing"
)

func TestFactsCodec(t *testing.T) {
	text := "قطر وألمانيا: Qatar and Germany signed an MoU."
	f := &Facts{
		Article: Article{ID: "article:x", URL: "https://e.example/x", Title: "T", Source: "S", Published: Date(2025, 5, 3), Lang: English, Text: text},
		Nodes: []Node{
			{ID: "country:QA", Kind: KindCountry, Name: "Qatar", Names: []Name{{"Qatar", English}, {"قطر", Arabic}}, ISO2: "QA", ISO3: "QAT"},
			{ID: "agreement:a", Kind: KindAgreement, Name: "MoU", Title: "MoU", AgreementKind: AgreementMoU, Date: Year(2025), Topics: []string{"water"}},
		},
		Edges:    []Edge{{From: "country:QA", Type: PartyTo, To: "agreement:a", Since: Date(2020, 1, 2)}},
		Evidence: []Evidence{{Fact: "country:QA", ArticleID: "article:x", Quote: "قطر", Start: 0, End: 3}, {Fact: "agreement:a", ArticleID: "article:x", Quote: "MoU", Start: 42, End: 45}},
	}
	if err := f.Validate(); err != nil {
		t.Fatal(err)
	}
	b, err := EncodeFacts(f)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeFacts(b, text)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Errorf("round trip:\n\tgot  %+v\n\twant %+v", got, f)
	}
	if _, err := DecodeFacts([]byte(`{"a":{"i":"article:x"},"v":[["f",0,99]]}`), text); err == nil {
		t.Error("evidence past the text decoded")
	}
}
