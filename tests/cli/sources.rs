//! Importers: every table format and encoding, documents, settings files, every
//! problem kind, and the hostile-inputs folder. `audit` needs the later stages, so
//! most tests call the library's `sources::load_inventory` on real files in temp
//! dirs; the hostile folder also goes through the real binary.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use fingertip::model::{Kind, Level, MatterStatus, Problem, ProblemLevel, Record};
use fingertip::sources::{load_inventory, Inventory};

use super::{fingertip, fixture};

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn load(path: &Path) -> Inventory {
    load_inventory(path).expect("inventory loads")
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

fn by_name<'a>(inventory: &'a Inventory, name: &str) -> &'a Record {
    inventory
        .records
        .iter()
        .find(|r| r.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no record named {name}: {:#?}", inventory.records))
}

/// (file, row, column, kind) of every problem, for compact assertions.
fn problem_keys(problems: &[Problem]) -> Vec<(String, Option<usize>, Option<String>, String)> {
    let mut keys: Vec<_> = problems
        .iter()
        .map(|p| (p.file.clone(), p.row, p.column.clone(), p.kind.clone()))
        .collect();
    keys.sort();
    keys
}

fn key(
    file: &str,
    row: Option<usize>,
    column: Option<&str>,
    kind: &str,
) -> (String, Option<usize>, Option<String>, String) {
    (
        file.to_owned(),
        row,
        column.map(str::to_owned),
        kind.to_owned(),
    )
}

fn count_by_file(inventory: &Inventory) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for record in &inventory.records {
        *counts.entry(record.provenance.source.clone()).or_insert(0) += 1;
    }
    counts
}

const CSV_TEXT: &str = "澄岚市政务APP台账（2026年）,,,,,,,,,,\n\
序号,应用名称,类型,主办单位,层级,主要功能,采集数据项,注册用户数（人）,月活,上线时间,是否强制使用\n\
1,澄岚通,政务APP,澄岚市大数据局,市级,预约挂号、在线缴费；查询,\"姓名,身份证号\n手机号\",\"1,234\",1.2万,2024年5月1日,是\n\
2,澄岚社区通,小程序,澄岚市民政局,街道,网格巡查|信息上报,人脸照片/定位轨迹,约500,300,2024/5/1,否\n";

#[test]
fn utf8_csv_with_title_row_and_chinese_headers() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "apps.csv", CSV_TEXT);
    let inventory = load(dir.path());
    assert!(inventory.problems.is_empty(), "{:#?}", inventory.problems);
    assert_eq!(inventory.records.len(), 2);
    let app = by_name(&inventory, "澄岚通");
    assert_eq!(app.kind, Some(Kind::App));
    assert_eq!(app.owner.as_deref(), Some("澄岚市大数据局"));
    assert_eq!(app.level, Some(Level::City));
    assert_eq!(app.functions, ["预约挂号", "在线缴费", "查询"]);
    assert_eq!(app.data_fields, ["姓名", "身份证号", "手机号"]);
    assert_eq!(app.users, Some(1234));
    assert_eq!(app.monthly_active, Some(12_000));
    assert_eq!(app.created, date(2024, 5, 1));
    assert_eq!(app.mandatory, Some(true));
    assert_eq!(app.provenance.source, "apps.csv");
    assert_eq!(app.provenance.row, 3);
    let mini = by_name(&inventory, "澄岚社区通");
    assert_eq!(mini.kind, Some(Kind::MiniProgram));
    assert_eq!(mini.level, Some(Level::Township));
    assert_eq!(mini.functions, ["网格巡查", "信息上报"]);
    assert_eq!(mini.data_fields, ["人脸照片", "定位轨迹"]);
    assert_eq!(mini.users, Some(500));
    assert_eq!(mini.created, date(2024, 5, 1));
    assert_eq!(mini.mandatory, Some(false));
    assert_eq!(mini.provenance.row, 5);
    assert_eq!(inventory.tables, ["apps.csv"]);
}

#[test]
fn utf8_bom_csv_and_english_headers() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "ID,Name,Kind,Owner,Monthly Active,Last_Update,Assessment Linked,Matter Status\n\
         a1,澄岚发布,公众号,澄岚市委宣传部,\"2,000\",2024.5.1,Y,进行中\n"
            .as_bytes(),
    );
    write(dir.path(), "tables/accounts.csv", bytes);
    let inventory = load(dir.path());
    assert!(inventory.problems.is_empty(), "{:#?}", inventory.problems);
    let account = by_name(&inventory, "澄岚发布");
    assert_eq!(account.id.as_deref(), Some("a1"));
    assert_eq!(account.kind, Some(Kind::Account));
    assert_eq!(account.monthly_active, Some(2000));
    assert_eq!(account.last_update, date(2024, 5, 1));
    assert_eq!(account.assessment_linked, Some(true));
    assert_eq!(account.matter_status, Some(MatterStatus::Ongoing));
    assert_eq!(account.provenance.source, "tables/accounts.csv");
}

