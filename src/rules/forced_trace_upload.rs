//! Rule `forced-trace-upload`: mandatory photos, videos, screenshots or location tracks.

use super::tags::TRACE;
use super::text::Practice;
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::Msg;

const ID: &str = "forced-trace-upload";

declare_rule! {
    /// ## What it checks
    /// Apps, platforms, groups and forms that force people to upload work photos,
    /// videos, screenshots or location tracks.
    ///
    /// ## Why it matters
    /// 办法(四) forbids “非必要情况下强制要求…上传工作照片、视频和轨迹”; 意见: “不得随意要求…上传不必要的截图或视频”;
    /// 湖北2019.
    ///
    /// ## Evidence
    /// `data_fields` contain 定位轨迹/现场照片/工作照片/视频/截图 and `mandatory` = 是; or a
    /// document or chat message attributed to the platform demands uploading photos,
    /// screenshots, videos or tracks (“请上传现场照片”), outside a prohibition.
    ///
    /// ## Example
    /// 网格巡查App, data fields 定位轨迹、现场照片, 是否强制使用 = 是 → flagged; a group
    /// message “请各网格员今天下班前上传巡查照片” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct ForcedTraceUpload;
}

impl Rule for ForcedTraceUpload {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if matches!(p.kind, crate::model::Kind::Account) {
                continue;
            }
            let traces = input.tags.find(&TRACE, &p.data_fields);
            let mut evidence = Vec::new();
            if !traces.is_empty() && p.mandatory == Some(true) {
                evidence.push(Evidence::field("data_fields", traces.join("、")));
                evidence.push(Evidence::field("mandatory", "是"));
            }
            evidence.extend(
                input
                    .hits_for(idx, &[Practice::TraceUpload])
                    .map(|h| input.doc_evidence(h)),
            );
            let undecided = evidence.is_empty()
                && !input.text.is_documented(idx)
                && (p.data_fields.is_empty() || (!traces.is_empty() && p.mandatory.is_none()));
            counts.count(undecided);
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”强制要求上传工作照片、视频、截图或轨迹", p.name),
                        format!(
                            "“{}” forces uploads of photos, videos, screenshots or tracks",
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
    use crate::rules::testing::{doc, platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("A1", "网格巡查App", Kind::App);
        a.data_fields = tags("定位轨迹、现场照片、姓名");
        a.mandatory = Some(true);
        let g = platform("G1", "城东网格工作群", Kind::Group);
        let case = Case::new(vec![a, g]).docs(vec![doc(
            "documents/G1/聊天记录.txt",
            Some("G1"),
            "2026-11-03 17:05 张三: 请各网格员今天下班前上传巡查照片\n2026-11-03 17:06 李四: 收到\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "网格巡查App", Kind::App);
        a.data_fields = tags("定位轨迹、现场照片");
        a.mandatory = Some(false);
        let mut b = platform("A2", "实名认证App", Kind::App);
        b.data_fields = tags("人脸照片、身份证号");
        b.mandatory = Some(true);
        let g = platform("G1", "城东网格工作群", Kind::Group);
        let case = Case::new(vec![a, b, g]).docs(vec![doc(
            "documents/G1/聊天记录.txt",
            Some("G1"),
            "2026-11-03 10:05 张三: 按照上级要求，不再要求上传工作照片和轨迹截图\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
