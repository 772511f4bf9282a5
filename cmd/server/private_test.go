package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// privateServer starts the real server with --private and the token
// s3cret, and returns its base URL.
func privateServer(t *testing.T) string {
	t.Helper()
	tokenFile := filepath.Join(t.TempDir(), "token")
	if err := os.WriteFile(tokenFile, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	base, _ := startServer(t, "--token-file", tokenFile, "--private")
	return base
}

// TestTimelinePrivate opens the timeline of a --private server: refused
// at first, the page opens its token field; a wrong token is refused, the
// right one shows the timeline, and is kept in the tab's sessionStorage
// only, so that a reload needs no token typed again.
func TestTimelinePrivate(t *testing.T) {
	browserCtx, pageErrors := browser(t)
	base := privateServer(t)
	ctx := deadline(t, browserCtx)
	var refused, wrong, status, stored, focused string
	var open bool
	var local int
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/timeline?between=QA,DE"),
		chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
		into(&refused, chromedp.Text(chromedp.ID("status"))),
		into(&open, chromedp.Evaluate[bool](`document.getElementById("token").open`)),
		into(&focused, chromedp.Evaluate[string](`document.activeElement.id`)),
	)
	if err != nil {
		t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
	}
	screenshot(ctx, t, "timeline-private-refused")
	err = chromedp.Do(ctx,
		chromedp.SendKeys(chromedp.ID("token-input"), "wrong\r"), // Enter

		into(new(bool), chromedp.Poll[bool](`document.getElementById("status").textContent.includes("refused")`)),
		into(&wrong, chromedp.Text(chromedp.ID("status"))),
		// Refused again, the field opens again.
		chromedp.WaitVisible(chromedp.ID("token-input")),
		chromedp.SendKeys(chromedp.ID("token-input"), "s3cret"),
		chromedp.Click(chromedp.CSS(`#token-form button[type="submit"]`)),
		chromedp.WaitVisible(rheinmetall2018),
		into(&status, chromedp.Text(chromedp.ID("status"))),
		into(&stored, chromedp.Evaluate[string](`sessionStorage.getItem("alaqat.token")`)),
		into(&local, chromedp.Evaluate[int](`localStorage.length`)),
	)
	if err != nil {
		t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
	}
	if !strings.Contains(refused, "needs its token") {
		t.Errorf("status without a token = %q, want it to ask for the token", refused)
	}
	if !open || focused != "token-input" {
		t.Errorf("without a token: token field open %v, focus on #%s; want it open with the focus in it", open, focused)
	}
	if !strings.Contains(wrong, "refused the token") {
		t.Errorf("status with a wrong token = %q, want it to say the token was refused", wrong)
	}
	if !strings.Contains(status, "4 items between Qatar and Germany") {
		t.Errorf("status with the token = %q, want the timeline", status)
	}
	if stored != "s3cret" || local != 0 {
		t.Errorf("sessionStorage holds %q and localStorage %d items; want the token in sessionStorage only", stored, local)
	}

	// A reload in the same tab keeps the token.
	var again string
	err = chromedp.Do(ctx,
		chromedp.Reload(),
		chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
		chromedp.WaitVisible(rheinmetall2018),
		into(&again, chromedp.Text(chromedp.ID("token-state"))),
	)
	if err != nil {
		t.Fatalf("reloading: %v (page errors: %q)", err, pageErrors())
	}
	if again != "set for this tab" {
		t.Errorf("after a reload the token field says %q, want the token set", again)
	}
	checkPageErrors(t, pageErrors, "401")
}

// checkPageErrors fails the test for the errors the pages reported, but
// for those that contain one of expected (a refusal the test asked for
// shows in the console as a failed load).
func checkPageErrors(t *testing.T, pageErrors func() []string, expected ...string) {
	t.Helper()
	var unexpected []string
	for _, e := range pageErrors() {
		if !containsAny(e, expected) {
			unexpected = append(unexpected, e)
		}
	}
	if len(unexpected) > 0 {
		t.Errorf("the page reported errors:\n%s", strings.Join(unexpected, "\n"))
	}
}

func containsAny(s string, parts []string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// TestGraphPrivate opens the network view of a --private server: refused,
// then drawn once the token is given in the field.
func TestGraphPrivate(t *testing.T) {
	browserCtx, pageErrors := browser(t)
	base := privateServer(t)
	ctx := deadline(t, browserCtx)
	var refused, status string
	var hidden bool
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/graph?entity=QA"),
		chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
		into(&refused, chromedp.Text(chromedp.ID("status"))),
		into(&hidden, chromedp.Evaluate[bool](`document.getElementById("stage").hidden`)),
		chromedp.WaitVisible(chromedp.ID("token-input")),
		chromedp.SendKeys(chromedp.ID("token-input"), "s3cret\r"),
		into(new(bool), chromedp.Poll[bool](`typeof network === "object" && network !== null && network.body.data.nodes.get("country:DE") !== null`)),
		chromedp.WaitReady(chromedp.CSS(`main:not([aria-busy])`)),
		into(&status, chromedp.Text(chromedp.ID("status"))),
	)
	if err != nil {
		t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
	}
	if !strings.Contains(refused, "needs its token") || !hidden {
		t.Errorf("without a token: status %q, drawing hidden %v; want the token asked for and no drawing", refused, hidden)
	}
	if !strings.HasPrefix(status, "12 entities within 2 relations of Qatar") {
		t.Errorf("with the token: status %q, want the network", status)
	}
	checkPageErrors(t, pageErrors, "401")
}

// TestGraphiQLPrivate opens GraphiQL on a --private server: its schema
// request is refused and the token field opens; once the token is given,
// GraphiQL reads the schema and runs queries with it.
func TestGraphiQLPrivate(t *testing.T) {
	browserCtx, pageErrors := browser(t)
	base := privateServer(t)
	ctx := deadline(t, browserCtx)
	var result string
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-container .graphiql-query-editor .CodeMirror`)),
		chromedp.WaitVisible(chromedp.ID("token-input")),
		chromedp.SendKeys(chromedp.ID("token-input"), "s3cret\r"),
		chromedp.Click(chromedp.CSS(`button[aria-label="Show Documentation Explorer"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.graphiql-doc-explorer a.graphiql-doc-explorer-type-name`)),
		chromedp.Click(chromedp.CSS(`button.graphiql-execute-button`)),
		into(new(bool), chromedp.Poll[bool](`document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue().includes("totalCount")`)),
		into(&result, chromedp.Evaluate[string](`document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue()`)),
	)
	if err != nil {
		t.Fatalf("driving the page: %v (page errors: %q)", err, pageErrors())
	}
	if !strings.Contains(result, `"totalCount": 3`) {
		t.Errorf("with the token, the example query answered %.300s…, want the agreements", result)
	}
	checkPageErrors(t, pageErrors, "401")
}
