//! The check before anything new is built: a [`Proposal`] against the registry's
//! platforms, answered with a verdict (build, merge into an existing platform, reject),
//! the similar platforms with what they share, the declared features a rule forbids, the
//! level policy, and reasons citing the clauses.
//!
//! Pure: works on in-memory values and cannot fail on I/O.
//!
//! - **Similar platforms.** The proposal becomes one more platform (its functions and
//!   data fields through the taxonomy, plus the tags its description names, negation
//!   aware) and is joined with the registry by [`crate::overlap::exact_pairs_of`], the
//!   exact verification the audit uses, so a reported platform clears the same weighted
//!   similarity or containment thresholds. A similar platform is *in scope* when a merge
//!   can be carried out: its area is the proposal's or encloses it (a national platform
//!   covers everything). Same unit: the owners roll up to one bureau.
//! - **Features.** Each 功能设置情况 answer is read with its reason: a reason that says the
//!   feature is absent (无打卡功能, 未设置排名, 不含定位) makes it absent whatever the yes/no
//!   cell says, so 无打卡功能 is never a check-in; a feature that is present but voluntary
//!   or outside assessment (自愿, 不强制, 不纳入考核, read by [`crate::rules::text`]) or
//!   limited to 安保/应急 is noted, not a violation. Declared functions and the
//!   description are read through the taxonomy's traits (checkin, ranking, online-time).
//! - **Level policy.** An app or mini program below county level (app-below-county); an
//!   account of a township or village (account-level-restriction); a second account of
//!   the unit on the same channel (account-one-per-platform, answered by merging into
//!   the existing account).
//! - **Verdict.** `reject` when a rule forbids what is declared or the level policy does
//!   not allow it; else `merge` into the best in-scope similar platform (higher level
//!   first, then a unified platform, then an app or platform before a mini program, then
//!   the strongest overlap, then id); else `build`.

use std::collections::BTreeSet;

use regex::Regex;
use std::sync::LazyLock;

use crate::model::{Kind, Level, Platform};
use crate::normalize::{fold_key, normalize_text, Taxonomy, Trait};
use crate::org::{Area, Gazetteer, OwnerUnit};
use crate::overlap::{exact_pairs_of, OverlapSettings};
use crate::proposal::{DeclaredFeature, Feature, Proposal};
use crate::rules::catalog::{check_rule, CheckQuestion, RuleMeta};
use crate::rules::text::{verdict as text_verdict, Verdict as TextVerdict};

/// The id the proposal takes while it is compared.
pub const PROPOSAL_ID: &str = "(申报)";

/// The answer of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// 可以新建.
    Build,
    /// 建议整合至 an existing platform.
    Merge,
    /// 不予新建.
    Reject,
}

impl Verdict {
    /// `build`, `merge` or `reject`.
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Build => "build",
            Verdict::Merge => "merge",
            Verdict::Reject => "reject",
        }
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Verdict::Build => "可以新建",
            Verdict::Merge => "建议整合",
            Verdict::Reject => "不予新建",
        }
    }
}

/// An existing platform the proposal overlaps.
#[derive(Debug, Clone, PartialEq)]
pub struct Similar {
    /// Platform id.
    pub id: String,
    /// Platform name.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Owner.
    pub owner: Option<String>,
    /// Weighted Jaccard similarity.
    pub similarity: f64,
    /// Weighted containment of the proposal in the platform.
    pub containment: f64,
    /// Shared function tags, sorted.
    pub shared_functions: Vec<String>,
    /// Shared data-field tags, sorted.
    pub shared_data_fields: Vec<String>,
    /// Whether its owner is the proposal's unit.
    pub same_unit: bool,
    /// Whether a merge into it can be carried out (same area or an enclosing one).
    pub in_scope: bool,
}

impl Similar {
    /// The larger of similarity and containment.
    pub fn strength(&self) -> f64 {
        self.similarity.max(self.containment)
    }
}

