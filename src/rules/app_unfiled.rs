//! Rule `app-unfiled`: apps live before the 办法 and still not filed after the deadline.

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::Msg;

const ID: &str = "app-unfiled";

declare_rule! {
    /// ## What it checks
    /// Apps and mini programs without a filing number (备案编号) that went live before
    /// the 办法 took effect and are still unfiled after the six-month deadline.
    ///
    /// ## Why it matters
    /// 国家网信办备案工作指南通告(2026): “禁止以任何形式要求用户下载、安装或使用未经备案的政务应用程序”;
    /// 办法: apps already live must be filed within six months.
    ///
    /// ## Evidence
    /// No `filing_no`, `created` before `filing_effective` (2026-01-25), and the audit
    /// date after `filing_deadline` (2026-07-25). When no platform of the inventory has
    /// a filing number the column is taken to be missing and the rule reports
    /// insufficient data rather than flagging every app.
    ///
    /// ## Example
    /// 云溪社保App, 上线 2021-03-01, 备案编号 empty, audit 2026-11-20 → flagged.
    ///
    /// ## Configuration
    /// `filing_effective`, `filing_deadline`.
    pub struct AppUnfiled;
}

impl Rule for AppUnfiled {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let settings = input.ctx.settings;
        let platforms = input.ctx.platforms;
        let has_filed = |p: &crate::model::Platform| {
            p.filing_no.as_deref().is_some_and(|f| !f.trim().is_empty())
        };
        let column_present = platforms.iter().any(has_filed);
        let mut counts = CoverageCounts::default();
        for (idx, p) in platforms.iter().enumerate() {
            if !p.kind.is_app_like() {
                continue;
            }
            if has_filed(p) {
                counts.count(false);
                continue;
            }
            let Some(created) = p.created.filter(|_| column_present) else {
                counts.count(true);
                continue;
            };
            counts.count(false);
            if created < settings.filing_effective && input.ctx.as_of > settings.filing_deadline {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "“{}”于{created}上线，至{}备案期限届满仍无备案编号",
                            p.name, settings.filing_deadline
                        ),
                        format!(
                            "“{}” went live on {created} and is still unfiled after {}",
                            p.name, settings.filing_deadline
                        ),
                    ),
                    vec![
                        Evidence::field("filing_no", "（空）"),
                        Evidence::field("created", created.to_string()),
                    ],
                ));
            }
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![
            ("filing_effective", settings.filing_effective.to_string()),
            ("filing_deadline", settings.filing_deadline.to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::rules::testing::{date, platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("A1", "云溪社保App", Kind::App);
        a.created = Some(date("2021-03-01"));
        let mut b = platform("A2", "云溪医保App", Kind::App);
        b.created = Some(date("2022-05-01"));
        b.filing_no = Some("BA-2026-0001".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "云溪新App", Kind::App);
        a.created = Some(date("2026-03-01"));
        let mut b = platform("A2", "云溪医保App", Kind::App);
        b.created = Some(date("2022-05-01"));
        b.filing_no = Some("BA-2026-0001".into());
        let c = platform("A3", "上线日期不明App", Kind::App);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
