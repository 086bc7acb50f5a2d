-- versions held per origin node and record type, kept in the transaction that stores them: what a
-- node's report says it made, what its ancestors compare with what they hold (missing versions)
CREATE TABLE origin_tally (
  origin_node  VARCHAR(63) NOT NULL,
  type_id      VARCHAR(64) NOT NULL,
  versions     BIGINT      NOT NULL,
  PRIMARY KEY (origin_node, type_id)
);
INSERT INTO origin_tally (origin_node, type_id, versions)
  SELECT origin_node, type_id, COUNT(*) FROM record_version GROUP BY origin_node, type_id;
