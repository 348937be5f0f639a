//! Rule `duplicate-data-entry`: forms whose data is already collected by another form or
//! platform.

use super::{overlap_findings, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::Kind;

const ID: &str = "duplicate-data-entry";

declare_rule! {
    /// ## What it checks
    /// Reporting forms whose data fields are contained in another form or platform of
    /// the same or higher level: the grassroots fill in the same data twice.
    ///
    /// ## Why it matters
    /// 意见“防止多头填报”: “防止多头填报、重复索要数据” (“一站式”综合平台、“一张表”); 江西、江苏一表通.
    ///
    /// ## Evidence
    /// Membership (not as the target) of an overlap cluster whose target is a form or a
    /// platform: the form's data fields are ≥ 0.8 contained in the target's, or
    /// similar to them; the finding names the target and the shared fields.
    ///
    /// ## Example
    /// 低保户信息统计表 whose fields are all collected by 云溪市一表通平台 → flagged.
    ///
    /// ## Configuration
    /// The `[overlap]` thresholds.
    pub struct DuplicateDataEntry;
}

impl Rule for DuplicateDataEntry {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        overlap_findings(
            input,
            out,
            ID,
            |k| k == Kind::Form,
            |k| {
                matches!(
                    k,
                    Kind::Form | Kind::Platform | Kind::App | Kind::MiniProgram
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{cluster, platform, tags, Case};

    #[test]
    fn violating() {
        let mut f = platform("F1", "低保户信息统计表", Kind::Form);
        f.data_fields = tags("户主姓名、家庭人口、月收入");
        let mut t = platform("P1", "云溪市一表通平台", Kind::Platform);
        t.data_fields = tags("户主姓名、家庭人口、月收入、住房情况");
        let case = Case::new(vec![f, t]).clusters(vec![cluster(1, &[0, 1], 0.85)]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut f = platform("F1", "低保户信息统计表", Kind::Form);
        f.data_fields = tags("户主姓名、家庭人口、月收入");
        let g = platform("F2", "无字段表", Kind::Form);
        insta::assert_snapshot!(Case::new(vec![f, g]).check(ID));
    }
}
