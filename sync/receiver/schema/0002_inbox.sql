-- The downlink (docs/sync-protocol.md "Inbox"): what the receiver tells its schools — review
-- decisions about one school's submission version, and the rule pack it puts in force for
-- every school (school NULL). One increasing sequence over both: a terminal asks for the items
-- after the last seq it applied. Each row is signed by the receiver's key as a whole
-- (protocol::sign_inbox_item over exactly these fields), so it can travel by network or in a
-- USB reply file alike and cannot be altered on the way. Rows are never changed or removed.
CREATE TABLE inbox_item (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('decision', 'pack')),
    school      TEXT REFERENCES school(code),          -- NULL: every school (a pack)
    year        INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 0,
    decision    TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'returned', 'accepted', 'reopened')),
    text        TEXT NOT NULL DEFAULT '',               -- a return's comment, a reopening's reason
    by_name     TEXT NOT NULL,                          -- the staff account
    at          TEXT NOT NULL,                          -- receiver time
    pack_id     TEXT NOT NULL DEFAULT '',
    pack_sha256 TEXT NOT NULL DEFAULT '',
    pack_text   TEXT NOT NULL DEFAULT '',
    signature   TEXT NOT NULL,
    CHECK ((kind = 'decision') = (school IS NOT NULL AND decision <> '' AND version >= 1))
);
CREATE INDEX inbox_item_school ON inbox_item(school, seq);
