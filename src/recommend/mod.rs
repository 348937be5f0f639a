//! Turns findings and overlap clusters into one recommendation per platform (keep,
//! merge into a target, shut down, dissolve, rectify) with reasons a person can check,
//! the 双交办 pair of assignees, a deadline and the grassroots minutes it would save.
//!
//! Pure: no I/O.

pub mod assign;
pub mod burden;
pub mod check;
pub mod disposition;
pub mod follow;
pub mod forms;
pub mod policy;
pub mod workdays;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{Kind, Msg, Platform};
use crate::overlap::Overlap;
use crate::progress::{NoProgress, Progress};
use crate::rules::catalog::{self, Remedy};
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

/// The 双交办 pair (the 属地 government and the 行业主管部门) and the units that act:
/// the 整改责任单位 and, for a merge, the 承接单位. See [`assign`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assignees {
    /// 属地: the government of the owner's area at township level or above.
    pub region: String,
    /// 行业主管部门, chosen by kind; never the owner.
    pub department: String,
    /// 整改责任单位: the owner.
    pub responsible: String,
    /// 承接单位 of a merge: the target's owner, which gets its own task.
    pub receiving: Option<String>,
    /// For a merge target: the platforms merging into it (承接任务), in index order. Its
    /// owner is tasked to take them over even when the target itself is kept.
    pub takes_over: Vec<usize>,
    /// The deadline of the takeover task: the latest deadline of the platforms it
    /// takes over.
    pub takeover_deadline: Option<NaiveDate>,
    /// How the assignees were chosen (organisation table, register column or usual name).
    pub basis: Msg,
}

/// What assignments and deadlines are made with: the organisation model (gazetteer,
/// overlay and `[org]` table) and the working-day calendar (`[workdays]`).
#[derive(Debug, Clone)]
pub struct Assigning<'g> {
    /// The organisation model.
    pub org: assign::OrgModel<'g>,
    /// The calendar deadlines are moved onto.
    pub calendar: workdays::WorkCalendar,
}

impl Default for Assigning<'static> {
    fn default() -> Self {
        Assigning {
            org: assign::OrgModel::builtin(),
            calendar: workdays::WorkCalendar::default(),
        }
    }
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
    /// The cadres the burden and saving rest on (`None`: 数据不足, the inventory does
    /// not say how many bear it).
    pub cadres: Option<f64>,
    /// What the action cannot say on its own: a sub-action and the conditions it is
    /// carried out under ([`disposition`]).
    pub disposition: disposition::Disposition,
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
    /// Days past the deadline, for an overdue recommendation.
    pub overdue_days: Option<u32>,
    /// For a rebound, the id of the platform that came back (itself or a new one).
    pub rebound_as: Option<String>,
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
    /// A merge target not updated or active for more days than this is called out in
    /// the merge reason.
    pub stale_target_days: u32,
}

impl Default for RecommendSettings {
    fn default() -> Self {
        RecommendSettings {
            deadline_days_high: 30,
            deadline_days_medium: 60,
            deadline_days_low: 90,
            stale_target_days: 90,
        }
    }
}

/// Builds one recommendation per platform, in platform order, following the action
/// table of docs/AUDIT_POLICY.md §4.
pub fn recommend(
    platforms: &[Platform],
    overlap: &Overlap,
    findings: &[Finding],
    settings: &RecommendSettings,
    burden: &burden::BurdenSettings,
    as_of: NaiveDate,
) -> Vec<Recommendation> {
    recommend_with_progress(
        platforms,
        overlap,
        findings,
        settings,
        burden,
        &Assigning::default(),
        as_of,
        &NoProgress,
    )
}

