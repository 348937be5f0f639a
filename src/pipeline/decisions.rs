//! Registry decisions applied to one audit: the mapping between the registry's
//! decision rows and the rule and recommend stages' values. Pure.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::model::{Msg, Platform};
use crate::recommend::{Action, Recommendation};
use crate::registry::{Decision, DecisionAction};
use crate::rules::{Finding, Waiver};

/// The waiver decisions as the rule stage's waivers.
pub fn waivers(decisions: &[Decision]) -> Vec<Waiver> {
    decisions
        .iter()
        .filter(|d| d.action == DecisionAction::Waive)
        .map(|d| Waiver {
            platform_id: d.platform_id.clone(),
            rule: d.rule.clone().unwrap_or_default(),
            reason: d.reason.clone(),
            until: d.until,
        })
        .collect()
}

/// Applies decisions in force on `as_of` to one audit's recommendations and findings,
/// and says so in the reasons: a waiver marks the rule's findings waived and drops the
/// rule from the recommendation (which becomes `keep` when no rule is left); keep,
/// merge and shutdown replace the recommended action. Pure.
pub fn apply_decisions(
    decisions: &[Decision],
    platforms: &[Platform],
    recommendations: &mut [Recommendation],
    findings: &mut [Finding],
    as_of: NaiveDate,
) {
    let index: HashMap<&str, usize> = platforms
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let rec_at: HashMap<usize, usize> = recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.platform, i))
        .collect();
    for d in decisions.iter().filter(|d| d.in_force(as_of)) {
        let Some(&p) = index.get(d.platform_id.as_str()) else {
            continue;
        };
        let on = d.decided_on().to_string();
        let until_zh = d
            .until
            .map(|u| format!("，有效期至 {u}"))
            .unwrap_or_default();
        let until_en = d.until.map(|u| format!(", until {u}")).unwrap_or_default();
        let Some(rec) = rec_at.get(&p).and_then(|&i| recommendations.get_mut(i)) else {
            continue;
        };
        match d.action {
            DecisionAction::Waive => {
                let rule = d.rule.clone().unwrap_or_default();
                for f in findings
                    .iter_mut()
                    .filter(|f| f.platform == p && f.rule == rule)
                {
                    f.waived = Some(d.reason.clone());
                }
                let had = rec.rules.len();
                rec.rules.retain(|r| *r != rule);
                if rec.rules.len() != had
                    || findings.iter().any(|f| f.platform == p && f.rule == rule)
                {
                    rec.reasons.insert(
                        0,
                        Msg::new(
                            format!("规则 {rule} 已按 {on} 的人工决定豁免{until_zh}。理由：{}", d.reason),
                            format!("Rule {rule} is waived by the decision of {on}{until_en}. Reason: {}", d.reason),
                        ),
                    );
                }
                if had > 0 && rec.rules.is_empty() && rec.action != Action::Keep {
                    rec.action = Action::Keep;
                    rec.into = None;
                    rec.deadline = None;
                    rec.saved_minutes_per_month = 0.0;
                }
            }
            DecisionAction::Keep => {
                rec.action = Action::Keep;
                rec.into = None;
                rec.deadline = None;
                rec.saved_minutes_per_month = 0.0;
                rec.reasons.insert(
                    0,
                    Msg::new(
                        format!("按 {on} 的人工决定保留{until_zh}。理由：{}", d.reason),
                        format!(
                            "Kept by the decision of {on}{until_en}. Reason: {}",
                            d.reason
                        ),
                    ),
                );
            }
            DecisionAction::Shutdown => {
                rec.action = Action::Shutdown;
                rec.into = None;
                rec.deadline = rec.deadline.or(Some(as_of + Duration::days(30)));
                rec.reasons.insert(
                    0,
                    Msg::new(
                        format!("按 {on} 的人工决定关停注销。理由：{}", d.reason),
                        format!("Shut down by the decision of {on}. Reason: {}", d.reason),
                    ),
                );
            }
            DecisionAction::Merge => {
                let into = d.into.as_deref().unwrap_or("");
                match index.get(into) {
                    Some(&target) => {
                        rec.action = Action::Merge;
                        rec.into = Some(target);
                        rec.deadline = rec.deadline.or(Some(as_of + Duration::days(60)));
                        rec.reasons.insert(
                            0,
                            Msg::new(
                                format!("按 {on} 的人工决定整合迁移至 {into}。理由：{}", d.reason),
                                format!("Merged into {into} by the decision of {on}. Reason: {}", d.reason),
                            ),
                        );
                    }
                    None => rec.reasons.insert(
                        0,
                        Msg::new(
                            format!("{on} 的人工决定要求整合迁移至 {into}，但该平台已不在登记库的现有平台中"),
                            format!("The decision of {on} merges into {into}, which is no longer a current platform"),
                        ),
                    ),
                }
            }
        }
    }
}