#[test]
fn gbk_csv_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let text = "名称,建群单位,群成员数,建群时间,最近活跃,关联事项,事项状态,打卡要求\n\
                澄岚防汛工作群,澄岚市应急管理局,356,2023-06,20240301,2023年防汛,已完结,每日8点前打卡\n";
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the fixture must not be UTF-8"
    );
    write(dir.path(), "groups.csv", &gbk);
    let inventory = load(dir.path());
    assert!(inventory.problems.is_empty(), "{:#?}", inventory.problems);
    let group = by_name(&inventory, "澄岚防汛工作群");
    assert_eq!(group.owner.as_deref(), Some("澄岚市应急管理局"));
    assert_eq!(group.members, Some(356));
    assert_eq!(group.created, date(2023, 6, 1));
    assert_eq!(group.last_active, date(2024, 3, 1));
    assert_eq!(group.matter.as_deref(), Some("2023年防汛"));
    assert_eq!(group.matter_status, Some(MatterStatus::Finished));
    assert_eq!(group.checkin.as_deref(), Some("每日8点前打卡"));
}

fn write_workbook(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut workbook = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let title = Format::new().set_bold();

    let apps = workbook.add_worksheet();
    apps.set_name("政务APP").unwrap();
    apps.merge_range(0, 0, 0, 5, "澄岚市政务APP台账（2026年）", &title)
        .unwrap();
    for (col, header) in [
        "应用名称",
        "主管单位",
        "上线时间",
        "最近更新",
        "注册用户数",
        "是否纳入考核",
    ]
    .iter()
    .enumerate()
    {
        apps.write_string(1, col as u16, *header).unwrap();
    }
    apps.write_string(2, 0, "澄岚通").unwrap();
    apps.write_string(2, 1, "澄岚市大数据局").unwrap();
    apps.write_datetime_with_format(
        2,
        2,
        ExcelDateTime::from_ymd(2023, 5, 1).unwrap(),
        &date_format,
    )
    .unwrap();
    // A date typed as a bare serial number, as when a column lost its format.
    apps.write_number(2, 3, 45413.0).unwrap();
    apps.write_number(2, 4, 1234.0).unwrap();
    apps.write_boolean(2, 5, true).unwrap();
    apps.write_string(3, 0, "澄岚办").unwrap();
    apps.write_string(3, 1, "澄岚市政务服务中心").unwrap();
    apps.write_string(3, 2, "2022/3/1").unwrap();
    apps.write_string(3, 4, "3千").unwrap();
    apps.write_string(3, 5, "否").unwrap();

    let groups = workbook.add_worksheet();
    groups.set_name("工作群").unwrap();
    for (col, header) in ["群名称", "建群单位", "群成员数", "建群时间"]
        .iter()
        .enumerate()
    {
        groups.write_string(0, col as u16, *header).unwrap();
    }
    groups.write_string(1, 0, "澄岚防疫群").unwrap();
    // The owner cell is merged down over both groups, as 台账 often do.
    groups
        .merge_range(1, 1, 2, 1, "澄岚市卫健委", &Format::new())
        .unwrap();
    groups.write_string(2, 0, "澄岚疫苗群").unwrap();
    groups.write_number(1, 2, 88.0).unwrap();
    groups
        .write_datetime_with_format(
            1,
            3,
            ExcelDateTime::from_ymd(2020, 2, 1).unwrap(),
            &date_format,
        )
        .unwrap();

    let notes = workbook.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes.write_string(0, 0, "请按实际情况填写。").unwrap();

    workbook.save(path).unwrap();
}