/// A declared feature or setting a rule forbids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Rule id from the catalog.
    pub rule: &'static str,
    /// The clause of the rule.
    pub clause: String,
    /// What in the proposal triggered it, with where it was read.
    pub evidence: String,
}

/// The result of [`check`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckOutcome {
    /// The verdict.
    pub verdict: Verdict,
    /// The merge target's id (for `merge`).
    pub into: Option<String>,
    /// The merge target's name (for `merge`).
    pub into_name: Option<String>,
    /// Similar platforms, strongest first.
    pub similar: Vec<Similar>,
    /// Violations, by rule then evidence.
    pub violations: Vec<Violation>,
    /// Reasons in Chinese, verdict first.
    pub reasons: Vec<String>,
    /// The 本单位同类政务应用程序情况 list, ready to paste: one line per similar platform
    /// of the same unit.
    pub same_unit: Vec<String>,
}

/// Checks `proposal` against `platforms` (the registry). `gazetteer` resolves areas (the
/// built-in one, or one with the inventory's overlay); `settings` are the audit's overlap
/// thresholds.
pub fn check(
    proposal: &Proposal,
    platforms: &[Platform],
    taxonomy: &Taxonomy,
    gazetteer: &Gazetteer,
    settings: &OverlapSettings,
) -> CheckOutcome {
    let candidate = as_platform(proposal, taxonomy);
    let mut all: Vec<Platform> = platforms.to_vec();
    all.push(candidate.clone());
    let me = all.len() - 1;
    let my_area = crate::recommend::forms::area_of(
        Some(proposal.owner.as_str()),
        proposal.region.as_deref(),
        gazetteer,
    );
    let my_unit = unit_key(Some(&proposal.owner), proposal.region.as_deref(), gazetteer);

    let mut similar: Vec<Similar> = exact_pairs_of(&all, settings, &[me])
        .into_iter()
        .filter_map(|pair| {
            let (other, containment) = if pair.a == me {
                (pair.b, pair.containment_a_in_b)
            } else if pair.b == me {
                (pair.a, pair.containment_b_in_a)
            } else {
                return None;
            };
            let p = &all[other];
            let area = crate::recommend::forms::area_of(
                p.owner.as_deref(),
                p.region.as_deref(),
                gazetteer,
            );
            let same_unit = my_unit.is_some()
                && unit_key(p.owner.as_deref(), p.region.as_deref(), gazetteer) == my_unit;
            Some(Similar {
                id: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                owner: p.owner.clone(),
                similarity: pair.similarity,
                containment,
                shared_functions: shared(&candidate.functions, &p.functions),
                shared_data_fields: shared(&candidate.data_fields, &p.data_fields),
                same_unit,
                in_scope: same_unit || in_scope(p, area, my_area, proposal),
            })
        })
        .collect();
    similar.sort_by(|a, b| b.strength().total_cmp(&a.strength()).then(a.id.cmp(&b.id)));

    let mut violations = Vec::new();
    let mut notes = Vec::new();
    features(proposal, &mut violations, &mut notes);
    declared_functions(proposal, taxonomy, &mut violations);
    level_policy(proposal, &mut violations, &mut notes);

    // A second account of the unit on the same channel: use the existing one.
    let existing_account = if proposal.kind == Kind::Account {
        second_account(proposal, platforms, my_unit.as_deref(), gazetteer)
    } else {
        None
    };
    let second = check_rule(CheckQuestion::SecondAccount, Kind::Account);
    if let (Some((id, name)), Some(meta)) = (&existing_account, second) {
        violations.push(Violation {
            rule: meta.id,
            clause: meta.clause.to_owned(),
            evidence: format!(
                "本单位已在{}开设“{name}”（{id}）",
                proposal.channel.as_deref().unwrap_or_default()
            ),
        });
    }
    violations.sort_by(|a, b| a.rule.cmp(b.rule).then(a.evidence.cmp(&b.evidence)));
    violations.dedup();

    let blocking: Vec<&Violation> = violations
        .iter()
        .filter(|v| second.is_none_or(|m| v.rule != m.id))
        .collect();
    let target = existing_account.clone().or_else(|| {
        let mut in_scope: Vec<(&Similar, &Platform)> = similar
            .iter()
            .filter(|s| s.in_scope)
            .filter_map(|s| platforms.iter().find(|p| p.id == s.id).map(|p| (s, p)))
            .collect();
        in_scope.sort_by(|(sa, pa), (sb, pb)| {
            let level = |p: &Platform| p.level.unwrap_or(Level::Village);
            // A full app or platform before a mini program of the same level.
            let kind = |p: &Platform| match p.kind {
                Kind::Platform | Kind::App => 0,
                Kind::MiniProgram => 1,
                _ => 2,
            };
            level(pa)
                .cmp(&level(pb))
                .then(pb.is_unified().cmp(&pa.is_unified()))
                .then(kind(pa).cmp(&kind(pb)))
                .then(sb.strength().total_cmp(&sa.strength()))
                .then(sa.id.cmp(&sb.id))
        });
        in_scope
            .first()
            .map(|(s, _)| (s.id.clone(), s.name.clone()))
    });

    let mut reasons = Vec::new();
    let (verdict, into) = if !blocking.is_empty() {
        let rules: BTreeSet<&str> = blocking.iter().map(|v| v.rule).collect();
        reasons.push(format!(
            "不予新建：申报内容违反{}（{}）。",
            rules.iter().copied().collect::<Vec<_>>().join("、"),
            blocking
                .iter()
                .map(|v| v.clause.as_str())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
                .join("；")
        ));
        (Verdict::Reject, None)
    } else if let Some((id, name)) = &target {
        if existing_account.is_some() {
            reasons.push(format!(
                "建议整合至“{name}”（{id}）：本单位在该平台已开设政务新媒体账号，一个单位原则上在同一平台只开设一个账号（{}）。",
                second.map_or("", |m| m.id)
            ));
        } else {
            let s = similar.iter().find(|s| &s.id == id);
            let detail = s.map(describe).unwrap_or_default();
            let duplicate = check_rule(CheckQuestion::Duplicate, proposal.kind);
            reasons.push(format!(
                "建议整合至“{name}”（{id}）：{detail}，{}，不再新建（{}）。",
                duplicate.map_or("", |m| m.clause),
                duplicate.map_or("", |m| m.id)
            ));
        }
        (Verdict::Merge, target.clone())
    } else {
        reasons.push(
            "可以新建：未发现功能或数据重复的在用平台，申报的功能设置不违反规则，层级符合要求。"
                .to_owned(),
        );
        (Verdict::Build, None)
    };
    for v in &violations {
        reasons.push(format!("{}：{}（{}）", v.rule, v.evidence, v.clause));
    }
    for s in similar
        .iter()
        .filter(|s| Some(&s.id) != into.as_ref().map(|t| &t.0))
    {
        let scope = if s.in_scope {
            ""
        } else {
            "；不在本地区或上级，不作为整合对象"
        };
        reasons.push(format!(
            "与“{}”（{}）重合：{}{scope}。",
            s.name,
            s.id,
            describe(s)
        ));
    }
    reasons.extend(notes);
    // Same-unit apps the form should have listed.
    let declared: BTreeSet<String> = proposal.same_unit.iter().map(|n| fold_key(n)).collect();
    let same_unit: Vec<String> = similar
        .iter()
        .filter(|s| s.same_unit)
        .map(|s| {
            format!(
                "{}（{}，{}，相似度{:.0}%）",
                s.name,
                s.kind.label_zh(),
                s.owner.as_deref().unwrap_or("主办单位不详"),
                s.strength() * 100.0
            )
        })
        .collect();
    for s in similar.iter().filter(|s| s.same_unit) {
        if !declared.contains(&fold_key(&s.name)) {
            reasons.push(format!(
                "申报表“本单位同类政务应用程序情况”未列出本单位的“{}”（{}）。",
                s.name, s.id
            ));
        }
    }
    let (into, into_name) = match into {
        Some((id, name)) => (Some(id), Some(name)),
        None => (None, None),
    };
    CheckOutcome {
        verdict,
        into,
        into_name,
        similar,
        violations,
        reasons,
        same_unit,
    }
}

