package main

import (
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestGraphiQLOffline opens GraphiQL in a real headless Chromium, which
// reaches nothing but the server: GraphiQL loads (React and its own
// scripts come from the server), reads the schema, and runs its example
// query; every request the page made went to the server.
func TestGraphiQLOffline(t *testing.T) {
	browserCtx, pageErrors := browser(t)
	base, _ := startServer(t)
	ctx := deadline(t, browserCtx)

	var mu sync.Mutex
	var requested []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, e.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	var result string
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-container .graphiql-query-editor .CodeMirror`)),
		// The docs button works only once the schema is read.
		chromedp.Click(chromedp.CSS(`button[aria-label="Show Documentation Explorer"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-doc-explorer`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-doc-explorer a.graphiql-doc-explorer-type-name`)),
		chromedp.Click(chromedp.CSS(`button.graphiql-execute-button`)),
		into(new(bool), chromedp.Poll[bool](`document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue().includes("Rheinmetall")`)),
		into(&result, chromedp.Evaluate[string](`document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue()`)),
	)
	if err != nil {
		screenshot(ctx, t, "graphiql-failed")
		t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
	}
	screenshot(ctx, t, "graphiql")
	if !strings.Contains(result, `"totalCount": 3`) || !strings.Contains(result, "Qatar – Rheinmetall agreement") {
		t.Errorf("the example query answered %.300s…, want the Qatar–Germany agreements", result)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(requested) < 6 {
		t.Errorf("the page made %d requests, want the page, its scripts and styles, and the API's: %q", len(requested), requested)
	}
	for _, u := range requested {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page asked %s, which is not this server", u)
		}
	}
	checkPageErrors(t, pageErrors)
}
