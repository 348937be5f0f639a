//! Rule `website-below-county-portal`: websites of county departments, townships and
//! villages, which publish through the county government's portal instead.

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Level, Msg};
use crate::org::{Gazetteer, OwnerUnit, UnitKind};

const ID: &str = "website-below-county-portal";

declare_rule! {
    /// ## What it checks
    /// Government websites run by a county-level department or institution (县自然资源局,
    /// 县不动产登记局), or by a township, street or village.
    ///
    /// ## Why it matters
    /// “县级政府部门和乡镇(街道)原则上不开设政府网站,通过县级政府门户网站开展政务公开”.
    /// 《政府网站发展指引》(国办发〔2017〕47号) and its provincial rules (浙江 2017, 辽宁 2018):
    /// such sites move their content into the county portal and close; 富平县自然资源局 closed
    /// 富平县不动产登记局网站 in 2024, its information now on the county government's site.
    ///
    /// ## Evidence
    /// Websites whose `level` (else the level parsed from the owner's name) is county and
    /// whose owner is a department or institution, not the government or its office; or
    /// whose level is township or village. A county government's portal (人民政府门户网站)
    /// is never flagged. Websites whose level cannot be told count as insufficient data.
    ///
    /// ## Example
    /// 富平县不动产登记局网站, 开办单位 富平县不动产登记局 → flagged, shutdown.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct WebsiteBelowCountyPortal;
}

impl Rule for WebsiteBelowCountyPortal {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let gazetteer = Gazetteer::builtin();
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Website {
                continue;
            }
            let owner = p.owner.as_deref().map(str::trim).filter(|o| !o.is_empty());
            let unit = owner.map(|o| {
                let context = p
                    .region
                    .as_deref()
                    .map(|r| gazetteer.resolve(r).candidates())
                    .unwrap_or_default();
                OwnerUnit::parse(o, gazetteer, &context)
            });
            let level = p.level.or_else(|| unit.as_ref().and_then(|u| u.level));
            let Some(level) = level else {
                counts.count(true);
                continue;
            };
            counts.count(false);
            let portal = p.name.contains("门户");
            let department = unit
                .as_ref()
                .is_some_and(|u| matches!(u.kind, UnitKind::Department | UnitKind::Institution));
            let flagged = !portal
                && match level {
                    Level::County => department,
                    Level::Township | Level::Village => true,
                    _ => false,
                };
            if !flagged {
                continue;
            }
            let mut evidence = vec![Evidence::field("level", level.label_zh())];
            if let Some(owner) = owner {
                evidence.push(Evidence::field("owner", owner));
            }
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!(
                        "“{}”由{}{}开设，按规定不单独开设政府网站，内容应整合至县级政府门户网站后关停下线",
                        p.name,
                        level.label_zh(),
                        owner.unwrap_or("单位")
                    ),
                    format!(
                        "“{}” is run by a {}-level unit ({}), which should not run its own website; move the content into the county portal and close it",
                        p.name,
                        level.code(),
                        owner.unwrap_or("unknown owner")
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
    use crate::rules::testing::{platform, Case};

    fn site(id: &str, name: &str, owner: &str, level: Option<Level>) -> crate::model::Platform {
        let mut p = platform(id, name, Kind::Website);
        p.owner = Some(owner.into());
        p.level = level;
        p
    }

    #[test]
    fn violating() {
        let a = site("W1", "富平县不动产登记局网站", "富平县不动产登记局", None);
        let b = site(
            "W2",
            "云溪镇政府网",
            "云溪镇人民政府",
            Some(Level::Township),
        );
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let a = site("W1", "富平县人民政府门户网站", "富平县人民政府办公室", None);
        let b = site("W2", "渭南市自然资源局网站", "渭南市自然资源局", None);
        let c = site("W3", "某网站", "某单位", None);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
