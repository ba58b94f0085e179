-- Version 7: rule packs the bureau published, as received (issue 9, docs/rule-packs.md
-- "Packs from the bureau").
--
-- Why it is shaped this way:
-- * One row per pack the terminal kept: the document's text exactly as the receiver signed it
--   (the engine reads it again with the built-in packs each time it lists the packs), its id
--   and SHA-256, who published it at the bureau (`source`: the staff account named in the
--   signed inbox item) and when (`published_at`, receiver time), and the receiver's inbox seq
--   that carried it (the key: an item is kept once, and the highest seq is the pack in force).
--   received_at is the terminal's clock, informative.
-- * Only packs the loader accepted are kept: a broken newer pack is refused before it gets
--   here, so the pack in force never becomes one the engine cannot read.
-- * Not audited and never synced: it is what the receiver sent, not school data.
CREATE TABLE received_pack (
    seq INTEGER PRIMARY KEY CHECK (seq >= 1),
    pack_id TEXT NOT NULL CHECK (length(pack_id) > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    text TEXT NOT NULL CHECK (length(text) > 0),
    source TEXT NOT NULL,
    published_at TEXT NOT NULL,
    received_at TEXT NOT NULL
) STRICT;
