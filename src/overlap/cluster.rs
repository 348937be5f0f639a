//! Star clustering of verified pairs: each cluster is a target and partners of that
//! target, so nothing chains (A~B~C never puts A with C unless both pair with the target).

use std::cmp::{Ordering, Reverse};

use super::{Cluster, OverlapSettings, Pair};
use crate::model::{Kind, Platform};

/// Rank of a kind as a merge target: platform over app over mini program (policy §1);
/// the other kinds only meet their own kind, except forms, which come last.
fn kind_rank(kind: Kind) -> u8 {
    match kind {
        Kind::Platform => 0,
        Kind::App => 1,
        Kind::MiniProgram => 2,
        Kind::Account => 3,
        Kind::Group => 4,
        Kind::Form => 5,
        Kind::Website => 6,
    }
}

/// Compares two platforms as merge targets; `Less` means `a` is the better target.
/// In order (docs/AUDIT_POLICY.md §1): higher level (unknown level last), the owner's
/// standing ([`owner_ranks`]: a main account, then the bureau itself, then its subunits),
/// unified platform, kind (platform, app, mini program), more monthly active users, more
/// users, earlier `created` (unknown last), smaller id, smaller index.
pub fn target_order(platforms: &[Platform], a: usize, b: usize) -> Ordering {
    match (platforms.get(a), platforms.get(b)) {
        (Some(pa), Some(pb)) => {
            let ranks = owner_ranks(&[pa.clone(), pb.clone()]);
            target_key(pa, a, ranks[0]).cmp(&target_key(pb, b, ranks[1]))
        }
        _ => a.cmp(&b),
    }
}

/// Spellings that mark a platform as its unit's main account (主账号).
const MAIN_MARKERS: [&str; 4] = ["主账号", "官方账号", "官方号", "主号"];

/// Last characters of a unit name that can have subunits (…局, …委, …办, …政府 …).
const BUREAU_ENDINGS: [char; 13] = [
    '局', '委', '办', '厅', '部', '院', '署', '府', '会', '室', '心', '所', '站',
];

/// The owner's standing of each platform as a merge target, smaller first: 0 for a main
/// account (marked 主账号/官方账号 in its name, description or notes, or named exactly
/// after its owner), 1 for a platform of a bureau itself or of an unknown owner, 2 for a
/// subunit's. For now a unit is a subunit when its name extends another owner's name in
/// the same inventory that ends like a bureau (县自然资源局综合执法大队 under
/// 县自然资源局); the gazetteer's owner parser will replace this one function.
pub fn owner_ranks(platforms: &[Platform]) -> Vec<u8> {
    let compact = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let owners: rustc_hash::FxHashSet<String> = platforms
        .iter()
        .filter_map(|p| p.owner.as_deref())
        .map(compact)
        .filter(|o| !o.is_empty())
        .collect();
    platforms
        .iter()
        .map(|p| {
            let owner = p.owner.as_deref().map(compact).unwrap_or_default();
            let texts = [
                Some(p.name.as_str()),
                p.description.as_deref(),
                p.notes.as_deref(),
            ];
            let marked = texts
                .iter()
                .flatten()
                .any(|t| MAIN_MARKERS.iter().any(|m| t.contains(m)));
            if marked || (!owner.is_empty() && compact(&p.name) == owner) {
                return 0;
            }
            let subunit = owner.char_indices().skip(2).any(|(at, c)| {
                at + c.len_utf8() < owner.len()
                    && BUREAU_ENDINGS.contains(&c)
                    && owners.contains(&owner[..at + c.len_utf8()])
            });
            if subunit {
                2
            } else {
                1
            }
        })
        .collect()
}

/// The sort key behind [`target_order`]: smaller is the better target.
pub(crate) type TargetKey<'a> = (
    u8,
    u8,
    bool,
    u8,
    Reverse<u64>,
    Reverse<u64>,
    bool,
    Option<chrono::NaiveDate>,
    &'a str,
    usize,
);

/// The target key of platform `p` (at `index`, with owner standing `rank`).
pub(crate) fn target_key(p: &Platform, index: usize, rank: u8) -> TargetKey<'_> {
    (
        p.level.map_or(u8::MAX, |l| l as u8),
        rank,
        !p.is_unified(),
        kind_rank(p.kind),
        Reverse(p.monthly_active.unwrap_or(0)),
        Reverse(p.users.unwrap_or(0)),
        p.created.is_none(),
        p.created,
        p.id.as_str(),
        index,
    )
}

/// Whether `pair` clears a pair criterion by at least `corroboration_margin`: similarity
/// at least `similarity + margin`, or the larger containment at least `containment +
/// margin` with enough shared distinctive tags. Anything weaker is borderline.
fn is_firm(pair: &Pair, settings: &OverlapSettings) -> bool {
    let margin = settings.corroboration_margin;
    pair.similarity >= settings.similarity + margin
        || (pair.containment_a_in_b.max(pair.containment_b_in_a) >= settings.containment + margin
            && pair.shared_distinctive >= settings.min_shared_distinctive)
}

/// Whether platforms `a` and `b` name the same owner or the same region (both non-empty,
/// compared after trimming).
fn same_owner_or_region(platforms: &[Platform], a: usize, b: usize) -> bool {
    let (Some(pa), Some(pb)) = (platforms.get(a), platforms.get(b)) else {
        return false;
    };
    let same = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => {
            let (x, y) = (x.trim(), y.trim());
            !x.is_empty() && x == y
        }
        _ => false,
    };
    same(&pa.owner, &pb.owner) || same(&pa.region, &pb.region)
}

