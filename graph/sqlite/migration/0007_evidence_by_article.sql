-- An article's passages side by side: evidence keyed by article first, so
-- that a batch of new articles appends its passages to a few pages instead
-- of dirtying a page of a table keyed by fact for nearly each (at 90,000
-- articles, 5,000 more dirtied 18,600 of its 27,500 pages). A fact's
-- passages are found through the rows that already name its articles in
-- order: a node's claims, keyed (node, article, raw id) from now on, and
-- an edge's rows, keyed by the edge and then the article.
--
-- Neither table declares its article a foreign key any more: the check of
-- each row inserted, and the statement journal SQLite keeps for every
-- statement that may fail on it, cost the import about 7 %. An article's
-- rows go with it by a trigger instead, and the writer inserts an
-- article before its rows, in one transaction (graph/sqlite/write.go).
CREATE TABLE evidence_by_article (
    article_id  TEXT NOT NULL,
    fact        TEXT NOT NULL,             -- node id or edge key
    start       INTEGER NOT NULL,          -- rune offsets into articles.text
    end         INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    PRIMARY KEY (article_id, fact, start, end)
) STRICT, WITHOUT ROWID;
INSERT INTO evidence_by_article (article_id, fact, start, end, quote)
    SELECT article_id, fact, start, end, quote FROM evidence ORDER BY article_id, fact, start, end;
DROP TABLE evidence;
ALTER TABLE evidence_by_article RENAME TO evidence;

CREATE TABLE claims_by_article (
    node_id     TEXT NOT NULL,
    raw_id      TEXT NOT NULL,
    article_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (node_id, article_id, raw_id)
) STRICT, WITHOUT ROWID;
INSERT INTO claims_by_article (node_id, raw_id, article_id, kind, data)
    SELECT node_id, raw_id, article_id, kind, data FROM claims ORDER BY node_id, article_id, raw_id;
DROP TABLE claims;
ALTER TABLE claims_by_article RENAME TO claims;
CREATE INDEX claims_article ON claims(article_id);
CREATE INDEX claims_kind ON claims(kind, node_id);
CREATE TRIGGER article_rows_deleted AFTER DELETE ON articles BEGIN
    DELETE FROM claims WHERE article_id = old.id;
    DELETE FROM evidence WHERE article_id = old.id;
END;