/// [`recommend`] reporting one step per platform on `progress`, which only observes,
/// assigning with `assigning` (the organisation model and the working-day calendar).
// Each argument is one stage value or one settings section the pipeline hands over.
#[allow(clippy::too_many_arguments)]
pub fn recommend_with_progress(
    platforms: &[Platform],
    overlap: &Overlap,
    findings: &[Finding],
    settings: &RecommendSettings,
    burden: &burden::BurdenSettings,
    assigning: &Assigning<'_>,
    as_of: NaiveDate,
    progress: &dyn Progress,
) -> Vec<Recommendation> {
    let n = platforms.len();
    let tick = progress.stage("处置建议 recommend", n as u64);
    let mut by_platform: Vec<Vec<&Finding>> = vec![Vec::new(); n];
    for finding in findings {
        if let Some(slot) = by_platform.get_mut(finding.platform) {
            slot.push(finding);
        }
    }
    let cluster_target = cluster_targets(n, overlap);
    let primary_account = catalog::named_targets(platforms);

    let mut decisions: Vec<Decision> = (0..n)
        .map(|idx| {
            decide(
                &platforms[idx],
                &by_platform[idx],
                cluster_target[idx],
                primary_account[idx],
                true,
            )
        })
        .collect();

    // A merge target that is itself going away cannot receive anything: re-decide the
    // members without the merge so they fall through to the next matching row.
    for idx in 0..n {
        if let Some(target) = decisions[idx].into {
            let target_action = decisions[target].action;
            if target_action != Action::Keep && target_action != Action::Rectify {
                decisions[idx] = decide(&platforms[idx], &by_platform[idx], None, None, false);
            }
        }
    }

    // Place names outside the gazetteer hang under the register's home city.
    let assigning = &Assigning {
        org: assigning.org.with_home_from(platforms),
        calendar: assigning.calendar.clone(),
    };
    let assignments = assigning.org.assign_all(platforms);
    let mut recommendations: Vec<Recommendation> = decisions
        .into_iter()
        .enumerate()
        .map(|(idx, decision)| {
            let mut recommendation = build_recommendation(
                &Ctx {
                    platforms,
                    overlap,
                    settings,
                    burden,
                    assigning,
                    as_of,
                    by_platform: &by_platform,
                    assignments: &assignments,
                },
                idx,
                &by_platform[idx],
                decision,
            );
            disposition::apply(&mut recommendation, &platforms[idx], &by_platform[idx]);
            tick.inc(1);
            recommendation
        })
        .collect();
    hand_over(platforms, &mut recommendations);
    recommendations
}

/// Gives every merge its 承接单位 (the target's owner) and every merge target its
/// takeover task: the platforms merging into it and the latest of their deadlines.
fn hand_over(platforms: &[Platform], recommendations: &mut [Recommendation]) {
    let mut takes_over: Vec<(usize, usize, Option<NaiveDate>)> = Vec::new();
    for rec in recommendations.iter_mut() {
        if let (Action::Merge, Some(target)) = (rec.action, rec.into) {
            let owner = platforms
                .get(target)
                .and_then(|t| t.owner.clone())
                .filter(|o| !o.trim().is_empty())
                .unwrap_or_else(|| "承接平台主办单位（台账未登记）".to_string());
            rec.assignees.receiving = Some(owner);
            takes_over.push((target, rec.platform, rec.deadline));
        }
    }
    for (target, member, deadline) in takes_over {
        if let Some(t) = recommendations.get_mut(target) {
            t.assignees.takes_over.push(member);
            t.assignees.takeover_deadline = t.assignees.takeover_deadline.max(deadline);
        }
    }
}

/// The action chosen for one platform and the rules behind it.
#[derive(Debug, Clone)]
struct Decision {
    action: Action,
    into: Option<usize>,
    rules: Vec<&'static str>,
}

/// For each platform that is a non-target member of a cluster, its cluster's target.
fn cluster_targets(n: usize, overlap: &Overlap) -> Vec<Option<usize>> {
    let mut target = vec![None; n];
    for cluster in &overlap.clusters {
        for &member in &cluster.members {
            if member != cluster.target && member < n {
                target[member] = Some(cluster.target);
            }
        }
    }
    target
}

/// The active (not waived) findings whose rule has a remedy matching `pick`, as sorted,
/// deduplicated rule ids.
fn rules_with(findings: &[&Finding], pick: impl Fn(Remedy) -> bool) -> Vec<&'static str> {
    let mut hit: Vec<&'static str> = findings
        .iter()
        .filter(|f| f.waived.is_none() && pick(remedy_of(f.rule)))
        .map(|f| f.rule)
        .collect();
    hit.sort_unstable();
    hit.dedup();
    hit
}

/// A rule's row of the action table; a rule unknown to the catalog is a note.
fn remedy_of(rule: &str) -> Remedy {
    catalog::get(rule).map_or(Remedy::Note, |meta| meta.remedy)
}

