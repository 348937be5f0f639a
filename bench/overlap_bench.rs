//! Benchmark of the overlap stage on the peer generator's JSONL (`gen.py`) or any shape in
//! its format (bench/gen_shapes.py): loads the file in parallel, runs `overlap::analyze`,
//! and prints wall time, peak RSS, pairs, candidates and classes per family, recall
//! against exact brute force within scope on sampled records (a pair counts as found when
//! the result reports or implies it through its classes of identical sets), and pairwise
//! precision/recall of the clusters against `<file>.truth.tsv`. Prints one `RESULT {json}`
//! line for bench/scale.sh.
//!
//! ```sh
//! cargo run --release --example overlap_bench -- bench/cache/r100000.jsonl [--queries 500] [--dump PREFIX] [--no-scope]
//! ```

use std::collections::BTreeMap;
use std::time::Instant;

use fingertip::model::{Kind, Platform, Provenance};
use fingertip::overlap::{self, OverlapSettings};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Deserialize;

/// The binary's terminal progress bars, shared as a source file: the library has none.
#[path = "../src/commands/progress_bar.rs"]
mod progress_bar;

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
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    matter: Option<String>,
    #[serde(default)]
    audience: Option<String>,
}

/// The platform of a row, with its `audience` kept in `extra` as the importer keeps an
/// unknown JSON key, so the placement reads it as the audit does.
fn to_platform(row: Row, line: usize) -> Platform {
    let audience = row.audience.clone();
    let mut platform = to_platform_only(row, line);
    if let Some(audience) = audience {
        platform.extra.insert("audience".to_string(), audience);
    }
    platform
}

