//! Rule `repeat-data-request`: the same data demanded again, or through a second
//! channel, from the grassroots.

use rustc_hash::FxHashMap;

use super::text::Practice;
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "repeat-data-request";

declare_rule! {
    /// ## What it checks
    /// Apps and forms through which data the grassroots already supplied is demanded
    /// again, or demanded through two channels at once (an app and a spreadsheet, a
    /// system and a work group).
    ///
    /// ## Why it matters
    /// 办法(一) forbids “随意或重复要求基层填表报数交材料”; 规定·三: 不得频繁要求基层填表格报材料.
    ///
    /// ## Evidence
    /// A document sentence attributed to the app or form that demands the data again
    /// (再报一次, 重复填报, 另行报送, 纸质版和电子版各一份), or a sentence demanding forms or
    /// data with a deadline that names two or more channels (an app or form plus
    /// another app, form, platform or the group it was posted in).
    ///
    /// ## Example
    /// “已在云溪填报系统录入的人口信息，请于周五前再报送纸质版和电子版” → flagged on the
    /// system.
    ///
    /// ## Configuration
    /// No thresholds. Needs documents; without any the rule reports insufficient data.
    pub struct RepeatDataRequest;
}

impl Rule for RepeatDataRequest {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let platforms = input.ctx.platforms;
        let is_channel = |kind: Kind| {
            matches!(
                kind,
                Kind::App | Kind::MiniProgram | Kind::Platform | Kind::Form | Kind::Group
            )
        };
        // How many channels each data demand (document, line) was attributed to.
        let mut channels: FxHashMap<(usize, usize), usize> = FxHashMap::default();
        for (idx, p) in platforms.iter().enumerate() {
            if !is_channel(p.kind) {
                continue;
            }
            for hit in input.hits_for(idx, &[Practice::FormTask]) {
                *channels.entry((hit.doc, hit.line)).or_default() += 1;
            }
        }
        let mut counts = CoverageCounts::default();
        for (idx, p) in platforms.iter().enumerate() {
            if !matches!(p.kind, Kind::App | Kind::Form) {
                continue;
            }
            let evidence: Vec<_> = input
                .hits_for(idx, &[Practice::RepeatRequest, Practice::FormTask])
                .filter(|h| {
                    h.practices.contains(Practice::RepeatRequest)
                        || channels.get(&(h.doc, h.line)).copied().unwrap_or(0) >= 2
                })
                .map(|h| input.doc_evidence(h))
                .collect();
            counts.count(evidence.is_empty() && !input.text.is_documented(idx));
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("通过“{}”重复或多渠道向基层索取同一数据、材料", p.name),
                        format!(
                            "the same data is requested again or through several channels via “{}”",
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
    use crate::rules::testing::{doc, platform, Case};

    #[test]
    fn violating() {
        let a = platform("F1", "人口信息统计表", Kind::Form);
        let b = platform("S1", "云溪填报系统", Kind::Platform);
        let c = platform("F2", "低保台账表", Kind::Form);
        let case = Case::new(vec![a, b, c]).docs(vec![
            doc(
                "documents/通知.txt",
                None,
                "已在云溪填报系统录入的数据，请于周五前再用人口信息统计表报送一次。",
            ),
            doc(
                "documents/F2/说明.txt",
                Some("F2"),
                "低保台账需同时报送纸质版和电子版。",
            ),
        ]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let a = platform("F1", "人口信息统计表", Kind::Form);
        let b = platform("F2", "低保台账表", Kind::Form);
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/通知.txt",
            None,
            "人口信息统计表已纳入一表通，不得重复填报。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
