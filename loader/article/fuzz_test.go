package article

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// FuzzRead feeds arbitrary bytes to Read, with the detected format and with
// every format, and checks that it neither panics nor breaks the promises
// Read makes about what it returns.
func FuzzRead(f *testing.F) {
	for _, name := range fixtures(f) {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		"T\n\nB",
		"---\ntitle: t\n---\n# h\n\n*a* _b_ [c](d) ![e](f) `g`\n> h\n- i\n```\nj",
		"<rss><channel><item><description>a</description></item><item>< b</item></channel></rss>",
		"<feed><entry><content type=\"xhtml\"><div><p>a</p></div></content></entry></feed>",
		"{\"articles\": [{\"text\": \"a\"}, 1, {\"title\": \"b\"}]}",
		"{\"text\": \"a\"}\n{\"text\": \"b\"\n",
		"<article><p>a</p><ul><li><a>b</a></li></ul></article>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range append([]Format{DetectFormat("", data)}, Formats()...) {
			arts, err := Read(bytes.NewReader(data), "fuzz", format)
			if err == nil && len(arts) == 0 {
				t.Errorf("%s: no articles and no error", format)
			}
			for _, a := range arts {
				checkInvariants(t, a)
			}
		}
	})
}

// fuzzFormat fuzzes one reader: the fixtures of its format and seeds as
// corpus, and Read's promises checked on whatever comes back. Each format
// has its own target so that a short fuzzing run (.ci/fuzz.sh) gives every
// reader its share of time.
func fuzzFormat(f *testing.F, format Format, seeds ...string) {
	for _, name := range fixtures(f) {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		if DetectFormat(name, data) == format {
			f.Add(data)
		}
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		arts, err := Read(bytes.NewReader(data), "fuzz", format)
		if err == nil && len(arts) == 0 {
			t.Errorf("no articles and no error")
		}
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz: ") {
			t.Errorf("error %q does not name the input", err)
		}
		for _, a := range arts {
			checkInvariants(t, a)
		}
	})
}

// FuzzTxt: go test -fuzz FuzzTxt ./loader/article
func FuzzTxt(f *testing.F) {
	fuzzFormat(f, TXT, "T | Site\nURL: http://x\nPublished: 2024-01-02\n\nBody\r\n\r\nMore", "\ufeffT\n\n\u200fب", "a\x00b")
}

// FuzzHTML: go test -fuzz FuzzHTML ./loader/article
func FuzzHTML(f *testing.F) {
	fuzzFormat(f, HTML, "<article><p>a</p><ul><li><a>b</a></li></ul></article>",
		`<html><head><meta charset="windows-1256"><title>t</title><script type="application/ld+json">{"datePublished": "2024-02-03"}</script></head><body><p>`+"\xe1\xc7"+`</p></body></html>`,
		"<html><body><script>x</script></body></html>")
}

// FuzzMarkdown: go test -fuzz FuzzMarkdown ./loader/article
func FuzzMarkdown(f *testing.F) {
	fuzzFormat(f, MD, "---\ntitle: t\n---\n# h\n\n*a* _b_ [c](d) ![e](f) `g`\n> h\n- i\n```\nj", "# only\n", "---\nx: \"y\n---")
}

// FuzzJSON: go test -fuzz FuzzJSON ./loader/article
func FuzzJSON(f *testing.F) {
	fuzzFormat(f, JSON, "{\"articles\": [{\"text\": \"a\"}, 1, {\"title\": \"b\"}]}", `{"version": "https://jsonfeed.org/version/1.1", "title": "F", "items": [{"content_html": "<p>x</p>", "date_published": 1700000000}]}`, "[{\"text\": {\"deep\": [\"a\", 2]}}]")
}

// FuzzJSONL: go test -fuzz FuzzJSONL ./loader/article
func FuzzJSONL(f *testing.F) {
	fuzzFormat(f, JSONL, "{\"text\": \"a\"}\n{\"text\": \"b\"\n", "{\"body\": \"x\", \"date\": \"3 March 2024\"}\n\n[1]\n")
}

// FuzzFeed: go test -fuzz FuzzFeed ./loader/article
func FuzzFeed(f *testing.F) {
	fuzzFormat(f, RSS, "<rss><channel><item><description>a</description></item><item>< b</item></channel></rss>",
		"<feed><entry><content type=\"xhtml\"><div><p>a</p></div></content></entry></feed>",
		"<?xml version=\"1.0\" encoding=\"iso-8859-6\"?><rss><channel><item><description>\xc7</description></item></channel></rss>")
}

// FuzzDetectFormat checks that detection never panics and always names a
// format Read accepts.
func FuzzDetectFormat(f *testing.F) {
	for _, s := range []string{"a.txt", "b.JSON", "-", "", "x.tar.gz"} {
		f.Add(s, []byte("{\"a\": 1}\n{\"a\": 2}\n"))
		f.Add(s, []byte("<?xml version=\"1.0\"?><!-- c --><rss>"))
	}
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		if got := DetectFormat(name, head); !slices.Contains(Formats(), got) {
			t.Errorf("DetectFormat(%q) = %q", name, got)
		}
	})
}
