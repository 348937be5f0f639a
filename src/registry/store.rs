//! The SQLite registry: schema and migrations, runs, and the ingest that resolves each
//! record to a platform with a stable id, records field values with provenance and
//! history events, and marks platforms missing or retired after complete runs.
//!
//! Every ingest is one transaction: a crash leaves the registry as it was before.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::fields::{fields_hash, fields_record, record_fields, FieldMap};
use super::identity::{self, Candidate, MatchDecision};
use crate::error::{Error, Result};
use crate::model::{Problem, ProblemLevel, Record};

/// Schema version written to `PRAGMA user_version`.
pub const SCHEMA_VERSION: i32 = 1;

/// Forward migrations: entry `i` moves the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[r#"
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
"#];

/// What produced a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// Tables read from files.
    Ingest,
    /// Records crawled from public listings.
    Crawl,
}

impl RunKind {
    /// Stable code stored in the registry.
    pub fn code(self) -> &'static str {
        match self {
            RunKind::Ingest => "ingest",
            RunKind::Crawl => "crawl",
        }
    }
}

/// How a run ended. Only an `Ok` run that read its source completely marks absent
/// platforms missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStatus {
    /// The source was read.
    Ok,
    /// The source could not be read at all.
    Failed,
    /// Part of the source was read (e.g. some pages failed).
    Partial,
    /// The run was stopped.
    Cancelled,
}

impl RunStatus {
    /// Stable code stored in the registry.
    pub fn code(self) -> &'static str {
        match self {
            RunStatus::Ok => "ok",
            RunStatus::Failed => "failed",
            RunStatus::Partial => "partial",
            RunStatus::Cancelled => "cancelled",
        }
    }
}

/// How to record an ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestOptions {
    /// What produced the records.
    pub kind: RunKind,
    /// How the run ended.
    pub status: RunStatus,
    /// Whether the records are the whole source (a full table, a full crawl).
    pub complete: bool,
}

impl IngestOptions {
    /// A successful, complete ingest of tables.
    pub fn complete_ingest() -> IngestOptions {
        IngestOptions {
            kind: RunKind::Ingest,
            status: RunStatus::Ok,
            complete: true,
        }
    }
}

/// Settings of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoreOptions {
    /// Complete runs without a platform after which it is `retired` (default 2).
    pub retire_after: u32,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { retire_after: 2 }
    }
}

/// Counts of one run.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct RunSummary {
    /// Run id (in a dry run, the id it would have had).
    pub run: i64,
    /// Source name.
    pub source: String,
    /// `ok`, `failed`, `partial` or `cancelled`.
    pub status: String,
    /// Whether the run covered its whole source.
    pub complete: bool,
    /// Records read.
    pub records: usize,
    /// New platforms.
    pub added: usize,
    /// Platforms with at least one changed field.
    pub changed: usize,
    /// Platforms seen again without change.
    pub unchanged: usize,
    /// Platforms newly marked missing.
    pub missing: usize,
    /// Platforms newly retired.
    pub retired: usize,
    /// Missing or retired platforms seen again.
    pub reappeared: usize,
    /// Records whose match was ambiguous and left for review.
    pub ambiguous: usize,
    /// Problems met (duplicate ids, records without id or name).
    #[serde(skip)]
    pub problems: Vec<Problem>,
}

/// The SQLite registry.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    options: StoreOptions,
}

