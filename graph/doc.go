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
// articles describe the same entity, Merge combines their claims the same way
// in every backend.
//
// # Identity
//
// What is one article, one agreement, one meeting, one person:
//
//   - An article is its URL when it has one, so that a story imported again
//     after an edit replaces what it said; else a digest of its title and
//     text (ArticleID): two press releases under one title are two articles.
//   - Countries, organizations and places are what their ids say: the
//     gazetteer's id, or the folded name (see Fold).
//   - Agreements, meetings and persons are resolved, not hashed. Each article
//     reports them (ReportsOf: an agreement's parties and the countries they
//     act for, its kind, date and topics; a meeting's sides, place, date and
//     participants; a person's name and the countries and ranks of their
//     offices), and Resolve decides which reports are one entity. Two reports
//     of an agreement are one when their parties agree and nothing tells them
//     apart (dates that contain one another, kinds that agree, topics in
//     common or none stated), and they say something alike (a topic, the
//     same day); a different signing date or subject makes another agreement,
//     even in the same year, and two agreements of one article are two. A
//     report that fits two agreements, or an undated report that does not
//     clearly describe one (the same parties and subject), stays its own.
//     Meetings likewise, by the sides of their participants, their place and
//     date: the sessions and the signing ceremony of one summit are one
//     meeting. A person's spellings in Arabic and Latin letters are one person
//     when the skeletons of their names agree (NameSkeleton: Planas and
//     بلاناس), honorifics left out, or one is a short form of the other, and
//     their countries and offices do not conflict. Resolve's documentation
//     has the rules in full.
//   - Resolution depends on the set of reports alone, never on the order of
//     import. Stores keep each article's facts as given (ArticleFacts), its
//     reports and a tally per person id, and within the transaction of each
//     write resolve again what the write may change (Rewrite) and write again
//     the share of every article whose entities changed (Materialize).
//
// # Corrections
//
// Analysts correct the graph (Correction): merge two entities, add or take
// away a name, rename, reject a fact or one article's claim of it, and undo
// any of these. Corrections are records of their own, beside the articles'
// facts: merges and rejections take part in every resolution and
// materialization, names are laid over the merged node (Overlay), so they
// stay in force when articles are imported or extracted again.
//
// # Questions
//
// Graph answers the analysts' questions (agreements between two states, a
// timeline, paths, a country's officials) on top of any Store, so the
// backends only have to agree on a few primitive reads, which the conformance
// suite in graph/graphtest checks.
//
// The package imports only the standard library: it knows no database, no
// GraphQL and no extraction.
package graph
