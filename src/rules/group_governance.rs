//! Rule `group-governance` (local): units with more work groups than the quota.

use rustc_hash::FxHashMap;

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Msg};

const ID: &str = "group-governance";

declare_rule! {
    /// ## What it checks
    /// Units that run more work groups than the local quota.
    ///
    /// ## Why it matters
    /// 香洲2019: “原则上一个单位只建一个工作群”; 黄石2022 (群主中层以上、实名制); 意见 on approved
    /// work groups. A local rule: off unless listed in `enabled_local_rules`.
    ///
    /// ## Evidence
    /// Groups grouped by `owner`; beyond `group_quota` (1) groups, every group except
    /// the kept ones (most members, then earliest created, then smallest id) is flagged.
    ///
    /// ## Example
    /// 青石镇人民政府 with 青石镇工作群 (120 members) and 青石镇干部群 (40) → the second is
    /// flagged.
    ///
    /// ## Configuration
    /// `enabled_local_rules = ["group-governance"]`, `group_quota`.
    pub struct GroupGovernance;
}

impl Rule for GroupGovernance {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let quota = input.ctx.settings.group_quota;
        let platforms = input.ctx.platforms;
        let mut counts = CoverageCounts::default();
        let mut by_owner: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (idx, p) in platforms.iter().enumerate() {
            if p.kind != Kind::Group {
                continue;
            }
            match p.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
                Some(owner) => {
                    counts.count(false);
                    by_owner.entry(owner).or_default().push(idx);
                }
                None => counts.count(true),
            }
        }
        for (owner, mut members) in by_owner {
            if members.len() <= quota {
                continue;
            }
            members.sort_by_key(|&i| {
                let p = &platforms[i];
                (
                    std::cmp::Reverse(p.members.unwrap_or(0)),
                    p.created.unwrap_or(chrono::NaiveDate::MAX),
                    i,
                )
            });
            for &idx in &members[quota..] {
                let p = &platforms[idx];
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "{owner}建有{}个工作群，超过每单位{quota}个的限额，“{}”应合并或解散",
                            members.len(),
                            p.name
                        ),
                        format!(
                            "{owner} runs {} work groups, more than the quota of {quota}",
                            members.len()
                        ),
                    ),
                    vec![Evidence::field("owner", owner)],
                ));
            }
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![("group_quota", settings.group_quota.to_string())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, Case};

    fn enabled() -> RuleSettings {
        RuleSettings {
            enabled_local_rules: vec![ID],
            ..RuleSettings::default()
        }
    }

    fn group(id: &str, name: &str, owner: &str, members: u64) -> crate::model::Platform {
        let mut g = platform(id, name, Kind::Group);
        g.owner = Some(owner.into());
        g.members = Some(members);
        g
    }

    #[test]
    fn violating() {
        let a = group("G1", "青石镇工作群", "青石镇人民政府", 120);
        let b = group("G2", "青石镇干部群", "青石镇人民政府", 40);
        insta::assert_snapshot!(Case::new(vec![a, b]).settings(enabled()).check(ID));
    }

    #[test]
    fn compliant() {
        let a = group("G1", "青石镇工作群", "青石镇人民政府", 120);
        let b = group("G2", "桃源村工作群", "桃源村委会", 40);
        insta::assert_snapshot!(Case::new(vec![a, b]).settings(enabled()).check(ID));
    }
}
