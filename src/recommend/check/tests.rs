//! Tests of the pre-build check: proposals with known answers against a small registry
//! in three real counties, feature reading with negation, and the level policy.

use super::*;
use crate::sources::proposal::parse_toml;

#[allow(clippy::too_many_arguments)]
fn platform(
    id: &str,
    name: &str,
    kind: Kind,
    owner: &str,
    level: Level,
    region: &str,
    functions: &[&str],
    data_fields: &[&str],
) -> Platform {
    let tax = Taxonomy::builtin();
    let mut functions: Vec<String> = functions.iter().map(|f| tax.function_tag(f)).collect();
    functions.sort();
    let mut data_fields: Vec<String> = data_fields.iter().map(|f| tax.data_field_tag(f)).collect();
    data_fields.sort();
    Platform {
        id: id.into(),
        name: name.into(),
        kind,
        owner: Some(owner.into()),
        level: Some(level),
        region: Some(region.into()),
        functions,
        data_fields,
        ..Platform::default()
    }
}

const XG: &str = "江西省赣州市兴国县";
const YD: &str = "江西省赣州市于都县";

fn registry() -> Vec<Platform> {
    let mut out = vec![
        platform(
            "APP-XG-MZ",
            "兴国县民政服务APP",
            Kind::App,
            "兴国县民政局",
            Level::County,
            XG,
            &["低保申请", "高龄补贴", "养老服务", "临时救助", "办事指南"],
            &["家庭人口数", "收入情况", "低保证号", "困难类型"],
        ),
        platform(
            "APP-JX-GFT",
            "赣服通",
            Kind::App,
            "江西省政务服务数据管理局",
            Level::Province,
            "江西省",
            &[
                "社保查询",
                "医保查询",
                "社保缴费",
                "公积金查询",
                "公积金提取",
                "不动产登记",
                "办件查询",
                "电子证照",
            ],
            &["社保卡号", "医保卡号", "公积金账号", "不动产权证号"],
        ),
        platform(
            "APP-YD-JY",
            "于都县智慧教育APP",
            Kind::App,
            "于都县教育局",
            Level::County,
            YD,
            &["学生资助", "招生报名", "成绩查询", "家校沟通"],
            &["学生学籍号", "学校名称", "年级班级", "监护人信息"],
        ),
        platform(
            "ACC-XG-MZ",
            "兴国民政",
            Kind::Account,
            "兴国县民政局",
            Level::County,
            XG,
            &["通知公告", "政策解读"],
            &[],
        ),
    ];
    out[3].channel = Some("微信".into());
    // Filler so that tag weights are not degenerate.
    for i in 0..12 {
        out.push(platform(
            &format!("APP-X{i:02}"),
            &format!("其他应用{i}"),
            Kind::App,
            "宁都县人民政府",
            Level::County,
            "江西省赣州市宁都县",
            &[
                ["环境监测", "森林防火", "景区预约", "图书借阅"][i % 4],
                "登录",
                "通知公告",
            ],
            &["姓名", "手机号"],
        ));
    }
    out
}

fn run(toml: &str) -> CheckOutcome {
    let proposal = parse_toml("p.toml", toml).expect("valid proposal");
    check(
        &proposal,
        &registry(),
        &Taxonomy::builtin(),
        Gazetteer::builtin(),
        &OverlapSettings::default(),
    )
}

fn app(
    owner: &str,
    level: &str,
    region: &str,
    functions: &[&str],
    data: &[&str],
    features: &str,
) -> String {
    let list = |v: &[&str]| {
        v.iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "name = \"新应用\"\nkind = \"app\"\nowner = \"{owner}\"\nlevel = \"{level}\"\nregion = \"{region}\"\nfunctions = [{}]\ndata_fields = [{}]\n\n[features]\n{features}\n",
        list(functions),
        list(data)
    )
}

