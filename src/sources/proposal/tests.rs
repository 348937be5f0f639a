//! Tests of proposal reading: TOML with line-numbered errors and the XLSX filing form,
//! built in memory with rust_xlsxwriter.

use rust_xlsxwriter::Workbook;

use super::*;

const GOOD: &str = r#"
name = "云栖县智慧社区APP"
kind = "政务APP"
owner = "云栖县民政局"
level = "县级"
region = "云栖县"
functions = ["办事指南", "在线预约"]
data_fields = ["姓名", "手机号"]
expected_users = 20000
same_unit = ["云栖县民政服务小程序"]

[features]
checkin = { enabled = false, reason = "无打卡功能" }
"积分排名" = { enabled = "否", reason = "不设排名" }
location_upload = { reason = "仅在办事时获取定位" }
"#;

#[test]
fn toml_proposal_reads_every_key() {
    let p = parse_toml("p.toml", GOOD).expect("valid");
    assert_eq!(p.name, "云栖县智慧社区APP");
    assert_eq!(p.kind, Kind::App);
    assert_eq!(p.level, Some(Level::County));
    assert_eq!(p.functions, vec!["办事指南", "在线预约"]);
    assert_eq!(p.expected_users, Some(20000));
    assert_eq!(p.same_unit, vec!["云栖县民政服务小程序"]);
    let features: Vec<(Feature, Option<bool>)> =
        p.features.iter().map(|f| (f.feature, f.enabled)).collect();
    assert_eq!(
        features,
        vec![
            (Feature::Checkin, Some(false)),
            (Feature::Ranking, Some(false)),
            (Feature::LocationUpload, None),
        ]
    );
    assert_eq!(p.features[0].reason, "无打卡功能");
}

#[test]
fn toml_errors_name_line_and_key() {
    let missing = GOOD.replace("owner = \"云栖县民政局\"\n", "");
    let e = parse_toml("p.toml", &missing).expect_err("owner missing");
    assert_eq!(e.key.as_deref(), Some("owner"));
    assert!(e.to_string().contains("p.toml"), "{e}");
    assert!(e.to_string().contains("缺少必填项"), "{e}");

    let bad_kind = GOOD.replace("政务APP", "飞艇");
    let e = parse_toml("p.toml", &bad_kind).expect_err("unknown kind");
    assert_eq!(e.key.as_deref(), Some("kind"));
    assert_eq!(e.place.as_deref(), Some("第3行"));
    assert!(e.message.contains("飞艇"));

    let unknown_key = format!("{GOOD}\n[extra]\nx = 1\n");
    let e = parse_toml("p.toml", &unknown_key).expect_err("unknown key");
    assert_eq!(e.key.as_deref(), Some("extra"));
    assert!(e.place.is_some());

    let bad_feature = GOOD.replace("checkin =", "\"飞行\" =");
    let e = parse_toml("p.toml", &bad_feature).expect_err("unknown feature");
    assert_eq!(e.key.as_deref(), Some("features.飞行"));
    assert_eq!(e.place.as_deref(), Some("第13行"));

    let bad_answer = GOOD.replace("enabled = \"否\"", "enabled = \"也许\"");
    let e = parse_toml("p.toml", &bad_answer).expect_err("bad yes/no");
    assert_eq!(e.key.as_deref(), Some("features.积分排名.enabled"));
}

/// A filing form as a county would fill it: title, label/value pairs, the feature
/// table and the unit's existing apps.
fn filing_form(with_owner: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut put = |r: u32, c: u16, t: &str| {
        ws.write_string(r, c, t).expect("write");
    };
    put(0, 0, "政务应用程序备案表");
    put(2, 0, "应用名称：");
    put(2, 1, "云栖县智慧养老APP");
    put(2, 2, "应用类型");
    put(2, 3, "政务APP");
    if with_owner {
        put(3, 0, "主办单位*");
        put(3, 1, "云栖县民政局");
    }
    put(3, 2, "层级");
    put(3, 3, "县级");
    put(4, 0, "主要功能");
    put(4, 1, "养老服务预约、高龄补贴申领");
    put(5, 0, "采集数据项");
    put(5, 1, "姓名、身份证号、健康状况");
    put(6, 0, "预计用户数");
    put(6, 1, "12,000");
    put(8, 0, "功能设置情况");
    put(9, 0, "功能");
    put(9, 1, "是否设置");
    put(9, 2, "说明");
    put(10, 0, "打卡签到");
    put(10, 1, "否");
    put(10, 2, "无打卡功能");
    put(11, 0, "积分排名");
    put(11, 1, "是");
    put(11, 2, "按服务次数排名，纳入考核");
    put(12, 0, "位置上传");
    put(12, 1, "不强制上传位置");
    put(14, 0, "本单位同类政务应用程序情况");
    put(15, 0, "序号");
    put(15, 1, "名称");
    put(16, 0, "1");
    put(16, 1, "云栖县民政服务小程序");
    wb.save_to_buffer().expect("buffer")
}

