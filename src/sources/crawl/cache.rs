//! The crawl cache directory and the JSON form of crawled records.
//!
//! Layout under `--cache DIR`:
//! - `robots/<hash>.json`: one host's robots.txt (status, body, fetch time), reused ≤ 24 h.
//! - `pages/<hash>.json`: one page URL's `ETag`, `Last-Modified`, next-page link and
//!   extracted records, so that a `304 Not Modified` keeps the previous records.
//!
//! Like lychee's cache, only successful fetches are stored: a failure is never cached.
//! The record JSON (DESIGN.md §2 English keys) is also what `--dump` writes.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::model::{Kind, Level, MatterStatus, Problem, ProblemLevel, Record};

/// A cached robots.txt.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedRobots {
    /// Origin, e.g. `http://127.0.0.1:8080`.
    pub origin: String,
    /// Unix seconds of the fetch.
    pub fetched_at: u64,
    /// HTTP status of the robots.txt response.
    pub status: u16,
    /// The body (empty for a 4xx).
    pub body: String,
}

/// A cached page: validators, the next link and the records extracted from it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedPage {
    /// The requested URL.
    pub url: String,
    /// `ETag` of the response.
    pub etag: Option<String>,
    /// `Last-Modified` of the response.
    pub last_modified: Option<String>,
    /// The next-page link found on the page.
    pub next: Option<String>,
    /// Records as JSON objects (see [`record_to_json`]).
    pub records: Vec<Map<String, Value>>,
    /// Cell problems met on the page, so a `304` reports them again.
    #[serde(default)]
    pub problems: Vec<CachedProblem>,
    /// [`super::SourceConfig::extraction_fingerprint`] of the config that extracted the
    /// records; a different config ignores the entry.
    pub fingerprint: String,
}

/// A cell problem of a cached page (the file is the page URL).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedProblem {
    /// 1-based row on the page.
    pub row: Option<usize>,
    /// Field key.
    pub column: Option<String>,
    /// Problem kind code.
    pub kind: String,
    /// Chinese message.
    pub message: String,
}

impl CachedProblem {
    /// Keeps what a problem says about its page.
    pub fn from_problem(problem: &Problem) -> CachedProblem {
        CachedProblem {
            row: problem.row,
            column: problem.column.clone(),
            kind: problem.kind.clone(),
            message: problem.message.clone(),
        }
    }

    /// The problem again, for the page `url`.
    pub fn to_problem(&self, url: &str) -> Problem {
        Problem {
            file: url.to_string(),
            sheet: None,
            row: self.row,
            column: self.column.clone(),
            kind: self.kind.clone(),
            message: self.message.clone(),
            level: ProblemLevel::Error,
        }
    }
}

