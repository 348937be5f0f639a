//! Reason sentences for recommendations: what is shared with the merge target, how
//! similar, how active each side is, and the policy clause the action rests on.

use crate::model::{Msg, Platform};
use crate::overlap::Overlap;

/// How many shared tags a reason names before saying "等 N 项".
const MAX_TAGS_NAMED: usize = 8;

fn name_list(tags: &[&str], sep: &str, more_zh: bool) -> String {
    let shown: Vec<&str> = tags.iter().take(MAX_TAGS_NAMED).copied().collect();
    let mut text = shown.join(sep);
    if tags.len() > MAX_TAGS_NAMED {
        if more_zh {
            text.push_str(&format!(" 等 {} 项", tags.len()));
        } else {
            text.push_str(&format!(" and {} more", tags.len() - MAX_TAGS_NAMED));
        }
    }
    text
}

fn describe(p: &Platform) -> (String, String) {
    let level_zh = p.level.map(|l| l.label_zh()).unwrap_or("层级不详");
    let level_en = p.level.map(|l| l.code()).unwrap_or("unknown level");
    let mau_zh = p
        .monthly_active
        .map(|m| format!("，月活 {m}"))
        .unwrap_or_default();
    let mau_en = p
        .monthly_active
        .map(|m| format!(", {m} monthly active users"))
        .unwrap_or_default();
    (
        format!("{level_zh}{}{mau_zh}", p.kind.label_zh()),
        format!("{level_en} {}{mau_en}", p.kind.code()),
    )
}

/// What decided a merge: the overlap of functions and data items (a cluster), or the
/// rule that one unit keeps one account per channel (no overlap is claimed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MergeGround {
    /// A member of an overlap cluster merging into its target.
    Overlap,
    /// A second account of one owner on one channel merging into the primary one.
    PrimaryAccount,
}

/// The one similarity figure of a pair, used by every sentence about it: the weighted
/// Jaccard similarity of the verified (or class-implied) pair, and the weighted share of
/// `member`'s tags the other covers. `None` when the two do not pair.
pub(super) fn pair_figures(
    platforms: &[Platform],
    overlap: &Overlap,
    member: usize,
    other: usize,
) -> Option<(f64, f64)> {
    let pair = overlap.implied_pair(platforms, member, other)?;
    Some((pair.similarity, pair.containment_of(member)))
}

