//! The set-similarity join inside one family: exact verification of a pair, the
//! exhaustive join for small families, and weighted MinHash LSH (exponential clocks,
//! banding, radix-sorted buckets) for large ones. Both paths call the same [`verify`],
//! so a pair found by LSH carries exactly the numbers the exhaustive join gives it.

use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};

use crate::progress::Tick;
use rayon::prelude::*;

use super::index::{FamilyIndex, RawPair, MATTER, SPECIFIC};
use super::scope::{ScopeEntries, LAYER_RESIDENT, RESIDENT};
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
    if i == j || !fam.comparable(i, j) || !fam.in_scope(i, j) {
        return None;
    }
    // Records are in ascending platform order, so `i < j` gives `a < b` in the pair.
    let (i, j) = if i < j { (i, j) } else { (j, i) };
    let (overlap, credit) = if fam.words > 0 {
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
    qualify(settings, i, j, similarity, c_ij, c_ji, credit)
}

/// The pair of the numbers, when they qualify: similarity or containment (with at least
/// `min_shared_distinctive` shared tags neither ubiquitous nor generic), and in both cases
/// at least `min_shared_tags` shared tags the taxonomy does not call generic, or a shared
/// work-group matter (one specific task outweighs any count of functions).
fn qualify(
    settings: &OverlapSettings,
    i: usize,
    j: usize,
    similarity: f64,
    c_ij: f64,
    c_ji: f64,
    credit: u64,
) -> Option<RawPair> {
    let shared_distinctive = (credit % SPECIFIC) as u32;
    let shared_specific = (credit % MATTER) / SPECIFIC;
    let shares_matter = credit >= MATTER;
    // Frequency cannot decide here: templated apps share only tags that every one of them
    // has, which are ubiquitous by count but still name what the apps do.
    let enough = shared_specific >= settings.min_shared_tags as u64 || shares_matter;
    let similar = similarity >= settings.similarity;
    let contained = c_ij.max(c_ji) >= settings.containment
        && shared_distinctive as usize >= settings.min_shared_distinctive;
    if !enough || !(similar || contained) {
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

/// Whether two members of record `r`'s class (identical tags, same scope) pair: the
/// "pair" of the record with itself, with similarity and containment 1.
pub(super) fn verify_self(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    r: usize,
) -> Option<RawPair> {
    if fam.class(r).len() < 2 || !fam.comparable(r, r) {
        return None;
    }
    let credit = fam
        .tags(r)
        .iter()
        .map(|&t| fam.credit.get(t as usize).copied().unwrap_or(0))
        .sum::<u64>();
    let total = fam.totals.get(r).copied().unwrap_or(0.0);
    if total <= 0.0 {
        return None;
    }
    qualify(settings, r, r, 1.0, 1.0, 1.0, credit)
}

/// Weight and credit (see [`FamilyIndex::credit`]) of the shared tags of two sorted tag
/// lists. Sums in ascending tag order, like [`intersect_bits`], so both give bit-identical
/// results.
fn intersect_lists(fam: &FamilyIndex, a: &[u32], b: &[u32]) -> (f64, u64) {
    let (mut x, mut y) = (0, 0);
    let mut overlap = 0.0f64;
    let mut shared_distinctive = 0u64;
    while let (Some(&ta), Some(&tb)) = (a.get(x), b.get(y)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                overlap += fam.weights.get(ta as usize).copied().unwrap_or(0.0);
                shared_distinctive += fam.credit.get(ta as usize).copied().unwrap_or(0);
                x += 1;
                y += 1;
            }
        }
    }
    (overlap, shared_distinctive)
}

/// The same over bitsets: AND the words and walk the set bits.
fn intersect_bits(fam: &FamilyIndex, a: &[u64], b: &[u64]) -> (f64, u64) {
    let mut overlap = 0.0f64;
    let mut shared_distinctive = 0u64;
    for (k, (&wa, &wb)) in a.iter().zip(b).enumerate() {
        let mut both = wa & wb;
        while both != 0 {
            let t = k * 64 + both.trailing_zeros() as usize;
            overlap += fam.weights.get(t).copied().unwrap_or(0.0);
            shared_distinctive += fam.credit.get(t).copied().unwrap_or(0);
            both &= both - 1;
        }
    }
    (overlap, shared_distinctive)
}

