//! Rule `account-no-original`: public accounts without original content for months.

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{kept_value, KeptColumn};
use crate::model::{Kind, Msg};

const ID: &str = "account-no-original";

/// Days without an original post after which the rule fires (three months, the
/// national indicator's deduction; several provinces use one month).
pub const NO_ORIGINAL_DAYS: i64 = 90;

declare_rule! {
    /// ## What it checks
    /// Public accounts that published nothing original for three months: their last
    /// original post is older than that, or the inspection says so (3个月无原创, 仅转发).
    /// A recent repost does not count as an update here.
    ///
    /// ## Why it matters
    /// “监测时间点前3个月内无原创内容(转发不计为更新)”.
    /// 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）: an account without original
    /// content is not maintained; 宝鸡/渭南 notices flag 1 or 3 months without originals.
    ///
    /// ## Evidence
    /// A 最近原创时间 column older than `NO_ORIGINAL_DAYS` (90) days before the audit;
    /// or notes, 问题描述/检查发现问题 cells or the account's own documents stating it
    /// (无原创, 未发布原创, 仅转发), outside a ban and not marked fixed.
    ///
    /// ## Example
    /// 云溪教育, 问题描述 “近3个月无原创内容” → flagged.
    ///
    /// ## Configuration
    /// No settings; the threshold is `NO_ORIGINAL_DAYS`.
    pub struct AccountNoOriginal;
}

impl Rule for AccountNoOriginal {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            let original = kept_value(&p.extra, KeptColumn::LastOriginal).and_then(|(h, v)| {
                let date = deficiency::parse_day(v)?;
                Some((h, date))
            });
            let mut evidence = Vec::new();
            if let Some((header, date)) = original {
                if input.days_since(date) > NO_ORIGINAL_DAYS {
                    evidence.push(Evidence::field(header, date.to_string()));
                }
            }
            evidence.extend(deficiency::evidence(input, idx, Deficiency::NoOriginal));
            counts.count(
                evidence.is_empty() && original.is_none() && !deficiency::has_text(input, idx),
            );
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”超过{NO_ORIGINAL_DAYS}天无原创内容", p.name),
                        format!(
                            "“{}” has published nothing original for more than {NO_ORIGINAL_DAYS} days",
                            p.name
                        ),
                    ),
                    evidence,
                ));
            }
        }
        counts
    }

    fn thresholds(&self, _settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![("no_original_days", NO_ORIGINAL_DAYS.to_string())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪教育", Kind::Account);
        a.extra
            .insert("问题描述".into(), "近3个月无原创内容".into());
        let mut b = platform("C2", "云溪文旅", Kind::Account);
        b.extra.insert("最近原创时间".into(), "2026-06-30".into());
        // A recent repost does not help.
        b.last_update = Some(crate::rules::testing::date("2026-11-18"));
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.extra.insert("最近原创时间".into(), "2026-11-10".into());
        let mut b = platform("C2", "云溪公安", Kind::Account);
        b.notes = Some("原创内容丰富，更新及时".into());
        let c = platform("C3", "信息不明号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
