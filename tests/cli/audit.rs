//! End-to-end audit of the sample city: scores `audit inventory/` against the careful
//! auditor's answers in `inventory/expected.json`, and checks that the committed
//! `reports/` equal what the command writes today.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use super::{fingertip, repo_root};

const AS_OF: &str = "2026-11-20";

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run_sample_audit(out: &Path) {
    fingertip()
        .current_dir(repo_root())
        .args(["audit", "inventory", "--out"])
        .arg(out)
        .args(["--as-of", AS_OF, "--quiet"])
        .assert()
        .success();
}

/// Per-class F1 averaged over the classes present in either the truth or the prediction.
fn macro_f1(pairs: &[(String, String)]) -> f64 {
    let classes: BTreeSet<&str> = pairs
        .iter()
        .flat_map(|(t, p)| [t.as_str(), p.as_str()])
        .collect();
    let mut total = 0.0;
    for class in &classes {
        let tp = pairs
            .iter()
            .filter(|(t, p)| t == class && p == class)
            .count() as f64;
        let fp = pairs
            .iter()
            .filter(|(t, p)| t != class && p == class)
            .count() as f64;
        let fn_ = pairs
            .iter()
            .filter(|(t, p)| t == class && p != class)
            .count() as f64;
        let f1 = if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        };
        total += f1;
    }
    total / classes.len().max(1) as f64
}

/// How an audit's output agrees with a careful auditor's expected answers.
struct Score {
    /// Action macro-F1.
    f1: f64,
    /// Merges whose target is the expected one / expected merges.
    merge_accuracy: f64,
    /// Flag precision and recall over the rules the expected answers score.
    precision: f64,
    recall: f64,
    /// Flag evidence citing a document that holds only prohibitions.
    negated_hits: Vec<String>,
    /// Every disagreement, for the test's output.
    mismatches: Vec<String>,
}

impl Score {
    fn flag_f1(&self) -> f64 {
        if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        }
    }

    fn print(&self, what: &str) {
        println!(
            "{what}: action macro-F1 {:.3}, merge-target accuracy {:.3}, flag precision {:.3}, \
             recall {:.3}, F1 {:.3}, flags citing negated documents {}",
            self.f1,
            self.merge_accuracy,
            self.precision,
            self.recall,
            self.flag_f1(),
            self.negated_hits.len()
        );
        for line in &self.mismatches {
            println!("  {line}");
        }
    }
}

