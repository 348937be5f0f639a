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

mod columns;
mod csv;
mod data;
mod diff;
mod dot;
mod escape;
pub mod forms_json;
pub mod forms_xlsx;
mod graphml;
mod html;
mod html_assets;
mod json;
mod markdown;
mod summary;
mod text;
mod xlsx;

pub use summary::{BeforeAfter, FlagCounts, OwnerBurden, Summary};

pub use diff::write_diff;
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
    /// The 一表通 plan of the forms, when the audit made one (report.html shows it).
    pub forms: Option<&'a crate::recommend::forms::FormsPlan>,
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
    /// Clusters exported to overlap.graphml and overlap.dot (the largest ones; a
    /// national registry has tens of thousands, which no graph viewer can show).
    pub max_export_clusters: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            max_table_rows: 2_000,
            max_details: 500,
            max_xlsx_rows: 20_000,
            max_graph_clusters: 120,
            max_export_clusters: 2_000,
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
    write_all_summarized(dir, audit, options).map(|(files, _)| files)
}

/// [`write_all_with`] that also returns the summary every report prints, so that a
/// caller showing counts (the console) shows the very same numbers.
pub fn write_all_summarized(
    dir: &Path,
    audit: &AuditView<'_>,
    options: &ReportOptions,
) -> Result<(Vec<PathBuf>, Summary)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let prep = data::Prepared::new(audit, options);
    let graph = crate::overlap::graph::cluster_graph_of(
        audit.platforms,
        audit.overlap,
        &largest_clusters(audit.overlap, options.max_export_clusters),
    );
    type Writer<'w> = Box<dyn Fn(&Path) -> Result<()> + Send + Sync + 'w>;
    let writers: Vec<(&str, Writer<'_>)> = vec![
        (
            FILES[0],
            Box::new(|p| {
                text_file(p, |w| {
                    json::write_recommendations(&prep, w).map_err(std::io::Error::other)
                })
            }),
        ),
        (
            FILES[1],
            Box::new(|p| {
                text_file(p, |w| {
                    json::write_flags(&prep, w).map_err(std::io::Error::other)
                })
            }),
        ),
        (
            FILES[2],
            Box::new(|p| {
                text_file(p, |w| {
                    json::write_clusters(&prep, w).map_err(std::io::Error::other)
                })
            }),
        ),
        (
            FILES[3],
            Box::new(|p| {
                text_file(p, |w| {
                    json::write_problems(&prep, w).map_err(std::io::Error::other)
                })
            }),
        ),
        (
            FILES[4],
            Box::new(|p| text_file(p, |w| markdown::write(&prep, w))),
        ),
        (
            FILES[5],
            Box::new(|p| text_file(p, |w| html::write(&prep, w))),
        ),
        (FILES[6], Box::new(|p| xlsx::write(&prep, p))),
        (
            FILES[7],
            Box::new(|p| text_file(p, |w| csv::write_assignments(&prep, w))),
        ),
        (
            FILES[8],
            Box::new(|p| text_file(p, |w| write_graphml(&graph, audit.platforms, w))),
        ),
        (
            FILES[9],
            Box::new(|p| text_file(p, |w| write_dot(&graph, audit.platforms, w))),
        ),
    ];
    // The formats are independent; the XLSX alone takes as long as all the others, so
    // writing them in parallel keeps a large audit's report stage short.
    use rayon::prelude::*;
    let files = writers
        .par_iter()
        .map(|(file, write)| {
            let path = dir.join(file);
            let start = std::time::Instant::now();
            write(&path)?;
            tracing::debug!(
                file,
                elapsed_ms = start.elapsed().as_millis() as u64,
                "report written"
            );
            Ok(path)
        })
        .collect::<Result<Vec<PathBuf>>>()?;
    Ok((files, prep.summary.clone()))
}

/// The numbers of the `max` largest clusters (most members, then lowest number), in
/// ascending order.
fn largest_clusters(overlap: &crate::overlap::Overlap, max: usize) -> Vec<usize> {
    let mut numbers: Vec<usize> = (0..overlap.clusters.len()).collect();
    if numbers.len() > max {
        numbers.sort_by_key(|&no| (std::cmp::Reverse(overlap.clusters[no].members.len()), no));
        numbers.truncate(max);
        numbers.sort_unstable();
    }
    numbers
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

#[cfg(test)]
mod export_tests {
    use super::*;
    use crate::overlap::{Cluster, Overlap};

    #[test]
    fn largest_clusters_keeps_the_biggest_in_number_order() {
        let cluster = |target: usize, size: usize| Cluster {
            target,
            members: (target..target + size).collect(),
            similarity: 0.9,
        };
        let overlap = Overlap {
            clusters: vec![
                cluster(0, 2),
                cluster(10, 5),
                cluster(20, 3),
                cluster(30, 5),
            ],
            ..Overlap::default()
        };
        assert_eq!(largest_clusters(&overlap, 10), vec![0, 1, 2, 3]);
        assert_eq!(largest_clusters(&overlap, 2), vec![1, 3]);
        assert_eq!(largest_clusters(&overlap, 3), vec![1, 2, 3]);
    }
}
