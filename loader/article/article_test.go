package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

// golden is what a fixture parses to.
type golden struct {
	Format   Format    `json:"format"`
	Articles []Article `json:"articles"`
	Error    string    `json:"error,omitempty"`
}

// fixtures lists the input files of testdata.
func fixtures(t testing.TB) []string {
	t.Helper()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".golden.json") {
			names = append(names, e.Name())
		}
	}
	if len(names) < 10 {
		t.Fatalf("only %d fixtures in testdata", len(names))
	}
	return names
}

// readFixture parses a fixture the way a command line would: format from
// DetectFormat on its name and content.
func readFixture(t *testing.T, name string) (Format, []Article, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f := DetectFormat(name, data)
	arts, err := Read(bytes.NewReader(data), name, f)
	return f, arts, err
}

func TestGolden(t *testing.T) {
	seen := map[string]bool{}
	for _, name := range fixtures(t) {
		path := filepath.Join("testdata", name+".golden.json")
		seen[filepath.Base(path)] = true
		t.Run(name, func(t *testing.T) {
			f, arts, err := readFixture(t, name)
			g := golden{Format: f, Articles: arts}
			if err != nil {
				g.Error = err.Error()
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(g); err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("output differs from %s (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", path, buf.Bytes(), want)
			}
		})
	}
	goldens, _ := filepath.Glob(filepath.Join("testdata", "*.golden.json"))
	for _, g := range goldens {
		if !seen[filepath.Base(g)] {
			t.Errorf("%s has no fixture", g)
		}
	}
}

