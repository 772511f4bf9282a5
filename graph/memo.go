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
