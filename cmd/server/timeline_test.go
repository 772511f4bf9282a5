package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds the browser the timeline test drives: $CHROMIUM when set,
// else Debian's /usr/bin/chromium, else chromium or chromium-browser on
// PATH. Without one the test is skipped, except on CI (CI=true), where
// .ci/chromium.sh installs it and its absence is a failure.
func chromium(t *testing.T) string {
	t.Helper()
	if c := os.Getenv("CHROMIUM"); c != "" {
		p, err := exec.LookPath(c)
		if err != nil {
			t.Fatalf("CHROMIUM=%s: %v", c, err)
		}
		return p
	}
	for _, c := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is missing: on CI, .ci/chromium.sh installs it (apt-get install chromium)")
	}
	t.Skip("chromium is not installed (apt-get install chromium, or set CHROMIUM); skipping the browser test")
	return ""
}

// browser starts a headless Chromium with an empty profile and returns a
// tab's context; uncaught exceptions and the errors in the console (the
// page's own, failed loads, blocked content) are collected for errs to
// return.
func browser(t *testing.T) (ctx context.Context, errs func() []string) {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1100),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancelTab)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("starting chromium: %v", err)
	}
	var mu sync.Mutex
	var seen []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError {
				mu.Lock()
				seen = append(seen, m.String())
				mu.Unlock()
			}
		}
	}()
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(seen)
	}
}

// screenshot writes the page as it looks to a PNG among the test's
// artifacts (see keepPNG).
func screenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	// The viewport, not the whole page: capturing beyond it resizes the
	// page, and vis-timeline redraws while the picture is taken.
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	keepPNG(t, name, png)
}

