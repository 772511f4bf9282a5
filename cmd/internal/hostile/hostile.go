// Package hostile is what a hostile client sends an Alaqat server: the
// cases of issue 11 (queries that cost far more than they say, documents
// that take long to validate, floods of requests, oversized answers,
// malformed and batched bodies, forged cursors) and what the server must
// answer to each. The server's tests run every case through the real
// binary's handler and assert the answers; `loadgen hostile` runs them
// against a running server on a large store and reports the time each
// took and the memory the server took meanwhile.
package hostile

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Case is one attack and what the server must answer to it.
type Case struct {
	Name string // short, for tables and test names
	What string // what the attack is and what it did before the server was bounded
	// Method, Path, ContentType, Header and Body make the request; Body
	// is built once, when the case is run.
	Method, Path, ContentType string
	Header                    map[string]string
	Body                      func() []byte
	// Copies are sent at once (1 when 0).
	Copies int
	// Want is what every answer must be: a status, and an error code in
	// the answer's first error ("" for an answer with data and no
	// errors). Also, when not 0, is a status some answers may have
	// instead (503 to a flood).
	Status int
	Code   string
	Also   int
	// NeedsToken marks a case that needs the server's token (Bearer).
	NeedsToken bool
}

// Outcome is what a case got.
type Outcome struct {
	Took     time.Duration  // from the first request sent to the last answer read
	Statuses map[int]int    // answers by status
	Codes    map[string]int // answers by the code of their first error ("" for none)
	Errors   []string       // what went wrong, one line each (at most 5)
	Bytes    int64          // the largest answer
}

// Check tells whether the outcome is what the case wants.
func (c Case) Check(o Outcome) error {
	if len(o.Errors) > 0 {
		return fmt.Errorf("%s: %s", c.Name, o.Errors[0])
	}
	if o.Statuses[c.Status] == 0 {
		return fmt.Errorf("%s: no answer with status %d (%v)", c.Name, c.Status, o.Statuses)
	}
	for status, n := range o.Statuses {
		if status != c.Status && (c.Also == 0 || status != c.Also) {
			return fmt.Errorf("%s: %d answers with status %d, want %d", c.Name, n, status, c.Status)
		}
	}
	if c.Path != "" && c.Path != "/graphql" {
		return nil
	}
	for code, n := range o.Codes {
		if code != c.Code && (c.Also == 0 || code != "busy") {
			return fmt.Errorf("%s: %d answers with code %q, want %q", c.Name, n, code, c.Code)
		}
	}
	return nil
}

