//! The registry across refreshes: ingest, runs, history, diff, decide, refresh lock,
//! crash safety and the ingest benchmark, on real SQLite files in temp dirs.
//!
//! CLI tests drive `fingertip ingest`, `audit --db` and `refresh` on real table files.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use fingertip::model::{Kind, Provenance, Record};
use fingertip::registry::{IngestOptions, PlatformStatus, RefreshLock, Store};

use super::fingertip;

fn at(d: &str) -> NaiveDateTime {
    NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .unwrap()
        .and_time(NaiveTime::MIN)
}

/// A synthetic record shaped like the peer benchmark's JSONL.
fn synthetic(i: usize) -> Record {
    const DOMAINS: [&str; 6] = ["社保", "医疗", "公安", "教育", "交通", "民政"];
    const KINDS: [Kind; 4] = [Kind::App, Kind::Group, Kind::Account, Kind::Platform];
    let domain = DOMAINS[i % DOMAINS.len()];
    let city = format!("城市{}区{}", i % 1000, (i / 1000) % 5);
    Record {
        id: Some(format!("p{:07}", i + 1)),
        name: Some(format!("{city}{domain}掌上办{}", i % 97)),
        kind: Some(KINDS[i % KINDS.len()]),
        owner: Some(format!("{city}{domain}局")),
        region: Some(format!("{:06}", 110000 + i % 1000)),
        functions: (0..8)
            .map(|k| format!("在线办理{}", (i * 7 + k * 13) % 300))
            .collect(),
        data_fields: (0..12)
            .map(|k| format!("身份证号{}", (i * 11 + k * 17) % 500))
            .collect(),
        users: Some((i % 5000) as u64 + 1),
        monthly_active: Some((i % 700) as u64),
        provenance: Provenance {
            source: "reg.jsonl".into(),
            sheet: None,
            row: i + 1,
        },
        ..Record::default()
    }
}

fn jsonl_line(r: &Record) -> String {
    serde_json::json!({
        "id": r.id, "kind": r.kind.map(|k| k.code()), "name": r.name, "owner": r.owner,
        "region": r.region, "functions": r.functions, "data_fields": r.data_fields,
        "users": r.users, "monthly_active": r.monthly_active,
    })
    .to_string()
}

fn seeded(dir: &Path) -> PathBuf {
    let db = dir.join("r.db");
    let mut store = Store::open(&db).unwrap();
    let records: Vec<Record> = (0..3).map(synthetic).collect();
    store
        .ingest(
            "seed",
            &records,
            IngestOptions::complete_ingest(),
            at("2026-01-01"),
        )
        .unwrap();
    let mut renamed = records.clone();
    renamed[1].name = Some("改名后的平台（新版）".into());
    store
        .ingest(
            "seed",
            &renamed[..2],
            IngestOptions::complete_ingest(),
            at("2026-02-01"),
        )
        .unwrap();
    db
}

