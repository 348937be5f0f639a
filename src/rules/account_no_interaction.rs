//! Rule `account-no-interaction`: public accounts without working interaction.

use super::deficiency::{self, Deficiency};
use super::{extra_flag, CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "account-no-interaction";

/// Headers of the interaction column.
pub const COLUMNS: [&str; 4] = ["互动", "interaction", "留言功能", "私信"];

declare_rule! {
    /// ## What it checks
    /// Public accounts whose interaction entries (留言, 私信, 菜单互动) are missing or
    /// broken.
    ///
    /// ## Why it matters
    /// 国办秘函〔2019〕19号检查指标 (单项否决): “未提供有效互动功能” (宝鸡2024Q3, 连云港2023-09).
    ///
    /// ## Evidence
    /// An interaction column (header containing 互动, interaction, 留言功能 or 私信) that
    /// says 否/无/失效/关闭; or notes, inspection cells (问题描述, 检查发现问题) or the
    /// account's own documents stating it (未开通留言功能, 留言长期未回复), outside a ban
    /// and not marked fixed. The function list alone cannot show that an entry is
    /// missing or broken, so without a column or text the rule reports insufficient data
    /// instead of guessing.
    ///
    /// ## Example
    /// 云溪城管, 互动功能 = 否 → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AccountNoInteraction;
}

impl Rule for AccountNoInteraction {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            let flag = extra_flag(p, &COLUMNS);
            let mut evidence = Vec::new();
            let mut message = Msg::new(
                format!("“{}”未提供有效互动功能", p.name),
                format!("“{}” has no working interaction", p.name),
            );
            if let Some((header, value, Some(false))) = flag {
                evidence.push(Evidence::field(header, value));
                message = Msg::new(
                    format!("“{}”未提供有效互动功能（{header}：{value}）", p.name),
                    format!(
                        "“{}” has no working interaction ({header}: {value})",
                        p.name
                    ),
                );
            }
            // 未开通留言功能, 留言长期未回复 in notes, 问题描述 or the account's documents.
            evidence.extend(deficiency::evidence(input, idx, Deficiency::NoInteraction));
            let decided = matches!(flag, Some((_, _, Some(_))));
            counts.count(evidence.is_empty() && !decided && !deficiency::has_text(input, idx));
            if !evidence.is_empty() {
                out.push(Finding::new(idx, ID, message, evidence));
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪城管", Kind::Account);
        a.extra.insert("互动功能".into(), "否".into());
        let mut b = platform("C2", "云溪自然资源", Kind::Account);
        b.extra.insert("问题描述".into(), "未开通留言功能".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.extra.insert("互动功能".into(), "是".into());
        let b = platform("C2", "无互动列", Kind::Account);
        let mut c = platform("C3", "云溪教育", Kind::Account);
        c.notes = Some("已开通留言功能，回复及时".into());
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