/// Joins one family's records (one per class of identical sets in one scope): each class
/// with itself, then exhaustively inside scopes when the scope-compatible pairs number at
/// most `exact_limit · (exact_limit − 1) / 2`, by scoped LSH otherwise. Returns the raw
/// pairs sorted by `(i, j)` (`i == j` for a class whose members pair with each other).
pub(crate) fn join_family(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    progress: &dyn Tick,
) -> (Vec<RawPair>, FamilyStats) {
    let n = fam.len();
    let entries = ScopeEntries::build(&fam.scope);
    let mut stats = FamilyStats {
        platforms: fam.platforms(),
        classes: n,
        ..FamilyStats::default()
    };
    let mut pairs: Vec<RawPair> = (0..n)
        .into_par_iter()
        .filter_map(|r| verify_self(fam, settings, r))
        .collect();
    let values = scope_values(&entries, n, |node, _| (splitmix64(node) >> 32) as u32);
    let runs = runs_of(&values);
    stats.scopes = count_runs(&values);
    let scoped_pairs: u64 = runs
        .iter()
        .map(|&(s, e)| {
            let (r_end, lr_end) = roles_of(&values[s..e]);
            let (r, v) = (r_end as u64, (e - s - lr_end) as u64);
            r * r.saturating_sub(1) / 2 + v * lr_end as u64
        })
        .sum();
    let limit = settings.exact_limit as u64;
    if scoped_pairs <= limit * limit.saturating_sub(1) / 2 {
        let checked = AtomicU64::new(0);
        let found: Vec<RawPair> = runs
            .par_iter()
            .flat_map(|&(s, e)| {
                let run = &values[s..e];
                let (r_end, lr_end) = roles_of(run);
                let checked = &checked;
                (0..run.len()).into_par_iter().flat_map_iter(move |x| {
                    let (partners, _) = partners_of(x, r_end, lr_end, usize::MAX);
                    checked.fetch_add(partners.len() as u64, AtomicOrdering::Relaxed);
                    partners.filter_map(move |y| {
                        verify(fam, settings, record_of(run[x]), record_of(run[y]))
                    })
                })
            })
            .collect();
        stats.exact = true;
        stats.candidates = checked.into_inner();
        pairs.extend(found);
    } else {
        drop(runs);
        drop(values);
        let found = lsh(fam, settings, &entries, progress, &mut stats);
        pairs.extend(found);
    }
    pairs.par_sort_unstable_by_key(|p| (p.i, p.j));
    pairs.dedup_by(|x, y| x.i == y.i && x.j == y.j);
    (pairs, stats)
}

/// The most verified pairs a family may hold under `memory_budget_mb`: each costs about
/// 128 bytes from candidate key to reported pair.
pub(crate) fn pair_limit(settings: &OverlapSettings) -> usize {
    let bytes = settings.memory_budget_mb.saturating_mul(1 << 20);
    usize::try_from(bytes / 128).unwrap_or(usize::MAX).max(1)
}

/// Bits of a scope value holding the record number.
const RECORD_BITS: u32 = 30;

/// The record of a scope value.
fn record_of(value: u64) -> usize {
    (value & ((1 << RECORD_BITS) - 1)) as usize
}

/// Every record's scope entries as sortable values `key << 32 | role << 30 | record`,
/// sorted, where `key(node, record)` is the bucket (a hash of the scope node, in LSH
/// mixed with the record's band key). Inside a bucket residents sort first, then layer
/// residents, then visitors.
fn scope_values(
    entries: &ScopeEntries,
    n: usize,
    key: impl Fn(u64, usize) -> u32 + Sync,
) -> Vec<u64> {
    let mut values: Vec<u64> = (0..n)
        .into_par_iter()
        .flat_map_iter(|r| {
            let key = &key;
            entries.of(r).iter().map(move |&(node, role)| {
                (u64::from(key(node, r)) << 32) | (role << RECORD_BITS) | r as u64
            })
        })
        .collect();
    let mut scratch = Vec::new();
    radix_sort_by_key(&mut values, &mut scratch);
    values
}

