//! Rule `opened-without-filing`: accounts, apps and websites opened without filing (私自开设, 未备案, 未在系统填报登记).

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::KeptColumn;
use crate::model::{Kind, Msg};

const ID: &str = "opened-without-filing";

declare_rule! {
    /// ## What it checks
    /// Accounts, apps and websites opened without filing (私自开设, 未备案, 未在系统填报登记). For
    /// accounts a 是否报送/备案 column is also read by account-unregistered; this rule adds the
    /// text and the other kinds.
    ///
    /// ## Why it matters
    /// “未按程序报备即开设政务新媒体、政府网站或政务应用(私自开设、未备案)”.
    /// 国办发〔2018〕123号《关于推进政务新媒体健康有序发展的意见》: 开设、变更、关停、注销 go through filing; quarterly notices
    /// name accounts 私自开设 or 未备案.
    ///
    /// ## Evidence
    /// A 是否备案 / 是否报备 column that says no (apps, mini programs, websites); or notes,
    /// inspection cells or the platform's own documents stating 私自开设, 未备案, 未经审批, 未在…系统填报登记,
    /// outside a ban and not marked fixed.
    ///
    /// ## Example
    /// 云溪乡村振兴, 备注 “私自开设，未在系统填报登记” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct OpenedWithoutFiling;
}

impl Rule for OpenedWithoutFiling {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let column: Option<KeptColumn> = Some(KeptColumn::FilingStatus);
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
            Deficiency::Unfiled,
            column,
            |name| {
                Msg::new(
                    format!("“{name}”未按程序报备即开设（私自开设/未备案）"),
                    format!("“{name}” was opened without filing"),
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
        let mut a = platform("C1", "云溪乡村振兴", Kind::Account);
        a.notes = Some("私自开设，未在系统填报登记".into());
        let mut b = platform("A1", "云溪办事", Kind::App);
        b.extra.insert("是否备案".into(), "否".into());
        let case = Case::new(vec![a, b]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.notes = Some("已在系统填报登记".into());
        let b = platform("C2", "信息不明号", Kind::Account);
        let case = Case::new(vec![a, b]);
        insta::assert_snapshot!(case.check(ID));
    }
}
