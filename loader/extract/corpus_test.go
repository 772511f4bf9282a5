package extract_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader/extract"
	"github.com/alaqat/alaqat/loader/gazetteer"
)

// The benchmark corpus: news articles in Arabic, English and both, written
// from templates of our own (meetings, visits, agreements, companies,
// ministers, dates) and filler paragraphs of plain news prose that names
// nothing. The generator is deterministic: the same seed gives the same
// articles, so throughput figures compare across changes.

// corpusCountry is a country as the templates write it.
type corpusCountry struct {
	en, demEN, capEN string
	ar, demAR, capAR string
}

var corpusCountries = []corpusCountry{
	{"Qatar", "Qatari", "Doha", "قطر", "القطري", "الدوحة"},
	{"Germany", "German", "Berlin", "ألمانيا", "الألماني", "برلين"},
	{"France", "French", "Paris", "فرنسا", "الفرنسي", "باريس"},
	{"Turkey", "Turkish", "Ankara", "تركيا", "التركي", "أنقرة"},
	{"Egypt", "Egyptian", "Cairo", "مصر", "المصري", "القاهرة"},
	{"India", "Indian", "New Delhi", "الهند", "الهندي", "نيودلهي"},
	{"Japan", "Japanese", "Tokyo", "اليابان", "الياباني", "طوكيو"},
	{"Italy", "Italian", "Rome", "إيطاليا", "الإيطالي", "روما"},
	{"Morocco", "Moroccan", "Rabat", "المغرب", "المغربي", "الرباط"},
	{"Kenya", "Kenyan", "Nairobi", "كينيا", "الكيني", "نيروبي"},
	{"Brazil", "Brazilian", "Brasilia", "البرازيل", "البرازيلي", "برازيليا"},
	{"Spain", "Spanish", "Madrid", "إسبانيا", "الإسباني", "مدريد"},
	{"Jordan", "Jordanian", "Amman", "الأردن", "الأردني", "عمان"},
	{"Greece", "Greek", "Athens", "اليونان", "اليوناني", "أثينا"},
	{"Indonesia", "Indonesian", "Jakarta", "إندونيسيا", "الإندونيسي", "جاكرتا"},
	{"Canada", "Canadian", "Ottawa", "كندا", "الكندي", "أوتاوا"},
}

// corpusOffice is an office title: English before the name, Arabic after
// the title word and before the demonym.
type corpusOffice struct{ en, ar string }

var corpusOffices = []corpusOffice{
	{"Foreign Minister", "وزير الخارجية"},
	{"Defence Minister", "وزير الدفاع"},
	{"Economy Minister", "وزير الاقتصاد"},
	{"Interior Minister", "وزير الداخلية"},
	{"Energy Minister", "وزير الطاقة"},
	{"Trade Minister", "وزير التجارة"},
	{"Prime Minister", "رئيس الوزراء"},
}

// Invented persons, so that the rules read names the gazetteer does not
// know; a few well-known ones exercise the gazetteer's persons.
var corpusNamesEN = []string{
	"Daniel Werner", "Amina Yusuf", "Lukas Brandt", "Sofia Marchetti", "Kenji Watanabe",
	"Rahul Mehta", "Claire Dubois", "Omar Haddad", "Elena Petrova", "Mehmet Aydin",
	"Carlos Ribeiro", "Nadia Benali", "Jonas Lindqvist", "Grace Wanjiru", "Hassan bin Ali Al Kuwari",
	"Emmanuel Macron", "Narendra Modi",
}

var corpusNamesAR = []string{
	"خالد بن سعيد المري", "سامر الخطيب", "ليلى حداد", "يوسف العلي", "مريم الكواري",
	"فيصل بن ناصر آل سعود", "هشام عبد الرحمن", "نورة السليطي", "طارق منصور", "رانيا عادل",
	"عبد الله بن محمد العطية", "كريم بن يوسف", "إيمانويل ماكرون",
}

var corpusCompaniesEN = []string{
	"Northwind Marine Services Company", "Atlas Rail Systems", "Crescent Energy Group",
	"Blue Harbor Shipyards", "Meridian Aerospace Industries", "Airbus", "Rheinmetall", "Siemens",
}

