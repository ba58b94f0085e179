-- Moving a county up (`junheng-bureau migrate-store`), as SQLite's 0007_move.sql: the receiver
-- keys taken in with a county's schools (the moved terminals keep verifying the key they
-- pinned) and the inbox seq offset of their items; which school came in with which key.
CREATE TABLE receiver_origin (
    public_key   TEXT PRIMARY KEY,
    secret_key   TEXT NOT NULL,
    source       TEXT NOT NULL,
    inbox_offset BIGINT NOT NULL CHECK (inbox_offset >= 0),
    inbox_last   BIGINT NOT NULL CHECK (inbox_last >= 0),
    began_at     TEXT NOT NULL,
    finished_at  TEXT
);

CREATE TABLE school_origin (
    school   TEXT PRIMARY KEY REFERENCES school(code),
    origin   TEXT NOT NULL REFERENCES receiver_origin(public_key),
    moved_at TEXT NOT NULL
);
CREATE INDEX school_origin_origin ON school_origin(origin);
