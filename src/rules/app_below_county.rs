//! Rule `app-below-county`: apps built by units below county level.

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::Msg;

const ID: &str = "app-below-county";

declare_rule! {
    /// ## What it checks
    /// Apps and mini programs whose owner is a township, street, village or community.
    ///
    /// ## Why it matters
    /// 办法 第二条: “县以下(不含县级)单位原则上不得开发建设政务应用程序”; 江苏 forbids 政务服务App at
    /// county level or below.
    ///
    /// ## Evidence
    /// `level` is township (乡/镇/街道) or village (村/社区) and the kind is app or mini
    /// program (work groups and accounts are other rules).
    ///
    /// ## Example
    /// 青石镇智慧党建App, 层级 = 镇 → flagged; 云溪县政务App, 层级 = 县 → not.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AppBelowCounty;
}

impl Rule for AppBelowCounty {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !p.kind.is_app_like() {
                continue;
            }
            counts.count(p.level.is_none());
            if let Some(level) = p.level.filter(|l| l.is_below_county()) {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "“{}”由{}单位开发建设，县以下单位原则上不得开发政务应用程序",
                            p.name,
                            level.label_zh()
                        ),
                        format!(
                            "“{}” is built by a {} unit, below county level",
                            p.name,
                            level.code()
                        ),
                    ),
                    vec![Evidence::field("level", level.label_zh())],
                ));
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Level};
    use crate::rules::testing::{platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("A1", "青石镇智慧党建App", Kind::App);
        a.level = Some(Level::Township);
        let mut b = platform("A2", "桃源村小程序", Kind::MiniProgram);
        b.level = Some(Level::Village);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "云溪县政务App", Kind::App);
        a.level = Some(Level::County);
        let mut b = platform("G1", "青石镇工作群", Kind::Group);
        b.level = Some(Level::Township);
        let c = platform("A3", "层级不明App", Kind::App);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
