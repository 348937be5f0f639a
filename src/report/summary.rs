//! The audit summary shared by every format: counts by kind, level and action, platforms
//! before → after, minutes and cadre-hours saved, flags per rule, clusters, problems and
//! follow-through states, and the owners that cost the grassroots most time.
//!
//! It is computed once and serialized into `recommendations.json`; HTML, Markdown and
//! XLSX print the very same numbers (rounded once, here).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::data::Prepared;
use crate::model::{Kind, Level};
use crate::recommend::{Action, FollowStatus};
use crate::rules::Severity;

/// How many owners the "top owners by burden" list shows.
pub(crate) const TOP_OWNERS: usize = 10;

/// Platforms of one kind before and after the recommended actions.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct BeforeAfter {
    /// Platforms now.
    pub before: usize,
    /// Platforms left once merges, shutdowns and dissolutions are carried out.
    pub after: usize,
}

/// Flag counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FlagCounts {
    /// All findings, waived or not.
    pub total: usize,
    /// Findings covered by a waiver.
    pub waived: usize,
    /// Findings per rule id.
    pub by_rule: BTreeMap<&'static str, usize>,
    /// Findings per severity code.
    pub by_severity: BTreeMap<&'static str, usize>,
}

/// One owner's share of the grassroots burden.
#[derive(Debug, Clone, Serialize)]
pub struct OwnerBurden {
    /// Owning unit (empty string when unknown).
    pub owner: String,
    /// Platforms it owns.
    pub platforms: usize,
    /// Platforms with an action other than keep.
    pub to_act_on: usize,
    /// Estimated grassroots minutes per month its platforms cost.
    pub burden_minutes_per_month: f64,
    /// Estimated minutes the recommended actions save.
    pub saved_minutes_per_month: f64,
}

/// One comparison family whose overlap join was coarser than configured: LSH buckets cut
/// to `bucket_cap`, or the memory budget spent (the audit also lists an
/// `overlap-degraded` problem for it).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DegradedJoin {
    /// Family code: apps, groups, forms (all in benchmarks).
    pub family: &'static str,
    /// LSH buckets larger than the cap that were cut to a window.
    pub capped_buckets: u64,
    /// Candidate pairs those cuts left out.
    pub skipped_candidates: u64,
    /// Whether the memory budget stopped the join early.
    pub pair_budget_hit: bool,
}

/// The summary object of `recommendations.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Platforms before → after over all kinds.
    pub platforms: BeforeAfter,
    /// Before → after per kind code.
    pub by_kind: BTreeMap<&'static str, BeforeAfter>,
    /// Platforms per level code (`unknown` when the level is missing).
    pub by_level: BTreeMap<&'static str, usize>,
    /// Platforms per action code.
    pub by_action: BTreeMap<&'static str, usize>,
    /// Estimated grassroots minutes per month all platforms cost now.
    pub burden_minutes_per_month: f64,
    /// Estimated minutes per month the recommended actions save.
    pub saved_minutes_per_month: f64,
    /// The same saving in cadre-hours (minutes / 60), rounded to 0.1.
    pub saved_cadre_hours_per_month: f64,
    /// The cadres (人次: one cadre in two groups counts twice) the saving rests on.
    pub saved_cadres: f64,
    /// Items to act on whose cadre count the inventory does not give (数据不足).
    pub no_data_items: usize,
    /// Flags.
    pub flags: FlagCounts,
    /// Overlap clusters.
    pub clusters: usize,
    /// Input problems.
    pub problems: usize,
    /// Follow-through of earlier recommendations, per state code (all zero without a
    /// registry).
    pub follow_ups: BTreeMap<&'static str, usize>,
    /// Owners whose platforms cost the most minutes per month, highest first.
    pub top_owners: Vec<OwnerBurden>,
    /// Families whose overlap join was coarser than configured (empty when exact or
    /// within every cap): some overlapping pairs may be missing. Left out of the JSON
    /// when empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub overlap_degraded: Vec<DegradedJoin>,
}

