//! Benchmark of the overlap stage on the peer generator's JSONL (`gen.py`): loads the file
//! in parallel, runs `overlap::analyze`, and prints wall time, peak RSS, pairs, recall
//! against exact brute force on sampled records, and pairwise precision/recall of the
//! clusters against `<file>.truth.tsv`. Prints one `RESULT {json}` line for bench/scale.sh.
//!
//! ```sh
//! cargo run --release --example overlap_bench -- bench/cache/r100000.jsonl [--queries 500]
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use fingertip::model::{Kind, Platform, Provenance};
use fingertip::overlap::{self, OverlapSettings};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;

/// One line of the peer's JSONL.
#[derive(Deserialize)]
struct Row {
    id: String,
    kind: String,
    name: String,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    functions: Vec<String>,
    #[serde(default)]
    data_fields: Vec<String>,
    #[serde(default)]
    users: Option<u64>,
    #[serde(default)]
    monthly_active: Option<u64>,
}

fn to_platform(row: Row, line: usize) -> Platform {
    let mut functions = row.functions;
    functions.sort();
    functions.dedup();
    let mut data_fields = row.data_fields;
    data_fields.sort();
    data_fields.dedup();
    Platform {
        id: row.id,
        name: row.name,
        kind: Kind::parse(&row.kind).unwrap_or(Kind::Platform),
        channel: None,
        owner: row.owner,
        department: None,
        level: None,
        region: row.region,
        description: None,
        functions,
        data_fields,
        users: row.users,
        monthly_active: row.monthly_active,
        members: None,
        created: None,
        last_update: None,
        last_active: None,
        mandatory: None,
        assessment_linked: None,
        checkin: None,
        matter: None,
        matter_status: None,
        filing_no: None,
        notes: None,
        extra: BTreeMap::new(),
        provenance: Provenance {
            source: String::new(),
            sheet: None,
            row: line,
        },
    }
}

/// Peak resident set size in bytes (VmHWM of /proc/self/status), 0 when unavailable.
fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}

