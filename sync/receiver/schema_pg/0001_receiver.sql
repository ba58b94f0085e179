-- The bureau receiver's store on PostgreSQL (sync/receiver/postgres_store.cpp): the same tables
-- as SQLite's sync/receiver/schema/0001_receiver.sql, column for column, so both stores answer
-- alike. Applied by the store under a PostgreSQL advisory lock (docs/postgresql.md), each file in
-- one transaction with its row in schema_migrations. Times are the receiver's clock, ISO 8601
-- UTC text (as on SQLite: the protocol signs them as text).

-- Key/value facts of the receiver itself: its Ed25519 key pair ('public_key', 'secret_key'),
-- made on first use (under the advisory lock) so every process on this database signs as the
-- same receiver.
CREATE TABLE receiver_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE school (
    code       TEXT PRIMARY KEY,          -- 10-digit 学校标识码
    name       TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    revoked_at TEXT,
    last_seen  TEXT
);

CREATE TABLE enrolment_code (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school     TEXT NOT NULL REFERENCES school(code),
    code_hash  TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    used_at    TEXT,
    revoked_at TEXT
);
CREATE INDEX enrolment_code_school ON enrolment_code(school);

-- Enrolled terminals. At most one active (revoked_at NULL) per school: a constraint here, so
-- two processes enrolling at once cannot both succeed.
CREATE TABLE terminal (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    school      TEXT NOT NULL REFERENCES school(code),
    public_key  TEXT NOT NULL,
    enrolled_at TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX terminal_school ON terminal(school);
CREATE UNIQUE INDEX terminal_one_active ON terminal(school) WHERE revoked_at IS NULL;

-- A school's streams; exactly one is live once the school has synced (a constraint: two
-- processes starting a new stream at once cannot leave two live), the older ones archived.
CREATE TABLE stream (
    school     TEXT NOT NULL REFERENCES school(code),
    id         TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('live', 'archived')),
    tip_seq    BIGINT NOT NULL,
    tip_hash   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (school, id)
);
CREATE UNIQUE INDEX stream_one_live ON stream(school) WHERE state = 'live';

-- Every entry of every stream as it arrived; the primary key makes an entry stored twice
-- impossible whichever process writes it.
CREATE TABLE entry (
    school         TEXT NOT NULL,
    stream         TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    hash           TEXT NOT NULL,
    stub           INTEGER NOT NULL,
    at             TEXT NOT NULL,
    operator_name  TEXT NOT NULL,
    table_name     TEXT NOT NULL,
    record_id      BIGINT NOT NULL,
    action         TEXT NOT NULL,
    old_json       TEXT NOT NULL,
    new_json       TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    flag           TEXT,
    received_at    TEXT NOT NULL,
    PRIMARY KEY (school, stream, seq)
);

CREATE TABLE live_record (
    school     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  BIGINT NOT NULL,
    json       TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    PRIMARY KEY (school, table_name, record_id)
);

CREATE TABLE record_flag (
    school     TEXT NOT NULL,
    table_name TEXT NOT NULL,
    record_id  BIGINT NOT NULL,
    seq        BIGINT NOT NULL,
    message    TEXT NOT NULL,
    PRIMARY KEY (school, table_name, record_id)
);

CREATE TABLE submission (
    school      TEXT NOT NULL REFERENCES school(code),
    year        INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    signature   TEXT NOT NULL,
    snapshot    BYTEA NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (school, year, version)
);
