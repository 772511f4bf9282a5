package gql

import (
	"context"

	"github.com/alaqat/alaqat/graph"
)

// agreementTitle writes an agreement's title in lang from its parties
// (graph.AgreementTitle), read through the request's loaders.
func (r *Resolver) agreementTitle(ctx context.Context, n *graph.Node, lang graph.Lang) (string, error) {
	ids, err := r.relatedIDs(ctx, n.ID, graph.PartyTo, false)
	if err != nil {
		return "", err
	}
	parties, err := r.nodes(ctx, ids)
	if err != nil {
		return "", err
	}
	return graph.AgreementTitle(n, parties, lang, r.Words), nil
}

// meetingTitle writes a meeting's title in lang from its participants and
// place (graph.MeetingTitle).
func (r *Resolver) meetingTitle(ctx context.Context, n *graph.Node, lang graph.Lang) (string, error) {
	ids, err := r.relatedIDs(ctx, n.ID, graph.ParticipatedIn, false)
	if err != nil {
		return "", err
	}
	nodes, err := r.nodes(ctx, ids)
	if err != nil {
		return "", err
	}
	var persons []*graph.Node
	for _, p := range nodes {
		if p.Kind == graph.KindPerson {
			persons = append(persons, p)
		}
	}
	places, err := r.relatedIDs(ctx, n.ID, graph.HeldIn, true)
	if err != nil {
		return "", err
	}
	var place *graph.Node
	if len(places) > 0 {
		if place, err = r.node(ctx, places[0]); err != nil {
			return "", err
		}
	}
	return graph.MeetingTitle(persons, place, lang, r.Words), nil
}