#[test]
fn xlsx_filing_form_is_read() {
    let p = parse_xlsx("备案表.xlsx", filing_form(true)).expect("filing form");
    assert_eq!(p.name, "云栖县智慧养老APP");
    assert_eq!(p.kind, Kind::App);
    assert_eq!(p.owner, "云栖县民政局");
    assert_eq!(p.level, Some(Level::County));
    assert_eq!(p.functions, vec!["养老服务预约", "高龄补贴申领"]);
    assert_eq!(p.data_fields.len(), 3);
    assert_eq!(p.expected_users, Some(12000));
    assert_eq!(p.same_unit, vec!["云栖县民政服务小程序"]);
    let f: Vec<(Feature, Option<bool>, &str, &str)> = p
        .features
        .iter()
        .map(|f| (f.feature, f.enabled, f.reason.as_str(), f.place.as_str()))
        .collect();
    assert_eq!(
        f,
        vec![
            (Feature::Checkin, Some(false), "无打卡功能", "Sheet1!A11"),
            (
                Feature::Ranking,
                Some(true),
                "按服务次数排名,纳入考核",
                "Sheet1!A12"
            ),
            (
                Feature::LocationUpload,
                None,
                "不强制上传位置",
                "Sheet1!A13"
            ),
        ]
    );
}

#[test]
fn xlsx_errors_name_the_missing_label_or_reject_other_workbooks() {
    let e = parse_xlsx("备案表.xlsx", filing_form(false)).expect_err("no owner");
    assert_eq!(e.key.as_deref(), Some("主办单位"));
    assert_eq!(e.place.as_deref(), Some("Sheet1"));

    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "名称").expect("write");
    ws.write_string(0, 1, "类型").expect("write");
    ws.write_string(1, 0, "某平台").expect("write");
    let e = parse_xlsx("台账.xlsx", wb.save_to_buffer().expect("buffer")).expect_err("a register");
    assert!(e.message.contains("不是政务应用程序备案表"), "{e}");

    let e = parse_xlsx("x.xlsx", b"name,kind\n".to_vec()).expect_err("not a zip");
    assert!(e.message.contains("xlsx"), "{e}");
}

#[test]
fn read_proposal_checks_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("p.txt");
    std::fs::write(&path, GOOD).expect("write");
    let e = read_proposal(&path).expect_err("txt");
    assert!(e.message.contains(".toml"));
    let path = dir.path().join("p.toml");
    std::fs::write(&path, GOOD).expect("write");
    assert_eq!(
        read_proposal(&path).expect("toml").name,
        "云栖县智慧社区APP"
    );
}

#[test]
fn feature_labels_parse() {
    assert_eq!(Feature::parse("打卡签到功能"), Some(Feature::Checkin));
    assert_eq!(Feature::parse("积分排名"), Some(Feature::Ranking));
    assert_eq!(Feature::parse("积分"), Some(Feature::Points));
    assert_eq!(Feature::parse("统计在线时长"), Some(Feature::OnlineTime));
    assert_eq!(
        Feature::parse("forced_download"),
        Some(Feature::ForcedDownload)
    );
    assert_eq!(Feature::parse("天气"), None);
}

#[test]
fn example_proposals_give_their_verdicts_against_the_sample_city() {
    use crate::normalize::Taxonomy;
    use crate::org::{Gazetteer, Overlay, SAMPLE_OVERLAY_TOML};
    use crate::overlap::OverlapSettings;
    use crate::recommend::check::{check, Verdict};

    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inventory = crate::sources::load_inventory(&root.join("inventory")).expect("sample city");
    let taxonomy = Taxonomy::builtin();
    let (platforms, _) = crate::registry::resolve(inventory.records, &taxonomy);
    let overlay = Overlay::from_toml_str(SAMPLE_OVERLAY_TOML).expect("overlay");
    let gazetteer = Gazetteer::builtin()
        .with_overlay(&overlay)
        .expect("overlay merges");
    let cases = [
        ("build-云栖县农机作业调度.toml", Verdict::Build, None),
        (
            "merge-云栖县医保掌上办.toml",
            Verdict::Merge,
            Some("APP-010"),
        ),
        ("reject-雾溪镇便民服务.toml", Verdict::Reject, None),
    ];
    for (file, verdict, into) in cases {
        let proposal = read_proposal(&root.join("inventory/proposals").join(file)).expect(file);
        let out = check(
            &proposal,
            &platforms,
            &taxonomy,
            &gazetteer,
            &OverlapSettings::default(),
        );
        assert_eq!(out.verdict, verdict, "{file}: {:#?}", out.reasons);
        assert_eq!(out.into.as_deref(), into, "{file}: {:#?}", out.reasons);
    }
}
