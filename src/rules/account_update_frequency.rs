//! Rule `account-update-frequency`: accounts that update less often than the local rule
//! asks (at least N updates a week, no gap over D days), or never since they opened.

use std::sync::LazyLock;

use regex::Regex;

use super::deficiency;
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Msg, Platform};

const ID: &str = "account-update-frequency";

/// A count per week or month in a frequency cell or sentence: 每周3次, 3次/周, 月均4条,
/// 少于每周3次 (the number is then an upper bound).
static RATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(少于|低于|不足|不到|小于)?(每|月均|周均)?(周|月)?(\d+(?:\.\d+)?)\s*(次|条|篇)?\s*(/|每)?(周|月)?",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Never updated since it opened: 开通以来未更新, 从未更新, 自开设以来未发布.
static NEVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(开通|开设|注册|上线)(以来|后)[^，,。；;]{0,4}(从未|未|没有|一直未)(更新|发布|发文)|从未(更新|发布|发文)|零更新")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Headers of a kept frequency column (更新频次, 更新次数, 发文频次, 本周发文数 …).
fn frequency_cell(p: &Platform) -> Option<(&str, &str)> {
    p.extra
        .iter()
        .find(|(h, _)| {
            [
                "更新频次",
                "更新频率",
                "更新次数",
                "发文频次",
                "发文次数",
                "发布频次",
                "发文数",
                "更新数",
            ]
            .iter()
            .any(|k| h.contains(k))
        })
        .map(|(h, v)| (h.as_str(), v.as_str()))
}

/// Updates a week a text states, and whether it is an upper bound (少于每周3次 → (3, true)).
fn weekly_rate(text: &str) -> Option<(f64, bool)> {
    for cap in RATE.captures_iter(text) {
        let n: f64 = cap.get(4)?.as_str().parse().ok()?;
        let unit = cap
            .get(7)
            .or_else(|| cap.get(3))
            .map(|m| m.as_str())
            .or_else(|| cap.get(2).and_then(|m| m.as_str().strip_suffix('均')));
        let per_week = match unit {
            Some("周") => n,
            Some("月") => n * 7.0 / 30.0,
            _ => continue,
        };
        return Some((per_week, cap.get(1).is_some()));
    }
    None
}

declare_rule! {
    /// ## What it checks
    /// Public accounts that update less often than the local rule of their area asks —
    /// at least `min_per_week` updates a week, no gap over `max_gap_days` days — and
    /// accounts never updated since they opened.
    ///
    /// ## Why it matters
    /// “未达到本地规定的更新频次”. Beyond the national two-week veto (国办秘函〔2019〕19号),
    /// counties set their own cadence: 夏邑 2022 (政务微信每周更新不少于3次), 河东 2021 (超过10天
    /// 未更新), 紫阳 2021 (每两周至少更新一次), 闽侯 (每10天内更新); an account never updated
    /// since it opened is an empty shell (空壳).
    ///
    /// ## Evidence
    /// For the first `[[rules.update_frequency]]` entry whose `area` the account's region
    /// or owner names: a frequency column (更新频次, 更新次数, 发文数 …: 每周2次, 少于每周3次,
    /// 月均4条) below `min_per_week`, or notes saying so (更新次数少于每周3次); or
    /// `last_update` more than `max_gap_days` before the audit date. Everywhere: notes or
    /// a frequency cell saying 开通以来未更新 / 从未更新. Accounts without a frequency, date
    /// or text count as insufficient data where a local rule applies.
    ///
    /// ## Example
    /// `area = "夏邑县", min_per_week = 3`; 夏邑司法行政在线, 更新频次 “少于每周3次” → flagged.
    ///
    /// ## Configuration
    /// `[[rules.update_frequency]]`: `area`, `min_per_week`, `max_gap_days`.
    pub struct AccountUpdateFrequency;
}

