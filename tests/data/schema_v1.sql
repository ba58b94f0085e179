-- Junheng school database, version 1: everything one school reports for the quality-balanced
-- evaluation, one SQLite file per school terminal.
--
-- Why it is shaped this way:
-- * One table per record kind of the domain model (src/domain/entities.hpp). Table names are
--   Entity<R>::table and column names are the field keys of src/domain/fields.cpp, exactly, so
--   the store builds its SQL from the field descriptors and never re-lists columns by hand.
--   A test compares every table's columns with the descriptors.
-- * Every record id is `INTEGER PRIMARY KEY AUTOINCREMENT`: ids are never reused, even after a
--   delete, because sync and the bureau identify records by them.
-- * Records of a school year carry the year and reference school_year(year); a year cannot be
--   dropped while it holds records. Training belongs to a person (staff.person_id), not a year.
-- * Values are stored in their neutral form: enums as their stable code, booleans as 0/1, dates
--   as 'YYYY-MM-DD'. STRICT tables and CHECK constraints are a second line of defence behind the
--   domain validation (which gives the clerk the readable message): they are deliberately no
--   stricter than the domain rules, only sure to catch a value no release ever writes.
--   Enum checks are written as `x = 'a' OR x = 'b' OR …`, not `x IN ('a', 'b', …)`: SQLite
--   builds a temporary index for a constant IN list of more than two values on every execution
--   of an INSERT or UPDATE, which made a 10,000-row import a quarter slower.
-- * The audit log is append-only (triggers refuse UPDATE and DELETE) and hash-chained by the
--   store, so history rewritten behind the program's back is detectable by `check`.
-- * The version is PRAGMA user_version; this file is never edited once released (later changes
--   are new numbered files), and tests/data/schema_v1.sql is its frozen copy.

CREATE TABLE school (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL CHECK (length(code) = 10 AND code NOT GLOB '*[^0-9]*'),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    county_code TEXT NOT NULL CHECK (length(county_code) = 6 AND county_code NOT GLOB '*[^0-9]*'),
    type TEXT NOT NULL CHECK (type = 'primary' OR type = 'junior' OR type = 'nine_year'
                              OR type = 'twelve_year' OR type = 'complete_secondary'
                              OR type = 'teaching_point' OR type = 'special_education'),
    location TEXT NOT NULL CHECK (location = 'urban' OR location = 'town' OR location = 'rural'),
    ownership TEXT NOT NULL CHECK (ownership = 'public' OR ownership = 'funded_private'
                                   OR ownership = 'private'),
    boarding INTEGER NOT NULL CHECK (boarding IN (0, 1)),
    central_school_code TEXT CHECK (central_school_code IS NULL OR length(central_school_code) = 10),
    bureau_url TEXT
) STRICT;

CREATE TABLE school_year (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 1900 AND 2200),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
    pupils_confirmed INTEGER NOT NULL CHECK (pupils_confirmed IN (0, 1)),
    submitted_at TEXT
) STRICT;

CREATE TABLE class (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    stage TEXT NOT NULL CHECK (stage = 'primary' OR stage = 'junior' OR stage = 'senior'),
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 6),
    number INTEGER NOT NULL CHECK (number >= 1),
    pupils INTEGER NOT NULL CHECK (pupils >= 0),
    UNIQUE (year, stage, grade, number)
) STRICT;

CREATE TABLE grade_roll (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    stage TEXT NOT NULL CHECK (stage = 'primary' OR stage = 'junior' OR stage = 'senior'),
    grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 6),
    pupils INTEGER NOT NULL CHECK (pupils >= 0),
    migrant INTEGER NOT NULL CHECK (migrant >= 0),
    left_behind INTEGER NOT NULL CHECK (left_behind >= 0),
    disabled_in_regular INTEGER NOT NULL CHECK (disabled_in_regular >= 0),
    disabled_other INTEGER NOT NULL CHECK (disabled_other >= 0),
    UNIQUE (year, stage, grade)
) STRICT;

CREATE TABLE cohort (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    stage TEXT NOT NULL CHECK (stage = 'primary' OR stage = 'junior' OR stage = 'senior'),
    entry_year INTEGER NOT NULL,
    intake INTEGER NOT NULL CHECK (intake >= 0),
    transferred_in INTEGER NOT NULL CHECK (transferred_in >= 0),
    transferred_out INTEGER NOT NULL CHECK (transferred_out >= 0),
    current INTEGER NOT NULL CHECK (current >= 0),
    UNIQUE (year, stage, entry_year)
) STRICT;

