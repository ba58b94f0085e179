-- The downlink, as SQLite's 0002_inbox.sql. One difference: seq is not a sequence (a
-- PostgreSQL sequence hands out numbers in call order, not commit order, so a terminal reading
-- "after 6" could miss a 5 committed later). It is taken from the one row of inbox_counter,
-- whose row lock is held until the inserting transaction commits: numbers are gapless and
-- become visible in order, whichever process stores them.
CREATE TABLE inbox_counter (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO inbox_counter(id, last) VALUES (1, 0);

CREATE TABLE inbox_item (
    seq         BIGINT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('decision', 'pack')),
    school      TEXT REFERENCES school(code),
    year        INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 0,
    decision    TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'returned', 'accepted', 'reopened')),
    text        TEXT NOT NULL DEFAULT '',
    by_name     TEXT NOT NULL,
    at          TEXT NOT NULL,
    pack_id     TEXT NOT NULL DEFAULT '',
    pack_sha256 TEXT NOT NULL DEFAULT '',
    pack_text   TEXT NOT NULL DEFAULT '',
    signature   TEXT NOT NULL,
    CHECK ((kind = 'decision') = (school IS NOT NULL AND decision <> '' AND version >= 1))
);
CREATE INDEX inbox_item_school ON inbox_item(school, seq);
