package graph

import (
	"context"
	"slices"
	"strings"
	"sync"
)

// memo keeps values Graph derived from the facts at one generation of a
// Versioned store (see Versioned). A value computed after reading
// generation gen reflects gen or a later one, so it is kept under gen and
// dropped as soon as a later generation is seen.
type memo struct {
	mu     sync.Mutex
	gen    int64
	values map[string]any
}

// maxMemo bounds how many values the memo keeps; it starts again empty
// when full.
const maxMemo = 10_000

// generation reads the store's generation; ok is false when the store
// cannot tell, and then nothing is remembered.
func (g *Graph) generation(ctx context.Context) (gen int64, ok bool) {
	v, isV := g.Store.(Versioned)
	if !isV {
		return 0, false
	}
	gen, err := v.Generation(ctx)
	return gen, err == nil
}

// remember returns the value under key at generation gen, computing it
// with fn the first time. Values must not be changed by their users.
func remember[T any](g *Graph, gen int64, ok bool, key []string, fn func() (T, error)) (T, error) {
	if !ok {
		return fn()
	}
	k := strings.Join(key, "\x00")
	m := &g.memo
	m.mu.Lock()
	if m.gen == gen && m.values != nil {
		if v, found := m.values[k]; found {
			m.mu.Unlock()
			return v.(T), nil
		}
	}
	m.mu.Unlock()
	v, err := fn()
	if err != nil {
		return v, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if gen < m.gen {
		return v, nil
	}
	if gen > m.gen || m.values == nil || len(m.values) >= maxMemo {
		m.gen, m.values = gen, map[string]any{}
	}
	m.values[k] = v
	return v, nil
}

// clone returns a copy of n that shares nothing with it.
func (n *Node) clone() *Node {
	c := *n
	c.Names = slices.Clone(n.Names)
	c.Topics = slices.Clone(n.Topics)
	if n.Date != nil {
		d := *n.Date
		c.Date = &d
	}
	return &c
}
