-- The county report's cache, as SQLite's 0008_report_cache.sql: per submission version and
-- rule pack, indicators::school_parts as JSON and the profile's county code, so a report never
-- decodes a snapshot twice. A row serves only the snapshot it was read from (sha256) and the
-- pack key it was made under. A cache only: deleting every row loses nothing.
CREATE TABLE report_cache (
    school   TEXT NOT NULL,
    year     INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    pack_key TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    county   TEXT NOT NULL,
    parts    TEXT NOT NULL,
    PRIMARY KEY (school, year, version, pack_key)
);
CREATE INDEX report_cache_year ON report_cache(year, pack_key);