// TestFixtures states, independently of the golden files, what matters in
// each fixture's parse.
func TestFixtures(t *testing.T) {
	tests := []struct {
		file    string
		format  Format
		n       int      // articles
		errs    []string // substrings of the error; none means no error
		check   func(t *testing.T, arts []Article)
		noTexts []string // must not appear in any article's text
	}{
		{file: "oman-japan-ar.txt", format: TXT, n: 1, check: func(t *testing.T, a []Article) {
			want(t, "Title", a[0].Title, "وزير خارجية عُمان يزور طوكيو لبحث التعاون في الطاقة")
			want(t, "Source", a[0].Source, "صحيفة الساحل")
			want(t, "URL", a[0].URL, "https://example.com/ar/news/oman-japan-visit")
			want(t, "Published", a[0].Published, "2024-10-14")
			want(t, "Lang", a[0].Lang, "ar")
			want(t, "Origin", a[0].Origin, "oman-japan-ar.txt")
			if got := strings.Count(a[0].Text, "\n\n"); got != 2 {
				t.Errorf("want 3 paragraphs, got %d breaks in %q", got, a[0].Text)
			}
			if !strings.HasPrefix(a[0].Text, "وصل وزير") {
				t.Errorf("text should start with the body: %q", a[0].Text)
			}
		}, noTexts: []string{"URL:", "Published:", "صحيفة الساحل", "\n\n\n"}},
		{file: "kenya-norway-en.txt", format: TXT, n: 1, check: func(t *testing.T, a []Article) {
			want(t, "Title", a[0].Title, "Kenya and Norway sign fisheries research pact")
			want(t, "Source", a[0].Source, "Coastal Herald")
			want(t, "Published", a[0].Published, "2025-03-03")
			want(t, "Lang", a[0].Lang, "en")
			if !strings.Contains(a[0].Text, "\n\nSource: officials from both ministries") {
				t.Errorf("a body line that looks like a header must stay: %q", a[0].Text)
			}
		}, noTexts: []string{"\r", "\ufeff", "Coastal Herald", "Date:"}},
		{file: "title-only.txt", format: TXT, errs: []string{"title-only.txt: no article text"}},
		{file: "empty.txt", format: TXT, errs: []string{"empty.txt: empty file"}},
		{file: "blank.md", format: MD, errs: []string{"blank.md: empty file"}},
		{file: "legacy-1256.txt", format: TXT, errs: []string{"legacy-1256.txt: not valid UTF-8 (byte offset 0, line 1)"}},
		{file: "page-en.html", format: HTML, n: 1, check: func(t *testing.T, a []Article) {
			want(t, "Title", a[0].Title, "Chile and Vietnam agree to expand fruit trade")
			want(t, "Source", a[0].Source, "The Harbour Post")
			want(t, "URL", a[0].URL, "https://harbourpost.example/world/chile-vietnam-fruit")
			want(t, "Published", a[0].Published, "2025-02-11") // as stated, not converted to UTC
			for _, s := range []string{"within 48 hours of arrival — down from about a week & a half.", "Next steps\n\nA working group", "Chilean cherries and Vietnamese dragon fruit"} {
				if !strings.Contains(a[0].Text, s) {
					t.Errorf("text lacks %q:\n%s", s, a[0].Text)
				}
			}
		}, noTexts: []string{"football", "Share this", "Valparaíso", "tracking", "rights reserved", "Business", "staff reporter", "Vietnam\n\nChile"}},
		{file: "page-ar-1256.html", format: HTML, n: 1, check: func(t *testing.T, a []Article) {
			want(t, "Title", a[0].Title, "الأردن والمغرب يوقعان اتفاقية للنقل البحري")
			want(t, "Source", a[0].Source, "بوابة المشرق")
			want(t, "Published", a[0].Published, "2025-01-27")
			want(t, "Lang", a[0].Lang, "ar")
			if !strings.HasPrefix(a[0].Text, "وقّع الأردن والمغرب") || strings.Count(a[0].Text, "\n\n") != 2 {
				t.Errorf("want the three paragraphs of the content div, got %q", a[0].Text)
			}
		}, noTexts: []string{"اقرأ أيضاً", "إعلان", "الرئيسية"}},
		{file: "note-ar.md", format: MD, n: 1, check: func(t *testing.T, a []Article) {
			want(t, "Title", a[0].Title, "مصر وسنغافورة تبحثان إنشاء منطقة لوجستية مشتركة")
			want(t, "Source", a[0].Source, "نشرة الموانئ")
			want(t, "URL", a[0].URL, "https://example.org/ar/egypt-singapore-logistics")
			want(t, "Published", a[0].Published, "2024-11-05")
			for _, s := range []string{
				"بحث وزير النقل المصري مع نظيره السنغافوري في القاهرة، الثلاثاء، إنشاء منطقة لوجستية مشتركة قرب قناة السويس.",
				"\n\nأبرز ما تم الاتفاق عليه\n\nتشكيل فريق عمل",
				"دراسة جدوى خلال ستة أشهر.", "منصة port_data_hub الرقمية", "المشروع *سيخلق* آلاف",
				`port_code = "EG-SUEZ"`, "ضمن نشرة تغطية",
			} {
				if !strings.Contains(a[0].Text, s) {
					t.Errorf("text lacks %q:\n%s", s, a[0].Text)
				}
			}
		}, noTexts: []string{"**", "](", "صورة الميناء", "#", "> ", "```", "~~", "- ", "1.", "tags", "---"}},
		{file: "brief-en.md", format: MD, n: 1, check: func(t *testing.T, a []Article) {
			want(t, "Title", a[0].Title, "Peru and South Korea open talks on a lithium partnership")
			for _, s := range []string{"Lima — Peru's", "discuss joint investment", "ministry's website.", "by Q3 2025,", "2 * 3 rotation."} {
				if !strings.Contains(a[0].Text, s) {
					t.Errorf("text lacks %q:\n%s", s, a[0].Text)
				}
			}
		}, noTexts: []string{"# ", "[site]", "example.net", "`"}},
		{file: "articles.json", format: JSON, n: 2, errs: []string{"articles.json: record 3: no article text"}, check: func(t *testing.T, a []Article) {
			want(t, "Source", a[0].Source, "West Coast Monitor")
			want(t, "Published", a[0].Published, "2025-01-20")
			want(t, "Text", a[0].Text, "Ghana and Brazil renewed a cocoa research agreement on Monday.\n\nThe deal covers disease-resistant seedlings & soil studies.")
			want(t, "Origin", a[0].Origin, "articles.json#1")
			want(t, "Title", a[1].Title, "قطر وفنلندا تبحثان التعاون في التعليم")
			want(t, "URL", a[1].URL, "https://example.com/ar/qatar-finland")
			want(t, "Source", a[1].Source, "منصة الخليج الرقمية")
			want(t, "Published", a[1].Published, "2025-01-12")
			want(t, "Lang", a[1].Lang, "ar")
		}},
		{file: "bad.json", format: JSON, errs: []string{"bad.json: line 3: invalid character ','"}},
		{file: "records.jsonl", format: JSONL, n: 2, errs: []string{"records.jsonl: line 3: ", "records.jsonl: line 5: no article text"}, check: func(t *testing.T, a []Article) {
			want(t, "Origin", a[0].Origin, "records.jsonl:1")
			want(t, "Source", a[0].Source, "Atlantic Briefing")
			want(t, "Published", a[0].Published, "2024-08-02")
			want(t, "Origin", a[1].Origin, "records.jsonl:4")
			want(t, "Published", a[1].Published, "2024-09-03") // Unix time 1725350400
			want(t, "Lang", a[1].Lang, "ar")
		}},
		{file: "stdin-sniff", format: JSONL, n: 2},
		{file: "feed.rss", format: RSS, n: 2, errs: []string{"feed.rss: item 2: no article text"}, check: func(t *testing.T, a []Article) {
			want(t, "Title", a[0].Title, "Bahrain and Portugal sign air services deal")
			want(t, "Source", a[0].Source, "Gulf Wire Daily")
			want(t, "Published", a[0].Published, "2025-03-05")
			want(t, "Text", a[0].Text, "Bahrain and Portugal signed an air services agreement in Manama on Wednesday.\n\nThe deal allows up to fourteen weekly flights between the two capitals.")
			want(t, "Origin", a[1].Origin, "feed.rss#3")
			want(t, "URL", a[1].URL, "https://gulfwire.example/ar/tunisia-greece")
			want(t, "Source", a[1].Source, "وكالة المتوسط")
			want(t, "Published", a[1].Published, "2025-03-07")
			want(t, "Text", a[1].Text, "وقعت تونس واليونان مذكرة تفاهم لتعزيز التعاون في مجال السياحة.\n\nوتشمل المذكرة تبادل الخبرات في الترويج المشترك.\n\nوتنظيم معارض سنوية.")
		}, noTexts: []string{"teaser", "<p>", "&lt;"}},
		{file: "feed.atom", format: RSS, n: 2, check: func(t *testing.T, a []Article) {
			want(t, "Source", a[0].Source, "Andes & Pacific Review")
			want(t, "URL", a[0].URL, "https://andes.example/bolivia-indonesia-tin")
			want(t, "Published", a[0].Published, "2025-04-01")
			want(t, "Text", a[0].Text, "Bolivia and Indonesia agreed to study joint tin smelting projects.\n\nA feasibility study is due in 2026.")
			want(t, "Title", a[1].Title, "Ecuador & Morocco discuss fisheries")
			want(t, "URL", a[1].URL, "https://andes.example/ecuador-morocco")
			want(t, "Published", a[1].Published, "2025-03-30")
			want(t, "Text", a[1].Text, "Ecuador and Morocco discussed fisheries monitoring in Quito.\n\nBoth sides said 5 < 6 patrol vessels would be shared.")
		}},
		{file: "feed-broken.xml", format: RSS, n: 2, errs: []string{"feed-broken.xml: item 2: line 13: XML syntax error"}, check: func(t *testing.T, a []Article) {
			want(t, "Origin", a[0].Origin, "feed-broken.xml#1")
			want(t, "Published", a[0].Published, "2025-06-02")
			want(t, "Origin", a[1].Origin, "feed-broken.xml#3")
			want(t, "Published", a[1].Published, "2025-06-04")
			want(t, "Source", a[1].Source, "Savanna Trade Notes")
		}},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		covered[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			f, arts, err := readFixture(t, tc.file)
			if f != tc.format {
				t.Errorf("DetectFormat = %q, want %q", f, tc.format)
			}
			if len(arts) != tc.n {
				t.Fatalf("got %d articles, want %d (err: %v)", len(arts), tc.n, err)
			}
			checkErr(t, err, tc.errs)
			for _, a := range arts {
				checkInvariants(t, a)
				for _, s := range tc.noTexts {
					if strings.Contains(a.Text, s) {
						t.Errorf("%s: text holds %q:\n%s", a.Origin, s, a.Text)
					}
				}
			}
			if tc.check != nil {
				tc.check(t, arts)
			}
		})
	}
	for _, name := range fixtures(t) {
		if !covered[name] {
			t.Errorf("fixture %s has no case in TestFixtures", name)
		}
	}
}

