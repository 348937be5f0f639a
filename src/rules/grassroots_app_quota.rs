//! Rule `grassroots-app-quota`: more grassroots-facing apps per unit than allowed.

use rustc_hash::FxHashMap;

use super::tags::GRASSROOTS_MARKERS;
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput, RuleSettings};
use crate::model::{Level, Msg, Platform};

const ID: &str = "grassroots-app-quota";

declare_rule! {
    /// ## What it checks
    /// Units at national, provincial or city level that run more grassroots-facing apps
    /// than the quota (default one).
    ///
    /// ## Why it matters
    /// 规定·五: “中央和国家机关部门原则上最多运行1个面向基层的政务App”; 四川“四个一律”: 省、市两级面向基层原则上不超过1个.
    ///
    /// ## Evidence
    /// Apps and mini programs of the same `owner` at national, province or city level
    /// that face the grassroots: an audience column (受众, 服务对象, audience) naming
    /// 基层/网格/村/乡镇, or name, description or notes naming grassroots users. Every
    /// such app beyond the quota is flagged except the primary one (most monthly active
    /// users, then most users, then earliest created, then smallest id).
    ///
    /// ## Example
    /// 云溪市民政局 runs 社区救助通 and 网格走访App, both for 网格员 → the smaller one is flagged.
    ///
    /// ## Configuration
    /// `grassroots_app_quota` (default 1).
    pub struct GrassrootsAppQuota;
}

/// Whether the platform faces grassroots users: `Some(true/false)` from an audience
/// column, else `Some(true)` when its texts name grassroots users, else `None`.
fn faces_grassroots(p: &Platform) -> Option<bool> {
    let column = p.extra.iter().find(|(k, _)| {
        let k = k.to_ascii_lowercase();
        k.contains("受众")
            || k.contains("服务对象")
            || k.contains("audience")
            || k.contains("使用对象")
    });
    if let Some((_, value)) = column {
        return Some(
            GRASSROOTS_MARKERS.iter().any(|m| value.contains(m)) || value.contains("内部"),
        );
    }
    let texts = [
        Some(p.name.as_str()),
        p.description.as_deref(),
        p.notes.as_deref(),
    ];
    super::tags::text_has(&texts, &GRASSROOTS_MARKERS).then_some(true)
}

impl Rule for GrassrootsAppQuota {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let quota = input.ctx.settings.grassroots_app_quota;
        let mut counts = CoverageCounts::default();
        let mut by_owner: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            if !p.kind.is_app_like() {
                continue;
            }
            let (Some(owner), Some(level)) = (p.owner.as_deref(), p.level) else {
                counts.count(true);
                continue;
            };
            if level > Level::City {
                counts.count(false);
                continue;
            }
            match faces_grassroots(p) {
                None => counts.count(true),
                Some(false) => counts.count(false),
                Some(true) => {
                    counts.count(false);
                    by_owner.entry(owner.trim()).or_default().push(idx);
                }
            }
        }
        let platforms = input.ctx.platforms;
        for (owner, mut members) in by_owner {
            if members.len() <= quota {
                continue;
            }
            members.sort_by_key(|&i| {
                let p = &platforms[i];
                (
                    std::cmp::Reverse(p.monthly_active.unwrap_or(0)),
                    std::cmp::Reverse(p.users.unwrap_or(0)),
                    p.created.unwrap_or(chrono::NaiveDate::MAX),
                    i,
                )
            });
            let kept: Vec<&str> = members[..quota]
                .iter()
                .map(|&i| platforms[i].name.as_str())
                .collect();
            for &idx in &members[quota..] {
                let p = &platforms[idx];
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("{owner}运行面向基层的政务应用{}个，超过{quota}个的限额（保留“{}”）", members.len(), kept.join("”“")),
                        format!("{owner} runs {} grassroots-facing apps, more than the quota of {quota}", members.len()),
                    ),
                    vec![
                        Evidence::field("owner", owner),
                        Evidence::field("name", p.name.clone()),
                    ],
                ));
            }
        }
        counts
    }

    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        vec![(
            "grassroots_app_quota",
            settings.grassroots_app_quota.to_string(),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::rules::testing::{platform, Case};

    fn app(id: &str, name: &str, mau: u64) -> Platform {
        let mut p = platform(id, name, Kind::App);
        p.owner = Some("云溪市民政局".into());
        p.level = Some(Level::City);
        p.monthly_active = Some(mau);
        p
    }

    #[test]
    fn violating() {
        let mut a = app("A1", "社区救助通", 5000);
        a.description = Some("供社区干部录入救助信息".into());
        let mut b = app("A2", "网格走访App", 800);
        b.extra.insert("受众".into(), "网格员".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = app("A1", "社区救助通", 5000);
        a.description = Some("供社区干部录入救助信息".into());
        let mut b = app("A2", "云溪民政服务", 900);
        b.extra.insert("受众".into(), "公众".into());
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }
}
