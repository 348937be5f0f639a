//! Lookups every format needs, computed once per report run: platforms in id order, the
//! recommendation and the findings of each platform, clusters with their shared tags,
//! and the summary. All of it is O(n log n) in the number of platforms.

use super::summary::{self, Summary};
use super::{AuditView, ReportOptions};
use crate::model::{Lang, Platform};
use crate::recommend::{Action, Assignees, Recommendation};
use crate::rules::Finding;

/// Marks "none" in the compact `u32` index tables below.
const NONE: u32 = u32::MAX;

/// A cluster as the reports show it: valid member indices in id order and the tags every
/// member shares.
#[derive(Debug, Clone)]
pub(crate) struct ClusterInfo<'a> {
    /// 1-based cluster number, the same in every format.
    pub number: usize,
    /// Target platform index.
    pub target: usize,
    /// Member indices including the target, in platform id order.
    pub members: Vec<usize>,
    /// Lowest similarity of a member to the target.
    pub similarity: f64,
    /// Function tags every member shares with the target.
    pub shared_functions: Vec<&'a str>,
    /// Data-field tags every member shares with the target.
    pub shared_data_fields: Vec<&'a str>,
}

/// The audit plus the lookups the formats share.
pub(crate) struct Prepared<'a> {
    /// The audit being reported.
    pub view: &'a AuditView<'a>,
    /// Row caps for the human-readable formats.
    pub options: &'a ReportOptions,
    /// Platform indices sorted by id.
    pub order: Vec<usize>,
    /// Platform index → recommendation index.
    rec_of: Vec<u32>,
    /// Stand-in for a platform the recommend stage left without a recommendation, so
    /// that every report still has exactly one item per platform.
    default_rec: Recommendation,
    /// Finding indices grouped by platform index (CSR layout with `finding_start`),
    /// each group sorted by rule id.
    finding_idx: Vec<usize>,
    /// Start of each platform's group in `finding_idx`; length platforms + 1.
    finding_start: Vec<usize>,
    /// Clusters, numbered from 1.
    pub clusters: Vec<ClusterInfo<'a>>,
    /// Platform index → position in `clusters` of the first cluster containing it.
    cluster_of: Vec<u32>,
    /// The summary, shared by every format.
    pub summary: Summary,
}

impl<'a> Prepared<'a> {
    /// Builds the lookups and the summary.
    pub(crate) fn new(view: &'a AuditView<'a>, options: &'a ReportOptions) -> Prepared<'a> {
        let platforms = view.platforms;
        let n = platforms.len();

        let mut order: Vec<usize> = (0..n).collect();
        if !platforms.windows(2).all(|w| w[0].id <= w[1].id) {
            order.sort_by(|&a, &b| platforms[a].id.cmp(&platforms[b].id).then(a.cmp(&b)));
        }

        let mut rec_of = vec![NONE; n];
        for (rec_idx, rec) in view.recommendations.iter().enumerate() {
            if let Some(slot) = rec_of.get_mut(rec.platform) {
                // The first recommendation for a platform wins; duplicates are ignored.
                if *slot == NONE {
                    *slot = u32::try_from(rec_idx).unwrap_or(NONE);
                }
            }
        }

        let findings = &view.outcome.findings;
        let mut finding_start = vec![0usize; n + 1];
        for f in findings {
            if f.platform < n {
                finding_start[f.platform + 1] += 1;
            }
        }
        for i in 0..n {
            finding_start[i + 1] += finding_start[i];
        }
        let mut fill = finding_start.clone();
        let mut finding_idx = vec![0usize; finding_start[n]];
        for (fi, f) in findings.iter().enumerate() {
            if f.platform < n {
                finding_idx[fill[f.platform]] = fi;
                fill[f.platform] += 1;
            }
        }
        for p in 0..n {
            let group = &mut finding_idx[finding_start[p]..finding_start[p + 1]];
            if group.len() > 1 {
                group.sort_by(|&a, &b| findings[a].rule.cmp(findings[b].rule).then(a.cmp(&b)));
            }
        }

        let mut clusters = Vec::with_capacity(view.overlap.clusters.len());
        let mut cluster_of = vec![NONE; n];
        for cluster in &view.overlap.clusters {
            let Some(target) = platforms.get(cluster.target) else {
                continue;
            };
            let mut members: Vec<usize> =
                cluster.members.iter().copied().filter(|&m| m < n).collect();
            if !members.contains(&cluster.target) {
                members.push(cluster.target);
            }
            members.sort_by(|&a, &b| platforms[a].id.cmp(&platforms[b].id).then(a.cmp(&b)));
            members.dedup();
            let shared_functions =
                shared_tags(&target.functions, &members, platforms, |p| &p.functions);
            let shared_data_fields =
                shared_tags(&target.data_fields, &members, platforms, |p| &p.data_fields);
            let pos = u32::try_from(clusters.len()).unwrap_or(NONE);
            for &m in &members {
                if cluster_of[m] == NONE {
                    cluster_of[m] = pos;
                }
            }
            clusters.push(ClusterInfo {
                number: clusters.len() + 1,
                target: cluster.target,
                members,
                similarity: cluster.similarity,
                shared_functions,
                shared_data_fields,
            });
        }

        let mut prep = Prepared {
            view,
            options,
            order,
            rec_of,
            default_rec: Recommendation {
                platform: 0,
                action: Action::Keep,
                into: None,
                rules: Vec::new(),
                reasons: Vec::new(),
                assignees: Assignees::default(),
                deadline: None,
                burden_minutes_per_month: 0.0,
                saved_minutes_per_month: 0.0,
                cadres: None,
                disposition: Default::default(),
            },
            finding_idx,
            finding_start,
            clusters,
            cluster_of,
            summary: placeholder_summary(),
        };
        prep.summary = summary::summarize(&prep);
        prep
    }

    /// The report language.
    pub(crate) fn lang(&self) -> Lang {
        self.view.lang
    }

    /// The platform at `idx`.
    pub(crate) fn platform(&self, idx: usize) -> &'a Platform {
        &self.view.platforms[idx]
    }

