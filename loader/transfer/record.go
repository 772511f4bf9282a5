package transfer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

// FormatVersion marks a JSON Lines record as an article with its stored
// facts; it comes first on each line, so that a reader knows the file from
// its first bytes.
const FormatVersion = "facts/1"

// MaxRecord bounds one line of a facts file: an article (at most a few
// hundred kilobytes of text) and its facts, with room to spare.
const MaxRecord = 64 << 20

// Record is one line of a JSON Lines export: an article as it was stored
// and every fact it claimed (see graph.Store.ArticleFacts). Field names are
// those of the GraphQL schema; dates are ISO partial dates ("2018",
// "2018-05", "2018-05-14"); offsets count runes of the article's text,
// which holds the title, a blank line and the body.
type Record struct {
	Alaqat   string           `json:"alaqat"` // FormatVersion
	Article  recordArticle    `json:"article"`
	Nodes    []recordNode     `json:"nodes,omitempty"`
	Edges    []recordEdge     `json:"edges,omitempty"`
	Evidence []recordEvidence `json:"evidence,omitempty"`
}

type recordArticle struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
	Lang      string `json:"lang,omitempty"`
	Text      string `json:"text"`
}

type recordNode struct {
	ID            string       `json:"id"`
	Kind          string       `json:"kind"`
	Name          string       `json:"name,omitempty"`
	Names         []recordName `json:"names,omitempty"`
	ISO2          string       `json:"iso2,omitempty"`
	ISO3          string       `json:"iso3,omitempty"`
	OrgKind       string       `json:"orgKind,omitempty"`
	Title         string       `json:"title,omitempty"`
	AgreementKind string       `json:"agreementKind,omitempty"`
	Date          string       `json:"date,omitempty"`
	Topics        []string     `json:"topics,omitempty"`
}

type recordName struct {
	Text string `json:"text"`
	Lang string `json:"lang,omitempty"`
}

type recordEdge struct {
	Type  string `json:"type"`
	From  string `json:"from"`
	To    string `json:"to"`
	Title string `json:"title,omitempty"`
	Since string `json:"since,omitempty"`
}

type recordEvidence struct {
	Fact  string `json:"fact"` // a node id or an edge key (graph.Edge.Key)
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
}

// NewRecord turns an article's facts into a record.
func NewRecord(f *graph.Facts) Record {
	a := f.Article
	r := Record{Alaqat: FormatVersion, Article: recordArticle{
		ID: a.ID, URL: a.URL, Title: a.Title, Source: a.Source, Published: iso(a.Published), Lang: string(a.Lang), Text: a.Text,
	}}
	for _, n := range f.Nodes {
		rn := recordNode{ID: n.ID, Kind: string(n.Kind), Name: n.Name, ISO2: n.ISO2, ISO3: n.ISO3, OrgKind: string(n.OrgKind),
			Title: n.Title, AgreementKind: string(n.AgreementKind), Date: iso(n.Date), Topics: n.Topics}
		for _, x := range n.Names {
			rn.Names = append(rn.Names, recordName{Text: x.Text, Lang: string(x.Lang)})
		}
		r.Nodes = append(r.Nodes, rn)
	}
	for _, e := range f.Edges {
		r.Edges = append(r.Edges, recordEdge{Type: e.Type, From: e.From, To: e.To, Title: e.Title, Since: iso(e.Since)})
	}
	for _, ev := range f.Evidence {
		r.Evidence = append(r.Evidence, recordEvidence{Fact: ev.Fact, Start: ev.Start, End: ev.End, Quote: ev.Quote})
	}
	return r
}

