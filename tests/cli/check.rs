//! `fingertip check`: the example proposals of `inventory/proposals/` against the sample
//! city (an inventory and a registry), their exit codes (0 build, 1 merge or reject) and
//! bad proposals (exit 2, naming the file, line or cell and key).

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{fingertip, repo_root};

fn proposal(name: &str) -> PathBuf {
    repo_root().join("inventory/proposals").join(name)
}

const CASES: [(&str, &str, i32, Option<&str>); 3] = [
    ("build-云栖县农机作业调度.toml", "build", 0, None),
    ("merge-云栖县医保掌上办.toml", "merge", 1, Some("APP-010")),
    ("reject-雾溪镇便民服务.toml", "reject", 1, None),
];

fn check_json(args: &[&std::ffi::OsStr], code: i32) -> Value {
    let out = fingertip()
        .current_dir(repo_root())
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("check --format json prints JSON")
}

#[test]
fn example_proposals_give_their_verdicts_and_exit_codes() {
    for (file, verdict, code, into) in CASES {
        let path = proposal(file);
        let v = check_json(
            &[path.as_os_str(), "--against".as_ref(), "inventory".as_ref()],
            code,
        );
        assert_eq!(v["verdict"], verdict, "{file}: {v:#}");
        assert_eq!(v["into"].as_str(), into, "{file}");
        assert!(v["similar"].is_array() && v["reasons"].is_array(), "{file}");
        if verdict == "reject" {
            let rules: Vec<&str> = v["violations"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x["rule"].as_str().unwrap())
                .collect();
            assert!(rules.contains(&"app-below-county"), "{rules:?}");
            assert!(rules.contains(&"app-forced-checkin"), "{rules:?}");
        }
        if verdict == "build" {
            // Declared 无打卡功能: never a check-in, nothing violated.
            assert_eq!(v["violations"], Value::Array(Vec::new()), "{v:#}");
        }
    }
}

/// The text answer of `check <proposal> --against inventory` (exit 1: merge or reject).
fn check_text(lang: &str, proposal: &Path) -> String {
    let out = fingertip()
        .current_dir(repo_root())
        .args(["--lang", lang, "check"])
        .arg(proposal)
        .args(["--against", "inventory"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn text_answer_in_chinese_and_english() {
    let merge = proposal(CASES[1].0);
    let text = check_text("zh", &merge);
    assert!(
        text.contains("结论：建议整合至“澄岚医保”（APP-010）"),
        "{text}"
    );
    assert!(text.contains("比对在用平台"), "{text}");
    let text = check_text("en", &merge);
    assert!(
        text.contains("Verdict: merge into “澄岚医保” (APP-010)"),
        "{text}"
    );
    assert!(text.contains("checked against"), "{text}");
}

#[test]
fn against_the_registry_gives_the_same_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fingertip.db");
    fingertip()
        .current_dir(repo_root())
        .args(["ingest", "inventory", "--db"])
        .arg(&db)
        .args(["--now", "2026-11-20"])
        .assert()
        .success();
    let settings = repo_root().join("inventory/fingertip.toml");
    for (file, verdict, code, into) in CASES {
        let path = proposal(file);
        let v = check_json(
            &[
                path.as_os_str(),
                "--db".as_ref(),
                db.as_os_str(),
                "--settings".as_ref(),
                settings.as_os_str(),
            ],
            code,
        );
        assert_eq!(v["verdict"], verdict, "{file}: {v:#}");
        assert_eq!(v["into"].as_str(), into, "{file}");
    }
    // A registry that does not exist is not created.
    fingertip()
        .arg("check")
        .arg(proposal(CASES[0].0))
        .arg("--db")
        .arg(dir.path().join("none.db"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("不存在"));
    assert!(!dir.path().join("none.db").exists());
}

fn check_bad(path: &Path) -> String {
    let out = fingertip()
        .current_dir(repo_root())
        .arg("check")
        .arg(path)
        .args(["--against", "inventory"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    String::from_utf8(out).unwrap()
}

#[test]
fn bad_proposals_exit_2_naming_file_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(proposal(CASES[0].0)).unwrap();

    let missing = dir.path().join("missing.toml");
    std::fs::write(&missing, good.replace("owner = \"云栖县农业农村局\"\n", "")).unwrap();
    let err = check_bad(&missing);
    assert!(
        err.contains("missing.toml") && err.contains("owner"),
        "{err}"
    );

    let kind = dir.path().join("kind.toml");
    std::fs::write(&kind, good.replace("kind = \"政务APP\"", "kind = \"飞艇\"")).unwrap();
    let err = check_bad(&kind);
    assert!(
        err.contains("kind.toml") && err.contains("第3行") && err.contains("kind"),
        "{err}"
    );
    assert!(err.contains("飞艇"), "{err}");

    // The sample city's register is an XLSX, but not the filing form.
    let err = check_bad(&repo_root().join("inventory/应用与平台台账.xlsx"));
    assert!(err.contains("应用与平台台账.xlsx"), "{err}");
    assert!(err.contains("备案表"), "{err}");

    let other = dir.path().join("proposal.docx");
    std::fs::write(&other, "not a proposal").unwrap();
    let err = check_bad(&other);
    assert!(err.contains(".toml"), "{err}");

    // Neither --against nor --db: clap refuses it (exit 2).
    fingertip()
        .arg("check")
        .arg(proposal(CASES[0].0))
        .assert()
        .code(2);
}
