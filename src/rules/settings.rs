//! Rule thresholds and local-rule switches: the `[rules]` table of `fingertip.toml`.
//! Defaults come from the catalog and `docs/AUDIT_POLICY.md`; an unknown key, a bad
//! time or an unknown rule id is an error naming its line (the TOML parser adds it).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Deserializer};

use super::catalog::{self, RuleMeta};

/// Thresholds and local options of the rules (`[rules]` in fingertip.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RuleSettings {
    /// Months without update or activity after which a rarely used app is a zombie
    /// (a month counts as 30 days).
    pub zombie_app_months: u32,
    /// Monthly active users below which an app counts as rarely used.
    pub zombie_app_mau_floor: u64,
    /// Share of registered users below which monthly actives count as rarely used.
    pub zombie_app_mau_ratio: f64,
    /// Days without a post after which an account is stale (单项否决: more than this).
    pub account_stale_days: u32,
    /// Days without a post after which an account is a zombie (more than this).
    pub zombie_account_days: u32,
    /// Days without a post beyond which a stale account is graded 严重逾期.
    pub seriously_overdue_days: u32,
    /// Start of working hours, `"HH:MM"`.
    pub work_start: ClockTime,
    /// End of working hours, `"HH:MM"` (exclusive).
    pub work_end: ClockTime,
    /// Working days, 1 = Monday … 7 = Sunday.
    pub work_days: Vec<u8>,
    /// Off-hours messages demanding a reply within a deadline before group-24h-media fires.
    pub min_off_hours_demands: usize,
    /// Messages handing down forms or materials with a deadline before
    /// group-task-dumping fires.
    pub min_task_dumping_demands: usize,
    /// Work groups one unit may have (group-governance).
    pub group_quota: usize,
    /// Grassroots-facing apps one unit may run (grassroots-app-quota).
    pub grassroots_app_quota: usize,
    /// Local rules that apply in this jurisdiction (off by default), by id.
    #[serde(deserialize_with = "rule_ids")]
    pub enabled_local_rules: Vec<&'static str>,
    /// Rules switched off in this jurisdiction, by id.
    #[serde(deserialize_with = "rule_ids")]
    pub disabled_rules: Vec<&'static str>,
    /// Date the 办法 took effect: apps live before it had to be filed by the deadline.
    #[serde(deserialize_with = "date_value")]
    pub filing_effective: NaiveDate,
    /// Filing deadline for apps live before `filing_effective` (6 months later).
    #[serde(deserialize_with = "date_value")]
    pub filing_deadline: NaiveDate,
    /// Local update-frequency rules for accounts, per area (`[[rules.update_frequency]]`),
    /// the most specific first: the first whose `area` the account's region or owner
    /// names applies.
    pub update_frequency: Vec<UpdateFrequency>,
    /// The jurisdiction's level policy for apps: `[policy]` in fingertip.toml, a table of
    /// its own (the settings file moves it here), so not read from `[rules]`.
    #[serde(skip)]
    pub policy: PolicySettings,
}

/// A local update-frequency rule for public accounts (夏邑: 每周更新不少于3次; 河东: 不超过
/// 10天不更新).
///
/// ```toml
/// [[rules.update_frequency]]
/// area = "夏邑县"
/// min_per_week = 3
/// max_gap_days = 10
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateFrequency {
    /// The area it applies to, as the region or owner names it (夏邑县); blank: everywhere.
    #[serde(default)]
    pub area: String,
    /// Updates a week at least.
    pub min_per_week: Option<f64>,
    /// Days between updates at most.
    pub max_gap_days: Option<u32>,
}

impl UpdateFrequency {
    /// Whether this rule covers an account with this region and owner.
    pub fn covers(&self, region: Option<&str>, owner: Option<&str>) -> bool {
        let area = self.area.trim();
        area.is_empty()
            || region.is_some_and(|r| {
                r.contains(area) || area.contains(r.trim()) && !r.trim().is_empty()
            })
            || owner.is_some_and(|o| o.contains(area))
    }
}

