-- Version 4 (issue 9, sync by USB stick; docs/sync-protocol.md "Files"): what the receiver
-- remembers of the files it has read and written.
--
-- * upload_file: every upload file imported, per terminal key (a file's number counts per
--   terminal: 1, 2, …). An import checks it BEFORE replaying anything: the same number with the
--   same bytes (sha256 of the whole file) is "already applied"; a number below the highest one
--   imported, or the same number with other bytes, is refused (out of order); only after every
--   request of a file was replayed is its row written, so a file stopped half-way (the store
--   busy, a refused request) is imported again from the start — each request is exactly-once.
-- * reply_file: the last reply file number written per school (`export-for`); the terminal
--   refuses a reply file older than the last it applied.
CREATE TABLE upload_file (
    terminal_key TEXT NOT NULL,
    number       INTEGER NOT NULL CHECK (number >= 1),
    school       TEXT NOT NULL REFERENCES school(code),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (terminal_key, number)
);

CREATE TABLE reply_file (
    school     TEXT PRIMARY KEY REFERENCES school(code),
    number     INTEGER NOT NULL CHECK (number >= 1),
    written_at TEXT NOT NULL
);
