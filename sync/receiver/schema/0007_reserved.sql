-- Reserved: number 7 belongs to the per-county receiver key of `migrate-store` (helper "move",
-- PLAN7); this placeholder only keeps the numbering without a gap on a branch that lacks it.
-- When that migration is merged, this file is deleted (it changes nothing).
SELECT 1;
