-- The county report's cache (sync/receiver/report_cache.hpp): per submission version and rule
-- pack, what the county computation reads of that school year (indicators::school_parts, as
-- JSON) and its profile's county code, so a report or the schools page never decodes a
-- snapshot it has decoded before. Filled when a version arrives (for the pack in force) and by
-- any report that finds a row missing. A cache only: deleting every row loses nothing.
-- A row serves only the version it was made from (sha256 must match the submission's) and only
-- the pack key it was made under (the pack's id, the texts of every built-in pack and of the
-- pack published in force, and indicators::kSchoolPartsFormat), so a new version, a new pack or
-- a program computing school parts differently never reads old figures.
CREATE TABLE report_cache (
    school   TEXT NOT NULL,
    year     INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    pack_key TEXT NOT NULL,          -- hex SHA-256 (report_cache.hpp's report_pack_key)
    sha256   TEXT NOT NULL,          -- of the snapshot the row was read from
    county   TEXT NOT NULL,          -- the snapshot's school profile county code
    parts    TEXT NOT NULL,          -- JSON of indicators::SchoolParts
    PRIMARY KEY (school, year, version, pack_key)
);
CREATE INDEX report_cache_year ON report_cache(year, pack_key);

-- Listing the versions held (the schools page, review, the report: every row but its bytes)
-- reads this index alone: in the table, received_at sits after the snapshot, and SQLite reads
-- through a large snapshot's overflow pages to reach it (~50 MB for a 300-school county).
CREATE INDEX submission_listing ON submission(school, year, version, sha256, signature, received_at);
