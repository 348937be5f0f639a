//! Rule `assess-by-engagement`: likes, shares, reads, votes, study time or points used
//! as assessment criteria.

use super::tags::ENGAGEMENT;
use super::text::Practice;
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "assess-by-engagement";

declare_rule! {
    /// ## What it checks
    /// Apps, platforms and public accounts whose engagement metrics (点赞, 转发, 阅读量,
    /// 投票, 学习时长, 积分) count in assessments.
    ///
    /// ## Why it matters
    /// 办法(四) forbids “将点赞量、网络投票数、转发量、学习时长等作为考评依据”; 意见“防止滥用排名”.
    ///
    /// ## Evidence
    /// `assessment_linked` = 是 and `functions` contain 积分排名/学习时长/点赞/转发/阅读量/
    /// 在线时长统计; or an assessment document (考核细则, 通报) attributed to the platform
    /// scores likes, votes, shares, reads, study time or points, outside a prohibition
    /// (“点赞量不作为考核依据” is compliance).
    ///
    /// ## Example
    /// “公众号阅读量、转发量纳入年度考核，每月通报排名” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AssessByEngagement;
}

impl Rule for AssessByEngagement {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !matches!(
                p.kind,
                Kind::App | Kind::MiniProgram | Kind::Platform | Kind::Account
            ) {
                continue;
            }
            let metrics = input.tags.find(&ENGAGEMENT, &p.functions);
            let mut evidence = Vec::new();
            if !metrics.is_empty() && p.assessment_linked == Some(true) {
                evidence.push(Evidence::field("functions", metrics.join("、")));
                evidence.push(Evidence::field("assessment_linked", "是"));
            }
            evidence.extend(
                input
                    .hits_for(idx, &[Practice::EngagementScored])
                    .map(|h| input.doc_evidence(h)),
            );
            let undecided = evidence.is_empty()
                && !input.text.is_documented(idx)
                && (p.functions.is_empty()
                    || (!metrics.is_empty() && p.assessment_linked.is_none()));
            counts.count(undecided);
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”的点赞、转发、阅读、学习时长或积分等被作为考评依据", p.name),
                        format!("“{}”: likes, shares, reads, study time or points are used in assessment", p.name),
                    ),
                    evidence,
                ));
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("A1", "云溪学习通", Kind::App);
        a.functions = tags("学习时长统计、积分排名");
        a.assessment_linked = Some(true);
        let b = platform("C1", "云溪发布", Kind::Account);
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/C1/考核细则.txt",
            Some("C1"),
            "一、宣传工作（10分）\n公众号阅读量、转发量纳入年度考核，每月通报排名。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "云溪学习通", Kind::App);
        a.functions = tags("学习时长统计、积分排名");
        a.assessment_linked = Some(false);
        let b = platform("C1", "云溪发布", Kind::Account);
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/C1/考核细则.txt",
            Some("C1"),
            "严禁将点赞量、转发量、学习时长作为考核依据。\n阅读量不纳入考核。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
