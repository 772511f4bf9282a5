package graph

import "testing"

func TestTitles(t *testing.T) {
	ar := &TitleWords{Kinds: map[AgreementKind]string{AgreementMoU: "مذكرة تفاهم", AgreementGeneral: "اتفاقية"},
		Topics: map[string]string{"water": "المياه", "rail": "السكك الحديدية"}, Meeting: "لقاء", Between: "بين", On: "في مجال", In: "في", And: "و"}
	qa := &Node{ID: "country:QA", Name: "Qatar", Names: []Name{{"Qatar", English}, {"قطر", Arabic}}}
	de := &Node{ID: "country:DE", Name: "Germany", Names: []Name{{"Germany", English}, {"ألمانيا", Arabic}}}
	rh := &Node{ID: "org:rheinmetall", Name: "Rheinmetall"} // no Arabic name known
	mou := &Node{Kind: KindAgreement, AgreementKind: AgreementMoU, Topics: []string{"water", "rail", "space", "health"}}
	doha := &Node{Name: "Doha", Names: []Name{{"Doha", English}, {"الدوحة", Arabic}}}
	for _, tt := range []struct {
		name, got, want string
	}{
		{"agreement EN", AgreementTitle(mou, []*Node{qa, de}, English, ar), "Qatar – Germany memorandum of understanding on water, rail, space"},
		{"agreement AR", AgreementTitle(mou, []*Node{qa, de}, Arabic, ar), "مذكرة تفاهم بين قطر وألمانيا في مجال المياه والسكك الحديدية و space"},
		{"agreement AR, a name known in English only", AgreementTitle(&Node{AgreementKind: AgreementGeneral}, []*Node{qa, rh}, Arabic, ar), "اتفاقية بين قطر و Rheinmetall"},
		{"meeting EN", MeetingTitle([]*Node{qa, de}, doha, English, ar), "Meeting of Qatar, Germany in Doha"},
		{"meeting AR", MeetingTitle([]*Node{qa, de}, doha, Arabic, ar), "لقاء قطر وألمانيا في الدوحة"},
		{"meeting AR without words", MeetingTitle([]*Node{qa}, nil, Arabic, nil), "Meeting of قطر"},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}