// keepPNG writes a picture to the test's artifact directory, for people to
// look at, and logs its path: kept with `go test -artifacts -outputdir
// DIR`, removed with the test otherwise (each run used to leave a folder
// in the temporary directory).
func keepPNG(t *testing.T, name string, png []byte) {
	t.Helper()
	path := filepath.Join(t.ArtifactDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// deadline bounds a part of a browser test: a guard against a page that
// never gets there, not a measure of speed.
func deadline(t *testing.T, browserCtx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(browserCtx, 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// into runs a, keeping its value in dst, as a step of chromedp.Do.
func into[T any](dst *T, a chromedp.Action[T]) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		v, err := a(ctx, t)
		*dst = v
		return chromedp.Void{}, err
	}
}

// The Rheinmetall agreement of 2018 in the seed, and its evidence.
const (
	rheinmetall2018 = `//div[@id="timeline"]//div[contains(concat(" ", @class, " "), " vis-item ")][contains(., "Rheinmetall agreement")][contains(., "2018")]`
	// With names in Arabic, items carry their titles in Arabic.
	rheinmetall2018AR = `//div[@id="timeline"]//div[contains(concat(" ", @class, " "), " vis-item ")][contains(., "اتفاقية بين قطر وراينميتال")][contains(., "2018")]`
	rheinmetallQuote  = "وقعت قطر مع شركة الدفاع الألمانية “راينميتال” اتفاقية تاريخية لبناء قاعدة لتصنيع الذخيرة"
)

// TestTimelineInBrowser opens the timeline page in a real headless
// Chromium against the real server on the seed: the Qatar–Germany
// timeline shows the 2018 Rheinmetall agreement, and clicking it shows its
// parties and the Arabic evidence quote, right to left.
func TestTimelineInBrowser(t *testing.T) {
	browserCtx, pageErrors := browser(t)
	base, _ := startServer(t)

	tests := []struct {
		name string
		// open brings the page to the Qatar–Germany (or Rheinmetall) timeline.
		open []chromedp.Action[chromedp.Void]
		// url is the page's address once it shows the timeline.
		url string
		// status is a part of the summary line the page shows.
		status string
	}{
		{
			name:   "between-in-url",
			open:   []chromedp.Action[chromedp.Void]{chromedp.Navigate(base + "/timeline?between=QA,DE")},
			url:    "/timeline?between=QA,DE",
			status: "4 items between Qatar and Germany: 1 dated on the timeline, 3 undated",
		},
		{
			name: "entity-picked-in-form",
			open: []chromedp.Action[chromedp.Void]{
				chromedp.Navigate(base + "/timeline"),
				chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
				chromedp.Click(chromedp.CSS(`input[name="mode"][value="entity"]`)),
				chromedp.SendKeys(chromedp.CSS(`#e`), "راينميتال"),
				// The picker offers the entity under the name typed.
				chromedp.WaitReady(chromedp.CSS(`#entities option[value="راينميتال"]`)),
				chromedp.Click(chromedp.CSS(`#pick button[type="submit"]`)),
				into(new(bool), chromedp.Poll[bool](`document.getElementById("status").textContent.includes("Rheinmetall")`)),
			},
			// The picked name goes as the entity's id: the URL says so.
			url:    "/timeline?entity=org:rheinmetall",
			status: "2 items of Rheinmetall: 1 dated on the timeline, 1 undated",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := deadline(t, browserCtx)
			var url, status, date, parties, quote, quoteDir, article, network string
			steps := append(slices.Clone(tc.open),
				// The page is aria-busy until the timeline has settled.
				chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
				chromedp.WaitVisible(rheinmetall2018),
				into(&status, chromedp.Text(chromedp.ID("status"))),
				into(&url, chromedp.Location()),
				chromedp.Click(rheinmetall2018),
				chromedp.WaitVisible(chromedp.CSS(`#details blockquote`)),
				into(&quote, chromedp.Text(chromedp.CSS(`#details blockquote`))),
				into(&quoteDir, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("#details blockquote")).direction`)),
				into(&date, chromedp.Text(`//dt[.="Date"]/following-sibling::dd[1]`)),
				into(&parties, chromedp.Text(`//dt[.="Parties"]/following-sibling::dd[1]`)),
				into(&article, chromedp.Text(chromedp.CSS(`#details figcaption`))),
				into(&network, chromedp.Evaluate[string](`document.querySelector("#details .actions a").getAttribute("href")`)),
			)
			if err := chromedp.Do(ctx, steps...); err != nil {
				t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
			}
			screenshot(ctx, t, tc.name)
			if !strings.HasPrefix(url, base+tc.url) {
				t.Errorf("the page is at %s, want %s", url, base+tc.url)
			}
			if !strings.Contains(status, tc.status) {
				t.Errorf("status = %q, want it to say %q", status, tc.status)
			}
			if date != "2018" {
				t.Errorf("the agreement's date = %q, want 2018", date)
			}
			if network != "/graph?entity=agreement:e42d196f58b6" {
				t.Errorf("the link to the network around it is %q", network)
			}
			for _, p := range []string{"Qatar", "Rheinmetall"} {
				if !strings.Contains(parties, p) {
					t.Errorf("parties = %q, want %s among them", parties, p)
				}
			}
			if !strings.Contains(quote, rheinmetallQuote) {
				t.Errorf("evidence quote = %q, want it to contain %q", quote, rheinmetallQuote)
			}
			if quoteDir != "rtl" {
				t.Errorf("the Arabic quote runs %q, want rtl", quoteDir)
			}
			// The seed's article has no URL: the caption names its id.
			if !strings.Contains(article, "قطر وألمانيا تبحثان تعزيز التعاون") || !strings.Contains(article, "article:") {
				t.Errorf("the quote's caption = %q, want the article's title and id", article)
			}
		})
	}

	// An undated item is in the list only; opening it from the list, as a
	// keyboard user does, shows it and moves the focus to it.
	t.Run("undated-meeting-from-list", func(t *testing.T) {
		ctx := deadline(t, browserCtx)
		const meeting = `//ol[@id="items"]//button[contains(., "Khalifa bin Hamad")]`
		var date, participants, place, focused, quote string
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/timeline?between=QA,DE"),
			chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
			chromedp.Focus(meeting),
			chromedp.KeyEvent("\r"),
			chromedp.WaitVisible(chromedp.CSS(`#details blockquote`)),
			into(&date, chromedp.Text(`//dt[.="Date"]/following-sibling::dd[1]`)),
			into(&participants, chromedp.Text(`//dt[.="Participants"]/following-sibling::dd[1]`)),
			into(&place, chromedp.Text(`//dt[.="Place"]/following-sibling::dd[1]`)),
			into(&quote, chromedp.Text(chromedp.CSS(`#details blockquote`))),
			into(&focused, chromedp.Evaluate[string](`document.activeElement.id`)),
		)
		if err != nil {
			t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
		}
		if date != "not given by the sources" {
			t.Errorf("date = %q, want it to say the sources give none", date)
		}
		for _, p := range []string{"Khalifa bin Hamad bin Khalifa Al Thani", "Alexander Dobrindt"} {
			if !strings.Contains(participants, p) {
				t.Errorf("participants = %q, want %s among them", participants, p)
			}
		}
		if place != "Doha" {
			t.Errorf("place = %q, want Doha", place)
		}
		if !strings.Contains(quote, "ألكسندر دوبرينت") {
			t.Errorf("evidence quote = %q, want the passage naming Dobrindt", quote)
		}
		if focused != "details" {
			t.Errorf("the focus is on #%s, want it on the details", focused)
		}
	})

	// With names in Arabic, titles are in Arabic, and the parties and the
	// sides in the summary run right to left inside the English sentences
	// around them.
	t.Run("arabic-names", func(t *testing.T) {
		ctx := deadline(t, browserCtx)
		var parties, status string
		var dirs []string
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/timeline?between=QA,DE&lang=ar"),
			chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
			chromedp.Click(rheinmetall2018AR),
			chromedp.WaitVisible(chromedp.CSS(`#details blockquote`)),
			into(&parties, chromedp.Text(`//dt[.="Parties"]/following-sibling::dd[1]`)),
			into(&status, chromedp.Text(chromedp.ID("status"))),
			into(&dirs, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#details dd a, #status bdi")].map(e => e.textContent + "=" + getComputedStyle(e).direction)`)),
		)
		if err != nil {
			t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
		}
		screenshot(ctx, t, "arabic-names")
		for _, p := range []string{"قطر", "راينميتال"} {
			if !strings.Contains(parties, p) {
				t.Errorf("parties = %q, want %s among them", parties, p)
			}
		}
		if !strings.Contains(status, "between قطر and ألمانيا") {
			t.Errorf("status = %q, want the sides named in Arabic", status)
		}
		if len(dirs) < 4 {
			t.Errorf("found %d names in the details and the summary, want at least 4: %q", len(dirs), dirs)
		}
		for _, d := range dirs {
			if !strings.HasSuffix(d, "=rtl") {
				t.Errorf("name %s: want it to run rtl", d)
			}
		}
	})

	// A name the graph does not know is said so, with no chart.
	t.Run("unknown-country", func(t *testing.T) {
		ctx := deadline(t, browserCtx)
		var status string
		var chartHidden bool
		err := chromedp.Do(ctx,
			chromedp.Navigate(base+"/timeline?between=QA,Atlantis"),
			chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
			into(&status, chromedp.Text(chromedp.ID("status"))),
			into(&chartHidden, chromedp.Evaluate[bool](`document.getElementById("chart").hidden`)),
		)
		if err != nil {
			t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
		}
		if want := "the graph knows no “Atlantis”"; !strings.Contains(status, want) {
			t.Errorf("status = %q, want it to say %q", status, want)
		}
		if !chartHidden {
			t.Error("the chart is shown for a country the graph does not know")
		}
	})

	if errs := pageErrors(); len(errs) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
	}
}