var corpusCompaniesAR = []string{"نجمة البحر", "الريان للطاقة", "أطلس للسكك", "إيرباص", "راينميتال"}

var corpusTopics = []struct{ en, ar string }{
	{"energy", "الطاقة"}, {"defence", "الدفاع"}, {"trade", "التجارة"}, {"investment", "الاستثمار"},
	{"education", "التعليم"}, {"health", "الصحة"}, {"tourism", "السياحة"}, {"rail transport", "النقل بالسكك الحديدية"},
	{"cybersecurity", "الأمن السيبراني"}, {"agriculture", "الزراعة"},
}

var (
	corpusMonthsEN   = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	corpusMonthsAR   = []string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}
	corpusWeekdaysEN = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	corpusWeekdaysAR = []string{"الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"}
)

// Filler: plain news prose that names no country, person or organization.
var corpusFillerEN = []string{
	"Markets were mixed on the day, with traders weighing fresh figures on growth and prices.",
	"Officials said the talks had been planned for several months and covered a wide range of issues.",
	"Analysts expect the discussions to continue at a technical level in the coming weeks.",
	"The weather in the capital was mild, and traffic around the venue was diverted for most of the afternoon.",
	"A spokesperson declined to give further details, saying a statement would follow in due course.",
	"Observers noted that the tone of the meeting was cordial and that both delegations appeared optimistic.",
	"Local newspapers devoted several pages to the event, with photographs of the welcoming ceremony.",
	"Economists say the outlook for the region depends largely on energy prices and on demand for exports.",
	"The committee will meet again to review progress on the projects that were discussed.",
	"Residents interviewed near the old market said they hoped the new projects would bring jobs.",
}

var corpusFillerAR = []string{
	"وشهدت الأسواق المحلية تداولات هادئة خلال الأسبوع، وسط ترقب المستثمرين لبيانات النمو الجديدة.",
	"وقال مسؤولون إن المحادثات جرى التحضير لها منذ أشهر وتناولت عددا واسعا من القضايا.",
	"ويتوقع محللون أن تتواصل النقاشات على المستوى الفني خلال الأسابيع المقبلة.",
	"وكانت الأجواء معتدلة في العاصمة، فيما جرى تحويل حركة السير حول مكان الحدث طوال فترة الظهيرة.",
	"وامتنع متحدث رسمي عن تقديم مزيد من التفاصيل، مشيرا إلى أن بيانا سيصدر لاحقا.",
	"ولاحظ مراقبون أن أجواء اللقاء كانت ودية وأن الوفدين بدوا متفائلين بالنتائج.",
	"وخصصت الصحف المحلية عدة صفحات للحدث، مع صور من مراسم الاستقبال الرسمية.",
	"ويرى خبراء الاقتصاد أن آفاق المنطقة تعتمد إلى حد كبير على أسعار الطاقة والطلب على الصادرات.",
	"وستجتمع اللجنة مجددا لمراجعة التقدم المحرز في المشاريع التي نوقشت.",
	"وأعرب سكان التقتهم الصحيفة قرب السوق القديمة عن أملهم في أن توفر المشاريع الجديدة فرص عمل.",
}

// corpusGen writes articles from the templates.
type corpusGen struct{ r *rand.Rand }

