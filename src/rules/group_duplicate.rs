//! Rule `group-duplicate`: work groups that duplicate another group for the same work.

use super::{overlap_findings, CoverageCounts, Finding, Rule, RuleInput};
use crate::model::Kind;

const ID: &str = "group-duplicate";

declare_rule! {
    /// ## What it checks
    /// Work groups that are members (not the target) of a group overlap cluster: the
    /// same matter or the same functions, members overlapping.
    ///
    /// ## Why it matters
    /// 香洲2019征求意见稿: “同一个工作不得重复建群;合并内容相近、成员重叠的微信群”.
    ///
    /// ## Evidence
    /// Membership of a group cluster found by the overlap stage (same matter or
    /// functions, similarity ≥ 0.5); the finding names the target group.
    ///
    /// ## Example
    /// 防汛工作群（钉钉） and 防汛工作群（微信） for the same 防汛值守 → the smaller is flagged.
    ///
    /// ## Configuration
    /// The `[overlap]` thresholds.
    pub struct GroupDuplicate;
}

impl Rule for GroupDuplicate {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let group = |k: Kind| k == Kind::Group;
        overlap_findings(input, out, ID, group, group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{cluster, platform, Case};

    fn group(id: &str, name: &str) -> crate::model::Platform {
        let mut g = platform(id, name, Kind::Group);
        g.matter = Some("防汛值守".into());
        g
    }

    #[test]
    fn violating() {
        let a = group("G1", "防汛工作群（钉钉）");
        let b = group("G2", "防汛工作群（微信）");
        let case = Case::new(vec![a, b]).clusters(vec![cluster(0, &[0, 1], 0.9)]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let a = group("G1", "防汛工作群");
        let mut b = group("G2", "党建工作群");
        b.matter = Some("党建".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