fn json_of(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `fingertip runs | head -1` and the like: the reader goes away before the command
/// writes, and the command still ends with 0 and no panic message.
#[test]
fn runs_history_and_diff_survive_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    for args in [
        vec!["runs"],
        vec!["history", "p0000001"],
        vec!["diff", "--from", "0"],
        vec!["runs", "--format", "json"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fingertip"))
            .args(&args)
            .arg("--db")
            .arg(&db)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the read end at once, as `head` does once it has its line.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn runs_history_and_diff_show_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let runs = json_of(
        &fingertip()
            .args(["runs", "--format", "json", "--db"])
            .arg(&db)
            .output()
            .unwrap(),
    );
    let runs = runs["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["added"], 3);
    assert_eq!(runs[1]["changed"], 1);
    assert_eq!(runs[1]["missing"], 1);
    let diff = json_of(
        &fingertip()
            .args(["diff", "--format", "json", "--db"])
            .arg(&db)
            .output()
            .unwrap(),
    );
    assert_eq!(diff["renamed"][0]["id"], "p0000002");
    assert_eq!(diff["renamed"][0]["new"], "改名后的平台（新版）");
    assert_eq!(diff["missing"][0]["id"], "p0000003");
    let all = json_of(
        &fingertip()
            .args([
                "diff", "--from", "0", "--to", "1", "--format", "json", "--db",
            ])
            .arg(&db)
            .output()
            .unwrap(),
    );
    assert_eq!(all["added"].as_array().unwrap().len(), 3);
    let everything = json_of(
        &fingertip()
            .args(["diff", "--from", "0", "--format", "json", "--db"])
            .arg(&db)
            .output()
            .unwrap(),
    );
    assert_eq!(everything["added"].as_array().unwrap().len(), 3);
    assert_eq!(everything["missing"][0]["id"], "p0000003");
    let history = json_of(
        &fingertip()
            .args(["history", "p0000002", "--format", "json", "--db"])
            .arg(&db)
            .output()
            .unwrap(),
    );
    let kinds: Vec<&str> = history["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["added", "renamed"]);
    let text = fingertip()
        .args(["history", "p0000002", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("改名后的平台（新版）"), "{text}");
    assert!(text.contains("reg.jsonl:2"), "{text}");
}

#[test]
fn read_commands_do_not_create_a_registry() {
    let dir = tempfile::tempdir().unwrap();
    let out = fingertip()
        .current_dir(dir.path())
        .args(["runs"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fingertip.db"));
    assert!(!dir.path().join("fingertip.db").exists());
}

#[test]
fn decide_records_and_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let ok = |args: &[&str]| {
        fingertip()
            .args(args)
            .arg("--db")
            .arg(&db)
            .assert()
            .success();
    };
    ok(&["decide", "p0000001", "keep", "--reason", "群众常用"]);
    ok(&[
        "decide",
        "p0000002",
        "merge",
        "--into",
        "p0000001",
        "--reason",
        "功能重复",
    ]);
    ok(&[
        "decide",
        "p0000001",
        "waive",
        "zombie-app",
        "--reason",
        "季节性",
        "--until",
        "2026-12-31",
    ]);
    let bad = fingertip()
        .args([
            "decide", "p0000002", "merge", "--into", "nope", "--reason", "x", "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("nope"));
    // A later ingest (a refresh) keeps them.
    let mut store = Store::open(&db).unwrap();
    store
        .ingest(
            "seed",
            &[synthetic(0)],
            IngestOptions::complete_ingest(),
            at("2026-03-01"),
        )
        .unwrap();
    let decisions = store.decisions().unwrap();
    assert_eq!(decisions.len(), 3);
    assert_eq!(
        fingertip::pipeline::waivers(&decisions)[0]
            .until
            .unwrap()
            .to_string(),
        "2026-12-31"
    );
    let history = json_of(
        &fingertip()
            .args(["history", "p0000001", "--format", "json", "--db"])
            .arg(&db)
            .output()
            .unwrap(),
    );
    assert_eq!(history["decisions"].as_array().unwrap().len(), 2);
    // Bulk: export, then import the same file: nothing new.
    let csv = dir.path().join("d.csv");
    ok(&["decide", "--export", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("编号,名称"), "{text}");
    let out = fingertip()
        .args(["decide", "--import"])
        .arg(&csv)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("已导入 0 条决定"));
}

#[test]
fn unreadable_source_is_a_failed_run_that_marks_nothing_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let out = fingertip()
        .current_dir(dir.path())
        .args(["ingest", "no-such-table.csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-table.csv"));
    let store = Store::open(&db).unwrap();
    let runs = store.runs().unwrap();
    assert_eq!(runs.last().unwrap().status, "failed");
    assert!(store
        .platforms(false)
        .unwrap()
        .iter()
        .all(|p| p.id == "p0000003" || p.status == PlatformStatus::Active));
}

#[test]
fn second_refresh_is_refused_while_one_holds_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let inventory = dir.path().join("inventory");
    std::fs::create_dir(&inventory).unwrap();
    let held = RefreshLock::acquire(&db).unwrap();
    let out = fingertip()
        .args(["refresh"])
        .arg(&inventory)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("r.db.lock"), "{err}");
    assert!(err.contains(&std::process::id().to_string()), "{err}");
    assert!(err.contains("另一个刷新"), "{err}");
    drop(held);
}

/// A snapshot of everything a run could change, to compare before and after a crash.
fn snapshot(db: &Path) -> (String, Vec<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    let mut tables = Vec::new();
    for table in [
        "platforms",
        "field_values",
        "identity_links",
        "presence",
        "runs",
        "events",
        "sources",
        "meta",
    ] {
        let n: i64 = conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        tables.push(format!("{table}={n}"));
    }
    let fields: String = conn
        .query_row(
            "SELECT group_concat(line, '|') FROM
             (SELECT p.id || ':' || p.status || ':' || s.last_seen_run || ':' || f.field || '=' || f.value
                AS line
              FROM platforms p JOIN presence s ON s.platform = p.pk
              JOIN field_values f ON f.platform = p.pk ORDER BY p.id, f.field)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    tables.push(fields);
    (check, tables)
}

/// Child half of the crash test: ingests many records into the registry named by
/// the environment, in one transaction, until the parent kills it.
#[test]
#[ignore = "child process of ingest_killed_midway_leaves_the_registry_as_it_was"]
fn crash_child() {
    let Ok(db) = std::env::var("FINGERTIP_CRASH_DB") else {
        return;
    };
    let records: Vec<Record> = (0..200_000).map(synthetic).collect();
    let mut store = Store::open(Path::new(&db)).unwrap();
    store
        .ingest(
            "big",
            &records,
            IngestOptions::complete_ingest(),
            at("2026-02-01"),
        )
        .unwrap();
}

fn wait_for_wal_growth(wal: &Path, child: &mut std::process::Child) -> bool {
    let deadline = Instant::now() + Duration::from_secs(300);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        // Uncommitted pages spill into the WAL once the page cache is full: the run is
        // writing.
        if std::fs::metadata(wal).is_ok_and(|m| m.len() > 1024 * 1024) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn ingest_killed_midway_leaves_the_registry_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = snapshot(&db);
    assert_eq!(before.0, "ok");
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "registry::crash_child",
            "--ignored",
            "--nocapture",
        ])
        .env("FINGERTIP_CRASH_DB", &db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let writing = wait_for_wal_growth(&wal, &mut child);
    // `Child::kill` sends SIGKILL on Unix: no destructor, no rollback by the child.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        writing,
        "the child never started writing, or finished first"
    );
    let after = snapshot(&db);
    assert_eq!(after.0, "ok");
    assert_eq!(after, before);
}

#[test]
fn cli_ingest_of_a_jsonl_killed_midway_leaves_the_registry_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let big = dir.path().join("big.jsonl");
    let text: String = (0..400_000)
        .map(|i| jsonl_line(&synthetic(i)) + "\n")
        .collect();
    std::fs::write(&big, text).unwrap();
    let before = snapshot(&db);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_fingertip"))
        .arg("ingest")
        .arg(&big)
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    let writing = wait_for_wal_growth(&wal, &mut child);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        writing,
        "the child never started writing, or finished first"
    );
    assert_eq!(snapshot(&db), before);
}

#[test]
fn cli_ingest_twice_changes_nothing_and_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let table = dir.path().join("apps.jsonl");
    let text: String = (0..50).map(|i| jsonl_line(&synthetic(i)) + "\n").collect();
    std::fs::write(&table, text).unwrap();
    let ingest = |extra: &[&str]| {
        json_of(
            &fingertip()
                .arg("ingest")
                .arg(&table)
                .args(["--format", "json", "--now", "2026-01-01", "--db"])
                .arg(&db)
                .args(extra)
                .output()
                .unwrap(),
        )
    };
    let dry = ingest(&["--dry-run"]);
    assert_eq!(dry[0]["summary"]["added"], 50);
    assert_eq!(dry[0]["diff"]["added"].as_array().unwrap().len(), 50);
    assert!(!db.exists());
    let first = ingest(&[]);
    assert_eq!(first[0]["summary"]["added"], 50);
    let second = ingest(&[]);
    assert_eq!(second[0]["summary"]["added"], 0);
    assert_eq!(second[0]["summary"]["changed"], 0);
    assert_eq!(second[0]["summary"]["unchanged"], 50);
}

#[test]
fn audit_with_db_and_refresh_keep_ids_and_write_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("inventory");
    std::fs::create_dir(&inventory).unwrap();
    let write = |n: usize| {
        let text: String = (0..n).map(|i| jsonl_line(&synthetic(i)) + "\n").collect();
        std::fs::write(inventory.join("apps.jsonl"), text).unwrap();
    };
    write(5);
    let db = dir.path().join("r.db");
    let run = |command: &str, as_of: &str, out_dir: &str| {
        fingertip()
            .arg(command)
            .arg(&inventory)
            .args(["--as-of", as_of, "--out"])
            .arg(dir.path().join(out_dir))
            .arg("--db")
            .arg(&db)
            .assert()
            .success();
    };
    run("audit", "2026-01-01", "r1");
    write(4);
    run("refresh", "2026-02-01", "r2");
    let diff: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r2/diff.json")).unwrap())
            .unwrap();
    assert_eq!(diff["missing"][0]["id"], "p0000005");
}