/// Greedy star clustering over `pairs` (sorted by `(a, b)`). Returns the clusters sorted
/// by target index and, per platform, the position of its cluster.
///
/// `ranks` are [`owner_ranks`]; `depths` the depth of each platform's scope path
/// (`u8::MAX` when unknown): a target must sit at the member's area or an enclosing one.
pub(crate) fn star_clusters(
    platforms: &[Platform],
    pairs: &[Pair],
    settings: &OverlapSettings,
    ranks: &[u8],
    depths: &[u8],
) -> (Vec<Cluster>, Vec<Option<u32>>) {
    let n = platforms.len();
    // Adjacency in CSR form: partner and pair number, partners ascending.
    let mut degree = vec![0usize; n + 1];
    for p in pairs {
        if p.a < n && p.b < n {
            degree[p.a + 1] += 1;
            degree[p.b + 1] += 1;
        }
    }
    for i in 1..degree.len() {
        degree[i] += degree[i - 1];
    }
    let offsets = degree;
    let mut fill = offsets.clone();
    let mut adjacency = vec![(0usize, 0usize); offsets[n]];
    for (k, p) in pairs.iter().enumerate() {
        if p.a < n && p.b < n {
            adjacency[fill[p.a]] = (p.b, k);
            fill[p.a] += 1;
            adjacency[fill[p.b]] = (p.a, k);
            fill[p.b] += 1;
        }
    }
    // Keys are computed once per platform: `is_unified` scans texts.
    let mut keyed: Vec<(TargetKey<'_>, usize)> = (0..n)
        .filter(|&i| offsets[i + 1] > offsets[i])
        .filter_map(|i| {
            platforms
                .get(i)
                .map(|p| (target_key(p, i, ranks.get(i).copied().unwrap_or(1)), i))
        })
        .collect();
    keyed.sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i).collect();

    // Pass 1: the targets, exactly as a greedy star pass picks them (best target first,
    // each taking the partners nobody took yet).
    let eligible = |target: usize, partner: usize| {
        // A form is merged into a platform, never a platform into a form.
        let target_is_form = platforms.get(target).is_some_and(|p| p.kind == Kind::Form);
        // A platform merges into one at its own area or an enclosing one, never into one
        // below it (unknown depths fall back to the target order).
        let depth = |i: usize| depths.get(i).copied().unwrap_or(u8::MAX);
        let (dt, dp) = (depth(target), depth(partner));
        let downwards = dt != u8::MAX && dp != u8::MAX && dt > dp;
        let form_over_other =
            target_is_form && platforms.get(partner).is_some_and(|p| p.kind != Kind::Form);
        !(form_over_other || downwards)
    };
    let mut covered = vec![false; n];
    let mut is_target = vec![false; n];
    for &target in &order {
        if covered[target] {
            continue;
        }
        let partners: Vec<usize> = adjacency[offsets[target]..offsets[target + 1]]
            .iter()
            .map(|&(partner, _)| partner)
            .filter(|&partner| !covered[partner] && eligible(target, partner))
            .collect();
        if partners.is_empty() {
            continue;
        }
        is_target[target] = true;
        covered[target] = true;
        for partner in partners {
            covered[partner] = true;
        }
    }
    // Pass 2: every other covered platform joins the target it pairs with that ranks best
    // by level and unified status and, among equals, is the most similar to it, so a
    // chance pair with an earlier, busier target does not pull it out of its own star.
    // Per covered non-target: its target, its strength towards it and whether the pair
    // is firm.
    let mut choice: Vec<Option<(usize, f64, bool)>> = vec![None; n];
    for m in 0..n {
        if !covered[m] || is_target[m] {
            continue;
        }
        let best = adjacency[offsets[m]..offsets[m + 1]]
            .iter()
            .filter(|&&(partner, _)| is_target[partner] && eligible(partner, m))
            .filter_map(|&(partner, k)| {
                let pair = pairs.get(k)?;
                let p = platforms.get(partner)?;
                let rank = (p.level.map_or(u8::MAX, |l| l as u8), !p.is_unified());
                Some((rank, pair.strength_for(m), partner, is_firm(pair, settings)))
            })
            .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        choice[m] = best.map(|(_, strength, target, firm)| (target, strength, firm));
    }
    // Corroboration: a member whose pair with its target is only borderline stays when a
    // second, independent sign says the two are one undertaking: the same owner or region,
    // or a pair with another member of the same star. Alone, a borderline pair is still
    // reported as a pair but is too weak to ask anyone to merge.
    let mut members_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut weakest_of = vec![f64::INFINITY; n];
    for m in 0..n {
        let Some((target, strength, firm)) = choice[m] else {
            continue;
        };
        let corroborated = firm
            || same_owner_or_region(platforms, m, target)
            || adjacency[offsets[m]..offsets[m + 1]]
                .iter()
                .any(|&(partner, _)| {
                    partner != target && choice[partner].is_some_and(|c| c.0 == target)
                });
        if corroborated {
            members_of[target].push(m);
            weakest_of[target] = weakest_of[target].min(strength);
        }
    }
    let mut stars: Vec<(usize, Vec<usize>, f64)> = Vec::new();
    for target in 0..n {
        if !is_target[target] || members_of[target].is_empty() {
            continue;
        }
        let mut members = std::mem::take(&mut members_of[target]);
        members.push(target);
        members.sort_unstable();
        stars.push((target, members, weakest_of[target]));
    }
    stars.sort_by_key(|s| s.0);
    let mut membership = vec![None; n];
    let clusters = stars
        .into_iter()
        .enumerate()
        .map(|(slot, (target, members, similarity))| {
            for &m in &members {
                membership[m] = Some(slot as u32);
            }
            Cluster {
                target,
                members,
                similarity,
            }
        })
        .collect();
    (clusters, membership)
}
