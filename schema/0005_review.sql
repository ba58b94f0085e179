-- Version 5: the review cycle (issue 9), terminal side: the receiver's signed inbox items as this
-- terminal received and applied them (decisions on its submissions; rule packs).
--
-- Why it is shaped this way:
-- * inbox_item keeps every item whose receiver signature verified, once, with what it did here
--   (`outcome`): 'applied' (a decision taken: a returned or reopened year unlocked, an accepted
--   one kept locked), 'older_version' (a decision about a version older than the latest this
--   terminal has frozen since: ignored), 'unknown_version' (a version this database never froze,
--   e.g. after a restore from an older backup: ignored), 'unknown_kind' (an item kind this
--   program does not know: kept so the cursor passes it), or the pack code's outcome for a pack.
--   An item refused (bad signature, another school's) is never stored.
-- * The inbox cursor ("after" in GET /v1/inbox) is not a column of its own but the highest seq
--   held from the pinned receiver key: a restore (which keeps the target's enrolment) or an
--   enrolment with another receiver can then never leave a cursor out of step with the items
--   held. Hence receiver_key on each row and UNIQUE (receiver_key, seq): a replay of an item
--   already held changes nothing.
-- * The review state of a year (submitted, returned, accepted, reopened) is not stored: it is
--   read from the latest applied decision and the latest frozen submission version
--   (Store::reviews), so there is no second copy to drift. The unlocking itself is the audited
--   status change of school_year, written in the same transaction as the item.
-- * The pack's text is not kept here: the pack code keeps what it accepts in its own table.
--   received_at is the terminal's clock (informative); `at` is the receiver's time of the decision.

CREATE TABLE inbox_item (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    receiver_key TEXT NOT NULL CHECK (length(receiver_key) > 0),
    seq INTEGER NOT NULL CHECK (seq >= 1),
    kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 32),
    school TEXT NOT NULL DEFAULT '',
    year INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0),
    decision TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL DEFAULT '',
    by_name TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL DEFAULT '',
    pack_id TEXT NOT NULL DEFAULT '',
    pack_sha256 TEXT NOT NULL DEFAULT '',
    signature TEXT NOT NULL CHECK (length(signature) > 0),
    received_at TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (length(outcome) BETWEEN 1 AND 40),
    UNIQUE (receiver_key, seq)
) STRICT;

CREATE INDEX inbox_item_year ON inbox_item (year, seq) WHERE kind = 'decision';
