-- the exchange ledger's totals per neighbour and direction, kept in the transaction that writes
-- each ledger entry: what sync status and the metrics show per link, read without a scan and never
-- behind the ledger
CREATE TABLE link_totals (
  peer_node   VARCHAR(63) NOT NULL,
  direction   VARCHAR(8)  NOT NULL,
  items       BIGINT      NOT NULL,   -- items of bundles without a bundle error
  accepted    BIGINT      NOT NULL,
  rejected    BIGINT      NOT NULL,
  last_at     BIGINT      NOT NULL,
  PRIMARY KEY (peer_node, direction)
);
INSERT INTO link_totals (peer_node, direction, items, accepted, rejected, last_at)
  SELECT peer_node, direction, SUM(CASE WHEN error IS NULL THEN items ELSE 0 END), SUM(accepted), SUM(rejected),
         MAX(at)
  FROM exchange_ledger GROUP BY peer_node, direction;
