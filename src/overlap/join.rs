//! The set-similarity join inside one family: exact verification of a pair, the
//! exhaustive join for small families, and weighted MinHash LSH (exponential clocks,
//! banding, radix-sorted buckets) for large ones. Both paths call the same [`verify`],
//! so a pair found by LSH carries exactly the numbers the exhaustive join gives it.

use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use crate::progress::Tick;
use rayon::prelude::*;

use super::index::{FamilyIndex, RawPair};
use super::{FamilyStats, OverlapSettings};

/// Buckets ahead whose records are prefetched while one bucket is verified.
const PREFETCH_AHEAD: usize = 4;

/// Bands whose signatures are computed together (bounds memory to `records × 32` keys).
const BAND_GROUP: usize = 32;

/// Verifies records `i < j` exactly: the pair is kept when its weighted Jaccard reaches
/// `similarity`, or its larger weighted containment reaches `containment` with at least
/// `min_shared_distinctive` shared non-ubiquitous tags. Pairs with nothing in common never
/// qualify, whatever the thresholds.
pub(super) fn verify(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    i: usize,
    j: usize,
) -> Option<RawPair> {
    if i == j || !fam.comparable(i, j) {
        return None;
    }
    // Records are in ascending platform order, so `i < j` gives `a < b` in the pair.
    let (i, j) = if i < j { (i, j) } else { (j, i) };
    let (overlap, shared_distinctive) = if fam.words > 0 {
        intersect_bits(fam, fam.bitset(i), fam.bitset(j))
    } else {
        intersect_lists(fam, fam.tags(i), fam.tags(j))
    };
    if overlap <= 0.0 {
        return None;
    }
    let wa = fam.totals.get(i).copied().unwrap_or(0.0);
    let wb = fam.totals.get(j).copied().unwrap_or(0.0);
    let union = wa + wb - overlap;
    if wa <= 0.0 || wb <= 0.0 || union <= 0.0 {
        return None;
    }
    let similarity = (overlap / union).min(1.0);
    let c_ij = (overlap / wa).min(1.0);
    let c_ji = (overlap / wb).min(1.0);
    let similar = similarity >= settings.similarity;
    let contained = c_ij.max(c_ji) >= settings.containment
        && shared_distinctive as usize >= settings.min_shared_distinctive;
    if !(similar || contained) {
        return None;
    }
    Some(RawPair {
        i: i as u32,
        j: j as u32,
        similarity,
        c_ij,
        c_ji,
        shared_distinctive,
    })
}

/// Weight and distinctive count of the shared tags of two sorted tag lists. Sums in
/// ascending tag order, like [`intersect_bits`], so both give bit-identical results.
fn intersect_lists(fam: &FamilyIndex, a: &[u32], b: &[u32]) -> (f64, u32) {
    let (mut x, mut y) = (0, 0);
    let mut overlap = 0.0f64;
    let mut shared_distinctive = 0u32;
    while let (Some(&ta), Some(&tb)) = (a.get(x), b.get(y)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                overlap += fam.weights.get(ta as usize).copied().unwrap_or(0.0);
                if fam.distinctive.get(ta as usize).copied().unwrap_or(false) {
                    shared_distinctive += 1;
                }
                x += 1;
                y += 1;
            }
        }
    }
    (overlap, shared_distinctive)
}

/// The same over bitsets: AND the words and walk the set bits.
fn intersect_bits(fam: &FamilyIndex, a: &[u64], b: &[u64]) -> (f64, u32) {
    let mut overlap = 0.0f64;
    let mut shared_distinctive = 0u32;
    for (k, (&wa, &wb)) in a.iter().zip(b).enumerate() {
        let mut both = wa & wb;
        while both != 0 {
            let t = k * 64 + both.trailing_zeros() as usize;
            overlap += fam.weights.get(t).copied().unwrap_or(0.0);
            if fam.distinctive.get(t).copied().unwrap_or(false) {
                shared_distinctive += 1;
            }
            both &= both - 1;
        }
    }
    (overlap, shared_distinctive)
}

/// Joins one family: exhaustively when it is small, by LSH otherwise.
pub(crate) fn join_family(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    progress: &dyn Tick,
) -> (Vec<RawPair>, FamilyStats) {
    let n = fam.len();
    if n <= settings.exact_limit.max(1) {
        let pairs = brute_force(fam, settings);
        let stats = FamilyStats {
            platforms: n,
            exact: true,
            candidates: (n as u64) * (n.saturating_sub(1) as u64) / 2,
            pairs: pairs.len(),
        };
        return (pairs, stats);
    }
    let (pairs, candidates) = lsh(fam, settings, progress);
    let stats = FamilyStats {
        platforms: n,
        exact: false,
        candidates,
        pairs: pairs.len(),
    };
    (pairs, stats)
}