/// Applies the action table of docs/AUDIT_POLICY.md §4 to one platform: the rows are
/// tried in [`Remedy`]'s order and the first that matches wins. Which rule sits in
/// which row is the catalog's business.
fn decide(
    platform: &Platform,
    findings: &[&Finding],
    cluster_target: Option<usize>,
    primary_account: Option<usize>,
    allow_merge: bool,
) -> Decision {
    let decision = |action: Action, into: Option<usize>, rules: Vec<&'static str>| Decision {
        action,
        into,
        rules,
    };
    let first = |pick: &dyn Fn(Remedy) -> bool| rules_with(findings, pick).into_iter().next();
    if let Some(rule) = first(&|r| r == Remedy::Dissolve) {
        return decision(Action::Dissolve, None, vec![rule]);
    }
    if let Some(rule) = first(&|r| r == Remedy::Shutdown) {
        return decision(Action::Shutdown, None, vec![rule]);
    }
    if allow_merge {
        let merge = [
            (Remedy::MergeIntoClusterTarget, cluster_target),
            (Remedy::MergeIntoNamedTarget, primary_account),
        ];
        for (remedy, target) in merge {
            if let (Some(rule), Some(target)) = (first(&|r| r == remedy), target) {
                // An app that also may not exist at its level is merged, with both
                // rules cited.
                let mut rules = vec![rule];
                rules.extend(rules_with(findings, |r| r == Remedy::ShutdownAppLike));
                rules.sort_unstable();
                return decision(Action::Merge, Some(target), rules);
            }
        }
    }
    if platform.kind.is_app_like() {
        if let Some(rule) = first(&|r| r == Remedy::ShutdownAppLike) {
            return decision(Action::Shutdown, None, vec![rule]);
        }
    }
    if platform.kind == Kind::Form
        && platform.matter_status == Some(crate::model::MatterStatus::Finished)
    {
        return decision(Action::Shutdown, None, Vec::new());
    }
    let rectify = rules_with(
        findings,
        |r| matches!(r, Remedy::Rectify(kinds) if kinds.contains(&platform.kind)),
    );
    if rectify.is_empty() {
        decision(Action::Keep, None, Vec::new())
    } else {
        decision(Action::Rectify, None, rectify)
    }
}

/// What every recommendation is built against.
struct Ctx<'a> {
    platforms: &'a [Platform],
    overlap: &'a Overlap,
    settings: &'a RecommendSettings,
    burden: &'a burden::BurdenSettings,
    assigning: &'a Assigning<'a>,
    as_of: NaiveDate,
    /// Every platform's findings, to call out a flagged merge target.
    by_platform: &'a [Vec<&'a Finding>],
    /// Every platform's 双交办 assignment.
    assignments: &'a [assign::Assignment],
}

