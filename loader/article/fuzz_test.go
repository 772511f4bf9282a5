package article

import (
	"bytes"
	"os"
	"path/filepath"
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
