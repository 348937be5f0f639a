//! Rule `reporting-depth`: central or provincial reporting pushed down to counties,
//! townships and villages.

use super::tags::REPORTING;
use super::text::Practice;
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Level, Msg};

const ID: &str = "reporting-depth";

/// Words naming county-or-lower users.
const BELOW: [&str; 8] = ["县", "区级", "乡", "镇", "街道", "村", "社区", "基层"];

declare_rule! {
    /// ## What it checks
    /// National and provincial apps and platforms whose reporting modules reach down to
    /// county, township or village users.
    ///
    /// ## Why it matters
    /// 规定·五 (北京商报转述): “填表报数交材料功能一般不向下延伸到县级”.
    ///
    /// ## Evidence
    /// Level national or province, `functions` contain a reporting tag (填报, 上报, 报送,
    /// 报表), and the description, notes or an attributed document demand that
    /// counties, townships or villages fill in data (“由各乡镇、村按月填报”).
    ///
    /// ## Example
    /// 省农村人居环境监测平台, functions 数据填报, description “乡镇、村按周填报” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct ReportingDepth;
}

impl Rule for ReportingDepth {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        let below = |text: &str| BELOW.iter().any(|w| text.contains(w));
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !matches!(p.kind, Kind::App | Kind::MiniProgram | Kind::Platform) {
                continue;
            }
            let Some(level) = p.level else {
                counts.count(true);
                continue;
            };
            if level > Level::Province {
                continue;
            }
            let reporting = input.tags.find(&REPORTING, &p.functions);
            counts.count(p.functions.is_empty());
            if reporting.is_empty() {
                continue;
            }
            let mut evidence = Vec::new();
            for (column, value) in [("description", &p.description), ("notes", &p.notes)] {
                if let Some(text) = value {
                    for sentence in text.lines().flat_map(super::text::split_sentences) {
                        if below(sentence)
                            && REPORTING.fragments.iter().any(|f| sentence.contains(f))
                        {
                            evidence.push(Evidence::field(column, sentence));
                        }
                    }
                }
            }
            evidence.extend(
                input
                    .hits_for(idx, &[Practice::FormTask])
                    .filter(|h| below(&h.sentence))
                    .map(|h| input.doc_evidence(h)),
            );
            if !evidence.is_empty() {
                evidence.push(Evidence::field("functions", reporting.join("、")));
                evidence.push(Evidence::field("level", level.label_zh()));
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "{}平台“{}”的填报功能向下延伸到县乡村",
                            level.label_zh(),
                            p.name
                        ),
                        format!(
                            "{} platform “{}” pushes reporting down to counties and below",
                            level.code(),
                            p.name
                        ),
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
    use crate::rules::testing::{platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("P1", "省农村人居环境监测平台", Kind::Platform);
        a.level = Some(Level::Province);
        a.functions = tags("数据填报、统计分析");
        a.description = Some("由各乡镇、村按周填报整治数据。".into());
        insta::assert_snapshot!(Case::new(vec![a]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("P1", "省农村人居环境监测平台", Kind::Platform);
        a.level = Some(Level::Province);
        a.functions = tags("数据填报、统计分析");
        a.description = Some("由市级部门汇总填报。".into());
        let mut b = platform("P2", "县级填报系统", Kind::Platform);
        b.level = Some(Level::County);
        b.functions = tags("数据填报");
        b.description = Some("各村按周填报。".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
