-- The name each current record gives its subject when the subject is not a person (主体名称):
-- departments find enterprises by a part of their name. No index: a part of a name is matched
-- anywhere in it, which no B-tree serves; the search reads record_current and stops at its limit.
-- Filled for the records already held by the Java migration that follows (SubjectNameBackfill).
ALTER TABLE record_current ADD COLUMN subject_name VARCHAR(200);
