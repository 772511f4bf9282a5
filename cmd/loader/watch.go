package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/spf13/cobra"

	"github.com/alaqat/alaqat/cmd/internal/backend"
	"github.com/alaqat/alaqat/graph"
	"github.com/alaqat/alaqat/loader"
	"github.com/alaqat/alaqat/loader/article"
	"github.com/alaqat/alaqat/loader/fetch"
)

const watchLong = `loader watch keeps importing what is new: every --every (15 minutes by
default) it reads each feed, page and folder named, and imports the feed
items, pages and files it has not imported before (a file again when its
size or modification time changed), as "loader import" does.

It remembers what it imported across restarts in a small JSON file, by
default beside the SQLite store (alaqat.db.watch.json), or
alaqat-watch.json in the working directory for Neo4j (--state FILE
elsewhere). A feed that cannot be fetched is tried again after one round,
then after two, four, eight and at most sixteen rounds; a feed item whose
page fails is tried in the next rounds, and given up after 3 failures.

Each round that imports or fails prints the import's report, prefixed by
the time and the source. Ctrl-C (SIGINT) or SIGTERM stops it cleanly: the
article being written is finished or not begun, the state saved, exit 0.
With --once it does one round and exits as import does.`

const watchExample = `  loader watch https://example.org/rss.xml ~/news/incoming/ --every 15m
  loader watch --once https://example.org/atom.xml --db bolt://localhost:7687 --state /var/lib/alaqat/watch.json`

func newWatch() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "watch FEED|URL|DIR…",
		Short:   "Keep importing what is new in feeds, pages and folders",
		Long:    watchLong,
		Example: watchExample,
	}
	db := dbFlag(cmd)
	gaz := gazetteerFlag(cmd)
	every := cmd.Flags().Duration("every", 15*time.Minute, "how often to look for what is new")
	state := cmd.Flags().String("state", "", "the file remembering what was imported (default: beside the SQLite store, else ./alaqat-watch.json)")
	once := cmd.Flags().Bool("once", false, "one round, then exit (for cron)")
	timeout := cmd.Flags().Duration("timeout", fetch.DefaultTimeout, "the longest a request may take, its body read")
	verbose := cmd.Flags().BoolP("verbose", "v", false, "print a line per article, and rounds with nothing new")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return usageError("no feeds, pages or folders given")
		}
		if *every < time.Second && !*once {
			return usageError("--every %v: at least 1s", *every)
		}
		for _, a := range args {
			if !loader.IsURL(a) {
				if info, err := os.Stat(a); err != nil || !info.IsDir() {
					return usageError("%s: not a URL or a folder", a)
				}
			}
		}
		x, err := backend.Extractor(*gaz)
		if err != nil {
			return fail(exitFatal, "%v", err)
		}
		if *state == "" {
			*state = stateFile(*db)
		}
		st, err := loadState(*state)
		if err != nil {
			return fail(exitFatal, "%v", err)
		}
		ctx := cmd.Context()
		store, err := openStore(ctx, cmd, *db, true)
		if err != nil {
			return err
		}
		defer store.Close()
		w := &watcher{
			store:   store,
			opt:     loader.Options{Extractor: x},
			client:  &fetch.Client{Timeout: *timeout},
			state:   st,
			every:   *every,
			verbose: *verbose,
			stdout:  cmd.OutOrStdout(),
			stderr:  cmd.ErrOrStderr(),
			prefix:  cmd.CommandPath(),
			now:     time.Now,
			warned:  map[string]bool{},
		}
		for {
			failed := w.round(ctx, args)
			if err := st.save(*state); err != nil {
				return fail(exitFatal, "saving what was imported: %v", err)
			}
			if ctx.Err() != nil {
				fmt.Fprintf(w.stderr, "%s: stopped; what was imported is remembered in %s\n", w.prefix, *state)
				return nil
			}
			if *once {
				return status(map[bool]int{true: exitFailed, false: exitOK}[failed])
			}
			select {
			case <-ctx.Done():
				fmt.Fprintf(w.stderr, "%s: stopped; what was imported is remembered in %s\n", w.prefix, *state)
				return nil
			case <-time.After(*every):
			}
		}
	}
	return cmd
}

