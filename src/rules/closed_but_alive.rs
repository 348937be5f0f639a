//! Rule `closed-but-alive`: platforms ordered closed or deregistered that still run.

use super::deficiency::{self, Deficiency};
use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::Msg;
use crate::model::{kept_value, KeptColumn};

const ID: &str = "closed-but-alive";

/// Days within which a post or activity counts as "still publishing".
pub const ALIVE_DAYS: i64 = 30;

/// Whether a status cell says the platform is closed or deregistered.
pub fn says_closed(status: &str) -> bool {
    let t = status.trim();
    [
        "已关停",
        "已注销",
        "已关闭",
        "已停用",
        "关停",
        "注销",
        "停运",
        "已下线",
        "已撤销",
    ]
    .iter()
    .any(|w| t.contains(w))
        && !t.contains("未")
        && !t.contains("拟")
}

declare_rule! {
    /// ## What it checks
    /// Platforms that should no longer run but do: ordered closed and still operating,
    /// reopened after deregistration, or listed as closed while still publishing.
    ///
    /// ## Why it matters
    /// “已责令关停或已注销仍在运行,注销后重新上线,或已关停仍在更新”.
    /// 国办发〔2018〕123号: accounts that are closed must be deregistered and not reopened
    /// without filing; quarterly notices (政府网站与政务新媒体检查指标) name accounts
    /// 注销后重新上线 or 应关未关, and provinces close them outright.
    ///
    /// ## Evidence
    /// A 账号状态 / 运行状态 column that says 已关停/已注销 while the last update or
    /// activity lies within `ALIVE_DAYS` (30) days of the audit date; or notes,
    /// inspection cells or the platform's own documents stating 注销后重新上线, 责令关停后仍
    /// 在运行, 已关停但仍在更新, 应关未关, outside a ban and not marked fixed.
    ///
    /// ## Example
    /// 云溪招商, 备注 “2020年11月已注销后重新上线” → flagged, shutdown.
    ///
    /// ## Configuration
    /// No settings; the threshold is `ALIVE_DAYS`.
    pub struct ClosedButAlive;
}

impl Rule for ClosedButAlive {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let mut counts = CoverageCounts::default();
        for (idx, p) in input.ctx.platforms.iter().enumerate() {
            let status = kept_value(&p.extra, KeptColumn::OperatingStatus);
            let mut evidence = Vec::new();
            if let (Some((header, value)), Some(alive)) = (status, p.last_seen_alive()) {
                if says_closed(value) && input.days_since(alive) <= ALIVE_DAYS {
                    evidence.push(Evidence::field(header, value));
                    evidence.push(Evidence::field("last_update", alive.to_string()));
                }
            }
            evidence.extend(deficiency::evidence(input, idx, Deficiency::StillRunning));
            counts.count(
                evidence.is_empty() && status.is_none() && !deficiency::has_text(input, idx),
            );
            if !evidence.is_empty() {
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!("“{}”应关停或已注销但仍在运行，应予关停并注销", p.name),
                        format!(
                            "“{}” was closed or deregistered but still runs; shut it down",
                            p.name
                        ),
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
    use crate::model::Kind;
    use crate::rules::testing::{date, platform, Case};

    #[test]
    fn violating() {
        let mut a = platform("C1", "云溪招商", Kind::Account);
        a.notes = Some("2020年11月已注销后重新上线".into());
        let mut b = platform("C2", "云溪旅游", Kind::Account);
        b.extra.insert("账号状态".into(), "已注销".into());
        b.last_update = Some(date("2026-11-15"));
        insta::assert_snapshot!(Case::new(vec![a, b]).check(ID));
    }

    #[test]
    fn compliant() {
        let mut a = platform("C1", "云溪发布", Kind::Account);
        a.extra.insert("账号状态".into(), "已注销".into());
        a.last_update = Some(date("2025-01-15"));
        let mut b = platform("C2", "云溪公安", Kind::Account);
        b.extra.insert("账号状态".into(), "正常".into());
        b.last_update = Some(date("2026-11-15"));
        let c = platform("C3", "信息不明号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }
}
