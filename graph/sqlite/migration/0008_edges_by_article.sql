-- An article's edges side by side, as its passages (migration 7): keyed by
-- article first, so that a batch of new articles appends its edges instead
-- of dirtying a page of a table keyed by type and ends for nearly each (at
-- 90,000 articles, 5,000 more dirtied 9,900 of its 12,150 pages). The
-- index by the edge's start leads with the whole edge and then the
-- article, so that an edge's articles come in order for its evidence; both
-- indexes carry since, so that reading a node's edges never goes back to
-- the table. Like the claims and the passages (migration 7), edges go
-- with their article by a trigger, not a foreign key.
CREATE TABLE edges_by_article (
    article_id  TEXT NOT NULL,
    type        TEXT NOT NULL,
    from_id     TEXT NOT NULL,
    to_id       TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    since       TEXT NOT NULL DEFAULT '',  -- ISO partial date, '' when unknown
    PRIMARY KEY (article_id, type, from_id, to_id, title)
) STRICT, WITHOUT ROWID;
INSERT INTO edges_by_article (article_id, type, from_id, to_id, title, since)
    SELECT article_id, type, from_id, to_id, title, since FROM edges ORDER BY article_id, type, from_id, to_id, title;
DROP TABLE edges;
ALTER TABLE edges_by_article RENAME TO edges;
CREATE INDEX edges_from ON edges(from_id, type, to_id, title, article_id, since);
CREATE INDEX edges_to ON edges(to_id, type, since);
DROP TRIGGER article_rows_deleted;
CREATE TRIGGER article_rows_deleted AFTER DELETE ON articles BEGIN
    DELETE FROM claims WHERE article_id = old.id;
    DELETE FROM edges WHERE article_id = old.id;
    DELETE FROM evidence WHERE article_id = old.id;
END;