fn pair_count(sizes: impl Iterator<Item = u64>) -> u64 {
    sizes.map(|s| s * s.saturating_sub(1) / 2).sum()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first().cloned() else {
        eprintln!("usage: overlap_bench <file.jsonl> [--queries N]");
        std::process::exit(2);
    };
    let queries: usize = args
        .iter()
        .position(|a| a == "--queries")
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let start = Instant::now();
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let platforms: Vec<Platform> = lines
        .par_iter()
        .enumerate()
        .filter_map(|(i, l)| {
            serde_json::from_str::<Row>(l)
                .ok()
                .map(|r| to_platform(r, i + 1))
        })
        .collect();
    drop(lines);
    drop(text);
    let load_s = start.elapsed().as_secs_f64();

    let settings = OverlapSettings::default();
    let bar = indicatif::ProgressBar::new(0);
    let t = Instant::now();
    let result = overlap::analyze_with_progress(&platforms, &settings, &bar);
    bar.finish_and_clear();
    let analyze_s = t.elapsed().as_secs_f64();
    let wall_s = start.elapsed().as_secs_f64();
    let rss = peak_rss();

    // Recall against exact brute force on sampled query records.
    let n = platforms.len();
    // A deterministic pseudo-random sample: the records with the smallest hashes of their index.
    let mut hashed: Vec<(u64, usize)> = (0..n as u64)
        .map(|i| {
            let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31), i as usize)
        })
        .collect();
    hashed.sort_unstable();
    let mut sample: Vec<usize> = hashed.iter().take(queries).map(|&(_, i)| i).collect();
    drop(hashed);
    sample.sort_unstable();
    let t = Instant::now();
    let exact = overlap::exact_pairs_of(&platforms, &settings, &sample);
    let recall_s = t.elapsed().as_secs_f64();
    let found = exact
        .iter()
        .filter(|p| result.pair_of(p.a, p.b).is_some())
        .count();
    let exact_sim: Vec<_> = exact
        .iter()
        .filter(|p| p.similarity >= settings.similarity)
        .collect();
    let found_sim = exact_sim
        .iter()
        .filter(|p| result.pair_of(p.a, p.b).is_some())
        .count();
    let recall = if exact.is_empty() {
        1.0
    } else {
        found as f64 / exact.len() as f64
    };
    let recall_sim = if exact_sim.is_empty() {
        1.0
    } else {
        found_sim as f64 / exact_sim.len() as f64
    };

    // Pairwise precision and recall of clusters against the planted truth.
    let mut truth_p = f64::NAN;
    let mut truth_r = f64::NAN;
    if let Ok(truth) = std::fs::read_to_string(format!("{path}.truth.tsv")) {
        let index: FxHashMap<&str, usize> = platforms
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut truth_label = vec![u64::MAX; n];
        for line in truth.lines() {
            let mut parts = line.split('\t');
            if let (Some(id), Some(c)) = (parts.next(), parts.next()) {
                if let (Some(&i), Ok(c)) = (index.get(id), c.parse::<i64>()) {
                    if c >= 0 {
                        truth_label[i] = c as u64;
                    }
                }
            }
        }
        let pred_label: Vec<u64> = (0..n)
            .map(|i| {
                result
                    .membership
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or(u64::MAX, u64::from)
            })
            .collect();
        let mut pred_sizes: FxHashMap<u64, u64> = FxHashMap::default();
        let mut truth_sizes: FxHashMap<u64, u64> = FxHashMap::default();
        let mut both: FxHashMap<(u64, u64), u64> = FxHashMap::default();
        for i in 0..n {
            let (p, t) = (pred_label[i], truth_label[i]);
            if p != u64::MAX {
                *pred_sizes.entry(p).or_default() += 1;
            }
            if t != u64::MAX {
                *truth_sizes.entry(t).or_default() += 1;
            }
            if p != u64::MAX && t != u64::MAX {
                *both.entry((p, t)).or_default() += 1;
            }
        }
        let tp = pair_count(both.values().copied());
        let pp = pair_count(pred_sizes.values().copied());
        let tt = pair_count(truth_sizes.values().copied());
        truth_p = if pp == 0 { 1.0 } else { tp as f64 / pp as f64 };
        truth_r = if tt == 0 { 1.0 } else { tp as f64 / tt as f64 };
    }

    let candidates: u64 = result.stats.iter().map(|s| s.candidates).sum();
    let largest = result
        .clusters
        .iter()
        .map(|c| c.members.len())
        .max()
        .unwrap_or(0);
    println!("records            {n}");
    println!("load (parallel)    {load_s:.2} s");
    println!("analyze            {analyze_s:.2} s");
    println!("wall (load+analyze){wall_s:.2} s");
    println!("peak RSS           {:.0} MB", rss as f64 / 1e6);
    for (family, s) in overlap::Family::ALL.iter().zip(&result.stats) {
        println!(
            "  {:<8} records {:>8} {} candidates {:>11} pairs {:>8}",
            family.code(),
            s.platforms,
            if s.exact { "exact" } else { "lsh  " },
            s.candidates,
            s.pairs
        );
    }
    println!("pairs              {}", result.pairs.len());
    println!(
        "clusters           {} (largest {largest})",
        result.clusters.len()
    );
    println!(
        "recall             {recall:.4} ({found}/{} exact pairs of {} sampled records; J-pairs {recall_sim:.4}; {recall_s:.1} s)",
        exact.len(),
        sample.len()
    );
    println!("cluster P / R      {truth_p:.4} / {truth_r:.4}");
    println!(
        "RESULT {{\"n\":{n},\"load_s\":{load_s:.3},\"analyze_s\":{analyze_s:.3},\"wall_s\":{wall_s:.3},\"peak_rss_mb\":{:.0},\"pairs\":{},\"candidates\":{candidates},\"clusters\":{},\"largest\":{largest},\"recall\":{recall:.4},\"recall_similarity\":{recall_sim:.4},\"recall_pairs\":{},\"queries\":{},\"cluster_p\":{truth_p:.4},\"cluster_r\":{truth_r:.4}}}",
        rss as f64 / 1e6,
        result.pairs.len(),
        result.clusters.len(),
        exact.len(),
        sample.len()
    );
}
