-- Version 3: facts the policy audit found missing (issue 12), added as columns with defaults so
-- every row written by version 1 or 2 stays valid and means what it meant.
--
-- Why it is shaped this way:
-- * school.township_central: whether the school is a 乡镇中心学校. It is a role the county gives
--   a school, not its location (a rural school can be one, a town school need not be), and
--   local plans key rules on it (Jiangsu: a full-time counsellor in every urban school and every
--   township central school). A profile fact, like boarding; 0 for existing schools.
-- * school_year.charter / school_year.digitised: Q3, "every school has a charter; management
--   and teaching are digitised". Facts of the year reported (an evaluation judges a year, and a
--   submitted year must not change when the school later adopts a charter), carried forward by
--   new-year. NULL = not reported, so Q3 reads "no data", never "fail", for older years.
-- * ground.within_walk: a rented or shared ground counts for Tianjin only "within a 10-minute
--   walk" (步行10分钟内到达); 0 for existing rows, meaning not stated.
-- Booleans are 0/1 as in version 1; the columns follow the field order of src/domain/fields.cpp.

ALTER TABLE school ADD COLUMN township_central INTEGER NOT NULL DEFAULT 0 CHECK (township_central IN (0, 1));
ALTER TABLE school_year ADD COLUMN charter INTEGER CHECK (charter IS NULL OR charter IN (0, 1));
ALTER TABLE school_year ADD COLUMN digitised INTEGER CHECK (digitised IS NULL OR digitised IN (0, 1));
ALTER TABLE ground ADD COLUMN within_walk INTEGER NOT NULL DEFAULT 0 CHECK (within_walk IN (0, 1));
