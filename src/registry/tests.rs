//! Registry tests on real SQLite files in temp dirs.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::*;
use crate::model::{Kind, Provenance, Record};

pub(crate) fn day(d: &str) -> NaiveDate {
    NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap()
}

pub(crate) fn at(d: &str) -> NaiveDateTime {
    day(d).and_time(NaiveTime::MIN)
}

pub(crate) fn rec(id: Option<&str>, name: &str, owner: &str, row: usize) -> Record {
    Record {
        id: id.map(str::to_string),
        name: Some(name.to_string()),
        kind: Some(Kind::App),
        owner: Some(owner.to_string()),
        functions: vec!["社保查询".into(), "养老认证".into()],
        users: Some(100),
        provenance: Provenance {
            source: "apps.csv".into(),
            sheet: None,
            row,
        },
        ..Record::default()
    }
}

pub(crate) fn base() -> Vec<Record> {
    vec![
        rec(Some("A1"), "城区社保通", "城区人社局", 2),
        rec(Some("A2"), "城区医保掌上办", "城区医保局", 3),
        rec(Some("A3"), "城区就业服务", "城区人社局", 4),
    ]
}

pub(crate) fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("r.db")).unwrap()
}

pub(crate) fn ok() -> IngestOptions {
    IngestOptions::complete_ingest()
}

fn status_of(store: &Store, id: &str) -> PlatformStatus {
    store
        .platforms(true)
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap()
        .status
}

#[test]
fn schema_version_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let store = open(&dir);
    assert_eq!(store.schema_version().unwrap(), store::SCHEMA_VERSION);
    drop(store);
    let store = open(&dir);
    assert_eq!(store.schema_version().unwrap(), store::SCHEMA_VERSION);
    let mode: String = store
        .conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn re_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let first = store.ingest("s", &base(), ok(), at("2026-01-01")).unwrap();
    assert_eq!((first.added, first.changed, first.unchanged), (3, 0, 0));
    let second = store.ingest("s", &base(), ok(), at("2026-01-02")).unwrap();
    assert_eq!(
        (
            second.added,
            second.changed,
            second.unchanged,
            second.missing
        ),
        (0, 0, 3, 0)
    );
    assert!(store.diff(None, None).unwrap().is_empty());
    let ids: Vec<String> = store
        .platforms(false)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(ids, ["A1", "A2", "A3"]);
    // Reordered multi-valued cells and shifted rows are not changes either.
    let mut shuffled = base();
    shuffled.reverse();
    shuffled[0].functions.reverse();
    let third = store
        .ingest("s", &shuffled, ok(), at("2026-01-03"))
        .unwrap();
    assert_eq!((third.added, third.changed, third.unchanged), (0, 0, 3));
}

#[test]
fn rename_keeps_the_id_with_and_without_source_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.ingest("s", &base(), ok(), at("2026-01-01")).unwrap();
    let mut renamed = base();
    renamed[0].name = Some("城区社保通（新版）".into());
    renamed[1].users = Some(250);
    let s = store.ingest("s", &renamed, ok(), at("2026-02-01")).unwrap();
    assert_eq!((s.added, s.changed, s.unchanged), (0, 2, 1));
    let diff = store.diff(None, None).unwrap();
    assert_eq!(diff.renamed.len(), 1);
    assert_eq!(diff.renamed[0].id, "A1");
    assert_eq!(diff.renamed[0].old, "城区社保通");
    assert_eq!(diff.renamed[0].new, "城区社保通（新版）");
    assert_eq!(diff.changed.len(), 1);
    assert_eq!(diff.changed[0].field, "users");
    assert_eq!(diff.changed[0].old.as_deref(), Some("100"));
    assert_eq!(diff.changed[0].new.as_deref(), Some("250"));
    let h = store.history("A1").unwrap();
    assert_eq!(h.name, "城区社保通（新版）");
    assert!(h.events.iter().any(|e| e.kind == "added"));
    assert!(h.events.iter().any(|e| e.kind == "renamed"));
    let name = h.fields.iter().find(|f| f.field == "name").unwrap();
    assert_eq!((name.file.as_str(), name.row, name.run), ("apps.csv", 2, 2));

    // A source without ids: full-width letters, added "（新版）" and "2.0".
    let no_ids = vec![
        rec(None, "掌上办APP", "城区政务服务局", 2),
        rec(None, "城区 便民 地图", "城区自然资源局", 3),
    ];
    let s = store.ingest("t", &no_ids, ok(), at("2026-03-01")).unwrap();
    assert_eq!(s.added, 2);
    let ids: Vec<String> = store
        .platforms(false)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .filter(|id| id.starts_with("FT-"))
        .collect();
    assert_eq!(ids, ["FT-000001", "FT-000002"]);
    let renamed = vec![
        rec(None, "掌上办ＡＰＰ 2.0（新版）", "城区政务服务局", 2),
        rec(None, "便民 地图 城区", "城区自然资源局", 3),
    ];
    let s = store.ingest("t", &renamed, ok(), at("2026-04-01")).unwrap();
    assert_eq!(
        (s.added, s.changed, s.missing, s.ambiguous),
        (0, 2, 0, 0),
        "{s:?}"
    );
    let h = store.history("FT-000001").unwrap();
    assert_eq!(h.name, "掌上办ＡＰＰ 2.0（新版）");
    // Its normalised name is unchanged, so the source's name key still matches; the
    // reordered words need the fuzzy score.
    let h = store.history("FT-000002").unwrap();
    assert_eq!(h.name, "便民 地图 城区");
    let fuzzy = h.links.iter().find(|l| l.rule == "fuzzy-name").unwrap();
    assert!(fuzzy.confidence >= identity::AUTO_MATCH);
    // The renamed records are now known under their new names: nothing changes.
    let s = store.ingest("t", &renamed, ok(), at("2026-05-01")).unwrap();
    assert_eq!((s.added, s.changed, s.unchanged), (0, 0, 2));
}

