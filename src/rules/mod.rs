//! The policy rule engine: one file per rule, [`catalog`] as the single id → rule table,
//! text evidence from documents that understands Chinese negation, waivers, and the
//! rule coverage table.
//!
//! Pure: rules receive platforms, the overlap result, documents and settings, and never
//! read files or config themselves.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{Document, Msg, Platform};
use crate::overlap::Overlap;

/// Severity of a rule, from the catalog's `high` / `medium` / `low`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Governance hygiene.
    Low,
    /// National requirement or widely adopted local rule.
    Medium,
    /// National prohibition or single veto (单项否决).
    High,
}

impl Severity {
    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// Parses `low` / `medium` / `high`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "low" | "低" => Some(Severity::Low),
            "medium" | "中" => Some(Severity::Medium),
            "high" | "高" => Some(Severity::High),
            _ => None,
        }
    }
}

/// One piece of evidence: a field value or a line of a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// `field:<column>` or the document path relative to the inventory.
    pub source: String,
    /// 1-based line in the document (None for fields).
    pub line: Option<usize>,
    /// The field value or the sentence quoted.
    pub text: String,
}

/// One rule hit on one platform.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Platform index.
    pub platform: usize,
    /// Rule id (kebab-case, from the catalog).
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What was found, as a sentence a person can check.
    pub message: Msg,
    /// Evidence, sorted.
    pub evidence: Vec<Evidence>,
    /// Set when a waiver covers this finding: the waiver's reason.
    pub waived: Option<String>,
}

/// Thresholds and local options of the rules (`[rules]` in fingertip.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSettings {
    /// Months without update or activity after which an app is a zombie.
    pub zombie_app_months: u32,
    /// Monthly active users below which an app counts as rarely used.
    pub zombie_app_mau_floor: u64,
    /// Days without a post after which an account is stale (单项否决).
    pub account_stale_days: u32,
    /// Days without a post after which an account is a zombie.
    pub zombie_account_days: u32,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            zombie_app_months: 6,
            zombie_app_mau_floor: 100,
            account_stale_days: 14,
            zombie_account_days: 90,
        }
    }
}

/// Everything a rule may look at.
#[derive(Debug, Clone, Copy)]
pub struct RuleContext<'a> {
    /// The platforms, sorted by id.
    pub platforms: &'a [Platform],
    /// The overlap result over the same slice.
    pub overlap: &'a Overlap,
    /// Documents from the inventory.
    pub documents: &'a [Document],
    /// Rule settings.
    pub settings: &'a RuleSettings,
    /// Audit date.
    pub as_of: NaiveDate,
}

/// Whether a rule could be decided for the inventory at hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Rule id.
    pub rule: &'static str,
    /// Platforms the rule applies to.
    pub applicable: usize,
    /// Of those, platforms lacking the data to decide.
    pub insufficient_data: usize,
    /// Findings raised.
    pub findings: usize,
    /// Why data is lacking, if it is.
    pub note: Option<Msg>,
}

/// Findings and coverage of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct RuleOutcome {
    /// All findings, sorted by platform then rule.
    pub findings: Vec<Finding>,
    /// One coverage row per catalog rule.
    pub coverage: Vec<Coverage>,
}

/// Runs every rule of the catalog.
pub fn evaluate(ctx: &RuleContext<'_>) -> RuleOutcome {
    let _ = ctx;
    RuleOutcome::default()
}