// TestPageAssets checks that the pages and everything they load are
// served from the binary with their types and a CSP, and nothing else is.
func TestPageAssets(t *testing.T) {
	base, _ := startServer(t)
	tests := []struct {
		path, contentType string
		status            int
		contains          string
	}{
		{"/timeline", "text/html; charset=utf-8", 200, `<script src="/assets/timeline.js"`},
		{"/timeline?between=QA,DE", "text/html; charset=utf-8", 200, "Alaqat timeline"},
		{"/assets/timeline.js", "text/javascript; charset=utf-8", 200, "TimelineFilter"},
		{"/assets/pages.css", "text/css; charset=utf-8", 200, ".vis-item"},
		{"/assets/api.js", "text/javascript; charset=utf-8", 200, "sessionStorage"},
		{"/assets/vis-timeline.min.js", "text/javascript; charset=utf-8", 200, "@version 8.5.4"},
		{"/assets/vis-timeline.min.css", "text/css; charset=utf-8", 200, ".vis-timeline"},
		{"/graph?entity=QA", "text/html; charset=utf-8", 200, "Alaqat network"},
		{"/assets/graph.js", "text/javascript; charset=utf-8", 200, "neighbourhood("},
		{"/assets/graph.css", "text/css; charset=utf-8", 200, "#network"},
		{"/assets/vis-network.min.js", "text/javascript; charset=utf-8", 200, "@version 10.1.5"},
		{"/", "text/html; charset=utf-8", 200, `<script src="/assets/graphiql.min.js"`},
		{"/assets/graphiql.min.js", "text/javascript; charset=utf-8", 200, "GraphiQL"},
		{"/assets/graphiql.min.css", "text/css; charset=utf-8", 200, ".graphiql-container"},
		{"/assets/react.production.min.js", "text/javascript; charset=utf-8", 200, "react.production.min.js"},
		{"/assets/react-dom.production.min.js", "text/javascript; charset=utf-8", 200, "react-dom.production.min.js"},
		{"/assets/graphiql-page.js", "text/javascript; charset=utf-8", 200, "IntrospectionQuery"},
		{"/assets/../go.mod", "", 404, ""},
		{"/assets/third_party/vis-timeline/LICENSE.md", "", 404, ""},
		{"/assets/pages.go", "", 404, ""},
		{"/assets/nothing.js", "", 404, ""},
		{"/timeline/nothing.js", "", 404, ""},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := http.Get(base + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			if tc.status != 200 {
				return
			}
			if got := resp.Header.Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			if !strings.Contains(string(body), tc.contains) {
				t.Errorf("body does not contain %q", tc.contains)
			}
			if strings.HasPrefix(tc.contentType, "text/html") && !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'self'") {
				t.Errorf("CSP = %q, want scripts from this server only", resp.Header.Get("Content-Security-Policy"))
			}
			etag := resp.Header.Get("ETag")
			req, _ := http.NewRequest("GET", base+tc.path, nil)
			req.Header.Set("If-None-Match", etag)
			again, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			again.Body.Close()
			if again.StatusCode != http.StatusNotModified {
				t.Errorf("with If-None-Match %s: status %d, want 304", etag, again.StatusCode)
			}
		})
	}
}
