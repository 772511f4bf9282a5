package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/alaqat/alaqat/cmd/internal/backend"
)

// watchState is what loader watch remembers across restarts, in a small
// JSON file (stateFile): per source, the items and files already imported
// and how its last fetches went.
type watchState struct {
	Version int                     `json:"version"`
	Sources map[string]*sourceState `json:"sources"`
}

// sourceState is one source's memory.
type sourceState struct {
	// Seen maps an item's key (its link, or its feed position and a digest
	// of its text when it has no link) or a file's path to when it was
	// imported; a file's value also holds its size and modification time,
	// so that a changed file is imported again.
	Seen map[string]seen `json:"seen"`
	// Tries counts the failed imports of items not yet imported: after
	// maxTries an item is given up (and said so), not fetched each round.
	Tries map[string]int `json:"tries,omitempty"`
	// Errors counts the source's consecutive failures (the feed itself
	// unreachable); Next is when it is tried again (backoff).
	Errors int       `json:"errors,omitempty"`
	Next   time.Time `json:"next,omitzero"`
}

type seen struct {
	At       time.Time `json:"at"`
	Version  string    `json:"version,omitempty"`  // a file's size and modification time
	Articles []string  `json:"articles,omitempty"` // the articles a file's version gave
	Failed   bool      `json:"failed,omitempty"`   // given up after maxTries
}

const (
	// maxSeen bounds the keys remembered per source: far more than a
	// feed shows at once (its latest 100 items at most are read).
	maxSeen = 5000
	// maxTries is how many rounds an item that fails is tried.
	maxTries = 3
	// maxStateSize bounds the state file read.
	maxStateSize = 64 << 20
)

// stateFile is where the state of a watch on the store url is kept unless
// --state says otherwise: beside a SQLite file (alaqat.db.watch.json), or
// alaqat-watch.json in the working directory for Neo4j.
func stateFile(url string) string {
	if backend.IsEmbedded(url) {
		return backend.Path(url) + ".watch.json"
	}
	return "alaqat-watch.json"
}

// loadState reads the state file; a missing file is an empty state.
func loadState(path string) (*watchState, error) {
	st := &watchState{Version: 1, Sources: map[string]*sourceState{}}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > maxStateSize {
		return nil, fmt.Errorf("%s: %d bytes, more than a watch state may take; remove it to start afresh", path, info.Size())
	}
	if err := json.NewDecoder(f).Decode(st); err != nil {
		return nil, fmt.Errorf("%s: not a watch state (%v); remove it to start afresh", path, err)
	}
	if st.Sources == nil {
		st.Sources = map[string]*sourceState{}
	}
	return st, nil
}

// save writes the state atomically: a crash leaves the old file or the
// new one, never half of one.
func (st *watchState) save(path string) error {
	for _, s := range st.Sources {
		s.trim()
	}
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append(b, '\n'))
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// source returns the state of a source, made on first use.
func (st *watchState) source(name string) *sourceState {
	s := st.Sources[name]
	if s == nil {
		s = &sourceState{}
		st.Sources[name] = s
	}
	if s.Seen == nil {
		s.Seen = map[string]seen{}
	}
	if s.Tries == nil {
		s.Tries = map[string]int{}
	}
	return s
}

// trim keeps the maxSeen most recent keys.
func (s *sourceState) trim() {
	if len(s.Seen) <= maxSeen {
		return
	}
	keys := make([]string, 0, len(s.Seen))
	for k := range s.Seen {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return s.Seen[b].At.Compare(s.Seen[a].At) })
	for _, k := range keys[maxSeen:] {
		delete(s.Seen, k)
	}
}

// backoff is how long a source that failed n times in a row waits before
// it is tried again: every round at first, then twice, four, eight and at
// most sixteen times as long.
func backoff(every time.Duration, n int) time.Duration {
	return every << min(max(n-1, 0), 4)
}
