//! Rule `account-commercial-ads`: commercial advertising in public accounts.

use super::{flag_commercial, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "account-commercial-ads";

declare_rule! {
    /// ## What it checks
    /// Public accounts whose posts or menus carry commercial advertising.
    ///
    /// ## Why it matters
    /// 国办秘函〔2019〕19号检查指标: “存在商业广告” (宝鸡2024Q3通报陇县公安).
    ///
    /// ## Evidence
    /// `functions` (menus) contain 广告/商城/带货; or the description, notes or an
    /// attributed document say the account carries ads, outside a prohibition.
    ///
    /// ## Example
    /// 云溪公安, notes “推文底部插入商业广告” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AccountCommercialAds;
}

impl Rule for AccountCommercialAds {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        flag_commercial(
            input,
            out,
            ID,
            |kind| kind == Kind::Account,
            |name| {
                Msg::new(
                    format!("“{name}”存在商业广告"),
                    format!("“{name}” carries commercial advertising"),
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪公安", Kind::Account);
        a.notes = Some("推文底部插入商业广告。".into());
        let mut b = platform("C2", "云溪美食", Kind::Account);
        b.functions = tags("美食推荐、团购");
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.functions = tags("信息发布、留言互动");
        a.notes = Some("已按要求清理商业广告。".into());
        let b = platform("C2", "信息不明号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
