//! Candidates for containment pairs in large families: pairs whose similarity is below the
//! threshold but where most of the smaller platform's weight lies inside the larger one
//! (a county form inside a city platform). The similarity LSH finds such pairs poorly —
//! their weighted Jaccard is often 0.25–0.45 — so this pass samples from the *smaller*
//! side instead.
//!
//! For band `b`, every tag gets one exponential clock `x_b(t) = -ln U_b(t) / w(t)`. A
//! record's tags ordered by clock are a weighted sample without replacement, so the first
//! tag of `A` lies in `B` with probability exactly `C(A ⊂ B)`, and its first `r` tags all
//! lie in `B` with probability about `C^r`. The query keys of `A` are the `r`-subsets of
//! its `p` earliest tags (`p ≥ r`: one of them missing from `B` does not lose the band);
//! `B` is indexed under every `r`-subset of its `k` earliest tags, so a contained `A`
//! meets `B` whenever its sample is in `B` and rings early there too. Chance pairs meet
//! less often: they share fewer heavy tags. A key is the XOR of its tags' random words
//! (no sorting, one XOR per subset), and index keys are filtered through a small bitmap of
//! the query keys, so only keys some query may have asked for are kept and sorted.
//!
//! A containment-only pair needs `W(B) > W(A) · (c / s + c − 1)` (from `J < s` and
//! `O ≥ c · W(A)`), so only such size ratios are verified; pairs above the similarity
//! threshold are the similarity LSH's. Every candidate is verified exactly by
//! [`super::join::verify`].

use indicatif::ProgressBar;
use rayon::prelude::*;

use super::index::FamilyIndex;
use super::join::{clock, splitmix64, verify};
use super::OverlapSettings;

/// Salt of this pass's clocks, so they are independent of the similarity LSH's.
const SALT: u64 = 0xC0A7_A1E5_0000_0001;

/// The smallest weight ratio `W(B) / W(A)` of a pair that qualifies by containment only.
pub(crate) fn min_ratio(settings: &OverlapSettings) -> f64 {
    if settings.similarity <= 0.0 {
        return f64::INFINITY;
    }
    let c = settings.containment;
    c / settings.similarity + c - 1.0
}

/// Whether the pass can find anything: containment pairs are possible and the family has
/// records with enough tags to share `min_shared_distinctive` of them.
pub(crate) fn applies(fam: &FamilyIndex, settings: &OverlapSettings) -> bool {
    let most = (0..fam.len()).map(|r| fam.tags(r).len()).max().unwrap_or(0);
    settings.containment_bands > 0
        && settings.min_shared_distinctive <= most
        && min_ratio(settings).is_finite()
}

/// Most tags sampled from the smaller side per key.
pub(crate) const MAX_ROWS: usize = 6;
/// Most earliest tags probed on the smaller side or searched on the larger.
pub(crate) const MAX_TOP: usize = 12;

/// Calls `f` with the XOR of `acc` and every `size`-subset of `z`: the key of a set is the
/// XOR of its members' random words, so it needs no sorting and each subset costs one XOR
/// beyond its prefix.
fn xor_subsets(z: &[u64], size: usize, acc: u64, f: &mut impl FnMut(u64)) {
    if size == 0 {
        f(acc);
        return;
    }
    for i in 0..z.len() {
        if z.len() - i < size {
            break;
        }
        xor_subsets(&z[i + 1..], size - 1, acc ^ z[i], f);
    }
}

/// The random word folded into a key of `size` tags, so sets of different sizes differ.
fn size_word(size: usize) -> u64 {
    splitmix64(SALT.rotate_left(17) ^ size as u64)
}

/// Writes the random words of record `r`'s earliest tags under `clocks` into `slot` (as
/// many as fit), in clock order, and returns how many it wrote. Insertion into a short
/// sorted array: records hold a few dozen tags.
fn fill_earliest(
    fam: &FamilyIndex,
    clocks: &[f32],
    words: &[u64],
    r: usize,
    slot: &mut [u64],
) -> usize {
    let k = slot.len().min(MAX_TOP);
    if k == 0 {
        return 0;
    }
    let mut best = [(f32::INFINITY, 0u64); MAX_TOP];
    let mut len = 0;
    for &t in fam.tags(r) {
        let (Some(&c), Some(&w)) = (clocks.get(t as usize), words.get(t as usize)) else {
            continue;
        };
        if len == k && c >= best[k - 1].0 {
            continue;
        }
        let mut i = len.min(k - 1);
        while i > 0 && best[i - 1].0 > c {
            best[i] = best[i - 1];
            i -= 1;
        }
        best[i] = (c, w);
        len = (len + 1).min(k);
    }
    for (out, &(_, w)) in slot.iter_mut().zip(&best[..len]) {
        *out = w;
    }
    len
}

