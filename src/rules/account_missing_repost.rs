//! Rule `account-missing-repost`: public accounts that did not repost important information their superior required (a deficiency of the account).

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::KeptColumn;
use crate::model::{Kind, Msg};

const ID: &str = "account-missing-repost";

declare_rule! {
    /// ## What it checks
    /// Public accounts that did not repost important information their superior required (a
    /// deficiency of the account). Being forced to repost, or ranked on reposts, is
    /// coercion and belongs to account-forced-promotion and assess-by-engagement, never
    /// here.
    ///
    /// ## Why it matters
    /// “未按要求转发上级发布的重要信息”.
    /// 政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）: 未按要求转发重要信息 is a deduction in quarterly notices.
    ///
    /// ## Evidence
    /// Notes, inspection cells or the account's own documents stating 未按要求转发/转载/发布
    /// important information, outside a ban and not marked fixed.
    ///
    /// ## Example
    /// 云溪水利, 问题描述 “未按要求转发重要信息” → flagged (and not as forced promotion).
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AccountMissingRepost;
}

impl Rule for AccountMissingRepost {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let column: Option<KeptColumn> = None;
        deficiency::flag(
            input,
            out,
            ID,
            |k| k == Kind::Account,
            Deficiency::MissingRepost,
            column,
            |name| {
                Msg::new(
                    format!("“{name}”未按要求转发重要信息"),
                    format!("“{name}” did not repost important information as required"),
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
        let mut a = platform("C1", "云溪水利", Kind::Account);
        a.extra
            .insert("问题描述".into(), "未按要求转发重要信息".into());
        let case = Case::new(vec![a]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.notes = Some("按要求转发重要信息".into());
        let b = platform("C2", "信息不明号", Kind::Account);
        let case = Case::new(vec![a, b]);
        insta::assert_snapshot!(case.check(ID));
    }
}