#[test]
fn xlsx_with_sheets_title_row_and_date_serials() {
    let dir = tempfile::tempdir().unwrap();
    write_workbook(&dir.path().join("台账.xlsx"));
    let inventory = load(dir.path());
    assert_eq!(inventory.records.len(), 4, "{:#?}", inventory.records);
    let app = by_name(&inventory, "澄岚通");
    assert_eq!(app.created, date(2023, 5, 1));
    assert_eq!(app.last_update, date(2024, 5, 1));
    assert_eq!(app.users, Some(1234));
    assert_eq!(app.assessment_linked, Some(true));
    assert_eq!(app.provenance.sheet.as_deref(), Some("政务APP"));
    assert_eq!(app.provenance.row, 3);
    let other = by_name(&inventory, "澄岚办");
    assert_eq!(other.created, date(2022, 3, 1));
    assert_eq!(other.users, Some(3000));
    assert_eq!(other.assessment_linked, Some(false));
    let group = by_name(&inventory, "澄岚防疫群");
    assert_eq!(group.members, Some(88));
    assert_eq!(group.created, date(2020, 2, 1));
    assert_eq!(group.provenance.sheet.as_deref(), Some("工作群"));
    assert_eq!(group.provenance.row, 2);
    assert_eq!(group.owner.as_deref(), Some("澄岚市卫健委"));
    let merged = by_name(&inventory, "澄岚疫苗群");
    assert_eq!(merged.owner.as_deref(), Some("澄岚市卫健委"));
    assert_eq!(merged.provenance.row, 3);
    // The sheets have no kind column: the sheet names say what the rows are.
    assert_eq!(app.kind, Some(Kind::App));
    assert_eq!(group.kind, Some(Kind::Group));
    // The instructions sheet has no header: one warning naming the sheet; the inferred
    // kinds are listed at info level, one line per sheet.
    assert_eq!(
        inventory
            .problems
            .iter()
            .map(|p| (p.kind.as_str(), p.sheet.as_deref(), p.level))
            .collect::<Vec<_>>(),
        [
            ("no-header", Some("填表说明"), ProblemLevel::Warning),
            ("kind-inferred", Some("工作群"), ProblemLevel::Info),
            ("kind-inferred", Some("政务APP"), ProblemLevel::Info),
        ]
    );
}

#[test]
fn json_array_and_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "platforms.json",
        r#"[
  {"编号": "x1", "平台名称": "澄岚一网通办", "类型": "工作平台", "层级": "市",
   "主要功能": ["办事指南", "在线申报"], "注册用户数": 120000, "是否强制使用": false,
   "上线时间": "2021-01-01", "备注": null},
  {"编号": "x2", "平台名称": "澄岚填报", "类型": "填报任务", "月活跃用户数": 12.0,
   "采集数据项": "姓名、住址", "上线时间": 44197}
]"#,
    );
    write(
        dir.path(),
        "tables/more.jsonl",
        "{\"id\": \"j1\", \"name\": \"澄岚e办\", \"kind\": \"app\", \"users\": \"1.5万\", \"last_active\": \"2024-05\"}\n\
         {\"id\": \"j2\", \"name\": \"澄岚工作群\", \"kind\": \"group\", \"members\": 40, \"mandatory\": 1}\n",
    );
    let inventory = load(dir.path());
    assert!(inventory.problems.is_empty(), "{:#?}", inventory.problems);
    assert_eq!(inventory.tables, ["platforms.json", "tables/more.jsonl"]);
    let platform = by_name(&inventory, "澄岚一网通办");
    assert_eq!(platform.id.as_deref(), Some("x1"));
    assert_eq!(platform.kind, Some(Kind::Platform));
    assert_eq!(platform.level, Some(Level::City));
    assert_eq!(platform.functions, ["办事指南", "在线申报"]);
    assert_eq!(platform.users, Some(120_000));
    assert_eq!(platform.mandatory, Some(false));
    assert_eq!(platform.created, date(2021, 1, 1));
    assert_eq!(platform.provenance.row, 2);
    let form = by_name(&inventory, "澄岚填报");
    assert_eq!(form.kind, Some(Kind::Form));
    assert_eq!(form.monthly_active, Some(12));
    assert_eq!(form.data_fields, ["姓名", "住址"]);
    assert_eq!(form.created, date(2021, 1, 1));
    assert_eq!(form.provenance.row, 5);
    let app = by_name(&inventory, "澄岚e办");
    assert_eq!(app.users, Some(15_000));
    assert_eq!(app.last_active, date(2024, 5, 1));
    assert_eq!(app.provenance.row, 1);
    let group = by_name(&inventory, "澄岚工作群");
    assert_eq!(group.members, Some(40));
    assert_eq!(group.mandatory, Some(true));
    assert_eq!(group.provenance.source, "tables/more.jsonl");
    assert_eq!(group.provenance.row, 2);
}

/// A line exactly as `../shared/bench/peer/gen.py` writes it.
const PEER_LINE: &str = r#"{"id": "p0000001", "kind": "group", "name": "湖南3市4区交通通对接群", "owner": "湖南3市4区交通办", "region": "430304", "functions": ["移动投诉", "掌上审批", "便民支付", "协同考核", "远程调度", "批量缴费", "实时培训"], "data_fields": ["通讯录", "收入·影像", "医保号·授权书", "车辆·统计", "车牌号·归档", "子女信息·归档", "学历·哈希", "户籍·校验码"], "users": 25, "monthly_active": 12}"#;

