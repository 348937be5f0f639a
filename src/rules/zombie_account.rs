//! Rule `zombie-account`: public accounts not updated for more than three months.

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Msg};

const ID: &str = "zombie-account";

declare_rule! {
    /// ## What it checks
    /// Public accounts whose last post is more than 90 days before the audit date.
    ///
    /// ## Why it matters
    /// 123号: “确属无力维护的要坚决关停”; 贵州2025Q2 counts “超过三个月未更新” as a zombie; 宝鸡/渭南
    /// flag 1 or 3 months without original posts.
    ///
    /// ## Evidence
    /// `last_update` more than `zombie_account_days` (90) days before the audit date.
    /// Without `last_update` the rule reports insufficient data.
    ///
    /// ## Example
    /// 云溪老干部, 最近更新 2026-05-01, audit 2026-11-20 (203 days) → flagged.
    ///
    /// ## Configuration
    /// `zombie_account_days`.
    pub struct ZombieAccount;
}

impl Rule for ZombieAccount {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let limit = i64::from(input.ctx.settings.zombie_account_days);
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            let Some(last) = p.last_update else {
                counts.count(true);
                continue;
            };
            counts.count(false);
            let days = input.days_since(last);
            if days > limit {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”最近更新于{last}，已{days}天未更新（超过{limit}天），无力维护应关停", p.name),
                        format!("“{}” was last updated on {last}, {days} days ago (more than {limit})", p.name),
                    ),
                    vec![Evidence::field("last_update", last.to_string())],
                ));
            }
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![(
            "zombie_account_days",
            settings.zombie_account_days.to_string(),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{date, platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪老干部", Kind::Account);
        a.last_update = Some(date("2026-05-01"));
        insta::assert_snapshot!(Case::new(vec![a]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.last_update = Some(date("2026-11-18"));
        let mut b = platform("C2", "云溪教育", Kind::Account);
        b.last_update = Some(date("2026-08-22"));
        let c = platform("C3", "日期不明号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
