//! `fingertip rules` and `fingertip rules explain <id>`: the catalog listing, one rule
//! explained in text and JSON, and the exit code for an unknown id.

use super::{fingertip, repo_root};

/// The number of rules in the repository's policy catalog (`data/rule_catalog.csv`), so
/// no test hard-codes how many rules there are.
fn catalog_rules() -> usize {
    let path = repo_root().join("data/rule_catalog.csv");
    let mut reader = csv::Reader::from_path(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut rows = 0;
    for row in reader.records() {
        row.expect("catalog row");
        rows += 1;
    }
    assert!(rows > 0, "empty catalog");
    rows
}

#[test]
fn lists_every_rule() {
    let out = fingertip().arg("rules").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "app-forced-checkin",
        "zombie-app",
        "account-stale-14d",
        "group-24h-media",
        "duplicate-data-entry",
        "assess-by-traces",
    ] {
        assert!(text.contains(id), "{id} missing from:\n{text}");
    }
    // A header, then one line per rule.
    assert_eq!(text.lines().count(), 1 + catalog_rules(), "{text}");
    assert!(text.contains("政务应用程序设置打卡签到"), "{text}");
}

#[test]
fn lists_rules_as_json() {
    let out = fingertip()
        .args(["rules", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), catalog_rules());
    let first = &items[0];
    assert_eq!(first["id"], "app-forced-checkin");
    assert_eq!(first["severity"], "high");
    assert_eq!(first["object"], "app");
    assert_eq!(first["status"], "stable");
    let local: Vec<&str> = items
        .iter()
        .filter(|i| i["local"] == true)
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(local, vec!["account-level-restriction", "group-governance"]);
}

#[test]
fn explains_a_rule() {
    let out = fingertip()
        .args(["rules", "explain", "group-24h-media"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for expected in [
        "不得将微信、QQ工作群和政务APP等作为24小时工作媒介",
        "湖北",
        "work_start = 08:30",
        "min_off_hours_demands = 2",
        "聊天记录导出",
        "## Example",
        "## Evidence",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

#[test]
fn explains_a_rule_as_json_in_english() {
    let out = fingertip()
        .args([
            "--lang",
            "en",
            "rules",
            "explain",
            "zombie-app",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["id"], "zombie-app");
    assert_eq!(value["thresholds"]["zombie_app_mau_floor"], "100");
    assert_eq!(value["thresholds"]["zombie_app_months"], "6");
    assert!(value["doc"].as_str().unwrap().contains("## Why it matters"));
    assert_eq!(value["needs"][0]["en"], "monthly active users");
}

#[test]
fn unknown_rule_exits_2_with_close_ids() {
    let out = fingertip()
        .args(["rules", "explain", "zombie-ap"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("zombie-ap") && err.contains("zombie-app"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
