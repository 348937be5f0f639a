//! Runs: what produced one ingest or crawl of a source, how it ended and what it
//! changed; a source that could not be read is recorded as a failed run.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::store::{source_id, sql_err, ts, Store};
use crate::error::Result;
use crate::model::Problem;

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

impl Store {
    /// Records the folder or file run `run` read, shown by `runs`.
    pub fn set_run_path(&mut self, run: i64, path: &str) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET path = ?2 WHERE id = ?1",
                params![run, path],
            )
            .map_err(sql_err(&self.path))?;
        Ok(())
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
}
