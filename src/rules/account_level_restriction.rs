//! Rule `account-level-restriction` (local): accounts opened by county departments or
//! townships where local rules forbid it.

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Level, Msg};

const ID: &str = "account-level-restriction";

/// Owners at county level that are the county government itself, not a department.
const COUNTY_GOVERNMENT: [&str; 6] = ["人民政府", "政府办", "县委", "区委", "融媒体中心", "市委"];

declare_rule! {
    /// ## What it checks
    /// Public accounts opened separately by county-level government departments or by
    /// townships and streets (and villages), where local rules forbid it.
    ///
    /// ## Why it matters
    /// 广东粤办函〔2019〕90号 (转述): “县级政府部门及乡镇(街道)原则上不单独开设政务新媒体”; 江华县2025.
    /// A local rule: off unless listed in `enabled_local_rules`.
    ///
    /// ## Evidence
    /// `level` township or village; or `level` county with an `owner` that is not the
    /// county government itself (人民政府, 政府办, 县委, 融媒体中心).
    ///
    /// ## Example
    /// 云溪县林业局 account (县级部门) → flagged; 云溪县人民政府 account → not.
    ///
    /// ## Configuration
    /// `enabled_local_rules = ["account-level-restriction"]`.
    pub struct AccountLevelRestriction;
}

impl Rule for AccountLevelRestriction {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            let Some(level) = p.level else {
                counts.count(true);
                continue;
            };
            let owner = p.owner.as_deref().unwrap_or("");
            let restricted = match level {
                Level::Township | Level::Village => true,
                Level::County => {
                    if owner.is_empty() {
                        counts.count(true);
                        continue;
                    }
                    !COUNTY_GOVERNMENT.iter().any(|g| owner.contains(g))
                }
                _ => false,
            };
            counts.count(false);
            if restricted {
                let mut evidence = vec![Evidence::field("level", level.label_zh())];
                if !owner.is_empty() {
                    evidence.push(Evidence::field("owner", owner));
                }
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "“{}”由{}{}单独开设，本地规定原则上不单独开设政务新媒体",
                            p.name,
                            level.label_zh(),
                            if owner.is_empty() {
                                "单位".to_string()
                            } else {
                                format!("的{owner}")
                            }
                        ),
                        format!("“{}” is run separately by a {} unit", p.name, level.code()),
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
    use crate::rules::settings::RuleSettings;
    use crate::rules::testing::{platform, Case};

    fn enabled() -> RuleSettings {
        RuleSettings {
            enabled_local_rules: vec![ID],
            ..RuleSettings::default()
        }
    }

    fn account(id: &str, owner: &str, level: Level) -> crate::model::Platform {
        let mut p = platform(id, &format!("{owner}发布"), Kind::Account);
        p.owner = Some(owner.into());
        p.level = Some(level);
        p
    }

    #[test]
    fn violating() {
        let a = account("C1", "云溪县林业局", Level::County);
        let b = account("C2", "青石镇人民政府", Level::Township);
        insta::assert_snapshot!(Case::new(vec![a, b]).settings(enabled()).check(ID));
    }

    #[test]
    fn compliant() {
        let a = account("C1", "云溪县人民政府", Level::County);
        let b = account("C2", "云溪市教育局", Level::City);
        insta::assert_snapshot!(Case::new(vec![a, b]).settings(enabled()).check(ID));
    }

    #[test]
    fn off_by_default() {
        let a = account("C1", "云溪县林业局", Level::County);
        insta::assert_snapshot!(Case::new(vec![a]).check(ID));
    }
}