fn to_platform_only(row: Row, line: usize) -> Platform {
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
        level: row
            .level
            .as_deref()
            .and_then(fingertip::model::Level::parse),
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
        matter: row.matter,
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

/// Figures of one analysis run.
struct Run {
    analyze_s: f64,
    pairs: usize,
    candidates: u64,
    clusters: usize,
    largest: usize,
    recall: f64,
    recall_similarity: f64,
    recall_pairs: usize,
    recall_s: f64,
    cluster_p: f64,
    cluster_r: f64,
}

/// Runs `analyze` under `settings` and measures it; with `dump`, also writes the result
/// (see [`write_dump`]) under that path prefix.
fn measure(
    platforms: &[Platform],
    placements: &[overlap::Placement],
    settings: &OverlapSettings,
    sample: &[usize],
    truth_label: Option<&[u64]>,
    dump: Option<String>,
) -> Run {
    let bar = progress_bar::StderrProgress::new();
    let t = Instant::now();
    let result = overlap::analyze_placed(platforms, placements, settings, &bar);
    let analyze_s = t.elapsed().as_secs_f64();
    for (family, s) in overlap::Family::ALL
        .iter()
        .chain([overlap::Family::All].iter())
        .zip(&result.stats)
    {
        if s.platforms > 0 {
            println!(
                "  {:<8} records {:>8} classes {:>8} scopes {:>8} {} candidates {:>11} pairs {:>8}{}",
                family.code(),
                s.platforms,
                s.classes,
                s.scopes,
                if s.exact { "exact" } else { "lsh  " },
                s.candidates,
                s.pairs,
                if s.degraded() {
                    format!(
                        "  DEGRADED: {} capped buckets, {} candidates skipped, budget hit {}",
                        s.capped_buckets, s.skipped_candidates, s.pair_budget_hit
                    )
                } else {
                    String::new()
                }
            );
        }
    }

    // Recall against exact brute force on the sampled query records.
    let t = Instant::now();
    let exact = overlap::exact_pairs_of_placed(platforms, placements, settings, sample);
    if let Some(prefix) = dump {
        write_dump(&prefix, platforms, &result, &exact, truth_label);
    }
    let recall_s = t.elapsed().as_secs_f64();
    let ratio = |found: usize, all: usize| {
        if all == 0 {
            1.0
        } else {
            found as f64 / all as f64
        }
    };
    let found = exact
        .iter()
        .filter(|p| result.implied_pair(platforms, p.a, p.b).is_some())
        .count();
    let similar: Vec<_> = exact
        .iter()
        .filter(|p| p.similarity >= settings.similarity)
        .collect();
    let found_similar = similar
        .iter()
        .filter(|p| result.implied_pair(platforms, p.a, p.b).is_some())
        .count();

    // Pairwise precision and recall of clusters against the planted truth.
    let (mut cluster_p, mut cluster_r) = (f64::NAN, f64::NAN);
    if let Some(truth_label) = truth_label {
        let mut pred_sizes: FxHashMap<u64, u64> = FxHashMap::default();
        let mut truth_sizes: FxHashMap<u64, u64> = FxHashMap::default();
        let mut both: FxHashMap<(u64, u64), u64> = FxHashMap::default();
        for (i, &t) in truth_label.iter().enumerate() {
            let p = result
                .membership
                .get(i)
                .copied()
                .flatten()
                .map_or(u64::MAX, u64::from);
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
        cluster_p = if pp == 0 { 1.0 } else { tp as f64 / pp as f64 };
        cluster_r = if tt == 0 { 1.0 } else { tp as f64 / tt as f64 };
    }
    Run {
        analyze_s,
        pairs: result.pairs.len(),
        candidates: result.stats.iter().map(|s| s.candidates).sum(),
        clusters: result.clusters.len(),
        largest: result
            .clusters
            .iter()
            .map(|c| c.members.len())
            .max()
            .unwrap_or(0),
        recall: ratio(found, exact.len()),
        recall_similarity: ratio(found_similar, similar.len()),
        recall_pairs: exact.len(),
        recall_s,
        cluster_p,
        cluster_r,
    }
}

fn print_run(label: &str, run: &Run, queries: usize) {
    println!("[{label}] analyze {:.2} s", run.analyze_s);
    println!(
        "[{label}] pairs {}  candidates {}  clusters {} (largest {})",
        run.pairs, run.candidates, run.clusters, run.largest
    );
    println!(
        "[{label}] recall {:.4} over {} exact pairs of {queries} sampled records (similarity pairs {:.4}; {:.1} s)",
        run.recall, run.recall_pairs, run.recall_similarity, run.recall_s
    );
    println!(
        "[{label}] cluster P / R {:.4} / {:.4}",
        run.cluster_p, run.cluster_r
    );
}

fn run_json(prefix: &str, run: &Run) -> String {
    format!(
        "\"{prefix}analyze_s\":{:.3},\"{prefix}pairs\":{},\"{prefix}candidates\":{},\"{prefix}clusters\":{},\"{prefix}largest\":{},\"{prefix}recall\":{:.4},\"{prefix}recall_similarity\":{:.4},\"{prefix}recall_pairs\":{},\"{prefix}cluster_p\":{:.4},\"{prefix}cluster_r\":{:.4}",
        run.analyze_s,
        run.pairs,
        run.candidates,
        run.clusters,
        run.largest,
        run.recall,
        run.recall_similarity,
        run.recall_pairs,
        run.cluster_p,
        run.cluster_r
    )
}

/// Writes one run's result as TSV for offline diagnosis: `<prefix>.pairs.tsv` (a, b,
/// similarity, containments), `<prefix>.nodes.tsv` (index, truth cluster or -1, cluster
/// target or -1, kind, monthly and all users) and `<prefix>.recall.tsv` (the exact pairs
/// of the sampled records with their tag counts and whether the fast join found them).
fn write_dump(
    prefix: &str,
    platforms: &[Platform],
    result: &overlap::Overlap,
    exact: &[overlap::Pair],
    truth: Option<&[u64]>,
) {
    use std::fmt::Write as _;
    let mut pairs = String::new();
    for p in &result.pairs {
        let _ = writeln!(
            pairs,
            "{}\t{}\t{:.5}\t{:.5}\t{:.5}",
            p.a, p.b, p.similarity, p.containment_a_in_b, p.containment_b_in_a
        );
    }
    let mut nodes = String::new();
    for (i, p) in platforms.iter().enumerate() {
        let t = truth
            .and_then(|t| t.get(i).copied())
            .filter(|&t| t != u64::MAX)
            .map_or(-1, |t| t as i64);
        let target = result.cluster_of(i).map_or(-1, |c| c.target as i64);
        let _ = writeln!(
            nodes,
            "{i}\t{t}\t{target}\t{}\t{}\t{}",
            p.kind.code(),
            p.monthly_active.unwrap_or(0),
            p.users.unwrap_or(0)
        );
    }
    let size = |i: usize| {
        platforms
            .get(i)
            .map_or(0, |p| p.functions.len() + p.data_fields.len())
    };
    let mut recall = String::new();
    for p in exact {
        let _ = writeln!(
            recall,
            "{}\t{}\t{:.5}\t{:.5}\t{:.5}\t{}\t{}\t{}",
            p.a,
            p.b,
            p.similarity,
            p.containment_a_in_b,
            p.containment_b_in_a,
            size(p.a),
            size(p.b),
            u8::from(result.implied_pair(platforms, p.a, p.b).is_some())
        );
    }
    for (name, text) in [("pairs", pairs), ("nodes", nodes), ("recall", recall)] {
        let path = format!("{prefix}.{name}.tsv");
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{path}: {e}");
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first().cloned() else {
        eprintln!("usage: overlap_bench <file.jsonl> [--queries N] [--containment X] [--effort X] [--dump PREFIX] [--policy-only]");
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
    // The placement of each platform as the audit computes it: regions and owners through
    // the gazetteer, the audience from the kept `audience` column.
    let placements = overlap::Placer::placements(&platforms);
    drop(lines);
    drop(text);
    let load_s = start.elapsed().as_secs_f64();
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

    let truth_label: Option<Vec<u64>> = std::fs::read_to_string(format!("{path}.truth.tsv"))
        .ok()
        .map(|truth| {
            let index: FxHashMap<&str, usize> = platforms
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i))
                .collect();
            let mut label = vec![u64::MAX; n];
            for line in truth.lines() {
                let mut parts = line.split('\t');
                if let (Some(id), Some(c)) = (parts.next(), parts.next()) {
                    if let (Some(&i), Ok(c)) = (index.get(id), c.parse::<i64>()) {
                        if c >= 0 {
                            label[i] = c as u64;
                        }
                    }
                }
            }
            label
        });

    println!("records {n}, load (parallel serde_json) {load_s:.2} s");
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<f64>().ok())
    };
    let mut base = OverlapSettings::default();
    if let Some(c) = flag("--containment") {
        base.containment = c;
    }
    if let Some(e) = flag("--effort") {
        base.containment_effort = e;
    }
    // `--no-scope` compares across units and areas, as before comparison scopes.
    if args.iter().any(|a| a == "--no-scope") {
        base.scope = false;
    }
    // `--dump PREFIX` writes each run's pairs, clusters and sampled recall as TSV.
    let dump_prefix = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let dump = |label: &str| dump_prefix.as_ref().map(|p| format!("{p}.{label}"));
    let policy = base.clone();
    let wall_start = Instant::now();
    let run = measure(
        &platforms,
        &placements,
        &policy,
        &sample,
        truth_label.as_deref(),
        dump("policy"),
    );
    let wall_s = load_s + wall_start.elapsed().as_secs_f64() - run.recall_s;
    let rss = peak_rss();
    print_run("policy families", &run, sample.len());
    println!(
        "wall load+analyze {wall_s:.2} s, peak RSS so far {:.0} MB",
        rss as f64 / 1e6
    );
    // `--policy-only` stops after the policy-family run (for profiling the default path).
    if args.iter().any(|a| a == "--policy-only") {
        return;
    }
    // The peer compares every kind with every other; so does this second run, to make the
    // cluster figures comparable with its planted truth (gen.py changes the kind of ~7.5 %
    // of planted members, which policy families rightly keep apart).
    let everything = OverlapSettings {
        families: false,
        ..base
    };
    let all = measure(
        &platforms,
        &placements,
        &everything,
        &sample,
        truth_label.as_deref(),
        dump("all"),
    );
    print_run("one family", &all, sample.len());
    // The peer's truth knows only similarity; containment pairs (a small platform inside a
    // large one) are real findings for a bureau but noise for that truth.
    let similarity_only = OverlapSettings {
        min_shared_distinctive: usize::MAX,
        ..everything.clone()
    };
    let sim = measure(
        &platforms,
        &placements,
        &similarity_only,
        &sample,
        truth_label.as_deref(),
        dump("sim"),
    );
    print_run("one family, similarity only", &sim, sample.len());
    println!(
        "RESULT {{\"n\":{n},\"load_s\":{load_s:.3},\"wall_s\":{wall_s:.3},\"peak_rss_mb\":{:.0},\"queries\":{},{},{},{}}}",
        rss as f64 / 1e6,
        sample.len(),
        run_json("", &run),
        run_json("all_", &all),
        run_json("sim_", &sim)
    );
}