/// The cache directory, or no cache at all.
#[derive(Debug, Clone, Default)]
pub struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    /// A cache in `dir` (created on first write), or none.
    pub fn new(dir: Option<&Path>) -> Cache {
        Cache {
            dir: dir.map(Path::to_path_buf),
        }
    }

    fn path(&self, kind: &str, key: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        Some(
            dir.join(kind)
                .join(format!("{:016x}.json", fnv1a(key.as_bytes()))),
        )
    }

    fn read<T: for<'de> Deserialize<'de>>(&self, kind: &str, key: &str) -> Option<T> {
        let path = self.path(kind, key)?;
        let text = std::fs::read_to_string(&path).ok()?;
        match serde_json::from_str(&text) {
            Ok(value) => Some(value),
            Err(e) => {
                // A damaged entry is treated as absent: the page is fetched again.
                tracing::warn!("{}: 缓存条目损坏，已忽略：{e}", path.display());
                None
            }
        }
    }

    fn write<T: Serialize>(&self, kind: &str, key: &str, value: &T) {
        let Some(path) = self.path(kind, key) else {
            return;
        };
        let result = (|| -> std::io::Result<()> {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let text = serde_json::to_string(value).map_err(std::io::Error::other)?;
            // Written to a temporary file and renamed, so a crash never leaves half an entry.
            let tmp = path.with_extension("json.tmp");
            std::fs::write(&tmp, text)?;
            std::fs::rename(&tmp, &path)
        })();
        if let Err(e) = result {
            // The cache is an optimisation: failing to write it never fails the crawl.
            tracing::warn!("{}: 无法写入缓存：{e}", path.display());
        }
    }

    /// The robots.txt of `origin` if cached less than `ttl` ago.
    pub fn robots(&self, origin: &str, ttl: Duration) -> Option<CachedRobots> {
        let cached: CachedRobots = self.read("robots", origin)?;
        let age = unix_now().saturating_sub(cached.fetched_at);
        (cached.origin == origin && age < ttl.as_secs()).then_some(cached)
    }

    /// Stores a robots.txt.
    pub fn store_robots(&self, robots: &CachedRobots) {
        self.write("robots", &robots.origin, robots);
    }

    /// The cached page for `url`, if it was extracted with the same `fingerprint`.
    pub fn page(&self, url: &str, fingerprint: &str) -> Option<CachedPage> {
        let cached: CachedPage = self.read("pages", url)?;
        (cached.url == url && cached.fingerprint == fingerprint).then_some(cached)
    }

    /// Stores a page.
    pub fn store_page(&self, page: &CachedPage) {
        self.write("pages", &page.url, page);
    }
}

/// Seconds since the Unix epoch.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// FNV-1a: a stable file name for a URL (std's hasher may change between releases).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A record as a JSON object with DESIGN.md §2 English keys. Empty fields are left out;
/// `extra` entries keep their own keys, and provenance becomes `source_url` and `source_row`.
pub fn record_to_json(record: &Record) -> Map<String, Value> {
    let mut map = Map::new();
    let mut text = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            map.insert(key.to_string(), Value::String(v.clone()));
        }
    };
    text("id", &record.id);
    text("name", &record.name);
    text("channel", &record.channel);
    text("owner", &record.owner);
    text("department", &record.department);
    text("region", &record.region);
    text("description", &record.description);
    text("checkin", &record.checkin);
    text("matter", &record.matter);
    text("filing_no", &record.filing_no);
    text("notes", &record.notes);
    if let Some(kind) = record.kind {
        map.insert("kind".into(), Value::String(kind.code().into()));
    }
    if let Some(level) = record.level {
        map.insert("level".into(), Value::String(level.code().into()));
    }
    if let Some(status) = record.matter_status {
        map.insert("matter_status".into(), Value::String(status.code().into()));
    }
    for (key, list) in [
        ("functions", &record.functions),
        ("data_fields", &record.data_fields),
    ] {
        if !list.is_empty() {
            let values = list.iter().cloned().map(Value::String).collect();
            map.insert(key.into(), Value::Array(values));
        }
    }
    for (key, count) in [
        ("users", record.users),
        ("monthly_active", record.monthly_active),
        ("members", record.members),
    ] {
        if let Some(n) = count {
            map.insert(key.into(), Value::from(n));
        }
    }
    for (key, date) in [
        ("created", record.created),
        ("last_update", record.last_update),
        ("last_active", record.last_active),
    ] {
        if let Some(d) = date {
            map.insert(key.into(), Value::String(d.format("%Y-%m-%d").to_string()));
        }
    }
    for (key, flag) in [
        ("mandatory", record.mandatory),
        ("assessment_linked", record.assessment_linked),
    ] {
        if let Some(b) = flag {
            map.insert(key.into(), Value::Bool(b));
        }
    }
    for (key, value) in &record.extra {
        map.entry(key.clone())
            .or_insert_with(|| Value::String(value.clone()));
    }
    map.insert(
        "source_url".into(),
        Value::String(record.provenance.source.clone()),
    );
    map.insert("source_row".into(), Value::from(record.provenance.row));
    map
}