func want(t *testing.T, field, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", field, got, want)
	}
}

// checkErr asserts that err holds each of subs (and is nil when subs is
// empty).
func checkErr(t *testing.T, err error, subs []string) {
	t.Helper()
	if len(subs) == 0 {
		if err != nil {
			t.Errorf("unexpected error: %v", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("no error, want one containing %q", subs)
	}
	for _, s := range subs {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q lacks %q", err, s)
		}
	}
}

// checkInvariants asserts what holds for every article Read returns.
func checkInvariants(t testing.TB, a Article) {
	t.Helper()
	if a.Text == "" {
		t.Errorf("%s: empty text", a.Origin)
	}
	if a.Text != strings.TrimSpace(a.Text) || strings.Contains(a.Text, "\n\n\n") || strings.Contains(a.Text, "\r") {
		t.Errorf("%s: text not normalised: %q", a.Origin, a.Text)
	}
	for _, s := range []string{a.URL, a.Title, a.Source, a.Published, a.Text, a.Origin} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: field not UTF-8: %q", a.Origin, s)
		}
	}
	if strings.Contains(a.Title, "\n") || strings.Contains(a.Source, "\n") {
		t.Errorf("%s: title or source spans lines: %q, %q", a.Origin, a.Title, a.Source)
	}
	if a.Lang != "ar" && a.Lang != "en" && a.Lang != "" {
		t.Errorf("%s: Lang = %q", a.Origin, a.Lang)
	}
	if p := a.Published; p != "" && normDate(p) != p {
		t.Errorf("%s: Published %q is not a normalised date", a.Origin, p)
	}
	if a.Origin == "" {
		t.Error("empty Origin")
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		format   Format
		is       error
		msg      string
	}{
		{"a.txt", "", TXT, ErrEmpty, "a.txt: empty file"},
		{"a.json", " \n\t\n", JSON, ErrEmpty, "a.json: empty file"},
		{"a.txt", "\xEF\xBB\xBF", TXT, ErrEmpty, "a.txt: empty file"},
		{"a.txt", "Title\n\nok \xff rest", TXT, ErrNotUTF8, "a.txt: not valid UTF-8 (byte offset 10, line 3)"},
		{"a.txt", "\xEF\xBB\xBFTitle\n\nok \xff", TXT, ErrNotUTF8, "a.txt: not valid UTF-8 (byte offset 13, line 3)"},
		{"a.txt", "\xFF\xFET\x00i\x00", TXT, ErrNotUTF8, "(looks like UTF-16; save it as UTF-8)"},
		{"a.html", "<p>\xe4\xf1</p>", HTML, ErrNotUTF8, "a.html: not valid UTF-8 (byte offset 3, line 1)"},
		{"a.md", "# Title only\n", MD, ErrNoText, "a.md: no article text"},
		{"a.json", `{"title": "x"}`, JSON, ErrNoText, "a.json: no article text"},
		{"a.json", `"just a string"`, JSON, nil, "a.json: expected a JSON object or an array of objects"},
		{"a.json", "{\"text\": \"x\"}\n{", JSON, nil, "a.json: line 2: unexpected data after the top-level JSON value"},
		{"a.json", "[\n{\"text\": \"x\"},\n", JSON, nil, "a.json: line 2: unexpected end of JSON input"},
		{"a.json", "[]", JSON, nil, "a.json: no articles in JSON"},
		{"a.json", `[{"text": "ok"}, 5]`, JSON, nil, "a.json: record 2: expected a JSON object, got a number (5)"},
		{"a.jsonl", "{\"text\": \"ok\"}\n[1]\n{\"text\": \"ok\"} {}\n", JSONL, nil, "a.jsonl: line 2: expected a JSON object, got an array\na.jsonl: line 3: unexpected data"},
		{"a.jsonl", "{\"text\": \"ok\"}\nnot json at all, just words\n", JSONL, nil, "a.jsonl: line 2: expected a JSON object, got text beginning \"not json at all, jus…\""},
		{"a.xml", "<html><body><p>hi</p></body></html>", RSS, nil, "a.xml: not an RSS or Atom feed (root element <html>)"},
		{"a.xml", "just words", RSS, nil, "a.xml: not an RSS or Atom feed: no XML element"},
		{"a.xml", "<rss><channel><title>T</title></channel></rss>", RSS, nil, "a.xml: no items in feed"},
		{"a.xml", "<rss><channel><item><title>T</title><description>body", RSS, nil, "a.xml: item 1: line 1: "},
		{"a.doc", "text", Format("doc"), nil, `a.doc: unknown format "doc"`},
		{"", "", TXT, ErrEmpty, "-: empty file"},
		{"a.txt", "PK\x03\x04\x14\x00\x00\x00", TXT, ErrBinary, "a.txt: binary file, not text (NUL byte at offset 5)"},
		{"a.html", "<html><body><script>var x = 1;</script><script>f()</script></body></html>", HTML, ErrNoText, "a.html: no article text"},
		{"a.txt", "Title\n\n" + strings.Repeat("word ", MaxText/5+1000), TXT, ErrTooLarge, "a.txt: too large for an article: the text is 260.9 KB, more than the 256.0 KB an article may have"},
		{"a.md", strings.Repeat("x", MaxInput+1), MD, ErrTooLarge, "a.md: too large for an article: 16.0 MB, more than the 16.0 MB one article may take"},
		{"a.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"" + strings.Repeat("x", MaxInput) + "\"}\n", JSONL, ErrTooLarge, "a.jsonl: line 2: too large for an article: 16.0 MB, more than the 16.0 MB a record may take"},
	}
	for _, tc := range tests {
		t.Run(tc.msg, func(t *testing.T) {
			arts, err := Read(strings.NewReader(tc.in), tc.name, tc.format)
			if err == nil {
				t.Fatalf("no error; articles %+v", arts)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q, want it to contain %q", err, tc.msg)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q is not %v", err, tc.is)
			}
			if len(arts) > 1 {
				t.Errorf("got %d articles", len(arts))
			}
		})
	}
	if _, err := Read(iotest.ErrReader(errors.New("disk on fire")), "x.txt", TXT); err == nil || err.Error() != "x.txt: disk on fire" {
		t.Errorf("read error: got %v", err)
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"a.TXT", "{", TXT},
		{"dir.v2/a.text", "", TXT},
		{"a.htm", "", HTML},
		{"a.HTML", "", HTML},
		{"a.markdown", "", MD},
		{"a.md", "<html>", HTML},
		{"a.md", "<b>bold</b> start", MD},
		{"a.txt", "<!DOCTYPE html><html>", HTML},
		{"a.html", "<?xml version=\"1.0\"?><rss>", RSS},
		{"a.txt", "{\"title\": \"a\", \"text\": \"b\"}", JSON},
		{"a.txt", "{\"a\": 1}\n{\"a\": 2}\n", JSONL},
		{"a.md", "[{\"a\": 1}]", JSON},
		{"a.jsonl", "[{\"a\": 1},\n{\"a\": 2}]", JSON},
		{"a.jsonl", "{\n  \"a\": 1\n}", JSON},
		{"a.jsonl", "{\"a\": 1}\n{\"a\": 2}\n", JSONL},
		{"a.json", "<html><body>", HTML},
		{"a.json", "{}\n{}\n", JSON},
		{"a.ndjson", "", JSONL},
		{"a.jsonl", "", JSONL},
		{"a.atom", "", RSS},
		{"a.rss", "", RSS},
		{"a.xml", "<html>", HTML},
		{"a.xml", "<channel>", RSS},
		{"-", "  <?xml version=\"1.0\"?>\n<!-- c --><rss version=\"2.0\">", RSS},
		{"-", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", RSS},
		{"-", "<?xml version=\"1.0\"?><rdf:RDF>", RSS},
		{"-", "<?xml version=\"1.0\"?><urlset>", RSS},
		{"-", "\ufeff<!DOCTYPE html><html>", HTML},
		{"-", "<HTML><body>", HTML},
		{"-", "<div>hello</div>", HTML},
		{"-", "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", HTML},
		{"-", "{\"title\": \"a\"}", JSON},
		{"-", "[{\"title\": \"a\"}]", JSON},
		{"-", "{\n  \"title\": \"a\"\n}\n", JSON},
		{"-", "{\"a\": 1}\n\n{\"a\": 2}\n", JSONL},
		{"-", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3, \"cut off", JSONL},
		{"-", "{\"a\": 1}\n{\"a\": 2\n{\"a\": 3}\n", JSON},
		{"", "---\ntitle: x\n---\nbody", MD},
		{"notes", "# Heading\n\ntext", MD},
		{"-", "#hashtag is not a heading", TXT},
		{"-", "Plain title\n\nBody.", TXT},
		{"-", "", TXT},
		{"a.csv", "Plain", TXT},
	}
	for _, tc := range tests {
		if got := DetectFormat(tc.name, []byte(tc.head)); got != tc.want {
			t.Errorf("DetectFormat(%q, %q) = %q, want %q", tc.name, tc.head, got, tc.want)
		}
	}
}

