//! Follow-through (跟踪问效): how each earlier non-keep recommendation stands at a later
//! audit — done, pending, overdue, or rebounded (反弹: a shut-down or merged platform
//! came back, under its own id or as a new platform with a similar name or functions).
//!
//! Deadlines that hold: [`hold_deadlines`] keeps a recommendation's first deadline while
//! its action (and merge target) is unchanged; overdue items carry their days overdue and
//! an [`Escalation`] level; [`recommend_rebounds`] turns a rebound into a fresh shutdown
//! (解散 for a group) that cites the original recommendation.
//!
//! Pure: the registry supplies earlier recommendations and the current state.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::{Action, FollowStatus, FollowUp, Recommendation};
use crate::model::{Kind, Msg, Platform};
use crate::normalize::names::{name_similarity, owner_key};

/// An earlier recommendation, as saved with its audit.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierRecommendation {
    /// Registry id of the platform.
    pub platform_id: String,
    /// Its name when recommended.
    pub name: String,
    /// Its owner when recommended.
    pub owner: Option<String>,
    /// Its kind.
    pub kind: Kind,
    /// Its function tags when recommended.
    pub functions: Vec<String>,
    /// The action recommended (keep is ignored).
    pub action: Action,
    /// Merge target id.
    pub into: Option<String>,
    /// Rules that supported the action.
    pub rules: Vec<String>,
    /// Audit date of the recommendation.
    pub recommended_on: NaiveDate,
    /// Deadline.
    pub deadline: Option<NaiveDate>,
}

use crate::rules::catalog::graver_forms;

/// Whether a platform is still seen by its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Seen.
    Active,
    /// Absent from the last complete run(s).
    Missing,
    /// Absent long enough to be retired.
    Retired,
}

/// A platform as it stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformState {
    /// Registry id.
    pub id: String,
    /// Current name.
    pub name: String,
    /// Current owner.
    pub owner: Option<String>,
    /// Kind.
    pub kind: Kind,
    /// Function tags.
    pub functions: Vec<String>,
    /// Presence.
    pub presence: Presence,
    /// Date the registry first saw it.
    pub first_seen: NaiveDate,
    /// Latest date it reappeared after being missing or retired.
    pub reappeared_on: Option<NaiveDate>,
    /// Rules firing on it now (not waived).
    pub fired_rules: Vec<String>,
}

/// Thresholds for rebound detection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FollowSettings {
    /// Name similarity (with the same owner) from which a new platform counts as the
    /// old one come back.
    pub name_similarity: f64,
    /// Jaccard similarity of function tags (same kind) from which it counts as well.
    pub function_jaccard: f64,
    /// Minimum number of function tags for the Jaccard test to apply.
    pub min_functions: usize,
}

impl Default for FollowSettings {
    fn default() -> Self {
        FollowSettings {
            name_similarity: 0.8,
            function_jaccard: 0.7,
            min_functions: 3,
        }
    }
}