/// Reads back what [`record_to_json`] wrote (used for cached pages).
pub fn record_from_json(map: &Map<String, Value>) -> Record {
    let mut record = Record::default();
    for (key, value) in map {
        let text = || value.as_str().map(str::to_string);
        let date = || {
            value
                .as_str()
                .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        };
        let list = || {
            value
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        match key.as_str() {
            "id" => record.id = text(),
            "name" => record.name = text(),
            "channel" => record.channel = text(),
            "owner" => record.owner = text(),
            "department" => record.department = text(),
            "region" => record.region = text(),
            "description" => record.description = text(),
            "checkin" => record.checkin = text(),
            "matter" => record.matter = text(),
            "filing_no" => record.filing_no = text(),
            "notes" => record.notes = text(),
            "kind" => record.kind = value.as_str().and_then(Kind::parse),
            "level" => record.level = value.as_str().and_then(Level::parse),
            "matter_status" => record.matter_status = value.as_str().and_then(MatterStatus::parse),
            "functions" => record.functions = list(),
            "data_fields" => record.data_fields = list(),
            "users" => record.users = value.as_u64(),
            "monthly_active" => record.monthly_active = value.as_u64(),
            "members" => record.members = value.as_u64(),
            "created" => record.created = date(),
            "last_update" => record.last_update = date(),
            "last_active" => record.last_active = date(),
            "mandatory" => record.mandatory = value.as_bool(),
            "assessment_linked" => record.assessment_linked = value.as_bool(),
            "source_url" => record.provenance.source = text().unwrap_or_default(),
            "source_row" => {
                record.provenance.row = value
                    .as_u64()
                    .and_then(|n| usize::try_from(n).ok())
                    .unwrap_or(0);
            }
            other => {
                let v = match value {
                    Value::String(s) => s.clone(),
                    other_value => other_value.to_string(),
                };
                record.extra.insert(other.to_string(), v);
            }
        }
    }
    record
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_json_round_trips() {
        let mut record = Record {
            name: Some("市民通APP".into()),
            kind: Some(Kind::App),
            level: Some(Level::City),
            functions: vec!["办事".into(), "查询".into()],
            users: Some(1200),
            last_update: chrono::NaiveDate::from_ymd_opt(2024, 5, 1),
            mandatory: Some(false),
            matter_status: Some(MatterStatus::Finished),
            ..Record::default()
        };
        record
            .extra
            .insert("fetched_at".into(), "2026-01-01T00:00:00Z".into());
        record.provenance.source = "http://127.0.0.1/list".into();
        record.provenance.row = 3;
        let json = record_to_json(&record);
        assert_eq!(json["kind"], "app");
        assert_eq!(json["last_update"], "2024-05-01");
        assert_eq!(record_from_json(&json), record);
    }

    #[test]
    fn cache_stores_and_reads_pages_and_expires_robots() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(Some(dir.path()));
        let page = CachedPage {
            url: "http://127.0.0.1/list".into(),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            next: None,
            records: vec![],
            problems: vec![],
            fingerprint: "f1".into(),
        };
        cache.store_page(&page);
        assert_eq!(
            cache.page("http://127.0.0.1/list", "f1").unwrap().etag,
            page.etag
        );
        assert!(cache.page("http://127.0.0.1/list", "f2").is_none());
        assert!(cache.page("http://127.0.0.1/other", "f1").is_none());
        let robots = CachedRobots {
            origin: "http://127.0.0.1:1".into(),
            fetched_at: unix_now() - 100,
            status: 200,
            body: "User-agent: *\nDisallow: /x".into(),
        };
        cache.store_robots(&robots);
        assert!(cache
            .robots(&robots.origin, Duration::from_secs(3600))
            .is_some());
        assert!(cache
            .robots(&robots.origin, Duration::from_secs(50))
            .is_none());
        assert!(Cache::new(None)
            .page("http://127.0.0.1/list", "f1")
            .is_none());
    }
}
