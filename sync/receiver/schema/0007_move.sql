-- Version 7 (issue 11, moving a county up: `junheng-bureau migrate-store`, sync/receiver/migrate.hpp;
-- docs/postgresql.md "Moving a county up"). A store may take in another receiver's schools
-- whole. Their terminals pinned that receiver's key and keep verifying it, so the store keeps
-- the key (one per county taken in) and signs everything a moved school receives with it.
--
-- * receiver_origin: one row per receiver taken in, keyed by its public key; it is also the
--   record of the move (began, finished). inbox_offset: the moved inbox items were stored at
--   their seq + inbox_offset (the seqs up to inbox_offset + inbox_last were reserved when the
--   move began), and a moved school's terminal is answered in its old numbering (seq -
--   inbox_offset), so the cursor it holds stays right.
-- * school_origin: each school moved in, written in the same transaction as its history: a
--   move interrupted and run again skips the schools recorded here (after checking they hold
--   the same chain) and moves the others.
CREATE TABLE receiver_origin (
    public_key   TEXT PRIMARY KEY,
    secret_key   TEXT NOT NULL,
    source       TEXT NOT NULL,
    inbox_offset INTEGER NOT NULL CHECK (inbox_offset >= 0),
    inbox_last   INTEGER NOT NULL CHECK (inbox_last >= 0),
    began_at     TEXT NOT NULL,
    finished_at  TEXT
);

CREATE TABLE school_origin (
    school   TEXT PRIMARY KEY REFERENCES school(code),
    origin   TEXT NOT NULL REFERENCES receiver_origin(public_key),
    moved_at TEXT NOT NULL
);
CREATE INDEX school_origin_origin ON school_origin(origin);
