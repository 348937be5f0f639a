//! Rule `account-forced-promotion`: follow, share and like quotas for public accounts.

use super::text::Practice;
use super::{flag_by_notes_and_documents, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "account-forced-promotion";

declare_rule! {
    /// ## What it checks
    /// Public accounts promoted by quota: follow counts, share or like tasks,
    /// screenshots proving shares.
    ///
    /// ## Why it matters
    /// 意见“防止强制使用”: “政务公众账号的推广使用应从实际需求出发,不得作强制性要求”; 四川:
    /// “严禁摊派关注、点赞、转发任务”.
    ///
    /// ## Evidence
    /// A document or chat sentence attributed to the account (or its `notes`) that
    /// demands follows, shares or likes as a task (每人转发不少于3次, 截图发群, 关注人数纳入考核),
    /// outside a prohibition.
    ///
    /// ## Example
    /// “请各村干部转发云溪发布今日推文并截图发群” → flagged on 云溪发布.
    ///
    /// ## Configuration
    /// No thresholds. Needs documents; without any the rule reports insufficient data.
    pub struct AccountForcedPromotion;
}

impl Rule for AccountForcedPromotion {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        flag_by_notes_and_documents(
            input,
            out,
            ID,
            |kind| kind == Kind::Account,
            &[Practice::Promotion],
            |name| {
                Msg::new(
                    format!("“{}”被摊派关注、转发、点赞等推广任务", name),
                    format!("follow/share/like quotas are imposed for “{}”", name),
                )
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, platform, Case};

    #[test]
    fn violating() {
        let a = platform("C1", "云溪发布", Kind::Account);
        let g = platform("G1", "青石镇村干部群", Kind::Group);
        let case = Case::new(vec![a, g]).docs(vec![doc(
            "documents/G1/聊天记录.txt",
            Some("G1"),
            "2026-11-03 09:00 王书记: 请各村干部转发云溪发布今日推文并截图发群，每人不少于3个群\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let a = platform("C1", "云溪发布", Kind::Account);
        let b = platform("C2", "云溪教育", Kind::Account);
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/通知.txt",
            None,
            "云溪发布的推广应从实际需求出发，严禁摊派关注、点赞、转发任务。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