-- person_id is the id of the person's first staff record: it links the same person across
-- years and to their training.
CREATE TABLE staff (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    person_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_year INTEGER NOT NULL,
    stage TEXT CHECK (stage IS NULL OR stage = 'primary' OR stage = 'junior' OR stage = 'senior'),
    category TEXT NOT NULL CHECK (category = 'full_time' OR category = 'substitute'
                                  OR category = 'part_time' OR category = 'administrative'
                                  OR category = 'auxiliary' OR category = 'worker'),
    education TEXT NOT NULL CHECK (education = 'postgraduate' OR education = 'bachelor'
                                   OR education = 'associate' OR education = 'high_school'
                                   OR education = 'below_high_school'),
    title TEXT NOT NULL CHECK (title = 'senior2' OR title = 'senior' OR title = 'first'
                               OR title = 'second' OR title = 'third' OR title = 'unranked'),
    subject TEXT NOT NULL,
    pe INTEGER NOT NULL CHECK (pe IN (0, 1)),
    music INTEGER NOT NULL CHECK (music IN (0, 1)),
    art INTEGER NOT NULL CHECK (art IN (0, 1)),
    backbone TEXT NOT NULL CHECK (backbone = 'none' OR backbone = 'national' OR backbone = 'provincial'
                                  OR backbone = 'city' OR backbone = 'county' OR backbone = 'school'),
    backbone_year INTEGER,
    certified INTEGER NOT NULL CHECK (certified IN (0, 1)),
    rotation_eligible INTEGER NOT NULL CHECK (rotation_eligible IN (0, 1)),
    rotation TEXT NOT NULL CHECK (rotation = 'none' OR rotation = 'out' OR rotation = 'in'),
    counsellor TEXT NOT NULL CHECK (counsellor = 'none' OR counsellor = 'full_time'
                                    OR counsellor = 'part_time'),
    UNIQUE (year, person_id)
) STRICT;
CREATE INDEX staff_person ON staff (person_id);

CREATE TABLE training (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL,
    date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    hours REAL NOT NULL CHECK (hours >= 0),
    organiser TEXT NOT NULL CHECK (organiser = 'national' OR organiser = 'provincial'
                                   OR organiser = 'city' OR organiser = 'county' OR organiser = 'school'),
    topic TEXT NOT NULL
) STRICT;
CREATE INDEX training_person ON training (person_id);

CREATE TABLE building (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    name TEXT NOT NULL,
    use TEXT NOT NULL CHECK (use = 'classroom' OR use = 'specialist_room' OR use = 'lab'
                             OR use = 'library' OR use = 'computer_room' OR use = 'indoor_sports'
                             OR use = 'counselling' OR use = 'other_teaching' OR use = 'office'
                             OR use = 'dormitory' OR use = 'canteen' OR use = 'other_living'
                             OR use = 'other'),
    area REAL NOT NULL CHECK (area >= 0),
    safety TEXT NOT NULL CHECK (safety = 'A' OR safety = 'B' OR safety = 'C' OR safety = 'D'),
    built_year INTEGER,
    stage TEXT CHECK (stage IS NULL OR stage = 'primary' OR stage = 'junior' OR stage = 'senior')
) STRICT;
CREATE INDEX building_year ON building (year);

CREATE TABLE room (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    kind TEXT NOT NULL CHECK (kind = 'music' OR kind = 'art' OR kind = 'multimedia' OR kind = 'lab'
                              OR kind = 'computer' OR kind = 'library' OR kind = 'counselling'
                              OR kind = 'other'),
    name TEXT NOT NULL,
    area REAL NOT NULL CHECK (area >= 0),
    stage TEXT CHECK (stage IS NULL OR stage = 'primary' OR stage = 'junior' OR stage = 'senior')
) STRICT;
CREATE INDEX room_year ON room (year);

CREATE TABLE ground (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('outdoor', 'indoor')),
    area REAL NOT NULL CHECK (area >= 0),
    owned INTEGER NOT NULL CHECK (owned IN (0, 1)),
    stage TEXT CHECK (stage IS NULL OR stage = 'primary' OR stage = 'junior' OR stage = 'senior')
) STRICT;
CREATE INDEX ground_year ON ground (year);

CREATE TABLE equipment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL REFERENCES school_year (year),
    name TEXT NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('instrument', 'other')),
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    unit_value REAL NOT NULL CHECK (unit_value >= 0),
    book_value REAL NOT NULL CHECK (book_value >= 0),
    acquired TEXT NOT NULL CHECK (acquired GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    disposed TEXT CHECK (disposed IS NULL OR disposed GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    stage TEXT CHECK (stage IS NULL OR stage = 'primary' OR stage = 'junior' OR stage = 'senior')
) STRICT;
CREATE INDEX equipment_year ON equipment (year);

-- At most one funds row per school year.
CREATE TABLE funds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    year INTEGER NOT NULL UNIQUE REFERENCES school_year (year),
    public_budget REAL NOT NULL CHECK (public_budget >= 0),
    training_spending REAL NOT NULL CHECK (training_spending >= 0),
    special_ed_per_pupil REAL CHECK (special_ed_per_pupil IS NULL OR special_ed_per_pupil >= 0),
    funded_pupils INTEGER CHECK (funded_pupils IS NULL OR funded_pupils >= 0)
) STRICT;

-- Local users of the terminal. pin_hash is libsodium's crypto_pwhash_str output (Argon2id,
-- salted); an empty string means no PIN.
CREATE TABLE operator (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'clerk')),
    pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL CHECK (active IN (0, 1))
) STRICT;

-- Every change to the tables above, in order. seq is the change feed's cursor (sync reads
-- "everything after seq N"); old_json/new_json are the record before/after as JSON objects keyed
-- by field key ('' for none); hash = SHA-256 over the entry and prev_hash (see src/store/audit.hpp
-- for the exact serialisation, a contract like this file). hash has no UNIQUE index: the chain
-- check recomputes every hash and link in seq order and needs none, and maintaining one cost a
-- fifth of a 10,000-row import.
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    operator_name TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete'),
    old_json TEXT NOT NULL,
    new_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;
CREATE INDEX audit_record ON audit (table_name, record_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