fn jaccard(a: &BTreeSet<&str>, b: &BTreeSet<&str>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn removes_platform(action: Action) -> bool {
    matches!(action, Action::Merge | Action::Shutdown | Action::Dissolve)
}

/// Classifies each earlier non-keep recommendation against the current state, sorted
/// by platform id. `current` holds every platform of the registry, retired included.
///
/// Cost: one pass over `current` to build indexes of platforms new since the earliest
/// recommendation, then per recommendation only the new platforms sharing its owner or
/// a function tag are compared.
pub fn follow_through(
    earlier: &[EarlierRecommendation],
    current: &[PlatformState],
    as_of: NaiveDate,
    settings: &FollowSettings,
) -> Vec<FollowUp> {
    let by_id: HashMap<&str, &PlatformState> = current.iter().map(|p| (p.id.as_str(), p)).collect();
    let earliest = earlier
        .iter()
        .filter(|e| e.action != Action::Keep)
        .map(|e| e.recommended_on)
        .min();
    // Platforms first seen after the earliest recommendation: the only ones that can be
    // a comeback.
    let mut new_by_owner: HashMap<String, Vec<&PlatformState>> = HashMap::new();
    let mut new_by_tag: HashMap<&str, Vec<&PlatformState>> = HashMap::new();
    if let Some(earliest) = earliest {
        for p in current
            .iter()
            .filter(|p| p.first_seen > earliest && p.presence == Presence::Active)
        {
            if let Some(owner) = p.owner.as_deref().map(owner_key).filter(|o| !o.is_empty()) {
                new_by_owner.entry(owner).or_default().push(p);
            }
            for f in &p.functions {
                new_by_tag.entry(f.as_str()).or_default().push(p);
            }
        }
    }
    let mut out = Vec::new();
    for e in earlier.iter().filter(|e| e.action != Action::Keep) {
        let now = by_id.get(e.platform_id.as_str()).copied();
        let gone = now.is_none_or(|p| p.presence != Presence::Active);
        let mut rebound_as = None;
        let (status, note) = if removes_platform(e.action) {
            if let Some(p) = now.filter(|p| {
                p.presence == Presence::Active
                    && p.reappeared_on.is_some_and(|d| d > e.recommended_on)
            }) {
                let d = p.reappeared_on.unwrap_or(e.recommended_on);
                rebound_as = Some(p.id.clone());
                (
                    FollowStatus::Rebounded,
                    Msg::new(
                        format!("已下线后于 {d} 重新出现（现名“{}”）", p.name),
                        format!(
                            "went offline and reappeared on {d} (now named “{}”)",
                            p.name
                        ),
                    ),
                )
            } else if gone {
                match comeback(e, &new_by_owner, &new_by_tag, settings) {
                    Some((p, why_zh, why_en)) => {
                        rebound_as = Some(p.id.clone());
                        (
                        FollowStatus::Rebounded,
                        Msg::new(
                            format!("已下线，但新平台 {}“{}”{}，疑为换名反弹", p.id, p.name, why_zh),
                            format!(
                                "went offline, but new platform {} “{}” {}: likely the same one back under a new name",
                                p.id, p.name, why_en
                            ),
                        ),
                    )
                    }
                    None => (
                        FollowStatus::Done,
                        Msg::new(
                            format!("已{}：登记库中该平台已下线", e.action.label_zh()),
                            format!(
                                "carried out: the platform is gone from the registry ({})",
                                e.action.code()
                            ),
                        ),
                    ),
                }
            } else {
                not_done(e, as_of)
            }
        } else if gone {
            (
                FollowStatus::Done,
                Msg::new(
                    "平台已下线，整改事项随之了结",
                    "the platform is gone, so the rectification is moot",
                ),
            )
        } else {
            let fired: BTreeSet<&str> = now
                .map(|p| p.fired_rules.iter().map(String::as_str).collect())
                .unwrap_or_default();
            // A rule counts as still firing when it, or a graver rule on the same practice
            // (a stale account that has since become a zombie), fires now.
            let mut still: Vec<&str> = e
                .rules
                .iter()
                .flat_map(|r| std::iter::once(r.as_str()).chain(graver_forms(r).iter().copied()))
                .filter(|r| fired.contains(r))
                .collect();
            still.sort_unstable();
            still.dedup();
            if still.is_empty() {
                (
                    FollowStatus::Done,
                    Msg::new(
                        format!(
                            "已整改：{} 不再触发",
                            e.rules
                                .iter()
                                .map(|r| format!("“{}”", crate::rules::catalog::name_zh(r)))
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                        format!("rectified: rule(s) {} no longer fire", e.rules.join(", ")),
                    ),
                )
            } else {
                let (status, mut note) = not_done(e, as_of);
                let names: Vec<String> = still
                    .iter()
                    .map(|r| format!("“{}”", crate::rules::catalog::name_zh(r)))
                    .collect();
                note.zh.push_str(&format!("；仍触发 {}", names.join("、")));
                note.en
                    .push_str(&format!("; still fires {}", still.join(", ")));
                (status, note)
            }
        };
        out.push(FollowUp {
            platform_id: e.platform_id.clone(),
            name: e.name.clone(),
            action: e.action,
            recommended_on: e.recommended_on,
            deadline: e.deadline,
            overdue_days: match status {
                FollowStatus::Overdue => overdue_days(e.deadline, as_of),
                _ => None,
            },
            status,
            note,
            rebound_as,
        });
    }
    out.sort_by(|a, b| (&a.platform_id, a.recommended_on).cmp(&(&b.platform_id, b.recommended_on)));
    out
}

fn not_done(e: &EarlierRecommendation, as_of: NaiveDate) -> (FollowStatus, Msg) {
    match (overdue_days(e.deadline, as_of), e.deadline) {
        (Some(days), Some(d)) => {
            let level = Escalation::for_days(days);
            (
                FollowStatus::Overdue,
                Msg::new(
                    format!(
                        "逾期 {days} 天未{}（期限 {d}），{}",
                        e.action.label_zh(),
                        level.label_zh()
                    ),
                    format!(
                        "overdue by {days} days: not {} by {d}; {}",
                        e.action.code(),
                        level.label_en()
                    ),
                ),
            )
        }
        (_, Some(d)) => (
            FollowStatus::Pending,
            Msg::new(
                format!("尚未{}，期限 {d}", e.action.label_zh()),
                format!("not yet {}, due {d}", e.action.code()),
            ),
        ),
        (_, None) => (
            FollowStatus::Pending,
            Msg::new(
                format!("尚未{}", e.action.label_zh()),
                format!("not yet {}", e.action.code()),
            ),
        ),
    }
}

/// Days from the deadline to the audit date, when the deadline has passed.
pub fn overdue_days(deadline: Option<NaiveDate>, as_of: NaiveDate) -> Option<u32> {
    let days = (as_of - deadline?).num_days();
    u32::try_from(days).ok().filter(|d| *d > 0)
}

/// How far an overdue recommendation has been escalated: 催办 up to 30 days overdue,
/// 督办 up to 60, then 通报约谈 (reported up, the responsible units summoned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Escalation {
    /// Level 1, 催办: a reminder to the assignees.
    Remind = 1,
    /// Level 2, 督办: a supervision order with a new date.
    Supervise = 2,
    /// Level 3, 通报约谈: reported to the task force, the units summoned.
    Summon = 3,
}

impl Escalation {
    /// The level for a number of days overdue (at least one).
    pub fn for_days(days: u32) -> Escalation {
        match days {
            0..=30 => Escalation::Remind,
            31..=60 => Escalation::Supervise,
            _ => Escalation::Summon,
        }
    }

    /// The level number, 1 to 3.
    pub fn level(self) -> u8 {
        self as u8
    }

    /// Chinese label with the level number.
    pub fn label_zh(self) -> &'static str {
        match self {
            Escalation::Remind => "一级催办",
            Escalation::Supervise => "二级督办",
            Escalation::Summon => "三级通报约谈",
        }
    }

    /// English label with the level number.
    pub fn label_en(self) -> &'static str {
        match self {
            Escalation::Remind => "level 1: reminder",
            Escalation::Supervise => "level 2: supervision order",
            Escalation::Summon => "level 3: reported and units summoned",
        }
    }
}

