package gql

import (
	"context"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/lru"
	lru2 "github.com/hashicorp/golang-lru/v2"
)

// The response cache holds at most its bytes, however many answers its
// size allows: the oldest go first.
func TestResponseCacheBytes(t *testing.T) {
	rc := &responseCache{maxBytes: 10 << 10}
	c, err := lru2.NewWithEvict(1000, func(_ [32]byte, v cachedResponse) { rc.bytes.Add(-int64(len(v.body))) })
	if err != nil {
		t.Fatal(err)
	}
	rc.lru = c
	for i := range 100 {
		rc.add([32]byte{byte(i)}, cachedResponse{body: make([]byte, 1<<10)})
		rc.add([32]byte{byte(i)}, cachedResponse{body: make([]byte, 1<<10)}) // again: counted once
		if rc.bytes.Load() > rc.maxBytes {
			t.Fatalf("after %d answers the cache holds %d bytes, more than %d", i+1, rc.bytes.Load(), rc.maxBytes)
		}
	}
	if n := rc.lru.Len(); n != 10 || rc.bytes.Load() != 10<<10 {
		t.Errorf("%d answers, %d bytes; want the last 10, 10 KiB", n, rc.bytes.Load())
	}
	if !rc.lru.Contains([32]byte{99}) || rc.lru.Contains([32]byte{89}) {
		t.Error("want the newest kept, the oldest dropped")
	}
}

// gqlgen's caches of parsed documents and persisted queries keep no long
// query.
func TestSmallOnly(t *testing.T) {
	c := smallOnly[string]{lru.New[string](10)}
	ctx := context.Background()
	long, short := strings.Repeat("x", maxCachedQuery+1), "{ __typename }"
	c.Add(ctx, long, "long")
	c.Add(ctx, short, "short")
	if _, ok := c.Get(ctx, long); ok {
		t.Error("a long query was kept")
	}
	if v, ok := c.Get(ctx, short); !ok || v != "short" {
		t.Error("a short query was not kept")
	}
}