/// The proposal as a platform with canonical tags.
fn as_platform(proposal: &Proposal, taxonomy: &Taxonomy) -> Platform {
    let mut functions: Vec<String> = proposal
        .functions
        .iter()
        .map(|f| taxonomy.function_tag(f))
        .filter(|f| !f.is_empty())
        .collect();
    let mut data_fields: Vec<String> = proposal
        .data_fields
        .iter()
        .map(|f| taxonomy.data_field_tag(f))
        .filter(|f| !f.is_empty())
        .collect();
    if let Some(description) = &proposal.description {
        let (f, d) = taxonomy.tags_in_text(description);
        functions.extend(f);
        data_fields.extend(d);
    }
    functions.sort();
    functions.dedup();
    data_fields.sort();
    data_fields.dedup();
    Platform {
        id: PROPOSAL_ID.to_owned(),
        name: proposal.name.clone(),
        kind: proposal.kind,
        channel: proposal.channel.clone(),
        owner: Some(proposal.owner.clone()),
        level: proposal.level,
        region: proposal.region.clone(),
        description: proposal.description.clone(),
        functions,
        data_fields,
        users: proposal.expected_users,
        ..Platform::default()
    }
}

fn shared(a: &[String], b: &[String]) -> Vec<String> {
    let b: BTreeSet<&String> = b.iter().collect();
    let set: BTreeSet<&String> = a.iter().filter(|t| b.contains(t)).collect();
    set.into_iter().cloned().collect()
}

