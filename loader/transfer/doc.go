// Package transfer gets a graph out of a store and moves it between
// stores: `loader export` (JSON Lines that `loader import` reads back into
// the same graph, GraphML for Gephi and yEd, CSV for Neo4j's bulk importer)
// and `loader copy` (SQLite to Neo4j and back).
//
// Both read a store article by article through graph.Store.ArticleFacts:
// what each article claimed, as it was applied. A store is the sum of its
// articles' facts, so applying every article's facts to an empty store
// rebuilds the same graph without extracting anything again (an analyst's
// watch-list used at import, or a person merged across scripts, stays as it
// was). The JSON Lines export writes one Record per article, which ReadFacts
// reads back; a Writer writes facts to a store in batches, skipping
// articles the store holds with the same facts, so that copying or
// importing twice changes nothing.
package transfer
