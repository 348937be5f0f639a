//! Deterministic synthetic registries for tests: a small seeded generator that mimics the
//! peer benchmark's vocabulary (Zipf-popular function and data-field tags, domains that
//! boost a few tags, planted near-duplicate clusters).

use crate::model::{Kind, Platform};

/// SplitMix64 random numbers: tiny, seeded, stable across platforms and crate versions.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// A platform with only the fields the overlap stage reads.
pub(crate) fn platform(id: &str, kind: Kind, functions: &[&str], data_fields: &[&str]) -> Platform {
    let mut functions: Vec<String> = functions.iter().map(|s| s.to_string()).collect();
    let mut data_fields: Vec<String> = data_fields.iter().map(|s| s.to_string()).collect();
    functions.sort();
    functions.dedup();
    data_fields.sort();
    data_fields.dedup();
    Platform {
        id: id.to_string(),
        name: id.to_string(),
        kind,
        functions,
        data_fields,
        ..Default::default()
    }
}

/// Draws `size` distinct tags out of `vocab` tags with Zipf popularity (`1 / rank`), where
/// with probability 0.3 a draw comes from the domain's boosted subset instead.
fn draw(rng: &mut Rng, cdf: &[f64], boosted: &[usize], size: usize) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(size);
    let mut guard = 0;
    while out.len() < size && guard < size * 50 {
        guard += 1;
        let tag = if rng.unit() < 0.3 && !boosted.is_empty() {
            boosted[rng.below(boosted.len())]
        } else {
            let u = rng.unit() * cdf.last().copied().unwrap_or(1.0);
            cdf.partition_point(|&c| c < u).min(cdf.len() - 1)
        };
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

/// A registry of `n` platforms of all kinds, about 20 % of them in planted clusters of
/// near-duplicates (each tag of the template dropped with probability 0.1, up to two
/// popular tags added per group). Returns the platforms (ids `g000001`…) and the planted
/// cluster of each (`None` for singletons).
pub(crate) fn registry(n: usize, seed: u64) -> (Vec<Platform>, Vec<Option<usize>>) {
    let mut rng = Rng::new(seed);
    let vocab = [300usize, 500];
    // Popularity ranks are a seeded permutation of each vocabulary.
    let cdfs: Vec<Vec<f64>> = vocab
        .iter()
        .map(|&v| {
            let mut ranks: Vec<usize> = (1..=v).collect();
            for i in (1..v).rev() {
                ranks.swap(i, rng.below(i + 1));
            }
            let mut acc = 0.0;
            ranks
                .iter()
                .map(|&r| {
                    acc += 1.0 / r as f64;
                    acc
                })
                .collect()
        })
        .collect();
    let domains: Vec<[Vec<usize>; 2]> = (0..20)
        .map(|_| {
            [
                (0..15).map(|_| rng.below(vocab[0])).collect(),
                (0..25).map(|_| rng.below(vocab[1])).collect(),
            ]
        })
        .collect();
    let kinds = [
        Kind::App,
        Kind::App,
        Kind::MiniProgram,
        Kind::Platform,
        Kind::Account,
        Kind::Group,
        Kind::Group,
        Kind::Form,
    ];
    let name = |g: usize, t: usize| {
        if g == 0 {
            format!("功能{t}")
        } else {
            format!("数据{t}")
        }
    };
    let mut platforms = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    let mut cluster_no = 0;
    while platforms.len() < n {
        let domain = &domains[rng.below(domains.len())];
        let kind = kinds[rng.below(kinds.len())];
        let sizes = [3 + rng.below(11), 4 + rng.below(17)];
        let template: Vec<Vec<usize>> = (0..2)
            .map(|g| draw(&mut rng, &cdfs[g], &domain[g], sizes[g]))
            .collect();
        let copies = if rng.unit() < 0.09 {
            2 + rng.below(4)
        } else {
            1
        };
        let copies = copies.min(n - platforms.len());
        for _ in 0..copies {
            let mut groups: Vec<Vec<String>> = Vec::new();
            for (g, tags) in template.iter().enumerate() {
                let mut kept: Vec<usize> = if copies > 1 {
                    tags.iter().copied().filter(|_| rng.unit() >= 0.1).collect()
                } else {
                    tags.clone()
                };
                if copies > 1 {
                    let extra = rng.below(3);
                    kept.extend(draw(&mut rng, &cdfs[g], &[], extra));
                }
                groups.push(kept.into_iter().map(|t| name(g, t)).collect());
            }
            let id = format!("g{:06}", platforms.len() + 1);
            let f: Vec<&str> = groups[0].iter().map(String::as_str).collect();
            let d: Vec<&str> = groups[1].iter().map(String::as_str).collect();
            let mut p = platform(&id, kind, &f, &d);
            p.monthly_active = Some(rng.below(10_000) as u64);
            platforms.push(p);
            truth.push((copies > 1).then_some(cluster_no));
        }
        if copies > 1 {
            cluster_no += 1;
        }
    }
    (platforms, truth)
}
