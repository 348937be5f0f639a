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

/// Why `idx` should merge into `target`: shared functions and data fields, the weighted
/// similarity or containment, and what the target is.
pub(super) fn merge_reason(
    platforms: &[Platform],
    overlap: &Overlap,
    idx: usize,
    target: usize,
) -> Msg {
    let me = &platforms[idx];
    let to = &platforms[target];
    // Heaviest (rarest) first, so the first names are the ones that make the case.
    let (shared_f, shared_d) = overlap.shared_tags(platforms, idx, target);
    let shared_f: Vec<&str> = shared_f.iter().map(String::as_str).collect();
    let shared_d: Vec<&str> = shared_d.iter().map(String::as_str).collect();
    let (a, b) = if idx < target {
        (idx, target)
    } else {
        (target, idx)
    };
    let pair = overlap.pair_of(a, b);
    let (measure_zh, measure_en) = match pair {
        Some(pair) => {
            let contained = if idx == pair.a {
                pair.containment_a_in_b
            } else {
                pair.containment_b_in_a
            };
            (
                format!(
                    "加权相似度 {:.2}，本平台 {:.0}% 的功能与数据项（按稀有度加权）已被对方覆盖",
                    pair.similarity,
                    contained * 100.0
                ),
                format!(
                    "weighted similarity {:.2}; {:.0}% of this platform's weighted functions and data fields are covered by the target",
                    pair.similarity,
                    contained * 100.0
                ),
            )
        }
        None => (
            String::from("功能与数据项高度重叠"),
            String::from("functions and data fields overlap"),
        ),
    };
    let (to_zh, to_en) = describe(to);
    let same_matter = match (&me.matter, &to.matter) {
        (Some(a), Some(b)) if me.kind == crate::model::Kind::Group && a == b => Some(a.as_str()),
        _ => None,
    };
    let (matter_zh, matter_en) = match same_matter {
        Some(m) => (
            format!("；服务同一事项“{m}”（同一个工作不得重复建群）"),
            format!("; both serve the same task \"{m}\""),
        ),
        None => (String::new(), String::new()),
    };
    let functions_zh = if shared_f.is_empty() {
        "无".to_string()
    } else {
        name_list(&shared_f, "、", true)
    };
    let data_zh = if shared_d.is_empty() {
        "无".to_string()
    } else {
        name_list(&shared_d, "、", true)
    };
    Msg::new(
        format!(
            "建议整合至「{}」（{}，{}）：{}；共同功能 {} 项：{}；共同采集数据项 {} 项：{}{}",
            to.name,
            to.id,
            to_zh,
            measure_zh,
            shared_f.len(),
            functions_zh,
            shared_d.len(),
            data_zh,
            matter_zh
        ),
        format!(
            "Merge into \"{}\" ({}, {}): {}; {} shared functions: {}; {} shared data fields: {}{}",
            to.name,
            to.id,
            to_en,
            measure_en,
            shared_f.len(),
            name_list(&shared_f, ", ", false),
            shared_d.len(),
            name_list(&shared_d, ", ", false),
            matter_en
        ),
    )
}

/// Why a form whose task has finished should stop being filled in.
pub(super) fn finished_form_reason(p: &Platform) -> Msg {
    let matter = p.matter.as_deref().unwrap_or("关联事项");
    Msg::new(
        format!("关联事项“{matter}”已完结，报表应停止填报并注销（防止多头填报、重复索要数据）"),
        format!("The task \"{matter}\" has finished; the form should stop and be withdrawn"),
    )
}

/// The catalog clause and source a rule rests on, as a citation sentence.
pub(super) fn clause_reason(rule: &str) -> Option<Msg> {
    let meta = crate::rules::catalog::get(rule)?;
    Some(Msg::new(
        format!("依据：“{}”（{}）", meta.clause, meta.source),
        format!("Basis: \"{}\" ({}) [rule {rule}]", meta.clause, meta.source),
    ))
}
