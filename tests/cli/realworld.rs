//! The real-world corpus (`tests/realworld/`): registers typed from published notices,
//! each audited by the real binary and scored against the notice's verdict.
//!
//! A case is a folder with `inventory/` (the register as the office keeps it) and
//! `expected.json` (the published verdict per named item). Expected items are matched to
//! the tool's recommendations by name, normalised the same way on both sides (NFKC width,
//! trimmed). An item agrees when the action matches and, for a merge, the target's name
//! matches too. Cases under `cases/` are scored against [`MIN_AGREEMENT`]; cases under
//! `holdout/` are scored and reported separately and only have to load.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use super::{fingertip, repo_root};

/// Overall agreement on `cases/`: a ratchet at the score reached (0.989, 86 of 87 items,
/// after the issue-13/18 rules), never lowered; the goal of issue 13 is 0.9.
const MIN_AGREEMENT: f64 = 0.98;

/// Trimmed NFKC form of a name, so full-width and half-width spellings match.
fn norm(s: &str) -> String {
    s.trim().nfkc().collect::<String>().trim().to_string()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// One expected item the tool did not reach.
struct Disagreement {
    name: String,
    expected: String,
    got: String,
    reasons: Vec<String>,
}

struct CaseScore {
    id: String,
    items: usize,
    agreed: usize,
    disagreements: Vec<Disagreement>,
    /// Recommendations no expected item matched, as "name (action)": shows what the
    /// tool made of rows whose names it did not read.
    unmatched: Vec<String>,
}

/// "shutdown" or "merge → 目标" for display.
fn show_action(action: &str, into: Option<&str>) -> String {
    match into {
        Some(target) if action == "merge" => format!("merge → {target}"),
        _ => action.to_string(),
    }
}

/// Audits one case with the real binary and scores it.
fn score_case(dir: &Path) -> CaseScore {
    let id = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let expected = read_json(&dir.join("expected.json"));
    let date = str_field(&expected, "date");
    assert!(
        !date.is_empty(),
        "{id}: expected.json has no date (YYYY-MM-DD)"
    );
    let out = tempfile::tempdir().expect("temp dir");
    fingertip()
        .arg("audit")
        .arg(dir.join("inventory"))
        .arg("--out")
        .arg(out.path())
        .args(["--as-of", date, "--quiet"])
        .assert()
        .success();
    let recs = read_json(&out.path().join("recommendations.json"));
    let items = recs["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{id}: recommendations.json has no items array"));

    let name_by_id: BTreeMap<&str, &str> = items
        .iter()
        .map(|it| (str_field(it, "id"), str_field(it, "name")))
        .collect();
    // Several platforms may share a name (one unit's WeChat and Weibo): keep them all and
    // let each expected item take the first unused one, preferring one that agrees.
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        by_name
            .entry(norm(str_field(it, "name")))
            .or_default()
            .push(i);
    }
    let mut used: BTreeSet<usize> = BTreeSet::new();

    let expected_items = expected["items"]
        .as_array()
        .unwrap_or_else(|| panic!("{id}: expected.json has no items array"));
    let mut score = CaseScore {
        id: id.clone(),
        items: expected_items.len(),
        agreed: 0,
        disagreements: Vec::new(),
        unmatched: Vec::new(),
    };
    for want in expected_items {
        let name = str_field(want, "name");
        let action = str_field(want, "action");
        let into = want.get("into").and_then(Value::as_str);
        // A finer disposition the notice states (close_when_task_ends …) must be reached too.
        let sub_action = want.get("sub_action").and_then(Value::as_str);
        let mut want_show = show_action(action, into);
        if let Some(sub) = sub_action {
            want_show = format!("{want_show} ({sub})");
        }
        let candidates: Vec<usize> = by_name
            .get(&norm(name))
            .map(|v| v.iter().copied().filter(|i| !used.contains(i)).collect())
            .unwrap_or_default();
        let got_into = |it: &Value| -> Option<String> {
            it.get("into")
                .and_then(Value::as_str)
                .map(|t| name_by_id.get(t).copied().unwrap_or(t).to_string())
        };
        let agrees = |it: &Value| -> bool {
            str_field(it, "action") == action
                && (action != "merge" || got_into(it).map(|t| norm(&t)) == into.map(norm))
                && sub_action
                    .is_none_or(|sub| it.get("sub_action").and_then(Value::as_str) == Some(sub))
        };
        let pick = candidates
            .iter()
            .copied()
            .find(|&i| agrees(&items[i]))
            .or_else(|| candidates.first().copied());
        match pick {
            Some(i) => {
                used.insert(i);
                let it = &items[i];
                if agrees(it) {
                    score.agreed += 1;
                } else {
                    let reasons = it["reasons"]
                        .as_array()
                        .map(|r| {
                            r.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_string)
                                .collect()
                        })
                        .unwrap_or_default();
                    let mut got = show_action(str_field(it, "action"), got_into(it).as_deref());
                    if let Some(sub) = it.get("sub_action").and_then(Value::as_str) {
                        got = format!("{got} ({sub})");
                    }
                    score.disagreements.push(Disagreement {
                        name: name.to_string(),
                        expected: want_show,
                        got,
                        reasons,
                    });
                }
            }
            None => score.disagreements.push(Disagreement {
                name: name.to_string(),
                expected: want_show,
                got: "(not in recommendations)".to_string(),
                reasons: Vec::new(),
            }),
        }
    }
    score.unmatched = items
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, it)| format!("{} ({})", str_field(it, "name"), str_field(it, "action")))
        .collect();
    score
}

