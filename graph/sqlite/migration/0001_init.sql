-- Alaqat's embedded store. Every row is a claim of one article, so that
-- re-importing or deleting an article touches exactly its own rows; nodes and
-- edges are what the claims of all articles add up to (see graph.Merge).

CREATE TABLE articles (
    id          TEXT PRIMARY KEY,
    url         TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    published   TEXT NOT NULL DEFAULT '',  -- ISO partial date, '' when unknown
    lang        TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL
) STRICT;

-- What one article says about one node: the node as JSON (graph.Node).
CREATE TABLE claims (
    node_id     TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (node_id, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_kind ON claims(kind, node_id);

-- Every spelling of a node's name, folded (graph.Fold), for search.
CREATE TABLE names (
    folded      TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    PRIMARY KEY (folded, node_id, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX names_article ON names(article_id);

CREATE TABLE edges (
    type        TEXT NOT NULL,
    from_id     TEXT NOT NULL,
    to_id       TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    since       TEXT NOT NULL DEFAULT '',  -- ISO partial date, '' when unknown
    PRIMARY KEY (type, from_id, to_id, title, article_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX edges_from ON edges(from_id, type);
CREATE INDEX edges_to ON edges(to_id, type);
CREATE INDEX edges_article ON edges(article_id);

CREATE TABLE evidence (
    fact        TEXT NOT NULL,             -- node id or edge key
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,          -- rune offsets into articles.text
    end         INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    PRIMARY KEY (fact, article_id, start, end)
) STRICT, WITHOUT ROWID;
CREATE INDEX evidence_article ON evidence(article_id);