fn describe(s: &Similar) -> String {
    let mut parts = vec![format!(
        "相似度{:.2}，申报内容有{:.0}%已包含在其中",
        s.similarity,
        s.containment * 100.0
    )];
    if !s.shared_functions.is_empty() {
        parts.push(format!("共同功能：{}", s.shared_functions.join("、")));
    }
    if !s.shared_data_fields.is_empty() {
        parts.push(format!("重复采集：{}", s.shared_data_fields.join("、")));
    }
    if s.same_unit {
        parts.push("属本单位".to_owned());
    }
    parts.join("；")
}

/// The bureau a unit rolls up to, when its area is known; else its folded name.
fn unit_key(owner: Option<&str>, region: Option<&str>, gazetteer: &Gazetteer) -> Option<String> {
    let owner = owner?.trim();
    if owner.is_empty() {
        return None;
    }
    let context = region
        .map(|r| gazetteer.resolve(r).candidates())
        .unwrap_or_default();
    let unit = OwnerUnit::parse(owner, gazetteer, &context);
    if unit.area.is_some() && unit.bureau.is_some() {
        Some(unit.rollup_key())
    } else {
        Some(fold_key(owner))
    }
}

/// Whether a merge into `p` (of area `area`) can be carried out for the proposal.
fn in_scope(
    p: &Platform,
    area: Option<Area<'_>>,
    mine: Option<Area<'_>>,
    proposal: &Proposal,
) -> bool {
    if p.level == Some(Level::National) {
        return true;
    }
    match (area, mine) {
        (Some(theirs), Some(mine)) => theirs.code() == mine.code() || mine.is_within(theirs),
        _ => match (&p.region, &proposal.region) {
            (Some(a), Some(b)) => fold_key(a) == fold_key(b),
            _ => false,
        },
    }
}

