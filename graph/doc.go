// Package graph is Alaqat's domain: the entities and relations of a knowledge
// graph of bilateral relations between states, the evidence that supports each
// fact, and the Store interface that every backend implements.
//
// A Store holds what articles claim. Each article contributes Facts: nodes
// (countries, persons, organizations, agreements, meetings, places), edges
// between them and the Evidence (quote and rune offsets in the article's text)
// for each. Apply replaces everything one article claimed, in one transaction,
// so importing the same article twice changes nothing, and a node or edge
// exists exactly as long as some article still supports it. When several
// articles describe the same node, Merge combines their claims the same way in
// every backend.
//
// Graph answers the analysts' questions (agreements between two states, a
// timeline, paths, a country's officials) on top of any Store, so the
// backends only have to agree on a few primitive reads, which the conformance
// suite in graph/graphtest checks.
//
// The package imports only the standard library: it knows no database, no
// GraphQL and no extraction.
package graph
