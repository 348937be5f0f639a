//! Rule `form-outside-master-form`: reporting forms still filled on their own where the
//! unit already fills a master form system (一表通, 一张表).

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg, Platform};
use crate::normalize::names::owner_key;

const ID: &str = "form-outside-master-form";

/// Names of master form systems: one place where the grassroots fill base data once and
/// departments draw their tables from it.
const MASTER_MARKERS: [&str; 4] = ["一表通", "一张表", "一表同享", "多表合一"];

/// Whether `p` is a master form system: a platform, app, mini program or form whose name
/// (or description) names one.
fn is_master(p: &Platform) -> bool {
    matches!(
        p.kind,
        Kind::Platform | Kind::App | Kind::MiniProgram | Kind::Form
    ) && [Some(p.name.as_str()), p.description.as_deref()]
        .into_iter()
        .flatten()
        .any(|t| MASTER_MARKERS.iter().any(|m| t.contains(m)))
}

/// For each form that is not itself a master form system, the master form system filled
/// by the same unit (the first by index when there are several).
pub fn master_forms(platforms: &[Platform]) -> Vec<Option<usize>> {
    let masters: Vec<(usize, String)> = platforms
        .iter()
        .enumerate()
        .filter(|(_, p)| is_master(p))
        .filter_map(|(i, p)| p.owner.as_deref().map(|o| (i, owner_key(o))))
        .filter(|(_, key)| !key.is_empty())
        .collect();
    platforms
        .iter()
        .map(|p| {
            if p.kind != Kind::Form || is_master(p) {
                return None;
            }
            let key = owner_key(p.owner.as_deref()?);
            masters
                .iter()
                .find(|(_, master_key)| *master_key == key)
                .map(|(i, _)| *i)
        })
        .collect()
}

declare_rule! {
    /// ## What it checks
    /// Reporting forms that a unit still fills on their own although the same unit
    /// already fills a master form system (一表通, 一张表): the form's data belongs in the
    /// master form, filled once and drawn by each department.
    ///
    /// ## Why it matters
    /// “已建“一表通”“一张表”的,报表应纳入其中填报,防止多头填报、重复索要数据”.
    /// 意见“防止多头填报”: “防止多头填报、重复索要数据”, by “一站式”综合平台 and “一张表”.
    /// 重庆永川 (2024): the 低保, 特困 and 高龄失能老人 forms of a town's 民政救助岗 are now kept
    /// in 一表通; 贵州 (2024): three 林下经济 forms with 70+ indicators became 8 indicators in
    /// the village 一张表.
    ///
    /// ## Evidence
    /// A platform, app or form of the register whose name or description names a master
    /// form system (一表通, 一张表, 一表同享, 多表合一) and whose 填报单位 (owner) is the form's;
    /// the form merges into it. Forms without an owner count as insufficient data.
    ///
    /// ## Example
    /// 低保报表 and 一表通 both filled by 朱沱镇民政救助岗 → 低保报表 flagged, merge into 一表通.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct FormOutsideMasterForm;
}

impl Rule for FormOutsideMasterForm {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let platforms = input.ctx.platforms;
        let mut counts = CoverageCounts::default();
        let targets = master_forms(platforms);
        for (idx, p) in platforms.iter().enumerate() {
            if p.kind != Kind::Form || is_master(p) {
                continue;
            }
            counts.count(p.owner.is_none());
            let Some(master) = targets
                .get(idx)
                .copied()
                .flatten()
                .and_then(|i| platforms.get(i))
            else {
                continue;
            };
            let owner = p.owner.as_deref().unwrap_or_default();
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!(
                        "{owner}已通过“{}”（{}）填报基础数据，“{}”仍单独填报，应纳入其中、不再单独报送",
                        master.name, master.id, p.name
                    ),
                    format!(
                        "{owner} already fills “{}” ({}); “{}” is still filled on its own and should move into it",
                        master.name, master.id, p.name
                    ),
                ),
                vec![
                    Evidence::field("owner", owner),
                    Evidence::field("name", format!("{}（{}）", master.name, master.id)),
                ],
            ));
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, Case};

    fn owned(id: &str, name: &str, kind: Kind, owner: &str) -> Platform {
        let mut p = platform(id, name, kind);
        p.owner = Some(owner.into());
        p
    }

    #[test]
    fn violating() {
        let a = owned("F1", "低保报表", Kind::Form, "云溪镇民政救助岗");
        let b = owned("F2", "特困报表", Kind::Form, "云溪镇民政救助岗");
        let m = owned("P1", "一表通", Kind::Platform, "云溪镇民政救助岗");
        let platforms = vec![a, b, m];
        assert_eq!(master_forms(&platforms), vec![Some(2), Some(2), None]);
        insta::assert_snapshot!(Case::new(platforms).check(ID));
    }

    #[test]
    fn compliant() {
        // Another unit's master form, a form without owner, a platform that is no master.
        let a = owned("F1", "低保报表", Kind::Form, "云溪镇民政救助岗");
        let m = owned("P1", "一表通", Kind::Platform, "云岭镇民政救助岗");
        let b = platform("F2", "特困报表", Kind::Form);
        let c = owned("P2", "民政业务系统", Kind::Platform, "云溪镇民政救助岗");
        let platforms = vec![a, m, b, c];
        assert_eq!(master_forms(&platforms), vec![None, None, None, None]);
        insta::assert_snapshot!(Case::new(platforms).check(ID));
    }
}
