//! Rule `serious-wording-error`: accounts, websites and apps that published a serious
//! wording error (严重表述错误).

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "serious-wording-error";

declare_rule! {
    /// ## What it checks
    /// Accounts, websites, apps and mini programs whose published content was found to
    /// carry a serious wording error (严重表述错误, 表述严重不规范, 政治性错误).
    ///
    /// ## Why it matters
    /// “出现严重表述错误”. 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）: a serious
    /// wording error is a single-item veto (单项否决); quarterly notices name the accounts
    /// (三明 2021Q3 三元警方, 浙江 2021Q4 山水湖塘, 汉台 2022Q2 汉台疾控) and order them put right.
    /// Ordinary typos (错别字) are deductions, not this rule.
    ///
    /// ## Evidence
    /// Notes, inspection cells (检查情况, 问题描述 …) or the platform's own documents stating
    /// 严重表述错误, 严重错误表述, 表述不规范, 表述错误, 政治性错误, outside a ban (杜绝出现严重
    /// 错误表述, 切勿出现表述错误) and not marked fixed. Registers keep no column for it, so
    /// text is the evidence; a platform with no text counts as insufficient data.
    ///
    /// ## Example
    /// 汉台疾控, 检查情况 “文章中出现严重错误表述” → flagged, rectify.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct SeriousWordingError;
}

impl Rule for SeriousWordingError {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        deficiency::flag(
            input,
            out,
            ID,
            |k| {
                matches!(
                    k,
                    Kind::Account | Kind::Website | Kind::App | Kind::MiniProgram
                )
            },
            Deficiency::WordingError,
            None,
            |name| {
                Msg::new(
                    format!("“{name}”发布内容出现严重表述错误（单项否决）"),
                    format!("“{name}” published a serious wording error (single-item veto)"),
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
        let mut a = platform("C1", "云溪疾控", Kind::Account);
        a.extra
            .insert("检查情况".into(), "文章中出现严重错误表述".into());
        let mut b = platform("C2", "云溪警方", Kind::Account);
        b.notes = Some("9月检查发现推文出现严重表述不规范".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.notes = Some("杜绝出现严重错误表述".into());
        let mut b = platform("C2", "云溪教育", Kind::Account);
        b.extra.insert("问题描述".into(), "存在错别字2处".into());
        let mut c = platform("C3", "云溪文旅", Kind::Account);
        c.notes = Some("严重表述错误已整改".into());
        let d = platform("C4", "信息不明号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b, c, d]).check(ID));
    }
}