// Run sends the case's copies at once to the server at base (its URL
// without a path) and reads every answer.
func Run(ctx context.Context, client *http.Client, base, token string, c Case) Outcome {
	o := Outcome{Statuses: map[int]int{}, Codes: map[string]int{}}
	var mu sync.Mutex
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(o.Errors) < 5 {
			o.Errors = append(o.Errors, fmt.Sprintf(format, args...))
		}
	}
	var body []byte
	if c.Body != nil {
		body = c.Body()
	}
	var wg sync.WaitGroup
	start := time.Now()
	for range max(c.Copies, 1) {
		wg.Go(func() {
			req, err := http.NewRequestWithContext(ctx, cmpOr(c.Method, http.MethodPost), base+cmpOr(c.Path, "/graphql"), bytes.NewReader(body))
			if err != nil {
				fail("%v", err)
				return
			}
			if c.Body != nil {
				req.Header.Set("Content-Type", cmpOr(c.ContentType, "application/json"))
			}
			for k, v := range c.Header {
				req.Header.Set(k, strings.ReplaceAll(v, "TOKEN", token))
			}
			resp, err := client.Do(req)
			if err != nil {
				fail("%v", err)
				return
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
			if err != nil {
				fail("reading the answer: %v", err)
				return
			}
			code := ""
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				code, err = firstCode(b)
				if err != nil {
					fail("status %d, answer %.200q: %v", resp.StatusCode, b, err)
					return
				}
			}
			mu.Lock()
			defer mu.Unlock()
			o.Statuses[resp.StatusCode]++
			if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
				o.Codes[code]++
			}
			o.Bytes = max(o.Bytes, int64(len(b)))
		})
	}
	wg.Wait()
	o.Took = time.Since(start)
	return o
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// firstCode returns the code of an answer's first error, "" when it has
// data and no errors.
func firstCode(b []byte) (string, error) {
	var a struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct {
			Message    string         `json:"message"`
			Extensions map[string]any `json:"extensions"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(b, &a); err != nil {
		return "", err
	}
	if len(a.Errors) == 0 {
		if len(a.Data) == 0 || string(a.Data) == "null" {
			return "", fmt.Errorf("neither data nor errors")
		}
		return "", nil
	}
	code, _ := a.Errors[0].Extensions["code"].(string)
	if code == "" {
		return "", fmt.Errorf("an error without a code: %q", a.Errors[0].Message)
	}
	return code, nil
}

// query is the body of a POST asking q.
func query(q string) func() []byte {
	return func() []byte {
		b, _ := json.Marshal(map[string]any{"query": q})
		return b
	}
}

func raw(s string) func() []byte { return func() []byte { return []byte(s) } }

// aliases repeats field under n aliases in one selection.
func aliases(n int, field string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	return b.String()
}

// countries selects field of n countries, each under an alias: the
// busiest of a synthetic world (loadgen seed) first, then invented codes.
func countries(n int, field string) string {
	codes := []string{"QA", "US", "SA", "TR", "FR", "DE", "GB", "AE", "EG", "IR", "KW", "OM"}
	for i := 0; len(codes) < n; i++ {
		if code := fmt.Sprintf("%c%c", 'A'+i/26%26, 'A'+i%26); !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	var b strings.Builder
	for i, code := range codes[:n] {
		fmt.Fprintf(&b, "c%d: country(code: %q) { %s } ", i, code, field)
	}
	return b.String()
}

// Cases are the attacks of issue 11, in its order, and a few more.
func Cases() []Case {
	partners := `country(code: "QA") { partners(first: 1) { country { id } agreements } }`
	inner := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "p%d: partners(first: 1) { agreements } ", i)
		}
		return b.String()
	}
	fragments := func(n int) string {
		var b strings.Builder
		b.WriteString("{ ...F0 }\n")
		for i := range n {
			fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
		}
		fmt.Fprintf(&b, "fragment F%d on Query { __typename }\n", n)
		return b.String()
	}
	typenames := func(n int) func() []byte {
		return query("{ " + strings.Repeat("__typename ", n) + "}")
	}
	forged := base64.RawURLEncoding.EncodeToString([]byte("zzz"))
	return []Case{
		{Name: "partners×100", What: "1: 100 aliases of a country's partners: ~4 KB, 0.5 s and 170 MB each",
			Body: query("{ " + aliases(100, partners) + "}"), Status: 200, Code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{Name: "partners 30×30", What: "1: 30 countries × 30 partners: 9.5 GB",
			Body: query("{ " + aliases(30, `country(code: "QA") { `+inner(30)+`}`) + "}"), Status: 200, Code: "TOKEN_LIMIT_EXCEEDED"},
		{Name: "partners 12×12", What: "1: the same within the token limit",
			Body: query("{ " + aliases(12, `country(code: "QA") { `+inner(12)+`}`) + "}"), Status: 200, Code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{Name: "partners×2", What: "1: two countries' partners in one query: more than one is refused",
			Body: query(`{ a: country(code: "QA") { partners(first: 5) { country { id } agreements } } b: country(code: "DE") { partners(first: 5) { country { id } agreements } } }`), Status: 200, Code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{Name: "partners×1", What: "1: the busiest country's partners, the most a query may ask, answered",
			Body: query(`{ country(code: "QA") { partners(first: 5) { country { id } agreements } } }`), Status: 200, Code: ""},
		{Name: "fragments 2^40", What: "2: 40 fragments each spreading the next twice: hours of CPU in the limit checker",
			Body: query(fragments(40)), Status: 200, Code: "FIELD_LIMIT_EXCEEDED"},
		{Name: "__typename×15000", What: "3: quadratic validation: 16 s of CPU",
			Body: typenames(15000), Status: 200, Code: "TOKEN_LIMIT_EXCEEDED"},
		{Name: "__typename 1 MiB", What: "3: a 1 MiB body of __typename: minutes of CPU",
			Body: typenames((1<<20)/11 - 2), Status: 200, Code: "TOKEN_LIMIT_EXCEEDED"},
		{Name: "__typename×100 ×40 copies", What: "3: the widest selection allowed, many at once",
			Body: typenames(100), Copies: 40, Status: 200, Code: "", Also: 503},
		{Name: "healthz×2000", What: "4: 2,000 concurrent /healthz: 40 MB to 906 MB",
			Method: http.MethodGet, Path: "/healthz", Copies: 2000, Status: 200},
		{Name: "text first:500 ×8", What: "5: every article's text, 50 MB each, eight at once: 2.0 GB",
			Body: query(`{ articles(first: 500) { edges { node { text } } } }`), Copies: 8, Status: 200, Code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{Name: "text first:90 ×8", What: "5: as much text as the cost allows, eight at once",
			Body: query(`{ articles(first: 90) { edges { node { id text } } } }`), Copies: 8, Status: 200, Code: "RESPONSE_TOO_LARGE"},
		{Name: "bad JSON", What: "7: a recovered panic and 5 KB of stack trace per request",
			Body: raw(`{"query": "{ __typename }"`), Status: 400, Code: "invalid"},
		{Name: "batch", What: "7: a JSON array of operations",
			Body: raw(`[{"query": "{ __typename }"}, {"query": "{ __typename }"}]`), Status: 400, Code: "invalid"},
		{Name: "query not a string", What: "7: a field of the wrong type",
			Body: raw(`{"query": 5}`), Status: 400, Code: "invalid"},
		{Name: "variables not an object", What: "7: a field of the wrong type",
			Body: raw(`{"query": "{ __typename }", "variables": "x"}`), Status: 400, Code: "invalid"},
		{Name: "no body", What: "7: an empty POST",
			Body: raw(""), Status: 400, Code: "invalid"},
		{Name: "text/plain", What: "7: a body that is not JSON",
			Body: raw("{ __typename }"), ContentType: "text/plain", Status: 415, Code: "invalid"},
		{Name: "bearer", What: "9: the scheme in lower case was refused",
			Body: query(`mutation { deleteArticle(id: "article:ffffffffffff") }`), Header: map[string]string{"Authorization": "bearer TOKEN"},
			NeedsToken: true, Status: 200, Code: "not_found"},
		{Name: "forged cursor", What: "9: a forged articles cursor gave an empty page",
			Body: query(`{ articles(after: "` + forged + `") { totalCount } }`), Status: 200, Code: "invalid"},
		{Name: "between unknown code", What: "10: an empty list",
			Body: query(`{ agreements(filter: {between: ["QA", "XX"]}) { totalCount } }`), Status: 200, Code: "invalid"},
		{Name: "between three", What: "10: an empty list",
			Body: query(`{ timeline(filter: {between: ["QA", "DE", "FR"]}) { title } }`), Status: 200, Code: "invalid"},
		{Name: "search 900 KB", What: "a search for 900 KB of text, compared with every name",
			Body: query(`{ search(text: "` + strings.Repeat("x", 900<<10) + `") { id } }`), Status: 200, Code: "ARGUMENT_TOO_LONG"},
		{Name: "deep", What: "nesting 31 levels",
			Body:   query(`{ entity(id: "QA") { ` + strings.Repeat(`... on Organization { agreements { parties { `, 15) + `id` + strings.Repeat(` } } }`, 15) + ` } }`),
			Status: 200, Code: "DEPTH_LIMIT_EXCEEDED"},
		{Name: "timeline×10", What: "the whole store's timeline under ten aliases",
			Body: query("{ " + aliases(10, `timeline(filter: {}) { title }`) + "}"), Status: 200, Code: "COMPLEXITY_LIMIT_EXCEEDED"},
		{Name: "evidence×100", What: "the first ten passages of 100 countries: each country's every passage was read (Qatar's 31,000 in 100,000 articles)",
			Body: query("{ " + countries(100, `evidence(first: 10) { quote }`) + "}"), Status: 200, Code: ""},
		{Name: "flood ×200", What: "200 timelines of a dyad at once: those past the bound are told 503 at once",
			Body:   query(`{ timeline(filter: {between: ["QA", "DE"]}) { date { iso } kind title entity { id name } } }`),
			Copies: 200, Status: 200, Code: "", Also: 503},
	}
}
