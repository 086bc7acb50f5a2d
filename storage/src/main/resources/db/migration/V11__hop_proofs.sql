-- the proofs of a received version's path: one per relay it passed, this node's own receipt last
-- (a serialised HopProofs); null for versions made here and for those stored before receipts
ALTER TABLE record_version ADD COLUMN hop_proofs ${bytes};
