//! Rule `app-forced-checkin`: apps with check-in, ranking or online-time functions whose
//! use is forced.

use super::tags::COERCIVE_FUNCTIONS;
use super::text::{checkin_demanded, Practice};
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "app-forced-checkin";

declare_rule! {
    /// ## What it checks
    /// Apps, mini programs and work platforms that have a coercive function — check-in
    /// (打卡签到), points ranking (积分排名, 排行榜), online or study time (在线时长统计,
    /// 学习时长) — and whose use is forced.
    ///
    /// ## Why it matters
    /// 办法·使用管理“五不得”第(二)项 forbids “政务应用程序设置打卡签到、积分排名、统计在线时长等强制性功能”;
    /// 意见“限制强制功能” says apps shall in principle not set such forced functions.
    /// The only accepted exceptions are 安保 and 应急 duty, recorded as waivers.
    ///
    /// ## Evidence
    /// `functions` contains a coercive-function tag, **and** use is forced: `mandatory`
    /// = 是, or the `checkin` cell demands check-ins (每日打卡; not 无/不要求), or a
    /// document attributed to the app demands check-ins, rankings or online time
    /// outside any prohibition (a notice saying 不得要求打卡 is compliance).
    ///
    /// ## Example
    /// 掌上云溪 App, functions 打卡签到、积分排名, 是否强制使用 = 是 → flagged. The same app
    /// with 是否强制使用 = 否, 打卡要求 = 无 and no notice demanding check-ins → not flagged.
    ///
    /// ## Configuration
    /// No thresholds. Exempt 安保/应急 duty with a waiver (`rule = "app-forced-checkin"`).
    pub struct AppForcedCheckin;
}

impl Rule for AppForcedCheckin {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !matches!(p.kind, Kind::App | Kind::MiniProgram | Kind::Platform) {
                continue;
            }
            let coercive = input.tags.find(&COERCIVE_FUNCTIONS, &p.functions);
            if coercive.is_empty() {
                counts.count(p.functions.is_empty());
                continue;
            }
            let mut evidence = vec![Evidence::field("functions", coercive.join("、"))];
            let mut forced = false;
            if p.mandatory == Some(true) {
                forced = true;
                evidence.push(Evidence::field("mandatory", "是"));
            }
            if let Some(cell) = &p.checkin {
                if checkin_demanded(cell) == Some(true) {
                    forced = true;
                    evidence.push(Evidence::field("checkin", cell.clone()));
                }
            }
            for hit in input.hits_for(idx, &[Practice::CheckIn, Practice::CoerciveMetric]) {
                forced = true;
                evidence.push(input.doc_evidence(hit));
            }
            let undecided = !forced
                && p.mandatory.is_none()
                && p.checkin.is_none()
                && !input.text.is_documented(idx);
            counts.count(undecided);
            if forced {
                let tags = coercive.join("、");
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”设置了{tags}等强制性功能，且强制使用", p.name),
                        format!("“{}” has forced coercive functions ({tags})", p.name),
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
    use crate::rules::testing::{doc, platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("A1", "掌上云溪App", Kind::App);
        a.functions = tags("打卡签到、积分排名、通知公告");
        a.mandatory = Some(true);
        let mut b = platform("A2", "云溪学习通", Kind::App);
        b.functions = tags("学习时长统计、在线学习");
        let case = Case::new(vec![a, b]).docs(vec![doc(
            "documents/A2/考核通知.txt",
            Some("A2"),
            "关于使用云溪学习通的通知\n各单位要确保干部每日学习时长不少于30分钟，学习时长纳入月度考核。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "掌上云溪App", Kind::App);
        a.functions = tags("打卡签到、通知公告");
        a.mandatory = Some(false);
        a.checkin = Some("不要求打卡".into());
        let mut b = platform("A2", "云溪办事", Kind::App);
        b.functions = tags("办事指南、投诉建议");
        let c = platform("A3", "无功能信息App", Kind::App);
        let case = Case::new(vec![a, b, c]).docs(vec![doc(
            "documents/通知.txt",
            None,
            "关于规范使用掌上云溪App的通知\n不得要求基层干部每日打卡，打卡情况不作为考核依据。",
        )]);
        insta::assert_snapshot!(case.check(ID));
    }
}