fn build_recommendation(
    ctx: &Ctx<'_>,
    idx: usize,
    findings: &[&Finding],
    decision: Decision,
) -> Recommendation {
    let Ctx {
        platforms,
        overlap,
        settings,
        burden: burden_settings,
        assigning,
        as_of,
        by_platform,
        assignments: _,
    } = *ctx;
    let platform = &platforms[idx];
    let mut reasons = Vec::new();
    if let Some(target) = decision.into {
        let ground = if decision
            .rules
            .iter()
            .any(|r| remedy_of(r) == Remedy::MergeIntoNamedTarget)
        {
            reasons::MergeGround::PrimaryAccount
        } else {
            reasons::MergeGround::Overlap
        };
        let mut target_flags: Vec<&str> = by_platform
            .get(target)
            .into_iter()
            .flatten()
            .filter(|f| f.waived.is_none())
            .filter_map(|f| catalog::get(f.rule).map(|m| m.clause))
            .collect();
        target_flags.sort_unstable();
        target_flags.dedup();
        let to = &platforms[target];
        let stale_days = to
            .last_update
            .max(to.last_active)
            .map(|last| (as_of - last).num_days())
            .filter(|&days| days > i64::from(settings.stale_target_days));
        reasons.push(reasons::merge_reason(
            platforms,
            overlap,
            idx,
            target,
            ground,
            &target_flags,
            stale_days,
        ));
    }
    if decision.action == Action::Shutdown
        && decision.rules.is_empty()
        && platform.kind == crate::model::Kind::Form
    {
        reasons.push(reasons::finished_form_reason(platform));
    }
    // The supporting findings, except the overlap ones a merge reason already explains.
    let mut supporting: Vec<&&Finding> = findings
        .iter()
        .filter(|f| decision.rules.contains(&f.rule))
        .filter(|f| decision.into.is_none() || remedy_of(f.rule) != Remedy::MergeIntoClusterTarget)
        .collect();
    supporting.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.rule));
    for finding in &supporting {
        reasons.push(finding.message.clone());
    }
    for rule in &decision.rules {
        if let Some(clause) = reasons::clause_reason(rule) {
            reasons.push(clause);
        }
    }
    for finding in findings {
        if let Some(waiver) = &finding.waived {
            reasons.push(Msg::new(
                format!("规则“{}”已豁免：{}", catalog::name_zh(finding.rule), waiver),
                format!("Rule {} waived: {}", finding.rule, waiver),
            ));
        }
    }
    if decision.action == Action::Keep {
        let flagged = rules_with(findings, |_| true);
        if !flagged.is_empty() {
            let names: Vec<String> = flagged.iter().map(|r| catalog::name_zh(r)).collect();
            reasons.push(Msg::new(
                format!("另有低风险提示：{}，不改变保留结论", names.join("；")),
                format!(
                    "Low-severity notes: {}; they do not change the keep verdict",
                    flagged.join(", ")
                ),
            ));
        }
    }
    let severity = findings
        .iter()
        .filter(|f| decision.rules.contains(&f.rule))
        .map(|f| f.severity)
        .max();
    let deadline = match decision.action {
        Action::Keep => None,
        _ => {
            let days = match severity {
                Some(crate::rules::Severity::High) => settings.deadline_days_high,
                Some(crate::rules::Severity::Medium) | None => settings.deadline_days_medium,
                Some(crate::rules::Severity::Low) => settings.deadline_days_low,
            };
            assigning.calendar.deadline(as_of, days)
        }
    };
    let cost = burden::burden_minutes(platform, findings, burden_settings);
    let cadres = burden::cadres(platform, burden_settings);
    let per_person_saved = match decision.action {
        Action::Keep => 0.0,
        Action::Rectify => cost.practice_minutes(),
        Action::Merge | Action::Shutdown | Action::Dissolve => cost.minutes_per_month,
    };
    let people = cadres.count.unwrap_or(0.0);
    let burden_total = round1(cost.minutes_per_month * people);
    let saved_total = round1(per_person_saved * people);
    if decision.action != Action::Keep {
        if per_person_saved > 0.0 {
            reasons.push(saving_reason(
                &cost,
                decision.action,
                per_person_saved,
                &cadres,
                saved_total,
                burden_settings,
            ));
        } else {
            // Never a silent 0: say why nothing is counted.
            reasons.push(match cadres.count {
                None => Msg::new(
                    format!("节省时间：{}", cadres.basis.zh),
                    format!("Saving: {}", cadres.basis.en),
                ),
                Some(_) => Msg::new(
                    format!(
                        "节省时间：不计（{}；无可计量的干部负担项）",
                        cadres.basis.zh
                    ),
                    format!(
                        "Saving: not counted ({}; no measurable cadre burden)",
                        cadres.basis.en
                    ),
                ),
            });
        }
    }
    Recommendation {
        platform: idx,
        action: decision.action,
        into: decision.into,
        rules: decision.rules,
        reasons,
        assignees: {
            let assignment = ctx.assignments[idx].clone();
            Assignees {
                region: assignment.region,
                department: assignment.department,
                responsible: assignment.responsible,
                basis: assignment.basis,
                ..Assignees::default()
            }
        },
        deadline,
        burden_minutes_per_month: burden_total,
        saved_minutes_per_month: saved_total,
        cadres: cadres.count,
        disposition: disposition::Disposition::default(),
    }
}

