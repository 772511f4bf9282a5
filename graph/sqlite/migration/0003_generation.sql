-- A number that grows with every committed change of the facts (an article
-- stored, replaced or deleted), so that readers can keep what they merged
-- for as long as it stays the same, whichever process wrote.
CREATE TABLE meta (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
) STRICT;
INSERT INTO meta (id, generation) VALUES (1, 0);
CREATE TRIGGER articles_inserted AFTER INSERT ON articles BEGIN
    UPDATE meta SET generation = generation + 1;
END;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN
    UPDATE meta SET generation = generation + 1;
END;
