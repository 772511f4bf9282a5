-- Name search without reading every article's spelling of every name:
-- node_names holds each distinct (folded name, node) once, kept up to date
-- from names by triggers, and name_trigrams indexes it by trigram so that
-- LIKE '%text%' finds a substring of three characters or more without a
-- scan.
CREATE TABLE node_names (
    folded      TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    PRIMARY KEY (folded, node_id)
) STRICT;
CREATE INDEX node_names_kind ON node_names(kind, node_id);
INSERT INTO node_names (folded, node_id, kind)
    SELECT folded, node_id, min(kind) FROM names GROUP BY folded, node_id;

CREATE VIRTUAL TABLE name_trigrams USING fts5(folded, content='node_names', content_rowid='rowid', tokenize='trigram');
INSERT INTO name_trigrams (name_trigrams) VALUES ('rebuild');

CREATE TRIGGER names_inserted AFTER INSERT ON names BEGIN
    INSERT OR IGNORE INTO node_names (folded, node_id, kind) VALUES (new.folded, new.node_id, new.kind);
END;
CREATE TRIGGER names_deleted AFTER DELETE ON names
    WHEN NOT EXISTS (SELECT 1 FROM names WHERE folded = old.folded AND node_id = old.node_id)
BEGIN
    DELETE FROM node_names WHERE folded = old.folded AND node_id = old.node_id;
END;
CREATE TRIGGER node_names_inserted AFTER INSERT ON node_names BEGIN
    INSERT INTO name_trigrams (rowid, folded) VALUES (new.rowid, new.folded);
END;
CREATE TRIGGER node_names_deleted AFTER DELETE ON node_names BEGIN
    INSERT INTO name_trigrams (name_trigrams, rowid, folded) VALUES ('delete', old.rowid, old.folded);
END;