/// The saving with its formula and numbers: the per-person items that go away, times
/// the cadres who bear them, or 数据不足 when the inventory does not say how many.
fn saving_reason(
    cost: &burden::Burden,
    action: Action,
    per_person: f64,
    cadres: &burden::Cadres,
    saved_total: f64,
    settings: &burden::BurdenSettings,
) -> Msg {
    let (low, high) = settings.range(saved_total);
    // Rectifying keeps the baseline items; the other actions remove every item.
    let baseline_items =
        cost.items
            .iter()
            .scan(cost.baseline_minutes_per_month, |left, (msg, minutes)| {
                let is_baseline = *left > 0.0;
                if is_baseline {
                    *left -= minutes;
                }
                Some((msg, *minutes, is_baseline))
            });
    let items: Vec<(&Msg, f64)> = baseline_items
        .filter(|(_, _, is_baseline)| action != Action::Rectify || !is_baseline)
        .map(|(msg, minutes, _)| (msg, minutes))
        .collect();
    let zh_items: Vec<String> = items
        .iter()
        .map(|(m, min)| format!("{}（{}分钟）", m.zh, round1(*min)))
        .collect();
    let en_items: Vec<String> = items
        .iter()
        .map(|(m, min)| format!("{} ({} min)", m.en, round1(*min)))
        .collect();
    match cadres.count {
        Some(_) => Msg::new(
            format!(
                "预计每月为干部节省约 {} 分钟（约 {} 人·时；按估计系数上下浮动，区间 {}–{} 分钟）= 每人每月 {:.1} 分钟 [{}] × {}；系数见 fingertip.toml 的 [burden]",
                zh_amount(saved_total),
                zh_amount(saved_total / 60.0),
                zh_amount(low),
                zh_amount(high),
                per_person,
                zh_items.join(" + "),
                cadres.basis.zh
            ),
            format!(
                "Estimated saving: about {} cadre minutes a month ({} cadre-hours; range {}–{} min as the estimated coefficients vary) = {:.1} min per person [{}] × {}; coefficients in [burden] of fingertip.toml",
                grouped(saved_total),
                grouped(saved_total / 60.0),
                grouped(low),
                grouped(high),
                per_person,
                en_items.join(" + "),
                cadres.basis.en
            ),
        ),
        None => Msg::new(
            format!(
                "节省时间：{}；每人每月约 {:.1} 分钟 [{}]",
                cadres.basis.zh,
                per_person,
                zh_items.join(" + ")
            ),
            format!(
                "Saving: {}; about {:.1} min per person a month [{}]",
                cadres.basis.en,
                per_person,
                en_items.join(" + ")
            ),
        ),
    }
}

