//! Rule `group-task-dumping`: forms and materials handed down in work groups with a
//! deadline.

use rustc_hash::FxHashSet;

use super::text::Practice;
use super::{CoverageCounts, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Msg};

const ID: &str = "group-task-dumping";

declare_rule! {
    /// ## What it checks
    /// Work groups used to hand down forms and demand materials with deadlines.
    ///
    /// ## Why it matters
    /// 意见“防止强制使用”: “随意摊派任务、索要材料”.
    ///
    /// ## Evidence
    /// Messages (or document sentences) of the group that demand forms, tables,
    /// materials or data with a deadline (请于今天下班前报送…统计表, 明早9点前交材料),
    /// outside a prohibition. Fires at `min_task_dumping_demands` (2) or more messages.
    ///
    /// ## Example
    /// “请各村于今天下班前报送防汛物资统计表” and “明早9点前交整改材料” → flagged.
    ///
    /// ## Configuration
    /// `min_task_dumping_demands`. Needs a chat export or document of the group.
    pub struct GroupTaskDumping;
}

impl Rule for GroupTaskDumping {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let min = input.ctx.settings.min_task_dumping_demands.max(1);
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Group {
                continue;
            }
            let mut messages: FxHashSet<(usize, usize)> = FxHashSet::default();
            let mut evidence = Vec::new();
            for hit in input.hits_for(idx, &[Practice::FormTask]) {
                let key = (hit.doc, hit.message.unwrap_or(hit.line));
                messages.insert(key);
                evidence.push(input.doc_evidence(hit));
            }
            counts.count(messages.is_empty() && !input.text.is_documented(idx));
            if messages.len() >= min {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”中{}次限期摊派表格、索要材料", p.name, messages.len()),
                        format!(
                            "“{}” hands down forms or materials with deadlines {} times",
                            p.name,
                            messages.len()
                        ),
                    ),
                    evidence,
                ));
            }
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![(
            "min_task_dumping_demands",
            settings.min_task_dumping_demands.to_string(),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, platform, Case};

    #[test]
    fn violating() {
        let g = platform("G1", "青石镇工作群", Kind::Group);
        let case = Case::new(vec![g]).docs(vec![doc(
            "documents/G1/钉钉导出.txt",
            Some("G1"),
            "2026-11-03 10:00:00 镇办公室(dd001)\n请各村于今天下班前报送防汛物资统计表\n2026-11-04 16:30:00 镇办公室(dd001)\n明早9点前交整改材料\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let g = platform("G1", "青石镇工作群", Kind::Group);
        let case = Case::new(vec![g]).docs(vec![doc(
            "documents/G1/钉钉导出.txt",
            Some("G1"),
            "2026-11-03 10:00:00 镇办公室(dd001)\n请各村于今天下班前报送防汛物资统计表\n2026-11-04 16:30:00 镇办公室(dd001)\n系统里已有的数据不得再要求各村重复填报表格\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