#[test]
fn peer_benchmark_jsonl_loads_as_is() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reg.jsonl");
    std::fs::write(&file, format!("{PEER_LINE}\n{PEER_LINE}\n")).unwrap();
    // A single table file is an inventory too, rooted at its folder.
    let inventory = load(&file);
    assert_eq!(inventory.root, dir.path());
    assert!(inventory.problems.is_empty(), "{:#?}", inventory.problems);
    assert_eq!(inventory.records.len(), 2);
    let record = &inventory.records[0];
    assert_eq!(record.id.as_deref(), Some("p0000001"));
    assert_eq!(record.kind, Some(Kind::Group));
    assert_eq!(record.name.as_deref(), Some("湖南3市4区交通通对接群"));
    assert_eq!(record.owner.as_deref(), Some("湖南3市4区交通办"));
    assert_eq!(record.region.as_deref(), Some("430304"));
    assert_eq!(record.functions.len(), 7);
    assert_eq!(record.data_fields[1], "收入·影像");
    assert_eq!(record.users, Some(25));
    assert_eq!(record.monthly_active, Some(12));
    assert_eq!(record.provenance.source, "reg.jsonl");
    assert_eq!(inventory.records[1].provenance.row, 2);
}

#[test]
fn documents_settings_and_waivers() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "apps.csv",
        "名称,主管单位\n澄岚通,澄岚市大数据局\n",
    );
    write(dir.path(), "fingertip.toml", "as_of = \"2026-01-01\"\n");
    write(dir.path(), "sources.toml", "[[source]]\n");
    write(dir.path(), "waivers.toml", "[[waiver]]\n");
    write(dir.path(), "expected.json", "{\"items\": []}");
    write(
        dir.path(),
        "documents/notice.md",
        "# 通知\n\n不得要求打卡\n",
    );
    let (gbk, _, _) = encoding_rs::GBK.encode("群聊记录\r\n请各位今天务必打卡\r\n");
    write(dir.path(), "documents/P-001/chat.txt", &gbk);
    write(
        dir.path(),
        "documents/P-002/sub/rule.html",
        "<p>考核办法</p>\n<p>将<b>学习</b>积分纳入考核&amp;排名</p>\n",
    );
    write(dir.path(), "documents/scan.docx", b"PK\x03\x04");
    let inventory = load(dir.path());
    assert_eq!(inventory.records.len(), 1);
    assert_eq!(
        inventory.tables,
        ["apps.csv"],
        "expected.json is not a table"
    );
    let (settings_path, settings) = inventory.settings_text.as_ref().unwrap();
    assert!(settings_path.ends_with("fingertip.toml"));
    assert!(settings.contains("2026-01-01"));
    assert!(inventory
        .sources_toml
        .as_ref()
        .unwrap()
        .ends_with("sources.toml"));
    assert_eq!(inventory.waivers_text.as_ref().unwrap().1, "[[waiver]]\n");
    let paths: Vec<_> = inventory
        .documents
        .iter()
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "documents/P-001/chat.txt",
            "documents/P-002/sub/rule.html",
            "documents/notice.md"
        ]
    );
    let chat = &inventory.documents[0];
    assert_eq!(chat.platform_dir.as_deref(), Some("P-001"));
    assert_eq!(chat.lines, ["群聊记录", "请各位今天务必打卡"]);
    let rule = &inventory.documents[1];
    assert_eq!(rule.platform_dir.as_deref(), Some("P-002"));
    assert_eq!(rule.lines[1].trim(), "将学习积分纳入考核&排名");
    let notice = &inventory.documents[2];
    assert_eq!(notice.platform_dir, None);
    assert_eq!(notice.lines[2], "不得要求打卡");
    assert_eq!(
        problem_keys(&inventory.problems),
        [
            key("apps.csv", Some(2), Some("kind"), "kind-inferred"),
            key("documents/scan.docx", None, None, "unsupported-file")
        ]
    );
}

