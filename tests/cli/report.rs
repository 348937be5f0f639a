//! Report formats: JSON shapes, the Markdown snapshot, XLSX read back with calamine,
//! CSV, GraphML and DOT, escaping of hostile input in every format, English labels,
//! capped tables for large registries, and the headless-browser check of report.html
//! (in `report/browser.rs`).
//!
//! The audits are built by hand as values so these tests do not depend on the other
//! pipeline stages.

use std::collections::BTreeMap;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use fingertip::model::{
    Document, Kind, Lang, Level, MatterStatus, Msg, Platform, Problem, ProblemLevel, Provenance,
};
use fingertip::overlap::graph::{GraphEdge, GraphNode, OverlapGraph};
use fingertip::overlap::{Cluster, Overlap, Pair};
use fingertip::recommend::{Action, Assignees, FollowStatus, FollowUp, Recommendation};
use fingertip::report::{self, AuditView, ReportOptions};
use fingertip::rules::{Coverage, Evidence, Finding, RuleOutcome, Severity};
use serde_json::Value;

mod browser;

/// A hostile platform name: markup that must render as text everywhere.
pub const SCRIPT_NAME: &str = "<script>alert(1)</script>";
/// A hostile owner: a spreadsheet formula that must stay text.
pub const FORMULA_OWNER: &str = "=cmd|' /C calc'!A0";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn platform(id: &str, name: &str, kind: Kind, level: Level, owner: &str) -> Platform {
    Platform {
        id: id.into(),
        name: name.into(),
        kind,
        owner: Some(owner.into()),
        level: Some(level),
        region: Some("青岚市".into()),
        provenance: Provenance {
            source: "inventory.csv".into(),
            sheet: None,
            row: 2,
        },
        ..Default::default()
    }
}