/// Rounds to one decimal, the precision every report prints minutes and hours with.
pub(crate) fn round1(x: f64) -> f64 {
    if x.is_finite() {
        (x * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// Whether an action retires the platform (it will not count in "after").
pub(crate) fn retires(action: Action) -> bool {
    matches!(action, Action::Merge | Action::Shutdown | Action::Dissolve)
}

/// Computes the summary in one pass over the platforms.
pub(crate) fn summarize(prep: &Prepared<'_>) -> Summary {
    let view = prep.view;
    let mut by_kind: BTreeMap<&'static str, BeforeAfter> = Kind::ALL
        .iter()
        .map(|k| (k.code(), BeforeAfter::default()))
        .collect();
    let mut by_level: BTreeMap<&'static str, usize> =
        Level::ALL.iter().map(|l| (l.code(), 0)).collect();
    by_level.insert("unknown", 0);
    let mut by_action: BTreeMap<&'static str, usize> =
        Action::ALL.iter().map(|a| (a.code(), 0)).collect();
    let mut platforms = BeforeAfter::default();
    let mut burden = 0.0;
    let mut saved = 0.0;
    let mut saved_cadres = 0.0;
    let mut no_data_items = 0;
    let mut owners: FxHashMap<&str, OwnerBurden> = FxHashMap::default();

    for (idx, platform) in view.platforms.iter().enumerate() {
        let rec = prep.rec(idx);
        let stays = !retires(rec.action);
        platforms.before += 1;
        let kind_counts = by_kind.entry(platform.kind.code()).or_default();
        kind_counts.before += 1;
        if stays {
            platforms.after += 1;
            kind_counts.after += 1;
        }
        *by_level
            .entry(platform.level.map_or("unknown", Level::code))
            .or_default() += 1;
        *by_action.entry(rec.action.code()).or_default() += 1;
        let b = finite(rec.burden_minutes_per_month);
        let s = finite(rec.saved_minutes_per_month);
        burden += b;
        saved += s;
        if s > 0.0 {
            saved_cadres += rec.cadres.map_or(0.0, finite);
        }
        if rec.action != Action::Keep && rec.cadres.is_none() {
            no_data_items += 1;
        }
        let owner = platform.owner.as_deref().unwrap_or("");
        let entry = owners.entry(owner).or_insert_with(|| OwnerBurden {
            owner: owner.to_string(),
            platforms: 0,
            to_act_on: 0,
            burden_minutes_per_month: 0.0,
            saved_minutes_per_month: 0.0,
        });
        entry.platforms += 1;
        if rec.action != Action::Keep {
            entry.to_act_on += 1;
        }
        entry.burden_minutes_per_month += b;
        entry.saved_minutes_per_month += s;
    }

    let mut flags = FlagCounts::default();
    for finding in &view.outcome.findings {
        flags.total += 1;
        if finding.waived.is_some() {
            flags.waived += 1;
        }
        *flags.by_rule.entry(finding.rule).or_default() += 1;
        *flags
            .by_severity
            .entry(finding.severity.code())
            .or_default() += 1;
    }
    for sev in [Severity::High, Severity::Medium, Severity::Low] {
        flags.by_severity.entry(sev.code()).or_default();
    }

    let mut follow_ups: BTreeMap<&'static str, usize> = [
        FollowStatus::Done,
        FollowStatus::Pending,
        FollowStatus::Overdue,
        FollowStatus::Rebounded,
    ]
    .iter()
    .map(|s| (s.code(), 0))
    .collect();
    for f in view.follow_ups {
        *follow_ups.entry(f.status.code()).or_default() += 1;
    }

    let mut top_owners: Vec<OwnerBurden> = owners
        .into_values()
        .filter(|o| !o.owner.is_empty())
        .collect();
    // Highest burden first; the owner name breaks ties so the order is deterministic.
    top_owners.sort_by(|a, b| {
        b.burden_minutes_per_month
            .total_cmp(&a.burden_minutes_per_month)
            .then_with(|| b.platforms.cmp(&a.platforms))
            .then_with(|| a.owner.cmp(&b.owner))
    });
    top_owners.truncate(TOP_OWNERS);
    for o in &mut top_owners {
        o.burden_minutes_per_month = round1(o.burden_minutes_per_month);
        o.saved_minutes_per_month = round1(o.saved_minutes_per_month);
    }

    Summary {
        platforms,
        by_kind,
        by_level,
        by_action,
        burden_minutes_per_month: round1(burden),
        saved_minutes_per_month: round1(saved),
        saved_cadre_hours_per_month: round1(saved / 60.0),
        saved_cadres: round1(saved_cadres),
        no_data_items,
        flags,
        clusters: prep.clusters.len(),
        problems: view.problems.len(),
        follow_ups,
        top_owners,
        overlap_degraded: view
            .overlap
            .degraded()
            .into_iter()
            .map(|(family, stats)| DegradedJoin {
                family: family.code(),
                capped_buckets: stats.capped_buckets,
                skipped_candidates: stats.skipped_candidates,
                pair_budget_hit: stats.pair_budget_hit,
            })
            .collect(),
    }
}

/// Treats NaN and infinities (which JSON cannot hold) as zero.
fn finite(x: f64) -> f64 {
    if x.is_finite() {
        x
    } else {
        0.0
    }
}

/// A figure as a headline reads it: 万 from ten thousand up (one decimal), else the
/// number with thousands separators and at most one decimal; English uses separators
/// only.
pub(crate) fn wan(x: f64, zh: bool) -> String {
    let x = finite(x);
    if zh && x.abs() >= 10_000.0 {
        return format!("{:.1}万", x / 10_000.0);
    }
    let tenths = (x * 10.0).round() as i64;
    let digits = (tenths.unsigned_abs() / 10).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if tenths % 10 != 0 {
        out.push_str(&format!(".{}", tenths.unsigned_abs() % 10));
    }
    if tenths < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod wan_tests {
    use super::wan;

    #[test]
    fn headline_figures_in_wan_and_with_separators() {
        assert_eq!(wan(3_600_986.6, true), "360.1万");
        assert_eq!(wan(9_876.4, true), "9,876.4");
        assert_eq!(wan(15.0, true), "15");
        assert_eq!(wan(-1_234.5, false), "-1,234.5");
        assert_eq!(wan(3_600_986.6, false), "3,600,986.6");
        assert_eq!(wan(f64::NAN, true), "0");
    }
}
