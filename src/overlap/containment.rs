//! Containment pairs in large families: pairs whose similarity is below the threshold but
//! where most of the smaller platform's weight lies inside the larger one (a county form
//! inside a city platform). The similarity LSH finds such pairs poorly — their weighted
//! Jaccard is often 0.25–0.45 — so this pass searches for them exactly, one smaller
//! platform `A` at a time, with a weighted prefix filter.
//!
//! A containment-only pair needs `W(B) ≥ W(A) · (c / s + c − 1)` (from `J < s` and
//! `O ≥ c · W(A)`), so `B` is looked for only among the platforms at least that heavy:
//! platforms are numbered heaviest first and every tag's posting list holds those
//! numbers ascending, so the eligible part of a list is a prefix of it. `B` may miss tags
//! of `A` weighing at most `δ = (1 − c) · W(A)`. With `A`'s tags taken heaviest (rarest)
//! first:
//!
//! 1. the postings of the shortest prefix `P` with `W(P) > δ` are counted (weights added
//!    per platform): a `B` holding none of `P` misses more than `δ` and cannot qualify,
//!    and one whose count is below `W(P) − δ` cannot either;
//! 2. every remaining tag of `A` is tested against each surviving `B` (a bit test in the
//!    tag's bitmap over platform numbers, or a binary search in a short posting list),
//!    and `B` is dropped as soon as the weight it misses exceeds `δ`.
//!
//! Counts are fixed-point with weights rounded up and thresholds rounded down, so the
//! filter never drops a qualifying pair; the survivors are verified exactly by
//! [`super::join::verify`]. The search is exact, and its cost grows with how many
//! platforms are heavy enough to contain `A`: light platforms (few tags, the ones that
//! sit inside others) are the expensive ones and hold almost all containment pairs. So
//! platforms are searched lightest first until the estimated work (the postings read in
//! step 1) reaches `containment_effort` times the family's postings: linear in the input,
//! and every platform is searched in all but the largest families.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::progress::Tick;
use rayon::prelude::*;

use super::index::FamilyIndex;
use super::join::verify;
use super::OverlapSettings;

/// Fixed-point scale of the weight counts (a weight of 1.0 counts 4096).
const SCALE: f64 = 4096.0;

/// Bitmap words allowed per list entry: the most common tags get bitmaps over platform
/// numbers (a bit test instead of a binary search) until their words reach this many per
/// entry of all lists, i.e. twice the lists' memory. On an 800-tag vocabulary every tag
/// gets one; on a huge vocabulary only the common ones do.
const BITMAP_WORDS_PER_ENTRY: usize = 1;

/// The smallest weight ratio `W(B) / W(A)` of a pair that qualifies by containment only.
pub(crate) fn min_ratio(settings: &OverlapSettings) -> f64 {
    if settings.similarity <= 0.0 {
        return f64::INFINITY;
    }
    let c = settings.containment;
    c / settings.similarity + c - 1.0
}

/// Whether the pass can find anything: containment pairs are possible, some platforms
/// are searched, and the family has records with enough tags to share
/// `min_shared_distinctive` of them.
pub(crate) fn applies(fam: &FamilyIndex, settings: &OverlapSettings) -> bool {
    let most = (0..fam.len()).map(|r| fam.tags(r).len()).max().unwrap_or(0);
    settings.containment_effort > 0.0
        && settings.min_shared_distinctive <= most
        && min_ratio(settings).is_finite()
}

/// The family's posting lists over platform numbers (heaviest platform first).
struct Postings {
    /// Record of each platform number.
    by_weight: Vec<u32>,
    /// `W` of each platform number, descending.
    sorted_w: Vec<f64>,
    /// Start of each tag's list in `lists` (`len = tags + 1`).
    starts: Vec<usize>,
    /// Platform numbers holding each tag, ascending.
    lists: Vec<u32>,
    /// Words per bitmap.
    words: usize,
    /// Index of each tag's bitmap in `bitmaps`, or `u32::MAX` for tags without one.
    bitmap_of: Vec<u32>,
    /// Bitmaps over platform numbers of the common tags, `words` words each.
    bitmaps: Vec<u64>,
    /// Weights in fixed point, rounded up.
    fixed: Vec<u32>,
    /// Tag ids by weight, heaviest first (ties by id): the order prefixes are taken in.
    rank: Vec<u32>,
}

