//! Rule `account-commercial-ads`: commercial advertising in public accounts.

use super::tags::COMMERCIAL;
use super::text::Practice;
use super::{field_violations, CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};

const ID: &str = "account-commercial-ads";

declare_rule! {
    /// ## What it checks
    /// Public accounts whose posts or menus carry commercial advertising.
    ///
    /// ## Why it matters
    /// 国办秘函〔2019〕19号检查指标: “存在商业广告” (宝鸡2024Q3通报陇县公安).
    ///
    /// ## Evidence
    /// `functions` (menus) contain 广告/商城/带货; or the description, notes or an
    /// attributed document say the account carries ads, outside a prohibition.
    ///
    /// ## Example
    /// 云溪公安, notes “推文底部插入商业广告” → flagged.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AccountCommercialAds;
}

impl Rule for AccountCommercialAds {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let practices = [Practice::Commercial];
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            let found = input.tags.find(&COMMERCIAL, &p.functions);
            let mut evidence = Vec::new();
            if !found.is_empty() {
                evidence.push(Evidence::field("functions", found.join("、")));
            }
            evidence.extend(field_violations(
                "description",
                p.description.as_deref(),
                &practices,
            ));
            evidence.extend(field_violations("notes", p.notes.as_deref(), &practices));
            evidence.extend(
                input
                    .hits_for(idx, &practices)
                    .map(|h| input.doc_evidence(h)),
            );
            let undecided = evidence.is_empty()
                && p.functions.is_empty()
                && p.description.is_none()
                && p.notes.is_none()
                && !input.text.is_documented(idx);
            counts.count(undecided);
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”存在商业广告", p.name),
                        format!("“{}” carries commercial advertising", p.name),
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
    use crate::rules::testing::{platform, tags, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪公安", Kind::Account);
        a.notes = Some("推文底部插入商业广告。".into());
        let mut b = platform("C2", "云溪美食", Kind::Account);
        b.functions = tags("美食推荐、团购");
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.functions = tags("信息发布、留言互动");
        a.notes = Some("已按要求清理商业广告。".into());
        let b = platform("C2", "信息不明号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