#[test]
fn failed_or_partial_runs_mark_nothing_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir).with_options(StoreOptions {
        retire_after: Some(1),
        retire_after_days: Some(0),
    });
    store.ingest("s", &base(), ok(), at("2026-01-01")).unwrap();
    store
        .record_failed_run("s", RunKind::Ingest, "无法读取", at("2026-01-02"))
        .unwrap();
    let partial = IngestOptions {
        kind: RunKind::Crawl,
        status: RunStatus::Partial,
        complete: false,
    };
    let s = store
        .ingest("s", &base()[..1], partial, at("2026-01-03"))
        .unwrap();
    assert_eq!((s.missing, s.retired), (0, 0));
    let failed_with_records = IngestOptions {
        kind: RunKind::Crawl,
        status: RunStatus::Failed,
        complete: true,
    };
    store
        .ingest("s", &base()[..1], failed_with_records, at("2026-01-04"))
        .unwrap();
    for id in ["A1", "A2", "A3"] {
        assert_eq!(status_of(&store, id), PlatformStatus::Active, "{id}");
    }
    let runs = store.runs().unwrap();
    assert_eq!(
        runs.iter().map(|r| r.status.as_str()).collect::<Vec<_>>(),
        ["ok", "failed", "partial", "failed"]
    );
    assert_eq!(runs[1].message.as_deref(), Some("无法读取"));
    // A complete run of another source does not touch platforms this source saw.
    store.ingest("other", &[], ok(), at("2026-01-05")).unwrap();
    assert_eq!(status_of(&store, "A2"), PlatformStatus::Active);
}

#[test]
fn k_complete_runs_retire_and_reappearance_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.ingest("s", &base(), ok(), at("2026-01-01")).unwrap();
    let without_a2 = vec![base()[0].clone(), base()[2].clone()];
    let s = store
        .ingest("s", &without_a2, ok(), at("2026-02-01"))
        .unwrap();
    assert_eq!((s.missing, s.retired), (1, 0));
    assert_eq!(status_of(&store, "A2"), PlatformStatus::Missing);
    assert_eq!(store.diff(None, None).unwrap().missing[0].id, "A2");
    let s = store
        .ingest("s", &without_a2, ok(), at("2026-03-01"))
        .unwrap();
    assert_eq!((s.missing, s.retired), (0, 1));
    assert_eq!(status_of(&store, "A2"), PlatformStatus::Retired);
    assert_eq!(store.diff(None, None).unwrap().retired[0].id, "A2");
    // Retired platforms stay in the registry, but out of the audit.
    assert_eq!(store.platforms(false).unwrap().len(), 2);
    assert_eq!(store.platforms(true).unwrap().len(), 3);
    let s = store.ingest("s", &base(), ok(), at("2026-04-01")).unwrap();
    assert_eq!(s.reappeared, 1);
    assert_eq!(status_of(&store, "A2"), PlatformStatus::Active);
    let diff = store.diff(None, None).unwrap();
    assert_eq!(diff.reappeared[0].id, "A2");
    assert_eq!(
        store.reappearances().unwrap().get("A2"),
        Some(&day("2026-04-01"))
    );
    let kinds: Vec<String> = store
        .history("A2")
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["added", "missing", "retired", "reappeared"]);
}

