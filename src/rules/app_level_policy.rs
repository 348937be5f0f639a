//! Rule `app-level-policy`: apps and mini programs a jurisdiction's level policy closes
//! (`[policy]` in fingertip.toml), such as Jiangsu's abolition of county apps.

use std::sync::LazyLock;

use regex::Regex;

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Level, Msg, Platform};

const ID: &str = "app-level-policy";

/// The register's own words for a narrow app and for few users (功能较单一，注册用户较少).
static SINGLE_FUNCTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"功能(较为|比较|较|过于|十分)?单一|单一功能").unwrap_or_else(|e| panic!("{e}"))
});
static LOW_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(注册)?用户(数|量)?(较|很|极|偏|过)?(少|低)|使用(率|频率|量)(较|很|极|偏|过)?低|下载量(较|很|极|偏)?(少|低)|(几乎)?无人使用|活跃度(较|很|偏)?低",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// The sentence of notes or description that matches `pattern`, without a 不/未 before it.
fn stated<'p>(p: &'p Platform, pattern: &Regex) -> Option<(&'static str, &'p str)> {
    [
        ("notes", p.notes.as_deref()),
        ("description", p.description.as_deref()),
    ]
    .into_iter()
    .filter_map(|(column, text)| text.map(|t| (column, t)))
    .find(|(_, text)| {
        pattern
            .find(text)
            .is_some_and(|m| !text[..m.start()].ends_with(['不', '未', '非']))
    })
}

declare_rule! {
    /// ## What it checks
    /// Apps and mini programs that the jurisdiction's level policy closes: every app at
    /// or below a level (江苏 2025: 县级及以下政务服务App全部取消), or apps at or below a level
    /// with a single function and low use (江苏 2026 clean-up: 功能较单一、注册用户较少的
    /// 直接关停).
    ///
    /// ## Why it matters
    /// “按本地层级政策关停县级及以下(或功能单一、用户较少的)政务应用程序”.
    /// 办法: “对使用频率低、实用性不强的政务应用程序限期关停注销”; provinces set the level
    /// (江苏《关于进一步提升政务服务管理质效的若干措施》2025-07: county-level and lower
    /// 政务服务 apps cancelled, services moved to 苏服办; 四川“四个一律”). Without a `[policy]`
    /// table the rule applies to nothing.
    ///
    /// ## Evidence
    /// `level` at or below `close_apps_at_or_below`; or `level` at or below
    /// `close_single_function_low_use_at_or_below` with at most one function (or notes
    /// saying 功能较单一) **and** low use: `users` below `low_use_users`, `monthly_active`
    /// below `zombie_app_mau_floor`, or notes saying 注册用户较少 / 使用率低. An app
    /// without a level, or without both facts, counts as insufficient data.
    ///
    /// ## Example
    /// `close_single_function_low_use_at_or_below = "county"`; 健康溧阳, 层级 县级, 主要功能
    /// 健康服务, 备注 “功能较单一，注册用户较少” → flagged, shutdown.
    ///
    /// ## Configuration
    /// `[policy]`: `close_apps_at_or_below`, `close_single_function_low_use_at_or_below`,
    /// `low_use_users`; `[rules]`: `zombie_app_mau_floor`.
    pub struct AppLevelPolicy;
}