pub(crate) fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> Error + '_ {
    move |e| Error::Registry {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// Formats an injected timestamp the way the registry stores it.
pub(crate) fn ts(now: NaiveDateTime) -> String {
    now.format("%Y-%m-%dT%H:%M:%S").to_string()
}

impl Store {
    /// Opens (creating if needed) the registry at `path`, in WAL mode with foreign keys
    /// on, and migrates its schema forward.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(sql_err(path))?;
        Store::setup(conn, path)
    }

    /// An empty registry in memory (used by `--dry-run` without a registry file).
    pub fn open_in_memory() -> Result<Store> {
        let path = Path::new(":memory:");
        let conn = Connection::open_in_memory().map_err(sql_err(path))?;
        Store::setup(conn, path)
    }

    fn setup(conn: Connection, path: &Path) -> Result<Store> {
        let err = sql_err(path);
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(&err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(&err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(&err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(&err)?;
        // A large page cache keeps a big run's b-tree pages in memory instead of
        // spilling them to the WAL again and again (64 MiB).
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(&err)?;
        // After a large run is checkpointed, shrink the WAL back to 64 MiB instead of
        // leaving a file as big as the run next to the registry.
        conn.pragma_update(None, "journal_size_limit", 67_108_864)
            .map_err(&err)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            options: StoreOptions::default(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// Replaces the registry settings.
    pub fn with_options(mut self, options: StoreOptions) -> Store {
        self.options = options;
        self
    }

    /// The registry file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i32> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql_err(&self.path))
    }

    fn migrate(&mut self) -> Result<()> {
        let version = self.schema_version()?;
        if version > SCHEMA_VERSION {
            return Err(Error::Registry {
                path: self.path.clone(),
                message: format!(
                    "登记库版本 {version} 比本程序支持的 {SCHEMA_VERSION} 新，请升级 fingertip"
                ),
            });
        }
        let err = sql_err(&self.path);
        for (from, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
            let tx = self.conn.transaction().map_err(&err)?;
            tx.execute_batch(sql).map_err(&err)?;
            tx.pragma_update(None, "user_version", from as i32 + 1)
                .map_err(&err)?;
            tx.commit().map_err(&err)?;
        }
        Ok(())
    }

    /// Ingests the records of one source as one run, in one transaction, and returns
    /// its counts. Re-ingesting the same records changes nothing.
    pub fn ingest(
        &mut self,
        source: &str,
        records: &[Record],
        options: IngestOptions,
        now: NaiveDateTime,
    ) -> Result<RunSummary> {
        let err = sql_err(&self.path);
        let retire_after = self.options.retire_after;
        let tx = self.conn.transaction().map_err(&err)?;
        let summary = ingest_in(&tx, source, records, options, now, retire_after).map_err(&err)?;
        tx.commit().map_err(&err)?;
        Ok(summary)
    }

    /// Computes what [`Store::ingest`] would change, and writes nothing: the run is
    /// applied inside a transaction that is rolled back.
    pub fn ingest_dry_run(
        &mut self,
        source: &str,
        records: &[Record],
        options: IngestOptions,
        now: NaiveDateTime,
    ) -> Result<(RunSummary, super::diff::Diff)> {
        let err = sql_err(&self.path);
        let retire_after = self.options.retire_after;
        let tx = self.conn.transaction().map_err(&err)?;
        let summary = ingest_in(&tx, source, records, options, now, retire_after).map_err(&err)?;
        let diff = super::diff::diff_in(&tx, summary.run - 1, summary.run).map_err(&err)?;
        tx.rollback().map_err(&err)?;
        Ok((summary, diff))
    }

    /// Records a run that read nothing (the source could not be read); it marks
    /// nothing missing.
    pub fn record_failed_run(
        &mut self,
        source: &str,
        kind: RunKind,
        message: &str,
        now: NaiveDateTime,
    ) -> Result<RunSummary> {
        let err = sql_err(&self.path);
        let tx = self.conn.transaction().map_err(&err)?;
        let source_id = source_id(&tx, source).map_err(&err)?;
        tx.execute(
            "INSERT INTO runs (source, kind, started, ended, status, complete, message)
             VALUES (?1, ?2, ?3, ?3, 'failed', 0, ?4)",
            params![source_id, kind.code(), ts(now), message],
        )
        .map_err(&err)?;
        let run = tx.last_insert_rowid();
        tx.commit().map_err(&err)?;
        Ok(RunSummary {
            run,
            source: source.to_string(),
            status: RunStatus::Failed.code().to_string(),
            ..RunSummary::default()
        })
    }

    /// Platforms with their stable ids and current field values, sorted by id;
    /// retired ones only when asked.
    pub fn platforms(&self, include_retired: bool) -> Result<Vec<StoredPlatform>> {
        let err = sql_err(&self.path);
        // Both queries walk their table in primary-key order, so the field values are
        // merged into their platforms without a map over the whole registry.
        let mut values = self
            .conn
            .prepare("SELECT platform, field, value FROM field_values ORDER BY platform, field")
            .map_err(&err)?;
        let mut values = values.query([]).map_err(&err)?;
        let mut pending: Option<(i64, String, String)> = None;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.pk, p.id, p.status, p.prov_file, p.prov_sheet, p.prov_row, r.started
                 FROM platforms p JOIN runs r ON r.id = p.first_seen_run ORDER BY p.pk",
            )
            .map_err(&err)?;
        let mut rows = stmt.query([]).map_err(&err)?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(&err)? {
            let pk: i64 = row.get(0).map_err(&err)?;
            let mut fields = FieldMap::new();
            loop {
                if pending.is_none() {
                    pending = match values.next().map_err(&err)? {
                        Some(v) => Some((
                            v.get(0).map_err(&err)?,
                            v.get(1).map_err(&err)?,
                            v.get(2).map_err(&err)?,
                        )),
                        None => break,
                    };
                }
                match pending.take() {
                    Some((platform, field, value)) if platform == pk => {
                        fields.insert(field, value);
                    }
                    Some(later) if later.0 > pk => {
                        pending = Some(later);
                        break;
                    }
                    // Values of a platform that no longer exists cannot occur (foreign
                    // key); skip them defensively.
                    _ => {}
                }
            }
            let status: String = row.get(2).map_err(&err)?;
            let status = PlatformStatus::parse(&status);
            if !include_retired && status == PlatformStatus::Retired {
                continue;
            }
            let mut record = fields_record(&fields);
            record.provenance = crate::model::Provenance {
                source: row.get(3).map_err(&err)?,
                sheet: row.get(4).map_err(&err)?,
                row: row.get::<_, i64>(5).map_err(&err)?.max(0) as usize,
            };
            let id: String = row.get(1).map_err(&err)?;
            record.id = Some(id.clone());
            let first_seen: String = row.get(6).map_err(&err)?;
            out.push(StoredPlatform {
                id,
                status,
                first_seen: first_seen.get(..10).unwrap_or("").to_string(),
                record,
            });
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// Internal key of a platform id, if it exists.
    pub(crate) fn platform_pk(&self, id: &str) -> Result<Option<i64>> {
        self.conn
            .query_row("SELECT pk FROM platforms WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(sql_err(&self.path))
    }
}

/// Whether a platform is still seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlatformStatus {
    /// Seen by the last complete run of its source.
    Active,
    /// Absent from the last complete run(s) of its source, fewer than K.
    Missing,
    /// Absent from K complete runs; kept, never deleted.
    Retired,
}

impl PlatformStatus {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            PlatformStatus::Active => "active",
            PlatformStatus::Missing => "missing",
            PlatformStatus::Retired => "retired",
        }
    }

    fn parse(text: &str) -> PlatformStatus {
        match text {
            "missing" => PlatformStatus::Missing,
            "retired" => PlatformStatus::Retired,
            _ => PlatformStatus::Active,
        }
    }
}

/// A platform as stored: stable id, status, and its current values as a record (with
/// `id` set to the stable id).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPlatform {
    /// Stable id.
    pub id: String,
    /// Status.
    pub status: PlatformStatus,
    /// Date (`YYYY-MM-DD`) of the run that first saw it.
    pub first_seen: String,
    /// Current values.
    pub record: Record,
}

pub(crate) fn source_id(tx: &Connection, source: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO sources (name) VALUES (?1) ON CONFLICT(name) DO NOTHING",
        [source],
    )?;
    tx.query_row("SELECT id FROM sources WHERE name = ?1", [source], |r| {
        r.get(0)
    })
}

/// The key under which a source knows a record: its id, or for records without one,
/// `~` + normalised name, owner and kind.
fn record_key(record: &Record) -> Option<String> {
    if let Some(id) = record.id.as_deref().map(str::trim) {
        if !id.is_empty() {
            return Some(id.to_string());
        }
    }
    let name = record.name.as_deref().map(identity::core_name)?;
    if name.is_empty() {
        return None;
    }
    let owner = record
        .owner
        .as_deref()
        .map(identity::owner_key)
        .unwrap_or_default();
    let kind = record.kind.map(|k| k.code()).unwrap_or("");
    Some(format!("~{name}|{owner}|{kind}"))
}

fn problem(record: &Record, column: &str, kind: &str, message: String) -> Problem {
    Problem {
        file: record.provenance.source.clone(),
        sheet: record.provenance.sheet.clone(),
        row: Some(record.provenance.row),
        column: Some(column.to_string()),
        kind: kind.to_string(),
        message,
        level: ProblemLevel::Error,
    }
}

/// In-memory blocking index over the registry for fuzzy matching, built on first need.
#[derive(Default)]
struct FuzzyIndex {
    names: HashMap<i64, String>,
    owners: HashMap<i64, String>,
    by_block: HashMap<(String, String), Vec<i64>>,
    by_core: HashMap<(String, String), Vec<i64>>,
}

impl FuzzyIndex {
    fn load(tx: &Transaction<'_>) -> rusqlite::Result<FuzzyIndex> {
        let mut index = FuzzyIndex::default();
        let mut stmt = tx.prepare("SELECT pk, name, kind, core_name, owner_key FROM platforms")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let pk: i64 = row.get(0)?;
            let kind: String = row.get(2)?;
            let core: String = row.get(3)?;
            let owner: String = row.get(4)?;
            index.names.insert(pk, row.get(1)?);
            if !owner.is_empty() {
                index
                    .by_block
                    .entry((owner.clone(), kind.clone()))
                    .or_default()
                    .push(pk);
            }
            index.by_core.entry((core, kind)).or_default().push(pk);
            index.owners.insert(pk, owner);
        }
        Ok(index)
    }
}