/// Cues in a reason that the feature is absent.
static ABSENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|[，,。；;\s])(无|没有|未设置|未设|未开通|未开发|未上线|不设置|不设|不含|不具备|不提供|不开通|不开发|已取消|取消|已关闭|关闭|否|暂无|尚无)")
        .unwrap_or_else(|_| Regex::new("$^").expect("constant"))
});
/// Negations that put a whole clause of a description out of account.
static NEGATED_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"不|无|未|没有|禁止|严禁|取消|杜绝")
        .unwrap_or_else(|_| Regex::new("$^").expect("constant"))
});
/// Cues that a present feature is voluntary, outside assessment or an exempt scenario.
const NOT_COERCIVE: [&str; 13] = [
    "自愿",
    "非强制",
    "不强制",
    "不作为考核",
    "不纳入考核",
    "不与考核挂钩",
    "不考核",
    "安保",
    "应急",
    "不作要求",
    "用户授权",
    "经授权",
    "按需",
];

/// What a declared feature amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// Not there.
    Absent,
    /// There, but voluntary, outside assessment, or an exempt scenario.
    Benign,
    /// There and coercive.
    Present,
    /// No answer and no reason that tells.
    Unknown,
}

fn read_feature(f: &DeclaredFeature) -> Reading {
    let reason = normalize_text(&f.reason);
    if ABSENT.is_match(&reason) && f.feature.keywords().iter().any(|k| reason.contains(k))
        || ABSENT.is_match(&reason) && reason.chars().count() <= 4
    {
        return Reading::Absent;
    }
    if f.enabled == Some(false) {
        return Reading::Absent;
    }
    let benign = NOT_COERCIVE.iter().any(|c| reason.contains(c))
        || matches!(text_verdict(&reason), TextVerdict::Compliance);
    match f.enabled {
        Some(true) if benign => Reading::Benign,
        Some(true) => Reading::Present,
        _ => {
            let mentioned = f.feature.keywords().iter().any(|k| reason.contains(k));
            if !mentioned {
                Reading::Unknown
            } else if benign {
                Reading::Benign
            } else {
                Reading::Present
            }
        }
    }
}

/// The rule that forbids a present feature for a proposal of `kind` (the catalog's
/// table of check questions).
fn feature_rule(feature: Feature, kind: Kind) -> Option<&'static RuleMeta> {
    let question = match feature {
        Feature::Checkin => CheckQuestion::Checkin,
        Feature::Ranking | Feature::OnlineTime | Feature::Points => CheckQuestion::Metric,
        Feature::ForcedDownload => CheckQuestion::Download,
        Feature::LocationUpload | Feature::PhotoUpload => CheckQuestion::Trace,
        Feature::Commercial => CheckQuestion::Commercial,
    };
    check_rule(question, kind)
}

fn violation(meta: &'static RuleMeta, evidence: String) -> Violation {
    Violation {
        rule: meta.id,
        clause: meta.clause.to_owned(),
        evidence,
    }
}

fn features(proposal: &Proposal, violations: &mut Vec<Violation>, notes: &mut Vec<String>) {
    for f in &proposal.features {
        let answer = match f.enabled {
            Some(true) => "是",
            Some(false) => "否",
            None => "未填",
        };
        let label = if f.label == f.feature.code() {
            f.feature.label_zh()
        } else {
            f.label.as_str()
        };
        let said = if f.reason.is_empty() {
            format!("{label}：{answer}")
        } else {
            format!("{label}：{answer}（{}）", f.reason)
        };
        match read_feature(f) {
            Reading::Present => {
                if let Some(meta) = feature_rule(f.feature, proposal.kind) {
                    violations.push(violation(meta, format!("功能设置情况 {}：{said}", f.place)));
                }
            }
            Reading::Benign => notes.push(format!(
                "功能设置情况 {}：{said}，申报为非强制、不与考核挂钩或限于安保应急场景，上线后须按此核查。",
                f.place
            )),
            Reading::Absent => {
                if f.enabled == Some(true) {
                    notes.push(format!(
                        "功能设置情况 {}：{said}，勾选与说明矛盾，按说明视为未设置，请申报单位更正。",
                        f.place
                    ));
                }
            }
            Reading::Unknown => notes.push(format!(
                "功能设置情况 {}：{said}，未说明是否设置，请补充。",
                f.place
            )),
        }
    }
}

