-- The records held (rows of record_current), counted in the transaction that stores their first
-- version, as origin_tally counts the versions: the node's status, metrics and reports read one
-- row instead of counting the current table at each call (a whole scan on PostgreSQL). One row,
-- id 0, none while nothing is held (so a new store is empty for `cix node import`). Each
-- statement can run again, so a crash during the migration leaves a store that the next start
-- migrates from the beginning.
CREATE TABLE IF NOT EXISTS current_tally (
  id       INT    NOT NULL PRIMARY KEY,
  records  BIGINT NOT NULL
);
DELETE FROM current_tally;
INSERT INTO current_tally (id, records) SELECT 0, COUNT(*) FROM record_current HAVING COUNT(*) > 0;