impl Postings {
    fn build(fam: &FamilyIndex) -> Postings {
        let n = fam.len();
        let weight = |r: u32| fam.totals.get(r as usize).copied().unwrap_or(0.0);
        let mut by_weight: Vec<u32> = (0..n as u32).collect();
        by_weight.par_sort_unstable_by(|&x, &y| weight(y).total_cmp(&weight(x)).then(x.cmp(&y)));
        let sorted_w: Vec<f64> = by_weight.iter().map(|&r| weight(r)).collect();
        let n_tags = fam.weights.len();
        let mut starts = vec![0usize; n_tags + 1];
        for r in 0..n {
            for &t in fam.tags(r) {
                if let Some(s) = starts.get_mut(t as usize + 1) {
                    *s += 1;
                }
            }
        }
        for t in 0..n_tags {
            starts[t + 1] += starts[t];
        }
        let mut fill = starts.clone();
        let mut lists = vec![0u32; starts[n_tags]];
        for (p, &r) in by_weight.iter().enumerate() {
            for &t in fam.tags(r as usize) {
                if let Some(f) = fill.get_mut(t as usize) {
                    lists[*f] = p as u32;
                    *f += 1;
                }
            }
        }
        drop(fill);
        let words = n.div_ceil(64);
        let mut bitmap_of = vec![u32::MAX; n_tags];
        let mut bitmaps = Vec::new();
        let mut common: Vec<usize> = (0..n_tags).collect();
        common.sort_unstable_by_key(|&t| (std::cmp::Reverse(starts[t + 1] - starts[t]), t));
        let budget = lists.len() * BITMAP_WORDS_PER_ENTRY;
        for t in common {
            if bitmaps.len() + words > budget {
                break;
            }
            bitmap_of[t] = (bitmaps.len() / words.max(1)) as u32;
            let base = bitmaps.len();
            bitmaps.resize(base + words, 0u64);
            for &p in &lists[starts[t]..starts[t + 1]] {
                bitmaps[base + p as usize / 64] |= 1u64 << (p % 64);
            }
        }
        let fixed = fam
            .weights
            .iter()
            .map(|&w| (w * SCALE).ceil().clamp(0.0, f64::from(u32::MAX >> 8)) as u32)
            .collect();
        let mut order: Vec<u32> = (0..n_tags as u32).collect();
        order.sort_unstable_by(|&x, &y| {
            let (wx, wy) = (fam.weights[x as usize], fam.weights[y as usize]);
            wy.total_cmp(&wx).then(x.cmp(&y))
        });
        let mut rank = vec![0u32; n_tags];
        for (i, &t) in order.iter().enumerate() {
            rank[t as usize] = i as u32;
        }
        Postings {
            by_weight,
            sorted_w,
            starts,
            lists,
            words,
            bitmap_of,
            bitmaps,
            fixed,
            rank,
        }
    }

    /// Platform numbers below `cutoff` holding tag `t`.
    fn list(&self, t: u32, cutoff: u32) -> &[u32] {
        let (from, to) = (self.starts[t as usize], self.starts[t as usize + 1]);
        let list = &self.lists[from..to];
        &list[..list.partition_point(|&p| p < cutoff)]
    }

    /// Whether platform number `p` holds tag `t` (`list` is its list below the cutoff).
    fn holds(&self, t: u32, list: &[u32], p: u32) -> bool {
        match self.bitmap_of[t as usize] {
            u32::MAX => list.binary_search(&p).is_ok(),
            b => {
                let word = b as usize * self.words + p as usize / 64;
                self.bitmaps
                    .get(word)
                    .is_some_and(|w| w >> (p % 64) & 1 == 1)
            }
        }
    }
}

/// Per-thread scratch space of the search.
struct Scratch {
    /// Weight counted per platform number in step 1 (zero outside it).
    counts: Vec<u32>,
    /// Platform numbers counted in step 1.
    touched: Vec<u32>,
    /// Surviving platform numbers and their counts.
    live: Vec<(u32, u32)>,
    /// The query's tags, heaviest first.
    tags: Vec<u32>,
}

