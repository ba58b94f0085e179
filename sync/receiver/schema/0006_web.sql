-- The bureau's web page (sync/web, docs/web.md): signed-in sessions and the counts of wrong
-- passwords that slow and then lock sign-in. Both live in the store, not in a process, so
-- several `junheng-bureau serve` processes on one store agree on who is signed in and who is
-- locked out.

-- One signed-in session. The browser holds a random 256-bit id in an HttpOnly cookie; only
-- its SHA-256 is kept here, so a copy of the store cannot be used to take a session over.
CREATE TABLE web_session (
    id_hash      TEXT PRIMARY KEY,        -- hex SHA-256 of the session id
    user_name    TEXT NOT NULL REFERENCES staff_user(name),
    created_at   TEXT NOT NULL,           -- receiver time; the absolute expiry counts from it
    last_seen_at TEXT NOT NULL,           -- the idle expiry counts from it
    address      TEXT NOT NULL            -- where it signed in from (shown in logs only)
);
CREATE INDEX web_session_user ON web_session(user_name);

-- Wrong passwords, per account ('user:NAME') and per address ('addr:IP'); a correct password
-- clears the account's row. A row whose last failure is older than the window starts again.
CREATE TABLE web_signin_failure (
    key             TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL,
    first_at        TEXT NOT NULL,
    last_failure_at TEXT NOT NULL
);
