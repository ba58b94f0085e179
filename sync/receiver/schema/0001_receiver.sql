-- The bureau receiver's store (sync/receiver/sqlite_store.cpp). Times are the receiver's own
-- clock, ISO 8601 UTC. Nothing here is ever rewritten in place except the live copy, tips,
-- last_seen and revocation marks: every entry, stream and submission version is kept.

-- Key/value facts of the receiver itself: its Ed25519 key pair ('public_key', 'secret_key'),
-- made on first use so every process on this store signs as the same receiver.
CREATE TABLE receiver_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE school (
    code       TEXT PRIMARY KEY,          -- 10-digit 学校标识码
    name       TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    revoked_at TEXT,                      -- set by `school revoke`, cleared by `school replace`
    last_seen  TEXT                       -- receiver time of the last authenticated request
);

-- One-time enrolment codes: only their SHA-256 is kept.
CREATE TABLE enrolment_code (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    school     TEXT NOT NULL REFERENCES school(code),
    code_hash  TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    used_at    TEXT,
    revoked_at TEXT
);
CREATE INDEX enrolment_code_school ON enrolment_code(school);

-- Enrolled terminals: at most one active (revoked_at NULL) per school.
CREATE TABLE terminal (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    school      TEXT NOT NULL REFERENCES school(code),
    public_key  TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX terminal_school ON terminal(school);

-- A school's streams; exactly one is live once the school has synced, the older ones archived.
CREATE TABLE stream (
    school     TEXT NOT NULL REFERENCES school(code),
    id         TEXT NOT NULL,             -- 32 hex characters, made by the terminal
    state      TEXT NOT NULL CHECK (state IN ('live', 'archived')),
    tip_seq    INTEGER NOT NULL,
    tip_hash   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (school, id)
);

-- Every entry of every stream as it arrived (stubs with their hash only), with the hash the
-- receiver recomputed and the flag it raised, if any.
CREATE TABLE entry (
    school         TEXT NOT NULL,
    stream         TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    hash           TEXT NOT NULL,
    stub           INTEGER NOT NULL,
    at             TEXT NOT NULL,
    operator_name  TEXT NOT NULL,
    table_name     TEXT NOT NULL,
    record_id      INTEGER NOT NULL,
    action         TEXT NOT NULL,
    old_json       TEXT NOT NULL,
    new_json       TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    flag           TEXT,
    received_at    TEXT NOT NULL,
    PRIMARY KEY (school, stream, seq)
) WITHOUT ROWID;

-- The live copy: each record of the live stream as its latest entry left it.
CREATE TABLE live_record (
    school     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    json       TEXT NOT NULL,
    seq        INTEGER NOT NULL,          -- the entry that wrote it
    PRIMARY KEY (school, table_name, record_id)
) WITHOUT ROWID;

-- What the receiver disagrees with, per record of the live copy (cleared by a clean entry).
CREATE TABLE record_flag (
    school     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    message    TEXT NOT NULL,
    PRIMARY KEY (school, table_name, record_id)
) WITHOUT ROWID;

-- Every submitted version: the frozen snapshot bytes, their SHA-256, the school's signature.
CREATE TABLE submission (
    school      TEXT NOT NULL REFERENCES school(code),
    year        INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    signature   TEXT NOT NULL,
    snapshot    BLOB NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (school, year, version)
);