/// Every problem kind the importers report, each with file, row and column.
#[test]
fn every_problem_kind_names_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cells.csv",
        "名称,上线时间,注册用户数,是否强制使用,类型,层级,事项状态,联系人,名称\n\
         甲,2024-13-45,很多,也许,飞船,银河,不清楚,张三,重复\n\
         乙,2024-02-30,-5,2,app,县,进行中,李四,x\n\
         丙,2024-05-01\n\
         丁,2024-05-01,1,是,app,县,进行中,王五,x,多余\n",
    );
    write(dir.path(), "empty.csv", "");
    write(dir.path(), "header_only.csv", "名称,主管单位\n");
    write(dir.path(), "no_header.csv", "甲,乙\n丙,丁\n");
    write(dir.path(), "bad.xlsx", "名称,主管单位\n甲,乙\n");
    write(
        dir.path(),
        "types.jsonl",
        "{\"name\": \"戊\", \"users\": [1], \"owner\": {\"a\": 1}}\n{oops\n",
    );
    let mut bad_bytes = "名称,主管单位\n己,单位\n".as_bytes().to_vec();
    bad_bytes.extend_from_slice(b"\xFF\xFE,x\n");
    write(dir.path(), "encoding.csv", bad_bytes);
    let inventory = load(dir.path());
    let keys = problem_keys(&inventory.problems);
    for expected in [
        key("cells.csv", Some(1), Some("名称"), "duplicate-column"),
        key("cells.csv", Some(1), Some("联系人"), "unknown-column"),
        key("cells.csv", Some(2), Some("上线时间"), "bad-date"),
        key("cells.csv", Some(2), Some("注册用户数"), "bad-number"),
        key("cells.csv", Some(2), Some("是否强制使用"), "bad-bool"),
        key("cells.csv", Some(2), Some("类型"), "bad-kind"),
        key("cells.csv", Some(2), Some("层级"), "bad-level"),
        key("cells.csv", Some(2), Some("事项状态"), "bad-status"),
        key("cells.csv", Some(3), Some("上线时间"), "bad-date"),
        key("cells.csv", Some(3), Some("注册用户数"), "bad-number"),
        key("cells.csv", Some(3), Some("是否强制使用"), "bad-bool"),
        key("cells.csv", Some(4), None, "malformed-row"),
        key("cells.csv", Some(5), None, "malformed-row"),
        key("empty.csv", None, None, "empty-file"),
        key("header_only.csv", None, None, "empty-file"),
        key("no_header.csv", None, None, "no-header"),
        key("bad.xlsx", None, None, "unreadable-file"),
        key("types.jsonl", Some(1), Some("users"), "wrong-type"),
        key("types.jsonl", Some(1), Some("owner"), "wrong-type"),
        key("types.jsonl", Some(2), None, "malformed-row"),
        key("encoding.csv", Some(3), None, "bad-encoding"),
    ] {
        assert!(
            keys.contains(&expected),
            "missing {expected:?} in {keys:#?}"
        );
    }
    assert_eq!(keys.len(), 21, "{keys:#?}");
    // The unknown column is reported once although every row has it, and kept.
    assert_eq!(by_name(&inventory, "乙").extra["联系人"], "李四");
    assert_eq!(by_name(&inventory, "甲").extra["名称"], "重复");
    let first = inventory
        .problems
        .iter()
        .find(|p| p.kind == "bad-date")
        .unwrap();
    assert_eq!(
        first.message,
        "日期“2024-13-45”无法识别，应为 2024-05-01、2024/5/1、2024年5月1日 等格式"
    );
    assert_eq!(first.level, ProblemLevel::Error);
    // Unreadable cells are empty, never a default.
    let bad = by_name(&inventory, "甲");
    assert_eq!(
        (bad.created, bad.users, bad.mandatory, bad.kind),
        (None, None, None, None)
    );
    // Rows with the wrong width keep what maps.
    assert_eq!(by_name(&inventory, "丙").created, date(2024, 5, 1));
    assert_eq!(by_name(&inventory, "丁").users, Some(1));
    assert_eq!(by_name(&inventory, "戊").users, None);
    assert!(by_name(&inventory, "己").owner.is_some());
}

#[test]
fn a_five_megabyte_cell_is_cut_with_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let big = "打卡".repeat(5 * 1024 * 1024 / 6);
    let text = format!("名称,备注,主要功能\n巨型,{big},{big}\n正常,短,查询\n");
    write(dir.path(), "big.csv", text);
    let inventory = load(dir.path());
    assert_eq!(inventory.records.len(), 2);
    let huge = by_name(&inventory, "巨型");
    let notes = huge.notes.as_deref().unwrap();
    assert!(notes.len() <= 64 * 1024 && notes.starts_with("打卡打卡"));
    assert_eq!(huge.functions.len(), 1);
    assert!(huge.functions[0].len() <= 64 * 1024);
    assert_eq!(by_name(&inventory, "正常").functions, ["查询"]);
    assert_eq!(
        problem_keys(&inventory.problems),
        [
            key("big.csv", Some(2), Some("主要功能"), "cell-too-long"),
            key("big.csv", Some(2), Some("备注"), "cell-too-long"),
        ]
    );
}