impl Rule for AccountUpdateFrequency {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let settings = input.ctx.settings;
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            let local = settings
                .update_frequency
                .iter()
                .find(|f| f.covers(p.region.as_deref(), p.owner.as_deref()));
            let cell = frequency_cell(p);
            let texts = deficiency::texts(p);
            let mut evidence = Vec::new();
            let mut what_zh = Vec::new();
            let mut what_en = Vec::new();
            // Never updated since it opened: everywhere.
            for (column, text) in texts.iter().copied().chain(cell) {
                if let Some(m) = NEVER.find(text) {
                    evidence.push(Evidence::field(column, text));
                    what_zh.push(format!("开设以来未更新（{}）", m.as_str()));
                    what_en.push("never updated since it opened".to_string());
                    break;
                }
            }
            if let Some(rule) = local {
                if let Some(min) = rule.min_per_week {
                    let stated = cell
                        .into_iter()
                        .chain(texts.iter().copied())
                        .find_map(|(column, text)| weekly_rate(text).map(|r| (column, text, r)));
                    if let Some((column, text, (rate, upper))) = stated {
                        if rate < min || (upper && rate <= min) {
                            evidence.push(Evidence::field(column, text));
                            what_zh.push(format!("更新频次“{text}”低于本地要求每周{min}次"));
                            what_en.push(format!(
                                "update rate “{text}” is below the local {min} a week"
                            ));
                        }
                    }
                }
                if let (Some(max_gap), Some(last)) = (rule.max_gap_days, p.last_update) {
                    let days = input.days_since(last);
                    if days > i64::from(max_gap) {
                        evidence.push(Evidence::field("last_update", last.to_string()));
                        what_zh.push(format!(
                            "最近更新于{last}，已{days}天未更新（本地要求不超过{max_gap}天）"
                        ));
                        what_en.push(format!(
                            "last updated {last}, {days} days ago (local limit {max_gap})"
                        ));
                    }
                }
                counts.count(
                    evidence.is_empty()
                        && cell.is_none()
                        && p.last_update.is_none()
                        && texts.is_empty(),
                );
            } else if !evidence.is_empty() {
                counts.count(false);
            }
            if evidence.is_empty() {
                continue;
            }
            let area = local.map(|r| r.area.trim()).filter(|a| !a.is_empty());
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!(
                        "“{}”更新频次不足{}：{}",
                        p.name,
                        area.map(|a| format!("（{a}本地规定）")).unwrap_or_default(),
                        what_zh.join("；")
                    ),
                    format!("“{}” updates too rarely: {}", p.name, what_en.join("; ")),
                ),
                evidence,
            ));
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        let rules: Vec<String> = settings
            .update_frequency
            .iter()
            .map(|f| {
                format!(
                    "{}：每周至少{}次，间隔不超过{}天",
                    if f.area.trim().is_empty() {
                        "全部"
                    } else {
                        f.area.trim()
                    },
                    f.min_per_week.map_or("—".to_string(), |v| v.to_string()),
                    f.max_gap_days.map_or("—".to_string(), |v| v.to_string()),
                )
            })
            .collect();
        vec![(
            "update_frequency",
            if rules.is_empty() {
                "（未设置）".to_string()
            } else {
                rules.join("；")
            },
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::settings::UpdateFrequency;
    use crate::rules::testing::{date, platform, Case};

    fn xiayi() -> RuleSettings {
        RuleSettings {
            update_frequency: vec![UpdateFrequency {
                area: "夏邑县".into(),
                min_per_week: Some(3.0),
                max_gap_days: Some(10),
            }],
            ..RuleSettings::default()
        }
    }

    fn account(id: &str, name: &str, owner: &str) -> Platform {
        let mut p = platform(id, name, Kind::Account);
        p.owner = Some(owner.into());
        p
    }

    #[test]
    fn rates_in_office_spellings() {
        assert_eq!(weekly_rate("少于每周3次"), Some((3.0, true)));
        assert_eq!(weekly_rate("每周2次"), Some((2.0, false)));
        assert_eq!(weekly_rate("2次/周"), Some((2.0, false)));
        assert_eq!(weekly_rate("更新次数少于每周3次"), Some((3.0, true)));
        assert!(weekly_rate("月均6条").is_some_and(|(r, _)| (r - 1.4).abs() < 0.01));
        assert_eq!(weekly_rate("正常"), None);
    }

    #[test]
    fn violating() {
        let mut a = account("C1", "夏邑司法行政在线", "夏邑县司法局");
        a.extra.insert("更新频次".into(), "少于每周3次".into());
        let mut b = account("C2", "夏邑交通", "夏邑县交通运输局");
        b.last_update = Some(date("2026-11-05"));
        let mut c = account("C3", "云溪空壳号", "云溪县档案馆");
        c.notes = Some("开通以来从未更新".into());
        insta::assert_snapshot!(Case::new(vec![a, b, c]).settings(xiayi()).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = account("C1", "夏邑发布", "夏邑县人民政府办公室");
        a.extra.insert("更新频次".into(), "每周5次".into());
        a.last_update = Some(date("2026-11-18"));
        // Another county's account is not held to 夏邑's rule.
        let mut b = account("C2", "云溪交通", "云溪县交通运输局");
        b.extra.insert("更新频次".into(), "每周1次".into());
        b.last_update = Some(date("2026-11-01"));
        let c = account("C3", "夏邑无信息", "夏邑县档案馆");
        insta::assert_snapshot!(Case::new(vec![a, b, c]).settings(xiayi()).check(ID));
        // Without a local rule only 从未更新 counts.
        let mut d = account("C4", "夏邑司法行政在线", "夏邑县司法局");
        d.extra.insert("更新频次".into(), "少于每周3次".into());
        let none = Case::new(vec![d]).check(ID);
        assert!(!none.contains("C4 "), "{none}");
    }
}