// watcher runs the rounds of loader watch.
type watcher struct {
	store          graph.Store
	opt            loader.Options
	client         *fetch.Client
	state          *watchState
	every          time.Duration
	verbose        bool
	stdout, stderr io.Writer
	prefix         string
	now            func() time.Time
	warned         map[string]bool // feed warnings already given
}

// round looks at each source once and imports what is new; it reports
// whether anything failed.
func (w *watcher) round(ctx context.Context, sources []string) (failed bool) {
	for _, src := range sources {
		if ctx.Err() != nil {
			return failed
		}
		key := src
		if !loader.IsURL(src) {
			// The same folder named from another working directory.
			if abs, err := filepath.Abs(src); err == nil {
				key = abs
			}
		}
		s := w.state.source(key)
		if w.now().Before(s.Next) {
			continue // backing off
		}
		var bad bool
		var err error
		if loader.IsURL(src) {
			bad, err = w.feed(ctx, src, s)
		} else {
			bad, err = w.folder(ctx, src, s)
		}
		failed = failed || bad
		if err != nil && ctx.Err() == nil {
			failed = true
			s.Errors++
			wait := backoff(w.every, s.Errors)
			s.Next = w.now().Add(wait)
			fmt.Fprintf(w.stderr, "%s %s: %v (%s in a row); next try in %v\n", w.stamp(), w.prefix, err, plural(s.Errors, "failure"), wait)
			continue
		}
		if err == nil {
			s.Errors, s.Next = 0, time.Time{}
		}
	}
	return failed
}

func (w *watcher) stamp() string { return w.now().Format("2006-01-02 15:04:05") }

// feed imports the new items of a feed, or a page not imported before;
// failed is whether any failed, err the feed's own failure.
func (w *watcher) feed(ctx context.Context, src string, s *sourceState) (failed bool, err error) {
	items, isFeed, err := w.client.Items(ctx, src)
	if len(items) == 0 && err != nil {
		return false, err
	}
	if err != nil {
		// Some items were bad, the feed itself answered: said once per
		// run, not every round.
		for _, e := range unjoin(err) {
			if msg := e.Error(); !w.warned[msg] {
				w.warned[msg] = true
				fmt.Fprintf(w.stderr, "%s %s: warning: %s\n", w.stamp(), w.prefix, msg)
			}
		}
	}
	byInput := map[string]article.Article{}
	keys := map[string]string{}
	var inputs []string
	for _, it := range items {
		key := itemKey(it)
		if _, ok := s.Seen[key]; ok {
			continue
		}
		in := it.URL
		if in == "" || !isFeed {
			in = it.Origin
		}
		if _, dup := byInput[in]; dup {
			continue
		}
		byInput[in], keys[in] = it, key
		inputs = append(inputs, in)
	}
	if len(inputs) == 0 {
		if w.verbose {
			fmt.Fprintf(w.stdout, "%s %s: nothing new\n", w.stamp(), src)
		}
		return false, nil
	}
	opt := w.opt
	opt.Fetch = func(ctx context.Context, in string) ([]article.Article, error) {
		if !isFeed {
			return []article.Article{byInput[in]}, nil
		}
		a, err := w.client.Item(ctx, byInput[in])
		if err != nil {
			return nil, err
		}
		return []article.Article{a}, nil
	}
	rep, done, _ := w.importInputs(ctx, src, inputs, opt)
	w.remember(s, inputs, keys, rep, done)
	return len(rep.Failures) > 0, nil
}

// itemKey is what identifies a feed item across rounds: its link, else a
// digest of its title and text (feeds renumber their items).
func itemKey(a article.Article) string {
	if a.URL != "" {
		return a.URL
	}
	h := sha256.Sum256([]byte(a.Title + "\x00" + a.Text))
	return "sha256:" + hex.EncodeToString(h[:12])
}