/// A jurisdiction's level policy for apps and mini programs (`[policy]` in
/// fingertip.toml), as provinces act in their clean-ups. Empty by default: no app is
/// closed for its level alone beyond the national `app-below-county`.
///
/// ```toml
/// [policy]
/// # 江苏 2025: 县级及以下政务服务App全部取消
/// close_apps_at_or_below = "county"
/// # apps with a single function and few users at county level or below are closed outright
/// close_single_function_low_use_at_or_below = "county"
/// low_use_users = 10000
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicySettings {
    /// Apps and mini programs owned at this level or below are closed (关停).
    #[serde(deserialize_with = "level_value")]
    pub close_apps_at_or_below: Option<crate::model::Level>,
    /// Apps and mini programs at this level or below with a single function and low use
    /// are closed.
    #[serde(deserialize_with = "level_value")]
    pub close_single_function_low_use_at_or_below: Option<crate::model::Level>,
    /// Registered users below which an app counts as little used (else monthly actives
    /// below `zombie_app_mau_floor`, or the register's own words 注册用户较少).
    pub low_use_users: u64,
}

impl Default for PolicySettings {
    fn default() -> Self {
        PolicySettings {
            close_apps_at_or_below: None,
            close_single_function_low_use_at_or_below: None,
            low_use_users: 10_000,
        }
    }
}

impl PolicySettings {
    /// Whether any level policy is set.
    pub fn is_set(&self) -> bool {
        self.close_apps_at_or_below.is_some()
            || self.close_single_function_low_use_at_or_below.is_some()
    }
}

/// Deserializes an optional level written as a code (`"county"`) or in Chinese (`"县级"`).
fn level_value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<crate::model::Level>, D::Error> {
    let text = String::deserialize(d)?;
    crate::model::Level::parse(&text)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom(format!("“{text}”不是可识别的层级（province、city、county、township、village 或 省、市、县、乡镇、村）")))
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            zombie_app_months: 6,
            zombie_app_mau_floor: 100,
            zombie_app_mau_ratio: 0.01,
            account_stale_days: 14,
            zombie_account_days: 90,
            seriously_overdue_days: 30,
            work_start: ClockTime(8 * 60 + 30),
            work_end: ClockTime(18 * 60),
            work_days: vec![1, 2, 3, 4, 5],
            min_off_hours_demands: 2,
            min_task_dumping_demands: 2,
            group_quota: 1,
            grassroots_app_quota: 1,
            enabled_local_rules: Vec::new(),
            disabled_rules: Vec::new(),
            filing_effective: NaiveDate::from_ymd_opt(2026, 1, 25).unwrap_or_default(),
            filing_deadline: NaiveDate::from_ymd_opt(2026, 7, 25).unwrap_or_default(),
            update_frequency: Vec::new(),
            policy: PolicySettings::default(),
        }
    }
}

impl RuleSettings {
    /// Whether a catalog rule runs: local rules only when listed in
    /// `enabled_local_rules`, any rule unless listed in `disabled_rules`.
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        if self.disabled_rules.contains(&meta.id) {
            return false;
        }
        !meta.local || self.enabled_local_rules.contains(&meta.id)
    }

    /// Whether `time` falls outside working hours (a non-working day, or before
    /// `work_start`, or at or after `work_end`).
    pub fn is_off_hours(&self, time: NaiveDateTime) -> bool {
        let weekday = time.weekday().number_from_monday() as u8;
        if !self.work_days.contains(&weekday) {
            return true;
        }
        let minute = time.hour() * 60 + time.minute();
        minute < self.work_start.0 || minute >= self.work_end.0
    }

    /// Days without update or activity after which an app is a zombie.
    pub fn zombie_app_days(&self) -> i64 {
        i64::from(self.zombie_app_months) * 30
    }
}

/// A time of day as minutes after midnight, written `"HH:MM"` in settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime(pub u32);

impl ClockTime {
    /// Parses `"HH:MM"` (24-hour clock).
    pub fn parse(text: &str) -> Option<ClockTime> {
        let (h, m) = text.trim().split_once(':')?;
        let h: u32 = h.trim().parse().ok()?;
        let m: u32 = m.trim().parse().ok()?;
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(ClockTime(h * 60 + m))
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ClockTime::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("“{text}”不是 HH:MM 格式的时间")))
    }
}