#[test]
fn missing_or_unsupported_inventory_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    assert!(load_inventory(&dir.path().join("nope")).is_err());
    write(dir.path(), "notes.txt", "x");
    assert!(load_inventory(&dir.path().join("notes.txt")).is_err());
    write(dir.path(), "fingertip.toml", b"\xFF\xFE");
    assert!(load_inventory(dir.path()).is_err());
}

#[test]
fn hostile_inputs_keep_good_rows_and_list_problems() {
    let inventory = load(&fixture("hostile"));
    let counts = count_by_file(&inventory);
    let expected_counts: BTreeMap<String, usize> = [
        ("broken_quotes.csv", 3),
        ("formula_names.csv", 4),
        ("garbage.jsonl", 3),
        ("invalid_utf8.csv", 3),
        ("wrong_types.json", 3),
    ]
    .into_iter()
    .map(|(file, n)| (file.to_owned(), n))
    .collect();
    assert_eq!(counts, expected_counts);

    let keys = problem_keys(&inventory.problems);
    for expected in [
        key("broken_quotes.csv", Some(3), None, "malformed-row"),
        key("invalid_utf8.csv", Some(3), None, "bad-encoding"),
        key("truncated.xlsx", None, None, "unreadable-file"),
        key("renamed.xlsx", None, None, "unreadable-file"),
        key("garbage.jsonl", Some(2), None, "malformed-row"),
        key("garbage.jsonl", Some(4), None, "malformed-row"),
        key("garbage.jsonl", Some(5), Some("users"), "bad-number"),
        key("wrong_types.json", Some(11), Some("name"), "wrong-type"),
        key("wrong_types.json", Some(11), Some("kind"), "wrong-type"),
        key("wrong_types.json", Some(11), Some("users"), "wrong-type"),
        key(
            "wrong_types.json",
            Some(11),
            Some("functions"),
            "wrong-type",
        ),
        key("wrong_types.json", Some(11), Some("created"), "wrong-type"),
        key("wrong_types.json", Some(11), Some("mandatory"), "bad-bool"),
        key("wrong_types.json", Some(27), None, "malformed-row"),
        key(
            "wrong_types.json",
            Some(28),
            Some("last_active"),
            "bad-date",
        ),
        key("documents/binary.pdf", None, None, "unsupported-file"),
    ] {
        assert!(
            keys.contains(&expected),
            "missing {expected:?} in {keys:#?}"
        );
    }
    assert_eq!(keys.len(), 16, "{keys:#?}");

    // The broken quote cost exactly its own row.
    let names: Vec<_> = inventory
        .records
        .iter()
        .filter(|r| r.provenance.source == "broken_quotes.csv")
        .filter_map(|r| r.name.as_deref())
        .collect();
    assert_eq!(names, ["澄岚通", "澄岚学习", "澄岚社区通"]);
    // Good cells of a bad UTF-8 file are intact.
    assert_eq!(by_name(&inventory, "澄岚就业").functions, ["招聘", "培训"]);
    // Formula-like and script names are data, kept verbatim for the writers to escape.
    for name in [
        "=HYPERLINK(\"http://x\")",
        "+cmd|' /C calc'!A0",
        "@SUM(1)",
        "<script>alert(1)</script>",
    ] {
        by_name(&inventory, name);
    }
    // The wrong-typed object keeps its good cells.
    let partial = inventory
        .records
        .iter()
        .find(|r| r.provenance.source == "wrong_types.json" && r.provenance.row == 11)
        .unwrap();
    assert_eq!(partial.owner.as_deref(), Some("澄岚市大数据局"));
    assert_eq!((partial.name.as_deref(), partial.users), (None, None));
    assert_eq!(by_name(&inventory, "澄岚通知群").members, Some(120));
    let evil = &inventory.documents[0];
    assert_eq!(evil.path, "documents/evil.html");
    assert!(evil.lines.iter().all(|l| !l.contains("alert")));
    assert!(evil.lines[1].contains("第一行 <b> &#99999999; &bogus;"));
}