fn tags(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[allow(clippy::too_many_arguments)]
fn rec(
    platform: usize,
    action: Action,
    into: Option<usize>,
    rules: &[&'static str],
    reasons: &[(&str, &str)],
    deadline: Option<NaiveDate>,
    burden: f64,
    saved: f64,
) -> Recommendation {
    Recommendation {
        platform,
        action,
        into,
        rules: rules.to_vec(),
        reasons: reasons.iter().map(|(zh, en)| Msg::new(*zh, *en)).collect(),
        assignees: if action == Action::Keep {
            Assignees::default()
        } else {
            Assignees {
                region: "青岚市人民政府".into(),
                department: "青岚市大数据局".into(),
                ..Assignees::default()
            }
        },
        deadline,
        burden_minutes_per_month: burden,
        saved_minutes_per_month: saved,
        cadres: Some(1.0),
        disposition: Default::default(),
    }
}

/// A small audit of the fictional city 青岚市, with hostile names, a cluster, findings
/// with field and document evidence, a waiver, problems and follow-ups.
pub struct Sample {
    pub platforms: Vec<Platform>,
    pub documents: Vec<Document>,
    pub overlap: Overlap,
    pub outcome: RuleOutcome,
    pub recommendations: Vec<Recommendation>,
    pub problems: Vec<Problem>,
    pub follow_ups: Vec<FollowUp>,
}

impl Sample {
    pub fn new() -> Sample {
        let mut a01 = platform(
            "A01",
            "青岚市民通",
            Kind::App,
            Level::City,
            "青岚市大数据局",
        );
        a01.functions = tags(&["在线办事", "通知公告", "投诉建议", "社保查询"]);
        a01.data_fields = tags(&["身份证号", "姓名", "手机号", "社保卡号"]);
        a01.users = Some(420_000);
        a01.monthly_active = Some(88_000);
        a01.created = Some(date(2019, 3, 1));
        a01.last_update = Some(date(2026, 11, 1));
        let mut a02 = platform("A02", SCRIPT_NAME, Kind::App, Level::County, FORMULA_OWNER);
        a02.functions = tags(&["在线办事", "通知公告", "社保查询", "打卡签到"]);
        a02.data_fields = tags(&["身份证号", "姓名", "社保卡号"]);
        a02.region = Some("+青岚区".into());
        a02.department = Some("-区人社局".into());
        a02.users = Some(3_100);
        a02.created = Some(date(2021, 6, 15));
        let mut a03 = platform(
            "A03",
            "青岚区政务通",
            Kind::App,
            Level::County,
            "@青岚区政府办",
        );
        a03.functions = tags(&["在线办事", "通知公告", "社保查询"]);
        a03.data_fields = tags(&["身份证号", "姓名", "社保卡号", "手机号"]);
        let mut f01 = platform(
            "F01",
            "网格巡查日报表",
            Kind::Form,
            Level::Township,
            "云溪镇",
        );
        f01.data_fields = tags(&["现场照片", "定位轨迹"]);
        let mut g01 = platform(
            "G01",
            "疫情防控工作群",
            Kind::Group,
            Level::Village,
            "松风村",
        );
        g01.matter = Some("2022年疫情防控".into());
        g01.matter_status = Some(MatterStatus::Finished);
        g01.members = Some(180);
        let k01 = platform(
            "K01",
            "青岚发布",
            Kind::Account,
            Level::City,
            "青岚市委宣传部",
        );
        let m01 = platform(
            "M01",
            "\"引号' & <b>粗体</b> 小程序",
            Kind::MiniProgram,
            Level::Township,
            "云溪镇",
        );
        let platforms = vec![a01, a02, a03, f01, g01, k01, m01];

        let overlap = Overlap {
            pairs: vec![
                Pair {
                    a: 0,
                    b: 1,
                    similarity: 0.82,
                    containment_a_in_b: 0.7,
                    containment_b_in_a: 0.9,
                    family: fingertip::overlap::Family::Apps,
                    shared_distinctive: 3,
                },
                Pair {
                    a: 0,
                    b: 2,
                    similarity: 0.8,
                    containment_a_in_b: 0.8,
                    containment_b_in_a: 1.0,
                    family: fingertip::overlap::Family::Apps,
                    shared_distinctive: 3,
                },
            ],
            clusters: vec![Cluster {
                target: 0,
                members: vec![0, 1, 2],
                similarity: 0.8,
            }],
            ..Overlap::default()
        };

        let findings = vec![
            Finding {
                platform: 1,
                rule: "duplicate-app",
                severity: Severity::Medium,
                message: Msg::new(
                    "与青岚市民通（A01）功能重复，相似度 0.82",
                    "Duplicates 青岚市民通 (A01), similarity 0.82",
                ),
                evidence: vec![Evidence {
                    source: "field:functions".into(),
                    line: None,
                    text: "在线办事、通知公告、社保查询".into(),
                }],
                waived: None,
            },
            Finding {
                platform: 1,
                rule: "app-forced-checkin",
                severity: Severity::High,
                message: Msg::new("强制每日打卡签到", "Forced daily check-in"),
                evidence: vec![Evidence {
                    source: "documents/A02/通知.txt".into(),
                    line: Some(3),
                    text: "各单位干部须每日在<img src=x onerror=alert(2)>上打卡".into(),
                }],
                waived: None,
            },
            Finding {
                platform: 3,
                rule: "forced-trace-upload",
                severity: Severity::High,
                message: Msg::new(
                    "要求每日上传现场照片和定位轨迹",
                    "Daily photo and track uploads demanded",
                ),
                evidence: vec![
                    Evidence {
                        source: "documents/巡查通知.md".into(),
                        line: Some(7),
                        text: "请网格员每日18:00前上传不少于3张现场照片".into(),
                    },
                    Evidence {
                        source: "field:data_fields".into(),
                        line: None,
                        text: "现场照片、定位轨迹".into(),
                    },
                ],
                waived: None,
            },
            Finding {
                platform: 4,
                rule: "group-not-dissolved",
                severity: Severity::Medium,
                message: Msg::new(
                    "事项已完结，工作群仍未解散",
                    "Matter finished, group still exists",
                ),
                evidence: vec![Evidence {
                    source: "field:matter_status".into(),
                    line: None,
                    text: "已完结".into(),
                }],
                waived: None,
            },
            Finding {
                platform: 5,
                rule: "account-stale-14d",
                severity: Severity::High,
                message: Msg::new("超过14天未更新", "Not updated for more than 14 days"),
                evidence: Vec::new(),
                waived: Some("已报备停更（2026年第3号）".into()),
            },
            Finding {
                platform: 6,
                rule: "app-below-county",
                severity: Severity::High,
                message: Msg::new("乡镇自建小程序", "Township-built mini program"),
                evidence: Vec::new(),
                waived: None,
            },
        ];
        let coverage = vec![
            Coverage {
                rule: "app-forced-checkin",
                applicable: 4,
                insufficient_data: 0,
                findings: 1,
                note: None,
            },
            Coverage {
                rule: "group-24h-media",
                applicable: 1,
                insufficient_data: 1,
                findings: 0,
                note: Some(Msg::new("缺少群聊记录", "No chat exports")),
            },
        ];
        let d = date(2026, 12, 20);
        let recommendations = vec![
            rec(0, Action::Keep, None, &[], &[], None, 120.0, 0.0),
            rec(
                1,
                Action::Merge,
                Some(0),
                &["app-forced-checkin", "duplicate-app"],
                &[(
                    "与青岚市民通（A01）共享在线办事、社保查询等功能，相似度 0.82",
                    "Shares 在线办事 and 社保查询 with 青岚市民通 (A01), similarity 0.82",
                )],
                Some(d),
                300.0,
                300.0,
            ),
            rec(
                2,
                Action::Merge,
                Some(0),
                &["duplicate-app"],
                &[(
                    "功能被青岚市民通（A01）包含",
                    "Contained in 青岚市民通 (A01)",
                )],
                Some(date(2027, 1, 19)),
                90.5,
                90.5,
            ),
            rec(
                3,
                Action::Rectify,
                None,
                &["forced-trace-upload"],
                &[(
                    "要求每日上传现场照片（documents/巡查通知.md:7）",
                    "Daily photos demanded (documents/巡查通知.md:7)",
                )],
                Some(d),
                600.0,
                450.25,
            ),
            rec(
                4,
                Action::Dissolve,
                None,
                &["group-not-dissolved"],
                &[("2022年疫情防控已完结", "The 2022 matter has finished")],
                Some(date(2027, 1, 19)),
                45.0,
                45.0,
            ),
            rec(5, Action::Keep, None, &[], &[], None, 10.0, 0.0),
            rec(
                6,
                Action::Shutdown,
                None,
                &["app-below-county"],
                &[("乡镇不得自建政务应用程序", "Townships may not build apps")],
                Some(d),
                60.0,
                60.0,
            ),
        ];
        let problems = vec![
            Problem {
                file: "inventory.csv".into(),
                sheet: None,
                row: Some(9),
                column: Some("<b>上线时间</b>".into()),
                kind: "bad-date".into(),
                message: "无法识别的日期“2024-13-45”".into(),
                level: ProblemLevel::Error,
            },
            Problem {
                file: "台账.xlsx".into(),
                sheet: Some("乡镇".into()),
                row: None,
                column: Some("=备注2".into()),
                kind: "unknown-column".into(),
                message: "未知列，已作为附加属性保留".into(),
                level: ProblemLevel::Warning,
            },
        ];
        let follow_ups = vec![
            FollowUp {
                platform_id: "X09".into(),
                name: "旧版掌上青岚".into(),
                action: Action::Shutdown,
                recommended_on: date(2026, 5, 20),
                deadline: Some(date(2026, 6, 19)),
                status: FollowStatus::Rebounded,
                note: Msg::new(
                    "以“新掌上青岚”（X12）重新上线",
                    "Came back as 新掌上青岚 (X12)",
                ),
                overdue_days: None,
                rebound_as: Some("X12".into()),
            },
            FollowUp {
                platform_id: "G07".into(),
                name: "创城迎检群".into(),
                action: Action::Dissolve,
                recommended_on: date(2026, 5, 20),
                deadline: Some(date(2026, 6, 19)),
                status: FollowStatus::Done,
                note: Msg::new("已解散", "Dissolved"),
                overdue_days: None,
                rebound_as: None,
            },
        ];
        Sample {
            platforms,
            documents: Vec::new(),
            overlap,
            outcome: RuleOutcome { findings, coverage },
            recommendations,
            problems,
            follow_ups,
        }
    }

    pub fn view(&self, lang: Lang) -> AuditView<'_> {
        AuditView {
            as_of: date(2026, 11, 20),
            lang,
            platforms: &self.platforms,
            documents: &self.documents,
            overlap: &self.overlap,
            outcome: &self.outcome,
            recommendations: &self.recommendations,
            problems: &self.problems,
            follow_ups: &self.follow_ups,
            forms: None,
        }
    }
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("report written");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Writes the sample's reports into a fresh temp dir.
pub fn write_sample(lang: Lang) -> (tempfile::TempDir, Sample) {
    let dir = tempfile::tempdir().unwrap();
    let sample = Sample::new();
    let written = report::write_all(dir.path(), &sample.view(lang)).unwrap();
    assert_eq!(written.len(), report::FILES.len());
    for path in &written {
        assert!(path.is_file(), "{} missing", path.display());
    }
    (dir, sample)
}

#[test]
fn recommendations_json_has_one_item_per_platform_in_id_order() {
    let (dir, sample) = write_sample(Lang::Zh);
    let doc = read_json(&dir.path().join("recommendations.json"));
    assert_eq!(doc["as_of"], "2026-11-20");
    let items = doc["items"].as_array().unwrap();
    assert_eq!(items.len(), sample.platforms.len());
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    for key in [
        "id",
        "name",
        "kind",
        "owner",
        "level",
        "region",
        "action",
        "into",
        "rules",
        "reasons",
        "assignees",
        "deadline",
        "saved_minutes_per_month",
        "burden_minutes_per_month",
    ] {
        assert!(items.iter().all(|i| i.get(key).is_some()), "{key} missing");
    }
    let a02 = &items[1];
    assert_eq!(a02["name"], SCRIPT_NAME);
    assert_eq!(a02["action"], "merge");
    assert_eq!(a02["into"], "A01");
    assert_eq!(a02["kind"], "app");
    assert_eq!(a02["level"], "county");
    assert_eq!(a02["deadline"], "2026-12-20");
    assert_eq!(a02["assignees"]["region"], "青岚市人民政府");
    assert_eq!(a02["rules"][1], "duplicate-app");
    assert!(a02["reasons"][0].as_str().unwrap().contains("相似度 0.82"));
    assert_eq!(items[0]["into"], Value::Null);
    assert_eq!(items[0]["deadline"], Value::Null);

    let s = &doc["summary"];
    assert_eq!(s["platforms"]["before"], 7);
    // Two merges, one dissolve and one shutdown retire four platforms.
    assert_eq!(s["platforms"]["after"], 3);
    assert_eq!(s["by_kind"]["app"]["before"], 3);
    assert_eq!(s["by_kind"]["app"]["after"], 1);
    assert_eq!(s["by_action"]["merge"], 2);
    assert_eq!(s["by_action"]["keep"], 2);
    assert_eq!(s["by_level"]["county"], 2);
    assert_eq!(s["by_level"]["unknown"], 0);
    assert_eq!(s["saved_minutes_per_month"], 945.8);
    assert_eq!(s["saved_cadre_hours_per_month"], 15.8);
    assert_eq!(s["burden_minutes_per_month"], 1225.5);
    assert_eq!(s["flags"]["total"], 6);
    assert_eq!(s["flags"]["waived"], 1);
    assert_eq!(s["flags"]["by_rule"]["duplicate-app"], 1);
    assert_eq!(s["flags"]["by_severity"]["high"], 4);
    assert_eq!(s["clusters"], 1);
    assert_eq!(s["problems"], 2);
    assert_eq!(s["follow_ups"]["rebounded"], 1);
    assert_eq!(s["top_owners"][0]["owner"], "云溪镇");
    assert_eq!(s["top_owners"][0]["burden_minutes_per_month"], 660.0);
}

#[test]
fn flags_clusters_and_problems_json_follow_the_contract() {
    let (dir, sample) = write_sample(Lang::Zh);
    let flags = read_json(&dir.path().join("flags.json"));
    let items = flags["items"].as_array().unwrap();
    assert_eq!(items.len(), sample.outcome.findings.len());
    let keys: Vec<(&str, &str)> = items
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "flags sorted by platform id, then rule");
    let checkin = &items[0];
    assert_eq!(checkin["rule"], "app-forced-checkin");
    assert_eq!(checkin["severity"], "high");
    assert_eq!(checkin["waived"], Value::Null);
    assert_eq!(checkin["evidence"][0]["source"], "documents/A02/通知.txt");
    assert_eq!(checkin["evidence"][0]["line"], 3);
    let waived = items.iter().find(|f| f["id"] == "K01").unwrap();
    assert_eq!(waived["waived"], "已报备停更（2026年第3号）");

    let clusters = read_json(&dir.path().join("clusters.json"));
    let items = clusters["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    let c = &items[0];
    assert_eq!(c["cluster"], 1);
    assert_eq!(c["target"], "A01");
    assert_eq!(c["members"], serde_json::json!(["A01", "A02", "A03"]));
    assert_eq!(c["similarity"], 0.8);
    assert_eq!(
        c["shared_functions"],
        serde_json::json!(["在线办事", "社保查询", "通知公告"])
    );
    assert_eq!(
        c["shared_data_fields"],
        serde_json::json!(["姓名", "社保卡号", "身份证号"])
    );

    let problems = read_json(&dir.path().join("problems.json"));
    let items = problems["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["file"], "inventory.csv");
    assert_eq!(items[0]["row"], 9);
    assert_eq!(items[0]["column"], "<b>上线时间</b>");
    assert_eq!(items[0]["kind"], "bad-date");
    assert_eq!(items[0]["level"], "error");
    assert_eq!(items[1]["sheet"], "乡镇");
    assert_eq!(items[1]["row"], Value::Null);
}

#[test]
fn reports_are_deterministic() {
    let (a, _) = write_sample(Lang::Zh);
    let (b, _) = write_sample(Lang::Zh);
    for file in report::FILES {
        let x = std::fs::read(a.path().join(file)).unwrap();
        let y = std::fs::read(b.path().join(file)).unwrap();
        assert!(x == y, "{file} differs between runs");
    }
}

#[test]
fn markdown_report_snapshot() {
    let (dir, _) = write_sample(Lang::Zh);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(!md.contains(SCRIPT_NAME), "markup escaped in Markdown");
    insta::assert_snapshot!("report_md_zh", md);
}

#[test]
fn markdown_summary_matches_json() {
    let (dir, _) = write_sample(Lang::Zh);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(
        md.contains("| 平台总数（整治前 → 整治后） | 7 → 3 |"),
        "{md}"
    );
    assert!(md.contains("| 折合干部工时（人·时/月） | 15.8 |"), "{md}");
}

/// Reads every sheet: name → rows of cells.
fn read_xlsx(path: &Path) -> (Vec<String>, BTreeMap<String, Vec<Vec<Data>>>, usize) {
    let mut book: Xlsx<_> = open_workbook(path).expect("xlsx opens");
    let names = book.sheet_names();
    let mut sheets = BTreeMap::new();
    let mut formulas = 0;
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        sheets.insert(
            name.clone(),
            range.rows().map(|r| r.to_vec()).collect::<Vec<_>>(),
        );
        let f = book.worksheet_formula(name).unwrap();
        formulas += f.used_cells().filter(|(_, _, s)| !s.is_empty()).count();
    }
    (names, sheets, formulas)
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn xlsx_has_the_sheets_headers_and_rows_of_the_json() {
    let (dir, sample) = write_sample(Lang::Zh);
    let (names, sheets, formulas) = read_xlsx(&dir.path().join("report.xlsx"));
    assert_eq!(
        names,
        [
            "总表",
            "整合关停清单",
            "问题清单",
            "双交办任务单",
            "重复采集",
            "输入问题"
        ]
    );
    assert_eq!(formulas, 0, "no cell may be a formula");
    let total = &sheets["总表"];
    assert_eq!(text(&total[0][0]), "编号");
    assert_eq!(text(&total[0][1]), "名称");
    let doc = read_json(&dir.path().join("recommendations.json"));
    let items = doc["items"].as_array().unwrap();
    assert_eq!(total.len() - 1, items.len());
    for (row, item) in total.iter().skip(1).zip(items) {
        assert_eq!(text(&row[0]), item["id"].as_str().unwrap());
        assert_eq!(text(&row[1]), item["name"].as_str().unwrap());
    }
    // Hostile names stay text, exactly as written.
    let a02 = &total[2];
    assert_eq!(a02[1], Data::String(SCRIPT_NAME.into()));
    assert_eq!(a02[3], Data::String(FORMULA_OWNER.into()));
    assert_eq!(a02[6], Data::String("+青岚区".into()));
    // Dates are dates.
    assert!(
        matches!(a02[14], Data::DateTime(_)),
        "deadline: {:?}",
        a02[14]
    );
    assert!(
        matches!(total[1][19], Data::DateTime(_)),
        "created: {:?}",
        total[1][19]
    );
    let Data::DateTime(deadline) = &a02[14] else {
        unreachable!()
    };
    let serial = (date(2026, 12, 20) - date(1899, 12, 30)).num_days() as f64;
    assert_eq!(deadline.as_f64(), serial);

    let retiring = items
        .iter()
        .filter(|i| ["merge", "shutdown", "dissolve"].contains(&i["action"].as_str().unwrap()))
        .count();
    assert_eq!(sheets["整合关停清单"].len() - 1, retiring);
    assert_eq!(sheets["问题清单"].len() - 1, sample.outcome.findings.len());
    let non_keep = items.iter().filter(|i| i["action"] != "keep").count();
    let assign = &sheets["双交办任务单"];
    assert_eq!(assign.len() - 1, non_keep);
    let headers: Vec<String> = assign[0].iter().map(text).collect();
    for h in [
        "属地责任单位",
        "行业主管部门",
        "整改措施",
        "完成时限",
        "反馈情况",
    ] {
        assert!(headers.iter().any(|x| x == h), "{h} in {headers:?}");
    }
    assert_eq!(sheets["重复采集"].len() - 1, 1);
    assert_eq!(sheets["输入问题"].len() - 1, sample.problems.len());
    assert_eq!(text(&sheets["输入问题"][2][3]), "=备注2");
}

#[test]
fn assignments_csv_has_bom_both_assignees_and_no_formulas() {
    let (dir, _) = write_sample(Lang::Zh);
    let bytes = std::fs::read(dir.path().join("assignments.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 5, "every recommendation other than keep");
    for row in &rows {
        assert_eq!(&row[col("属地责任单位")], "青岚市人民政府");
        assert_eq!(&row[col("行业主管部门")], "青岚市大数据局");
        assert!(!row[col("整改措施")].is_empty());
        assert!(!row[col("完成时限")].is_empty());
        assert_eq!(&row[col("反馈情况")], "");
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "formula-like cell {cell:?}"
            );
        }
    }
    let a02 = rows.iter().find(|r| &r[col("编号")] == "A02").unwrap();
    assert_eq!(&a02[col("名称")], SCRIPT_NAME);
    assert_eq!(&a02[col("主管单位")], format!("'{FORMULA_OWNER}"));
    assert!(a02[col("整改措施")].contains("青岚市民通（A01）"));
    let a03 = rows.iter().find(|r| &r[col("编号")] == "A03").unwrap();
    assert_eq!(&a03[col("主管单位")], "'@青岚区政府办");
}

#[test]
fn html_escapes_every_input_value_and_fetches_nothing() {
    let (dir, _) = write_sample(Lang::Zh);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(!html.contains("<script>alert"), "raw script tag from input");
    assert!(!html.contains("<img src=x"), "raw img tag from evidence");
    assert!(!html.contains("<b>粗体</b>") && !html.contains("<b>上线时间</b>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    // The embedded cluster data escapes markup characters too.
    assert!(html.contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    // Exactly two script elements: the cluster data and the page script.
    assert_eq!(html.matches("<script").count(), 2);
    for external in [
        "http://",
        "https://",
        "src=\"",
        "<img",
        "<iframe",
        "<link",
        "@import",
        "url(",
        "@font-face",
    ] {
        assert!(!html.contains(external), "page refers to {external}");
    }
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for section in [
        "id=\"summary\"",
        "id=\"clusters\"",
        "id=\"rec-table\"",
        "id=\"flag-table\"",
        "id=\"details\"",
        "id=\"coverage\"",
        "id=\"problems\"",
        "id=\"follow\"",
        "@media print",
    ] {
        assert!(html.contains(section), "{section}");
    }
    // The clause of a flagged rule is quoted from the catalog.
    assert!(html.contains("政务应用程序设置打卡签到"));
    assert!(html.contains("Noto Sans CJK SC"));
}

#[test]
fn html_summary_numbers_equal_the_json() {
    let (dir, _) = write_sample(Lang::Zh);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let doc = read_json(&dir.path().join("recommendations.json"));
    let mut checked = 0;
    for part in html.split("<span data-key=\"").skip(1) {
        let (key, rest) = part.split_once("\">").unwrap();
        let (value, _) = rest.split_once("</span>").unwrap();
        let json = lookup(&doc["summary"], key).unwrap_or_else(|| panic!("{key} not in JSON"));
        assert_eq!(
            value.parse::<f64>().unwrap(),
            json.as_f64().unwrap(),
            "{key}"
        );
        checked += 1;
    }
    assert!(checked > 30, "only {checked} numbers tagged");
}

/// Follows a dotted path (`flags.by_rule.x`, `top_owners.0.platforms`) into JSON.
pub fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = value;
    // Rule ids contain no dots, so splitting on dots is unambiguous.
    for part in path.split('.') {
        v = match v {
            Value::Array(a) => a.get(part.parse::<usize>().ok()?)?,
            _ => v.get(part)?,
        };
    }
    Some(v)
}

#[test]
fn english_reports_use_english_labels() {
    let (dir, _) = write_sample(Lang::En);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.contains("## 3. Recommendations"));
    assert!(md.contains("| Platforms (before → after) | 7 → 3 |"));
    assert!(!md.contains("处置建议"));
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Shares 在线办事"), "English reasons");
    assert!(
        !html.contains("处置建议") && !html.contains("平台详情"),
        "no Chinese labels"
    );
    let (names, sheets, _) = read_xlsx(&dir.path().join("report.xlsx"));
    assert_eq!(names[0], "All platforms");
    assert_eq!(text(&sheets["Dual assignments"][0][10]), "Measures");
    let doc = read_json(&dir.path().join("recommendations.json"));
    assert_eq!(
        doc["items"][1]["reasons"][0],
        "Shares 在线办事 and 社保查询 with 青岚市民通 (A01), similarity 0.82"
    );
    let csv = std::fs::read_to_string(dir.path().join("assignments.csv")).unwrap();
    assert!(csv.contains("Regional government"));
}

/// A hand-built overlap graph with two clusters and hostile tag text.
fn sample_graph() -> OverlapGraph {
    let mut g = OverlapGraph::default();
    let a = g.add_node(GraphNode::Platform {
        platform: 0,
        cluster: 0,
    });
    let b = g.add_node(GraphNode::Platform {
        platform: 1,
        cluster: 0,
    });
    let c = g.add_node(GraphNode::Platform {
        platform: 2,
        cluster: 0,
    });
    let d = g.add_node(GraphNode::Platform {
        platform: 3,
        cluster: 1,
    });
    let e = g.add_node(GraphNode::Platform {
        platform: 6,
        cluster: 1,
    });
    let t1 = g.add_node(GraphNode::Tag {
        tag: "社保查询".into(),
        cluster: 0,
        data_field: false,
        weight: 2.5,
    });
    let t2 = g.add_node(GraphNode::Tag {
        tag: "<\"&'>\u{1}".into(),
        cluster: 0,
        data_field: true,
        weight: 1.25,
    });
    g.add_edge(a, b, GraphEdge::Similar { similarity: 0.82 });
    g.add_edge(a, c, GraphEdge::Similar { similarity: 0.8 });
    g.add_edge(
        d,
        e,
        GraphEdge::Similar {
            similarity: f64::NAN,
        },
    );
    for p in [a, b, c] {
        g.add_edge(p, t1, GraphEdge::HasTag { weight: 2.5 });
    }
    g.add_edge(d, t2, GraphEdge::HasTag { weight: 1.25 });
    g.add_edge(e, t2, GraphEdge::HasTag { weight: 1.25 });
    g
}

#[test]
fn graphml_is_valid_xml_and_loads_back() {
    use quick_xml::events::Event;
    let sample = Sample::new();
    let graph = sample_graph();
    let mut buf = Vec::new();
    report::write_graphml(&graph, &sample.platforms, &mut buf).unwrap();
    let mut reader = quick_xml::Reader::from_reader(buf.as_slice());
    let (mut nodes, mut edges, mut keys) = (0, 0, 0);
    let mut names = Vec::new();
    let mut in_name = false;
    let mut stack: Vec<Vec<u8>> = Vec::new();
    let mut scratch = Vec::new();
    loop {
        match reader
            .read_event_into(&mut scratch)
            .expect("well-formed XML")
        {
            Event::Start(e) => {
                let name = e.name().as_ref().to_vec();
                match name.as_slice() {
                    b"node" => nodes += 1,
                    b"edge" => edges += 1,
                    b"data" => {
                        in_name = e.attributes().any(|a| a.unwrap().value.as_ref() == b"name");
                        if in_name {
                            names.push(String::new());
                        }
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::Empty(e) if e.name().as_ref() == b"key" => keys += 1,
            Event::End(e) => {
                assert_eq!(stack.pop().as_deref(), Some(e.name().as_ref()), "balanced");
                in_name = false;
            }
            Event::Text(t) if in_name => {
                if let Some(last) = names.last_mut() {
                    last.push_str(&t.decode().unwrap());
                }
            }
            Event::GeneralRef(r) if in_name => {
                let raw: &[u8] = r.as_ref();
                let ch = match raw {
                    b"lt" => "<",
                    b"gt" => ">",
                    b"amp" => "&",
                    b"quot" => "\"",
                    b"apos" => "'",
                    other => panic!("unexpected entity {other:?}"),
                };
                if let Some(last) = names.last_mut() {
                    last.push_str(ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        scratch.clear();
    }
    assert!(stack.is_empty());
    assert_eq!(nodes, graph.node_count());
    assert_eq!(edges, graph.edge_count());
    assert_eq!(keys, 8, "keys for type, id, name, kind, cluster, weights");
    let text = String::from_utf8(buf).unwrap();
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!text.contains('\u{1}'), "control characters replaced");
    assert!(
        text.contains("<data key=\"cluster\">2</data>"),
        "1-based clusters"
    );
    assert!(!text.contains("NaN"));
    assert!(names.iter().any(|n| n == SCRIPT_NAME), "{names:?}");
}

#[test]
fn dot_is_well_formed_with_quoted_ids() {
    let sample = Sample::new();
    let graph = sample_graph();
    let mut buf = Vec::new();
    report::write_dot(&graph, &sample.platforms, &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    // Braces balance outside quoted strings, and every quoted string is closed.
    let (mut depth, mut in_str, mut escaped) = (0i32, false, false);
    for c in text.chars() {
        if in_str {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                assert!(depth >= 0);
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0);
    assert!(!in_str);
    assert!(text.starts_with("graph \"overlap\" {"));
    assert_eq!(text.matches(" -- ").count(), graph.edge_count());
    assert_eq!(text.matches("subgraph \"cluster_").count(), 2);
    assert_eq!(text.matches("shape=box").count(), 5);
    assert!(text.contains("\\\"引号' &"), "quotes escaped: {text}");
    let edge_lines: Vec<&str> = text.lines().filter(|l| l.contains(" -- ")).collect();
    for line in edge_lines {
        assert!(line.trim_start().starts_with("\"n"), "quoted id: {line}");
    }
}

#[test]
fn large_registry_caps_human_tables_but_not_json_or_csv() {
    let n = 3_000;
    let mut sample = Sample::new();
    let mut platforms = Vec::with_capacity(n);
    let mut recommendations = Vec::with_capacity(n);
    for i in 0..n {
        let mut p = platform(
            &format!("P{i:05}"),
            &format!("平台{i}"),
            Kind::App,
            Level::County,
            &format!("单位{}", i % 40),
        );
        p.functions = tags(&["在线办事"]);
        platforms.push(p);
        let action = if i % 10 == 0 {
            Action::Shutdown
        } else {
            Action::Keep
        };
        recommendations.push(rec(
            i,
            action,
            None,
            &[],
            &[],
            Some(date(2026, 12, 20)),
            5.0,
            if action == Action::Keep { 0.0 } else { 5.0 },
        ));
    }
    sample.platforms = platforms;
    sample.recommendations = recommendations;
    sample.overlap = Overlap::default();
    sample.outcome.findings.retain(|f| f.platform < 7);
    let options = ReportOptions {
        max_table_rows: 100,
        max_details: 50,
        max_xlsx_rows: 500,
        max_graph_clusters: 10,
        max_export_clusters: 10,
    };
    let dir = tempfile::tempdir().unwrap();
    report::write_all_with(dir.path(), &sample.view(Lang::Zh), &options).unwrap();
    let doc = read_json(&dir.path().join("recommendations.json"));
    assert_eq!(doc["items"].as_array().unwrap().len(), n);
    let csv = std::fs::read_to_string(dir.path().join("assignments.csv")).unwrap();
    assert_eq!(csv.lines().count(), 1 + n / 10);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let table = html
        .split("id=\"rec-table\"")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    assert_eq!(
        table.matches("<tr>").count(),
        1 + 100,
        "header plus capped rows"
    );
    assert!(table.contains("badge a-shutdown"));
    assert!(!table.contains("badge a-keep"), "non-keep rows come first");
    assert!(html.contains("仅显示 100 条（共 3000 条"));
    assert_eq!(html.matches("<article class=\"detail\"").count(), 50);
    let (_, sheets, _) = read_xlsx(&dir.path().join("report.xlsx"));
    let total = &sheets["总表"];
    assert!(total
        .iter()
        .any(|r| text(&r[0]).contains("仅列出前 500 行（共 3000 行）")));
    assert_eq!(sheets["双交办任务单"].len() - 1, 300);
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(md.contains("仅列出 100 条（共 3000 条）"));
}

#[test]
fn write_all_reports_an_unwritable_dir_with_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "x").unwrap();
    let sample = Sample::new();
    let err = report::write_all(&blocker.join("out"), &sample.view(Lang::Zh)).unwrap_err();
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}

/// Writes every report for a synthetic registry of `FINGERTIP_REPORT_SCALE` platforms
/// (default 1,000,000) and prints how long it took and how big the files are. A
/// measurement, not an assertion on time: run it with
/// `cargo test --release --test cli report_scale -- --ignored --nocapture`.
#[test]
#[ignore]
fn report_scale() {
    let n: usize = std::env::var("FINGERTIP_REPORT_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let mut sample = Sample::new();
    let kinds = Kind::ALL;
    let mut platforms = Vec::with_capacity(n);
    let mut recommendations = Vec::with_capacity(n);
    let mut findings = Vec::new();
    let mut clusters = Vec::new();
    for i in 0..n {
        let mut p = platform(
            &format!("P{i:07}"),
            &format!("平台{i}"),
            kinds[i % kinds.len()],
            Level::ALL[i % Level::ALL.len()],
            &format!("单位{}", i % 5_000),
        );
        p.functions = tags(&["在线办事", "通知公告"]);
        p.data_fields = tags(&["姓名", "手机号"]);
        platforms.push(p);
        let (action, into) = match i % 20 {
            1 => (Action::Merge, Some(i - 1)),
            2 => (Action::Shutdown, None),
            3 => (Action::Rectify, None),
            _ => (Action::Keep, None),
        };
        if i % 20 == 1 {
            clusters.push(Cluster {
                target: i - 1,
                members: vec![i - 1, i],
                similarity: 0.7,
            });
        }
        if action != Action::Keep {
            findings.push(Finding {
                platform: i,
                rule: "duplicate-app",
                severity: Severity::Medium,
                message: Msg::new("功能重复", "Duplicate"),
                evidence: vec![Evidence {
                    source: "field:functions".into(),
                    line: None,
                    text: "在线办事、通知公告".into(),
                }],
                waived: None,
            });
        }
        recommendations.push(rec(
            i,
            action,
            into,
            if action == Action::Keep {
                &[]
            } else {
                &["duplicate-app"]
            },
            &[("功能重复", "Duplicate")],
            Some(date(2026, 12, 20)),
            12.0,
            if action == Action::Keep { 0.0 } else { 12.0 },
        ));
    }
    sample.platforms = platforms;
    sample.recommendations = recommendations;
    sample.outcome.findings = findings;
    sample.overlap = Overlap {
        pairs: Vec::new(),
        clusters,
        ..Overlap::default()
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter("fingertip=debug")
        .with_writer(std::io::stderr)
        .try_init();
    let dir = tempfile::tempdir().unwrap();
    let start = std::time::Instant::now();
    let written = report::write_all(dir.path(), &sample.view(Lang::Zh)).unwrap();
    let elapsed = start.elapsed();
    eprintln!("write_all for {n} platforms: {elapsed:.2?}");
    for path in written {
        let size = std::fs::metadata(&path).unwrap().len();
        eprintln!(
            "  {:<22} {:>12} bytes",
            path.file_name().unwrap().to_string_lossy(),
            size
        );
    }
    let doc = read_json(&dir.path().join("recommendations.json"));
    assert_eq!(doc["items"].as_array().unwrap().len(), n);
}

/// Every name in `tests/fixtures/report/hostile_names.json` (markup, formulas, control
/// characters, line separators) plus a 40,000-character name goes through every format
/// and stays inert text.
#[test]
fn hostile_names_fixture_stays_text_everywhere() {
    let fixture = std::fs::read_to_string(super::fixture("report/hostile_names.json")).unwrap();
    let mut names: Vec<String> = serde_json::from_str(&fixture).unwrap();
    names.push("长".repeat(40_000));
    let mut sample = Sample::new();
    sample.platforms = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut p = platform(&format!("H{i:02}"), name, Kind::App, Level::County, name);
            p.region = Some(name.clone());
            p.functions = tags(&["在线办事"]);
            p
        })
        .collect();
    sample.recommendations = (0..names.len())
        .map(|i| {
            let mut r = rec(
                i,
                Action::Shutdown,
                None,
                &["zombie-app"],
                &[],
                Some(date(2026, 12, 20)),
                1.0,
                1.0,
            );
            r.assignees.region = names[i].clone();
            r.assignees.department = names[i].clone();
            r
        })
        .collect();
    sample.overlap = Overlap::default();
    sample.outcome.findings = vec![Finding {
        platform: 0,
        rule: "zombie-app",
        severity: Severity::High,
        message: Msg::new(names[1].clone(), names[2].clone()),
        evidence: names
            .iter()
            .take(22)
            .map(|n| Evidence {
                source: n.clone(),
                line: Some(1),
                text: n.clone(),
            })
            .collect(),
        waived: None,
    }];
    let dir = tempfile::tempdir().unwrap();
    report::write_all(dir.path(), &sample.view(Lang::Zh)).unwrap();

    // HTML: nothing from the input becomes markup.
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page script (no clusters)"
    );
    for needle in ["<img", "<svg onload", "<!-- 注释", "</script><script>alert"] {
        assert!(!html.contains(needle), "raw {needle}");
    }
    assert!(html.contains("&lt;svg onload=alert(4)&gt;"));
    assert!(
        html.contains("&amp;amp; &amp;lt; 已转义"),
        "entities in input are escaped again"
    );

    // JSON: names round-trip exactly.
    let doc = read_json(&dir.path().join("recommendations.json"));
    let items = doc["items"].as_array().unwrap();
    for (item, name) in items.iter().zip(&names) {
        assert_eq!(item["name"].as_str().unwrap(), name);
    }

    // XLSX: every name is a string cell, no formula anywhere.
    let (_, sheets, formulas) = read_xlsx(&dir.path().join("report.xlsx"));
    assert_eq!(formulas, 0);
    let total = &sheets["总表"];
    for (row, name) in total.iter().skip(1).zip(&names) {
        let Data::String(cell) = &row[1] else {
            panic!("{name:?} is not a string cell: {:?}", row[1]);
        };
        if name.chars().count() > 32_767 {
            assert_eq!(cell.chars().count(), 32_767, "cut to Excel's cell limit");
        } else {
            // Excel stores line ends as \n; everything else is kept.
            assert_eq!(
                cell.replace('\r', "\n"),
                name.replace('\r', "\n"),
                "{name:?}"
            );
        }
    }

    // CSV: no cell starts like a formula; stripping the guard gives the input back.
    let bytes = std::fs::read(dir.path().join("assignments.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), names.len());
    for (row, name) in rows.iter().zip(&names) {
        for cell in row.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r', '＝']),
                "{cell:?}"
            );
        }
        let shown = &row[2];
        let original = if shown.starts_with('\'') && !name.starts_with('\'') {
            &shown[1..]
        } else {
            shown
        };
        assert_eq!(original, name);
    }

    // Markdown: no raw markup, tables keep their shape (no unescaped pipes or newlines).
    let md = std::fs::read_to_string(dir.path().join("report.md")).unwrap();
    assert!(!md.contains("<script>") && !md.contains("<img"));
    let rec_table = md
        .split("## 三、处置建议")
        .nth(1)
        .and_then(|rest| rest.split("## 四、").next())
        .unwrap();
    let rows: Vec<&str> = rec_table.lines().filter(|l| l.starts_with("| H")).collect();
    assert_eq!(rows.len(), names.len());

    // GraphML with these names as tags and platforms is still well-formed XML.
    let mut graph = OverlapGraph::default();
    let mut prev = None;
    for (i, name) in names.iter().enumerate() {
        let node = graph.add_node(GraphNode::Platform {
            platform: i,
            cluster: 0,
        });
        let tag = graph.add_node(GraphNode::Tag {
            tag: name.clone(),
            cluster: 0,
            data_field: i % 2 == 0,
            weight: 1.0,
        });
        graph.add_edge(node, tag, GraphEdge::HasTag { weight: 1.0 });
        if let Some(p) = prev {
            graph.add_edge(p, node, GraphEdge::Similar { similarity: 0.5 });
        }
        prev = Some(node);
    }
    let mut buf = Vec::new();
    report::write_graphml(&graph, &sample.platforms, &mut buf).unwrap();
    let mut reader = quick_xml::Reader::from_reader(buf.as_slice());
    let mut scratch = Vec::new();
    let mut nodes = 0;
    loop {
        match reader
            .read_event_into(&mut scratch)
            .expect("well-formed XML")
        {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"node" => nodes += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        scratch.clear();
    }
    assert_eq!(nodes, graph.node_count());
    let mut dot = Vec::new();
    report::write_dot(&graph, &sample.platforms, &mut dot).unwrap();
    let dot = String::from_utf8(dot).unwrap();
    assert_eq!(dot.matches(" -- ").count(), graph.edge_count());
    assert!(!dot.contains('\u{1}'));
}
