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
	weight int // ids and nodes held, summed over values
	values map[string]any
}

// maxMemo bounds how many ids and nodes the memo holds (a country's side
// and agreements are thousands); it starts again empty when full.
const maxMemo = 2_000_000

// weight is what a remembered value holds.
func weight(v any) int {
	switch v := v.(type) {
	case map[string]bool:
		return 1 + len(v)
	case []*Node:
		return 1 + len(v)
	}
	return 1
}

type generationKey struct{}

// WithGeneration returns a context telling a Versioned store's readers that
// the store was at generation gen (or a later one) when the caller began,
// so that they need not read it again: what they kept for gen is as good
// as a fresh read. Graph passes the generation it read to the reads of one
// question. It must not span a write of the caller's own.
func WithGeneration(ctx context.Context, gen int64) context.Context {
	return context.WithValue(ctx, generationKey{}, gen)
}

// GenerationOf returns the generation WithGeneration put in ctx.
func GenerationOf(ctx context.Context) (int64, bool) {
	gen, ok := ctx.Value(generationKey{}).(int64)
	return gen, ok
}

// generation reads the store's generation, unless ctx carries one, and
// returns ctx carrying it; ok is false when the store cannot tell, and then
// nothing is remembered.
func (g *Graph) generation(ctx context.Context) (_ context.Context, gen int64, ok bool) {
	if gen, ok := GenerationOf(ctx); ok {
		return ctx, gen, true
	}
	v, isV := g.Store.(Versioned)
	if !isV {
		return ctx, 0, false
	}
	gen, err := v.Generation(ctx)
	if err != nil {
		return ctx, 0, false
	}
	return WithGeneration(ctx, gen), gen, true
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
	w := weight(v)
	if gen > m.gen || m.values == nil || m.weight+w > maxMemo {
		m.gen, m.weight, m.values = gen, 0, map[string]any{}
	}
	if _, dup := m.values[k]; !dup {
		m.values[k] = v
		m.weight += w
	}
	return v, nil
}

// Clone returns a copy of n that shares nothing with it: for stores and
// caches that hand out nodes they keep.
func (n *Node) Clone() *Node {
	c := *n
	c.Names = slices.Clone(n.Names)
	c.Topics = slices.Clone(n.Topics)
	if n.Date != nil {
		d := *n.Date
		c.Date = &d
	}
	return &c
}
