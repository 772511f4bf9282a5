package transfer

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/graph/graphtest"
)

// TestRecordRoundTrip writes facts as records and reads them back: every
// field comes back as it was, in the order written.
func TestRecordRoundTrip(t *testing.T) {
	var want []*graph.Facts
	var buf bytes.Buffer
	for i := range 5 {
		f := graphtest.Synthetic(i)
		f.Article.URL, f.Article.Source, f.Article.Published = "https://news.example/"+f.Article.ID, "Example", graph.Date(2020, 2, 29)
		f.Nodes[0].ISO3, f.Nodes[0].Names = "AAA", append(f.Nodes[0].Names, graph.Name{Text: "Alpha", Lang: graph.English})
		want = append(want, f)
		if err := WriteRecord(&buf, f); err != nil {
			t.Fatal(err)
		}
		buf.WriteString("\n") // blank lines are skipped
	}
	if !IsFacts(buf.Bytes()) {
		t.Fatalf("IsFacts of an export is false: %.80s", buf.Bytes())
	}
	var got []*graph.Facts
	err := ReadFacts(&buf, func(line int, f *graph.Facts, err error) error {
		if err != nil {
			t.Errorf("line %d: %v", line, err)
		}
		if line != 2*len(got)+1 {
			t.Errorf("record %d on line %d", len(got)+1, line)
		}
		got = append(got, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back other facts:\n%+v\nwant\n%+v", got[0], want[0])
	}
}

func TestReadFactsErrors(t *testing.T) {
	good := new(bytes.Buffer)
	WriteRecord(good, graphtest.Synthetic(1))
	for _, tc := range []struct {
		name, line, want string
	}{
		{"not JSON", "{oops", "not valid JSON at byte 2: invalid character"},
		{"title a number", `{"alaqat":"facts/1","article":{"id":"article:x","title":5,"text":"t"}}`, "field article.title: expected a string, got a number"},
		{"nodes an object", `{"alaqat":"facts/1","article":{"id":"article:x","text":"t"},"nodes":{}}`, "field nodes: expected an array, got an object"},
		{"start a string", `{"alaqat":"facts/1","article":{"id":"article:x","text":"t"},"evidence":[{"fact":"country:QA","start":"0","end":1,"quote":"t"}]}`, "field evidence.start: expected a number, got a string"},
		{"cut short", `{"alaqat":"facts/1","article":{"id":"article:x"`, "unexpected end of JSON input"},
		{"other version", `{"alaqat":"facts/9","article":{"id":"article:x","text":"t"}}`, `not a facts record of this version (alaqat "facts/9"`},
		{"unknown field", `{"alaqat":"facts/1","article":{"id":"article:x","text":"t"},"extra":1}`, `unknown field "extra"`},
		{"bad date", `{"alaqat":"facts/1","article":{"id":"article:x","text":"t","published":"May"}}`, "article article:x: published:"},
		{"edge to nowhere", `{"alaqat":"facts/1","article":{"id":"article:x","text":"t"},"edges":[{"type":"BASED_IN","from":"org:a","to":"country:QA"}]}`, "joins a node that is not in the facts"},
		{"quote off its offsets", strings.Replace(good.String(), `"start":0`, `"start":1`, 1), "quote does not match offsets"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var errs []string
			ReadFacts(strings.NewReader(good.String()+tc.line+"\n"+good.String()), func(line int, f *graph.Facts, err error) error {
				if err != nil {
					errs = append(errs, err.Error())
					if line != 2 {
						t.Errorf("error on line %d, want 2", line)
					}
				} else if f == nil {
					t.Errorf("line %d: no facts and no error", line)
				}
				return nil
			})
			if len(errs) != 1 || !strings.Contains(errs[0], tc.want) {
				t.Errorf("errors %q, want one with %q", errs, tc.want)
			}
		})
	}
}
