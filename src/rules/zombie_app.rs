//! Rule `zombie-app`: rarely used apps without updates or activity for months.

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Kind, Msg};

const ID: &str = "zombie-app";

declare_rule! {
    /// ## What it checks
    /// Apps, mini programs and work platforms that are rarely used and have shown no
    /// update or activity for a long time (空壳、僵尸应用).
    ///
    /// ## Why it matters
    /// 办法: “对使用频率低、实用性不强的政务应用程序限期关停注销”; 意见“防止‘空壳’‘僵尸’”. No national
    /// number exists, so the thresholds are local settings.
    ///
    /// ## Evidence
    /// `monthly_active` below `zombie_app_mau_floor` (100) or below
    /// `zombie_app_mau_ratio` (1%) of `users`, **and** the later of `last_update` and
    /// `last_active` at least `zombie_app_months` × 30 days (180) before the audit date.
    /// Without monthly actives, or without both dates for a rarely used app, the rule
    /// reports insufficient data (an app with recent activity is decided as alive).
    ///
    /// ## Example
    /// 云溪旅游App, 月活 12, 最近更新 2025-12-01, audit 2026-11-20 → flagged.
    ///
    /// ## Configuration
    /// `zombie_app_months`, `zombie_app_mau_floor`, `zombie_app_mau_ratio`.
    pub struct ZombieApp;
}

impl Rule for ZombieApp {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let settings = input.ctx.settings;
        let idle_days = settings.zombie_app_days();
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !matches!(p.kind, Kind::App | Kind::MiniProgram | Kind::Platform) {
                continue;
            }
            let last = p.last_seen_alive();
            let idle = last.map(|d| input.days_since(d) >= idle_days);
            let Some(mau) = p.monthly_active else {
                // Recent activity decides the app is alive even without usage numbers.
                counts.count(idle != Some(false));
                continue;
            };
            let ratio_low = p
                .users
                .filter(|&u| u > 0)
                .is_some_and(|u| (mau as f64) < settings.zombie_app_mau_ratio * u as f64);
            let low_use = mau < settings.zombie_app_mau_floor || ratio_low;
            if !low_use {
                counts.count(false);
                continue;
            }
            let (Some(last), Some(true)) = (last, idle) else {
                counts.count(idle.is_none());
                continue;
            };
            counts.count(false);
            let days = input.days_since(last);
            let mut evidence = vec![Evidence::field("monthly_active", mau.to_string())];
            if let Some(users) = p.users {
                evidence.push(Evidence::field("users", users.to_string()));
            }
            if let Some(d) = p.last_update {
                evidence.push(Evidence::field("last_update", d.to_string()));
            }
            if let Some(d) = p.last_active {
                evidence.push(Evidence::field("last_active", d.to_string()));
            }
            out.push(Finding::new(
                idx,
                ID,
                Msg::new(
                    format!("“{}”月活跃用户仅{mau}人，已{days}天无更新或活跃（{last}起）", p.name),
                    format!("“{}” has {mau} monthly active users and no update or activity for {days} days (since {last})", p.name),
                ),
                evidence,
            ));
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![
            ("zombie_app_months", settings.zombie_app_months.to_string()),
            (
                "zombie_app_mau_floor",
                settings.zombie_app_mau_floor.to_string(),
            ),
            (
                "zombie_app_mau_ratio",
                settings.zombie_app_mau_ratio.to_string(),
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
        let mut a = platform("A1", "云溪旅游App", Kind::App);
        a.monthly_active = Some(12);
        a.users = Some(3000);
        a.last_update = Some(date("2025-12-01"));
        let mut b = platform("A2", "云溪招商小程序", Kind::MiniProgram);
        b.monthly_active = Some(150);
        b.users = Some(200_000);
        b.last_active = Some(date("2026-03-01"));
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("A1", "云溪办事App", Kind::App);
        a.monthly_active = Some(50_000);
        let mut b = platform("A2", "云溪小众App", Kind::App);
        b.monthly_active = Some(20);
        b.last_update = Some(date("2026-10-01"));
        let mut c = platform("A3", "无数据App", Kind::App);
        c.last_update = Some(date("2024-01-01"));
        let mut d = platform("A4", "无日期App", Kind::App);
        d.monthly_active = Some(5);
        insta::assert_snapshot!(Case::new(vec![a, b, c, d]).check(ID));
    }
}
