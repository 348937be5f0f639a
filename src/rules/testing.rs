//! Test helpers for rule tests: tiny platforms and documents built in Rust, and a
//! `check` that runs one rule through the real engine and renders its findings and
//! coverage row as text for an insta snapshot.

use chrono::NaiveDate;

use super::{catalog, evaluate, render_findings, RuleContext, RuleSettings, Waiver};
use crate::model::{Document, Kind, Platform, Provenance};
use crate::overlap::{Cluster, Overlap};

/// The audit date of rule tests (the sample inventory's as_of).
pub fn as_of() -> NaiveDate {
    date("2026-11-20")
}

/// Parses `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
}

/// A platform with only id, name and kind set.
pub fn platform(id: &str, name: &str, kind: Kind) -> Platform {
    Platform {
        id: id.to_string(),
        name: name.to_string(),
        kind,
        provenance: Provenance {
            source: "test.csv".into(),
            sheet: None,
            row: 2,
        },
        ..Default::default()
    }
}

/// Tags from a `、`-separated list.
pub fn tags(list: &str) -> Vec<String> {
    list.split('、')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// A document from its text.
pub fn doc(path: &str, platform_dir: Option<&str>, text: &str) -> Document {
    Document {
        path: path.to_string(),
        platform_dir: platform_dir.map(str::to_string),
        lines: text.lines().map(str::to_string).collect(),
    }
}

/// A cluster of `members` around `target` (indices).
pub fn cluster(target: usize, members: &[usize], similarity: f64) -> Cluster {
    let mut members = members.to_vec();
    members.sort_unstable();
    Cluster {
        target,
        members,
        similarity,
    }
}

/// Inputs of one rule test.
#[derive(Default)]
pub struct Case {
    /// Platforms (sorted by id by `check`'s caller).
    pub platforms: Vec<Platform>,
    /// Documents.
    pub documents: Vec<Document>,
    /// Overlap clusters.
    pub overlap: Overlap,
    /// Settings (default when None).
    pub settings: Option<RuleSettings>,
    /// Waivers.
    pub waivers: Vec<Waiver>,
}

impl Case {
    /// A case with these platforms.
    pub fn new(platforms: Vec<Platform>) -> Case {
        Case {
            platforms,
            ..Case::default()
        }
    }

    /// Adds documents.
    pub fn docs(mut self, documents: Vec<Document>) -> Case {
        self.documents = documents;
        self
    }

    /// Adds clusters.
    pub fn clusters(mut self, clusters: Vec<Cluster>) -> Case {
        self.overlap.clusters = clusters;
        self
    }

    /// Uses these settings.
    pub fn settings(mut self, settings: RuleSettings) -> Case {
        self.settings = Some(settings);
        self
    }

    /// Runs the whole engine and renders the findings of `rule` and its coverage row.
    pub fn check(&self, rule: &str) -> String {
        assert!(catalog::get(rule).is_some(), "unknown rule {rule}");
        let settings = self.settings.clone().unwrap_or_default();
        let ctx = RuleContext {
            platforms: &self.platforms,
            overlap: &self.overlap,
            documents: &self.documents,
            settings: &settings,
            as_of: as_of(),
            waivers: &self.waivers,
        };
        let outcome = evaluate(&ctx);
        let findings: Vec<_> = outcome
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .cloned()
            .collect();
        let mut out = render_findings(&self.platforms, &findings);
        if findings.is_empty() {
            out.push_str("(no findings)\n");
        }
        if let Some(row) = outcome.coverage.iter().find(|c| c.rule == rule) {
            out.push_str(&format!(
                "coverage: applicable {}, insufficient {}, findings {}",
                row.applicable, row.insufficient_data, row.findings
            ));
            if let Some(note) = &row.note {
                out.push_str(&format!(" ({})", note.zh));
            }
            out.push('\n');
        }
        out
    }
}