/// The id of each recommendation's platform and of its merge target.
fn rec_ids<'p>(
    rec: &Recommendation,
    platforms: &'p [Platform],
) -> Option<(&'p str, Option<&'p str>)> {
    let id = platforms.get(rec.platform)?.id.as_str();
    let into = rec
        .into
        .and_then(|i| platforms.get(i))
        .map(|t| t.id.as_str());
    Some((id, into))
}

/// Keeps each recommendation's first deadline while its action is unchanged: where the
/// platform's latest earlier recommendation had the same action (and, for a merge, the
/// same target) and a deadline, that deadline replaces the one computed now. A rebound
/// (see [`recommend_rebounds`]) starts afresh. Returns, by platform index, the date the
/// held recommendation was first made.
pub fn hold_deadlines(
    recommendations: &mut [Recommendation],
    platforms: &[Platform],
    earlier: &[EarlierRecommendation],
    follow_ups: &[FollowUp],
) -> HashMap<usize, NaiveDate> {
    let by_id: HashMap<&str, &EarlierRecommendation> = earlier
        .iter()
        .map(|e| (e.platform_id.as_str(), e))
        .collect();
    let rebounded: BTreeSet<&str> = follow_ups
        .iter()
        .filter(|f| f.status == FollowStatus::Rebounded)
        .filter_map(|f| f.rebound_as.as_deref())
        .collect();
    let mut first = HashMap::new();
    for rec in recommendations.iter_mut() {
        if rec.action == Action::Keep {
            continue;
        }
        let Some((id, into)) = rec_ids(rec, platforms) else {
            continue;
        };
        if rebounded.contains(id) {
            continue;
        }
        let Some(e) = by_id.get(id) else {
            continue;
        };
        if e.action == rec.action && e.into.as_deref() == into {
            if let Some(d) = e.deadline {
                rec.deadline = Some(d);
                first.insert(rec.platform, e.recommended_on);
            }
        }
    }
    first
}

