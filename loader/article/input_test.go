package article

import (
	"errors"
	"strings"
	"testing"
)

// TestBadRecordsCostOnlyThemselves covers the defects of issue 11 item 10
// that the readers own: each bad record is an error naming its line, and
// every good record is kept.
func TestBadRecordsCostOnlyThemselves(t *testing.T) {
	good := `{"title": "Oman and Japan", "text": "Oman and Japan signed an agreement on trade."}`
	tests := []struct {
		name, file, in string
		want           int    // articles kept
		errs           string // the joined error, exactly
		is             error  // and errors.Is that
	}{
		{"invalid UTF-8 byte in one line", "x.jsonl",
			good + "\n" + `{"title": "bad", "text": "Oman` + "\xff" + ` and Japan met."}` + "\n" + good + "\n",
			2, "x.jsonl: line 2: not valid UTF-8 (byte 31 of the line)", ErrNotUTF8},
		{"first line a JSON array", "x.jsonl",
			`[{"text": "an array on the first line"}]` + "\n" + good + "\n" + good + "\n",
			2, "x.jsonl: line 1: expected a JSON object, got an array", nil},
		{"pretty-printed array in .jsonl is one document", "x.jsonl",
			"[\n  " + good + ",\n  " + good + "\n]\n",
			2, "", nil},
		{"one-line document in .jsonl", "x.jsonl",
			`{"articles": [` + good + `, ` + good + `]}`,
			2, "", nil},
		{"title a number", "x.jsonl",
			`{"title": 3, "text": "Oman and Japan signed an agreement on trade."}` + "\n" + good + "\n",
			1, "x.jsonl: line 1: field title: expected a string, got a number (3)", nil},
		{"text a boolean", "x.json",
			`[{"title": "t", "text": true}, ` + good + `]`,
			1, "x.json: record 1: field text: expected a string, got a boolean (true)", nil},
		{"url an object", "x.json",
			`[{"url": {"href": "https://example.org/a"}, "text": "Oman and Japan signed an agreement."}]`,
			0, "x.json: record 1: field url: expected a string, got an object", nil},
		{"source an array of booleans", "x.json",
			`{"source": [true, false], "text": "Oman and Japan signed an agreement."}`,
			0, "x.json: field source: expected a string, got an array", nil},
		{"date as a Unix time is fine", "x.json",
			`{"date": 1725350400, "text": "Oman and Japan signed an agreement."}`,
			1, "", nil},
		{"WordPress objects are fine", "x.json",
			`{"title": {"rendered": "Oman"}, "content": {"rendered": "<p>Oman and Japan signed.</p>"}}`,
			1, "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, err := Parse([]byte(tc.in), tc.file, "")
			got := ""
			if err != nil {
				got = err.Error()
			}
			if len(arts) != tc.want || got != tc.errs {
				t.Errorf("%d articles, error %q; want %d, %q", len(arts), got, tc.want, tc.errs)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %v is not %v", err, tc.is)
			}
		})
	}
}

func TestCheckLength(t *testing.T) {
	tests := []struct {
		text string
		err  string
	}{
		{"x", "too short to be an article: 1 B of text, 1 word (at least 3 are needed)"},
		{"Full story.", "too short to be an article: 11 B of text, 2 words (at least 3 are needed)"},
		{"— … —", "too short to be an article: 11 B of text, 0 words (at least 3 are needed)"},
		{"Oman signs deal.", ""},
		{"وقعت قطر اتفاقية", ""},
	}
	for _, tc := range tests {
		err := CheckLength(Article{Text: tc.text})
		got := ""
		if err != nil {
			got = err.Error()
			if !errors.Is(err, ErrTooShort) {
				t.Errorf("%q: %v is not ErrTooShort", tc.text, err)
			}
		}
		if got != tc.err {
			t.Errorf("CheckLength(%q) = %q, want %q", tc.text, got, tc.err)
		}
	}
}

func TestMismatch(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"lines.txt", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n", "holds JSON Lines, not plain text as .txt says: read as JSON Lines"},
		{"page.json", "<!DOCTYPE html><html><body><p>x</p></body></html>", "holds HTML, not JSON as .json says: read as HTML"},
		{"feed.html", "<?xml version=\"1.0\"?><rss><channel></channel></rss>", "holds an RSS or Atom feed, not HTML as .html says: read as an RSS or Atom feed"},
		{"doc.jsonl", "[\n{\"text\": \"a\"}\n]\n", "holds JSON, not JSON Lines as .jsonl says: read as JSON"},
		{"a.txt", "Title\n\nBody text here.\n", ""},
		{"a.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n", ""},
		{"noext", "{\"text\": \"a\"}\n", ""},
	}
	for _, tc := range tests {
		if got := Mismatch(tc.name, []byte(tc.in)); got != tc.want {
			t.Errorf("Mismatch(%s) = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestUnreadDatesWarn: a date stated in a form no reader knows is warned
// about, the article kept without a date and its body without the header.
func TestUnreadDatesWarn(t *testing.T) {
	const warn = `publication date "14/03/2025" not understood: imported without a date (write it as 2025-03-14 or 14 March 2025)`
	tests := []struct {
		name, file, in string
	}{
		{"text header", "a.txt", "Oman and Japan | Wire\nPublished: 14/03/2025\n\nOman and Japan signed an agreement on trade.\n"},
		{"JSON field", "a.json", `{"published": "14/03/2025", "text": "Oman and Japan signed an agreement on trade."}`},
		{"front matter", "a.md", "---\ntitle: Oman and Japan\ndate: 14/03/2025\n---\n\nOman and Japan signed an agreement on trade.\n"},
		{"feed item", "a.rss", "<rss><channel><item><title>Oman</title><pubDate>14/03/2025</pubDate><description>Oman and Japan signed an agreement on trade.</description></item></channel></rss>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arts, err := Parse([]byte(tc.in), tc.file, "")
			if err != nil || len(arts) != 1 {
				t.Fatalf("%d articles, %v", len(arts), err)
			}
			a := arts[0]
			if a.Published != "" || len(a.Warnings) != 1 || a.Warnings[0] != warn {
				t.Errorf("published %q, warnings %q", a.Published, a.Warnings)
			}
			if strings.Contains(a.Text, "14/03") {
				t.Errorf("the date is in the body: %q", a.Text)
			}
		})
	}
	// A date read, and a sentence after the title, warn of nothing.
	for _, in := range []string{
		"Oman and Japan | Wire\nPublished: 14 March 2025\n\nOman and Japan signed an agreement on trade.\n",
		"Oman and Japan | Wire\n\nDate: the ministry said the talks went well, and more were planned.\n",
	} {
		arts, err := Parse([]byte(in), "a.txt", "")
		if err != nil || len(arts) != 1 || len(arts[0].Warnings) != 0 {
			t.Errorf("%q: %v, %+v", in, err, arts)
		}
	}
}
