-- Version 6 (issue 9, sync by USB stick; docs/sync-protocol.md "Files"): the terminal's state
-- of sync by file, in its own sync_state row (not audited, never synced).
--
-- * enrol_code: a terminal enrolled from the bureau's enrolment file (`junheng enroll
--   --from-file`) keeps the one-time code here until a reply file shows the bureau enrolled its
--   key: every upload file until then carries the enrolment request (the receiver ignores it
--   once the key is enrolled). '' = none pending. Such a terminal has a pinned receiver_key and
--   no receiver_url ("by file").
-- * upload_file_number: the number of the last upload file written (1, 2, …); the receiver
--   refuses a file older than one it imported. Kept across a restore (store/backup.cpp), like
--   the enrolment: it belongs to the terminal, not to the data a backup brings back.
-- * reply_file_number: the number of the last reply file applied; an older one is refused.
ALTER TABLE sync_state ADD COLUMN enrol_code TEXT NOT NULL DEFAULT '';
ALTER TABLE sync_state ADD COLUMN upload_file_number INTEGER NOT NULL DEFAULT 0 CHECK (upload_file_number >= 0);
ALTER TABLE sync_state ADD COLUMN reply_file_number INTEGER NOT NULL DEFAULT 0 CHECK (reply_file_number >= 0);