/// Why `idx` should merge into `target`. An overlap merge names the shared functions
/// and data items with the pair's figures (or the shared task of two groups); an account
/// merge names the one-account rule and claims no overlap. A target that is flagged
/// itself (`target_flags`, the clauses of its active findings) or has not been updated
/// for `stale_days` days is called out.
pub(super) fn merge_reason(
    platforms: &[Platform],
    overlap: &Overlap,
    idx: usize,
    target: usize,
    ground: MergeGround,
    target_flags: &[&str],
    stale_days: Option<i64>,
) -> Msg {
    let me = &platforms[idx];
    let to = &platforms[target];
    let (to_zh, to_en) = describe(to);
    let mut zh = format!("建议整合至「{}」（{}，{}）", to.name, to.id, to_zh);
    let mut en = format!("Merge into \"{}\" ({}, {})", to.name, to.id, to_en);
    match ground {
        MergeGround::PrimaryAccount => {
            zh.push_str(
                "：同一单位在同一平台只保留用户最多（同数时开通最早）的主账号，本账号内容并入后注销（此项不以功能重叠判定）",
            );
            en.push_str(
                ": one unit keeps one account per platform, the one with most users (then the earliest); this is not an overlap finding",
            );
        }
        MergeGround::Overlap => {
            // Heaviest (rarest) first, so the first names are the ones that make the case.
            let (shared_f, shared_d) = overlap.shared_tags(platforms, idx, target);
            let shared_f: Vec<&str> = shared_f.iter().map(String::as_str).collect();
            let shared_d: Vec<&str> = shared_d.iter().map(String::as_str).collect();
            let same_matter = match (&me.matter, &to.matter) {
                (Some(a), Some(b)) if me.kind == crate::model::Kind::Group && a == b => {
                    Some(a.as_str())
                }
                _ => None,
            };
            let mut parts_zh: Vec<String> = Vec::new();
            let mut parts_en: Vec<String> = Vec::new();
            if let Some((similarity, covered)) = pair_figures(platforms, overlap, idx, target) {
                parts_zh.push(format!(
                    "相似度 {similarity:.2}（按稀有度加权的 Jaccard），本平台 {:.0}% 的功能与数据项已被对方覆盖",
                    covered * 100.0
                ));
                parts_en.push(format!(
                    "similarity {similarity:.2} (weighted Jaccard); {:.0}% of this platform's weighted functions and data items are covered by the target",
                    covered * 100.0
                ));
            }
            if !shared_f.is_empty() {
                parts_zh.push(format!(
                    "共同功能 {} 项：{}",
                    shared_f.len(),
                    name_list(&shared_f, "、", true)
                ));
                parts_en.push(format!(
                    "{} shared functions: {}",
                    shared_f.len(),
                    name_list(&shared_f, ", ", false)
                ));
            }
            if !shared_d.is_empty() {
                parts_zh.push(format!(
                    "共同采集数据项 {} 项：{}",
                    shared_d.len(),
                    name_list(&shared_d, "、", true)
                ));
                parts_en.push(format!(
                    "{} shared data items: {}",
                    shared_d.len(),
                    name_list(&shared_d, ", ", false)
                ));
            }
            if let Some(m) = same_matter {
                parts_zh.push(format!("服务同一事项“{m}”（同一个工作不得重复建群）"));
                parts_en.push(format!("both serve the same task \"{m}\""));
            }
            if shared_f.is_empty() && shared_d.is_empty() && same_matter.is_none() {
                parts_zh.push("重叠分析未找到共同功能或数据项，整合依据为所引规则".to_string());
                parts_en.push("the overlap analysis found no shared function or data item; the rule cited decides".to_string());
            }
            zh.push('：');
            zh.push_str(&parts_zh.join("；"));
            en.push_str(": ");
            en.push_str(&parts_en.join("; "));
        }
    }
    if !target_flags.is_empty() {
        zh.push_str(&format!(
            "。注意：整合目标本身存在问题（{}），承接前须一并整改",
            target_flags.join("；")
        ));
        en.push_str(&format!(
            ". Note: the target is flagged itself ({}); it must be rectified as it takes over",
            target_flags.join("; ")
        ));
    }
    if let Some(days) = stale_days {
        zh.push_str(&format!(
            "。注意：整合目标已 {days} 天未更新或无活跃记录，请先核实其仍在运行"
        ));
        en.push_str(&format!(
            ". Note: the target has not been updated or active for {days} days; check it still runs"
        ));
    }
    Msg::new(zh, en)
}

/// Why a form whose task has finished should stop being filled in.
pub(super) fn finished_form_reason(p: &Platform) -> Msg {
    let matter = p.matter.as_deref().unwrap_or("关联事项");
    Msg::new(
        format!("关联事项“{matter}”已完结，报表应停止填报并注销（防止多头填报、重复索要数据）"),
        format!("The task \"{matter}\" has finished; the form should stop and be withdrawn"),
    )
}

/// The documents a rule rests on, from the policy register: full titles, 文号 (or
/// issuing body and date), binding or local example, a checked quote or the clause as a
/// summary. A rule the register lacks is said to lack it rather than cited from notes.
pub(super) fn clause_reason(rule: &str) -> Option<Msg> {
    let meta = crate::rules::catalog::get(rule)?;
    Some(
        super::policy::Register::builtin()
            .basis(rule, meta.clause)
            .unwrap_or_else(|| {
                Msg::new(
                    format!(
                        "依据：{}（政策登记簿尚未登记该规则的依据文件）",
                        meta.clause
                    ),
                    format!(
                        "Basis: {} (the policy register lists no document for it yet)",
                        meta.clause
                    ),
                )
            }),
    )
}
