// Package fetch reads articles from the web for the loader (and, later,
// the server): a page, read by the same readability as an HTML file, or a
// feed (RSS or Atom), whose items' links are fetched in turn, an item
// without a link standing for itself. Every request is bounded: time,
// size, redirects, items per feed; the User-Agent names the tool and its
// version; pages in legacy charsets are decoded to UTF-8.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"

	"github.com/alaqat/alaqat/loader/article"
)

// Defaults of a Client's bounds.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = article.MaxInput // 16 MB: what one article file may take
	DefaultMaxRedirects = 5
	DefaultMaxItems     = 100
)

// Client fetches pages and feeds. Its zero value is ready to use, with the
// defaults above; a Client is safe for concurrent use.
type Client struct {
	// HTTP sends the requests; a client with Timeout and the redirect
	// bound when nil. Its own CheckRedirect, if any, is kept.
	HTTP *http.Client
	// UserAgent is sent with every request; UserAgent() when empty.
	UserAgent string
	// Timeout bounds each request, the body's reading included.
	Timeout time.Duration
	// MaxBytes bounds each response body.
	MaxBytes int64
	// MaxRedirects bounds the redirects followed per request.
	MaxRedirects int
	// MaxItems bounds the items read from one feed (the first ones, which
	// feeds put newest first).
	MaxItems int
}

// UserAgent is the default User-Agent: the tool, its version (the main
// module's, "devel" in a build from a work tree) and where it comes from.
func UserAgent() string {
	v := "devel"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return "alaqat-loader/" + v + " (+https://github.com/alaqat/alaqat)"
}

// Errors a fetch wraps, for errors.Is.
var (
	ErrTooLarge     = errors.New("response too large")
	ErrTooManyHops  = errors.New("too many redirects")
	ErrStatus       = errors.New("HTTP error")
	ErrNotSupported = errors.New("not a page or feed")
)

// Page is a fetched response, its body decoded to UTF-8 where it declared
// another charset.
type Page struct {
	URL         string // after redirects
	ContentType string // the media type, without parameters
	Body        []byte
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c *Client) maxBytes() int64 {
	if c.MaxBytes > 0 {
		return c.MaxBytes
	}
	return DefaultMaxBytes
}

func (c *Client) maxItems() int {
	if c.MaxItems > 0 {
		return c.MaxItems
	}
	return DefaultMaxItems
}

