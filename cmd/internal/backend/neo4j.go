package backend

import (
	"context"
	"strings"

	"github.com/alaqat/alaqat/graph"
)

func openNeo4j(ctx context.Context, url string) (graph.Store, error) {
	scheme, _, _ := strings.Cut(url, "://")
	return nil, graph.Errorf(graph.EINVALID, "unsupported store URL scheme %q", scheme)
}