/// The runs of equal keys holding two or more values.
fn runs_of(values: &[u64]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
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
    runs
}

/// Distinct keys among sorted values.
fn count_runs(values: &[u64]) -> usize {
    values
        .windows(2)
        .filter(|w| w[0] >> 32 != w[1] >> 32)
        .count()
        + usize::from(!values.is_empty())
}

/// Ends of the residents and of the layer residents in a sorted run.
fn roles_of(run: &[u64]) -> (usize, usize) {
    let role = |v: &u64| (v >> RECORD_BITS) & 3;
    let r_end = run.partition_point(|v| role(v) == RESIDENT);
    let lr_end = run.partition_point(|v| role(v) <= LAYER_RESIDENT);
    (r_end, lr_end)
}

/// The positions in a run that position `x` is a candidate with (residents with the later
/// residents, visitors with every resident), at most `cap` of them, and how many the cap
/// left out. Each candidate pair comes from exactly one of its two positions.
fn partners_of(x: usize, r_end: usize, lr_end: usize, cap: usize) -> (std::ops::Range<usize>, u64) {
    if x < r_end {
        let to = r_end.min((x + 1).saturating_add(cap));
        ((x + 1)..to, (r_end - to) as u64)
    } else if x < lr_end {
        (0..0, 0)
    } else {
        let to = lr_end.min(cap);
        (0..to, (lr_end - to) as u64)
    }
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

/// Sorts `(key << 32 | role << 30 | record)` values by key and role, keeping records
/// ascending inside them (stable counting passes: the role's 2 bits, then two 16-bit
/// halves of the key). Residents must come first inside a key: sorting by the key alone
/// left roles in record order, so the exact join of large families (65,536 values and
/// more) missed most visitor × resident pairs (county apps × their city's platform).
fn radix_sort_by_key(values: &mut Vec<u64>, scratch: &mut Vec<u64>) {
    if values.len() < 1 << 16 {
        // Small inputs: the 65,536-slot histograms would cost more than a comparison sort.
        // Sorting whole values keeps records ascending inside a key, as the radix sort does.
        values.sort_unstable();
        return;
    }
    let mut counts = vec![0usize; (1 << 16) + 1];
    // Least significant digit first, each pass stable: the role (bits 30–31) so that
    // residents precede layer residents and visitors inside a key, then the key's two
    // halves. Records stay ascending inside a (key, role) because the values arrive in
    // record order.
    for (shift, mask) in [(RECORD_BITS, 0x3u64), (32, 0xFFFF), (48, 0xFFFF)] {
        counts.iter_mut().for_each(|c| *c = 0);
        for &v in values.iter() {
            counts[((v >> shift) & mask) as usize + 1] += 1;
        }
        for d in 1..counts.len() {
            counts[d] += counts[d - 1];
        }
        scratch.clear();
        scratch.resize(values.len(), 0);
        for &v in values.iter() {
            let d = ((v >> shift) & mask) as usize;
            scratch[counts[d]] = v;
            counts[d] += 1;
        }
        std::mem::swap(values, scratch);
    }
}

/// Weighted MinHash LSH over one family, bucketed by scope node and band. Returns the
/// verified pairs; counts candidates, capped buckets and a spent pair budget in `stats`.
fn lsh(
    fam: &FamilyIndex,
    settings: &OverlapSettings,
    entries: &ScopeEntries,
    progress: &dyn Tick,
    stats: &mut FamilyStats,
) -> Vec<RawPair> {
    let n = fam.len();
    let rows = settings.lsh_rows;
    let bands = settings.lsh_bands;
    let n_tags = fam.weights.len();
    let cap = settings.bucket_cap.max(1);
    let limit = pair_limit(settings);
    let candidates = AtomicU64::new(0);
    let skipped = AtomicU64::new(0);
    let capped = AtomicU64::new(0);
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
        let key_of = |r: usize, band: usize| keys.get(r * group + band).copied().unwrap_or(0);
        let band_found: Vec<Vec<u64>> = (0..group)
            .into_par_iter()
            .map(|band| {
                let values = scope_values(entries, n, |node, r| {
                    let k = u64::from(key_of(r, band));
                    (splitmix64(k ^ node.wrapping_mul(0x9FB2_1C65_1E98_DF25)) >> 32) as u32
                });
                let runs = runs_of(&values);
                let mut hits = Vec::new();
                let mut local_candidates = 0u64;
                for (index, &(start, end)) in runs.iter().enumerate() {
                    // The records of a bucket a few ahead are fetched while this one is
                    // verified: verification waits on memory, not on arithmetic.
                    if let Some(&(ahead, ahead_end)) = runs.get(index + PREFETCH_AHEAD) {
                        for &v in &values[ahead..ahead_end.min(ahead + 8)] {
                            fam.prefetch(record_of(v));
                        }
                    }
                    let run = &values[start..end];
                    let (r_end, lr_end) = roles_of(run);
                    let mut left_out = 0u64;
                    for x in 0..run.len() {
                        let ri = record_of(run[x]);
                        let (partners, cut) = partners_of(x, r_end, lr_end, cap);
                        left_out += cut;
                        for y in partners {
                            let rj = record_of(run[y]);
                            // A pair that met in an earlier band of this group was verified
                            // there: verify each pair once per group, not once per band.
                            if (0..band).any(|b| key_of(ri, b) == key_of(rj, b)) {
                                continue;
                            }
                            local_candidates += 1;
                            if let Some(p) = verify(fam, settings, ri, rj) {
                                hits.push((u64::from(p.i) << 32) | u64::from(p.j));
                            }
                        }
                    }
                    if left_out > 0 {
                        capped.fetch_add(1, AtomicOrdering::Relaxed);
                        skipped.fetch_add(left_out, AtomicOrdering::Relaxed);
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
        // Over the memory budget, further bands would only add pairs nobody can hold: stop
        // here (fewer pairs, reported) rather than be killed.
        if found.len() > limit && first_band < bands {
            stats.pair_budget_hit = true;
            progress.inc((bands - first_band) as u64);
            break;
        }
    }
    // Containment pairs below the similarity threshold, searched from the smaller side.
    if !stats.pair_budget_hit && super::containment::applies(fam, settings) {
        let (hits, checked) = super::containment::candidates(fam, settings, progress);
        candidates.fetch_add(checked, AtomicOrdering::Relaxed);
        found.extend(hits);
        found.par_sort_unstable();
        found.dedup();
    }
    if found.len() > limit {
        stats.pair_budget_hit = true;
        found.truncate(limit);
    }
    stats.candidates = candidates.into_inner();
    stats.capped_buckets = capped.into_inner();
    stats.skipped_candidates = skipped.into_inner();
    found
        .par_iter()
        .filter_map(|&key| {
            let (i, j) = ((key >> 32) as usize, (key & 0xFFFF_FFFF) as usize);
            verify(fam, settings, i, j)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_sort_orders_by_key_and_role_and_keeps_records_ascending() {
        for n in [5usize, 70_000] {
            // Keys with many repeats, roles mixed, records ascending as the joins build
            // them.
            let mut values: Vec<u64> = (0..n as u64)
                .map(|r| {
                    let role = splitmix64(r ^ 0xABCD) % 3;
                    ((splitmix64(r) % 5000) << 32 | (splitmix64(r) >> 60) << 48)
                        | role << RECORD_BITS
                        | r
                })
                .collect();
            let mut expected = values.clone();
            expected.sort_by_key(|v| v >> RECORD_BITS);
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