impl Rule for AppLevelPolicy {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let settings = input.ctx.settings;
        let policy = &settings.policy;
        let mut counts = CoverageCounts::default();
        if !policy.is_set() {
            return counts;
        }
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !matches!(p.kind, Kind::App | Kind::MiniProgram) {
                continue;
            }
            let Some(level) = p.level else {
                counts.count(true);
                continue;
            };
            let level_ev = Evidence::field("level", level.label_zh());
            if let Some(limit) = policy.close_apps_at_or_below.filter(|l| level >= *l) {
                counts.count(false);
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "“{}”为{}政务应用程序，按本地层级政策（{}及以下一律取消）应关停",
                            p.name,
                            level.label_zh(),
                            limit.label_zh()
                        ),
                        format!(
                            "“{}” is a {}-level app; the local level policy cancels apps at {} level and below",
                            p.name,
                            level.code(),
                            limit.code()
                        ),
                    ),
                    vec![level_ev],
                ));
                continue;
            }
            let Some(limit) = policy
                .close_single_function_low_use_at_or_below
                .filter(|l| level >= *l)
            else {
                counts.count(false);
                continue;
            };
            let single = if let Some((column, text)) = stated(p, &SINGLE_FUNCTION) {
                Some(Evidence::field(column, text))
            } else if p.functions.len() == 1 {
                Some(Evidence::field("functions", p.functions.join("、")))
            } else {
                None
            };
            let low_use = if let Some(users) = p.users.filter(|&u| u < policy.low_use_users) {
                Some(Evidence::field("users", users.to_string()))
            } else if let Some(mau) = p
                .monthly_active
                .filter(|&m| m < settings.zombie_app_mau_floor)
            {
                Some(Evidence::field("monthly_active", mau.to_string()))
            } else {
                stated(p, &LOW_USE).map(|(column, text)| Evidence::field(column, text))
            };
            counts.count(
                (single.is_none() && p.functions.is_empty())
                    || (low_use.is_none() && p.users.is_none() && p.monthly_active.is_none()),
            );
            let (Some(single), Some(low_use)) = (single, low_use) else {
                continue;
            };
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!(
                        "“{}”为{}政务应用程序，功能单一且使用量低，按本地层级政策（{}及以下功能单一、用户较少的直接关停）应关停",
                        p.name,
                        level.label_zh(),
                        limit.label_zh()
                    ),
                    format!(
                        "“{}” is a {}-level app with a single function and low use; the local level policy closes such apps at {} level and below",
                        p.name,
                        level.code(),
                        limit.code()
                    ),
                ),
                vec![level_ev, single, low_use],
            ));
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        let level =
            |l: Option<Level>| l.map_or_else(|| "（未设置）".to_string(), |l| l.code().to_string());
        vec![
            (
                "policy.close_apps_at_or_below",
                level(settings.policy.close_apps_at_or_below),
            ),
            (
                "policy.close_single_function_low_use_at_or_below",
                level(settings.policy.close_single_function_low_use_at_or_below),
            ),
            (
                "policy.low_use_users",
                settings.policy.low_use_users.to_string(),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::settings::PolicySettings;
    use crate::rules::testing::{platform, Case};

    fn app(id: &str, name: &str, level: Level, functions: &[&str], notes: &str) -> Platform {
        let mut p = platform(id, name, Kind::App);
        p.level = Some(level);
        p.functions = functions.iter().map(|f| f.to_string()).collect();
        if !notes.is_empty() {
            p.notes = Some(notes.into());
        }
        p
    }

    fn with_policy(policy: PolicySettings) -> RuleSettings {
        RuleSettings {
            policy,
            ..RuleSettings::default()
        }
    }

    #[test]
    fn violating() {
        let narrow = PolicySettings {
            close_single_function_low_use_at_or_below: Some(Level::County),
            ..PolicySettings::default()
        };
        let a = app(
            "A1",
            "健康云溪",
            Level::County,
            &["健康服务"],
            "功能较单一，注册用户较少",
        );
        let mut b = app("A2", "云溪农路", Level::County, &["农村公路管理"], "");
        b.users = Some(800);
        let c = app("A3", "住云溪", Level::Township, &[], "功能单一，用户很少");
        let case = Case::new(vec![a, b, c]).settings(with_policy(narrow));
        insta::assert_snapshot!(case.check(ID));
        let all = PolicySettings {
            close_apps_at_or_below: Some(Level::County),
            ..PolicySettings::default()
        };
        let d = app(
            "A4",
            "云溪教育缴费",
            Level::County,
            &["教育缴费", "查询"],
            "",
        );
        let case = Case::new(vec![d]).settings(with_policy(all));
        assert!(case.check(ID).contains("A4 "), "{}", case.check(ID));
    }

    #[test]
    fn compliant() {
        let narrow = PolicySettings {
            close_single_function_low_use_at_or_below: Some(Level::County),
            ..PolicySettings::default()
        };
        // A city app, a busy county app, a county app with many functions, a county app
        // whose users are not few, and no policy at all.
        let a = app(
            "A1",
            "云溪市民",
            Level::City,
            &["健康服务"],
            "功能较单一，注册用户较少",
        );
        let mut b = app("A2", "云溪办事", Level::County, &["政务服务"], "");
        b.users = Some(120_000);
        let c = app(
            "A3",
            "云溪通",
            Level::County,
            &["政务服务", "便民服务", "缴费"],
            "注册用户较少",
        );
        let d = app(
            "A4",
            "云溪应急",
            Level::County,
            &["应急管理"],
            "功能单一，但用户不少",
        );
        insta::assert_snapshot!(Case::new(vec![a, b, c, d])
            .settings(with_policy(narrow))
            .check(ID));
        let e = app("A5", "住云溪", Level::Township, &[], "功能单一，用户很少");
        let unset = Case::new(vec![e]).check(ID);
        assert!(!unset.contains("A5 "), "{unset}");
    }
}