#[test]
fn identifiers_and_platform_ids_link_other_sources() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut first = base();
    first[0].filing_no = Some("浙ICP备2024001号".into());
    store
        .ingest("tables", &first, ok(), at("2026-01-01"))
        .unwrap();
    // The crawler knows A1 by another id and name, but the same filing number; and A2
    // under its registry id.
    let mut crawled = rec(Some("store-778"), "社保通", "某公司", 1);
    crawled.filing_no = Some("浙ICP备 2024001号".into());
    crawled.provenance.source = "https://127.0.0.1/app/778".into();
    let same_id = rec(Some("A2"), "城区医保掌上办", "城区医保局", 2);
    let s = store
        .ingest("crawl", &[crawled, same_id], ok(), at("2026-01-02"))
        .unwrap();
    assert_eq!(s.added, 0, "{s:?}");
    let h = store.history("A1").unwrap();
    assert!(h
        .links
        .iter()
        .any(|l| l.rule == "identifier:filing" && l.record_key == "store-778"));
    let name = h.fields.iter().find(|f| f.field == "name").unwrap();
    assert_eq!(name.file, "https://127.0.0.1/app/778");
    assert!(store
        .history("A2")
        .unwrap()
        .links
        .iter()
        .any(|l| l.rule == "platform-id"));
    // A later table run does not clear the crawler's values, only its own.
    let s = store
        .ingest("tables", &first, ok(), at("2026-01-03"))
        .unwrap();
    assert_eq!(s.added, 0);
}

#[test]
fn ambiguous_matches_go_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let existing = vec![
        rec(None, "城区社保查询平台", "城区人社局", 2),
        rec(None, "城区社保查询系统", "城区人社局", 3),
    ];
    store
        .ingest("s", &existing, ok(), at("2026-01-01"))
        .unwrap();
    let incoming = vec![rec(None, "城区社保查询", "城区人社局", 2)];
    let s = store
        .ingest("u", &incoming, ok(), at("2026-01-02"))
        .unwrap();
    assert_eq!((s.added, s.ambiguous), (1, 1), "{s:?}");
    let reviews = store.reviews().unwrap();
    assert_eq!(reviews.len(), 2, "{reviews:?}");
    assert!(reviews.iter().all(|r| r.id == "FT-000003"));
    assert!(store.diff(None, None).unwrap().reviews.len() == 2);
    // Deciding on the platform settles its review.
    store
        .decide(&Decision {
            platform_id: "FT-000003".into(),
            action: DecisionAction::Merge,
            into: Some(reviews[0].candidate_id.clone()),
            rule: None,
            reason: "同一平台".into(),
            until: None,
            decided_at: "2026-01-03T00:00:00".into(),
            origin: "cli".into(),
        })
        .unwrap();
    assert!(store.reviews().unwrap().is_empty());
}

#[test]
fn duplicate_ids_and_nameless_rows_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut records = base();
    records.push(rec(Some("A1"), "重复", "x", 9));
    records.push(Record {
        provenance: Provenance {
            source: "apps.csv".into(),
            sheet: None,
            row: 10,
        },
        ..Record::default()
    });
    let s = store.ingest("s", &records, ok(), at("2026-01-01")).unwrap();
    store.ingest("s", &records, ok(), at("2026-01-02")).unwrap();
    assert_eq!(s.added, 4, "the second A1 is kept under A1#2");
    assert!(s.problems.iter().any(|p| p.kind == "duplicate-id"));
    assert!(store.history("A1#2").is_ok());
    let again = store.ingest("s", &records, ok(), at("2026-01-03")).unwrap();
    assert_eq!(again.problems.len(), 2, "{:?}", again.problems);
    assert!(again
        .problems
        .iter()
        .any(|p| p.kind == "duplicate-id" && p.row == Some(9)));
    assert!(again
        .problems
        .iter()
        .any(|p| p.kind == "no-id-or-name" && p.row == Some(10)));
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.ingest("s", &base(), ok(), at("2026-01-01")).unwrap();
    let mut changed = base();
    changed.push(rec(Some("A4"), "城区养老认证", "城区民政局", 5));
    changed[0].name = Some("社保通2".into());
    let (summary, diff) = store
        .ingest_dry_run("s", &changed, ok(), at("2026-01-02"))
        .unwrap();
    assert_eq!((summary.added, summary.changed), (1, 1));
    assert_eq!(diff.added[0].id, "A4");
    assert_eq!(diff.renamed[0].new, "社保通2");
    assert_eq!(store.runs().unwrap().len(), 1);
    assert_eq!(store.platforms(true).unwrap().len(), 3);
    assert_eq!(store.history("A1").unwrap().name, "城区社保通");
}