/// Ingest benchmark: 1,000,000 records into a fresh registry, then the same records
/// again (unchanged). Run with
/// `cargo test --release --test cli registry::bench_ingest_1m -- --ignored --nocapture`.
#[test]
#[ignore = "benchmark"]
fn bench_ingest_1m() {
    let n: usize = std::env::var("FINGERTIP_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let records: Vec<Record> = (0..n).map(synthetic).collect();
    let mut store = Store::open(&db).unwrap();
    let t = Instant::now();
    let s = store
        .ingest(
            "bench",
            &records,
            IngestOptions::complete_ingest(),
            at("2026-01-01"),
        )
        .unwrap();
    let fresh = t.elapsed();
    assert_eq!(s.added, n);
    let t = Instant::now();
    let s = store
        .ingest(
            "bench",
            &records,
            IngestOptions::complete_ingest(),
            at("2026-01-02"),
        )
        .unwrap();
    let again = t.elapsed();
    assert_eq!((s.added, s.changed, s.unchanged), (0, 0, n));
    let t = Instant::now();
    let platforms = store.platforms(false).unwrap();
    let read = t.elapsed();
    assert_eq!(platforms.len(), n);
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    println!(
        "ingest {n} records: fresh {:.1} s, unchanged re-ingest {:.1} s, read back {:.1} s, registry {:.0} MB",
        fresh.as_secs_f64(),
        again.as_secs_f64(),
        read.as_secs_f64(),
        size as f64 / 1e6
    );
}

/// A monthly folder with the given platforms (indices into `synthetic`) and, if given, a
/// fingertip.toml naming the source.
fn month_folder(root: &Path, name: &str, source: Option<&str>, ids: &[usize]) -> PathBuf {
    let folder = root.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    let text: String = ids
        .iter()
        .map(|&i| jsonl_line(&synthetic(i)) + "\n")
        .collect();
    std::fs::write(folder.join("apps.jsonl"), text).unwrap();
    if let Some(source) = source {
        std::fs::write(
            folder.join("fingertip.toml"),
            format!("source = \"{source}\"\n"),
        )
        .unwrap();
    }
    folder
}

/// Monthly folders that name their source in fingertip.toml are one source: a platform
/// absent from the second month goes missing, and `runs` shows each run's folder.
#[test]
fn monthly_folders_with_a_source_key_are_one_source() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let october = month_folder(
        dir.path(),
        "2026-10",
        Some("澄岚市政务平台台账"),
        &[0, 1, 2],
    );
    let november = month_folder(dir.path(), "2026-11", Some("澄岚市政务平台台账"), &[0, 1]);
    for (folder, now) in [(&october, "2026-10-01"), (&november, "2026-11-01")] {
        let out = fingertip()
            .arg("ingest")
            .arg(folder)
            .args(["--now", now, "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains("未设置 source"),
            "{out:?}"
        );
    }
    let store = Store::open(&db).unwrap();
    let runs = store.runs().unwrap();
    assert_eq!(runs.len(), 2);
    assert!(runs.iter().all(|r| r.source == "澄岚市政务平台台账"));
    assert_eq!(runs[1].missing, 1);
    let out = fingertip()
        .arg("runs")
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("2026-10") && text.contains("2026-11"),
        "{text}"
    );
    assert!(text.contains("路径："), "{text}");
}

