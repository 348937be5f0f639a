CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    source INTEGER NOT NULL REFERENCES sources(id),
    kind TEXT NOT NULL,
    started TEXT NOT NULL,
    ended TEXT,
    status TEXT NOT NULL CHECK (status IN ('running','ok','failed','partial','cancelled')),
    complete INTEGER NOT NULL,
    records INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0,
    retired INTEGER NOT NULL DEFAULT 0,
    reappeared INTEGER NOT NULL DEFAULT 0,
    ambiguous INTEGER NOT NULL DEFAULT 0,
    problems INTEGER NOT NULL DEFAULT 0,
    message TEXT
);
CREATE TABLE platforms (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('active','missing','retired')),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    core_name TEXT NOT NULL,
    owner_key TEXT NOT NULL,
    prov_file TEXT NOT NULL,
    prov_sheet TEXT,
    prov_row INTEGER NOT NULL,
    first_seen_run INTEGER NOT NULL REFERENCES runs(id)
);
-- Which source last saw each platform, and when. Kept apart from `platforms` and
-- without secondary indexes because every run touches every row it sees: a narrow
-- table keeps an unchanged re-ingest cheap.
CREATE TABLE presence (
    platform INTEGER PRIMARY KEY REFERENCES platforms(pk),
    last_seen_run INTEGER NOT NULL REFERENCES runs(id),
    last_source INTEGER NOT NULL REFERENCES sources(id),
    missing_runs INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE field_values (
    platform INTEGER NOT NULL REFERENCES platforms(pk),
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    source INTEGER NOT NULL REFERENCES sources(id),
    run INTEGER NOT NULL REFERENCES runs(id),
    file TEXT NOT NULL,
    sheet TEXT,
    row INTEGER NOT NULL,
    PRIMARY KEY (platform, field)
) WITHOUT ROWID;
CREATE TABLE identity_links (
    source INTEGER NOT NULL REFERENCES sources(id),
    record_key TEXT NOT NULL,
    platform INTEGER NOT NULL REFERENCES platforms(pk),
    hash INTEGER NOT NULL,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL,
    run INTEGER NOT NULL REFERENCES runs(id),
    PRIMARY KEY (source, record_key)
) WITHOUT ROWID;
CREATE INDEX identity_links_platform ON identity_links(platform);
CREATE TABLE identifiers (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    platform INTEGER NOT NULL REFERENCES platforms(pk),
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    run INTEGER NOT NULL REFERENCES runs(id),
    platform INTEGER NOT NULL REFERENCES platforms(pk),
    candidate INTEGER NOT NULL REFERENCES platforms(pk),
    score REAL NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    run INTEGER NOT NULL REFERENCES runs(id),
    platform INTEGER NOT NULL REFERENCES platforms(pk),
    kind TEXT NOT NULL,
    field TEXT,
    old TEXT,
    new TEXT
);
CREATE INDEX events_platform ON events(platform);
CREATE INDEX events_run ON events(run);
CREATE TABLE audits (
    id INTEGER PRIMARY KEY,
    run INTEGER REFERENCES runs(id),
    as_of TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE recommendations (
    audit INTEGER NOT NULL REFERENCES audits(id),
    platform_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    owner TEXT NOT NULL,
    action TEXT NOT NULL,
    into_id TEXT,
    rules TEXT NOT NULL,
    deadline TEXT,
    reasons TEXT NOT NULL,
    functions TEXT NOT NULL,
    PRIMARY KEY (audit, platform_id)
) WITHOUT ROWID;
CREATE INDEX recommendations_platform ON recommendations(platform_id, audit);
CREATE TABLE flags (
    audit INTEGER NOT NULL REFERENCES audits(id),
    platform_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    waived TEXT,
    PRIMARY KEY (audit, platform_id, rule)
) WITHOUT ROWID;
CREATE TABLE follow_ups (
    audit INTEGER NOT NULL REFERENCES audits(id),
    platform_id TEXT NOT NULL,
    name TEXT NOT NULL,
    action TEXT NOT NULL,
    recommended_on TEXT NOT NULL,
    deadline TEXT,
    status TEXT NOT NULL,
    note_zh TEXT NOT NULL,
    note_en TEXT NOT NULL,
    PRIMARY KEY (audit, platform_id)
) WITHOUT ROWID;
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    platform_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('keep','merge','shutdown','waive')),
    into_id TEXT,
    rule TEXT,
    reason TEXT NOT NULL,
    until TEXT,
    decided_at TEXT NOT NULL,
    origin TEXT NOT NULL
);
