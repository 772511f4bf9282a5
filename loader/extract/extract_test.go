package extract_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/extract"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var x = extract.Default()

// article makes an article of a title and body, as the loader does.
func article(title, body string, published *graph.PartialDate) *graph.Article {
	a := &graph.Article{Title: title, Text: title + "\n\n" + body, Published: published}
	a.ID = graph.ArticleID("", title, "", a.Text)
	return a
}

func report(t *testing.T, a *graph.Article) *extract.Report {
	t.Helper()
	f := x.Extract(a)
	if err := f.Validate(); err != nil {
		t.Fatalf("facts do not validate: %v", err)
	}
	return extract.NewReport(f)
}

// TestSeedGolden pins the whole extraction of the seed article.
func TestSeedGolden(t *testing.T) {
	b, err := os.ReadFile("../../seeds/000_cdc891ae099bd5bd.txt")
	if err != nil {
		t.Fatal(err)
	}
	head, body, _ := strings.Cut(string(b), "\n")
	title, _, _ := strings.Cut(head, " | ")
	r := report(t, article(title, strings.TrimSpace(body), nil))
	checkGolden(t, filepath.Join("testdata", "seed.golden.json"), r)
}

// checkGolden compares a report with its golden file, rewriting the file
// under -update.
func checkGolden(t *testing.T, golden string, r *extract.Report) {
	t.Helper()
	got, _ := json.MarshalIndent(r, "", "  ")
	if *update {
		os.WriteFile(golden, append(got, '\n'), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if string(want) != string(got)+"\n" {
		t.Errorf("extraction differs from %s; run go test -update and review the diff", golden)
	}
}

// TestArticlesGolden pins the extraction of short articles of our own
// writing, one per pattern of news prose (testdata/articles/*.txt: title
// line, blank line, body).
func TestArticlesGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/articles/*.txt")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			title, body, _ := strings.Cut(string(b), "\n")
			r := report(t, article(title, strings.TrimSpace(body), nil))
			for i := range r.Countries {
				r.Countries[i].Evidence = nil
			}
			checkGolden(t, strings.TrimSuffix(file, ".txt")+".golden.json", r)
		})
	}
}

type person struct{ name, role, country string }
type agreement struct {
	parties []string
	year    int
	kind    string
}
type meeting struct {
	participants int
	place        string
}

// Each rule of the extractor, on sentences of our own writing.
var rules = []struct {
	name       string
	title      string
	body       string
	published  *graph.PartialDate
	countries  []string
	persons    []person
	agreements []agreement
	meetings   []meeting
}{
	{
		name:      "arabic title then demonym, name before after a comma",
		title:     "عُمان واليابان تبحثان التعاون",
		body:      "استقبل بدر بن حمد البوسعيدي، وزير الخارجية العماني، نظيره الياباني تاكيشي إيوايا في مسقط.",
		countries: []string{"JP", "OM"},
		persons:   []person{{"Badr Albusaidi", "Minister of Foreign Affairs", "OM"}, {"Takeshi Iwaya", "Minister of Foreign Affairs", "JP"}},
		meetings:  []meeting{{2, "Muscat"}},
	},
	{
		name:       "arabic agreement with a company after مع and a year",
		title:      "الكويت توقع مع شركة ألمانية",
		body:       "في عام 2021، وقعت الكويت مع شركة “سيمنس” الألمانية اتفاقية لتطوير شبكة الكهرباء.",
		countries:  []string{"DE", "KW"},
		agreements: []agreement{{[]string{"KW", "Siemens"}, 2021, "agreement"}},
	},
	{
		name:       "english possessive country before title, MoU between countries, weekday resolved",
		title:      "Kenya and Ghana sign trade MoU",
		body:       "Kenya's Trade Minister Grace Wanjiru and his Ghanaian counterpart Kofi Mensah met in Nairobi on Monday. Kenya and Ghana signed a memorandum of understanding on trade.",
		published:  graph.Date(2025, 6, 12),
		countries:  []string{"GH", "KE"},
		persons:    []person{{"Grace Wanjiru", "Minister of Trade", "KE"}, {"Kofi Mensah", "Minister of Trade", "GH"}},
		agreements: []agreement{{[]string{"KE", "GH"}, 2025, "mou"}}, // the day's news: the publication year
		meetings:   []meeting{{2, "Nairobi"}},
	},
	{
		name:      "plural agreements speak in general and make none",
		title:     "تعاون متزايد",
		body:      "شهدت السنوات الماضية توقيع العديد من الاتفاقيات بين مصر والأردن.",
		countries: nil,
	},
	{
		name:       "the two countries fall back to the main pair",
		title:      "المغرب وتونس",
		body:       "يعمل المغرب وتونس على تعزيز العلاقات. وتم توقيع اتفاقية للتعاون في مجال السياحة. وأكد المغرب وتونس أهمية التعاون.",
		countries:  []string{"MA", "TN"},
		agreements: []agreement{{[]string{"MA", "TN"}, 0, "agreement"}},
	},
	{
		name:       "relative dates against the publication date",
		title:      "الكويت والأردن",
		body:       "وقعت الكويت والأردن الشهر الماضي اتفاقية للتعاون في مجال الطاقة.",
		published:  graph.Date(2026, 1, 15),
		countries:  []string{"JO", "KW"},
		agreements: []agreement{{[]string{"KW", "JO"}, 2025, "agreement"}},
	},
	{
		name:       "entry into force is not the signing date",
		title:      "Spain and Peru",
		body:       "The agreement signed between Spain and Peru in March 2015 entered into force in January 2017.",
		countries:  []string{"ES", "PE"},
		agreements: []agreement{{[]string{"ES", "PE"}, 2015, "agreement"}},
	},
	{
		name:       "a year between the parties and the agreement word is no count of agreements",
		title:      "قطر وألمانيا",
		body:       "وقعت قطر وألمانيا عام 2018 اتفاقية للتعاون الأمني.",
		countries:  []string{"DE", "QA"},
		agreements: []agreement{{[]string{"QA", "DE"}, 2018, "agreement"}},
	},
	{
		name:       "a month named in both series",
		title:      "الأردن والعراق",
		body:       "وقع الأردن والعراق في 3 كانون الأول/ديسمبر 2024 مذكرة تفاهم في مجال النقل.",
		countries:  []string{"IQ", "JO"},
		agreements: []agreement{{[]string{"JO", "IQ"}, 2024, "mou"}},
	},
	{
		name:       "last week resolves against the publication date, not the day the ministry spoke",
		title:      "Chile and Peru",
		body:       "Chile and Peru signed a fisheries agreement last week, the ministry said on Monday.",
		published:  graph.Date(2026, 1, 2),
		countries:  []string{"CL", "PE"},
		agreements: []agreement{{[]string{"CL", "PE"}, 2025, "agreement"}},
	},
	{
		name:      "a minister's title listing several portfolios",
		title:     "Talks in Muscat",
		body:      "Oman's Minister of Commerce, Industry and Investment Promotion Salim Al Harthy received Japan's Minister of Economy, Trade and Industry Kenji Ota in Muscat.",
		countries: []string{"JP", "OM"},
		persons:   []person{{"Salim Al Harthy", "Minister of Trade", "OM"}, {"Kenji Ota", "Minister of Economy", "JP"}},
		meetings:  []meeting{{2, "Muscat"}},
	},
	{
		name:       "executives who sign the agreement named before sign it, and do not meet as states",
		title:      "Ammonia study",
		body:       "Nordwind Energie GmbH and Kaito Industries signed a memorandum of understanding on an ammonia plant. The agreement was signed by Nordwind chief executive Lena Brandt and Kaito president Hiro Sato.",
		agreements: []agreement{{[]string{"Nordwind Energie GmbH", "Kaito Industries"}, 0, "mou"}},
	},
	{
		name:      "a city talked about is no place of meeting",
		title:     "Talks",
		body:      "Egypt's Foreign Minister Badr Abdelatty met Jordanian Foreign Minister Ayman Safadi and discussed Gaza.",
		countries: []string{"EG", "JO"},
		persons:   []person{{"Badr Abdelatty", "Minister of Foreign Affairs", "EG"}, {"Ayman Safadi", "Minister of Foreign Affairs", "JO"}},
		meetings:  []meeting{{2, ""}},
	},
	{
		name:       "a government named by its demonym is its state",
		title:      "Refinery",
		body:       "The Kuwaiti government signed a contract with Hyundai to build a refinery.",
		countries:  []string{"KR", "KW"},
		agreements: []agreement{{[]string{"KW", "Hyundai"}, 0, "contract"}},
	},
	{
		name:       "a company described by its country",
		title:      "Desalination",
		body:       "French utility Veolor signed a contract with Saudi developer Rimal Water to build a desalination plant.",
		countries:  []string{"FR", "SA"},
		agreements: []agreement{{[]string{"Veolor", "Rimal Water"}, 0, "contract"}},
	},
	{
		name:       "an agreement's acronym is no organization",
		title:      "Trade pact",
		body:       "Chile and Vietnam signed a Comprehensive Economic Partnership Agreement (CEPA) in Hanoi.",
		countries:  []string{"CL", "VN"},
		agreements: []agreement{{[]string{"CL", "VN"}, 0, "agreement"}},
	},
	{
		name:      "a family name that reads as another country's demonym",
		title:     "زيارة",
		body:      "استقبل رئيس الوزراء الأردني جعفر حسان رئيس الوزراء التونسي أحمد المصري في القاهرة.",
		countries: []string{"JO", "TN"},
		persons:   []person{{"Jafar Hassan", "Prime Minister", "JO"}, {"أحمد المصري", "Prime Minister", "TN"}},
		meetings:  []meeting{{2, "Cairo"}},
	},
	{
		name:       "a dateline's full date stands for the publication date",
		title:      "Qatar and Indonesia",
		body:       "DOHA, May 12, 2025 (QNA) - Trade officials of Qatar and Indonesia gathered in Doha. The two countries signed a memorandum of understanding on trade yesterday.",
		countries:  []string{"ID", "QA"},
		agreements: []agreement{{[]string{"ID", "QA"}, 2025, "mou"}},
	},
	{
		name:      "a surname with a title in the headline is the person named in full in the body",
		title:     "Kenyan Foreign Minister Mudavadi in Tokyo",
		body:      "Kenya's Foreign Minister Musalia Mudavadi met Japanese Foreign Minister Takeshi Iwaya in Tokyo.",
		countries: []string{"JP", "KE"},
		persons:   []person{{"Musalia Mudavadi", "Minister of Foreign Affairs", "KE"}, {"Takeshi Iwaya", "Minister of Foreign Affairs", "JP"}},
		meetings:  []meeting{{2, "Tokyo"}},
	},
	{
		name:      "a style in capitals is no part of the name",
		title:     "Talks",
		body:      "HE Dr. Hamad bin Saleh Al Mannai, Minister of State of Qatar, met HE Ana Ferreira, Minister of Economy of Portugal, in Lisbon.",
		countries: []string{"PT", "QA"},
		persons:   []person{{"Hamad bin Saleh Al Mannai", "Minister of State", "QA"}, {"Ana Ferreira", "Minister of Economy", "PT"}},
		meetings:  []meeting{{2, "Lisbon"}},
	},
	{
		name:       "a ministry in lower case after a capital's possessive, in US spelling",
		title:      "Howitzers",
		body:       "Seoul's defense ministry signed a contract with Poland's Armament Agency for 150 howitzers.",
		countries:  []string{"KR", "PL"},
		agreements: []agreement{{[]string{"South Korean Ministry of Defence", "Armament Agency"}, 0, "contract"}},
	},
	{
		name:       "an event named with its year dates what is signed at it",
		title:      "Climate",
		body:       "Egypt and Kenya signed a memorandum of understanding on climate on the sidelines of the 2023 Africa Climate Summit in Nairobi.",
		countries:  []string{"EG", "KE"},
		agreements: []agreement{{[]string{"EG", "KE"}, 2023, "mou"}},
	},
	{
		name:       "an acronym set off by commas belongs to the name; the country after a ministry's name is no party",
		title:      "Loan",
		body:       "The Kuwait Fund for Arab Economic Development, KFAED, and the Ministry of Finance of Rwanda signed a loan agreement for a hospital.",
		countries:  []string{"KW", "RW"},
		agreements: []agreement{{[]string{"Kuwait Fund for Arab Economic Development", "Rwandan Ministry of Finance"}, 0, "other"}}, // a loan
	},
	{
		name:       "an agreement undated dates by the signing told sentences before",
		title:      "Hydrogen",
		body:       "Projects will rest on agreements signed by the ministers of Chile and Japan on the margins of the 2025 Tokyo Energy Forum. \"We are proud,\" the Chilean minister said. \"Hydrogen is the future.\" \"Our ports are ready.\" The ministers signed an agreement to support a hydrogen programme.",
		countries:  []string{"CL", "JP"},
		agreements: []agreement{{[]string{"CL", "JP"}, 2025, "agreement"}},
	},
	{
		name:       "a speaker is no party; a state's earlier deal is with its last counterpart",
		title:      "Howitzers",
		body:       "Romania on Monday signed a deal to buy howitzers from Hanwha Aerospace, Seoul's defense ministry said, marking the largest export contract of the year. It follows a contract Romania signed in 2023 for ammunition.",
		countries:  []string{"KR", "RO"},
		agreements: []agreement{{[]string{"RO", "Hanwha"}, 0, "contract"}, {[]string{"RO", "Hanwha"}, 2023, "contract"}}, // the deal is the export contract told again
	},
	{
		name:       "a dateline without a year dates nothing",
		title:      "قطر وإندونيسيا",
		body:       "الدوحة في 12 مايو /قنا/ وقعت قطر وإندونيسيا أمس مذكرة تفاهم في مجال التجارة.",
		countries:  []string{"ID", "QA"},
		agreements: []agreement{{[]string{"QA", "ID"}, 0, "mou"}},
	},
}

func TestRules(t *testing.T) {
	for _, tc := range rules {
		t.Run(tc.name, func(t *testing.T) {
			r := report(t, article(tc.title, tc.body, tc.published))
			var countries []string
			for _, c := range r.Countries {
				countries = append(countries, c.ISO2)
			}
			slices.Sort(countries)
			if !slices.Equal(countries, tc.countries) {
				t.Errorf("countries = %v, want %v", countries, tc.countries)
			}
			if tc.persons != nil {
				var got []person
				for _, p := range r.Persons {
					got = append(got, person{p.Names[0], deref(p.Role), deref(p.Country)})
				}
				if !slices.Equal(got, tc.persons) {
					t.Errorf("persons = %v, want %v", got, tc.persons)
				}
			}
			var got []agreement
			for _, a := range r.Agreements {
				y := 0
				if a.Year != nil {
					y = *a.Year
				}
				got = append(got, agreement{a.Parties, y, a.Kind})
			}
			if !slices.EqualFunc(got, tc.agreements, func(a, b agreement) bool {
				return slices.Equal(a.parties, b.parties) && a.year == b.year && a.kind == b.kind
			}) {
				t.Errorf("agreements = %v, want %v", got, tc.agreements)
			}
			var meetings []meeting
			for _, m := range r.Meetings {
				meetings = append(meetings, meeting{len(m.Participants), deref(m.Place)})
			}
			if !slices.Equal(meetings, tc.meetings) {
				t.Errorf("meetings = %v, want %v", meetings, tc.meetings)
			}
		})
	}
}

func TestEvidenceQuotesTheText(t *testing.T) {
	a := article("Oman and Japan", "Oman and Japan signed an agreement on energy.", nil)
	f := x.Extract(a)
	if len(f.Evidence) == 0 {
		t.Fatal("no evidence")
	}
	runes := []rune(a.Text)
	for _, e := range f.Evidence {
		if string(runes[e.Start:e.End]) != e.Quote || e.ArticleID != a.ID {
			t.Errorf("evidence %+v does not quote the article", e)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