/// Without a `source` key the folder's name is the source, with a warning on stderr:
/// two monthly folders are then two sources and nothing goes missing.
#[test]
fn folder_name_is_the_source_with_a_warning_when_none_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let october = month_folder(dir.path(), "2026-10", None, &[0, 1, 2]);
    let november = month_folder(dir.path(), "2026-11", None, &[0, 1]);
    for folder in [&october, &november] {
        let out = fingertip()
            .arg("ingest")
            .arg(folder)
            .args(["--now", "2026-11-01", "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("未设置 source"),
            "{out:?}"
        );
    }
    let runs = Store::open(&db).unwrap().runs().unwrap();
    let sources: Vec<&str> = runs.iter().map(|r| r.source.as_str()).collect();
    assert_eq!(sources, ["2026-10", "2026-11"]);
    assert_eq!(runs[1].missing, 0);
}

/// `fingertip ingest <folder> --now <date> --db <db>` with extra arguments.
fn ingest_folder(folder: &Path, db: &Path, now: &str, extra: &[&str]) -> std::process::Output {
    fingertip()
        .arg("ingest")
        .arg(folder)
        .args(["--now", now, "--db"])
        .arg(db)
        .args(extra)
        .output()
        .unwrap()
}

/// A table of the last complete run deleted: the run is partial (exit 2, stderr, nothing
/// missing) until `--complete` confirms the removal.
#[test]
fn deleted_table_makes_a_partial_run_until_complete_confirms_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let folder = month_folder(dir.path(), "inv", Some("台账"), &[0, 1]);
    let more: String = (2..5).map(|i| jsonl_line(&synthetic(i)) + "\n").collect();
    std::fs::write(folder.join("more.jsonl"), more).unwrap();
    let first = ingest_folder(&folder, &db, "2026-10-01", &[]);
    assert!(first.status.success(), "{first:?}");
    std::fs::remove_file(folder.join("more.jsonl")).unwrap();
    let second = ingest_folder(&folder, &db, "2026-11-01", &[]);
    assert_eq!(second.status.code(), Some(2), "{second:?}");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("部分运行") && stderr.contains("more.jsonl"),
        "{stderr}"
    );
    let store = Store::open(&db).unwrap();
    let runs = store.runs().unwrap();
    assert_eq!(runs[1].status, "partial");
    assert!(!runs[1].complete);
    assert_eq!(runs[1].missing, 0);
    assert!(store
        .platforms(false)
        .unwrap()
        .iter()
        .all(|p| p.status == PlatformStatus::Active));
    drop(store);
    let confirmed = ingest_folder(&folder, &db, "2026-11-02", &["--complete"]);
    assert!(confirmed.status.success(), "{confirmed:?}");
    let runs = Store::open(&db).unwrap().runs().unwrap();
    assert_eq!(runs[2].status, "ok");
    assert_eq!(runs[2].missing, 3);
}