    /// The recommendation for platform `idx` (a keep stand-in if the stage gave none).
    pub(crate) fn rec(&self, idx: usize) -> &Recommendation {
        match self.rec_of.get(idx) {
            Some(&r) if r != NONE => &self.view.recommendations[r as usize],
            _ => &self.default_rec,
        }
    }

    /// The merge target of platform `idx`, if it is a valid platform index.
    pub(crate) fn merge_target(&self, idx: usize) -> Option<&'a Platform> {
        self.rec(idx).into.and_then(|t| self.view.platforms.get(t))
    }

    /// Findings of platform `idx`, sorted by rule id.
    pub(crate) fn findings_of(&self, idx: usize) -> impl Iterator<Item = &'a Finding> + '_ {
        let findings = &self.view.outcome.findings;
        let range = match (self.finding_start.get(idx), self.finding_start.get(idx + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        };
        self.finding_idx[range].iter().map(move |&fi| &findings[fi])
    }

    /// Every finding, in platform id order then rule order.
    pub(crate) fn findings_in_order(&self) -> impl Iterator<Item = &'a Finding> + '_ {
        self.order
            .iter()
            .flat_map(move |&idx| self.findings_of(idx))
    }

    /// The cluster containing platform `idx`, if any.
    pub(crate) fn cluster_of(&self, idx: usize) -> Option<&ClusterInfo<'a>> {
        match self.cluster_of.get(idx) {
            Some(&c) if c != NONE => self.clusters.get(c as usize),
            _ => None,
        }
    }

    /// Platforms to list in a capped human-readable table: all of them in id order when
    /// they fit, else those with an action other than keep (then those with findings),
    /// up to the cap. Returns the rows and how many rows the full list would have.
    pub(crate) fn table_rows(&self, cap: usize) -> (Vec<usize>, usize) {
        let n = self.order.len();
        if n <= cap {
            return (self.order.clone(), n);
        }
        let mut rows: Vec<usize> = self
            .order
            .iter()
            .copied()
            .filter(|&i| self.rec(i).action != Action::Keep)
            .take(cap)
            .collect();
        if rows.len() < cap {
            let extra: Vec<usize> = self
                .order
                .iter()
                .copied()
                .filter(|&i| {
                    self.rec(i).action == Action::Keep && self.findings_of(i).next().is_some()
                })
                .take(cap - rows.len())
                .collect();
            rows.extend(extra);
            let pos_of = |i: &usize| self.view.platforms[*i].id.as_str();
            rows.sort_by(|a, b| pos_of(a).cmp(pos_of(b)).then(a.cmp(b)));
        }
        (rows, n)
    }

    /// "name（id）" for platform `idx`, as reasons and measures cite a platform.
    pub(crate) fn label(&self, idx: usize) -> String {
        let p = self.platform(idx);
        format!("{}（{}）", p.name, p.id)
    }

    /// Rounds a platform's minutes the way the summary does.
    pub(crate) fn minutes(x: f64) -> f64 {
        summary::round1(x)
    }
}

/// Tags of the target that every member also has, sorted and deduplicated.
fn shared_tags<'a>(
    target_tags: &'a [String],
    members: &[usize],
    platforms: &'a [Platform],
    tags_of: impl Fn(&'a Platform) -> &'a Vec<String>,
) -> Vec<&'a str> {
    let mut shared: Vec<&str> = target_tags.iter().map(String::as_str).collect();
    shared.sort_unstable();
    shared.dedup();
    for &m in members {
        let tags = tags_of(&platforms[m]);
        shared.retain(|t| tags.iter().any(|x| x == t));
    }
    shared
}