/// Proposals with known answers: (name, proposal, verdict, into).
fn known_answers() -> Vec<(&'static str, String, Verdict, Option<&'static str>)> {
    let unique = ["停车缴费", "车位查询", "违停提醒"];
    vec![
        (
            "duplicate of the unit's own app",
            app("兴国县民政局", "县级", XG, &["低保申请", "高龄补贴", "养老服务", "临时救助"], &["家庭人口数", "收入情况", "低保证号"], ""),
            Verdict::Merge,
            Some("APP-XG-MZ"),
        ),
        (
            "contained in the provincial platform",
            app("兴国县医疗保障局", "县级", XG, &["医保查询", "社保缴费", "公积金查询"], &["医保卡号", "社保卡号"], ""),
            Verdict::Merge,
            Some("APP-JX-GFT"),
        ),
        (
            "duplicate inside its own county",
            app("于都县教育局", "县级", YD, &["学生资助", "招生报名", "成绩查询", "家校沟通"], &["学生学籍号", "学校名称", "年级班级"], ""),
            Verdict::Merge,
            Some("APP-YD-JY"),
        ),
        (
            "similar to another county's app: not a merge target",
            app("兴国县教育局", "县级", XG, &["学生资助", "招生报名", "成绩查询", "家校沟通"], &["学生学籍号", "学校名称", "年级班级"], ""),
            Verdict::Build,
            None,
        ),
        (
            "unique, declared without check-in",
            app("兴国县城市管理局", "县级", XG, &unique, &["车牌号"], "checkin = { enabled = false, reason = \"无打卡功能\" }"),
            Verdict::Build,
            None,
        ),
        (
            "unique, 无打卡功能 without a yes/no",
            app("兴国县城市管理局", "县级", XG, &unique, &["车牌号"], "checkin = { reason = \"无打卡功能\" }"),
            Verdict::Build,
            None,
        ),
        (
            "unique, 是 but the reason says there is none",
            app("兴国县城市管理局", "县级", XG, &unique, &["车牌号"], "checkin = { enabled = true, reason = \"无打卡功能\" }"),
            Verdict::Build,
            None,
        ),
        (
            "daily check-in",
            app("兴国县城市管理局", "县级", XG, &unique, &["车牌号"], "checkin = { enabled = true, reason = \"要求执法队员每日上下班打卡\" }"),
            Verdict::Reject,
            None,
        ),
        (
            "township app",
            app("兴国县潋江镇人民政府", "乡镇", XG, &unique, &["车牌号"], ""),
            Verdict::Reject,
            None,
        ),
        (
            "ranking declared as a function",
            app("兴国县城市管理局", "县级", XG, &["停车缴费", "积分排名"], &["车牌号"], ""),
            Verdict::Reject,
            None,
        ),
        (
            "points, voluntary and outside assessment",
            app("兴国县城市管理局", "县级", XG, &unique, &["车牌号"], "points = { enabled = true, reason = \"积分自愿参与，不纳入考核\" }"),
            Verdict::Build,
            None,
        ),
        (
            "second account of the unit on WeChat",
            "name = \"兴国民政服务\"\nkind = \"公众号\"\nowner = \"兴国县民政局\"\nlevel = \"县级\"\nregion = \"江西省赣州市兴国县\"\nchannel = \"微信\"\n".to_owned(),
            Verdict::Merge,
            Some("ACC-XG-MZ"),
        ),
        (
            "township account",
            "name = \"潋江镇发布\"\nkind = \"公众号\"\nowner = \"兴国县潋江镇人民政府\"\nlevel = \"乡镇\"\nchannel = \"抖音\"\n".to_owned(),
            Verdict::Reject,
            None,
        ),
    ]
}