/// A truncated XLSX fails as a whole: the run is partial and marks none of its
/// platforms missing.
#[test]
fn truncated_xlsx_makes_a_partial_run() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let folder = dir.path().join("inv");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("fingertip.toml"), "source = \"台账\"\n").unwrap();
    let sample = std::fs::read(super::repo_root().join("inventory/应用与平台台账.xlsx")).unwrap();
    let table = folder.join("台账.xlsx");
    std::fs::write(&table, &sample).unwrap();
    let first = ingest_folder(&folder, &db, "2026-10-01", &[]);
    assert!(first.status.success(), "{first:?}");
    std::fs::write(&table, &sample[..sample.len() / 2]).unwrap();
    let second = ingest_folder(&folder, &db, "2026-11-01", &[]);
    assert_eq!(second.status.code(), Some(2), "{second:?}");
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("台账.xlsx"),
        "{second:?}"
    );
    let store = Store::open(&db).unwrap();
    let runs = store.runs().unwrap();
    assert!(runs[0].added > 0);
    assert_eq!(runs[1].status, "partial");
    assert_eq!(runs[1].missing, 0);
    assert!(store
        .platforms(false)
        .unwrap()
        .iter()
        .all(|p| p.status == PlatformStatus::Active));
}

/// Retirement needs both runs and days (`[registry]` in fingertip.toml), and a rerun on
/// the same day counts once; `--retire-after 0` is refused.
#[test]
fn same_day_reruns_never_retire_and_retirement_needs_the_days() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let folder = month_folder(dir.path(), "inv", None, &[0, 1, 2]);
    std::fs::write(
        folder.join("fingertip.toml"),
        "source = \"台账\"\n[registry]\nretire_after_runs = 2\nretire_after_days = 7\n",
    )
    .unwrap();
    let refused = ingest_folder(&folder, &db, "2026-10-01", &["--retire-after", "0"]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(!db.exists());
    assert!(ingest_folder(&folder, &db, "2026-10-01", &[])
        .status
        .success());
    let two: String = [0, 1]
        .iter()
        .map(|&i| jsonl_line(&synthetic(i)) + "\n")
        .collect();
    std::fs::write(folder.join("apps.jsonl"), two).unwrap();
    for now in [
        "2026-10-02",
        "2026-10-02T12:00:00",
        "2026-10-02T23:00:00",
        "2026-10-05",
        "2026-10-09",
    ] {
        let out = ingest_folder(&folder, &db, now, &[]);
        assert!(out.status.success(), "{out:?}");
    }
    let store = Store::open(&db).unwrap();
    let retired: Vec<i64> = store.runs().unwrap().iter().map(|r| r.retired).collect();
    // Three runs on 10-02 count once; 10-05 is the second absence but spans 3 days;
    // 10-09 spans 7 days.
    assert_eq!(retired, [0, 0, 0, 0, 0, 1]);
    let missing: Vec<i64> = store.runs().unwrap().iter().map(|r| r.missing).collect();
    assert_eq!(missing, [0, 1, 0, 0, 0, 0]);
    let p3 = store
        .platforms(true)
        .unwrap()
        .into_iter()
        .find(|p| p.id == "p0000003")
        .unwrap();
    assert_eq!(p3.status, PlatformStatus::Retired);
}