// TestReadDetects checks that an empty format is detected.
func TestReadDetects(t *testing.T) {
	arts, err := Read(strings.NewReader("{\"title\": \"T\", \"body\": \"B\"}"), "-", "")
	if err != nil || len(arts) != 1 || arts[0].Title != "T" || arts[0].Text != "B" || arts[0].Origin != "-" {
		t.Fatalf("got %+v, %v", arts, err)
	}
}

func TestLegacyCharsets(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"meta charset windows-1256", []byte("<html><head><meta charset=\"windows-1256\"></head><body><p>\xc7\xe1\xde\xcf\xd3</p></body></html>"), "القدس"},
		{"http-equiv cp1256", []byte("<meta http-equiv=Content-Type content='text/html; charset=CP1256'><p>\xe3\xd5\xd1</p>"), "مصر"},
		{"iso-8859-6", []byte("<meta charset=ISO-8859-6><p>\xe5\xd5\xd1</p>"), "مصر"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, err := Read(bytes.NewReader(tc.in), "x.html", HTML)
			if err != nil || len(arts) != 1 {
				t.Fatalf("got %+v, %v", arts, err)
			}
			want(t, "Text", arts[0].Text, tc.want)
			want(t, "Lang", arts[0].Lang, "ar")
		})
	}
	// A feed declaring windows-1256 in its XML declaration is decoded too.
	feed := []byte("<?xml version=\"1.0\" encoding=\"windows-1256\"?><rss><channel><item><title>t</title><description>\xe3\xd5\xd1</description></item></channel></rss>")
	arts, err := Read(bytes.NewReader(feed), "x.xml", RSS)
	if err != nil || len(arts) != 1 || arts[0].Text != "مصر" {
		t.Errorf("feed: got %+v, %v", arts, err)
	}
	// Another charset does not excuse invalid UTF-8.
	if _, err := Read(strings.NewReader("<meta charset=\"iso-8859-1\"><p>caf\xe9</p>"), "x.html", HTML); !errors.Is(err, ErrNotUTF8) {
		t.Errorf("latin-1 page: got %v, want ErrNotUTF8", err)
	}
	// A UTF-8 page keeps its text even when mislabelled.
	arts, err = Read(strings.NewReader("<meta charset=\"windows-1256\"><p>مصر</p>"), "x.html", HTML)
	if err != nil || arts[0].Text != "مصر" {
		t.Errorf("mislabelled UTF-8 page: got %+v, %v", arts, err)
	}
}