#[test]
fn export_and_import_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.ingest("s", &base(), ok(), at("2026-01-01")).unwrap();
    for ext in ["csv", "xlsx"] {
        let file = dir.path().join(format!("decisions.{ext}"));
        assert_eq!(store.export_decisions(&file).unwrap(), 3);
        // Edit the export the way a person would in Excel: rewrite it with decisions.
        let edited = dir.path().join(format!("edited-{ext}.csv"));
        let mut w = csv::Writer::from_path(&edited).unwrap();
        w.write_record(decisions::EXPORT_HEADERS).unwrap();
        let row = |id: &str, d: &str, into: &str, rule: &str, reason: &str, until: &str| {
            let mut r = vec![id.to_string()];
            r.extend(std::iter::repeat_n(String::new(), 8));
            r.extend([d, into, rule, reason, until].map(str::to_string));
            r
        };
        w.write_record(row("A1", "保留", "", "", "群众常用", "2026-12-31"))
            .unwrap();
        w.write_record(row("A2", "合并", "A9", "", "并入", ""))
            .unwrap();
        w.write_record(row(
            "A3",
            "豁免",
            "",
            "zombie-app",
            "季节性使用",
            "2026/6/30",
        ))
        .unwrap();
        w.write_record(row("A3", "拆除", "", "", "x", "")).unwrap();
        w.write_record(row("A2", "", "", "", "", "")).unwrap();
        w.flush().unwrap();
        drop(w);
        let s = store.import_decisions(&edited, at("2026-01-02")).unwrap();
        if ext == "csv" {
            assert_eq!(s.applied, 2, "{s:?}");
        } else {
            // The same file again: nothing new.
            assert_eq!((s.applied, s.unchanged), (0, 2), "{s:?}");
        }
        assert_eq!(s.problems.len(), 2);
        assert_eq!(s.problems[0].row, Some(3));
        assert_eq!(s.problems[0].column.as_deref(), Some("决定合并目标"));
        assert_eq!(s.problems[1].row, Some(5));
        assert_eq!(s.problems[1].column.as_deref(), Some("决定"));
    }
    let d = store.decisions().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(d[1].until, Some(day("2026-06-30")));
    // The XLSX export now carries the decisions and can be imported as is.
    let xlsx = dir.path().join("again.xlsx");
    store.export_decisions(&xlsx).unwrap();
    let s = store.import_decisions(&xlsx, at("2026-01-03")).unwrap();
    assert_eq!(
        (s.applied, s.unchanged, s.problems.len()),
        (0, 2, 0),
        "{s:?}"
    );
}