/// Case folders under `tests/realworld/<set>/`, sorted.
fn case_dirs(set: &str) -> Vec<PathBuf> {
    let root = repo_root().join("tests").join("realworld").join(set);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// Per-case table and every disagreement, as Markdown; returns (report, agreed, items).
fn render(set: &str, scores: &[CaseScore]) -> (String, usize, usize) {
    let agreed: usize = scores.iter().map(|s| s.agreed).sum();
    let items: usize = scores.iter().map(|s| s.items).sum();
    let mut out = String::new();
    let _ = writeln!(out, "## {set}\n");
    let _ = writeln!(out, "| case | items | agreed | agreement |");
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for s in scores {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {:.3} |",
            s.id,
            s.items,
            s.agreed,
            s.agreed as f64 / s.items.max(1) as f64
        );
    }
    let _ = writeln!(
        out,
        "| **overall** | {items} | {agreed} | {:.3} |\n",
        agreed as f64 / items.max(1) as f64
    );
    for s in scores {
        for d in &s.disagreements {
            let _ = writeln!(
                out,
                "- {} / {}: expected {}, got {}",
                s.id, d.name, d.expected, d.got
            );
            for r in &d.reasons {
                let _ = writeln!(out, "    - {r}");
            }
        }
        if !s.unmatched.is_empty() && !s.disagreements.is_empty() {
            let _ = writeln!(
                out,
                "- {}: recommendations matching no expected item: {}",
                s.id,
                s.unmatched.join("、")
            );
        }
    }
    (out, agreed, items)
}

#[test]
fn realworld_corpus_agreement() {
    let cases: Vec<CaseScore> = case_dirs("cases").iter().map(|d| score_case(d)).collect();
    let holdout: Vec<CaseScore> = case_dirs("holdout").iter().map(|d| score_case(d)).collect();
    assert!(!cases.is_empty(), "no cases under tests/realworld/cases");
    assert!(
        !holdout.is_empty(),
        "no cases under tests/realworld/holdout"
    );

    let (cases_md, agreed, items) = render("cases", &cases);
    let (holdout_md, _, _) = render("holdout", &holdout);
    let report = format!("# Real-world corpus agreement\n\n{cases_md}\n{holdout_md}");
    println!("{report}");
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("realworld-agreement.md");
    std::fs::write(&path, &report).unwrap_or_else(|e| panic!("{}: {e}", path.display()));

    let overall = agreed as f64 / items.max(1) as f64;
    assert!(
        overall + 1e-9 >= MIN_AGREEMENT,
        "agreement on tests/realworld/cases fell to {overall:.3} (< {MIN_AGREEMENT}); see {}",
        path.display()
    );
}

#[test]
fn norm_matches_full_and_half_width() {
    assert_eq!(norm(" 美连丨治污攻坚 "), norm("美连丨治污攻坚"));
    assert_eq!(norm("ＡＢＣ１２３"), "ABC123");
    assert_eq!(norm("（微信）"), "(微信)");
}