/// Turns each rebound into a recommendation to shut the platform down (to dissolve a
/// group) within `days` of `as_of`, with a first reason that cites the original
/// recommendation: its date, action, rules and deadline, and how it came back.
pub fn recommend_rebounds(
    recommendations: &mut [Recommendation],
    platforms: &[Platform],
    earlier: &[EarlierRecommendation],
    follow_ups: &[FollowUp],
    as_of: NaiveDate,
    days: u32,
) {
    let by_rebound: HashMap<&str, &FollowUp> = follow_ups
        .iter()
        .filter(|f| f.status == FollowStatus::Rebounded)
        .filter_map(|f| Some((f.rebound_as.as_deref()?, f)))
        .collect();
    let earlier_by_id: HashMap<&str, &EarlierRecommendation> = earlier
        .iter()
        .map(|e| (e.platform_id.as_str(), e))
        .collect();
    for rec in recommendations.iter_mut() {
        let Some(p) = platforms.get(rec.platform) else {
            continue;
        };
        let Some(f) = by_rebound.get(p.id.as_str()) else {
            continue;
        };
        let original = earlier_by_id.get(f.platform_id.as_str());
        let rules = original.map(|e| e.rules.join("、")).unwrap_or_default();
        let deadline = f
            .deadline
            .map(|d| d.to_string())
            .unwrap_or_else(|| "未定".to_string());
        rec.action = if p.kind == Kind::Group {
            Action::Dissolve
        } else {
            Action::Shutdown
        };
        rec.into = None;
        rec.deadline = as_of.checked_add_days(chrono::Days::new(u64::from(days)));
        let reason = Msg::new(
            format!(
                "反弹：{} 审计已建议{} {}“{}”（依据 {}，期限 {}），{}；应再次{}",
                f.recommended_on,
                f.action.label_zh(),
                f.platform_id,
                f.name,
                if rules.is_empty() { "无" } else { &rules },
                deadline,
                f.note.zh,
                rec.action.label_zh()
            ),
            format!(
                "rebound: the audit of {} recommended to {} {} “{}” (rules {}, due {}); {}; it must be {} again",
                f.recommended_on,
                f.action.code(),
                f.platform_id,
                f.name,
                if rules.is_empty() { "none".to_string() } else { rules.replace('、', ", ") },
                f.deadline.map(|d| d.to_string()).unwrap_or_else(|| "none".into()),
                f.note.en,
                rec.action.code()
            ),
        );
        rec.reasons.insert(0, reason);
    }
}

fn same_family(a: Kind, b: Kind) -> bool {
    let family = |k: Kind| match k {
        Kind::App | Kind::MiniProgram | Kind::Platform => 0,
        Kind::Account => 1,
        Kind::Group => 2,
        Kind::Form => 3,
        Kind::Website => 4,
    };
    family(a) == family(b)
}

