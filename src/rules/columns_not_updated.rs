//! Rule `columns-not-updated`: accounts and websites whose columns (栏目) are not updated or empty.

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::KeptColumn;
use crate::model::{Kind, Msg};

const ID: &str = "columns-not-updated";

declare_rule! {
    /// ## What it checks
    /// Accounts and websites whose columns (栏目) are not updated or empty.
    ///
    /// ## Why it matters
    /// “栏目应更新未更新或存在空白栏目”.
    /// 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）: 栏目不更新、空白栏目 are deductions (应更新未更新).
    ///
    /// ## Evidence
    /// Notes, inspection cells or the platform's own documents stating 栏目长期未更新, 空白栏目,
    /// outside a ban and not marked fixed. Registers rarely keep a column for it, so text
    /// is the evidence.
    ///
    /// ## Example
    /// 云溪县人民政府网, 检查发现问题 “部分栏目长期未更新” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct ColumnsNotUpdated;
}

impl Rule for ColumnsNotUpdated {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let column: Option<KeptColumn> = None;
        deficiency::flag(
            input,
            out,
            ID,
            |k| matches!(k, Kind::Account | Kind::Website),
            Deficiency::StaleColumns,
            column,
            |name| {
                Msg::new(
                    format!("“{name}”存在栏目长期未更新或空白栏目"),
                    format!("“{name}” has columns that are not updated or empty"),
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
        let mut a = platform("W1", "云溪县人民政府网", Kind::Website);
        a.extra
            .insert("检查发现问题".into(), "部分栏目长期未更新".into());
        let case = Case::new(vec![a]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("W1", "云溪县人民政府网", Kind::Website);
        a.notes = Some("栏目更新及时".into());
        let b = platform("W2", "信息不明网", Kind::Website);
        let case = Case::new(vec![a, b]);
        insta::assert_snapshot!(case.check(ID));
    }
}
