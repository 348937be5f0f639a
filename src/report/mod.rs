//! Renders an audit: one file per format (json, markdown, html, xlsx, csv, graphml,
//! dot). The core produces values; these sinks render them with their own row types.
//!
//! [`write_all`] computes the shared lookups and the summary once ([`data`],
//! [`summary`]), then runs every entry of the format table. JSON and CSV stream every
//! row; HTML, Markdown and XLSX show the summary and cap long tables at
//! [`ReportOptions`] limits, saying so on the page, so that a registry of a million
//! platforms still reports in seconds.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::model::{Document, Lang, Platform, Problem};
use crate::overlap::Overlap;
use crate::recommend::{FollowUp, Recommendation};
use crate::rules::RuleOutcome;

mod csv;
mod data;
mod dot;
mod escape;
mod graphml;
mod html;
mod html_assets;
mod json;
mod markdown;
mod summary;
mod text;
mod xlsx;

pub use dot::write_dot;
pub use graphml::write_graphml;

/// Everything a report shows, borrowed from the pipeline.
#[derive(Debug, Clone, Copy)]
pub struct AuditView<'a> {
    /// Audit date.
    pub as_of: NaiveDate,
    /// Report language.
    pub lang: Lang,
    /// Platforms, sorted by id; indices in the other fields point here.
    pub platforms: &'a [Platform],
    /// Documents read.
    pub documents: &'a [Document],
    /// Overlap pairs and clusters.
    pub overlap: &'a Overlap,
    /// Findings and rule coverage.
    pub outcome: &'a RuleOutcome,
    /// One recommendation per platform, in platform order.
    pub recommendations: &'a [Recommendation],
    /// Input problems.
    pub problems: &'a [Problem],
    /// Earlier recommendations and how they stand (empty without a registry).
    pub follow_ups: &'a [FollowUp],
}

/// Row caps of the human-readable formats. JSON and CSV are never capped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// Rows of each long table in report.html and report.md (recommendations, flags,
    /// problems, clusters).
    pub max_table_rows: usize,
    /// Per-platform detail sections in report.html.
    pub max_details: usize,
    /// Rows of each sheet in report.xlsx (Excel itself allows 1,048,576).
    pub max_xlsx_rows: usize,
    /// Clusters drawn in the interactive overlap view of report.html.
    pub max_graph_clusters: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            max_table_rows: 2_000,
            max_details: 500,
            max_xlsx_rows: 50_000,
            max_graph_clusters: 120,
        }
    }
}

/// The report files, in the order they are written.
pub const FILES: [&str; 10] = [
    "recommendations.json",
    "flags.json",
    "clusters.json",
    "problems.json",
    "report.md",
    "report.html",
    "report.xlsx",
    "assignments.csv",
    "overlap.graphml",
    "overlap.dot",
];

/// Writes every report format into `dir`, creating it, and returns the files written.
pub fn write_all(dir: &Path, audit: &AuditView<'_>) -> Result<Vec<PathBuf>> {
    write_all_with(dir, audit, &ReportOptions::default())
}

/// [`write_all`] with explicit row caps.
pub fn write_all_with(
    dir: &Path,
    audit: &AuditView<'_>,
    options: &ReportOptions,
) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let prep = data::Prepared::new(audit, options);
    let graph = crate::overlap::graph::cluster_graph(audit.platforms, audit.overlap);
    let mut written = Vec::with_capacity(FILES.len());
    let mut emit = |file: &str, write: &dyn Fn(&Path) -> Result<()>| -> Result<()> {
        let path = dir.join(file);
        let start = std::time::Instant::now();
        write(&path)?;
        tracing::debug!(
            file,
            elapsed_ms = start.elapsed().as_millis() as u64,
            "report written"
        );
        written.push(path);
        Ok(())
    };
    emit(FILES[0], &|p| {
        text_file(p, |w| {
            json::write_recommendations(&prep, w).map_err(std::io::Error::other)
        })
    })?;
    emit(FILES[1], &|p| {
        text_file(p, |w| {
            json::write_flags(&prep, w).map_err(std::io::Error::other)
        })
    })?;
    emit(FILES[2], &|p| {
        text_file(p, |w| {
            json::write_clusters(&prep, w).map_err(std::io::Error::other)
        })
    })?;
    emit(FILES[3], &|p| {
        text_file(p, |w| {
            json::write_problems(&prep, w).map_err(std::io::Error::other)
        })
    })?;
    emit(FILES[4], &|p| text_file(p, |w| markdown::write(&prep, w)))?;
    emit(FILES[5], &|p| text_file(p, |w| html::write(&prep, w)))?;
    emit(FILES[6], &|p| xlsx::write(&prep, p))?;
    emit(FILES[7], &|p| {
        text_file(p, |w| csv::write_assignments(&prep, w))
    })?;
    emit(FILES[8], &|p| {
        text_file(p, |w| write_graphml(&graph, audit.platforms, w))
    })?;
    emit(FILES[9], &|p| {
        text_file(p, |w| write_dot(&graph, audit.platforms, w))
    })?;
    Ok(written)
}

/// Creates `path` and hands a buffered writer to `body`, flushing it afterwards; any
/// I/O error is reported with the path.
fn text_file(
    path: &Path,
    body: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
) -> Result<()> {
    let file = File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = BufWriter::with_capacity(1 << 16, file);
    body(&mut out).map_err(|e| Error::io(path, e))?;
    out.flush().map_err(|e| Error::io(path, e))
}