/// Another program's SQLite file given as `--db` is refused before anything is
/// written: exit 2, one Chinese sentence, the file byte-for-byte unchanged, and no
/// lock, WAL or SHM file beside it. A non-SQLite file is refused the same way.
#[test]
fn foreign_or_damaged_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let folder = month_folder(dir.path(), "inv", Some("台账"), &[0, 1]);
    let foreign = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL);
             INSERT INTO invoices (total) VALUES (12.5);",
        )
        .unwrap();
    }
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, "这不是数据库\n".repeat(20)).unwrap();
    for db in [&foreign, &damaged] {
        let before = std::fs::read(db).unwrap();
        let runs: [Vec<&str>; 2] = [
            vec!["ingest", folder.to_str().unwrap(), "--db"],
            vec![
                "refresh",
                folder.to_str().unwrap(),
                "--as-of",
                "2026-11-01",
                "--out",
                "out",
                "--db",
            ],
        ];
        for args in runs {
            let out = fingertip()
                .current_dir(dir.path())
                .args(&args)
                .arg(db)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("不是 fingertip 登记库"), "{stderr}");
            assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
            assert_eq!(std::fs::read(db).unwrap(), before, "{args:?}");
            let names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            let stem = db.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                names.iter().all(|n| n == &stem || !n.starts_with(&stem)),
                "{names:?}"
            );
        }
    }
}

/// Issue 15 item 4: the same CSV with two 编号 blanked, then without the 编号 column at
/// all, changes nothing in the registry: no platform added, none missing, none for review.
#[test]
fn blanked_ids_and_a_dropped_id_column_keep_every_platform() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let folder = dir.path().join("inv");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("fingertip.toml"), "source = \"台账\"\n").unwrap();
    let rows = [
        ("A1", "城区社保通", "城区人社局"),
        ("A2", "城区医保掌上办", "城区医保局"),
        ("A3", "城区就业服务", "城区人社局"),
        ("A4", "城区便民地图", "城区自然资源局"),
    ];
    let write = |ids: &dyn Fn(usize, &str) -> Option<String>| {
        let with_id = (0..rows.len()).any(|i| ids(i, rows[i].0).is_some());
        let mut text = if with_id {
            "编号,名称,类型,主办单位\n".to_string()
        } else {
            "名称,类型,主办单位\n".to_string()
        };
        for (i, (id, name, owner)) in rows.iter().enumerate() {
            if with_id {
                text.push_str(&format!("{},", ids(i, id).unwrap_or_default()));
            }
            text.push_str(&format!("{name},政务APP,{owner}\n"));
        }
        std::fs::write(folder.join("apps.csv"), text).unwrap();
    };
    write(&|_, id| Some(id.to_string()));
    assert!(ingest_folder(&folder, &db, "2026-10-01", &[])
        .status
        .success());
    write(&|i, id| (i >= 2).then(|| id.to_string()));
    let out = ingest_folder(&folder, &db, "2026-11-01", &[]);
    assert!(out.status.success(), "{out:?}");
    write(&|_, _| None);
    let out = ingest_folder(&folder, &db, "2026-12-01", &[]);
    assert!(out.status.success(), "{out:?}");
    let store = Store::open(&db).unwrap();
    let runs = store.runs().unwrap();
    assert_eq!(runs.len(), 3);
    for run in &runs[1..] {
        assert_eq!(
            (run.added, run.missing, run.ambiguous),
            (0, 0, 0),
            "{run:?}"
        );
    }
    let ids: Vec<String> = store
        .platforms(true)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(ids, ["A1", "A2", "A3", "A4"]);
}

