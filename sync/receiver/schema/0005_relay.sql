-- The relay (sync/receiver/relay.cpp, docs/sync-protocol.md "Relay"). One receiver may be both
-- ends: a city holds its counties (relay_member, upstream side) and its own upstream, the
-- province (relay_upstream, downstream side).

-- Upstream side: the receivers that relay to this one (a city's counties, a province's cities).
CREATE TABLE relay_member (
    code        TEXT PRIMARY KEY,         -- 6-digit region code
    name        TEXT NOT NULL,
    added_at    TEXT NOT NULL,
    public_key  TEXT,                     -- its relay key, once enrolled
    enrolled_at TEXT,
    last_seen   TEXT
);
-- One-time codes of `county add`: only their SHA-256 is kept.
CREATE TABLE relay_member_code (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    member    TEXT NOT NULL REFERENCES relay_member(code),
    code_hash TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    used_at   TEXT
);
CREATE INDEX relay_member_code_hash ON relay_member_code(code_hash);
-- Which member answers for a relayed school (a school is held in `school` too, without a
-- terminal), and its state as that member last reported it.
CREATE TABLE relay_school (
    school      TEXT PRIMARY KEY REFERENCES school(code),
    member      TEXT NOT NULL REFERENCES relay_member(code),
    county      TEXT NOT NULL,            -- where the school is registered (= member for a county)
    state       TEXT NOT NULL,            -- active | revoked
    last_seen   TEXT,
    year        INTEGER NOT NULL,         -- its latest submission (0: none)
    version     INTEGER NOT NULL,
    review      TEXT NOT NULL,            -- none | submitted | returned | accepted | reopened
    late        INTEGER NOT NULL,
    listed      INTEGER NOT NULL,         -- 1 while in the member's latest school list
    reported_at TEXT NOT NULL
);
CREATE INDEX relay_school_member ON relay_school(member);
-- A relayed submission version (its bytes are in `submission`): the school's key that signed
-- it and the acceptance at the member.
CREATE TABLE relay_submission (
    school      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    version     INTEGER NOT NULL,
    member      TEXT NOT NULL,
    school_key  TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    accepted_by TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (school, year, version)
);

-- Downstream side: this receiver's upstream (at most one), its own relay key pair, the pinned
-- upstream key, and the cursor of the decisions taken upstream.
CREATE TABLE relay_upstream (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    url             TEXT NOT NULL,
    member          TEXT NOT NULL,        -- this receiver's region code, as the upstream registered it
    name            TEXT NOT NULL,
    upstream_key    TEXT NOT NULL,
    public_key      TEXT NOT NULL,
    secret_key      TEXT NOT NULL,
    enrolled_at     TEXT NOT NULL,
    decisions_after INTEGER NOT NULL DEFAULT 0,
    schools_sha256  TEXT,                 -- of the last school list the upstream acknowledged
    last_ok         TEXT,                 -- receiver time of the last verified reply
    last_error      TEXT                  -- English, NULL after a success
);
-- Versions the upstream acknowledged (received or unchanged): never sent again.
CREATE TABLE relay_forwarded (
    school       TEXT NOT NULL,
    year         INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    forwarded_at TEXT NOT NULL,
    PRIMARY KEY (school, year, version)
);
