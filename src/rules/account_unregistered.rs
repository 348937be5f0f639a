//! Rule `account-unregistered`: accounts opened without filing in the new-media register.

use super::{flag_accounts_by_extra_column, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::Msg;

const ID: &str = "account-unregistered";

/// Headers of the registration column.
pub const COLUMNS: [&str; 6] = ["报送", "备案", "登记", "registered", "filed", "register"];

declare_rule! {
    /// ## What it checks
    /// Public accounts that exist on a platform but were not filed in the national
    /// 全国政务新媒体信息报送系统 or the local register.
    ///
    /// ## Why it matters
    /// 宝鸡2024Q3通报: “未按程序申请开通政务新媒体”; 123号 and local rules require opening,
    /// change, closure and deregistration to be filed.
    ///
    /// ## Evidence
    /// A registration column (header containing 报送, 备案, 登记, registered or filed) that
    /// says 否/未报送/未备案. The inventory is itself a register, so without such a
    /// column the rule reports insufficient data.
    ///
    /// ## Example
    /// 青石镇发布, 是否报送全国系统 = 否 → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AccountUnregistered;
}

impl Rule for AccountUnregistered {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        flag_accounts_by_extra_column(input, out, ID, &COLUMNS, |name, header, value| {
            Msg::new(
                format!("“{name}”未按程序报送备案（{header}：{value}）"),
                format!("“{name}” is not filed in the new-media register ({header}: {value})"),
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
        let mut a = platform("C1", "青石镇发布", Kind::Account);
        a.extra.insert("是否报送全国系统".into(), "否".into());
        insta::assert_snapshot!(Case::new(vec![a]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.extra.insert("是否报送全国系统".into(), "已报送".into());
        let b = platform("C2", "无登记列", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