#[test]
fn resolve_keeps_duplicate_ids_under_a_suffix_and_sorts_by_id() {
    let record = |id: Option<&str>, name: &str, row: usize| Record {
        id: id.map(str::to_string),
        name: Some(name.to_string()),
        kind: Some(crate::model::Kind::App),
        functions: vec!["签到打卡".into(), "积分排行".into()],
        provenance: crate::model::Provenance {
            source: "apps.csv".into(),
            sheet: None,
            row,
        },
        ..Record::default()
    };
    let records = vec![
        record(Some("B-1"), "乙", 2),
        record(Some("A-1"), "甲", 3),
        record(Some("B-1"), "乙二", 4),
        record(None, "无编号", 5),
    ];
    let (platforms, problems) = super::resolve(records, &crate::normalize::Taxonomy::builtin());
    let ids: Vec<&str> = platforms.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["A-1", "AUTO-000001", "B-1", "B-1#2"]);
    assert_eq!(platforms[3].name, "乙二");
    assert_eq!(platforms[0].functions, ["打卡签到", "积分排名"]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].kind, "duplicate-id");
    assert_eq!(problems[0].row, Some(4));
    assert!(
        problems[0].message.contains("apps.csv:2"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_name_written_in_traditional_characters_keeps_the_id() {
    // A source without ids re-exports its table with traditional characters and
    // full-width letters (a county's 繁体 template): the platform keeps its id.
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let first = vec![rec(None, "城区网格服务管理平台", "城区政务服务局", 2)];
    store.ingest("t", &first, ok(), at("2026-01-01")).unwrap();
    let traditional = vec![rec(None, "城區網格服務管理平臺", "城區政務服務局", 2)];
    let s = store
        .ingest("t", &traditional, ok(), at("2026-02-01"))
        .unwrap();
    assert_eq!((s.added, s.missing, s.ambiguous), (0, 0, 0), "{s:?}");
    let ids: Vec<String> = store
        .platforms(true)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(ids, ["FT-000001"]);
}

/// Issue 15 item 4: a record whose 编号 is blanked or renumbered keeps its platform,
/// matched by an identifier first, then by name + owner + kind; the source's old id
/// link gives way to a new id but stays for a blank one.
#[test]
fn blank_or_changed_ids_keep_the_platform() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut first = base();
    first[1].filing_no = Some("岚ICP备2025001号".into());
    store.ingest("s", &first, ok(), at("2026-01-01")).unwrap();
    // A1 blanked, A2 renumbered (its filing number still matches, its name does not).
    let mut second = first.clone();
    second[0].id = None;
    second[1].id = Some("B-2".into());
    second[1].name = Some("医保服务平台".into());
    let s = store.ingest("s", &second, ok(), at("2026-02-01")).unwrap();
    assert_eq!(
        (s.added, s.missing, s.ambiguous, s.changed, s.unchanged),
        (0, 0, 0, 1, 2),
        "{s:?}"
    );
    let a1 = store.history("A1").unwrap();
    assert!(a1.links.iter().any(|l| l.rule == "fuzzy-name"), "{a1:?}");
    let a2 = store.history("A2").unwrap();
    assert_eq!(a2.name, "医保服务平台");
    assert!(a2
        .links
        .iter()
        .any(|l| l.rule == "identifier:filing" && l.record_key == "B-2"));
    assert!(!a2.links.iter().any(|l| l.record_key == "A2"), "{a2:?}");
    // The same run again changes nothing; the blanked id coming back is still A1.
    let s = store.ingest("s", &second, ok(), at("2026-03-01")).unwrap();
    assert_eq!((s.added, s.changed, s.unchanged), (0, 0, 3), "{s:?}");
    let mut third = second.clone();
    third[0].id = Some("A1".into());
    let s = store.ingest("s", &third, ok(), at("2026-04-01")).unwrap();
    assert_eq!((s.added, s.missing), (0, 0), "{s:?}");
    // The whole id column dropped: every record is found by name + owner + kind.
    let no_ids: Vec<Record> = third
        .iter()
        .cloned()
        .map(|mut r| {
            r.id = None;
            r
        })
        .collect();
    let s = store.ingest("s", &no_ids, ok(), at("2026-05-01")).unwrap();
    assert_eq!((s.added, s.missing, s.ambiguous), (0, 0, 0), "{s:?}");
    let ids: Vec<String> = store
        .platforms(true)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(ids, ["A1", "A2", "A3"]);
}

/// Only a genuinely ambiguous blank-id record goes to review: two platforms of one
/// owner and kind with the same name cannot be told apart without an id.
#[test]
fn blank_id_between_two_namesakes_goes_to_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let first = vec![
        rec(Some("A1"), "城区社保通", "城区人社局", 2),
        rec(Some("A9"), "城区社保通", "城区人社局", 3),
    ];
    store.ingest("s", &first, ok(), at("2026-01-01")).unwrap();
    let second = vec![
        rec(Some("A1"), "城区社保通", "城区人社局", 2),
        rec(None, "城区社保通", "城区人社局", 3),
    ];
    let s = store.ingest("s", &second, ok(), at("2026-02-01")).unwrap();
    // A1 is claimed by its id, so the blank row can only be A9: no review.
    assert_eq!((s.added, s.ambiguous, s.missing), (0, 0, 0), "{s:?}");
    let both_blank = vec![
        rec(None, "城区社保通", "城区人社局", 2),
        rec(None, "城区社保通", "城区人社局", 3),
    ];
    let dir2 = tempfile::tempdir().unwrap();
    let mut store2 = open(&dir2);
    store2.ingest("s", &first, ok(), at("2026-01-01")).unwrap();
    let s = store2
        .ingest("s", &both_blank, ok(), at("2026-02-01"))
        .unwrap();
    assert!(s.ambiguous >= 1, "{s:?}");
    assert!(!store2.reviews().unwrap().is_empty());
}
