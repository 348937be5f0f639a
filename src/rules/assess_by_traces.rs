//! Rule `assess-by-traces`: assessments that score photos, ledgers and notes.

use super::text::Practice;
use super::{CoverageCounts, Finding, Rule, RuleInput};
use crate::model::Msg;

const ID: &str = "assess-by-traces";

declare_rule! {
    /// ## What it checks
    /// Assessment and inspection rules (考核细则, 督查通知) attributed to a platform that
    /// score work by the number of photos, ledgers, notes or other traces.
    ///
    /// ## Why it matters
    /// 规定·三 (联合报转述): “不把是否开会发文、拍照留痕、制作学习笔记等作为评判工作优劣的标准”.
    ///
    /// ## Evidence
    /// A document sentence attributed to the platform that scores photos, 台账, 笔记,
    /// 留痕, meetings or documents issued (每上传1张照片得0.5分, 按台账数量计分), outside a
    /// prohibition (“不以照片数量计分” is compliance).
    ///
    /// ## Example
    /// 考核细则: “每月上传工作照片不少于20张，每少1张扣0.5分” → flagged.
    ///
    /// ## Configuration
    /// No thresholds. Needs documents; without any the rule reports insufficient data.
    pub struct AssessByTraces;
}

impl Rule for AssessByTraces {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            let evidence: Vec<_> = input
                .hits_for(idx, &[Practice::TraceScored])
                .map(|h| input.doc_evidence(h))
                .collect();
            counts.count(evidence.is_empty() && !input.text.is_documented(idx));
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”相关考核以照片、台账、笔记等留痕数量计分", p.name),
                        format!(
                            "assessment around “{}” scores photos, ledgers or notes",
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
    use crate::model::Kind;
    use crate::rules::testing::{doc, platform, Case};

    #[test]
    fn violating() {
        let a = platform("P1", "网格管理平台", Kind::Platform);
        let case = Case::new(vec![a]).docs(vec![doc(
            "documents/P1/考核细则.txt",
            Some("P1"),
            "三、工作留痕（20分）\n每月上传工作照片不少于20张，每少1张扣0.5分。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let a = platform("P1", "网格管理平台", Kind::Platform);
        let b = platform("P2", "无文件平台", Kind::Platform);
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/P1/考核细则.txt",
            Some("P1"),
            "考核以实绩为准，不以照片、台账数量计分。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