struct Ingest<'t> {
    tx: &'t Transaction<'t>,
    source: i64,
    run: i64,
    summary: RunSummary,
    claimed: HashSet<i64>,
    /// Missing or retired platforms: never on the fast path, so they reappear.
    inactive: HashSet<i64>,
    /// Platforms this source links to, and whether by a real id (not a name key).
    linked_by_id: HashMap<i64, bool>,
    next_ft: i64,
}

fn ingest_in(
    tx: &Transaction<'_>,
    source: &str,
    records: &[Record],
    options: IngestOptions,
    now: NaiveDateTime,
    retire_after: u32,
) -> rusqlite::Result<RunSummary> {
    let source_pk = source_id(tx, source)?;
    tx.execute(
        "INSERT INTO runs (source, kind, started, status, complete) VALUES (?1, ?2, ?3, 'running', ?4)",
        params![source_pk, options.kind.code(), ts(now), options.complete],
    )?;
    let run = tx.last_insert_rowid();
    let next_ft: i64 = tx
        .query_row("SELECT value FROM meta WHERE key = 'next_ft'", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut links: HashMap<String, (i64, i64)> = HashMap::new();
    let mut linked_by_id: HashMap<i64, bool> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT record_key, platform, hash FROM identity_links WHERE source = ?1")?;
        let mut rows = stmt.query([source_pk])?;
        while let Some(row) = rows.next()? {
            let key: String = row.get(0)?;
            let pk: i64 = row.get(1)?;
            let by_id = !key.starts_with('~');
            let e = linked_by_id.entry(pk).or_insert(false);
            *e = *e || by_id;
            links.insert(key, (pk, row.get(2)?));
        }
    }
    let inactive: HashSet<i64> = {
        let mut stmt = tx.prepare("SELECT pk FROM platforms WHERE status != 'active'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut ing = Ingest {
        tx,
        source: source_pk,
        run,
        summary: RunSummary {
            run,
            source: source.to_string(),
            status: options.status.code().to_string(),
            complete: options.complete,
            records: records.len(),
            ..RunSummary::default()
        },
        claimed: HashSet::new(),
        inactive,
        linked_by_id,
        next_ft,
    };
    let mut touch = tx.prepare_cached(
        "UPDATE presence SET last_seen_run = ?1, last_source = ?2, missing_runs = 0
         WHERE platform = ?3",
    )?;
    let mut by_platform_id =
        tx.prepare_cached("SELECT pk, name, owner_key FROM platforms WHERE id = ?1")?;
    // Pass 1: records the source already knows (same key), or whose id is a platform id.
    let mut pending: Vec<(usize, String, FieldMap, i64)> = Vec::new();
    let mut seen_keys: HashSet<String> = HashSet::new();
    for (idx, record) in records.iter().enumerate() {
        let Some(key) = record_key(record) else {
            ing.summary.problems.push(problem(
                record,
                "id",
                "no-id-or-name",
                "既无编号也无名称，无法登记，已跳过".to_string(),
            ));
            continue;
        };
        // A key seen earlier in this run: keep the record under a suffixed key, like
        // `registry::resolve`, so nothing is lost.
        let key = if seen_keys.contains(&key) {
            let mut n = 2;
            while seen_keys.contains(&format!("{key}#{n}")) {
                n += 1;
            }
            let suffixed = format!("{key}#{n}");
            ing.summary.problems.push(problem(
                record,
                "id",
                "duplicate-id",
                format!("编号“{key}”在本次导入中重复出现，本行按“{suffixed}”登记"),
            ));
            suffixed
        } else {
            key
        };
        seen_keys.insert(key.clone());
        let fields = record_fields(record);
        let hash = fields_hash(&fields);
        if let Some(&(pk, old_hash)) = links.get(&key) {
            if !ing.claimed.insert(pk) {
                ing.summary.problems.push(problem(
                    record,
                    "id",
                    "duplicate-id",
                    format!("编号“{key}”在本次导入中重复出现，仅登记第一次出现的记录"),
                ));
                continue;
            }
            if old_hash == hash
                && !ing.inactive.contains(&pk)
                && touch.execute(params![run, source_pk, pk])? == 1
            {
                ing.summary.unchanged += 1;
            } else {
                ing.update(pk, &key, record, &fields, hash, None)?;
            }
            continue;
        }
        if record.id.as_deref().is_some_and(|s| !s.trim().is_empty()) {
            let found: Option<(i64, String, String)> = by_platform_id
                .query_row([key.as_str()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?;
            if let Some((pk, name, owner)) = found {
                // Another source's id may only coincide (two tables numbered 1, 2, 3…):
                // the id is trusted when the name is close or the owner is the same.
                let plausible = record.owner.as_deref().map(identity::owner_key)
                    == Some(owner).filter(|o| !o.is_empty())
                    || identity::name_similarity(record.name.as_deref().unwrap_or(""), &name)
                        >= identity::REVIEW_MATCH;
                if plausible
                    && !ing.claimed.contains(&pk)
                    && ing.linked_by_id.get(&pk) != Some(&true)
                {
                    ing.claimed.insert(pk);
                    ing.update(pk, &key, record, &fields, hash, Some(("platform-id", 0.95)))?;
                    continue;
                }
            }
        }
        pending.push((idx, key, fields, hash));
    }
    // Pass 2: identifiers, then fuzzy name + owner + kind, else a new platform.
    let mut index: Option<FuzzyIndex> = None;
    let mut by_identifier =
        tx.prepare_cached("SELECT platform FROM identifiers WHERE kind = ?1 AND value = ?2")?;
    for (idx, key, fields, hash) in pending {
        let Some(record) = records.get(idx) else {
            continue;
        };
        let has_id = !key.starts_with('~');
        let allowed = |ing: &Ingest<'_>, pk: i64| {
            !ing.claimed.contains(&pk) && ing.linked_by_id.get(&pk) != Some(&true)
        };
        let mut matched = None;
        for (kind, value) in identity::identifiers(record) {
            let pk: Option<i64> = by_identifier
                .query_row(params![kind, value], |r| r.get(0))
                .optional()?;
            if let Some(pk) = pk.filter(|pk| allowed(&ing, *pk)) {
                matched = Some((pk, format!("identifier:{kind}"), 0.98));
                break;
            }
        }
        if matched.is_none() {
            if index.is_none() {
                index = Some(FuzzyIndex::load(tx)?);
            }
            let Some(index) = index.as_ref() else {
                continue;
            };
            let name = record.name.clone().unwrap_or_default();
            let core = identity::core_name(&name);
            let owner = record
                .owner
                .as_deref()
                .map(identity::owner_key)
                .unwrap_or_default();
            let kind = record.kind.map(|k| k.code()).unwrap_or("").to_string();
            let mut pks: Vec<i64> = Vec::new();
            if !owner.is_empty() {
                if let Some(v) = index.by_block.get(&(owner.clone(), kind.clone())) {
                    pks.extend(v);
                }
            }
            if let Some(v) = index.by_core.get(&(core, kind)) {
                pks.extend(v);
            }
            pks.sort_unstable();
            pks.dedup();
            let candidates: Vec<Candidate> = pks
                .into_iter()
                .filter(|pk| allowed(&ing, *pk))
                .filter_map(|pk| {
                    let cand_name = index.names.get(&pk)?;
                    let mut score = identity::name_similarity(&name, cand_name);
                    let cand_owner = index.owners.get(&pk).map(String::as_str).unwrap_or("");
                    if cand_owner != owner {
                        score *= 0.9;
                    }
                    Some(Candidate { pk, score })
                })
                .collect();
            match identity::decide_match(candidates) {
                MatchDecision::Match(c) => {
                    matched = Some((c.pk, "fuzzy-name".to_string(), c.score));
                }
                MatchDecision::Ambiguous(cands) => {
                    let pk = ing.insert(&key, record, &fields, hash, has_id)?;
                    ing.summary.ambiguous += 1;
                    for c in cands {
                        tx.execute(
                            "INSERT INTO reviews (run, platform, candidate, score) VALUES (?1, ?2, ?3, ?4)",
                            params![run, pk, c.pk, c.score],
                        )?;
                    }
                    continue;
                }
                MatchDecision::New => {}
            }
        }
        match matched {
            Some((pk, rule, confidence)) => {
                ing.claimed.insert(pk);
                if !has_id {
                    // A renamed record without id: its old name key no longer applies.
                    tx.execute(
                        "DELETE FROM identity_links WHERE source = ?1 AND platform = ?2 AND record_key LIKE '~%'",
                        params![source_pk, pk],
                    )?;
                }
                ing.update(pk, &key, record, &fields, hash, Some((&rule, confidence)))?;
            }
            None => {
                ing.insert(&key, record, &fields, hash, has_id)?;
            }
        }
    }
    drop(touch);
    drop(by_platform_id);
    drop(by_identifier);
    if options.status == RunStatus::Ok && options.complete {
        ing.mark_missing(retire_after)?;
    }
    let s = &ing.summary;
    tx.execute(
        "UPDATE runs SET ended = ?2, status = ?3, records = ?4, added = ?5, changed = ?6,
            unchanged = ?7, missing = ?8, retired = ?9, reappeared = ?10, ambiguous = ?11,
            problems = ?12 WHERE id = ?1",
        params![
            run,
            ts(now),
            options.status.code(),
            s.records as i64,
            s.added as i64,
            s.changed as i64,
            s.unchanged as i64,
            s.missing as i64,
            s.retired as i64,
            s.reappeared as i64,
            s.ambiguous as i64,
            s.problems.len() as i64
        ],
    )?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('next_ft', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [ing.next_ft.to_string()],
    )?;
    Ok(ing.summary)
}

fn kind_of(fields: &FieldMap) -> String {
    fields.get("kind").cloned().unwrap_or_default()
}

impl Ingest<'_> {
    fn event(
        &self,
        pk: i64,
        kind: &str,
        field: Option<&str>,
        old: Option<&str>,
        new: Option<&str>,
    ) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO events (run, platform, kind, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![self.run, pk, kind, field, old, new])?;
        Ok(())
    }

    fn put_field(
        &self,
        pk: i64,
        field: &str,
        value: &str,
        record: &Record,
    ) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO field_values (platform, field, value, source, run, file, sheet, row)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(platform, field) DO UPDATE SET value = excluded.value,
                   source = excluded.source, run = excluded.run, file = excluded.file,
                   sheet = excluded.sheet, row = excluded.row",
            )?
            .execute(params![
                pk,
                field,
                value,
                self.source,
                self.run,
                record.provenance.source,
                record.provenance.sheet,
                record.provenance.row as i64
            ])?;
        Ok(())
    }

    fn link(
        &self,
        key: &str,
        pk: i64,
        hash: i64,
        rule: &str,
        confidence: f64,
    ) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO identity_links (source, record_key, platform, hash, rule, confidence, run)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(source, record_key) DO UPDATE SET platform = excluded.platform,
                   hash = excluded.hash",
            )?
            .execute(params![self.source, key, pk, hash, rule, confidence, self.run])?;
        Ok(())
    }

    fn identifiers(&self, pk: i64, record: &Record) -> rusqlite::Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO identifiers (kind, value, platform) VALUES (?1, ?2, ?3)
             ON CONFLICT(kind, value) DO NOTHING",
        )?;
        for (kind, value) in identity::identifiers(record) {
            stmt.execute(params![kind, value, pk])?;
        }
        Ok(())
    }

    /// Inserts a new platform and returns its key.
    fn insert(
        &mut self,
        key: &str,
        record: &Record,
        fields: &FieldMap,
        hash: i64,
        has_id: bool,
    ) -> rusqlite::Result<i64> {
        let taken = |id: &str| -> rusqlite::Result<bool> {
            Ok(self
                .tx
                .prepare_cached("SELECT 1 FROM platforms WHERE id = ?1")?
                .query_row([id], |_| Ok(()))
                .optional()?
                .is_some())
        };
        let id = if has_id && !taken(key)? {
            key.to_string()
        } else {
            loop {
                let candidate = format!("FT-{:06}", self.next_ft);
                self.next_ft += 1;
                if !taken(&candidate)? {
                    break candidate;
                }
            }
        };
        let name = fields.get("name").cloned().unwrap_or_else(|| id.clone());
        let owner = fields.get("owner").cloned().unwrap_or_default();
        self.tx
            .prepare_cached(
                "INSERT INTO platforms (id, status, name, kind, core_name, owner_key,
                   prov_file, prov_sheet, prov_row, first_seen_run)
                 VALUES (?1, 'active', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                name,
                kind_of(fields),
                identity::core_name(&name),
                identity::owner_key(&owner),
                record.provenance.source,
                record.provenance.sheet,
                record.provenance.row as i64,
                self.run,
            ])?;
        let pk = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached(
                "INSERT INTO presence (platform, last_seen_run, last_source) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![pk, self.run, self.source])?;
        self.claimed.insert(pk);
        self.linked_by_id.insert(pk, has_id);
        for (field, value) in fields {
            self.put_field(pk, field, value, record)?;
        }
        self.link(key, pk, hash, "new", 1.0)?;
        self.identifiers(pk, record)?;
        self.event(pk, "added", None, None, Some(&name))?;
        self.summary.added += 1;
        Ok(pk)
    }

    /// Applies a record to an existing platform: changed fields with provenance and
    /// events, status back to active, and the identity link.
    fn update(
        &mut self,
        pk: i64,
        key: &str,
        record: &Record,
        fields: &FieldMap,
        hash: i64,
        new_link: Option<(&str, f64)>,
    ) -> rusqlite::Result<()> {
        let status: String = self
            .tx
            .prepare_cached("SELECT status FROM platforms WHERE pk = ?1")?
            .query_row([pk], |r| r.get(0))?;
        let mut old = FieldMap::new();
        let mut old_source: HashMap<String, i64> = HashMap::new();
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT field, value, source FROM field_values WHERE platform = ?1",
            )?;
            let mut rows = stmt.query([pk])?;
            while let Some(r) = rows.next()? {
                let field: String = r.get(0)?;
                old_source.insert(field.clone(), r.get(2)?);
                old.insert(field, r.get(1)?);
            }
        }
        let mut merged = old.clone();
        let mut changed = false;
        for (field, value) in fields {
            if old.get(field) != Some(value) {
                self.put_field(pk, field, value, record)?;
                let kind = if field == "name" {
                    "renamed"
                } else {
                    "changed"
                };
                self.event(
                    pk,
                    kind,
                    Some(field),
                    old.get(field).map(String::as_str),
                    Some(value),
                )?;
                merged.insert(field.clone(), value.clone());
                changed = true;
            }
        }
        // A value this source gave earlier and no longer gives is cleared; values from
        // other sources stay.
        for (field, value) in &old {
            if fields.contains_key(field) {
                continue;
            }
            if old_source.get(field) == Some(&self.source) && field != "name" {
                self.tx
                    .prepare_cached("DELETE FROM field_values WHERE platform = ?1 AND field = ?2")?
                    .execute(params![pk, field])?;
                self.event(pk, "changed", Some(field), Some(value), None)?;
                merged.remove(field);
                changed = true;
            }
        }
        let name = merged.get("name").cloned().unwrap_or_default();
        let owner = merged.get("owner").cloned().unwrap_or_default();
        self.tx
            .prepare_cached(
                "UPDATE platforms SET status = 'active', name = CASE WHEN ?2 = '' THEN name ELSE ?2 END,
                   kind = ?3, core_name = ?4, owner_key = ?5, prov_file = ?6,
                   prov_sheet = ?7, prov_row = ?8 WHERE pk = ?1",
            )?
            .execute(params![
                pk,
                name,
                kind_of(&merged),
                identity::core_name(&name),
                identity::owner_key(&owner),
                record.provenance.source,
                record.provenance.sheet,
                record.provenance.row as i64,
            ])?;
        self.tx
            .prepare_cached(
                "UPDATE presence SET last_seen_run = ?2, last_source = ?3, missing_runs = 0
                 WHERE platform = ?1",
            )?
            .execute(params![pk, self.run, self.source])?;
        self.inactive.remove(&pk);
        if status != "active" {
            self.event(
                pk,
                "reappeared",
                Some("status"),
                Some(&status),
                Some("active"),
            )?;
            self.summary.reappeared += 1;
        }
        match new_link {
            Some((rule, confidence)) => {
                self.link(key, pk, hash, rule, confidence)?;
                self.event(
                    pk,
                    "matched",
                    Some(rule),
                    Some(key),
                    Some(&format!("{confidence:.2}")),
                )?;
                self.linked_by_id
                    .entry(pk)
                    .and_modify(|b| *b = *b || !key.starts_with('~'))
                    .or_insert(!key.starts_with('~'));
            }
            None => {
                self.tx
                    .prepare_cached(
                        "UPDATE identity_links SET hash = ?3 WHERE source = ?1 AND record_key = ?2",
                    )?
                    .execute(params![self.source, key, hash])?;
            }
        }
        self.identifiers(pk, record)?;
        if changed {
            self.summary.changed += 1;
        } else {
            self.summary.unchanged += 1;
        }
        Ok(())
    }

    /// Marks platforms last seen by this source, and absent from this complete run,
    /// missing; after `retire_after` such runs, retired.
    fn mark_missing(&mut self, retire_after: u32) -> rusqlite::Result<()> {
        let absent: Vec<(i64, i64, String)> = {
            let mut stmt = self.tx.prepare(
                "SELECT p.pk, s.missing_runs, p.status FROM presence s
                 JOIN platforms p ON p.pk = s.platform
                 WHERE s.last_source = ?1 AND s.last_seen_run < ?2 AND p.status != 'retired'",
            )?;
            let rows = stmt.query_map(params![self.source, self.run], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (pk, missing_runs, status) in absent {
            let runs = missing_runs + 1;
            let new_status = if runs >= i64::from(retire_after.max(1)) {
                "retired"
            } else {
                "missing"
            };
            self.tx
                .prepare_cached("UPDATE presence SET missing_runs = ?2 WHERE platform = ?1")?
                .execute(params![pk, runs])?;
            self.tx
                .prepare_cached("UPDATE platforms SET status = ?2 WHERE pk = ?1")?
                .execute(params![pk, new_status])?;
            if new_status != status {
                self.event(
                    pk,
                    new_status,
                    Some("status"),
                    Some(&status),
                    Some(new_status),
                )?;
                if new_status == "retired" {
                    self.summary.retired += 1;
                } else {
                    self.summary.missing += 1;
                }
            }
        }
        Ok(())
    }
}