/// Merge-joins the sorted query and index keys inside one 1/256 slice of the key space:
/// every query `a` and index record `b ≠ a` under the same key, with `b` heavy enough
/// (`ratio` times `a`'s weight), is verified; verified pairs are pushed as `(i << 32 | j)`.
/// Returns the number of verifications.
fn join_slice(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    queries: &[u64],
    index: &[u64],
    slice: u64,
    ratio: f64,
    out: &mut Vec<u64>,
) -> u64 {
    let mut checked = 0;
    let lo = slice << 56;
    let bounds = |list: &[u64]| {
        let from = list.partition_point(|&v| v < lo);
        let to = if slice >= 255 {
            list.len()
        } else {
            list.partition_point(|&v| v < lo + (1 << 56))
        };
        (from, to.max(from))
    };
    let (qf, qt) = bounds(queries);
    let (xf, xt) = bounds(index);
    let (qs, xs) = (&queries[qf..qt], &index[xf..xt]);
    let (mut q, mut x) = (0, 0);
    while q < qs.len() && x < xs.len() {
        let (kq, kx) = (qs[q] >> 32, xs[x] >> 32);
        if kq != kx {
            if kq < kx {
                q += 1;
            } else {
                x += 1;
            }
            continue;
        }
        let q_end = q + qs[q..].partition_point(|&v| v >> 32 == kq);
        let x_end = x + xs[x..].partition_point(|&v| v >> 32 == kx);
        for &qv in &qs[q..q_end] {
            let a = (qv & 0xFFFF_FFFF) as usize;
            let need = fam.totals.get(a).copied().unwrap_or(0.0) * ratio;
            for &xv in &xs[x..x_end] {
                let b = (xv & 0xFFFF_FFFF) as usize;
                if b != a && fam.totals.get(b).copied().unwrap_or(0.0) >= need {
                    checked += 1;
                    if verify(fam, settings, a, b).is_some() {
                        let (i, j) = if a < b { (a, b) } else { (b, a) };
                        out.push(((i as u64) << 32) | j as u64);
                    }
                }
            }
        }
        q = q_end;
        x = x_end;
    }
    checked
}

