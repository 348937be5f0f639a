//! Rule `inspection-failed`: a failed inspection result kept in the register.

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::Msg;
use crate::model::{kept_value, KeptColumn};

const ID: &str = "inspection-failed";

/// Whether an inspection result cell says the platform failed.
pub fn failed(result: &str) -> bool {
    let t = result.trim();
    let passed = ["合格", "达标", "通过", "良好", "优秀", "正常", "无问题"];
    let failed = [
        "不合格",
        "不达标",
        "未通过",
        "未达标",
        "差",
        "较差",
        "单项否决",
        "否决",
        "整改",
        "存在问题",
        "有问题",
    ];
    failed.iter().any(|f| t.contains(f)) && !passed.contains(&t)
}

declare_rule! {
    /// ## What it checks
    /// Platforms whose register keeps a failed result of the last inspection (四季度检查结果
    /// = 不合格, 抽查情况 = 不达标). The register's own verdict is the finding, cited by its
    /// column, even when no reason is written; a stated reason (检查发现问题, 问题描述) is
    /// quoted with it and read by the other rules like notes.
    ///
    /// ## Why it matters
    /// “检查结果不合格的政府网站、政务新媒体应限期整改”.
    /// 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）: an account or website that fails
    /// the quarterly inspection must be rectified (限期整改) and is named in the notice.
    ///
    /// ## Evidence
    /// A kept inspection-result column (检查结果, 抽查结果, 抽查情况, 检查情况, …, also with a
    /// prefix such as 四季度) whose value says 不合格, 不达标, 未通过, 单项否决 …; platforms
    /// without such a column count as insufficient data.
    ///
    /// ## Example
    /// 云溪自然资源, 四季度检查结果 = 不合格, 问题描述 = 未开通留言功能 → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct InspectionFailed;
}

impl Rule for InspectionFailed {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            let result = kept_value(&p.extra, KeptColumn::InspectionResult);
            let Some((header, value)) = result else {
                counts.count(true);
                continue;
            };
            counts.count(false);
            if !failed(value) {
                continue;
            }
            let mut evidence = vec![Evidence::field(header, value)];
            if let Some((issue_header, issue)) = kept_value(&p.extra, KeptColumn::InspectionIssue) {
                evidence.push(Evidence::field(issue_header, issue));
            }
            let reason = kept_value(&p.extra, KeptColumn::InspectionIssue)
                .map(|(_, issue)| format!("：{issue}"))
                .unwrap_or_default();
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!("“{}”{header}为“{value}”{reason}，应限期整改", p.name),
                    format!("“{}” failed the inspection ({header}: {value})", p.name),
                ),
                evidence,
            ));
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::rules::testing::{platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪自然资源", Kind::Account);
        a.extra.insert("四季度检查结果".into(), "不合格".into());
        a.extra.insert("问题描述".into(), "未开通留言功能".into());
        // No reason written: the result alone is the finding.
        let mut b = platform("W1", "云溪县人民政府网", Kind::Website);
        b.extra.insert("抽查情况".into(), "不达标".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.extra.insert("四季度检查结果".into(), "合格".into());
        let b = platform("C2", "无检查列", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn results() {
        assert!(failed("不合格"));
        assert!(failed("单项否决"));
        assert!(!failed("合格"));
        assert!(!failed("达标"));
    }
}
