package fetch

import (
	"mime"
	"testing"
	"unicode/utf8"

	"github.com/alaqat/alaqat/loader/article"
)

// FuzzToUTF8 feeds the charset handling any body under any declared
// charset: it never panics, and what it decodes from a legacy charset is
// UTF-8.
func FuzzToUTF8(f *testing.F) {
	f.Add([]byte(`<html><head><meta charset="windows-1256"></head><body>`+"\xe3\xd5\xd1"+`</body></html>`), "text/html")
	f.Add([]byte(`<?xml version="1.0" encoding="iso-8859-6"?><rss></rss>`), "text/xml")
	f.Add([]byte("\xff\xfeh\x00i\x00"), "text/plain; charset=utf-16")
	f.Add([]byte("plain"), "text/html; charset=klingon")
	f.Add([]byte(`{"text": "x"}`), "application/json; charset=latin1")
	f.Fuzz(func(t *testing.T, body []byte, header string) {
		mt, _, _ := mime.ParseMediaType(header)
		format := formatOf(mt, "https://example.org/x", body)
		out, err := toUTF8(body, header, format)
		if err != nil {
			return
		}
		if !utf8.Valid(body) && string(out) != string(body) && !utf8.Valid(out) {
			t.Errorf("decoded %q to %q, not UTF-8", body, out)
		}
		article.Parse(out, "x", format) // must not panic either
	})
}
