//! Rule `account-stale-14d`: public accounts without an update in the last two weeks.

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Msg};

const ID: &str = "account-stale-14d";

declare_rule! {
    /// ## What it checks
    /// Public accounts whose last post is more than 14 days before the audit date, graded
    /// 严重逾期 beyond `seriously_overdue_days` (30); beyond 90 days zombie-account fires
    /// too and its shutdown wins.
    ///
    /// ## Why it matters
    /// 国办秘函〔2019〕19号检查指标 (单项否决): “监测时间点前2周内无更新”, applied in the 宝鸡, 渭南 and
    /// 贵州 inspection notices.
    ///
    /// ## Evidence
    /// `last_update`: days since it greater than `account_stale_days` (14); more than
    /// `seriously_overdue_days` (30) is reported as 严重逾期. Without `last_update`, notes, inspection cells or the
    /// account's own documents stating it (监测点前两周内未更新, 长期内容不更新, 长期无更新),
    /// outside a ban and not marked fixed; without either, insufficient data.
    ///
    /// ## Example
    /// 云溪教育, 最近更新 2026-10-20, audit 2026-11-20 (31 days) → flagged.
    ///
    /// ## Configuration
    /// `account_stale_days`, `seriously_overdue_days`.
    pub struct AccountStale14d;
}

impl Rule for AccountStale14d {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let settings = input.ctx.settings;
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            let Some(last) = p.last_update else {
                // No date: an inspection's own words (监测点前两周内未更新, 长期内容不更新)
                // in notes or the inspection cells decide instead.
                let evidence = deficiency::evidence(input, idx, Deficiency::NotUpdated);
                counts.count(evidence.is_empty() && !deficiency::has_text(input, idx));
                if !evidence.is_empty() {
                    out.push(Finding::new(
                        idx,
                        ID,
                        Msg::new(
                            format!("“{}”检查发现超过2周未更新", p.name),
                            format!("“{}” was found not updated for over two weeks", p.name),
                        ),
                        evidence,
                    ));
                }
                continue;
            };
            counts.count(false);
            let days = input.days_since(last);
            // A date inside the two weeks does not overrule an inspection that found the
            // account not updated (更新不及时 next to the date of its last post).
            if days <= i64::from(settings.account_stale_days) {
                let stated = deficiency::evidence(input, idx, Deficiency::NotUpdated);
                if !stated.is_empty() {
                    out.push(Finding::new(
                        idx,
                        ID,
                        Msg::new(
                            format!("“{}”检查发现更新不及时（最近更新于{last}）", p.name),
                            format!(
                                "“{}” was found not updated in time (last update {last})",
                                p.name
                            ),
                        ),
                        stated,
                    ));
                }
                continue;
            }
            // Beyond the veto the finding is graded: past `seriously_overdue_days` it is
            // 严重逾期 (and past `zombie_account_days` zombie-account also fires).
            let grade = if days > i64::from(settings.seriously_overdue_days) {
                ("，严重逾期", ", seriously overdue")
            } else {
                ("", "")
            };
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!(
                        "“{}”最近更新于{last}，已{days}天未更新（超过{}天）{}",
                        p.name, settings.account_stale_days, grade.0
                    ),
                    format!(
                        "“{}” was last updated on {last}, {days} days ago (more than {}){}",
                        p.name, settings.account_stale_days, grade.1
                    ),
                ),
                vec![Evidence::field("last_update", last.to_string())],
            ));
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![
            (
                "account_stale_days",
                settings.account_stale_days.to_string(),
            ),
            (
                "seriously_overdue_days",
                settings.seriously_overdue_days.to_string(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{date, platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪教育", Kind::Account);
        a.last_update = Some(date("2026-10-20"));
        let mut b = platform("C2", "云溪卫健", Kind::Account);
        b.last_update = Some(date("2026-11-05"));
        // No date in the register, the inspection's words instead.
        let mut c = platform("C3", "云溪交警", Kind::Account);
        c.extra.insert(
            "问题描述".into(),
            "监测点前两周内未更新，经多次督促仍长期无更新".into(),
        );
        // A recent date next to the inspection's finding: the finding stands.
        let mut d = platform("C4", "构朳镇", Kind::Account);
        d.last_update = Some(date("2026-11-16"));
        d.extra.insert("问题类别".into(), "更新不及时".into());
        // Past the zombie threshold the veto still stands, graded 严重逾期.
        let mut e = platform("C5", "云溪僵尸号", Kind::Account);
        e.last_update = Some(date("2026-05-01"));
        let case = Case::new(vec![a, b, c, d, e]).check(ID);
        assert!(case.contains("严重逾期"), "{case}");
        insta::assert_snapshot!(case);
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.last_update = Some(date("2026-11-06"));
        let mut b = platform("C2", "云溪新号", Kind::Account);
        b.last_update = Some(date("2026-11-19"));
        let c = platform("C3", "日期不明号", Kind::Account);
        let mut d = platform("C4", "云溪文旅", Kind::Account);
        d.last_update = Some(date("2026-11-18"));
        d.notes = Some("更新及时".into());
        insta::assert_snapshot!(Case::new(vec![a, b, c, d]).check(ID));
    }
}