/// Searches the containers of record `a`; verified pairs are pushed as `(i << 32 | j)`.
/// Returns the number of verifications.
fn search(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    post: &Postings,
    scratch: &mut Scratch,
    a: usize,
    cutoff: u32,
    out: &mut Vec<u64>,
) -> u64 {
    let wa = fam.totals.get(a).copied().unwrap_or(0.0);
    let delta = (1.0 - settings.containment) * wa;
    // Counts are rounded up, so a threshold rounded down (and one unit lower for the
    // different order of floating-point sums) never drops a qualifying platform.
    let threshold = |prefix: f64| ((prefix - delta) * SCALE).floor().max(1.0) as u32 - 1;
    let Scratch {
        counts,
        touched,
        live,
        tags,
    } = scratch;
    tags.clear();
    tags.extend_from_slice(fam.tags(a));
    tags.sort_unstable_by_key(|&t| post.rank[t as usize]);
    touched.clear();
    let mut prefix = 0.0f64;
    let mut k = 0;
    while let Some(&t) = tags.get(k) {
        if prefix > delta {
            break;
        }
        let w = post.fixed[t as usize];
        for &p in post.list(t, cutoff) {
            let slot = &mut counts[p as usize];
            if *slot == 0 {
                touched.push(p);
            }
            *slot = slot.saturating_add(w);
        }
        prefix += fam.weights[t as usize];
        k += 1;
    }
    live.clear();
    // Normally the prefix outweighs `delta` before A's tags run out; with a containment
    // threshold of 0 it never does, and every platform sharing a tag stays a candidate.
    if prefix > delta || k == tags.len() {
        let need = threshold(prefix);
        live.extend(touched.iter().filter_map(|&p| {
            let count = counts[p as usize];
            (count >= need).then_some((p, count))
        }));
    }
    for &p in touched.iter() {
        counts[p as usize] = 0;
    }
    while let Some(&t) = tags.get(k) {
        if live.is_empty() {
            break;
        }
        let w = post.fixed[t as usize];
        let list = post.list(t, cutoff);
        prefix += fam.weights[t as usize];
        k += 1;
        let need = threshold(prefix);
        live.retain_mut(|(p, count)| {
            if post.holds(t, list, *p) {
                *count = count.saturating_add(w);
            }
            *count >= need
        });
    }
    for &(p, _) in live.iter() {
        let b = post.by_weight[p as usize] as usize;
        if verify(fam, settings, a, b).is_some() {
            let (i, j) = if a < b { (a, b) } else { (b, a) };
            out.push(((i as u64) << 32) | j as u64);
        }
    }
    live.len() as u64
}

