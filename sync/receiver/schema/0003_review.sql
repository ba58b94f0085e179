-- The review cycle's own tables (H-review; docs/bureau.md "Review cycle"). Decisions are not
-- here: each is an inbox item of kind 'decision' (0002_inbox.sql), signed and sent to the school.

-- Bureau staff accounts. The password is kept only as libsodium's Argon2id string
-- (crypto_pwhash_str_alg, ARGON2ID13, interactive limits), which carries its own salt and costs.
CREATE TABLE staff_user (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
    county        TEXT,                   -- 6-digit division code: the one county the account sees
    password_hash TEXT NOT NULL,
    added_at      TEXT NOT NULL
);

-- One submission deadline per school year (a later `deadline` replaces it).
CREATE TABLE deadline (
    year    INTEGER PRIMARY KEY,
    date    TEXT NOT NULL,                -- YYYY-MM-DD; on time = received by the end of that day (receiver time)
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
);
