-- Identity resolution (graph.Resolve, graph.Rewrite). An article's facts are
-- kept as it gave them (articles.facts, graph.EncodeFacts), with its
-- reports of agreements and meetings (reports) and a tally per person id
-- (person_tallies), each with the entity it was resolved to. The graph's
-- rows (claims, names, edges, evidence) are each article's facts resolved:
-- a claim keeps the id the article gave (raw_id) beside the entity's.
ALTER TABLE articles ADD COLUMN facts TEXT NOT NULL DEFAULT '';
-- The articles not yet brought up to date (Store.upgrade), which every
-- Open looks for: found without reading the articles' rows.
CREATE INDEX articles_to_upgrade ON articles(id) WHERE facts = '';

CREATE TABLE claims_resolved (
    node_id     TEXT NOT NULL,
    raw_id      TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (node_id, raw_id, article_id)
) STRICT, WITHOUT ROWID;
INSERT INTO claims_resolved (node_id, raw_id, article_id, kind, data)
    SELECT node_id, node_id, article_id, kind, data FROM claims;
DROP TABLE claims;
ALTER TABLE claims_resolved RENAME TO claims;
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_kind ON claims(kind, node_id);

-- Keyed by block and year, the candidates resolution reads most.
CREATE TABLE reports (
    block       TEXT NOT NULL,
    year        INTEGER NOT NULL,
    key         TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    node_id     TEXT NOT NULL,
    match       TEXT NOT NULL,
    entity      TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (block, year, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX reports_article ON reports(article_id);

-- Analysts' corrections (graph.Correction), never deleted: an undo is a
-- correction too. Names they add are searchable through correction_names,
-- rebuilt from the corrections in force whenever one is made.
CREATE TABLE corrections (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    op          TEXT NOT NULL,
    target      TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    article     TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX corrections_target ON corrections(target);
CREATE INDEX corrections_source ON corrections(source);
CREATE TRIGGER corrections_inserted AFTER INSERT ON corrections BEGIN
    UPDATE meta SET generation = generation + 1;
END;

CREATE TABLE correction_names (
    folded      TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    PRIMARY KEY (folded, node_id)
) STRICT, WITHOUT ROWID;

-- Persons are resolved from one tally per person id (graph.PersonTally):
-- what all the articles naming them say together.
-- Keyed by block (graph.PersonBlock, which the id gives) and id.
CREATE TABLE person_tallies (
    block       TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    entity      TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (block, node_id)
) STRICT, WITHOUT ROWID;