/// An empty summary, replaced as soon as the lookups it needs exist.
fn placeholder_summary() -> Summary {
    Summary {
        platforms: Default::default(),
        by_kind: Default::default(),
        by_level: Default::default(),
        by_action: Default::default(),
        burden_minutes_per_month: 0.0,
        saved_minutes_per_month: 0.0,
        saved_cadre_hours_per_month: 0.0,
        saved_cadres: 0.0,
        no_data_items: 0,
        flags: Default::default(),
        clusters: 0,
        problems: 0,
        follow_ups: Default::default(),
        top_owners: Vec::new(),
        overlap_degraded: Vec::new(),
    }
}

#[cfg(test)]
mod tests {

    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Kind, Msg};
    use crate::overlap::{Cluster, Overlap};
    use crate::rules::{RuleOutcome, Severity};

    fn platform(id: &str, functions: &[&str]) -> Platform {
        Platform {
            id: id.into(),
            name: format!("平台{id}"),
            kind: Kind::App,
            functions: functions.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    fn finding(platform: usize, rule: &'static str) -> Finding {
        Finding {
            platform,
            rule,
            severity: Severity::Low,
            message: Msg::new("x", "x"),
            evidence: Vec::new(),
            waived: None,
        }
    }

    /// Inconsistent input from earlier stages (unsorted platforms, a platform without a
    /// recommendation, duplicates, out-of-range indices) still gives one row per
    /// platform in id order and never panics.
    #[test]
    fn tolerates_inconsistent_stage_output() {
        let platforms = vec![
            platform("B", &["打卡签到", "在线办事"]),
            platform("A", &["在线办事", "打卡签到", "积分"]),
            platform("C", &["在线办事"]),
        ];
        let mut merge = Recommendation {
            platform: 0,
            action: Action::Merge,
            into: None,
            rules: vec!["duplicate-app"],
            reasons: Vec::new(),
            assignees: Assignees::default(),
            deadline: None,
            burden_minutes_per_month: f64::NAN,
            saved_minutes_per_month: 10.0,
            cadres: Some(2.0),
            disposition: Default::default(),
        };
        let duplicate = Recommendation {
            action: Action::Shutdown,
            ..merge.clone()
        };
        let stray = Recommendation {
            platform: 7,
            action: Action::Keep,
            ..merge.clone()
        };
        merge.into = Some(99);
        let recommendations = vec![merge, duplicate, stray];
        let overlap = Overlap {
            pairs: Vec::new(),
            clusters: vec![
                Cluster {
                    target: 1,
                    members: vec![0, 1, 42],
                    similarity: 0.9,
                },
                Cluster {
                    target: 50,
                    members: vec![0],
                    similarity: 0.9,
                },
            ],
            ..Overlap::default()
        };
        let outcome = RuleOutcome {
            findings: vec![finding(0, "b-rule"), finding(9, "x"), finding(0, "a-rule")],
            coverage: Vec::new(),
        };
        let view = AuditView {
            as_of: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
            lang: Lang::Zh,
            platforms: &platforms,
            documents: &[],
            overlap: &overlap,
            outcome: &outcome,
            recommendations: &recommendations,
            problems: &[],
            follow_ups: &[],
            forms: None,
        };
        let options = ReportOptions::default();
        let prep = Prepared::new(&view, &options);
        assert_eq!(prep.order, vec![1, 0, 2], "id order A, B, C");
        assert_eq!(
            prep.rec(0).action,
            Action::Merge,
            "first recommendation wins"
        );
        assert_eq!(prep.rec(2).action, Action::Keep, "missing one becomes keep");
        assert!(
            prep.merge_target(0).is_none(),
            "out-of-range target dropped"
        );
        let rules: Vec<&str> = prep.findings_of(0).map(|f| f.rule).collect();
        assert_eq!(rules, ["a-rule", "b-rule"]);
        assert_eq!(
            prep.findings_in_order().count(),
            2,
            "finding for platform 9 ignored"
        );
        assert_eq!(
            prep.clusters.len(),
            1,
            "cluster with a missing target skipped"
        );
        assert_eq!(prep.clusters[0].members, vec![1, 0]);
        assert_eq!(prep.clusters[0].shared_functions, ["在线办事", "打卡签到"]);
        assert_eq!(prep.cluster_of(0).map(|c| c.number), Some(1));
        assert_eq!(prep.summary.platforms.before, 3);
        assert_eq!(prep.summary.platforms.after, 2);
        assert_eq!(
            prep.summary.burden_minutes_per_month, 0.0,
            "NaN counted as zero"
        );
        assert_eq!(prep.summary.saved_minutes_per_month, 10.0);
    }
}
