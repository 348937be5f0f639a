//! Rule `app-task-ended`: special-purpose apps, mini programs, work platforms and
//! websites whose task (a campaign, an emergency, a census) has finished.

use std::sync::LazyLock;

use regex::Regex;

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, MatterStatus, Msg};

const ID: &str = "app-task-ended";

/// Free text saying the task is over (专项任务已结束, 疫情防控任务结束, 普查工作已完成).
static ENDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(专项|任务|工作|活动|普查|疫情防控|防控)[^，,。；;]{0,6}((已|均已|全面|正式|顺利)(结束|完成|完结|终止)|结束|完结|告一段落)|完成(历史)?使命|使命(已)?完成",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Words before a match that make it a plan or a question, not a fact.
static NOT_YET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"未|尚未|没有|拟|待|是否|预计|不得").unwrap_or_else(|e| panic!("{e}"))
});

declare_rule! {
    /// ## What it checks
    /// Apps, mini programs, work platforms and websites built for one task — a
    /// campaign, an emergency, a census — whose task has finished but that still run.
    /// They close when the task ends and the personal data they collected is deleted:
    /// the app counterpart of dissolving a finished work group.
    ///
    /// ## Why it matters
    /// “专项任务结束后,为其建设的政务应用程序应及时关停并删除所采集的数据”.
    /// 办法: “对使用频率低、实用性不强的政务应用程序限期关停注销”; 意见: tools set up for a
    /// particular task are closed when it is done (the same clause as group-not-dissolved);
    /// 数据安全法 and 个人信息保护法: data is kept no longer than its purpose needs. Example:
    /// 中国信息通信研究院 took 通信行程卡 offline on every channel on 2022-12-13 when the
    /// epidemic measures it served ended, and the carriers deleted the itinerary data.
    ///
    /// ## Evidence
    /// `matter_status` = 已完结 with a `matter` (关联事项), or notes or description saying
    /// the task is over (专项任务已结束, 疫情防控任务结束, 普查工作已完成, 完成使命), not as a
    /// plan (拟, 待, 尚未). Platforms with neither a matter nor any text count as
    /// insufficient data.
    ///
    /// ## Example
    /// 通信行程卡微信小程序, 关联事项 新冠肺炎疫情防控, 事项状态 已完结 → flagged, shutdown
    /// (close when the task ends, delete the data).
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AppTaskEnded;
}

impl Rule for AppTaskEnded {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !matches!(
                p.kind,
                Kind::App | Kind::MiniProgram | Kind::Platform | Kind::Website
            ) {
                continue;
            }
            let mut evidence = Vec::new();
            if p.matter_status == Some(MatterStatus::Finished) {
                if let Some(matter) = p.matter.as_deref() {
                    evidence.push(Evidence::field("matter", matter));
                    evidence.push(Evidence::field("matter_status", "已完结"));
                }
            }
            for (column, text) in [
                ("notes", p.notes.as_deref()),
                ("description", p.description.as_deref()),
            ] {
                let Some(text) = text else { continue };
                for sentence in text.split(['。', '；', ';', '\n']) {
                    let hit = ENDED.find(sentence).is_some_and(|m| {
                        let head = &sentence[..m.start()];
                        let clause = head.rfind(['，', ',']).map_or(head, |i| &head[i..]);
                        !NOT_YET.is_match(clause) && !NOT_YET.is_match(m.as_str())
                    });
                    if hit {
                        evidence.push(Evidence::field(column, sentence.trim()));
                    }
                }
            }
            counts.count(
                evidence.is_empty()
                    && p.matter.is_none()
                    && p.notes.is_none()
                    && p.description.is_none(),
            );
            if evidence.is_empty() {
                continue;
            }
            let matter = p.matter.as_deref().unwrap_or("专项任务");
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!(
                        "“{}”为“{matter}”专项建设，任务已结束，应随任务结束关停并删除所采集的数据",
                        p.name
                    ),
                    format!(
                        "“{}” was built for “{matter}”, which has finished; close it with the task and delete the data it collected",
                        p.name
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

    #[test]
    fn violating() {
        let mut a = platform("A1", "云溪行程卡", Kind::MiniProgram);
        a.matter = Some("疫情防控".into());
        a.matter_status = Some(MatterStatus::Finished);
        let mut b = platform("A2", "云溪普查通", Kind::App);
        b.notes = Some("第七次人口普查工作已完成".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "云溪防汛", Kind::App);
        a.matter = Some("防汛抗旱".into());
        a.matter_status = Some(MatterStatus::Ongoing);
        let mut b = platform("A2", "云溪普查通", Kind::App);
        b.notes = Some("普查工作尚未结束".into());
        let mut c = platform("A3", "云溪创城", Kind::MiniProgram);
        c.notes = Some("专项任务拟于年底结束".into());
        // A completion rate is not a completed task.
        let mut f = platform("A5", "云溪督考通", Kind::App);
        f.description = Some("主要用于日常打分、线上督查、任务完成率排名".into());
        // A finished group is group-not-dissolved's, not this rule's.
        let mut d = platform("G1", "创城工作群", Kind::Group);
        d.matter = Some("创城".into());
        d.matter_status = Some(MatterStatus::Finished);
        let e = platform("A4", "信息不明", Kind::App);
        insta::assert_snapshot!(Case::new(vec![a, b, c, d, e, f]).check(ID));
    }
}