#[test]
fn proposals_with_known_answers() {
    let cases = known_answers();
    let mut right = 0;
    let mut wrong = Vec::new();
    for (name, toml, verdict, into) in &cases {
        let out = run(toml);
        if out.verdict == *verdict && out.into.as_deref() == *into {
            right += 1;
        } else {
            wrong.push(format!(
                "{name}: {:?} {:?} {:#?}",
                out.verdict, out.into, out.reasons
            ));
        }
    }
    assert!(
        right * 10 >= cases.len() * 9,
        "{right}/{}: {wrong:#?}",
        cases.len()
    );
    // The set is small enough that every case should be right.
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_checkin_is_never_a_checkin() {
    for features in [
        "checkin = { enabled = false, reason = \"无打卡功能\" }",
        "checkin = { reason = \"无打卡功能\" }",
        "checkin = { enabled = true, reason = \"无打卡功能\" }",
        "checkin = { enabled = \"否\", reason = \"本应用没有签到打卡\" }",
        "\"打卡签到\" = { reason = \"未设置打卡签到功能\" }",
    ] {
        let toml = app("兴国县城市管理局", "县级", XG, &["停车缴费"], &[], features);
        let out = run(&toml);
        assert!(
            out.violations.iter().all(|v| !v.rule.contains("checkin")),
            "{features}: {:?}",
            out.violations
        );
    }
    // The description is read with negation too.
    let mut toml = app("兴国县城市管理局", "县级", XG, &["停车缴费"], &[], "");
    toml = toml.replace(
        "[features]",
        "description = \"本应用无打卡功能，不统计在线时长\"\n[features]",
    );
    let out = run(&toml);
    assert!(out.violations.is_empty(), "{:?}", out.violations);
    // ... while a description that demands it is a violation.
    let mut toml = app("兴国县城市管理局", "县级", XG, &["停车缴费"], &[], "");
    toml = toml.replace(
        "[features]",
        "description = \"队员每日打卡签到，统计在线时长\"\n[features]",
    );
    let out = run(&toml);
    assert!(
        out.violations
            .iter()
            .any(|v| v.rule == "app-forced-checkin"),
        "{:?}",
        out.violations
    );
}

#[test]
fn violations_carry_rule_clause_and_evidence() {
    let toml = app(
        "兴国县城市管理局",
        "县级",
        XG,
        &["停车缴费"],
        &[],
        "checkin = { enabled = true, reason = \"要求每日打卡\" }\nforced_download = { enabled = \"是\", reason = \"下载率纳入考核\" }",
    );
    let out = run(&toml);
    let rules: Vec<&str> = out.violations.iter().map(|v| v.rule).collect();
    assert_eq!(rules, vec!["app-forced-checkin", "app-forced-download"]);
    for v in &out.violations {
        assert!(!v.clause.is_empty());
        assert!(v.evidence.contains("features."), "{}", v.evidence);
    }
    assert_eq!(out.verdict, Verdict::Reject);
    assert!(out.reasons[0].starts_with("不予新建"));
}

#[test]
fn similar_lists_shared_items_and_same_unit() {
    let toml = app(
        "兴国县民政局",
        "县级",
        XG,
        &["低保申请", "高龄补贴", "养老服务", "临时救助"],
        &["家庭人口数", "收入情况", "低保证号"],
        "",
    );
    let out = run(&toml);
    let s = out.similar.first().expect("a similar platform");
    assert_eq!(s.id, "APP-XG-MZ");
    assert!(s.same_unit && s.in_scope);
    assert!(s.similarity >= 0.5 || s.containment >= 0.8);
    assert_eq!(
        s.shared_functions,
        vec!["临时救助", "低保申请", "养老服务", "高龄补贴"]
    );
    assert_eq!(
        s.shared_data_fields,
        vec!["收入情况", "家庭人口数", "低保证号"]
            .into_iter()
            .map(String::from)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
    );
    assert_eq!(out.same_unit.len(), 1);
    assert!(out.same_unit[0].starts_with("兴国县民政服务APP（政务APP，兴国县民政局"));
    // The form did not list it, so a reason says so.
    assert!(out.reasons.iter().any(|r| r.contains("未列出本单位")));
    // Listing it silences that reason.
    let listed = toml.replace(
        "[features]",
        "same_unit = [\"兴国县民政服务APP\"]\n[features]",
    );
    assert!(!run(&listed)
        .reasons
        .iter()
        .any(|r| r.contains("未列出本单位")));
}

#[test]
fn verdict_codes_and_labels() {
    assert_eq!(Verdict::Build.code(), "build");
    assert_eq!(Verdict::Merge.label_zh(), "建议整合");
    assert_eq!(Verdict::Reject.label_zh(), "不予新建");
}

#[test]
fn a_new_form_that_a_form_or_platform_already_asks_is_merged() {
    let mut registry = registry();
    registry.push(platform(
        "FORM-XG-1",
        "困难群众情况月报",
        Kind::Form,
        "兴国县民政局",
        Level::County,
        XG,
        &[],
        &["低保证号", "困难类型", "家庭人口数", "收入情况", "残疾类别"],
    ));
    let proposal = parse_toml(
        "p.toml",
        "name = \"困难家庭摸底表\"\nkind = \"报表\"\nowner = \"兴国县乡村振兴局\"\nlevel = \"县级\"\nregion = \"江西省赣州市兴国县\"\ndata_fields = [\"低保证号\", \"困难类型\", \"家庭人口数\", \"收入情况\"]\n",
    )
    .expect("valid");
    let out = check(
        &proposal,
        &registry,
        &Taxonomy::builtin(),
        Gazetteer::builtin(),
        &OverlapSettings::default(),
    );
    assert_eq!(out.verdict, Verdict::Merge, "{:#?}", out.reasons);
    assert_eq!(out.into.as_deref(), Some("FORM-XG-1"));
    assert!(!out.similar[0].same_unit);
    assert!(out.same_unit.is_empty());
}

#[test]
fn a_work_group_with_a_checkin_feature_breaks_the_group_rule() {
    let proposal = parse_toml(
        "p.toml",
        "name = \"防汛工作群\"\nkind = \"工作群\"\nowner = \"兴国县水利局\"\nlevel = \"县级\"\n\n[features]\ncheckin = { enabled = true, reason = \"每晚八点前接龙报平安\" }\n",
    )
    .expect("valid");
    let out = check(
        &proposal,
        &registry(),
        &Taxonomy::builtin(),
        Gazetteer::builtin(),
        &OverlapSettings::default(),
    );
    assert_eq!(out.verdict, Verdict::Reject);
    assert_eq!(out.violations[0].rule, "group-forced-checkin");
}