/// Issue 15 item 6 on the sample city and a real SQLite file: a month later every
/// recommendation whose action is unchanged keeps its first deadline, and four months
/// later the overdue ones carry days overdue and an escalation level in `diff.json`.
#[test]
fn deadlines_hold_across_audits_and_overdue_items_escalate() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = super::repo_root().join("inventory");
    let db = dir.path().join("r.db");
    let run = |command: &str, as_of: &str, out_dir: &str| -> serde_json::Value {
        fingertip()
            .arg(command)
            .arg(&inventory)
            .args(["--as-of", as_of, "--out"])
            .arg(dir.path().join(out_dir))
            .arg("--db")
            .arg(&db)
            .assert()
            .success();
        let text =
            std::fs::read_to_string(dir.path().join(out_dir).join("recommendations.json")).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let deadlines =
        |v: &serde_json::Value| -> std::collections::BTreeMap<String, (String, String)> {
            v["items"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i["action"] != "keep")
                .map(|i| {
                    (
                        i["id"].as_str().unwrap().to_string(),
                        (
                            i["action"].as_str().unwrap().to_string(),
                            i["deadline"].as_str().unwrap_or("").to_string(),
                        ),
                    )
                })
                .collect()
        };
    let first = deadlines(&run("audit", "2026-11-20", "m1"));
    let second = deadlines(&run("refresh", "2026-12-20", "m2"));
    let mut held = 0;
    for (id, (action, deadline)) in &second {
        if let Some((a, d)) = first.get(id) {
            if a == action {
                assert_eq!(d, deadline, "{id}");
                held += 1;
            }
        }
    }
    assert!(held > 50, "{held}");
    run("refresh", "2027-03-20", "m3");
    let diff: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("m3/diff.json")).unwrap())
            .unwrap();
    let overdue: Vec<&serde_json::Value> = diff["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "overdue")
        .collect();
    assert!(!overdue.is_empty(), "{diff}");
    for f in overdue {
        let days = f["overdue_days"].as_u64().unwrap();
        let level = f["escalation"].as_u64().unwrap();
        assert!(days > 0 && (1..=3).contains(&level), "{f}");
        assert!(
            f["note"]
                .as_str()
                .unwrap()
                .contains(&format!("逾期 {days} 天")),
            "{f}"
        );
    }
}

/// Issue 15 item 7: `decide` refuses an unknown rule id (naming the nearest ones), an
/// expiry in the past and arguments that contradict the action, with exit 2 and nothing
/// recorded.
#[test]
fn decide_refuses_unknown_rules_past_expiry_and_contradictions() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let refused: [&[&str]; 5] = [
        &["p0000001", "waive", "app-forced-checkn"],
        &[
            "p0000001",
            "waive",
            "app-forced-checkin",
            "--until",
            "2026-01-01",
        ],
        &["p0000001", "keep", "app-forced-checkin"],
        &["p0000001", "waive"],
        &["p0000001", "shutdown", "--into", "p0000002"],
    ];
    for args in refused {
        let out = fingertip()
            .arg("decide")
            .args(args)
            .args(["--reason", "试", "--now", "2026-03-01", "--db"])
            .arg(&db)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        if args.get(2) == Some(&"app-forced-checkn") {
            assert!(
                stderr.contains("最接近的规则：app-forced-checkin"),
                "{stderr}"
            );
        }
    }
    assert!(Store::open(&db).unwrap().decisions().unwrap().is_empty());
    let ok = fingertip()
        .arg("decide")
        .args([
            "p0000001",
            "waive",
            "app-forced-checkin",
            "--reason",
            "试点期间",
        ])
        .args(["--until", "2026-06-01", "--now", "2026-03-01", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(ok.status.success(), "{ok:?}");
    assert_eq!(Store::open(&db).unwrap().decisions().unwrap().len(), 1);
}
