-- USB files, as SQLite's 0004_files.sql.
CREATE TABLE upload_file (
    terminal_key TEXT NOT NULL,
    number       BIGINT NOT NULL CHECK (number >= 1),
    school       TEXT NOT NULL REFERENCES school(code),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (terminal_key, number)
);

CREATE TABLE reply_file (
    school     TEXT PRIMARY KEY REFERENCES school(code),
    number     BIGINT NOT NULL CHECK (number >= 1),
    written_at TEXT NOT NULL
);
