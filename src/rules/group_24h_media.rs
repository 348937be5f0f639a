//! Rule `group-24h-media`: work groups used as a 24-hour channel, demanding replies
//! outside working hours.

use rustc_hash::FxHashSet;

use super::text::Practice;
use super::{CoverageCounts, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Msg};

const ID: &str = "group-24h-media";

declare_rule! {
    /// ## What it checks
    /// Work groups in which messages sent outside working hours demand a reply within a
    /// deadline.
    ///
    /// ## Why it matters
    /// 湖北《关于防治形式主义官僚主义的若干措施》(2019): “不得将微信、QQ工作群和政务APP等作为24小时工作媒介”;
    /// 香洲: “原则上非工作时间不发布工作信息”.
    ///
    /// ## Evidence
    /// Chat messages of the group sent outside working hours (default 08:30–18:00,
    /// Monday–Friday) that demand a reply, 接龙 or report within a deadline (收到请回复,
    /// 10分钟内回复, 今晚十点前反馈), outside a prohibition. Fires at
    /// `min_off_hours_demands` (2) or more such messages; each is cited with its time.
    ///
    /// ## Example
    /// Tuesday 21:47 “收到请回复”, Saturday 07:10 “9点前上报人数” → flagged.
    ///
    /// ## Configuration
    /// `work_start`, `work_end`, `work_days`, `min_off_hours_demands`. Needs a chat
    /// export of the group.
    pub struct Group24hMedia;
}

impl Rule for Group24hMedia {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let settings = input.ctx.settings;
        let practices = [
            Practice::InstantReply,
            Practice::ReplyDeadline,
            Practice::CheckIn,
        ];
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Group {
                continue;
            }
            let mut messages: FxHashSet<(usize, usize)> = FxHashSet::default();
            let mut evidence = Vec::new();
            let mut any_timed = false;
            for hit in input.text.hits(idx) {
                let Some(time) = hit.time else { continue };
                any_timed = true;
                if !hit.practices.any(&practices) || !settings.is_off_hours(time) {
                    continue;
                }
                let key = (hit.doc, hit.message.unwrap_or(hit.line));
                messages.insert(key);
                evidence.push(input.doc_evidence(hit));
            }
            counts.count(!input.text.has_chat(idx) && !any_timed);
            if messages.len() >= settings.min_off_hours_demands.max(1) {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "“{}”有{}条非工作时间（{}–{}以外）发布并要求限时回复的消息",
                            p.name, messages.len(), settings.work_start, settings.work_end
                        ),
                        format!(
                            "“{}” has {} messages outside working hours ({}–{}) demanding a reply by a deadline",
                            p.name, messages.len(), settings.work_start, settings.work_end
                        ),
                    ),
                    evidence,
                ));
            }
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        let days: Vec<String> = settings.work_days.iter().map(u8::to_string).collect();
        vec![
            ("work_start", settings.work_start.to_string()),
            ("work_end", settings.work_end.to_string()),
            ("work_days", days.join(",")),
            (
                "min_off_hours_demands",
                settings.min_off_hours_demands.to_string(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, platform, Case};

    #[test]
    fn violating() {
        let g = platform("G1", "城东防汛工作群", Kind::Group);
        let case = Case::new(vec![g]).docs(vec![doc(
            "documents/G1/微信聊天.txt",
            Some("G1"),
            "2026-11-03 21:47 张三: 各村今晚十点前上报巡查人数，收到请回复\n2026-11-03 21:50 李四: 收到\n2026-11-07 07:10 张三: 9点前反馈人员在岗情况\n2026-11-04 10:00 张三: 请10分钟内回复\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let g = platform("G1", "城东防汛工作群", Kind::Group);
        let h = platform("G2", "无聊天记录群", Kind::Group);
        let case = Case::new(vec![g, h]).docs(vec![doc(
            "documents/G1/微信聊天.txt",
            Some("G1"),
            "2026-11-03 21:47 张三: 明天的会议材料已发，非工作时间无需回复\n2026-11-04 10:00 张三: 请10分钟内回复\n2026-11-04 22:00 张三: 收到请回复\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
