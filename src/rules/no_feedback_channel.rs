//! Rule `no-feedback-channel`: apps without a complaint or suggestion entry.

use super::tags::FEEDBACK;
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::Msg;

const ID: &str = "no-feedback-channel";

declare_rule! {
    /// ## What it checks
    /// Apps and mini programs whose listed functions include no complaint, suggestion
    /// or feedback entry.
    ///
    /// ## Why it matters
    /// 意见 (安全管理部分) and 办法: “主办单位应在政务应用程序中提供投诉建议功能”.
    ///
    /// ## Evidence
    /// `functions` is known (non-empty) and contains none of 投诉建议/意见反馈/留言咨询
    /// (or similar: 投诉, 反馈, 留言, 咨询, 信箱). Without functions the rule reports
    /// insufficient data.
    ///
    /// ## Example
    /// 云溪学习通, functions 学习时长统计、积分排名 → flagged.
    ///
    /// ## Configuration
    /// No thresholds. Low severity: listed in flags, does not by itself change `keep`.
    pub struct NoFeedbackChannel;
}

impl Rule for NoFeedbackChannel {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !p.kind.is_app_like() {
                continue;
            }
            counts.count(p.functions.is_empty());
            if !p.functions.is_empty() && !input.tags.any(&FEEDBACK, &p.functions) {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”未提供投诉建议功能", p.name),
                        format!("“{}” has no complaint or suggestion entry", p.name),
                    ),
                    vec![Evidence::field("functions", p.functions.join("、"))],
                ));
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::rules::testing::{platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("A1", "云溪学习通", Kind::App);
        a.functions = tags("学习时长统计、积分排名");
        insta::assert_snapshot!(Case::new(vec![a]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "云溪办事", Kind::App);
        a.functions = tags("办事指南、意见反馈");
        let b = platform("A2", "功能不明", Kind::App);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
