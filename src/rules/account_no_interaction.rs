//! Rule `account-no-interaction`: public accounts without working interaction.

use super::{flag_accounts_by_extra_column, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::Msg;

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
    /// says 否/无/失效/关闭. The function list alone cannot show that an entry is
    /// missing or broken, so without such a column the rule reports insufficient data
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
        flag_accounts_by_extra_column(input, out, ID, &COLUMNS, |name, header, value| {
            Msg::new(
                format!("“{name}”未提供有效互动功能（{header}：{value}）"),
                format!("“{name}” has no working interaction ({header}: {value})"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::rules::testing::{platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪城管", Kind::Account);
        a.extra.insert("互动功能".into(), "否".into());
        insta::assert_snapshot!(Case::new(vec![a]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.extra.insert("互动功能".into(), "是".into());
        let b = platform("C2", "无互动列", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
