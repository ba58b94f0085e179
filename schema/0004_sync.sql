-- Version 4: what the sync client keeps (issue 8): the terminal's own sync state, the schema
-- version each audit entry was written under, and the frozen submissions.
--
-- Why it is shaped this way:
-- * sync_state is one row (id = 1) of the terminal's OWN state, not school data: it is not
--   audited and never synced. `stream` names this database's copy of the audit log at the
--   bureau (32 lowercase hex characters, docs/sync-protocol.md "Streams"); it is made here, when
--   the database is created or first upgraded, so a re-created database has a new one, and
--   `Store::restore` renews it on the restored file (a restored log may repeat seqs the bureau
--   already holds with other content). receiver_url and receiver_key (the receiver's pinned
--   Ed25519 public key, base64) are set by enrolment; '' = not enrolled. acked_seq/acked_hash
--   are the link of `stream` the receiver last acknowledged (NULL = unknown: ask its tip);
--   last_reply_at is the receiver's clock (never the school PC's), last_error English text.
--   The terminal's private key is NOT here but in "<database>.key" beside the file, so a
--   backup of the database carries no credential.
-- * audit.schema_version: the schema version an entry's record JSON was written under (the
--   wire's "sv"), so the bureau reads old entries by their own field set. Entries written
--   before this version were written under version 3 or earlier with the fields version 3
--   reads, so they read as 3; the store writes the current version into every new entry.
--   The column is not part of the entry's hash (domain/audit_entry.hpp), so chains are unchanged.
-- * submission: every frozen version of a submitted year (1, 2, …), written in the transaction
--   that locks the year: the snapshot bytes exactly as sent (docs/snapshot-format.md), their
--   SHA-256 and the school key's Ed25519 signature. created_at is the terminal's clock
--   (informative); received_at the receiver's, set when its signed reply acknowledges the
--   version (NULL = pending); delivered_at the terminal's clock at that moment. Not audited:
--   the year's status change that goes with it is, and the bureau keeps its own copy.

CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    stream TEXT NOT NULL CHECK (length(stream) = 32),
    receiver_url TEXT NOT NULL DEFAULT '',
    receiver_key TEXT NOT NULL DEFAULT '',
    acked_seq INTEGER CHECK (acked_seq IS NULL OR acked_seq >= 0),
    acked_hash TEXT CHECK (acked_hash IS NULL OR length(acked_hash) = 64),
    last_reply_at TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO sync_state (id, stream) VALUES (1, lower(hex(randomblob(16))));

ALTER TABLE audit ADD COLUMN schema_version INTEGER NOT NULL DEFAULT 3 CHECK (schema_version >= 1);

CREATE TABLE submission (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    version INTEGER NOT NULL CHECK (version >= 1),
    snapshot TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    signature TEXT NOT NULL CHECK (length(signature) > 0),
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    received_at TEXT,
    UNIQUE (year, version)
) STRICT;
