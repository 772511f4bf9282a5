package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/alaqat/alaqat/graph"
	neo "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// FactsHash returns the digest of the facts the article was last applied
// with, or "" if the store holds no such article (graph.FactsHasher).
func (s *Store) FactsHash(ctx context.Context, articleID string) (string, error) {
	hs, err := s.FactsHashes(ctx, []string{articleID})
	return hs[articleID], err
}

// FactsHashes returns the digest of the facts each of these articles was
// last applied with, by id, leaving out the articles the store does not
// hold: one round trip for a batch.
func (s *Store) FactsHashes(ctx context.Context, ids []string) (map[string]string, error) {
	res, err := neo.ExecuteQuery(ctx, s.driver, `UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN id, a.factsHash`,
		map[string]any{"ids": ids}, neo.EagerResultTransformer, s.queryOptions()...)
	if err != nil {
		return nil, unavailable(err)
	}
	out := make(map[string]string, len(res.Records))
	for _, r := range res.Records {
		id, _ := r.Values[0].(string)
		h, _ := r.Values[1].(string)
		out[id] = h
	}
	return out, nil
}

var _ graph.FactsHasher = (*Store)(nil)

// unavailable gives the code graph.EUNAVAILABLE to an error that says the
// server could not be reached or did not answer within the driver's retry
// budget, keeping the others as they are. A connection lost while a
// commit was on its way leaves the commit's fate unknown: the message
// says so.
func unavailable(err error) error {
	var conn *neo.ConnectivityError
	var limit *neo.TransactionExecutionLimit
	switch {
	case errors.As(err, &conn), errors.As(err, &limit):
		return &unavailableError{err}
	}
	return err
}

// unavailableError is a graph.EUNAVAILABLE error that keeps the driver's.
type unavailableError struct{ err error }

func (e *unavailableError) Error() string {
	return fmt.Sprintf("Neo4j unavailable: %v", e.err)
}

func (e *unavailableError) Unwrap() []error {
	errs := []error{&graph.Error{Code: graph.EUNAVAILABLE, Message: e.Error()}, e.err}
	// The driver's error for it is internal: its message is what shows.
	if strings.Contains(e.err.Error(), "Connection lost during commit") {
		errs = append(errs, graph.ErrCommitUnknown)
	}
	return errs
}
