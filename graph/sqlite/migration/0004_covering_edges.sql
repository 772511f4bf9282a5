-- The edge indexes carry since too, so that reading a node's edges never
-- goes back to the table (the primary key's columns are in every index of a
-- WITHOUT ROWID table already).
DROP INDEX edges_from;
DROP INDEX edges_to;
CREATE INDEX edges_from ON edges(from_id, type, since);
CREATE INDEX edges_to ON edges(to_id, type, since);
