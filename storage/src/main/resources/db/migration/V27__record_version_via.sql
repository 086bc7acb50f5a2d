-- The change log by the neighbour a version came through: `cix stats` reads the arrival times of
-- the versions received, newest first. Without this index that read walked the log back from its
-- head past every version made here (all of them at a district that mostly ingests: 35 s warm,
-- 199 s cold on a store of ten million versions). A version's entry goes after the last one of its
-- neighbour (versions made here, with none, after the last of those), so the index grows at one
-- place per neighbour, not at random. Can run again.
CREATE INDEX IF NOT EXISTS record_version_via ON record_version (via_node, seq);
