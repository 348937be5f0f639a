//! Report labels in Chinese and English: kinds, levels, actions, severities, follow-up
//! states, the 整改措施 sentence derived from an action and its rules, and the clause of
//! each rule from the policy catalog (`rules::catalog`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::model::{Kind, Lang, Level, ProblemLevel};
use crate::recommend::{Action, FollowStatus};
use crate::rules::Severity;

/// Picks the Chinese or the English label.
pub(crate) fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// Label of a platform kind.
pub(crate) fn kind(kind: Kind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => kind.label_zh(),
        Lang::En => match kind {
            Kind::App => "App",
            Kind::MiniProgram => "Mini program",
            Kind::Account => "Public account",
            Kind::Group => "Work group",
            Kind::Platform => "Work platform",
            Kind::Form => "Reporting form",
            Kind::Website => "Government website",
        },
    }
}

/// Label of an administrative level; `None` is "unknown".
pub(crate) fn level(level: Option<Level>, lang: Lang) -> &'static str {
    match (level, lang) {
        (None, _) => tr(lang, "未知", "Unknown"),
        (Some(l), Lang::Zh) => l.label_zh(),
        (Some(l), Lang::En) => match l {
            Level::National => "National",
            Level::Province => "Province",
            Level::City => "City",
            Level::County => "County",
            Level::Township => "Township",
            Level::Village => "Village",
        },
    }
}

/// Label of an action.
pub(crate) fn action(action: Action, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => action.label_zh(),
        Lang::En => match action {
            Action::Keep => "Keep",
            Action::Merge => "Merge",
            Action::Shutdown => "Shut down",
            Action::Dissolve => "Dissolve",
            Action::Rectify => "Rectify",
        },
    }
}

/// Label of a severity.
pub(crate) fn severity(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::High => tr(lang, "高", "High"),
        Severity::Medium => tr(lang, "中", "Medium"),
        Severity::Low => tr(lang, "低", "Low"),
    }
}

/// Label of a follow-up state.
pub(crate) fn follow(status: FollowStatus, lang: Lang) -> &'static str {
    match status {
        FollowStatus::Done => tr(lang, "已完成", "Done"),
        FollowStatus::Pending => tr(lang, "办理中", "Pending"),
        FollowStatus::Overdue => tr(lang, "已逾期", "Overdue"),
        FollowStatus::Rebounded => tr(lang, "已反弹", "Rebounded"),
    }
}

/// Label of a problem level.
pub(crate) fn problem_level(level: ProblemLevel, lang: Lang) -> &'static str {
    match level {
        ProblemLevel::Info => tr(lang, "说明", "Info"),
        ProblemLevel::Warning => tr(lang, "提示", "Warning"),
        ProblemLevel::Error => tr(lang, "错误", "Error"),
    }
}

/// The corrective measure one rule asks for, if the rule has a specific one (its
/// `measure` in the rule catalog).
fn rule_measure(rule: &str, lang: Lang) -> Option<&'static str> {
    let measure = crate::rules::catalog::get(rule)?.measure?;
    Some(tr(lang, measure.zh, measure.en))
}

/// The 整改措施 sentence for an action with its supporting rules; `target` names the
/// merge target as "name（id）".
pub(crate) fn measure(action: Action, rules: &[&str], target: Option<&str>, lang: Lang) -> String {
    match action {
        Action::Keep => String::new(),
        Action::Merge => match (target, lang) {
            (Some(t), Lang::Zh) => {
                format!("将功能和数据整合迁移至“{t}”，迁移完成后停止运行并注销本平台")
            }
            (Some(t), Lang::En) => {
                format!("migrate functions and data into \"{t}\", then retire this one")
            }
            (None, _) => tr(
                lang,
                "整合迁移至统一平台，迁移完成后停止运行并注销本平台",
                "migrate into the unified platform, then retire this one",
            )
            .to_string(),
        },
        Action::Shutdown => tr(
            lang,
            "关停下架并注销备案，依法处置存量数据",
            "shut down, withdraw from stores, cancel the filing and dispose of stored data lawfully",
        )
        .to_string(),
        Action::Dissolve => tr(
            lang,
            "解散工作群，相关资料归档留存",
            "dissolve the group and archive its records",
        )
        .to_string(),
        Action::Rectify => {
            let mut parts: Vec<&str> = Vec::new();
            for rule in rules {
                if let Some(m) = rule_measure(rule, lang) {
                    if !parts.contains(&m) {
                        parts.push(m);
                    }
                }
            }
            if parts.is_empty() {
                let list = rules.join(", ");
                match lang {
                    Lang::Zh => format!("对照问题线索（{list}）整改到位"),
                    Lang::En => format!("correct the practices flagged ({list})"),
                }
            } else {
                parts.join(tr(lang, "；", "; "))
            }
        }
    }
}

/// One rule of the policy catalog as the report cites it.
#[derive(Debug, Clone)]
pub(crate) struct RuleInfo {
    /// The clause, in Chinese (≤ 40 characters).
    pub clause: String,
    /// The source document(s).
    pub source: String,
}

/// The rule catalog, keyed by rule id, taken from the one rule table
/// (`rules::catalog`), so a report can quote each rule's clause and source even for
/// rules it has no finding for.
pub(crate) fn catalog() -> &'static BTreeMap<String, RuleInfo> {
    static CATALOG: OnceLock<BTreeMap<String, RuleInfo>> = OnceLock::new();
    CATALOG.get_or_init(|| {
        crate::rules::catalog::CATALOG
            .iter()
            .map(|meta| {
                (
                    meta.id.to_string(),
                    RuleInfo {
                        clause: meta.clause.to_string(),
                        source: meta.source.to_string(),
                    },
                )
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_every_rule_with_a_clause() {
        let catalog = catalog();
        assert_eq!(catalog.len(), crate::rules::catalog::CATALOG.len());
        let rule = &catalog["app-forced-checkin"];
        assert!(rule.clause.contains("打卡"));
        assert!(rule.source.contains("办法"));
    }

    #[test]
    fn measures_follow_action_and_rules() {
        let m = measure(
            Action::Rectify,
            &["app-forced-checkin", "forced-trace-upload"],
            None,
            Lang::Zh,
        );
        assert!(m.contains("打卡") && m.contains("留痕"), "{m}");
        let m = measure(
            Action::Merge,
            &["duplicate-app"],
            Some("甲（A1）"),
            Lang::Zh,
        );
        assert!(m.contains("甲（A1）"));
        let m = measure(Action::Rectify, &["some-local-rule"], None, Lang::En);
        assert!(m.contains("some-local-rule"));
        assert_eq!(measure(Action::Keep, &[], None, Lang::Zh), "");
    }
}
