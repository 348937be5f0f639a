//! Rule `account-one-per-platform`: one unit with several accounts on one platform.

use rustc_hash::FxHashMap;

use super::{CoverageCounts, Evidence, Finding, Rule, RuleInput};
use crate::model::{kept_value, KeptColumn, Kind, Msg, Platform};
use crate::normalize::names::owner_key;
use crate::org::{Gazetteer, OwnerUnit, UnitKind};

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
    /// Accounts grouped by (unit, `channel`), where the unit is the owner's bureau:
    /// subunits, 内设机构 and 工会 roll up to their bureau from their names (兴国县自然资源局
    /// 综合执法大队 → 兴国县自然资源局) or from a 主管单位 column naming a department. In a
    /// group of two or more, every account except the primary one is flagged. The primary
    /// one is the account the register marks as the main one (局主账号, 官方账号), else the
    /// bureau's own account, else the one with the most users, then the earliest
    /// `created`, then the smallest id. Accounts without owner or channel are
    /// insufficient data.
    ///
    /// ## Example
    /// 云溪县文旅局 has 云溪文旅 (12,000 users) and 云溪旅游资讯 (800) on 微信 → the second
    /// is flagged and should merge into the first.
    ///
    /// ## Configuration
    /// No thresholds.
    pub struct AccountOnePerPlatform;
}

/// The key one unit's names share: the rollup key when the area and bureau are known
/// (兴国县自然资源局综合执法大队 and 赣州市兴国县自然资源局 share one), else the folded name
/// with a subunit suffix cut off (青箬县自然资源局综合执法大队 → 青箬县自然资源局).
fn unit_key(unit: &OwnerUnit<'_>, name: &str) -> String {
    if unit.area.is_some() && unit.bureau.is_some() {
        return unit.rollup_key();
    }
    let folded = owner_key(name);
    match unit.subunit.as_deref().map(owner_key) {
        Some(sub) if !sub.is_empty() && folded.len() > sub.len() && folded.ends_with(&sub) => {
            folded[..folded.len() - sub.len()].to_string()
        }
        _ => folded,
    }
}

/// The unit an account counts against, as (key, name, is the bureau's own account): the
/// owner's bureau — subunits, 内设机构 and 工会 roll up from their names, or from a 主管单位
/// column that names a department. `None` without an owner.
fn unit_of(p: &Platform, gazetteer: &Gazetteer) -> Option<(String, String, bool)> {
    let owner = p
        .owner
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())?;
    let context = p
        .region
        .as_deref()
        .map(|r| gazetteer.resolve(r).candidates())
        .unwrap_or_default();
    let owner_unit = OwnerUnit::parse(owner, gazetteer, &context);
    let owner_is_body = matches!(
        owner_unit.kind,
        UnitKind::Government
            | UnitKind::PartyCommittee
            | UnitKind::Department
            | UnitKind::Assembly
            | UnitKind::Judiciary
    ) && !owner_unit.is_subunit();
    // A subunit, institution or attached office that names its supervising department
    // counts against it; a government or party committee answers to no department.
    let answers_to_department = !owner_is_body
        || !matches!(
            owner_unit.kind,
            UnitKind::Government | UnitKind::PartyCommittee
        );
    if answers_to_department {
        if let Some((_, supervisor)) = kept_value(&p.extra, KeptColumn::Supervisor) {
            let supervisor = supervisor.trim();
            let sup = OwnerUnit::parse(supervisor, gazetteer, &context);
            if sup.kind == UnitKind::Department
                && !sup.is_subunit()
                && owner_key(supervisor) != owner_key(owner)
            {
                return Some((unit_key(&sup, supervisor), supervisor.to_string(), false));
            }
        }
    }
    Some((
        unit_key(&owner_unit, owner),
        owner.to_string(),
        owner_is_body,
    ))
}

/// Whether the register marks the account as its unit's main account (局主账号, 官方账号,
/// 主账号).
fn marked_main(p: &Platform) -> bool {
    let says = |t: &str| {
        (t.contains("主账号") || t.contains("官方账号") || t.contains("主号"))
            && !t.contains("非主账号")
            && !t.contains("不是主账号")
    };
    p.notes.as_deref().is_some_and(says) || p.extra.values().any(|v| says(v))
}

/// One unit's accounts on one channel: the unit's name and (index, is the bureau's own).
type Group = (String, Vec<(usize, bool)>);

