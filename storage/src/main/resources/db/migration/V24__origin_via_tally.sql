-- Versions held per origin node and the neighbour they came through ('' for those made here), kept
-- in the transaction that stores them, as origin_tally is per type: `cix sync status` reads it
-- instead of counting the whole version table at each call, which on a node holding millions of
-- versions took longer than the call's deadline. Each statement can run again (H2 commits each
-- change of a table's shape on its own), so a crash during the migration leaves a store that the
-- next start migrates from the beginning.
CREATE TABLE IF NOT EXISTS origin_via_tally (
  origin_node  VARCHAR(63) NOT NULL,
  via_node     VARCHAR(63) NOT NULL,
  versions     BIGINT      NOT NULL,
  PRIMARY KEY (origin_node, via_node)
);
DELETE FROM origin_via_tally;
INSERT INTO origin_via_tally (origin_node, via_node, versions)
  SELECT origin_node, COALESCE(via_node, ''), COUNT(*) FROM record_version GROUP BY origin_node, COALESCE(via_node, '');
