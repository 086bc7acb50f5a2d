-- The person each current record names as its subject's legal representative (法定代表人证件号码,
-- a resident ID number): a check on a person finds the records of the enterprises they represent.
-- Filled for the records already held by the Java migration that follows (RepresentedByBackfill).
ALTER TABLE record_current ADD COLUMN represented_by VARCHAR(18);
CREATE INDEX record_current_represented ON record_current (represented_by);
