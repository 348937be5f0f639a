//! Rule `broken-links`: accounts, apps, mini programs and websites whose links, menus or functions do not work.

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::KeptColumn;
use crate::model::{Kind, Msg};

const ID: &str = "broken-links";

declare_rule! {
    /// ## What it checks
    /// Accounts, apps, mini programs and websites whose links, menus or functions do not
    /// work.
    ///
    /// ## Why it matters
    /// “存在错链、断链或功能无法正常使用”.
    /// 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）: 错链断链、功能不可用 are single-item deductions; quarterly
    /// notices list them by name.
    ///
    /// ## Evidence
    /// A 链接可用性 / 功能是否可用 column that says no; or notes, inspection cells or the platform's
    /// own documents stating 链接失效, 无法打开, 功能无法使用, 错链/断链, outside a ban and not marked fixed.
    ///
    /// ## Example
    /// 云溪政务, 问题描述 “菜单栏链接失效” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct BrokenLinks;
}

impl Rule for BrokenLinks {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let column: Option<KeptColumn> = Some(KeptColumn::LinkStatus);
        deficiency::flag(
            input,
            out,
            ID,
            |k| {
                matches!(
                    k,
                    Kind::Account | Kind::App | Kind::MiniProgram | Kind::Website
                )
            },
            Deficiency::Broken,
            column,
            |name| {
                Msg::new(
                    format!("“{name}”存在链接失效或功能无法使用"),
                    format!("“{name}” has broken links or functions that do not work"),
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪政务", Kind::Account);
        a.extra.insert("问题描述".into(), "菜单栏链接失效".into());
        let mut b = platform("W1", "云溪县人民政府网", Kind::Website);
        b.extra.insert("链接可用性".into(), "否".into());
        let case = Case::new(vec![a, b]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.notes = Some("不得出现链接失效、功能无法使用等问题".into());
        let mut b = platform("C2", "云溪公安", Kind::Account);
        b.extra
            .insert("问题描述".into(), "菜单链接失效，现已修复".into());
        let c = platform("C3", "信息不明号", Kind::Account);
        let case = Case::new(vec![a, b, c]);
        insta::assert_snapshot!(case.check(ID));
    }
}