/// Runs the pass and returns the verified pairs as `(i << 32 | j)` keys with `i < j`
/// (unsorted; the caller merges them with the similarity bands' pairs), and the number of
/// candidate verifications.
pub(crate) fn candidates(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    progress: &dyn Tick,
) -> (Vec<u64>, u64) {
    progress.add_total(1);
    let n = fam.len();
    let ratio = min_ratio(settings) * (1.0 - 1e-9);
    let post = Postings::build(fam);
    // Every record that could be inside a heavier one, with its cutoff and an estimate of
    // its step-1 work (its prefix lists, assumed spread evenly over platform numbers).
    let mut queries: Vec<(u32, u32, u32, f64)> = (0..n)
        .into_par_iter()
        .map_init(Vec::new, |order: &mut Vec<u32>, a| {
            let wa = fam.totals.get(a).copied().unwrap_or(0.0);
            let tags = fam.tags(a);
            let distinctive = tags
                .iter()
                .filter(|&&t| fam.distinctive.get(t as usize).copied().unwrap_or(false))
                .count();
            if wa <= 0.0 || distinctive < settings.min_shared_distinctive {
                return None;
            }
            let cutoff = post.sorted_w.partition_point(|&w| w >= wa * ratio);
            if cutoff == 0 {
                return None;
            }
            order.clear();
            order.extend_from_slice(tags);
            order.sort_unstable_by_key(|&t| post.rank[t as usize]);
            let delta = (1.0 - settings.containment) * wa;
            let (mut prefix, mut work) = (0.0, 0.0);
            for &t in order.iter() {
                if prefix > delta {
                    break;
                }
                prefix += fam.weights[t as usize];
                work += f64::from(fam.df[t as usize]);
            }
            let first = order.first().map_or(u32::MAX, |&t| post.rank[t as usize]);
            Some((
                first,
                a as u32,
                cutoff as u32,
                work * cutoff as f64 / n as f64,
            ))
        })
        .flatten()
        .collect();
    // The lightest records first (the most platforms could hold them, and they hold
    // almost all containment pairs), until the work budget is spent.
    queries.par_sort_unstable_by_key(|&(_, a, cutoff, _)| (std::cmp::Reverse(cutoff), a));
    let budget = settings.containment_effort * post.lists.len() as f64;
    let mut spent = 0.0;
    let keep = queries
        .iter()
        .position(|&(_, _, _, work)| {
            spent += work;
            spent > budget
        })
        .unwrap_or(queries.len());
    queries.truncate(keep);
    // Grouped by their heaviest tag, so that consecutive searches read the same lists.
    queries.par_sort_unstable_by_key(|&(first, a, _, _)| (first, a));
    let checked = AtomicU64::new(0);
    let found: Vec<u64> = queries
        .par_iter()
        .fold(
            || {
                let scratch = Scratch {
                    counts: vec![0; n],
                    touched: Vec::new(),
                    live: Vec::new(),
                    tags: Vec::new(),
                };
                (scratch, Vec::new(), 0u64)
            },
            |(mut scratch, mut out, count), &(_, a, cutoff, _)| {
                let more = search(
                    fam,
                    settings,
                    &post,
                    &mut scratch,
                    a as usize,
                    cutoff,
                    &mut out,
                );
                (scratch, out, count + more)
            },
        )
        .map(|(_, out, count)| {
            checked.fetch_add(count, Ordering::Relaxed);
            out
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    progress.inc(1);
    (found, checked.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::overlap::testgen::platform;

    fn family(platforms: &[crate::model::Platform]) -> FamilyIndex {
        let settings = OverlapSettings::default();
        let vocab = super::super::index::Vocab::build(platforms);
        let placements = vec![crate::overlap::Placement::default(); platforms.len()];
        FamilyIndex::build(
            platforms,
            &vocab,
            super::super::Family::Apps,
            &settings,
            &placements,
            &|a, b| a.cmp(&b),
            true,
        )
    }

    #[test]
    fn ratio_follows_from_the_thresholds() {
        let s = OverlapSettings::default();
        assert!((min_ratio(&s) - 1.4).abs() < 1e-12);
        let none = OverlapSettings {
            similarity: 0.0,
            ..OverlapSettings::default()
        };
        assert!(min_ratio(&none).is_infinite());
    }

    #[test]
    fn postings_number_platforms_heaviest_first() {
        let platforms = vec![
            platform("small", Kind::App, &["a", "b"], &[]),
            platform("large", Kind::App, &["a", "b", "c", "d"], &[]),
            platform("mid", Kind::App, &["a", "c", "d"], &[]),
        ];
        let fam = family(&platforms);
        let post = Postings::build(&fam);
        assert_eq!(post.by_weight.first(), Some(&1));
        assert!(post.sorted_w.windows(2).all(|w| w[0] >= w[1]));
        for t in 0..fam.weights.len() as u32 {
            let list = post.list(t, u32::MAX);
            assert!(list.windows(2).all(|w| w[0] < w[1]));
            for p in 0..fam.len() as u32 {
                let record = post.by_weight[p as usize] as usize;
                assert_eq!(
                    post.holds(t, list, p),
                    fam.tags(record).contains(&t),
                    "tag {t}, platform number {p}"
                );
            }
        }
        // Only platform numbers below the cutoff are listed.
        let everywhere = (0..fam.weights.len() as u32)
            .find(|&t| post.list(t, u32::MAX).len() == 3)
            .expect("tag a is on every platform");
        assert_eq!(post.list(everywhere, 1), &[0]);
        assert_eq!(post.list(everywhere, 2), &[0, 1]);
    }
}
