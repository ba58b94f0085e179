-- Staff accounts and deadlines, as SQLite's 0003_review.sql.
CREATE TABLE staff_user (
    name          TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('reviewer', 'admin')),
    county        TEXT,
    password_hash TEXT NOT NULL,
    added_at      TEXT NOT NULL
);

CREATE TABLE deadline (
    year    INTEGER PRIMARY KEY,
    date    TEXT NOT NULL,
    set_by  TEXT NOT NULL,
    set_at  TEXT NOT NULL
);
