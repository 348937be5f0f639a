//! Rule `app-as-assessment-vehicle`: apps turned into the vehicle of daily scoring and
//! online inspection.

use super::tags::ASSESSMENT_VEHICLE;
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "app-as-assessment-vehicle";

declare_rule! {
    /// ## What it checks
    /// Apps and work platforms with daily scoring, online inspection or task-completion
    /// ranking modules that are linked to assessment.
    ///
    /// ## Why it matters
    /// 办法(四) forbids “把政务应用程序异化为工作考核日常化、督查检查线上化的主要载体”;
    /// 意见“防止过度留痕”.
    ///
    /// ## Evidence
    /// `functions` contain 日常打分/线上督查/任务完成率排名/考核评分 **and**
    /// `assessment_linked` = 是.
    ///
    /// ## Example
    /// 基层治理考评平台, functions 日常打分、线上督查, 是否纳入考核 = 是 → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AppAsAssessmentVehicle;
}

impl Rule for AppAsAssessmentVehicle {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !matches!(p.kind, Kind::App | Kind::Platform) {
                continue;
            }
            let modules = input.tags.find(&ASSESSMENT_VEHICLE, &p.functions);
            let undecided =
                p.functions.is_empty() || (!modules.is_empty() && p.assessment_linked.is_none());
            counts.count(undecided);
            if !modules.is_empty() && p.assessment_linked == Some(true) {
                let list = modules.join("、");
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "“{}”含{list}模块并纳入考核，成为考核日常化、督查线上化的载体",
                            p.name
                        ),
                        format!("“{}” has {list} modules linked to assessment", p.name),
                    ),
                    vec![
                        Evidence::field("functions", list),
                        Evidence::field("assessment_linked", "是"),
                    ],
                ));
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("P1", "基层治理考评平台", Kind::Platform);
        a.functions = tags("日常打分、线上督查、任务完成率排名");
        a.assessment_linked = Some(true);
        insta::assert_snapshot!(Case::new(vec![a]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("P1", "基层治理考评平台", Kind::Platform);
        a.functions = tags("日常打分、线上督查");
        a.assessment_linked = Some(false);
        let mut b = platform("P2", "办公平台", Kind::Platform);
        b.functions = tags("公文流转");
        b.assessment_linked = Some(true);
        let mut c = platform("P3", "督查平台", Kind::Platform);
        c.functions = tags("线上督查");
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