#[test]
fn audit_binary_survives_hostile_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("inv");
    std::fs::create_dir(&inventory).unwrap();
    for sub in ["", "documents"] {
        std::fs::create_dir_all(inventory.join(sub)).unwrap();
        for entry in std::fs::read_dir(fixture("hostile").join(sub)).unwrap() {
            let entry = entry.unwrap();
            if entry.path().is_file() {
                std::fs::copy(entry.path(), inventory.join(sub).join(entry.file_name())).unwrap();
            }
        }
    }
    // The 5 MB cell is generated here, never committed.
    let big = "x".repeat(5 * 1024 * 1024);
    std::fs::write(inventory.join("big.csv"), format!("名称,备注\n大,{big}\n")).unwrap();
    let out = fingertip()
        .arg("audit")
        .arg(&inventory)
        .arg("--out")
        .arg(dir.path().join("reports"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// Load time of the peer benchmark's 1,000,000-line JSONL. Run in release with
/// `FINGERTIP_BENCH_JSONL=/tmp/r1m.jsonl cargo test --release --test cli
/// sources::bench_load_million_jsonl -- --ignored --nocapture`; it prints the time
/// and asserts only what was loaded, never how fast.
#[test]
#[ignore = "benchmark: needs a generated file, run in release"]
fn bench_load_million_jsonl() {
    let Ok(path) = std::env::var("FINGERTIP_BENCH_JSONL") else {
        eprintln!("FINGERTIP_BENCH_JSONL not set; skipping");
        return;
    };
    let started = std::time::Instant::now();
    let inventory = load(Path::new(&path));
    let elapsed = started.elapsed();
    eprintln!(
        "loaded {} records, {} problems in {:.2} s",
        inventory.records.len(),
        inventory.problems.len(),
        elapsed.as_secs_f64()
    );
    assert!(inventory.problems.is_empty());
    assert!(inventory.records.iter().all(|r| r.name.is_some()));
}

/// A register typed as offices keep them (issues 13 and 18): a title and a 填报单位 row
/// over the header, real header spellings (政务新媒体名称, 平台, 主办单位 next to 主管单位,
/// 所属区县, 最后更新日期, 四季度检查结果), channel values for the type, a website, a blank
/// separator, and a 合计 row, a note and a signature footer under the table.
#[test]
fn real_register_spellings_footers_and_inferred_kinds() {
    let inventory = load(&fixture("registers/accounts"));
    let names: Vec<_> = inventory
        .records
        .iter()
        .map(|r| r.name.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(
        names,
        [
            "县局班子群",
            "县局全体干部群",
            "防汛值班群",
            "云溪发布",
            "云溪发布",
            "云溪自然资源",
            "云溪县人民政府网",
            "云溪文旅",
        ]
    );
    let account = by_name(&inventory, "云溪自然资源");
    assert_eq!(account.kind, Some(Kind::Account));
    assert_eq!(account.channel.as_deref(), Some("微信"));
    assert_eq!(
        account.owner.as_deref(),
        Some("云溪县自然资源局综合执法大队")
    );
    assert_eq!(
        account.extra.get("主管单位").map(String::as_str),
        Some("云溪县自然资源局")
    );
    assert_eq!(account.region.as_deref(), Some("云溪县"));
    assert_eq!(account.last_update, date(2025, 9, 1));
    assert_eq!(
        account.extra.get("四季度检查结果").map(String::as_str),
        Some("不合格")
    );
    assert_eq!(
        account.extra.get("问题描述").map(String::as_str),
        Some("未开通留言功能")
    );
    let weibo = inventory
        .records
        .iter()
        .find(|r| r.channel.as_deref() == Some("微博"))
        .expect("新浪微博 normalised to 微博");
    assert_eq!(weibo.kind, Some(Kind::Account));
    assert_eq!(
        by_name(&inventory, "云溪县人民政府网").kind,
        Some(Kind::Website)
    );
    // Groups: the kind from the file name (a bare 微信 or 钉钉 says nothing), 群成员 as an
    // audience when it names people, as a count when it is a number.
    let leaders = by_name(&inventory, "县局班子群");
    assert_eq!(leaders.kind, Some(Kind::Group));
    assert_eq!(leaders.members, None);
    assert_eq!(
        leaders.extra.get("群成员").map(String::as_str),
        Some("领导班子成员")
    );
    assert_eq!(leaders.matter.as_deref(), Some("班子议事"));
    assert_eq!(by_name(&inventory, "防汛值班群").members, Some(45));
    let listed: Vec<_> = inventory
        .problems
        .iter()
        .map(|p| (p.file.as_str(), p.row, p.kind.as_str(), p.level))
        .collect();
    let accounts = "政务新媒体账号台账.csv";
    let groups = "工作群清查登记表.csv";
    assert_eq!(
        listed,
        [
            // 企业微信群 names a group by itself; the other two by the file name.
            (groups, Some(4), "kind-inferred", ProblemLevel::Info),
            (groups, Some(2), "kind-inferred", ProblemLevel::Info),
            (accounts, Some(8), "skipped-row", ProblemLevel::Info),
            (accounts, Some(10), "skipped-row", ProblemLevel::Info),
            (accounts, Some(11), "skipped-row", ProblemLevel::Info),
            (accounts, Some(12), "skipped-row", ProblemLevel::Info),
            (accounts, Some(4), "kind-inferred", ProblemLevel::Info),
            (accounts, Some(7), "kind-inferred", ProblemLevel::Info),
        ],
        "{:#?}",
        inventory.problems
    );
}
/// The generated part of docs/INVENTORY.md: every column with its header spellings and
/// every value spelling of kind, level and matter status, straight from the tables the
/// importers match against.
fn inventory_doc_tables() -> String {
    use fingertip::sources::columns::{ColumnType, SPELLINGS};
    use std::fmt::Write as _;

    let read_as = |t: ColumnType| match t {
        ColumnType::Text => "text",
        ColumnType::Multi => {
            "list (split on `、` `,` `;` `/`, the vertical bar, full-width forms and line breaks)"
        }
        ColumnType::Count => "count (`1.2万`, `3,400`, a `（万人）` header scales)",
        ColumnType::Date => "date",
        ColumnType::Bool => "yes/no",
        ColumnType::TextOrBool => "text or yes/no",
        ColumnType::Kind => "kind (below)",
        ColumnType::Level => "level (below)",
        ColumnType::Status => "matter status (below)",
        ColumnType::Ignored => "ignored",
        ColumnType::Kept => "text kept under the header as written",
    };
    let mut out = String::new();
    out.push_str("### Columns and their header spellings\n\n");
    out.push_str("| column | read as | header spellings |\n|---|---|---|\n");
    for (column, spellings) in SPELLINGS {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} |",
            column.code(),
            read_as(column.column_type()),
            spellings.join(" · ")
        );
    }
    let values = |out: &mut String, title: &str, rows: Vec<(&str, &[&str])>| {
        let _ = writeln!(out, "\n### {title}\n\n| code | spellings |\n|---|---|");
        for (code, spellings) in rows {
            let _ = writeln!(out, "| `{code}` | {} |", spellings.join(" · "));
        }
    };
    values(
        &mut out,
        "Values of `kind`",
        Kind::SPELLINGS
            .iter()
            .map(|(k, s)| (k.code(), *s))
            .collect(),
    );
    values(
        &mut out,
        "Values of `level`",
        Level::SPELLINGS
            .iter()
            .map(|(l, s)| (l.code(), *s))
            .collect(),
    );
    values(
        &mut out,
        "Values of `matter_status`",
        MatterStatus::SPELLINGS
            .iter()
            .map(|(m, s)| (m.code(), *s))
            .collect(),
    );
    out
}

const DOC_BEGIN: &str = "<!-- generated by tests/cli/sources.rs: inventory_doc_tables -->\n";
const DOC_END: &str = "<!-- end of generated tables -->\n";

/// docs/INVENTORY.md lists exactly the spellings the importers accept: its generated
/// section equals what the tables give today (`FINGERTIP_BLESS=1` rewrites it).
#[test]
fn inventory_doc_lists_every_spelling() {
    let path = super::repo_root().join("docs/INVENTORY.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let start = doc.find(DOC_BEGIN).expect("begin marker") + DOC_BEGIN.len();
    let end = doc.find(DOC_END).expect("end marker");
    let want = format!("\n{}\n", inventory_doc_tables());
    if std::env::var_os("FINGERTIP_BLESS").is_some() {
        let fresh = format!("{}{want}{}", &doc[..start], &doc[end..]);
        std::fs::write(&path, fresh).unwrap();
        return;
    }
    assert!(
        doc[start..end] == want,
        "docs/INVENTORY.md is out of date with src/sources/columns.rs and src/model.rs; \
         rerun this test with FINGERTIP_BLESS=1"
    );
}

/// The yes/no and empty-cell spellings docs/INVENTORY.md names are read as it says.
#[test]
fn inventory_doc_cell_spellings_are_accepted() {
    use fingertip::sources::cells::{is_null_marker, parse_bool};

    let doc = std::fs::read_to_string(super::repo_root().join("docs/INVENTORY.md")).unwrap();
    let line = |label: &str| -> Vec<String> {
        let l = doc
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no line starting with {label}"));
        let l = &l[label.len()..];
        // The spellings before any " (and …)" remark.
        l[..l.find(" (").unwrap_or(l.len())]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    let yes = line("- Yes: ");
    let no = line("- No: ");
    let empty = line("- Empty: ");
    assert!(yes.len() >= 10 && no.len() >= 10 && empty.len() >= 5);
    for s in &yes {
        assert_eq!(parse_bool(s), Some(true), "{s}");
    }
    for s in &no {
        assert_eq!(parse_bool(s), Some(false), "{s}");
    }
    for s in &empty {
        assert!(is_null_marker(s), "{s}");
    }
}
