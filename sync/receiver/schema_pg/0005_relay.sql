-- The relay, as SQLite's 0005_relay.sql.
CREATE TABLE relay_member (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    public_key  TEXT,
    enrolled_at TEXT,
    last_seen   TEXT
);
CREATE TABLE relay_member_code (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member    TEXT NOT NULL REFERENCES relay_member(code),
    code_hash TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    used_at   TEXT
);
CREATE INDEX relay_member_code_hash ON relay_member_code(code_hash);
CREATE TABLE relay_school (
    school      TEXT PRIMARY KEY REFERENCES school(code),
    member      TEXT NOT NULL REFERENCES relay_member(code),
    county      TEXT NOT NULL,
    state       TEXT NOT NULL,
    last_seen   TEXT,
    year        INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    review      TEXT NOT NULL,
    late        INTEGER NOT NULL,
    listed      INTEGER NOT NULL,
    reported_at TEXT NOT NULL
);
CREATE INDEX relay_school_member ON relay_school(member);
CREATE TABLE relay_submission (
    school      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    member      TEXT NOT NULL,
    school_key  TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    accepted_by TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (school, year, version)
);

CREATE TABLE relay_upstream (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    url             TEXT NOT NULL,
    member          TEXT NOT NULL,
    name            TEXT NOT NULL,
    upstream_key    TEXT NOT NULL,
    public_key      TEXT NOT NULL,
    secret_key      TEXT NOT NULL,
    enrolled_at     TEXT NOT NULL,
    decisions_after BIGINT NOT NULL DEFAULT 0,
    schools_sha256  TEXT,
    last_ok         TEXT,
    last_error      TEXT
);
CREATE TABLE relay_forwarded (
    school       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    forwarded_at TEXT NOT NULL,
    PRIMARY KEY (school, year, version)
);