/// Accounts grouped by (unit, channel): every group of two or more, members sorted so
/// the primary comes first (marked main account, then the bureau's own account, then
/// the most users, the earliest created, the smallest index).
fn groups(platforms: &[Platform]) -> (Vec<(String, String, Vec<usize>)>, CoverageCounts) {
    let gazetteer = Gazetteer::builtin();
    let mut counts = CoverageCounts::default();
    let mut by_key: FxHashMap<(String, String), Group> = FxHashMap::default();
    // Owners repeat across a unit's accounts (and across a million-platform registry), so
    // each (owner, supervisor, region) is parsed once.
    type UnitMemoKey<'p> = (Option<&'p str>, Option<&'p str>, Option<&'p str>);
    let mut memo: FxHashMap<UnitMemoKey<'_>, Option<(String, String, bool)>> = FxHashMap::default();
    for (idx, p) in platforms.iter().enumerate() {
        if p.kind != Kind::Account {
            continue;
        }
        let channel = p
            .channel
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let memo_key = (
            p.owner.as_deref(),
            kept_value(&p.extra, KeptColumn::Supervisor).map(|(_, v)| v),
            p.region.as_deref(),
        );
        let unit = memo
            .entry(memo_key)
            .or_insert_with(|| unit_of(p, gazetteer))
            .clone();
        match (unit, channel) {
            (Some((key, unit_name, own)), Some(channel)) => {
                counts.count(false);
                let entry = by_key
                    .entry((key, channel.to_string()))
                    .or_insert_with(|| (unit_name.clone(), Vec::new()));
                // Name the group after the bureau's own account's owner when there is one.
                if own {
                    entry.0 = unit_name;
                }
                entry.1.push((idx, own));
            }
            _ => counts.count(true),
        }
    }
    let mut out: Vec<(String, String, Vec<usize>)> = by_key
        .into_iter()
        .filter(|(_, (_, members))| members.len() >= 2)
        .map(|((_, channel), (unit, mut members))| {
            members.sort_by_key(|&(i, own)| {
                let p = &platforms[i];
                (
                    !marked_main(p),
                    !own,
                    std::cmp::Reverse(p.users.unwrap_or(0)),
                    p.created.unwrap_or(chrono::NaiveDate::MAX),
                    i,
                )
            });
            (unit, channel, members.into_iter().map(|(i, _)| i).collect())
        })
        .collect();
    out.sort_by_key(|(_, _, members)| members[0]);
    (out, counts)
}

/// For each account that should fold into its unit's primary account on the same
/// channel, that primary account (the merge target the recommend stage uses).
pub fn primary_accounts(platforms: &[Platform]) -> Vec<Option<usize>> {
    let mut primary = vec![None; platforms.len()];
    for (_, _, members) in groups(platforms).0 {
        for &idx in &members[1..] {
            primary[idx] = Some(members[0]);
        }
    }
    primary
}

impl Rule for AccountOnePerPlatform {
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts {
        let platforms = input.ctx.platforms;
        let (groups, counts) = groups(platforms);
        for (unit, channel, members) in groups {
            let primary = &platforms[members[0]];
            for &idx in &members[1..] {
                let p = &platforms[idx];
                let owner = p.owner.as_deref().unwrap_or_default().trim();
                let others: Vec<&str> = members
                    .iter()
                    .filter(|&&i| i != idx)
                    .map(|&i| platforms[i].id.as_str())
                    .collect();
                let mut evidence = vec![
                    Evidence::field("owner", owner),
                    Evidence::field("channel", channel.as_str()),
                    Evidence::field("id", format!("同单位同平台账号：{}", others.join("、"))),
                ];
                if let Some((header, value)) = kept_value(&p.extra, KeptColumn::Supervisor) {
                    evidence.push(Evidence::field(header, value));
                }
                out.push(Finding::new(
                    idx,
                    ID,
                    Msg::new(
                        format!(
                            "{unit}（含下属单位、内设机构）在{channel}开设{}个账号，“{}”应并入主账号“{}”（{}）",
                            members.len(), p.name, primary.name, primary.id
                        ),
                        format!(
                            "{unit} (with its subunits) runs {} accounts on {channel}; merge “{}” into the primary “{}” ({})",
                            members.len(), p.name, primary.name, primary.id
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

    /// Subunits fold into their bureau through 主管单位, and the account the register
    /// marks as the bureau's main account is the target even with fewer users (issue 13,
    /// 富平县自然资源局 2024).
    #[test]
    fn subunits_roll_up_to_the_marked_main_account() {
        let mut main = account("C1", "富平自然资源", "富平县自然资源局", "微信", 10);
        main.notes = Some("局主账号".into());
        let mut centre = account(
            "C2",
            "富平县林木病虫害防治检疫中心",
            "富平县林木病虫害防治检疫中心",
            "微信",
            900,
        );
        centre
            .extra
            .insert("主管单位".into(), "富平县自然资源局".into());
        let brigade = account(
            "C3",
            "富平县自然资源综合执法大队",
            "富平县自然资源局综合执法大队",
            "微信",
            50,
        );
        // Another bureau's account on the same channel stays apart.
        let other = account("C4", "富平教育", "富平县教育局", "微信", 5);
        let platforms = vec![main, centre, brigade, other];
        let case = Case::new(platforms.clone()).check(ID);
        assert!(case.lines().any(|l| l.starts_with("C2 ")), "{case}");
        assert!(case.lines().any(|l| l.starts_with("C3 ")), "{case}");
        assert!(
            !case
                .lines()
                .any(|l| l.starts_with("C1 ") || l.starts_with("C4 ")),
            "{case}"
        );
        assert_eq!(
            primary_accounts(&platforms),
            vec![None, Some(0), Some(0), None]
        );
    }
}
