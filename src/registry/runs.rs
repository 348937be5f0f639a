//! Runs: what produced one ingest or crawl of a source, how it ended and what it
//! changed; a source that could not be read is recorded as a failed run.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

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

/// Why a run of tables cannot count as the whole source, if it cannot: a table that
/// was read by the source's last complete run (`previous`) is gone, or a file failed
/// to be read or decoded as a whole (an error problem without a row). Such a run is
/// partial: it marks nothing missing and retires nothing.
pub fn partial_cause(
    previous: Option<&[String]>,
    tables: &[String],
    problems: &[Problem],
) -> Option<String> {
    let mut causes = Vec::new();
    if let Some(previous) = previous {
        let gone: Vec<&str> = previous
            .iter()
            .filter(|t| !tables.contains(t))
            .map(String::as_str)
            .collect();
        if !gone.is_empty() {
            causes.push(format!(
                "上次完整运行读到的表格本次缺失：{}",
                gone.join("、")
            ));
        }
    }
    let mut broken: Vec<&str> = problems
        .iter()
        .filter(|p| {
            p.row.is_none()
                && p.level == crate::model::ProblemLevel::Error
                && matches!(p.kind.as_str(), "unreadable-file" | "bad-encoding")
        })
        .map(|p| p.file.as_str())
        .collect();
    broken.sort_unstable();
    broken.dedup();
    if !broken.is_empty() {
        causes.push(format!("整个文件无法读取或解码：{}", broken.join("、")));
    }
    (!causes.is_empty()).then(|| causes.join("；"))
}

impl Store {
    /// The tables read by the last complete run of `source` that recorded them.
    pub fn last_complete_tables(&self, source: &str) -> Result<Option<Vec<String>>> {
        let tables: Option<String> = self
            .conn
            .query_row(
                "SELECT r.tables FROM runs r JOIN sources s ON s.id = r.source
                 WHERE s.name = ?1 AND r.status = 'ok' AND r.complete = 1
                   AND r.tables IS NOT NULL ORDER BY r.id DESC LIMIT 1",
                [source],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err(&self.path))?;
        Ok(tables.map(|t| t.lines().map(str::to_string).collect()))
    }

    /// Records the tables run `run` read, and why it is partial if it is.
    pub fn set_run_tables(
        &mut self,
        run: i64,
        tables: &[String],
        cause: Option<&str>,
    ) -> Result<()> {
        self.conn
            .execute(
                "UPDATE runs SET tables = ?2, message = COALESCE(?3, message) WHERE id = ?1",
                params![run, tables.join("\n"), cause],
            )
            .map_err(sql_err(&self.path))?;
        Ok(())
    }

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