/// Every qualifying pair by comparing all pairs of records, in parallel. Sorted by `(i, j)`.
pub(crate) fn brute_force(fam: &FamilyIndex, settings: &OverlapSettings) -> Vec<RawPair> {
    let n = fam.len();
    (0..n)
        .into_par_iter()
        .flat_map_iter(|i| ((i + 1)..n).filter_map(move |j| verify(fam, settings, i, j)))
        .collect()
}

/// The qualifying pairs of each query platform (platform indices) against all records.
pub(crate) fn exact_for_queries(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    queries: &[usize],
) -> Vec<RawPair> {
    let records: Vec<usize> = queries
        .iter()
        .filter_map(|&q| fam.members.binary_search(&(q as u32)).ok())
        .collect();
    let n = fam.len();
    let mut out: Vec<RawPair> = records
        .par_iter()
        .flat_map_iter(|&q| (0..n).filter_map(move |r| verify(fam, settings, q, r)))
        .collect();
    out.sort_by_key(|x| (x.i, x.j));
    out.dedup_by(|x, y| x.i == y.i && x.j == y.j);
    out
}

/// A SplitMix64 step: a fast, well-mixed 64-bit hash.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The exponential clock of tag `tag` (global id) under hash function `hash`: a positive,
/// finite `f32` (kept in `f32` so the minimum loop vectorises to `minps` on baseline x86-64).
fn clock(seed: u64, hash: u64, tag: u32, weight: f64) -> f32 {
    let bits =
        splitmix64(seed ^ splitmix64(hash.wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ u64::from(tag)));
    // Uniform in (0, 1): 53 random bits, offset by half a step so it is never 0.
    let u = ((bits >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    let x = -u.ln() / weight.max(1e-30);
    (x as f32).min(f32::MAX)
}

/// Hashes one band of minima to a 32-bit bucket key. Collisions of different bands only
/// add candidates, which verification removes.
fn band_key(seed: u64, band: usize, minima: &[f32]) -> u32 {
    let mut h = seed ^ (band as u64).wrapping_mul(0xA076_1D64_78BD_642F);
    for &m in minima {
        h = splitmix64(h ^ u64::from(m.to_bits()));
    }
    (h >> 32) as u32
}

/// Sorts `(key << 32 | record)` values by key, keeping records ascending inside a key
/// (two stable 16-bit counting passes).
fn radix_sort_by_key(values: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    if values.len() < 1 << 16 {
        // Small inputs: the 65,536-slot histograms would cost more than a comparison sort.
        // Sorting whole values keeps records ascending inside a key, as the radix sort does.
        values.sort_unstable();
        return;
    }
    let mut counts = vec![0usize; (1 << 16) + 1];
    for shift in [32u32, 48] {
        counts.iter_mut().for_each(|c| *c = 0);
        for &v in values.iter() {
            counts[((v >> shift) & 0xFFFF) as usize + 1] += 1;
        }
        for d in 1..counts.len() {
            counts[d] += counts[d - 1];
        }
        scratch.clear();
        scratch.resize(values.len(), 0);
        for &v in values.iter() {
            let d = ((v >> shift) & 0xFFFF) as usize;
            scratch[counts[d]] = v;
            counts[d] += 1;
        }
        std::mem::swap(values, scratch);
    }
}

/// Weighted MinHash LSH over one family. Returns the verified pairs (sorted by `(i, j)`)
/// and the number of candidate verifications.
fn lsh(fam: &FamilyIndex, settings: &OverlapSettings, progress: &dyn Tick) -> (Vec<RawPair>, u64) {
    let n = fam.len();
    let rows = settings.lsh_rows;
    let bands = settings.lsh_bands;
    let n_tags = fam.weights.len();
    let candidates = AtomicU64::new(0);
    let mut found: Vec<u64> = Vec::new();
    progress.add_total(bands as u64);
    let mut first_band = 0;
    while first_band < bands {
        let group = BAND_GROUP.min(bands - first_band);
        let hashes = group * rows;
        // Clock table: for each local tag, its `hashes` clocks contiguous.
        let table: Vec<f32> = (0..n_tags)
            .into_par_iter()
            .flat_map_iter(|t| {
                let global = fam.global.get(t).copied().unwrap_or(0);
                let weight = fam.weights.get(t).copied().unwrap_or(0.0);
                (0..hashes).map(move |k| {
                    clock(
                        settings.seed,
                        (first_band * rows + k) as u64,
                        global,
                        weight,
                    )
                })
            })
            .collect();
        // Band keys, record-major: keys[record * group + band].
        let mut keys = vec![0u32; n * group];
        keys.par_chunks_mut(group).enumerate().for_each_init(
            || vec![f32::INFINITY; hashes],
            |minima, (r, out)| {
                minima.iter_mut().for_each(|m| *m = f32::INFINITY);
                for &t in fam.tags(r) {
                    let start = t as usize * hashes;
                    if let Some(clocks) = table.get(start..start + hashes) {
                        for (m, &c) in minima.iter_mut().zip(clocks) {
                            // An unconditional store of a select: clocks are never NaN, so
                            // this compiles to `minps` over four lanes at a time.
                            *m = if c < *m { c } else { *m };
                        }
                    }
                }
                for (band, (slot, chunk)) in out.iter_mut().zip(minima.chunks(rows)).enumerate() {
                    *slot = band_key(settings.seed, first_band + band, chunk);
                }
            },
        );
        let band_found: Vec<Vec<u64>> = (0..group)
            .into_par_iter()
            .map(|band| {
                let mut values: Vec<u64> = (0..n)
                    .map(|r| {
                        let key = keys.get(r * group + band).copied().unwrap_or(0);
                        (u64::from(key) << 32) | r as u64
                    })
                    .collect();
                let mut scratch = Vec::new();
                radix_sort_by_key(&mut values, &mut scratch);
                drop(scratch);
                // Buckets holding two or more records; only their pairs are candidates.
                let mut runs: Vec<(usize, usize)> = Vec::new();
                let mut start = 0;
                while start < values.len() {
                    let key = values[start] >> 32;
                    let mut end = start + 1;
                    while end < values.len() && values[end] >> 32 == key {
                        end += 1;
                    }
                    if end - start >= 2 {
                        runs.push((start, end));
                    }
                    start = end;
                }
                let mut hits = Vec::new();
                let mut local_candidates = 0u64;
                for (index, &(start, end)) in runs.iter().enumerate() {
                    // The records of a bucket a few ahead are fetched while this one is
                    // verified: verification waits on memory, not on arithmetic.
                    if let Some(&(ahead, ahead_end)) = runs.get(index + PREFETCH_AHEAD) {
                        for &v in &values[ahead..ahead_end.min(ahead + 8)] {
                            fam.prefetch((v & 0xFFFF_FFFF) as usize);
                        }
                    }
                    let run = &values[start..end];
                    for (x, &vx) in run.iter().enumerate() {
                        let ri = (vx & 0xFFFF_FFFF) as usize;
                        for &vy in &run[x + 1..] {
                            let rj = (vy & 0xFFFF_FFFF) as usize;
                            local_candidates += 1;
                            if verify(fam, settings, ri, rj).is_some() {
                                hits.push(((ri as u64) << 32) | rj as u64);
                            }
                        }
                    }
                }
                candidates.fetch_add(local_candidates, AtomicOrdering::Relaxed);
                progress.inc(1);
                hits
            })
            .collect();
        drop(keys);
        for hits in band_found {
            found.extend(hits);
        }
        found.par_sort_unstable();
        found.dedup();
        first_band += group;
    }
    // Containment pairs below the similarity threshold, searched from the smaller side.
    if super::containment::applies(fam, settings) {
        let (hits, checked) = super::containment::candidates(fam, settings, progress);
        candidates.fetch_add(checked, AtomicOrdering::Relaxed);
        found.extend(hits);
        found.par_sort_unstable();
        found.dedup();
    }
    let pairs: Vec<RawPair> = found
        .par_iter()
        .filter_map(|&key| {
            let (i, j) = ((key >> 32) as usize, (key & 0xFFFF_FFFF) as usize);
            verify(fam, settings, i, j)
        })
        .collect();
    (pairs, candidates.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_orders_by_key_and_keeps_records_ascending() {
        for n in [5usize, 70_000] {
            // Keys with many repeats, records ascending as the LSH builds them.
            let mut values: Vec<u64> = (0..n as u64)
                .map(|r| ((splitmix64(r) % 5000) << 32 | (splitmix64(r) >> 60) << 48) | r)
                .collect();
            let mut expected = values.clone();
            expected.sort_by_key(|v| v >> 32);
            let mut scratch = Vec::new();
            radix_sort_by_key(&mut values, &mut scratch);
            assert_eq!(values, expected, "n = {n}");
        }
    }

    #[test]
    fn clocks_are_positive_and_heavier_tags_ring_earlier_on_average() {
        let mut heavy = 0.0f64;
        let mut light = 0.0f64;
        for h in 0..2000u64 {
            heavy += f64::from(clock(1, h, 7, 4.0));
            light += f64::from(clock(1, h, 7, 1.0));
            assert!(clock(1, h, 7, 1.0) > 0.0);
        }
        // Exp(w) has mean 1/w: the heavy tag's clocks average a quarter of the light one's.
        let ratio = heavy / light;
        assert!((0.2..0.3).contains(&ratio), "{ratio}");
    }
}
