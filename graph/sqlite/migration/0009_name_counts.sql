-- Name search's distinct spellings (node_names) count the claims that give
-- them, in place of a row for every article and spelling (names): a batch
-- of new articles adds to counts it mostly finds in a few pages, where its
-- rows of names dirtied a page of a table keyed by spelling for nearly each
-- (at 90,000 articles, 5,000 more dirtied 8,000 of its 11,000 pages). A
-- claim keeps the folded spellings it gives (claims.folded, a JSON list,
-- graph.Fold of each name): the writer adds a batch's claims to the counts
-- (graph/sqlite/write.go), a trigger takes each claim deleted out of them,
-- and a spelling goes with the last claim that gives it.
ALTER TABLE claims ADD COLUMN folded TEXT NOT NULL DEFAULT '[]';
ALTER TABLE node_names ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;

-- The spellings of a node in an article, on the claim of its first raw id
-- there (the others give none, which counts the same).
UPDATE claims SET folded = (SELECT json_group_array(n.folded) FROM names n
        WHERE n.article_id = claims.article_id AND n.node_id = claims.node_id)
    WHERE raw_id = (SELECT min(c.raw_id) FROM claims c WHERE c.node_id = claims.node_id AND c.article_id = claims.article_id);
UPDATE node_names SET claims = (SELECT count(*) FROM names n WHERE n.folded = node_names.folded AND n.node_id = node_names.node_id);
DROP TABLE names;
DELETE FROM node_names WHERE claims = 0;

CREATE TRIGGER claims_deleted AFTER DELETE ON claims BEGIN
    UPDATE node_names SET claims = claims - 1
        WHERE node_id = old.node_id AND folded IN (SELECT value FROM json_each(old.folded));
    DELETE FROM node_names
        WHERE node_id = old.node_id AND folded IN (SELECT value FROM json_each(old.folded)) AND claims <= 0;
END;
