//! Rule `account-one-per-platform`: one unit with several accounts on one platform.

use rustc_hash::FxHashMap;

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{Kind, Msg};
use crate::normalize::names::owner_key;

const ID: &str = "account-one-per-platform";

declare_rule! {
    /// ## What it checks
    /// Units that run more than one public account on the same channel (微信, 微博,
    /// 抖音 …).
    ///
    /// ## Why it matters
    /// 国办发〔2018〕123号: “一个单位原则上在同一平台只开设一个政务新媒体账号”.
    ///
    /// ## Evidence
    /// Accounts grouped by (`owner`, `channel`); in a group of two or more, every
    /// account except the primary one is flagged. The primary one has the most users,
    /// then the earliest `created`, then the smallest id. Accounts without owner or
    /// channel are insufficient data.
    ///
    /// ## Example
    /// 云溪县文旅局 has 云溪文旅 (12,000 users) and 云溪旅游资讯 (800) on 微信 → the second
    /// is flagged and should merge into the first.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AccountOnePerPlatform;
}

impl Rule for AccountOnePerPlatform {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let platforms = input.ctx.platforms;
        let mut counts = CoverageCounts::default();
        // Owners are grouped by their folded key (width, separators), the same key identity
        // resolution uses, so 县自然资源局 and 县自然资源局 written with a full-width space
        // are one unit.
        let mut groups: FxHashMap<(String, &str), Vec<usize>> = FxHashMap::default();
        for (idx, p) in platforms.iter().enumerate() {
            if p.kind != Kind::Account {
                continue;
            }
            match (p.owner.as_deref(), p.channel.as_deref()) {
                (Some(owner), Some(channel))
                    if !owner.trim().is_empty() && !channel.trim().is_empty() =>
                {
                    counts.count(false);
                    groups
                        .entry((owner_key(owner), channel.trim()))
                        .or_default()
                        .push(idx);
                }
                _ => counts.count(true),
            }
        }
        for ((_, channel), mut members) in groups {
            if members.len() < 2 {
                continue;
            }
            members.sort_by_key(|&i| {
                let p = &platforms[i];
                (
                    std::cmp::Reverse(p.users.unwrap_or(0)),
                    p.created.unwrap_or(chrono::NaiveDate::MAX),
                    i,
                )
            });
            let primary = &platforms[members[0]];
            for &idx in &members[1..] {
                let p = &platforms[idx];
                let owner = p.owner.as_deref().unwrap_or_default().trim();
                let others: Vec<&str> = members
                    .iter()
                    .filter(|&&i| i != idx)
                    .map(|&i| platforms[i].id.as_str())
                    .collect();
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "{owner}在{channel}开设{}个账号，“{}”应并入主账号“{}”（{}）",
                            members.len(), p.name, primary.name, primary.id
                        ),
                        format!(
                            "{owner} runs {} accounts on {channel}; merge “{}” into the primary “{}” ({})",
                            members.len(), p.name, primary.name, primary.id
                        ),
                    ),
                    vec![
                        Evidence::field("owner", owner),
                        Evidence::field("channel", channel),
                        Evidence::field("id", format!("同单位同平台账号：{}", others.join("、"))),
                    ],
                ));
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, Case};

    fn account(
        id: &str,
        name: &str,
        owner: &str,
        channel: &str,
        users: u64,
    ) -> crate::model::Platform {
        let mut p = platform(id, name, Kind::Account);
        p.owner = Some(owner.into());
        p.channel = Some(channel.into());
        p.users = Some(users);
        p
    }

    #[test]
    fn violating() {
        let a = account("C1", "云溪文旅", "云溪县文旅局", "微信", 12000);
        let b = account("C2", "云溪旅游资讯", "云溪县文旅局", "微信", 800);
        let c = account("C3", "云溪文旅微博", "云溪县文旅局", "微博", 300);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }

    #[test]
    fn compliant() {
        let a = account("C1", "云溪文旅", "云溪县文旅局", "微信", 12000);
        let b = account("C2", "云溪教育", "云溪县教育局", "微信", 800);
        let c = platform("C3", "无主账号", Kind::Account);
        insta::assert_snapshot!(Case::new(vec![a, b, c]).check(ID));
    }

    /// One unit written with a full-width space or other width is still one unit: the
    /// owners are grouped by the folded owner key, as identity resolution does.
    #[test]
    fn owners_are_grouped_by_their_folded_key() {
        let a = account("C1", "云溪文旅", "云溪县文旅局", "微信", 12000);
        let b = account("C2", "云溪旅游资讯", "云溪县\u{3000}文旅局", "微信", 800);
        let case = Case::new(vec![a, b]).check(ID);
        assert!(case.lines().any(|l| l.starts_with("C2 ")), "{case}");
        assert!(
            !case.lines().any(|l| l.starts_with("C1 ")),
            "the primary is not flagged: {case}"
        );
        assert!(case.contains("findings 1"), "{case}");
    }
}
