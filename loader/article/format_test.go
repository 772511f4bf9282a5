package article

import (
	"errors"
	"strings"
	"testing"
)

// readOne parses in and requires exactly one article without error.
func readOne(t *testing.T, in string, f Format) Article {
	t.Helper()
	arts, err := Read(strings.NewReader(in), "t."+string(f), f)
	if err != nil || len(arts) != 1 {
		t.Fatalf("Read: %d articles, error %v", len(arts), err)
	}
	checkInvariants(t, arts[0])
	return arts[0]
}

func TestNormDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-09-03", "2024-09-03"},
		{"  2024-09-03T23:30:00-04:00 ", "2024-09-03"}, // the date as stated, not in UTC
		{"2024-09-03T10:00:00.123Z", "2024-09-03"},
		{"2024-09-03 15:04:05", "2024-09-03"},
		{"2024-9-3", "2024-09-03"},
		{"2024/09/03", "2024-09-03"},
		{"2024.09.03", "2024-09-03"},
		{"2024-09", "2024-09"},
		{"2024", "2024"},
		{"Tue, 03 Sep 2024 23:15:00 -0500", "2024-09-03"},
		{"Tue, 3 Sep 2024 10:00:00 GMT", "2024-09-03"},
		{"03 Sep 24 10:00 +0300", ""}, // two-digit year: refused
		{"September 3, 2024", "2024-09-03"},
		{"Sept. 3, 2024", "2024-09-03"},
		{"3 September 2024", "2024-09-03"},
		{"3rd September 2024", "2024-09-03"},
		{"Tuesday, 3 September 2024 at 10:00", "2024-09-03"},
		{"Published on 3 Sep 2024", "2024-09-03"},
		{"September 2024", "2024-09"},
		{"Mon Jan  2 15:04:05 2006", "2006-01-02"},
		{"٣ سبتمبر ٢٠٢٤", "2024-09-03"},
		{"الثلاثاء 3 سبتمبر 2024م", "2024-09-03"},
		{"3 أيلول 2024", "2024-09-03"},
		{"3 سبتمبر/أيلول 2024", "2024-09-03"},
		{"15 تشرين الثاني 2023", "2023-11-15"},
		{"15 نونبر 2018", "2018-11-15"},
		{"2024-02-30", ""},
		{"31 April 2024", ""},
		{"02/01/2006", ""}, // ambiguous day/month order
		{"1446", ""},       // Hijri year
		{"yesterday", ""},
		{"", ""},
		{"2024-13-01", ""},
		{"May", ""},
	}
	for _, tc := range tests {
		if got := normDate(tc.in); got != tc.want {
			t.Errorf("normDate(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := unixDate(1725350400); got != "2024-09-03" {
		t.Errorf("unixDate(seconds) = %q", got)
	}
	if got := unixDate(1725350400000); got != "2024-09-03" {
		t.Errorf("unixDate(milliseconds) = %q", got)
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct{ in, want string }{
		{"وصل الوزير إلى طوكيو", "ar"},
		{"The minister arrived in Tokyo", "en"},
		{"وصل وزير خارجية Oman إلى Tokyo أمس في زيارة", "ar"},
		{"Oman's foreign minister (وزير الخارجية) arrived in Tokyo on Monday for talks", "en"},
		{"2024 — 15%", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := detectLang(tc.in); got != tc.want {
			t.Errorf("detectLang(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTxt(t *testing.T) {
	tests := []struct {
		name, in                      string
		title, source, url, published string
		text                          string
	}{
		{"last pipe is the separator", "A | B talks | Site Name\nBody.", "A | B talks", "Site Name", "", "", "Body."},
		{"pipe without spaces is title", "A|B\n\nBody.", "A|B", "", "", "", "Body."},
		{"leading blank lines", "\n\n  Title  \n\n\nBody one.\n\n\n\nBody two.", "Title", "", "", "", "Body one.\n\nBody two."},
		{"headers directly after title", "T\nURL: https://x.example/a\nSource: Oman Observer\nPublished: 2024-09-03\nBody.", "T", "Oman Observer", "https://x.example/a", "2024-09-03", "Body."},
		{"header source beats pipe", "T | Pipe Site\n\nsource: Header Site\n\nBody.", "T", "Header Site", "", "", "Body."},
		{"header date in words", "T\nDate: 3 September 2024\n\nBody.", "T", "", "", "2024-09-03", "Body."},
		{"bad header date stays in text", "T\nDate: soon\n\nBody.", "T", "", "", "", "Date: soon\n\nBody."},
		{"URL with spaces is text", "T\nURL: see the site\nBody.", "T", "", "", "", "URL: see the site\nBody."},
		{"source sentence is text", "T\n\nSource: the ministry said talks went well.\nMore.", "T", "", "", "", "Source: the ministry said talks went well.\nMore."},
		{"invisible marks dropped", "T\u200f\n\nنص\u200f الخبر\u00a0هنا", "T", "", "", "", "نص الخبر هنا"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := readOne(t, tc.in, TXT)
			want(t, "Title", a.Title, tc.title)
			want(t, "Source", a.Source, tc.source)
			want(t, "URL", a.URL, tc.url)
			want(t, "Published", a.Published, tc.published)
			want(t, "Text", a.Text, tc.text)
		})
	}
}

func TestMarkdownInline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"**وزير** و_نظيره_", "وزير و_نظيره_"}, // "_" inside an Arabic word is not emphasis
		{"_نظيره_ السنغافوري", "نظيره السنغافوري"},
		{"*مسقط*، ثم ***طوكيو***", "مسقط، ثم طوكيو"},
		{"snake_case_name and __bold__", "snake_case_name and bold"},
		{"2 * 3 * 4 stays", "2 * 3 * 4 stays"},
		{"\\*not emphasis\\*", "*not emphasis*"},
		{"`a * b` and `x_y_z`", "a * b and x_y_z"},
		{"[قناة السويس](https://x.example/a_b_c) and [ref][r]", "قناة السويس and ref"},
		{"![alt text](img.png)before", "before"},
		{"<https://x.example/a_b_>", "https://x.example/a_b_"},
		{"a <b>bold</b> <!-- note --> &amp; ~~old~~ new", "a bold & old new"},
		{"~single tilde~", "~single tilde~"},
		{"ـــــ كشيدة ـــ", "ـــــ كشيدة ـــ"},
	}
	for _, tc := range tests {
		if got := oneLine(mdInline(tc.in)); got != tc.want {
			t.Errorf("mdInline(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownBlocks(t *testing.T) {
	tests := []struct{ name, in, title, text string }{
		{"setext title", "Oman and Japan\n==============\n\nBody line one\nline two.", "Oman and Japan", "Body line one line two."},
		{"front matter title kept, first h1 different", "---\ntitle: From front matter\n---\n# Other heading\n\nBody.", "From front matter", "Other heading\n\nBody."},
		{"unclosed front matter is text", "---\ntitle: x\n\nBody.", "", "title: x\n\nBody."},
		{"nested quote and list", "# T\n\n> > 1) item one\n> > 2) item two\n\n* [x] done", "T", "item one\n\nitem two\n\ndone"},
		{"unclosed fence", "# T\n\n~~~go\nx := 1\n\ny := 2", "T", "x := 1\ny := 2"},
		{"closing hashes", "## Part ##\n\ntext", "", "Part\n\ntext"},
		{"hr and ref def dropped", "# T\n\na\n\n* * *\n\n[r]: https://x.example\nb", "T", "a\n\nb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := readOne(t, tc.in, MD)
			want(t, "Title", a.Title, tc.title)
			want(t, "Text", a.Text, tc.text)
		})
	}
}

func TestHTML(t *testing.T) {
	long := strings.Repeat("Oman and Japan discussed energy cooperation at length. ", 3)
	tests := []struct {
		name, in         string
		title, url, date string
		text             string
		notIn            []string
	}{
		{name: "og:title wins, site suffix stripped",
			in:    `<title>Ignored</title><meta property="og:title" content="Talks end - Gulf Daily"><meta property="og:site_name" content="Gulf Daily"><p>Body.</p>`,
			title: "Talks end", text: "Body."},
		{name: "site prefix stripped, og:url",
			in:    `<title>Gulf Daily | Talks end</title><meta property="og:site_name" content="gulf daily"><meta property="og:url" content="https://g.example/t"><p>Body.</p>`,
			title: "Talks end", url: "https://g.example/t", text: "Body."},
		{name: "title suffix kept without site name",
			in:    `<title>Talks end | Gulf Daily</title><p>Body.</p>`,
			title: "Talks end | Gulf Daily", text: "Body."},
		{name: "h1 when no title",
			in:    `<body><h1>Heading <em>here</em></h1><p>Body.</p></body>`,
			title: "Heading here", text: "Body."},
		{name: "dates: JSON-LD, itemprop, time",
			in:   `<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-05-06T01:00:00+04:00"}]}</script><time datetime="2020-01-01">x</time><p>Body.</p>`,
			date: "2023-05-06", text: "Body."},
		{name: "itemprop on element",
			in:   `<span itemprop="datePublished" content="2022-02-02">2 Feb</span><time datetime="2020-01-01"></time><p>Body.</p>`,
			date: "2022-02-02", text: "Body."},
		{name: "time datetime last",
			in:   `<time datetime="2021-03-04T05:06:07Z">4 March</time><p>Body.</p>`,
			date: "2021-03-04", text: "Body."},
		{name: "best div wins over sidebar, teaser article ignored when empty",
			in:    `<div class="nav-like"><p>Home</p></div><div id="story"><div><p>` + long + `</p></div><div><p>Second paragraph of the story.</p></div></div><div class="col"><p>Short.</p></div>`,
			text:  oneLine(long) + "\n\nSecond paragraph of the story.",
			notIn: []string{"Home", "Short."}},
		{name: "most paragraph text among articles",
			in:   `<article><p>Teaser.</p></article><article><p>` + long + `</p><p>More.</p></article>`,
			text: oneLine(long) + "\n\nMore.", notIn: []string{"Teaser."}},
		{name: "related links and hidden nodes dropped",
			in:    `<article><p>Body one.</p><p hidden>Hidden.</p><div style="display: none"><p>Also hidden.</p></div><ul><li><a href="/a">Related story</a></li></ul><p>Read also: <a href="/b">Another long related story title here</a></p><div role="navigation"><p>Nav.</p></div><p>Body two.</p></article>`,
			text:  "Body one.\n\nBody two.",
			notIn: []string{"Hidden", "Related", "Another", "Nav."}},
		{name: "br-separated text without paragraphs",
			in:   `<body><div class="txt">First line of the story.<br><br>Second line of the story.<script>x()</script></div></body>`,
			text: "First line of the story.\n\nSecond line of the story."},
		{name: "long loose text next to paragraphs",
			in:   `<main>` + long + `<p>Para.</p>short loose</main>`,
			text: oneLine(long) + "\n\nPara."},
		{name: "entities and whitespace",
			in:   "<p>Muscat&nbsp;&amp;\n\t Tokyo &#x627;&#1604;</p>",
			text: "Muscat & Tokyo ال"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := readOne(t, tc.in, HTML)
			if tc.title != "" {
				want(t, "Title", a.Title, tc.title)
			}
			want(t, "URL", a.URL, tc.url)
			want(t, "Published", a.Published, tc.date)
			want(t, "Text", a.Text, tc.text)
			for _, s := range tc.notIn {
				if strings.Contains(a.Text, s) {
					t.Errorf("text holds %q: %q", s, a.Text)
				}
			}
		})
	}
	if _, err := Read(strings.NewReader("<html><head><title>Only a title</title></head><body><nav><p>Menu</p></nav></body></html>"), "x.html", HTML); !errors.Is(err, ErrNoText) {
		t.Errorf("page without body text: got %v, want ErrNoText", err)
	}
}

func TestJSON(t *testing.T) {
	tests := []struct {
		name, in                       string
		format                         Format
		title, source, url, date, text string
	}{
		{"wordpress rendered fields", `{"title": {"rendered": "Oman &amp; Japan"}, "content": {"rendered": "<p>A.</p>\n<p>B.</p>"}, "link": "https://w.example/p", "date": "2024-09-03T10:00:00"}`,
			JSON, "Oman & Japan", "", "https://w.example/p", "2024-09-03", "A.\n\nB."},
		{"case-insensitive keys, first present wins", `{"TITLE": "T", "Text": "  ", "BODY": "Body.", "Site": "S", "PubDate": "Tue, 03 Sep 2024 10:00:00 GMT"}`,
			JSON, "T", "S", "", "2024-09-03", "Body."},
		{"text as paragraph array", `[{"headline": "H", "article": ["One.", "Two."], "publisher": {"Name": "P"}}]`,
			JSON, "H", "P", "", "", "One.\n\nTwo."},
		{"items wrapper", `{"items": [{"text": "x"}]}`, JSON, "", "", "", "", "x"},
		{"object with text and an items list is one article", `{"text": "Body.", "items": [1, 2]}`, JSON, "", "", "", "", "Body."},
		{"JSON Feed", `{"version": "https://jsonfeed.org/version/1.1", "title": "Feed Site", "items": [{"title": "T", "content_text": "Body.", "date_published": "2024-09-03T10:00:00Z"}]}`,
			JSON, "T", "Feed Site", "", "2024-09-03", "Body."},
		{"several objects in a .json file are JSON Lines", "{\"text\": \"a\"}\n", JSON, "", "", "", "", "a"},
		{"CRLF inside strings", `{"text": "a\r\n\r\nb"}`, JSON, "", "", "", "", "a\n\nb"},
		{"millisecond timestamp", `{"text": "a", "published_at": 1725350400000}`, JSON, "", "", "", "2024-09-03", "a"},
		{"jsonl with blank lines", "\n\n{\"text\": \"a\", \"url\": \"https://u.example\"}\n\n", JSONL, "", "", "https://u.example", "", "a"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := readOne(t, tc.in, tc.format)
			want(t, "Title", a.Title, tc.title)
			want(t, "Source", a.Source, tc.source)
			want(t, "URL", a.URL, tc.url)
			want(t, "Published", a.Published, tc.date)
			want(t, "Text", a.Text, tc.text)
		})
	}
	arts, err := Read(strings.NewReader("{\"text\": \"a\"}\n{\"text\": \"b\"}\n"), "two.json", JSON)
	if err != nil || len(arts) != 2 || arts[1].Origin != "two.json:2" {
		t.Errorf("JSON Lines in .json: got %+v, %v", arts, err)
	}
}

func TestFeed(t *testing.T) {
	tests := []struct {
		name, in              string
		n                     int
		errs                  []string
		title, url, date, src string
		text                  string
	}{
		{name: "RSS 1.0 (RDF) with dc:date",
			in: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>RDF Site</title></channel>
<item><title>T</title><link>https://r.example/1</link><dc:date>2024-09-03T10:00:00+03:00</dc:date><description>Body.</description></item></rdf:RDF>`,
			n: 1, title: "T", url: "https://r.example/1", date: "2024-09-03", src: "RDF Site", text: "Body."},
		{name: "raw HTML inside description, HTML entities",
			in: `<rss><channel><title>S</title><item><title>Caf&eacute; talks</title><description>First&nbsp;part<br>second part</description></item></channel></rss>`,
			n:  1, title: "Café talks", src: "S", text: "First part\n\nsecond part"},
		{name: "guid not a permalink, atom:link self ignored",
			in: `<rss xmlns:atom="http://www.w3.org/2005/Atom"><channel><item><atom:link rel="self" href="https://x.example/self"/><guid isPermaLink="false">https://x.example/g</guid><description>B.</description></item></channel></rss>`,
			n:  1, text: "B."},
		{name: "atom summary when no content, updated as date",
			in: `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><entry><title>E</title><link href="https://a.example/e"/><updated>2024-01-02T00:00:00Z</updated><summary>Sum.</summary><source><title>Other feed</title></source></entry></feed>`,
			n:  1, title: "E", url: "https://a.example/e", date: "2024-01-02", src: "F", text: "Sum."},
		{name: "syntax error between items",
			in: "<rss><channel><title>S</title><item><description>A.</description></item>\n< bad\n<item><description>B.</description></item></channel></rss>",
			n:  2, errs: []string{"x.xml: line 2: XML syntax error: expected element name after <"}, src: "S", text: "A."},
		{name: "item cut off at the end",
			in: "<rss><channel><item><description>A.</description></item><item><description>B.",
			n:  1, errs: []string{"x.xml: item 2: line 1: "}, text: "A."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, err := Read(strings.NewReader(tc.in), "x.xml", RSS)
			checkErr(t, err, tc.errs)
			if len(arts) != tc.n {
				t.Fatalf("got %d articles, want %d", len(arts), tc.n)
			}
			a := arts[0]
			checkInvariants(t, a)
			want(t, "Title", a.Title, tc.title)
			want(t, "URL", a.URL, tc.url)
			want(t, "Published", a.Published, tc.date)
			want(t, "Source", a.Source, tc.src)
			want(t, "Text", a.Text, tc.text)
		})
	}
}