/// Deserializes a list of rule ids, rejecting ids not in the catalog.
fn rule_ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<&'static str>, D::Error> {
    let ids = Vec::<String>::deserialize(d)?;
    ids.iter()
        .map(|id| {
            catalog::get(id.trim()).map(|meta| meta.id).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "未知规则“{id}”；相近的规则：{}",
                    catalog::close_ids(id).join(", ")
                ))
            })
        })
        .collect()
}

/// Deserializes a date written as a TOML string `"2026-01-25"` or a bare TOML date.
fn date_value<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let value = toml::Value::deserialize(d)?;
    let text = match value {
        toml::Value::String(s) => s,
        toml::Value::Datetime(dt) => dt.to_string(),
        other => other.to_string(),
    };
    crate::model::parse_ymd(&text).map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    struct File {
        rules: RuleSettings,
    }

    fn parse(text: &str) -> Result<RuleSettings, String> {
        toml::from_str::<File>(text)
            .map(|f| f.rules)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_match_audit_policy() {
        let s = RuleSettings::default();
        assert_eq!(s.zombie_app_days(), 180);
        assert_eq!(s.zombie_app_mau_floor, 100);
        assert_eq!(s.account_stale_days, 14);
        assert_eq!(s.zombie_account_days, 90);
        assert_eq!(s.work_start.to_string(), "08:30");
        assert_eq!(s.work_end.to_string(), "18:00");
        assert_eq!(s.min_off_hours_demands, 2);
        assert_eq!(s.group_quota, 1);
        assert_eq!(s.filing_deadline.to_string(), "2026-07-25");
    }

    #[test]
    fn file_overrides_and_local_rules() {
        let s = parse(
            "[rules]\nzombie_app_months = 12\nwork_start = \"09:00\"\nenabled_local_rules = [\"group-governance\"]\nfiling_deadline = 2026-08-01\n",
        )
        .unwrap();
        assert_eq!(s.zombie_app_months, 12);
        assert_eq!(s.work_start, ClockTime(9 * 60));
        assert_eq!(s.enabled_local_rules, vec!["group-governance"]);
        assert_eq!(s.filing_deadline.to_string(), "2026-08-01");
        let meta = catalog::get("group-governance").unwrap();
        assert!(s.is_enabled(meta));
        assert!(!RuleSettings::default().is_enabled(meta));
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("[rules]\nzombie_app_months = 3\nbogus = 1\n").unwrap_err();
        assert!(err.contains("bogus") && err.contains("line 3"), "{err}");
        let err = parse("[rules]\nwork_end = \"25:99\"\n").unwrap_err();
        assert!(err.contains("HH:MM") && err.contains("line 2"), "{err}");
        let err = parse("[rules]\n\nenabled_local_rules = [\"group-governanse\"]\n").unwrap_err();
        assert!(
            err.contains("group-governance") && err.contains("line 3"),
            "{err}"
        );
    }

    #[test]
    fn policy_levels_parse_in_both_languages_and_errors_name_the_line() {
        #[derive(Debug, Deserialize)]
        struct PolicyFile {
            policy: PolicySettings,
        }
        let parse = |text: &str| toml::from_str::<PolicyFile>(text).map(|f| f.policy);
        let p = parse("[policy]\nclose_apps_at_or_below = \"county\"\nclose_single_function_low_use_at_or_below = \"县级\"\n").unwrap();
        assert_eq!(p.close_apps_at_or_below, Some(crate::model::Level::County));
        assert_eq!(
            p.close_single_function_low_use_at_or_below,
            Some(crate::model::Level::County)
        );
        assert!(p.is_set());
        assert!(!PolicySettings::default().is_set());
        let err = parse("[policy]\n\nclose_apps_at_or_below = \"银河系\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("银河系") && err.contains("line 3"), "{err}");
    }

    #[test]
    fn off_hours() {
        let s = RuleSettings::default();
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        // 2026-11-03 is a Tuesday, 2026-11-07 a Saturday.
        assert!(s.is_off_hours(at("2026-11-03 21:47")));
        assert!(s.is_off_hours(at("2026-11-03 08:29")));
        assert!(!s.is_off_hours(at("2026-11-03 08:30")));
        assert!(s.is_off_hours(at("2026-11-03 18:00")));
        assert!(s.is_off_hours(at("2026-11-07 10:00")));
    }
}