// Facts turns a record back into an article's facts, checked as Apply
// would check them (graph.Facts.Validate).
func (r Record) Facts() (*graph.Facts, error) {
	if r.Alaqat != FormatVersion {
		return nil, fmt.Errorf("not a facts record of this version (alaqat %q, want %q)", r.Alaqat, FormatVersion)
	}
	var err error
	ra := r.Article
	f := &graph.Facts{Article: graph.Article{ID: ra.ID, URL: ra.URL, Title: ra.Title, Source: ra.Source, Lang: graph.Lang(ra.Lang), Text: ra.Text}}
	if f.Article.Published, err = date(ra.Published); err != nil {
		return nil, fmt.Errorf("article %s: published: %w", ra.ID, err)
	}
	for _, rn := range r.Nodes {
		n := graph.Node{ID: rn.ID, Kind: graph.Kind(rn.Kind), Name: rn.Name, ISO2: rn.ISO2, ISO3: rn.ISO3, OrgKind: graph.OrgKind(rn.OrgKind),
			Title: rn.Title, AgreementKind: graph.AgreementKind(rn.AgreementKind), Topics: rn.Topics}
		if n.Kind == "" {
			n.Kind = graph.KindOf(n.ID)
		}
		for _, x := range rn.Names {
			lang := graph.Lang(x.Lang)
			if lang == "" {
				lang = graph.LangOf(x.Text)
			}
			n.Names = append(n.Names, graph.Name{Text: x.Text, Lang: lang})
		}
		if n.Date, err = date(rn.Date); err != nil {
			return nil, fmt.Errorf("node %s: date: %w", rn.ID, err)
		}
		f.Nodes = append(f.Nodes, n)
	}
	for _, re := range r.Edges {
		e := graph.Edge{Type: re.Type, From: re.From, To: re.To, Title: re.Title}
		if e.Since, err = date(re.Since); err != nil {
			return nil, fmt.Errorf("edge %s: since: %w", e.Key(), err)
		}
		f.Edges = append(f.Edges, e)
	}
	for _, rv := range r.Evidence {
		f.Evidence = append(f.Evidence, graph.Evidence{Fact: rv.Fact, ArticleID: ra.ID, Quote: rv.Quote, Start: rv.Start, End: rv.End})
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	return f, nil
}

func iso(d *graph.PartialDate) string {
	if d == nil {
		return ""
	}
	return d.ISO()
}

func date(s string) (*graph.PartialDate, error) {
	if s == "" {
		return nil, nil
	}
	return graph.ParsePartialDate(s)
}

// WriteRecord writes the facts as one line of JSON.
func WriteRecord(w io.Writer, f *graph.Facts) error {
	b, err := json.Marshal(NewRecord(f))
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// factsHead matches the first bytes of a facts file.
var correctionHead = regexp.MustCompile(`^\s*\{\s*"alaqat"\s*:\s*"correction/`)

var factsHead = regexp.MustCompile(`^(\xef\xbb\xbf)?\s*\{\s*"alaqat"\s*:\s*"facts/`)

// IsFacts reports whether a file that begins with head is a facts file (a
// JSON Lines export), which `loader import` applies as it is instead of
// extracting its articles again.
func IsFacts(head []byte) bool { return factsHead.Match(head) }

// ReadFacts reads a facts file line by line (without holding it whole:
// an export may be far larger than memory), calling fn with each
// record's line number (from 1) and its facts, or what is wrong with it.
// Blank lines are skipped; correction records go to correction, when set
// (else they are an error). It stops at the first error fn or correction
// returns, or at a read error.
func ReadFacts(r io.Reader, fn func(line int, f *graph.Facts, err error) error, correction ...func(line int, c graph.Correction, err error) error) error {
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		b, err := readLine(br)
		if len(bytes.TrimSpace(b)) > 0 || errors.Is(err, errLineTooLong) {
			var f *graph.Facts
			perr := err
			if (perr == nil || perr == io.EOF) && len(correction) > 0 && correctionHead.Match(b) {
				var rec CorrectionRecord
				dec := json.NewDecoder(bytes.NewReader(b))
				dec.DisallowUnknownFields()
				var c graph.Correction
				cerr := dec.Decode(&rec)
				if cerr == nil {
					c, cerr = rec.Correction()
				} else {
					cerr = decodeError(cerr)
				}
				if ferr := correction[0](line, c, cerr); ferr != nil {
					return ferr
				}
				if err == io.EOF {
					return nil
				}
				continue
			}
			if perr == nil || perr == io.EOF {
				perr = nil
				var rec Record
				dec := json.NewDecoder(bytes.NewReader(b))
				dec.DisallowUnknownFields()
				if derr := dec.Decode(&rec); derr != nil {
					perr = decodeError(derr)
				} else {
					f, perr = rec.Facts()
				}
			}
			if errors.Is(perr, io.ErrUnexpectedEOF) {
				perr = errors.New("unexpected end of JSON input")
			}
			if perr != nil {
				f = nil
			}
			if ferr := fn(line, f, perr); ferr != nil {
				return ferr
			}
		}
		switch {
		case err == io.EOF:
			return nil
		case err != nil && !errors.Is(err, errLineTooLong):
			return err
		}
	}
}

// decodeError says what is wrong with a record in the terms of its JSON:
// a value of the wrong type names its field and what it should be, not
// the Go type it was read into.
func decodeError(err error) error {
	var typ *json.UnmarshalTypeError
	var syntax *json.SyntaxError
	switch {
	case errors.As(err, &typ) && typ.Field != "":
		want := "another type"
		switch typ.Type.Kind() {
		case reflect.String:
			want = "a string"
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
			reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
			want = "a number"
		case reflect.Bool:
			want = "true or false"
		case reflect.Slice:
			want = "an array"
		case reflect.Map, reflect.Struct, reflect.Pointer:
			want = "an object"
		}
		return fmt.Errorf("field %s: expected %s, got %s", typ.Field, want, indefinite(typ.Value))
	case errors.As(err, &syntax):
		return fmt.Errorf("not valid JSON at byte %d: %w", syntax.Offset, err)
	}
	return err
}

// indefinite puts "a" or "an" before a JSON kind (number, string, array…).
func indefinite(kind string) string {
	if strings.HasPrefix(kind, "a") || strings.HasPrefix(kind, "o") {
		return "an " + kind
	}
	return "a " + kind
}

var errLineTooLong = fmt.Errorf("a record longer than %d MiB", MaxRecord>>20)

// readLine reads one line, without its newline, at most MaxRecord bytes;
// the rest of a longer line is skipped and errLineTooLong returned.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > MaxRecord {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && err != io.EOF {
				return nil, err
			}
			return nil, errLineTooLong
		}
		line = append(line, chunk...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil:
			return line, err
		}
		return bytes.TrimSuffix(line, []byte("\n")), nil
	}
}
