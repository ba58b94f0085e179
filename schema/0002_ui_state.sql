-- Version 2: state of the terminal's window that must survive a crash or a power cut.
--
-- Why it is shaped this way:
-- * drafts hold a form the clerk is still typing (keyed by the screen and record it belongs to,
--   e.g. 'staff/42'), saved as they type so nothing is lost when the power goes; they are not
--   evaluation data, so they are not audited, not validated and never synced.
-- * settings are the terminal's own preferences (language, last year shown…), one text value per
--   key; their meaning belongs to the code that reads them.
-- * Both are keyed by text and small: WITHOUT ROWID keeps each row in the key's b-tree.

CREATE TABLE drafts (
    key TEXT PRIMARY KEY CHECK (length(key) > 0),
    content TEXT NOT NULL,
    saved_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
    key TEXT PRIMARY KEY CHECK (length(key) > 0),
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