/// Runs `audit <inventory>` (relative to the repository) and scores it against
/// `<inventory>/expected.json` (items with id, action, into, flags; negated_documents).
fn score_inventory(inventory: &str) -> Score {
    let dir = tempfile::tempdir().unwrap();
    fingertip()
        .current_dir(repo_root())
        .args(["audit", inventory, "--out"])
        .arg(dir.path())
        .args(["--as-of", AS_OF, "--quiet"])
        .assert()
        .success();
    let expected = read_json(&repo_root().join(inventory).join("expected.json"));
    let recs = read_json(&dir.path().join("recommendations.json"));
    let flags = read_json(&dir.path().join("flags.json"));

    let got: BTreeMap<String, &Value> = recs["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| (item["id"].as_str().unwrap().to_string(), item))
        .collect();
    let expected_items = expected["items"].as_array().unwrap();
    assert_eq!(
        got.len(),
        expected_items.len(),
        "{inventory}: exactly one recommendation per record"
    );

    let mut action_pairs = Vec::new();
    let (mut merges, mut merge_hits) = (0usize, 0usize);
    let mut mismatches = Vec::new();
    for item in expected_items {
        let id = item["id"].as_str().unwrap();
        let want = item["action"].as_str().unwrap().to_string();
        let rec = got
            .get(id)
            .unwrap_or_else(|| panic!("{inventory}: no recommendation for {id}"));
        let have = rec["action"].as_str().unwrap().to_string();
        if want != have {
            mismatches.push(format!("{id}: expected {want}, got {have}"));
        }
        if want == "merge" {
            merges += 1;
            if have == "merge" && rec["into"] == item["into"] {
                merge_hits += 1;
            } else {
                mismatches.push(format!(
                    "{id}: expected merge into {}, got {} into {}",
                    item["into"], have, rec["into"]
                ));
            }
        }
        action_pairs.push((want, have));
    }

    let expected_flags: BTreeSet<(String, String)> = expected_items
        .iter()
        .flat_map(|item| {
            let id = item["id"].as_str().unwrap().to_string();
            item["flags"]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .map(move |r| (id.clone(), r.as_str().unwrap_or_default().to_string()))
        })
        .collect();
    let scored_rules: BTreeSet<&str> = expected_flags.iter().map(|(_, r)| r.as_str()).collect();
    let got_flags: BTreeSet<(String, String)> = flags["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["waived"].is_null())
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .filter(|(_, rule)| scored_rules.contains(rule.as_str()))
        .collect();
    let tp = expected_flags.intersection(&got_flags).count() as f64;
    let precision = tp / got_flags.len().max(1) as f64;
    let recall = tp / expected_flags.len().max(1) as f64;
    for missing in expected_flags.difference(&got_flags) {
        mismatches.push(format!("missing flag {missing:?}"));
    }
    for extra in got_flags.difference(&expected_flags) {
        mismatches.push(format!("extra flag {extra:?}"));
    }

    // No flag may cite a document that holds only prohibitions.
    let negated: BTreeSet<&str> = expected["negated_documents"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let negated_hits: Vec<String> = flags["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["evidence"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["source"].as_str().map(str::to_string))
        .filter(|s| negated.contains(s.as_str()))
        .collect();

    Score {
        f1: macro_f1(&action_pairs),
        merge_accuracy: merge_hits as f64 / merges.max(1) as f64,
        precision,
        recall,
        negated_hits,
        mismatches,
    }
}

#[test]
fn sample_city_scores_against_expected() {
    let score = score_inventory("inventory");
    score.print("sample city");
    assert!(score.f1 >= 0.9, "action macro-F1 {:.3} < 0.9", score.f1);
    assert!(
        score.merge_accuracy >= 0.9,
        "merge-target accuracy {:.3} < 0.9",
        score.merge_accuracy
    );
    assert!(
        score.precision >= 0.95,
        "flag precision {:.3} < 0.95",
        score.precision
    );
    assert!(
        score.recall >= 0.95,
        "flag recall {:.3} < 0.95",
        score.recall
    );
    assert!(
        score.negated_hits.is_empty(),
        "flags cite negated documents: {:?}",
        score.negated_hits
    );
}

/// The independent city (tests/independent/qiwu, typed from policy by other hands than
/// the code's, see its README) against its auditor's answers. Issue 13 asks for 0.95 on
/// each measure; these floors are a ratchet at the figures reached so far, so a change
/// that makes the tool worse on data it was not written for fails here.
#[test]
fn independent_city_scores_at_least_the_ratchet() {
    let score = score_inventory("tests/independent/qiwu");
    score.print("independent city 栖梧市");
    assert!(
        score.f1 >= MIN_INDEPENDENT_F1,
        "action macro-F1 {:.3}",
        score.f1
    );
    assert!(
        score.merge_accuracy >= MIN_INDEPENDENT_MERGE,
        "merge-target accuracy {:.3}",
        score.merge_accuracy
    );
    assert!(
        score.flag_f1() >= MIN_INDEPENDENT_FLAG_F1,
        "flag F1 {:.3}",
        score.flag_f1()
    );
    assert!(
        score.negated_hits.is_empty(),
        "flags cite negated documents: {:?}",
        score.negated_hits
    );
}

/// Ratchet floors for the independent city (measured 2026-12-02 after the issue-13/18
/// rules: F1 0.885, merge 17/24, flag F1 0.717; raise, never lower).
const MIN_INDEPENDENT_F1: f64 = 0.88;
const MIN_INDEPENDENT_MERGE: f64 = 0.70;
const MIN_INDEPENDENT_FLAG_F1: f64 = 0.71;

/// The committed `reports/` are what `audit inventory --out reports` writes today.
/// Regenerate them with `cargo run --release -- audit inventory --out reports` (the
/// sample's fingertip.toml fixes the audit date).
#[test]
fn committed_reports_are_in_sync() {
    let dir = tempfile::tempdir().unwrap();
    run_sample_audit(dir.path());
    let committed = repo_root().join("reports");
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut in_repo: Vec<String> = std::fs::read_dir(&committed)
        .unwrap_or_else(|e| panic!("{}: {e}", committed.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    in_repo.sort();
    assert_eq!(
        written, in_repo,
        "reports/ holds other files than audit writes"
    );
    let mut drifted = Vec::new();
    for name in &written {
        let fresh = std::fs::read(dir.path().join(name)).unwrap();
        let old = std::fs::read(committed.join(name)).unwrap();
        if fresh != old {
            drifted.push(name.clone());
        }
    }
    assert!(
        drifted.is_empty(),
        "reports/ drifted from `audit inventory`: {drifted:?}; regenerate with \
         `cargo run --release -- audit inventory --out reports`"
    );
}

/// The console summary prints the report summary's own counts: with a waiver in place,
/// the findings line agrees with `recommendations.json` (all findings, of which waived)
/// and the per-rule counts with its `by_rule`.
#[test]
fn console_summary_counts_come_from_the_report_summary() {
    let dir = tempfile::tempdir().unwrap();
    let inv = dir.path().join("inventory");
    std::fs::create_dir_all(&inv).unwrap();
    for entry in std::fs::read_dir(repo_root().join("inventory")).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), inv.join(entry.file_name())).unwrap();
        }
    }
    // Waive the first committed finding, so waived and unwaived counts differ.
    let flags = read_json(&repo_root().join("reports/flags.json"));
    let first = &flags["items"][0];
    let (id, rule) = (
        first["id"].as_str().unwrap(),
        first["rule"].as_str().unwrap(),
    );
    std::fs::write(
        inv.join("waivers.toml"),
        format!("[[waiver]]\nid = \"{id}\"\nrule = \"{rule}\"\nreason = \"应急值守\"\n"),
    )
    .unwrap();
    let out_dir = dir.path().join("out");
    let out = fingertip()
        .args(["audit"])
        .arg(&inv)
        .arg("--out")
        .arg(&out_dir)
        .args(["--as-of", AS_OF])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(out).unwrap();
    let summary = &read_json(&out_dir.join("recommendations.json"))["summary"];
    let total = summary["flags"]["total"].as_u64().unwrap();
    let waived = summary["flags"]["waived"].as_u64().unwrap();
    assert_eq!(waived, 1, "{summary}");
    let first_line = stdout.lines().next().unwrap();
    assert_eq!(
        first_line,
        format!(
            "审计日期 {AS_OF}：{} 个平台，{total} 条问题线索（其中已豁免 {waived}），{} 条输入问题",
            summary["platforms"]["before"], summary["problems"]
        )
    );
    let per_rule: Vec<String> = summary["flags"]["by_rule"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(r, n)| format!("{r} {n}"))
        .collect();
    assert!(
        stdout.contains(&format!("各规则问题数：{}", per_rule.join("，"))),
        "{stdout}"
    );
}