/// Declared functions and description tags with coercive traits.
fn declared_functions(proposal: &Proposal, taxonomy: &Taxonomy, violations: &mut Vec<Violation>) {
    // The rule a coercive tag breaks: a check-in, or a ranking or online-time metric.
    let rule_of = |tag: &str| {
        let traits = taxonomy.function_traits(tag);
        let question = if traits.contains(&Trait::Checkin) {
            CheckQuestion::Checkin
        } else if traits
            .iter()
            .any(|t| matches!(t, Trait::Ranking | Trait::OnlineTime))
        {
            CheckQuestion::Metric
        } else {
            return None;
        };
        check_rule(question, proposal.kind)
    };
    for raw in &proposal.functions {
        let tag = taxonomy.function_tag(raw);
        if let Some(meta) = rule_of(&tag) {
            violations.push(violation(meta, format!("主要功能：{raw}（{tag}）")));
        }
    }
    if let Some(description) = &proposal.description {
        // Clause by clause; a clause with a negation anywhere (不统计在线时长, 无打卡功能)
        // is left out, since the taxonomy's guard looks only right before a synonym.
        let mut functions = BTreeSet::new();
        for clause in description.split(['，', ',', '。', '；', ';', '\n']) {
            if NEGATED_CLAUSE.is_match(clause) {
                continue;
            }
            functions.extend(taxonomy.tags_in_text(clause).0);
        }
        for tag in &functions {
            if let Some(meta) = rule_of(tag) {
                violations.push(violation(
                    meta,
                    format!("功能描述提到“{tag}”：{description}"),
                ));
            }
        }
    }
}

fn level_policy(proposal: &Proposal, violations: &mut Vec<Violation>, notes: &mut Vec<String>) {
    let Some(level) = proposal.level else {
        return;
    };
    // An app, mini program or account of a township or village.
    if level.is_below_county() {
        if let Some(meta) = check_rule(CheckQuestion::BelowCounty, proposal.kind) {
            violations.push(violation(
                meta,
                format!("主办单位“{}”层级为{}", proposal.owner, level.label_zh()),
            ));
        }
    }
    if proposal.kind == Kind::Account
        && level == Level::County
        && !proposal.owner.contains("人民政府")
    {
        notes.push(format!(
            "“{}”为县级政府部门，按地方规则县级部门原则上不单独开设政务新媒体（{}），请核实本地规定。",
            proposal.owner,
            check_rule(CheckQuestion::BelowCounty, Kind::Account).map_or("", |m| m.id)
        ));
    }
    if proposal.kind.is_app_like() && level == Level::County {
        notes.push("县级开发政务应用程序须从严审核，优先依托上级统一平台。".to_owned());
    }
}

/// An account of the same unit on the same channel, if the registry has one.
fn second_account(
    proposal: &Proposal,
    platforms: &[Platform],
    my_unit: Option<&str>,
    gazetteer: &Gazetteer,
) -> Option<(String, String)> {
    let my_unit = my_unit?;
    let channel = fold_key(proposal.channel.as_deref()?);
    platforms
        .iter()
        .filter(|p| p.kind == Kind::Account)
        .filter(|p| p.channel.as_deref().is_some_and(|c| fold_key(c) == channel))
        .filter(|p| {
            unit_key(p.owner.as_deref(), p.region.as_deref(), gazetteer).as_deref() == Some(my_unit)
        })
        .min_by(|a, b| a.id.cmp(&b.id))
        .map(|p| (p.id.clone(), p.name.clone()))
}

#[cfg(test)]
mod tests;