/// A figure with thousands separators and at most one decimal (12,345.6).
fn grouped(x: f64) -> String {
    let x = round1(x);
    let whole = x.trunc().abs() as u64;
    let tenth = ((x.abs() - x.trunc().abs()) * 10.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if tenth > 0 {
        out.push_str(&format!(".{tenth}"));
    }
    if x < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A figure as a Chinese report writes it: in 万 from ten thousand up (11,616万).
fn zh_amount(x: f64) -> String {
    if x.abs() >= 10_000.0 {
        format!("{}万", grouped(x / 10_000.0))
    } else {
        grouped(x)
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

mod reasons;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Level, MatterStatus};
    use crate::overlap::{Cluster, Pair};
    use crate::rules::Severity;

    fn platform(id: &str, kind: Kind) -> Platform {
        Platform {
            id: id.into(),
            name: format!("平台{id}"),
            kind,
            owner: Some("澄岚市数据局".into()),
            level: Some(Level::City),
            region: Some("澄岚市".into()),
            functions: vec!["网格巡查".into(), "信息上报".into()],
            data_fields: vec!["姓名".into(), "定位轨迹".into()],
            users: Some(1000),
            monthly_active: Some(300),
            ..Default::default()
        }
    }

    fn finding(platform: usize, rule: &'static str, severity: Severity) -> Finding {
        Finding {
            platform,
            rule,
            severity,
            message: Msg::new(format!("命中 {rule}"), format!("hit {rule}")),
            evidence: Vec::new(),
            waived: None,
        }
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
    }

    #[test]
    fn no_account_saving_comes_from_its_followers() {
        let run = |followers: Option<u64>| {
            let mut account = platform("W", Kind::Account);
            account.users = followers;
            account.monthly_active = followers;
            let findings = vec![finding(0, "zombie-account", Severity::High)];
            recommend(
                &[account],
                &Overlap::default(),
                &findings,
                &RecommendSettings::default(),
                &burden::BurdenSettings::default(),
                as_of(),
            )
            .remove(0)
        };
        let few = run(Some(10));
        let many = run(Some(76_000));
        assert_eq!(many.action, Action::Shutdown);
        // One default maintainer × 22 posts × 30 minutes, whatever the followers.
        assert_eq!(many.saved_minutes_per_month, 660.0);
        assert_eq!(many.saved_minutes_per_month, few.saved_minutes_per_month);
        assert_eq!(
            many.saved_minutes_per_month,
            run(None).saved_minutes_per_month
        );
        assert_eq!(many.cadres, Some(1.0));
        let reason = &many.reasons.last().unwrap().zh;
        assert!(reason.contains("660 分钟"), "{reason}");
        assert!(reason.contains("粉丝不计"), "{reason}");
        assert!(reason.contains("[burden]"), "{reason}");
    }

    #[test]
    fn optional_apps_cost_no_cadre_time_and_unknown_groups_say_no_data() {
        let mut optional = platform("A", Kind::App);
        optional.mandatory = None;
        let mut mandatory = platform("M", Kind::App);
        mandatory.mandatory = Some(true);
        let mut group = platform("G", Kind::Group);
        group.members = None;
        let findings = vec![
            finding(0, "zombie-app", Severity::High),
            finding(1, "zombie-app", Severity::High),
            finding(2, "group-not-dissolved", Severity::Medium),
        ];
        let recs = recommend(
            &[optional, mandatory, group],
            &Overlap::default(),
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        assert_eq!(recs[0].saved_minutes_per_month, 0.0);
        assert_eq!(recs[0].cadres, Some(0.0));
        // 20 baseline minutes × 300 monthly active cadres required to use it.
        assert_eq!(recs[1].saved_minutes_per_month, 6000.0);
        assert_eq!(recs[1].cadres, Some(300.0));
        assert_eq!(recs[2].action, Action::Dissolve);
        assert_eq!(recs[2].cadres, None);
        assert!(recs[2].reasons.iter().any(|r| r.zh.contains("数据不足")));
    }

    #[test]
    fn recommending_reports_one_step_per_platform_and_the_same_result() {
        let platforms = vec![platform("A", Kind::App), platform("B", Kind::Group)];
        let findings = vec![finding(1, "group-not-dissolved", Severity::Medium)];
        let recorder = crate::progress::Recorder::default();
        let args = (
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
        );
        let with = recommend_with_progress(
            &platforms,
            &Overlap::default(),
            &findings,
            args.0,
            args.1,
            &Assigning::default(),
            as_of(),
            &recorder,
        );
        let without = recommend(
            &platforms,
            &Overlap::default(),
            &findings,
            args.0,
            args.1,
            as_of(),
        );
        assert_eq!(with, without);
        assert_eq!(with[1].action, Action::Dissolve);
        let stages = recorder.stages.into_inner().unwrap();
        assert_eq!(stages, [("处置建议 recommend".to_owned(), 2, 2)]);
    }

    #[test]
    fn duplicate_app_merges_into_cluster_target_with_reasons_and_deadline() {
        let platforms = vec![platform("A", Kind::App), platform("B", Kind::Platform)];
        let overlap = Overlap {
            pairs: vec![Pair {
                a: 0,
                b: 1,
                similarity: 0.75,
                containment_a_in_b: 0.9,
                containment_b_in_a: 0.8,
                family: crate::overlap::Family::Apps,
                shared_distinctive: 2,
            }],
            clusters: vec![Cluster {
                target: 1,
                members: vec![0, 1],
                similarity: 0.75,
            }],
            ..Overlap::default()
        };
        let findings = vec![finding(0, "duplicate-app", Severity::Medium)];
        let recs = recommend(
            &platforms,
            &overlap,
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].action, Action::Merge);
        assert_eq!(recs[0].into, Some(1));
        assert_eq!(recs[0].rules, vec!["duplicate-app"]);
        assert!(
            recs[0].reasons[0].zh.contains("0.75"),
            "{:?}",
            recs[0].reasons
        );
        assert!(recs[0].reasons[0].zh.contains("网格巡查"));
        assert!(recs[0].reasons.iter().any(|r| r.zh.contains("整合迁移")));
        assert_eq!(recs[0].deadline, NaiveDate::from_ymd_opt(2027, 1, 19));
        assert_eq!(recs[1].action, Action::Keep);
        assert_eq!(recs[1].deadline, None);
        assert_eq!(recs[0].assignees.region, "澄岚市人民政府");
        // An app's line department is the same level's 网信 authority, never the owner.
        assert_eq!(recs[0].assignees.department, "澄岚市委网信办");
        assert_eq!(recs[0].assignees.responsible, "澄岚市数据局");
        // The target's owner takes over and is tasked, by the member's deadline.
        assert_eq!(recs[0].assignees.receiving.as_deref(), Some("澄岚市数据局"));
        assert_eq!(recs[1].assignees.takes_over, vec![0]);
        assert_eq!(recs[1].assignees.takeover_deadline, recs[0].deadline);
        assert!(recs[0].assignees.basis.zh.contains("网信"));
    }

    #[test]
    fn amounts_have_separators_and_wan() {
        assert_eq!(grouped(1234567.0), "1,234,567");
        assert_eq!(grouped(660.0), "660");
        assert_eq!(grouped(12.34), "12.3");
        assert_eq!(zh_amount(116_160_000.0), "11,616万");
        assert_eq!(zh_amount(1_936_000.0), "193.6万");
        assert_eq!(zh_amount(9_999.0), "9,999");
    }

    #[test]
    fn deadlines_fall_on_workdays() {
        // 2026-11-20 + 30 days is Sunday 2026-12-20: moved to Monday.
        let platforms = vec![platform("G", Kind::Group)];
        let findings = vec![finding(0, "group-forced-checkin", Severity::High)];
        let recs = recommend(
            &platforms,
            &Overlap::default(),
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        assert_eq!(recs[0].deadline, NaiveDate::from_ymd_opt(2026, 12, 21));
        let calendar = workdays::WorkCalendar::default();
        // Over a year of audit dates and every severity, no deadline is a day off.
        let mut day = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
        for _ in 0..300 {
            let recs = recommend(
                &platforms,
                &Overlap::default(),
                &findings,
                &RecommendSettings::default(),
                &burden::BurdenSettings::default(),
                day,
            );
            let deadline = recs[0].deadline.unwrap();
            assert!(calendar.is_workday(deadline), "{day} → {deadline}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn an_account_merge_claims_no_overlap_and_a_flagged_target_is_called_out() {
        let mut main = platform("C1", Kind::Account);
        main.channel = Some("微信".into());
        main.users = Some(5000);
        main.last_update = NaiveDate::from_ymd_opt(2026, 1, 2);
        let mut side = platform("C2", Kind::Account);
        side.channel = Some("微信".into());
        side.users = Some(40);
        let findings = vec![
            finding(1, "account-one-per-platform", Severity::Medium),
            finding(0, "account-no-interaction", Severity::High),
        ];
        let recs = recommend(
            &[main, side],
            &Overlap::default(),
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        assert_eq!(recs[1].action, Action::Merge);
        let reason = &recs[1].reasons[0].zh;
        assert!(!reason.contains("重叠："), "{reason}");
        assert!(!reason.contains("共同功能 0 项"), "{reason}");
        assert!(reason.contains("不以功能重叠判定"), "{reason}");
        // The target is flagged (no interaction) and stale (322 days): both said.
        assert!(reason.contains("整合目标本身存在问题"), "{reason}");
        assert!(reason.contains("未提供有效互动功能"), "{reason}");
        assert!(reason.contains("322 天未更新"), "{reason}");
        assert_eq!(recs[0].assignees.takes_over, vec![1]);
    }

    #[test]
    fn an_overlap_merge_names_its_shared_items_and_one_figure() {
        let platforms = vec![platform("A", Kind::App), platform("B", Kind::Platform)];
        let overlap = Overlap {
            pairs: vec![Pair {
                a: 0,
                b: 1,
                similarity: 0.15,
                containment_a_in_b: 0.85,
                containment_b_in_a: 0.2,
                family: crate::overlap::Family::Apps,
                shared_distinctive: 3,
            }],
            clusters: vec![Cluster {
                target: 1,
                members: vec![0, 1],
                similarity: 0.85,
            }],
            ..Overlap::default()
        };
        let findings = vec![finding(0, "duplicate-app", Severity::Medium)];
        let recs = recommend(
            &platforms,
            &overlap,
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        let reason = &recs[0].reasons[0].zh;
        assert!(!reason.contains("高度重叠"), "{reason}");
        assert!(reason.contains("相似度 0.15"), "{reason}");
        assert!(reason.contains("85%"), "{reason}");
        assert!(reason.contains("共同功能 2 项："), "{reason}");
        assert!(reason.contains("网格巡查"), "{reason}");
        assert!(reason.contains("共同采集数据项 2 项"), "{reason}");
        // The other figures of the pair (0.20 coverage of the target) never appear.
        assert!(
            !reason.contains("0.20") && !reason.contains("20%"),
            "{reason}"
        );
    }

    #[test]
    fn a_zero_saving_says_why_and_a_saving_has_a_range() {
        let mut optional = platform("A", Kind::App);
        optional.mandatory = Some(false);
        let mut group = platform("G", Kind::Group);
        group.members = None;
        let findings = vec![
            finding(0, "zombie-app", Severity::High),
            finding(1, "group-not-dissolved", Severity::Medium),
        ];
        let recs = recommend(
            &[optional, group],
            &Overlap::default(),
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        assert!(recs[0]
            .reasons
            .iter()
            .any(|r| r.zh.contains("节省时间：不计（非强制使用")));
        assert!(recs[1]
            .reasons
            .iter()
            .any(|r| r.zh.contains("节省时间：数据不足")));
        let mut account = platform("W", Kind::Account);
        account.users = Some(76_000);
        let recs = recommend(
            &[account],
            &Overlap::default(),
            &[finding(0, "zombie-account", Severity::High)],
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        let reason = &recs[0].reasons.last().unwrap().zh;
        assert!(reason.contains("区间 330–990 分钟"), "{reason}");
    }

    #[test]
    fn merge_into_a_zombie_target_falls_through() {
        let mut below = platform("A", Kind::App);
        below.level = Some(Level::Township);
        let platforms = vec![below, platform("B", Kind::App)];
        let overlap = Overlap {
            pairs: Vec::new(),
            clusters: vec![Cluster {
                target: 1,
                members: vec![0, 1],
                similarity: 0.6,
            }],
            ..Overlap::default()
        };
        let findings = vec![
            finding(0, "duplicate-app", Severity::Medium),
            finding(0, "app-below-county", Severity::High),
            finding(1, "zombie-app", Severity::Medium),
        ];
        let recs = recommend(
            &platforms,
            &overlap,
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        assert_eq!(recs[1].action, Action::Shutdown);
        assert_eq!(recs[0].action, Action::Shutdown);
        assert_eq!(recs[0].rules, vec!["app-below-county"]);
        assert_eq!(recs[0].into, None);
    }

    #[test]
    fn groups_accounts_and_forms_follow_the_policy_table() {
        let mut group = platform("G1", Kind::Group);
        group.matter_status = Some(MatterStatus::Finished);
        let mut acc_main = platform("C1", Kind::Account);
        acc_main.channel = Some("微信".into());
        acc_main.users = Some(5000);
        let mut acc_side = platform("C2", Kind::Account);
        acc_side.channel = Some("微信".into());
        acc_side.users = Some(40);
        let mut form = platform("F1", Kind::Form);
        form.matter_status = Some(MatterStatus::Finished);
        let mut waived_app = platform("P1", Kind::App);
        waived_app.name = "应急值守".into();
        let platforms = vec![acc_main, acc_side, form, group, waived_app];
        let mut waived = finding(4, "app-forced-checkin", Severity::High);
        waived.waived = Some("应急值守岗位需要签到".into());
        let findings = vec![
            finding(1, "account-one-per-platform", Severity::Medium),
            finding(3, "group-not-dissolved", Severity::Medium),
            finding(3, "group-forced-checkin", Severity::High),
            waived,
        ];
        let recs = recommend(
            &platforms,
            &Overlap::default(),
            &findings,
            &RecommendSettings::default(),
            &burden::BurdenSettings::default(),
            as_of(),
        );
        let actions: Vec<Action> = recs.iter().map(|r| r.action).collect();
        assert_eq!(
            actions,
            vec![
                Action::Keep,
                Action::Merge,
                Action::Shutdown,
                Action::Dissolve,
                Action::Keep
            ]
        );
        assert_eq!(recs[1].into, Some(0));
        assert!(recs[4].reasons.iter().any(|r| r.zh.contains("已豁免")));
    }
}
