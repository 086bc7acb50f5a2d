-- The change log by record type: followers of a few types (objections and decisions, revocation
-- lists, departments, industry packages, node reports) read the versions of those types in order.
-- Without this index each such read walked the whole log from its cursor (minutes on a store of
-- ten million versions, at every start for the followers that keep their place in memory). A new
-- version's entry goes after the last of its type, so the index grows at one place per type, not
-- at random. Can run again.
CREATE INDEX IF NOT EXISTS record_version_type ON record_version (type_id, seq);
