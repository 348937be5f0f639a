//! Rule `group-not-dissolved`: special-task groups still alive after the task ended.

use super::tags::{text_has, DISSOLVED_MARKERS, ENDED_MARKERS};
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, MatterStatus, Msg};

const ID: &str = "group-not-dissolved";

declare_rule! {
    /// ## What it checks
    /// Work groups set up for a special task (专项) that still exist after the task
    /// ended.
    ///
    /// ## Why it matters
    /// 香洲2019措施 and 意见 (部门转载): “因专项工作组建的微信群在结束工作后应及时解散”; 湖南: “随用随建、及时解散”.
    ///
    /// ## Evidence
    /// `matter_status` = 已完结, or the `matter` text says it ended (已结束, 已完成 …), and
    /// the group is still in the inventory (its notes do not say 已解散). Without
    /// matter or status the rule reports insufficient data.
    ///
    /// ## Example
    /// 2025年人口普查工作群, 事项状态 = 已完结 → flagged: dissolve.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct GroupNotDissolved;
}

impl Rule for GroupNotDissolved {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Group {
                continue;
            }
            counts.count(p.matter_status.is_none() && p.matter.is_none());
            let mut evidence = Vec::new();
            if p.matter_status == Some(MatterStatus::Finished) {
                evidence.push(Evidence::field("matter_status", "已完结"));
            } else if p.matter_status.is_none() && text_has(&[p.matter.as_deref()], &ENDED_MARKERS)
            {
                evidence.push(Evidence::field(
                    "matter",
                    p.matter.clone().unwrap_or_default(),
                ));
            }
            let dissolved = text_has(&[p.notes.as_deref()], &DISSOLVED_MARKERS);
            if evidence.is_empty() || dissolved {
                continue;
            }
            if let Some(matter) = &p.matter {
                evidence.push(Evidence::field("matter", matter.clone()));
            }
            let matter = p.matter.as_deref().unwrap_or("专项工作");
            let last = p
                .last_active
                .map(|d| format!("，最近活跃于{d}"))
                .unwrap_or_default();
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!(
                        "“{}”服务的事项“{matter}”已完结，群仍存续{last}，应及时解散",
                        p.name
                    ),
                    format!(
                        "“{}” serves the finished matter “{matter}” but still exists",
                        p.name
                    ),
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
    use crate::rules::testing::{date, platform, Case};

    #[test]
    fn violating() {
        let mut g = platform("G1", "人口普查工作群", Kind::Group);
        g.matter = Some("第七次人口普查".into());
        g.matter_status = Some(MatterStatus::Finished);
        g.last_active = Some(date("2026-09-01"));
        let mut h = platform("G2", "迎检专班群", Kind::Group);
        h.matter = Some("省级检查（已结束）".into());
        insta::assert_snapshot!(Case::new(vec![g, h]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut g = platform("G1", "防汛工作群", Kind::Group);
        g.matter = Some("防汛值守".into());
        g.matter_status = Some(MatterStatus::Ongoing);
        let mut h = platform("G2", "人口普查工作群", Kind::Group);
        h.matter_status = Some(MatterStatus::Finished);
        h.notes = Some("已解散".into());
        let i = platform("G3", "事项不明群", Kind::Group);
        insta::assert_snapshot!(Case::new(vec![g, h, i]).check(ID));
    }
}