/// The best new platform that looks like `e` come back, with the reason in both
/// languages.
fn comeback<'a>(
    e: &EarlierRecommendation,
    new_by_owner: &HashMap<String, Vec<&'a PlatformState>>,
    new_by_tag: &HashMap<&str, Vec<&'a PlatformState>>,
    settings: &FollowSettings,
) -> Option<(&'a PlatformState, String, String)> {
    let mut best: Option<(f64, &'a PlatformState, String, String)> = None;
    let mut consider = |score: f64, p: &'a PlatformState, zh: String, en: String| {
        let better = match &best {
            None => true,
            Some((s, q, _, _)) => score > *s || (score == *s && p.id < q.id),
        };
        if better {
            best = Some((score, p, zh, en));
        }
    };
    let candidates_new =
        |p: &&&PlatformState| -> bool { p.first_seen > e.recommended_on && p.id != e.platform_id };
    if let Some(owner) = e.owner.as_deref().map(owner_key).filter(|o| !o.is_empty()) {
        for p in new_by_owner
            .get(&owner)
            .into_iter()
            .flatten()
            .filter(candidates_new)
        {
            if !same_family(p.kind, e.kind) {
                continue;
            }
            let s = name_similarity(&e.name, &p.name);
            if s >= settings.name_similarity {
                consider(
                    s,
                    p,
                    format!("与之同属一个主管单位且名称相似度 {s:.2}"),
                    format!("has the same owner and a name similarity of {s:.2}"),
                );
            }
        }
    }
    let tags: BTreeSet<&str> = e.functions.iter().map(String::as_str).collect();
    if tags.len() >= settings.min_functions {
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for t in &tags {
            for p in new_by_tag
                .get(t)
                .into_iter()
                .flatten()
                .filter(candidates_new)
            {
                if !seen.insert(p.id.as_str()) || p.kind != e.kind {
                    continue;
                }
                let theirs: BTreeSet<&str> = p.functions.iter().map(String::as_str).collect();
                let j = jaccard(&tags, &theirs);
                if j >= settings.function_jaccard {
                    consider(
                        j,
                        p,
                        format!("与之功能重合度（Jaccard）{j:.2}"),
                        format!("shares its functions (Jaccard {j:.2})"),
                    );
                }
            }
        }
    }
    best.map(|(_, p, zh, en)| (p, zh, en))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn rec(id: &str, name: &str, action: Action, deadline: &str) -> EarlierRecommendation {
        EarlierRecommendation {
            platform_id: id.into(),
            name: name.into(),
            owner: Some("城区人社局".into()),
            kind: Kind::App,
            functions: vec!["社保查询".into(), "养老认证".into(), "缴费".into()],
            action,
            into: None,
            rules: vec!["zombie-app".into()],
            recommended_on: d("2026-01-01"),
            deadline: Some(d(deadline)),
        }
    }

    fn state(id: &str, name: &str, presence: Presence, first_seen: &str) -> PlatformState {
        PlatformState {
            id: id.into(),
            name: name.into(),
            owner: Some("城区人社局".into()),
            kind: Kind::App,
            functions: vec![],
            presence,
            first_seen: d(first_seen),
            reappeared_on: None,
            fired_rules: vec![],
        }
    }

    #[test]
    fn staged_scenario() {
        let earlier = vec![
            rec("A", "城区社保通", Action::Shutdown, "2026-02-01"),
            rec("B", "城区医保掌上办", Action::Shutdown, "2026-02-01"),
            rec("C", "城区养老认证", Action::Shutdown, "2026-12-01"),
            rec("D", "城区就业服务", Action::Shutdown, "2026-02-01"),
            rec("E", "城区打卡平台", Action::Rectify, "2026-02-01"),
            rec("F", "城区旧平台", Action::Merge, "2026-02-01"),
            rec("K", "城区保留", Action::Keep, "2026-02-01"),
        ];
        let mut reappeared = state("D", "城区就业服务", Presence::Active, "2025-06-01");
        reappeared.reappeared_on = Some(d("2026-03-01"));
        let mut e_now = state("E", "城区打卡平台", Presence::Active, "2025-06-01");
        e_now.fired_rules = vec!["app-forced-checkin".into()];
        let current = vec![
            state("A", "城区社保通", Presence::Retired, "2025-06-01"),
            state("B", "城区医保掌上办", Presence::Active, "2025-06-01"),
            state("C", "城区养老认证", Presence::Active, "2025-06-01"),
            reappeared,
            e_now,
            state("F", "城区旧平台", Presence::Missing, "2025-06-01"),
            state("N", "城区旧平台（新版）", Presence::Active, "2026-03-15"),
        ];
        let out = follow_through(
            &earlier,
            &current,
            d("2026-04-01"),
            &FollowSettings::default(),
        );
        let status: Vec<(&str, FollowStatus)> = out
            .iter()
            .map(|f| (f.platform_id.as_str(), f.status))
            .collect();
        assert_eq!(
            status,
            vec![
                ("A", FollowStatus::Done),
                ("B", FollowStatus::Overdue),
                ("C", FollowStatus::Pending),
                ("D", FollowStatus::Rebounded),
                ("E", FollowStatus::Done),
                ("F", FollowStatus::Rebounded),
            ]
        );
        let f = out.iter().find(|f| f.platform_id == "F").unwrap();
        assert!(f.note.zh.contains("N"), "{}", f.note.zh);
    }

    #[test]
    fn function_overlap_rebound_and_rectify_overdue() {
        let mut e = rec("A", "甲系统", Action::Shutdown, "2026-02-01");
        e.owner = Some("甲局".into());
        let mut r = rec("R", "打卡", Action::Rectify, "2026-02-01");
        r.rules = vec!["app-forced-checkin".into()];
        let mut n = state("Z", "完全不同的名字", Presence::Active, "2026-02-10");
        n.owner = Some("乙局".into());
        n.functions = vec!["社保查询".into(), "养老认证".into(), "缴费".into()];
        let mut r_now = state("R", "打卡", Presence::Active, "2025-01-01");
        r_now.fired_rules = vec!["app-forced-checkin".into()];
        let current = vec![
            state("A", "甲系统", Presence::Retired, "2025-01-01"),
            n,
            r_now,
        ];
        let out = follow_through(
            &[e, r],
            &current,
            d("2026-03-01"),
            &FollowSettings::default(),
        );
        assert_eq!(out[0].status, FollowStatus::Rebounded);
        assert!(out[0].note.zh.contains("Z"));
        assert_eq!(out[1].status, FollowStatus::Overdue);
        // The Chinese note names the rule in Chinese, the English one by id.
        assert!(
            out[1].note.zh.contains("政务应用程序设置打卡签到"),
            "{:?}",
            out[1].note
        );
        assert!(out[1].note.en.contains("app-forced-checkin"));
    }

    #[test]
    fn a_stale_account_that_became_a_zombie_was_not_rectified() {
        let mut r = rec("C", "城区发布", Action::Rectify, "2026-02-01");
        r.rules = vec!["account-stale-14d".into()];
        let mut now = state("C", "城区发布", Presence::Active, "2025-01-01");
        now.fired_rules = vec!["zombie-account".into()];
        let out = follow_through(&[r], &[now], d("2026-03-01"), &FollowSettings::default());
        assert_eq!(out[0].status, FollowStatus::Overdue);
        assert!(
            out[0].note.zh.contains("确属无力维护的要坚决关停")
                && out[0].note.en.contains("zombie-account"),
            "{:?}",
            out[0].note
        );
    }

    fn recommendation(platform: usize, action: Action, deadline: &str) -> Recommendation {
        Recommendation {
            platform,
            action,
            into: None,
            rules: vec!["zombie-app"],
            reasons: vec![],
            assignees: Default::default(),
            deadline: Some(d(deadline)),
            burden_minutes_per_month: 0.0,
            saved_minutes_per_month: 0.0,
            cadres: None,
            disposition: Default::default(),
        }
    }

    fn platform(id: &str, kind: Kind) -> Platform {
        Platform {
            id: id.into(),
            name: id.into(),
            kind,
            ..Platform::default()
        }
    }

    /// Issue 15 item 6: the first deadline holds while the action is unchanged; a
    /// changed action gets the new one; a rebound starts afresh as a shutdown citing the
    /// original recommendation.
    #[test]
    fn deadlines_hold_and_rebounds_are_shut_down_again() {
        let platforms = vec![
            platform("A", Kind::App),
            platform("B", Kind::App),
            platform("G", Kind::Group),
        ];
        let earlier = vec![
            rec("A", "城区社保通", Action::Shutdown, "2026-02-01"),
            rec("B", "城区医保", Action::Merge, "2026-02-01"),
            rec("G", "迎检群", Action::Dissolve, "2026-02-01"),
        ];
        let mut recs = vec![
            recommendation(0, Action::Shutdown, "2026-05-01"),
            recommendation(1, Action::Rectify, "2026-05-01"),
            recommendation(2, Action::Keep, "2026-05-01"),
        ];
        recs[2].deadline = None;
        let follow = vec![FollowUp {
            platform_id: "G".into(),
            name: "迎检群".into(),
            action: Action::Dissolve,
            recommended_on: d("2026-01-01"),
            deadline: Some(d("2026-02-01")),
            status: FollowStatus::Rebounded,
            note: Msg::new("已下线后于 2026-03-01 重新出现", "came back"),
            overdue_days: None,
            rebound_as: Some("G".into()),
        }];
        recommend_rebounds(
            &mut recs,
            &platforms,
            &earlier,
            &follow,
            d("2026-04-01"),
            30,
        );
        let first = hold_deadlines(&mut recs, &platforms, &earlier, &follow);
        assert_eq!(recs[0].deadline, Some(d("2026-02-01")));
        assert_eq!(first.get(&0), Some(&d("2026-01-01")));
        assert_eq!(recs[1].deadline, Some(d("2026-05-01")));
        assert!(!first.contains_key(&1));
        assert_eq!(recs[2].action, Action::Dissolve);
        assert_eq!(recs[2].deadline, Some(d("2026-05-01")));
        assert!(recs[2].reasons[0]
            .zh
            .starts_with("反弹：2026-01-01 审计已建议解散 G"));
        assert!(recs[2].reasons[0].zh.contains("zombie-app"));
        assert!(!first.contains_key(&2));
    }

    #[test]
    fn overdue_items_carry_days_and_an_escalation_level() {
        let e = rec("B", "城区医保掌上办", Action::Shutdown, "2026-02-01");
        let now = state("B", "城区医保掌上办", Presence::Active, "2025-06-01");
        let at = |as_of: &str| {
            follow_through(
                std::slice::from_ref(&e),
                std::slice::from_ref(&now),
                d(as_of),
                &FollowSettings::default(),
            )
            .remove(0)
        };
        let pending = at("2026-02-01");
        assert_eq!(
            (pending.status, pending.overdue_days),
            (FollowStatus::Pending, None)
        );
        let late = at("2026-02-11");
        assert_eq!(
            (late.status, late.overdue_days),
            (FollowStatus::Overdue, Some(10))
        );
        assert!(late.note.zh.contains("逾期 10 天") && late.note.zh.contains("一级催办"));
        assert!(at("2026-03-15").note.zh.contains("二级督办"));
        assert_eq!(at("2026-05-01").overdue_days, Some(89));
        assert!(at("2026-05-01").note.zh.contains("三级通报约谈"));
        assert_eq!(Escalation::for_days(30).level(), 1);
        assert_eq!(Escalation::for_days(31).level(), 2);
        assert_eq!(Escalation::for_days(61).level(), 3);
    }
}