// folder imports the files of a folder that are new or changed.
func (w *watcher) folder(ctx context.Context, dir string, s *sourceState) (failed bool, err error) {
	files, fails := loader.Inputs([]string{dir})
	if len(fails) > 0 && len(files) == 0 {
		return false, fails[0]
	}
	keys := map[string]string{}
	var inputs []string
	present := map[string]bool{}
	for _, f := range files {
		info, err := os.Stat(f)
		if err != nil {
			continue
		}
		present[f] = true
		version := fmt.Sprintf("%d@%s", info.Size(), info.ModTime().UTC().Format(time.RFC3339Nano))
		if old, ok := s.Seen[f]; ok && old.Version == version {
			continue
		}
		keys[f] = version
		inputs = append(inputs, f)
	}
	for f := range s.Seen {
		if !present[f] {
			delete(s.Seen, f) // removed: a file of that name later is new
		}
	}
	if len(inputs) == 0 {
		if w.verbose {
			fmt.Fprintf(w.stdout, "%s %s: nothing new\n", w.stamp(), dir)
		}
		return false, nil
	}
	rep, done, ids := w.importInputs(ctx, dir, inputs, w.opt)
	// A file is read whole: one that failed fails again until it changes,
	// so it is remembered with its version either way. An article without
	// a URL is its text: what an earlier version of a file gave and this
	// one does not is withdrawn, so that an edited file replaces itself.
	for _, f := range inputs {
		if !done[f] {
			continue
		}
		for _, old := range s.Seen[f].Articles {
			if slices.Contains(ids[f], old) {
				continue
			}
			if err := w.store.DeleteArticle(ctx, old); err != nil && graph.ErrorCode(err) != graph.ENOTFOUND {
				fmt.Fprintf(w.stderr, "%s: %s: withdrawing %s, of its earlier version: %v\n", w.prefix, f, old, err)
				failed = true
				continue
			}
			if w.verbose {
				fmt.Fprintf(w.stdout, "%s withdrawn %s (%s, of its earlier version)\n", w.stamp(), f, old)
			}
		}
		s.Seen[f] = seen{At: w.now().UTC(), Version: keys[f], Articles: ids[f]}
	}
	return failed || len(rep.Failures) > 0, nil
}

// importInputs imports inputs and prints the report, prefixed by the time
// and the source; done holds the inputs read to their end, ids the
// articles each gave.
func (w *watcher) importInputs(ctx context.Context, src string, inputs []string, opt loader.Options) (loader.Report, map[string]bool, map[string][]string) {
	done := map[string]bool{}
	ids := map[string][]string{}
	opt.Progress = func(p loader.Progress) {
		if p.Article != "" && p.ID != "" {
			ids[p.Input] = append(ids[p.Input], p.ID)
		}
		if p.Article == "" && p.Done > 0 && p.Done <= len(inputs) && p.Input == inputs[p.Done-1] {
			done[p.Input] = true
		}
		if w.verbose && p.Article != "" {
			fmt.Fprintf(w.stdout, "%s %s %s (%s)\n", w.stamp(), verb(p), p.Article, p.ID)
		}
	}
	rep, _ := loader.Import(ctx, w.store, inputs, opt)
	fmt.Fprintf(w.stdout, "%s %s: ", w.stamp(), src)
	printImport(w.stdout, w.stderr, w.prefix, rep)
	return rep, done, ids
}

// remember marks the feed items imported as seen, counts the failures of
// the others and gives up those that failed maxTries times.
func (w *watcher) remember(s *sourceState, inputs []string, keys map[string]string, rep loader.Report, done map[string]bool) {
	bad := map[string]bool{}
	for _, f := range rep.Failures {
		bad[f.Origin] = true
	}
	for _, in := range inputs {
		if !done[in] {
			continue // not reached: interrupted
		}
		key := keys[in]
		if !bad[in] {
			s.Seen[key] = seen{At: w.now().UTC()}
			delete(s.Tries, key)
			continue
		}
		s.Tries[key]++
		if s.Tries[key] >= maxTries {
			s.Seen[key] = seen{At: w.now().UTC(), Failed: true}
			delete(s.Tries, key)
			fmt.Fprintf(w.stderr, "%s %s: gave up %s after %d failures\n", w.stamp(), w.prefix, in, maxTries)
		}
	}
}

// unjoin returns the errors a joined error holds.
func unjoin(err error) []error {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		return j.Unwrap()
	}
	return []error{err}
}