func (c *Client) httpClient() *http.Client {
	max := c.MaxRedirects
	if max <= 0 {
		max = DefaultMaxRedirects
	}
	hc := http.Client{}
	if c.HTTP != nil {
		hc = *c.HTTP
	}
	next := hc.CheckRedirect
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > max {
			return fmt.Errorf("%w: stopped after %d", ErrTooManyHops, max)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirected to a %s: URL", req.URL.Scheme)
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	return &hc
}

// Get fetches one URL: a 2xx answer's body, at most MaxBytes, within
// Timeout, after at most MaxRedirects redirects; decoded to UTF-8 when the
// response or the page declares another charset.
func (c *Client) Get(ctx context.Context, rawURL string) (*Page, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%s: not an http(s) URL", rawURL)
	}
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	ua := c.UserAgent
	if ua == "" {
		ua = UserAgent()
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, application/json;q=0.8, text/plain;q=0.7, */*;q=0.1")
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, plain(err, ctx, c.timeout()))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%s: %w %s", rawURL, ErrStatus, resp.Status)
	}
	max := c.maxBytes()
	if resp.ContentLength > max {
		return nil, fmt.Errorf("%s: %w: %s, more than the %s allowed", rawURL, ErrTooLarge, article.Size(int(min(resp.ContentLength, 1<<40))), article.Size(int(max)))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, plain(err, ctx, c.timeout()))
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%s: %w: more than the %s allowed", rawURL, ErrTooLarge, article.Size(int(max)))
	}
	header := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(header)
	p := &Page{URL: resp.Request.URL.String(), ContentType: strings.ToLower(mt)}
	p.Body, err = toUTF8(body, header, formatOf(p.ContentType, p.URL, body))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	return p, nil
}

// plain turns the errors of a request into messages for people: a
// deadline says which, a cancelled import says so.
func plain(err error, ctx context.Context, timeout time.Duration) error {
	switch {
	case errors.Is(err, ErrTooManyHops):
		return ErrTooManyHops
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("no complete answer within %s", timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

var xmlEncodingRe = regexp.MustCompile(`(?i)^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.\-]+)`)

// toUTF8 decodes a body to UTF-8 by the charset the response declares,
// else the page's <meta> or the feed's XML declaration. A body that
// declares UTF-8, or nothing, is left as it is: the article readers refuse
// it with its offset if it is not UTF-8, or decode the Arabic legacy
// charsets its markup names.
func toUTF8(body []byte, header string, f article.Format) ([]byte, error) {
	label := ""
	if _, params, err := mime.ParseMediaType(header); err == nil {
		label = params["charset"]
	}
	if label == "" {
		switch f {
		case article.HTML:
			if _, name, _ := charset.DetermineEncoding(body, ""); name != "windows-1252" || !utf8.Valid(body) {
				// windows-1252 is DetermineEncoding's guess when nothing is
				// declared: trust it only where the body is not UTF-8.
				label = name
			}
		case article.RSS:
			if m := xmlEncodingRe.FindSubmatch(body[:min(len(body), 1024)]); m != nil {
				label = string(m[1])
			}
		}
	}
	if label == "" {
		return body, nil
	}
	enc, name := charset.Lookup(label)
	if enc == nil {
		return nil, fmt.Errorf("unknown charset %q", label)
	}
	if name == "utf-8" || enc == encoding.Nop {
		return body, nil
	}
	if utf8.Valid(body) && !strings.HasPrefix(name, "utf-16") {
		// Text in a legacy charset is almost never valid UTF-8 once it
		// holds a letter outside ASCII, while a page in UTF-8 labelled
		// windows-1256 or Latin-1 (a common slip) is: decoding it again
		// would make mojibake of it.
		return body, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decoding %s: %w", name, err)
	}
	return bytes.TrimPrefix(out, []byte("\xEF\xBB\xBF")), nil
}

// formatOf tells a response's format by its media type, else by its URL
// and content as for files.
func formatOf(mediaType, rawURL string, body []byte) article.Format {
	switch mediaType {
	case "text/html", "application/xhtml+xml":
		// A feed served as text/html happens; the content settles it.
		if f := article.DetectFormat("", body); f == article.RSS {
			return f
		}
		return article.HTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml":
		return article.RSS
	case "application/json", "application/feed+json":
		return article.DetectFormat("x.json", body)
	case "application/x-ndjson", "application/jsonl":
		return article.JSONL
	case "text/markdown":
		return article.MD
	}
	name := ""
	if u, err := url.Parse(rawURL); err == nil {
		name = u.Path
	}
	return article.DetectFormat(name, body)
}

// Articles reads what a URL holds: one article for a page; for a feed, an
// article per item, each item's link fetched and read as a page (its
// title, date and site filled from the item where the page lacks them),
// an item without a link read from its own content. Bad items cost only
// themselves: the good articles come back with an error naming each bad
// one, joined with errors.Join, as article.Parse does.
func (c *Client) Articles(ctx context.Context, rawURL string) ([]article.Article, error) {
	items, feed, err := c.Items(ctx, rawURL)
	if !feed {
		return items, err
	}
	errs := unjoin(err)
	var out []article.Article
	for _, item := range items {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		a, err := c.Item(ctx, item)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: item %s: %w", rawURL, itemNumber(item.Origin), err))
			continue
		}
		out = append(out, a)
	}
	return out, errors.Join(errs...)
}

// Items reads a URL without following a feed's links: for a feed (feed
// true), its first MaxItems items as the feed gives them; for a page or
// another document, its articles. The error joins the bad records', as
// article.Parse's does.
func (c *Client) Items(ctx context.Context, rawURL string) (items []article.Article, feed bool, err error) {
	p, err := c.Get(ctx, rawURL)
	if err != nil {
		return nil, false, err
	}
	f := formatOf(p.ContentType, p.URL, p.Body)
	var arts []article.Article
	if f == article.RSS {
		arts, err = article.ParseFeed(p.Body, rawURL)
	} else {
		arts, err = article.Parse(p.Body, rawURL, f)
	}
	if f.Single() {
		for i := range arts {
			arts[i].URL = first(arts[i].URL, p.URL)
		}
	}
	if f != article.RSS {
		return arts, false, err
	}
	if len(arts) > c.maxItems() {
		err = errors.Join(append(unjoin(err), fmt.Errorf("%s: %d items, only the first %d read", rawURL, len(arts), c.maxItems()))...)
		arts = arts[:c.maxItems()]
	}
	return arts, true, err
}

// Item fetches a feed item's link and reads the page, filling its title,
// date and site from the item where the page lacks them; an item without a
// link is its own article.
func (c *Client) Item(ctx context.Context, item article.Article) (article.Article, error) {
	if item.URL == "" {
		return item, nil // its own content is the article
	}
	p, err := c.Get(ctx, item.URL)
	if err != nil {
		return article.Article{}, err
	}
	f := formatOf(p.ContentType, p.URL, p.Body)
	if !f.Single() {
		return article.Article{}, fmt.Errorf("%s: %w (%s, not a page)", item.URL, ErrNotSupported, f.Name())
	}
	arts, err := article.Parse(p.Body, item.URL, f)
	if err != nil {
		return article.Article{}, err
	}
	a := arts[0]
	a.URL = first(a.URL, p.URL)
	a.Title = first(a.Title, item.Title)
	a.Source = first(a.Source, item.Source)
	if a.Published == "" {
		a.Published = item.Published
	}
	return a, nil
}

// unjoin returns the errors a joined error holds, or err alone, so that
// errors joined again stay one level deep: a caller splits them into one
// failure per bad item.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// itemNumber is N of an item's origin "feed#N".
func itemNumber(origin string) string {
	if i := strings.LastIndexByte(origin, '#'); i >= 0 {
		return origin[i+1:]
	}
	return origin
}