/// Runs the pass and returns the verified pairs as `(i << 32 | j)` keys with `i < j`
/// (unsorted, with repeats; the caller merges them with the similarity bands' pairs), and
/// the number of candidate verifications.
pub(crate) fn candidates(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    progress: &ProgressBar,
) -> (Vec<u64>, u64) {
    let n = fam.len();
    let rows = settings.containment_rows.clamp(1, MAX_ROWS);
    let probe = settings.containment_probe.clamp(rows, MAX_TOP);
    let top = settings.containment_top.clamp(probe, MAX_TOP);
    let smallest = settings.min_shared_distinctive.clamp(1, rows);
    let ratio = min_ratio(settings) * (1.0 - 1e-9);
    // Query sizes present: `rows`, or fewer for records with fewer tags.
    let mut present = [false; MAX_ROWS + 1];
    for r in 0..n {
        let size = fam.tags(r).len().min(rows);
        if size >= smallest {
            present[size] = true;
        }
    }
    let wanted: Vec<usize> = (smallest..=rows).filter(|&s| present[s]).collect();
    let mut checked = 0u64;
    let mut found: Vec<u64> = Vec::new();
    progress.inc_length(settings.containment_bands as u64);
    for band in 0..settings.containment_bands {
        let (clocks, words): (Vec<f32>, Vec<u64>) = (0..fam.weights.len())
            .map(|t| {
                let global = fam.global.get(t).copied().unwrap_or(0);
                let weight = fam.weights.get(t).copied().unwrap_or(0.0);
                (
                    clock(settings.seed ^ SALT, band as u64, global, weight),
                    splitmix64(settings.seed ^ SALT ^ ((band as u64) << 32) ^ u64::from(global)),
                )
            })
            .unzip();
        // Each record's `top` earliest tags (as words) and its query keys: every
        // `rows`-subset of its `probe` earliest tags, or all its tags when it has fewer.
        let mut early = vec![0u64; n * top];
        let mut queries: Vec<u64> = early
            .par_chunks_mut(top)
            .enumerate()
            .fold(Vec::new, |mut acc, (r, slot)| {
                let len = fill_earliest(fam, &clocks, &words, r, slot);
                let size = len.min(rows);
                if size >= smallest {
                    let from = &slot[..len.min(probe)];
                    xor_subsets(from, size, size_word(size), &mut |key| {
                        acc.push((key >> 32 << 32) | r as u64);
                    });
                }
                acc
            })
            .reduce(Vec::new, append);
        queries.par_sort_unstable();
        // A bitmap of the query keys, about 16 bits per key: it stays in cache and lets one
        // index key in 16 through by chance.
        let bits = (queries.len() * 16).next_power_of_two().max(1 << 12);
        let shift = 64 - bits.trailing_zeros();
        let mut bitmap = vec![0u64; bits / 64];
        for &q in &queries {
            let bit = (q >> shift) as usize;
            bitmap[bit >> 6] |= 1 << (bit & 63);
        }
        // Index keys some query may have asked for: the subsets of each record's `top`
        // earliest tags, for every query size present.
        let mut index: Vec<u64> = early
            .par_chunks(top)
            .enumerate()
            .fold(Vec::new, |mut acc, (r, slot)| {
                let z = &slot[..fam.tags(r).len().min(top)];
                for &size in &wanted {
                    xor_subsets(z, size, size_word(size), &mut |key| {
                        let bit = (key >> shift) as usize;
                        if bitmap[bit >> 6] >> (bit & 63) & 1 == 1 {
                            acc.push((key >> 32 << 32) | r as u64);
                        }
                    });
                }
                acc
            })
            .reduce(Vec::new, append);
        drop(early);
        drop(bitmap);
        index.par_sort_unstable();
        let (hits, verified) = (0..256u64)
            .into_par_iter()
            .fold(
                || (Vec::new(), 0u64),
                |(mut acc, count), slice| {
                    let more = join_slice(fam, settings, &queries, &index, slice, ratio, &mut acc);
                    (acc, count + more)
                },
            )
            .reduce(|| (Vec::new(), 0), |(a, x), (b, y)| (append(a, b), x + y));
        drop(queries);
        drop(index);
        checked += verified;
        found.extend(hits);
        progress.inc(1);
    }
    (found, checked)
}

/// Concatenates two vectors (the reduce step of the parallel folds).
fn append(mut a: Vec<u64>, mut b: Vec<u64>) -> Vec<u64> {
    a.append(&mut b);
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_keys_cover_every_subset_once() {
        let z: Vec<u64> = (0..5u64).map(|i| splitmix64(i + 1)).collect();
        let mut keys = Vec::new();
        xor_subsets(&z, 3, 0, &mut |k| keys.push(k));
        assert_eq!(keys.len(), 10);
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), 10);
        // Order-free: the key of {z0, z2, z4} is among them whatever the order.
        assert!(keys.contains(&(z[4] ^ z[0] ^ z[2])));
        let mut none = 0;
        xor_subsets(&z[..2], 3, 0, &mut |_| none += 1);
        assert_eq!(none, 0);
    }

    #[test]
    fn earliest_keeps_the_k_smallest_clocks_in_order() {
        let platforms = vec![crate::overlap::testgen::platform(
            "a",
            crate::model::Kind::App,
            &["t0", "t1", "t2", "t3", "t4"],
            &[],
        )];
        let settings = OverlapSettings::default();
        let vocab = super::super::index::Vocab::build(&platforms);
        let fam = FamilyIndex::build(&platforms, &vocab, super::super::Family::Apps, &settings);
        let clocks = [5.0f32, 1.0, 4.0, 2.0, 3.0];
        let words = [50u64, 10, 40, 20, 30];
        let mut slot = [0u64; 3];
        assert_eq!(fill_earliest(&fam, &clocks, &words, 0, &mut slot), 3);
        assert_eq!(slot, [10, 20, 30]);
        let mut wide = [0u64; 8];
        assert_eq!(fill_earliest(&fam, &clocks, &words, 0, &mut wide), 5);
        assert_eq!(wide[..5], [10, 20, 30, 40, 50]);
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
}
