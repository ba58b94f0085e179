-- Version 5: RESERVED by DESIGN9.md for H-terminal's review state (sync_state.inbox_after, inbox_item).
-- This placeholder only keeps the numbering contract (1, 2, 3 … without gaps, store/schema.hpp)
-- on the h-packs branch, whose 0007_packs.sql follows it; the real migration replaces this file
-- when the branches are merged (take theirs).
SELECT 1;
