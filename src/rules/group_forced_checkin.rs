//! Rule `group-forced-checkin`: check-ins, 接龙 and instant-response demands in work
//! groups.

use super::text::{checkin_demanded, Practice};
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "group-forced-checkin";

declare_rule! {
    /// ## What it checks
    /// Work groups where check-ins, 接龙 or instant responses are demanded.
    ///
    /// ## Why it matters
    /// 意见“防止强制使用”: “不得脱离工作实际强制要求打卡接龙、即时响应”; 云南线索特征(五).
    ///
    /// ## Evidence
    /// The `checkin` cell demands check-ins or 接龙 (not 无/不要求); or a chat export or
    /// document of the group has a message demanding 接龙, 打卡, 收到请回复 or a reply
    /// within X minutes, outside a prohibition (“不再要求接龙” is compliance).
    ///
    /// ## Example
    /// “@所有人 今晚十点前接龙报平安” → flagged.
    ///
    /// ## Configuration
    /// No thresholds. Needs the `checkin` column or a chat export; without either the
    /// rule reports insufficient data.
    pub struct GroupForcedCheckin;
}

impl Rule for GroupForcedCheckin {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let practices = [Practice::CheckIn, Practice::InstantReply];
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Group {
                continue;
            }
            let mut evidence = Vec::new();
            if let Some(cell) = &p.checkin {
                if checkin_demanded(cell) == Some(true) {
                    evidence.push(Evidence::field("checkin", cell.clone()));
                }
            }
            evidence.extend(
                input
                    .hits_for(idx, &practices)
                    .map(|h| input.doc_evidence(h)),
            );
            counts.count(
                evidence.is_empty() && p.checkin.is_none() && !input.text.is_documented(idx),
            );
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "“{}”强制要求打卡接龙或即时响应（{}处）",
                            p.name,
                            evidence.len()
                        ),
                        format!(
                            "“{}” demands check-ins, 接龙 or instant responses ({} times)",
                            p.name,
                            evidence.len()
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
        let g = platform("G1", "城东防汛工作群", Kind::Group);
        let mut h = platform("G2", "青石镇值班群", Kind::Group);
        h.checkin = Some("每日早晚打卡".into());
        let case = Case::new(vec![g, h]).docs(vec![doc(
            "documents/G1/聊天记录.txt",
            Some("G1"),
            "2026-11-03 21:47:12 李四(12345678)\n@所有人 今晚十点前接龙报平安\n2026-11-04 09:00:00 李四(12345678)\n收到请回复\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let g = platform("G1", "城东防汛工作群", Kind::Group);
        let mut h = platform("G2", "青石镇值班群", Kind::Group);
        h.checkin = Some("无".into());
        let i = platform("G3", "无记录群", Kind::Group);
        let case = Case::new(vec![g, h, i]).docs(vec![doc(
            "documents/G1/聊天记录.txt",
            Some("G1"),
            "2026-11-03 10:00 李四: 根据减负要求，本群不再要求接龙和打卡\n2026-11-03 10:01 王五: 好的\n",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
