//! The SQLite registry file: opening it (WAL, foreign keys), the schema
//! (`schema.sql`) and its `user_version` migrations, and reading the platforms back.
//! Runs live in `runs`, the ingest in `ingest`, decisions and audits in their own files.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::{Connection, OptionalExtension};

use super::fields::{fields_record, FieldMap};
use crate::error::{Error, Result};
use crate::model::Record;

/// Schema version written to `PRAGMA user_version`.
pub const SCHEMA_VERSION: i32 = 3;

/// Forward migrations: entry `i` moves the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("schema.sql"),
    include_str!("migrate_2.sql"),
    include_str!("migrate_3.sql"),
];

/// Retirement settings of the registry: fingertip.toml's `[registry]` table, or the
/// command line. A field left `None` falls back to the file's value, then the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreOptions {
    /// Complete runs without a platform after which it is `retired` (default 2).
    #[serde(rename = "retire_after_runs")]
    pub retire_after: Option<u32>,
    /// Days the absence must span, from the first to the last run that missed it,
    /// before it is retired (default 28).
    pub retire_after_days: Option<u32>,
}

impl StoreOptions {
    /// The command line's values, else `file`'s, else the defaults (2 runs, 28 days);
    /// runs at least 1.
    pub fn resolved(self, file: StoreOptions) -> (u32, u32) {
        (
            self.retire_after.or(file.retire_after).unwrap_or(2).max(1),
            self.retire_after_days
                .or(file.retire_after_days)
                .unwrap_or(28),
        )
    }
}

/// The SQLite registry.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) options: StoreOptions,
    pub(crate) file_options: StoreOptions,
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

/// `PRAGMA application_id` of a fingertip registry ("FTPR").
pub const APPLICATION_ID: i32 = 0x4654_5052;

/// Refuses a file that is not a fingertip registry (another program's SQLite file, a
/// damaged or non-SQLite file, a newer schema) by reading its 100-byte header only:
/// nothing is written and no journal, WAL or lock file is created. A missing or empty
/// file is a new registry; a file without our application id is accepted only when
/// its `user_version` is one of ours (registries made before the id was set) or it
/// is an empty database.
pub fn check_registry_file(path: &Path) -> Result<()> {
    use std::io::Read;
    let refuse = |message: String| Error::Registry {
        path: path.to_path_buf(),
        message,
    };
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
    let mut header = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut header)
        .map_err(|e| Error::io(path, e))?;
    if header.is_empty() {
        return Ok(());
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(refuse(
            "该文件不是 SQLite 数据库或已损坏，不是 fingertip 登记库，未做任何改动".into(),
        ));
    }
    let be = |at: usize| {
        i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let (pages, user_version, application_id) = (be(28), be(60), be(68));
    let ours = application_id == APPLICATION_ID
        || (application_id == 0 && (1..=SCHEMA_VERSION).contains(&user_version))
        || (application_id == 0 && user_version == 0 && pages <= 1);
    if !ours {
        return Err(refuse(
            "该文件是其他程序的 SQLite 数据库，不是 fingertip 登记库，未做任何改动".into(),
        ));
    }
    if user_version > SCHEMA_VERSION {
        return Err(refuse(format!(
            "登记库版本 {user_version} 比本程序支持的 {SCHEMA_VERSION} 新，请升级 fingertip"
        )));
    }
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the registry at `path`, in WAL mode with foreign keys
    /// on, and migrates its schema forward. A file that is not a fingertip registry is
    /// refused before anything is written ([`check_registry_file`]).
    pub fn open(path: &Path) -> Result<Store> {
        check_registry_file(path)?;
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
            file_options: StoreOptions::default(),
        };
        store.migrate()?;
        let err = sql_err(path);
        let id: i32 = store
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(&err)?;
        if id != APPLICATION_ID {
            store
                .conn
                .pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(&err)?;
        }
        Ok(store)
    }

    /// Replaces the registry settings.
    pub fn with_options(mut self, options: StoreOptions) -> Store {
        self.options = options;
        self
    }

    /// The inventory's fingertip.toml `[registry]` settings, used where the command
    /// line gave none.
    pub fn set_file_options(&mut self, file: StoreOptions) {
        self.file_options = file;
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