func pickOf[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// two returns two different countries.
func (g *corpusGen) two() (corpusCountry, corpusCountry) {
	i := g.r.IntN(len(corpusCountries))
	j := (i + 1 + g.r.IntN(len(corpusCountries)-1)) % len(corpusCountries)
	return corpusCountries[i], corpusCountries[j]
}

func (g *corpusGen) fillerEN(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pickOf(g.r, corpusFillerEN))
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

func (g *corpusGen) fillerAR(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(pickOf(g.r, corpusFillerAR))
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

func (g *corpusGen) english() (string, []string) {
	a, c := g.two()
	o1, o2 := pickOf(g.r, corpusOffices), pickOf(g.r, corpusOffices)
	p1, p2 := pickOf(g.r, corpusNamesEN), pickOf(g.r, corpusNamesEN)
	t1, t2 := pickOf(g.r, corpusTopics), pickOf(g.r, corpusTopics)
	co := pickOf(g.r, corpusCompaniesEN)
	day, month, year := 1+g.r.IntN(28), pickOf(g.r, corpusMonthsEN), 2015+g.r.IntN(11)
	wd := pickOf(g.r, corpusWeekdaysEN)
	var paras []string
	var title string
	switch g.r.IntN(4) {
	case 0: // a meeting
		title = fmt.Sprintf("%s, %s discuss %s ties", a.en, c.en, t1.en)
		paras = append(paras,
			fmt.Sprintf("%s, %s %d (Newswire) - %s %s %s met his %s counterpart %s in %s on %s, the ministry said.", strings.ToUpper(a.capEN), month[:3], day, a.demEN, o1.en, p1, c.demEN, p2, a.capEN, wd),
			fmt.Sprintf("The two ministers discussed cooperation in %s and %s, and ways to expand trade between the two countries.", t1.en, t2.en))
	case 1: // an agreement
		title = fmt.Sprintf("%s and %s sign %s agreement", a.en, c.en, t1.en)
		paras = append(paras,
			fmt.Sprintf("%s and %s signed a memorandum of understanding on %s cooperation on %s %d, %d.", a.en, c.en, t1.en, month, day, year),
			fmt.Sprintf("The agreement was signed in %s by %s %s %s and %s %s %s.", c.capEN, a.demEN, o1.en, p1, c.demEN, o2.en, p2))
	case 2: // a company contract
		title = fmt.Sprintf("%s wins %s contract", co, c.demEN)
		paras = append(paras,
			fmt.Sprintf("%s signed a contract with the government of %s to supply %d vessels, the company said on %s.", co, c.en, 2+g.r.IntN(20), wd),
			fmt.Sprintf("%s's %s %s said the deal would support jobs in %s and %s.", c.en, o2.en, p2, t1.en, t2.en))
	default: // a visit
		title = fmt.Sprintf("%s minister visits %s", a.demEN, c.en)
		paras = append(paras,
			fmt.Sprintf("%s %s %s arrived in %s on %s for a two-day visit, during which he will meet senior officials.", a.demEN, o1.en, p1, c.capEN, wd),
			fmt.Sprintf("The visit comes after the two countries agreed last year to deepen cooperation in %s.", t2.en))
	}
	for range 2 + g.r.IntN(5) {
		paras = append(paras, g.fillerEN(2+g.r.IntN(4)))
	}
	if g.r.IntN(3) == 0 {
		paras = append(paras, fmt.Sprintf("\u201cWe are looking forward to working closely with our partners in %s on %s,\u201d %s said.", c.en, t2.en, p2))
	}
	return title, paras
}

func (g *corpusGen) arabic() (string, []string) {
	a, c := g.two()
	o1, o2 := pickOf(g.r, corpusOffices), pickOf(g.r, corpusOffices)
	p1, p2 := pickOf(g.r, corpusNamesAR), pickOf(g.r, corpusNamesAR)
	t1, t2 := pickOf(g.r, corpusTopics), pickOf(g.r, corpusTopics)
	co := pickOf(g.r, corpusCompaniesAR)
	day, month, year := 1+g.r.IntN(28), pickOf(g.r, corpusMonthsAR), 2015+g.r.IntN(11)
	wd := pickOf(g.r, corpusWeekdaysAR)
	var paras []string
	var title string
	switch g.r.IntN(4) {
	case 0:
		title = fmt.Sprintf("%s و%s تبحثان تعزيز التعاون في مجال %s", a.ar, c.ar, t1.ar)
		paras = append(paras,
			fmt.Sprintf("استقبل %s %s السيد %s في %s يوم %s نظيره %s %s، وبحث الجانبان سبل تعزيز التعاون في مجالي %s و%s.", o1.ar, a.demAR, p1, a.capAR, wd, c.demAR, p2, t1.ar, t2.ar),
			"وأكد الوزيران خلال اللقاء أهمية مواصلة التنسيق والتشاور إزاء القضايا ذات الاهتمام المشترك.")
	case 1:
		title = fmt.Sprintf("توقيع اتفاقية تعاون بين %s و%s", a.ar, c.ar)
		paras = append(paras,
			fmt.Sprintf("وقعت %s و%s في %s اتفاقية للتعاون في مجال %s بتاريخ %d %s %d.", a.ar, c.ar, c.capAR, t1.ar, day, month, year),
			fmt.Sprintf("ووقع الاتفاقية عن الجانب %s %s %s، وعن الجانب %s %s %s.", strings.TrimPrefix(a.demAR, "ال"), o1.ar, p1, strings.TrimPrefix(c.demAR, "ال"), o2.ar, p2))
	case 2:
		title = fmt.Sprintf("شركة %s توقع عقدا في %s", co, c.ar)
		paras = append(paras,
			fmt.Sprintf("وقعت شركة \u201c%s\u201d عقدا مع حكومة %s لتوريد %d سفن، بحسب بيان صدر %s.", co, c.ar, 2+g.r.IntN(20), wd),
			fmt.Sprintf("وقال %s %s %s إن العقد سيسهم في دعم قطاعي %s و%s.", o2.ar, c.demAR, p2, t1.ar, t2.ar))
	default:
		title = fmt.Sprintf("%s %s يزور %s", o1.ar, a.demAR, c.ar)
		paras = append(paras,
			fmt.Sprintf("وصل %s %s %s إلى %s يوم %s في زيارة رسمية تستغرق يومين.", o1.ar, a.demAR, p1, c.capAR, wd),
			fmt.Sprintf("وتأتي الزيارة بعد أن اتفق البلدان العام الماضي على تعميق التعاون في مجال %s.", t2.ar))
	}
	for range 2 + g.r.IntN(5) {
		paras = append(paras, g.fillerAR(2+g.r.IntN(4)))
	}
	if g.r.IntN(3) == 0 {
		paras = append(paras, fmt.Sprintf("وقال %s: \u00ab نتطلع إلى العمل عن قرب مع شركائنا في %s في مجال %s خلال المرحلة المقبلة \u00bb.", p2, c.ar, t2.ar))
	}
	return title, paras
}

// corpus returns n articles: half Arabic, a third English, the rest mixed
// (an Arabic story quoting English wire copy), some with a publication
// date so that weekdays and relative dates resolve.
func corpus(n int) []*graph.Article {
	g := &corpusGen{r: rand.New(rand.NewPCG(2026, 4))}
	out := make([]*graph.Article, 0, n)
	for i := range n {
		var title string
		var paras []string
		switch i % 6 {
		case 0, 1, 2:
			title, paras = g.arabic()
		case 3, 4:
			title, paras = g.english()
		default:
			t, ar := g.arabic()
			_, en := g.english()
			title, paras = t, append(ar, en...)
		}
		var published *graph.PartialDate
		if g.r.IntN(2) == 0 {
			published = graph.Date(2018+g.r.IntN(8), 1+g.r.IntN(12), 1+g.r.IntN(28))
		}
		out = append(out, article(title, strings.Join(paras, "\n\n"), published))
	}
	return out
}

// TestExtractConcurrently checks that one extractor serves several
// goroutines at once, its gazetteer's lazily built indexes included (run
// with -race), and that they read what one goroutine reads.
func TestExtractConcurrently(t *testing.T) {
	g, err := gazetteer.WithExtra(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	xc := extract.New(g)
	arts := corpus(24)
	want := make([]string, len(arts))
	for i, a := range arts {
		b, _ := json.Marshal(x.Extract(a))
		want[i] = string(b)
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range arts {
				a := arts[(i+w*5)%len(arts)]
				if b, _ := json.Marshal(xc.Extract(a)); string(b) != want[(i+w*5)%len(arts)] {
					t.Errorf("goroutine %d reads %q differently", w, a.Title)
				}
			}
		})
	}
	wg.Wait()
}
