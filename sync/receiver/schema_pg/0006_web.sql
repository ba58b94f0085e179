-- The bureau's web page (sync/web, docs/web.md), as SQLite's 0006_web.sql: signed-in sessions
-- (only the id's SHA-256 kept) and wrong-password counts per account and per address, in the
-- store so several `junheng-bureau serve` processes agree on who is signed in and who is locked.
CREATE TABLE web_session (
    id_hash      TEXT PRIMARY KEY,
    user_name    TEXT NOT NULL REFERENCES staff_user(name),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    address      TEXT NOT NULL
);
CREATE INDEX web_session_user ON web_session(user_name);
CREATE INDEX web_session_last_seen ON web_session(last_seen_at);

CREATE TABLE web_signin_failure (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL CHECK (failures >= 1),
    first_at        TEXT NOT NULL,
    last_failure_at TEXT NOT NULL
);
