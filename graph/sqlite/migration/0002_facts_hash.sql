-- A digest of the facts an article was last imported with (graph.Facts.Hash),
-- so that importing it again unchanged costs one read.
ALTER TABLE articles ADD COLUMN facts_hash TEXT NOT NULL DEFAULT '';
