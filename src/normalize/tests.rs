//! Tests of the taxonomy: the documented synonyms, fallbacks, unknown tags, free-text
//! matching and the integrity of `data/taxonomy.toml`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::*;

fn tax() -> Taxonomy {
    Taxonomy::builtin()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn function_synonyms_from_the_brief() {
    let t = tax();
    let cases: &[(&str, &[&str])] = &[
        (
            "打卡签到",
            &["签到打卡", "每日打卡", "考勤打卡", "定位打卡", "签到"],
        ),
        ("积分排名", &["积分排行", "排行榜", "学习积分排名"]),
        ("学习时长", &["在线学习时长", "学习时间统计"]),
        ("在线时长统计", &["在线时长", "在线时间统计"]),
        ("信息上报", &["信息报送", "数据上报", "情况上报"]),
        ("网格巡查", &["网格员巡查", "巡查上报"]),
        ("投诉建议", &["意见反馈", "留言咨询"]),
        ("通知公告", &["通知", "公告"]),
        ("登录", &["用户登录", "登陆"]),
    ];
    for (canonical, synonyms) in cases {
        assert_eq!(t.function_tag(canonical), *canonical);
        for s in *synonyms {
            assert_eq!(t.function_tag(s), *canonical, "{s}");
        }
    }
    for tag in [
        "日常打分",
        "线上督查",
        "任务完成率排名",
        "点赞",
        "转发",
        "阅读量",
        "网上办事",
        "预约挂号",
        "社保查询",
        "公积金查询",
        "不动产登记",
        "12345热线",
        "疫苗接种",
        "党员学习",
        "党费缴纳",
        "三会一课",
        "志愿服务",
        "防汛值守",
        "安全生产检查",
        "河长巡河",
        "林长巡林",
        "食品安全检查",
        "低保申请",
        "高龄补贴",
        "残疾人补贴",
        "退役军人服务",
        "学生资助",
    ] {
        assert!(t.known(TagKind::Function, tag) == Some(tag), "{tag}");
    }
}

#[test]
fn data_field_synonyms_from_the_brief() {
    let t = tax();
    let cases: &[(&str, &[&str])] = &[
        (
            "身份证号",
            &["身份证号码", "公民身份号码", "身份证", "证件号码"],
        ),
        ("人脸照片", &["人脸识别照片", "人像照片"]),
        ("定位轨迹", &["GPS轨迹", "运动轨迹", "位置轨迹", "行动轨迹"]),
        ("手机号", &["手机号码", "联系电话", "联系方式"]),
        ("学习时长", &["在线学习时长"]),
    ];
    for (canonical, synonyms) in cases {
        assert_eq!(t.data_field_tag(canonical), *canonical);
        for s in *synonyms {
            assert_eq!(t.data_field_tag(s), *canonical, "{s}");
        }
    }
    for tag in [
        "姓名",
        "性别",
        "出生日期",
        "民族",
        "户籍地址",
        "现居住地址",
        "工作单位",
        "职务",
        "政治面貌",
        "党组织关系",
        "入党时间",
        "学历",
        "婚姻状况",
        "家庭成员",
        "银行账号",
        "社保卡号",
        "医保卡号",
        "车牌号",
        "房产信息",
        "收入情况",
        "低保证号",
        "残疾证号",
        "指纹",
        "现场照片",
        "工作照片",
        "视频",
        "截图",
        "签名",
        "健康状况",
        "疫苗接种记录",
        "网格编号",
        "门牌号",
        "企业名称",
        "统一社会信用代码",
        "法定代表人",
        "营业执照",
        "经营地址",
        "从业人数",
        "营业收入",
        "耕地面积",
        "种植品种",
        "养殖数量",
        "学生学籍号",
        "监护人信息",
        "考勤记录",
        "积分",
        "在线时长",
    ] {
        assert!(t.known(TagKind::DataField, tag) == Some(tag), "{tag}");
    }
}

#[test]
fn lookups_normalise_first() {
    let t = tax();
    // Full-width, traditional, spaces, case, ideographic space and quotes.
    assert_eq!(t.data_field_tag("身份證號碼"), "身份证号");
    assert_eq!(t.data_field_tag("　身份证 号码　"), "身份证号");
    assert_eq!(t.data_field_tag("gps轨迹"), "定位轨迹");
    assert_eq!(t.data_field_tag("ＧＰＳ轨迹"), "定位轨迹");
    assert_eq!(t.function_tag("“签到打卡”"), "打卡签到");
    assert_eq!(t.function_tag("簽到打卡；"), "打卡签到");
    assert_eq!(t.function_tag("１２３４５熱線"), "12345热线");
}

#[test]
fn decorations_are_stripped_only_for_known_remainders() {
    let t = tax();
    assert_eq!(t.function_tag("预约挂号服务"), "预约挂号");
    assert_eq!(t.function_tag("打卡签到功能"), "打卡签到");
    assert_eq!(t.function_tag("积分排行模块"), "积分排名");
    assert_eq!(t.function_tag("签到打卡等功能"), "打卡签到");
    assert_eq!(t.function_tag("①登录"), "登录");
    assert_eq!(t.function_tag("2、通知公告"), "通知公告");
    assert_eq!(t.function_tag("(3)投诉建议"), "投诉建议");
    assert_eq!(t.function_tag("【必选】登录"), "登录");
    assert_eq!(t.data_field_tag("身份证号(必填)"), "身份证号");
    assert_eq!(t.data_field_tag("身份证号（必填）"), "身份证号");
    assert_eq!(t.data_field_tag("上传现场照片"), "现场照片");
    assert_eq!(t.data_field_tag("姓名信息"), "姓名");
    assert_eq!(t.data_field_tag("*身份证号"), "身份证号");
    // The remainder must be a known tag: 志愿服务 is itself a tag, 智慧服务 is unknown
    // and stays whole.
    assert_eq!(t.function_tag("志愿服务"), "志愿服务");
    assert_eq!(t.function_tag("智慧服务"), "智慧服务");
    assert_eq!(t.function_tag("三会一课"), "三会一课");
}

#[test]
fn unknown_tags_are_kept_as_normalised_text() {
    let t = tax();
    assert_eq!(t.function_tag("  智慧 停车  "), "智慧 停车");
    assert_eq!(t.function_tag("在线核验"), "在线核验");
    assert_eq!(t.data_field_tag("姓名·历史"), "姓名·历史");
    assert_eq!(t.data_field_tag("人脸·截图"), "人脸·截图");
    assert_eq!(t.data_field_tag("車輛·影像"), "车辆·影像");
    assert_eq!(t.function_tag("电子证照亮证（测试）"), "电子证照亮证(测试)");
    assert!(t.known(TagKind::Function, "在线核验").is_none());
    assert_eq!(t.function_tag("、、"), "");
}

#[test]
fn borrowed_tag_on_hit_and_on_normal_unknown() {
    let t = tax();
    assert!(matches!(
        t.tag(TagKind::Function, "签到打卡"),
        std::borrow::Cow::Borrowed("打卡签到")
    ));
    assert!(matches!(
        t.tag(TagKind::DataField, "未知字段"),
        std::borrow::Cow::Borrowed("未知字段")
    ));
}

#[test]
fn traits_answer_rule_questions() {
    let t = tax();
    assert!(t.function_traits("每日打卡").contains(&Trait::Checkin));
    assert!(t.function_traits("排行榜").contains(&Trait::Ranking));
    assert!(t
        .function_traits("在线时长统计")
        .contains(&Trait::OnlineTime));
    assert!(t.function_traits("学习时长").contains(&Trait::LearningTime));
    assert!(t.function_traits("意见反馈").contains(&Trait::Feedback));
    assert!(t.function_traits("日常打分").contains(&Trait::Scoring));
    assert!(t
        .function_traits("任务完成率排名")
        .contains(&Trait::Scoring));
    assert!(t.function_traits("点赞").contains(&Trait::Engagement));
    assert!(t.function_traits("积分商城").contains(&Trait::Commercial));
    assert!(t.function_traits("信息报送").contains(&Trait::Reporting));
    assert!(t.function_traits("拍照上传").contains(&Trait::Trace));
    assert!(t.function_traits("不存在的功能").is_empty());
    for field in ["定位轨迹", "现场照片", "工作照片", "视频", "截图"] {
        assert!(
            t.data_field_traits(field).contains(&Trait::Trace),
            "{field}"
        );
    }
    assert!(t.data_field_traits("身份证号码").contains(&Trait::Identity));
    assert!(t.data_field_traits("人脸照片").contains(&Trait::Biometric));
    for tag in ["登录", "姓名", "手机号", "通知公告", "身份证号", "手机号码"] {
        assert!(t.is_ubiquitous(tag), "{tag}");
    }
    for tag in ["打卡签到", "网格巡查", "现场照片", "未知"] {
        assert!(!t.is_ubiquitous(tag), "{tag}");
    }
}

#[test]
fn tags_in_a_realistic_description() {
    let t = tax();
    let (f, d) = t.tags_in_text("本系统用于网格员每日巡查上报，需定位打卡并上传现场照片");
    assert_eq!(strs(&f), ["打卡签到", "网格巡查"]);
    assert_eq!(strs(&d), ["现场照片"]);
}

#[test]
fn tags_in_text_catch_synonyms_and_traditional_text() {
    let t = tax();
    let (f, d) = t.tags_in_text(
        "平台設有學習積分排名和在线学习时长统计，要求上传GPS轨迹、工作照片及人脸识别照片。",
    );
    assert_eq!(strs(&f), ["学习时长", "积分排名"]);
    assert_eq!(strs(&d), ["人脸照片", "学习时长", "定位轨迹", "工作照片"]);
    let (f, d) =
        t.tags_in_text("为群众提供预约挂号、社保查询、公积金查询和12345热线服务，并设投诉建议入口");
    assert_eq!(
        strs(&f),
        [
            "12345热线",
            "公积金查询",
            "投诉建议",
            "社保查询",
            "预约挂号"
        ]
    );
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn tags_in_realistic_inventory_descriptions() {
    let t = tax();
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "用于党员学习教育，设有学习积分排名、每日答题和在线学习时长统计，纳入年度考核",
            &["党员学习", "在线考试", "学习时长", "积分排名"],
            &["学习时长"],
        ),
        (
            "网格员使用该App每日巡查上报，需开启定位，上传现场照片和工作照片，系统记录巡查轨迹",
            &["网格巡查", "轨迹上传"],
            &["定位轨迹", "实时位置", "工作照片", "现场照片"],
        ),
        (
            "本群用于信息报送，请各村每日17:00前接龙报送，收到请回复",
            &["信息上报", "接龙"],
            &[],
        ),
        (
            "企业年报填报系统，采集企业名称、统一社会信用代码、法定代表人、从业人数、营业收入",
            &["企业年报"],
            &[
                "从业人数",
                "企业名称",
                "法定代表人",
                "统一社会信用代码",
                "营业收入",
            ],
        ),
        (
            "该公众号发布政策解读和通知公告，要求干部职工转发点赞并截图上传",
            &["截图上传", "政策解读", "点赞", "转发", "通知公告"],
            &[],
        ),
        (
            "學生資助申請系統，採集學籍號、監護人信息和家庭收入",
            &["学生资助"],
            &["学生学籍号", "收入情况", "监护人信息"],
        ),
        (
            "乡镇自建“智慧村务”小程序，功能有村务公开、积分商城、广告位",
            &["农村三资管理", "广告推广", "积分商城"],
            &[],
        ),
    ];
    for (text, functions, fields) in cases {
        let (f, d) = t.tags_in_text(text);
        assert_eq!(strs(&f), *functions, "{text}");
        assert_eq!(strs(&d), *fields, "{text}");
    }
}

#[test]
fn tags_in_text_skip_negated_and_ambiguous_mentions() {
    let t = tax();
    let (f, d) = t.tags_in_text("根据省厅通知建设，不得要求打卡，不收集人脸照片，已取消积分排名");
    assert!(f.is_empty(), "{f:?}");
    assert!(d.is_empty(), "{d:?}");
    let (f, d) = t.tags_in_text("本应用不收集人脸信息，不要求打卡签到，无积分排名功能");
    assert!(f.is_empty(), "{f:?}");
    assert!(d.is_empty(), "{d:?}");
    let (f, _) = t.tags_in_text("虽然上级规定不得强制打卡，但本单位仍要求每日打卡");
    assert_eq!(strs(&f), ["打卡签到"]);
    let (f, d) = t.tags_in_text("");
    assert!(f.is_empty() && d.is_empty());
}

#[test]
fn tags_in_hostile_text_do_not_panic() {
    let t = tax();
    let huge = "打卡签到".repeat(200_000);
    let (f, _) = t.tags_in_text(&huge);
    assert_eq!(strs(&f), ["打卡签到"]);
    let odd = "\u{0}\u{FEFF}<script>alert(1)</script>=HYPERLINK(\"x\")\u{202E}签到";
    let (f, _) = t.tags_in_text(odd);
    assert_eq!(strs(&f), ["打卡签到"]);
}

#[test]
fn taxonomy_has_enough_tags() {
    let t = tax();
    let n_functions = t.functions().count();
    let n_fields = t.data_fields().count();
    assert!(n_functions >= 80, "{n_functions} function tags");
    assert!(n_fields >= 120, "{n_fields} data-field tags");
}

#[test]
fn every_canonical_tag_maps_to_itself_and_every_synonym_to_its_tag() {
    let t = tax();
    for kind in [TagKind::Function, TagKind::DataField] {
        let mut names = BTreeSet::new();
        for entry in t.entries(kind) {
            assert!(names.insert(entry.name()), "duplicate {}", entry.name());
            assert_eq!(t.tag(kind, entry.name()), entry.name());
            assert!(!entry.domain().is_empty(), "{} has no domain", entry.name());
            for s in entry.synonyms() {
                assert_eq!(t.tag(kind, s), entry.name(), "{s}");
                assert_eq!(normalize_text(s), s, "synonym {s} is not normalised");
            }
        }
    }
}

#[test]
fn no_synonym_maps_to_two_tags() {
    // The loader rejects this; check the file directly too, so the test states the
    // invariant rather than trusting the loader.
    let text = include_str!("../../data/taxonomy.toml");
    let value: toml::Value = match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    for kind in ["function", "data_field"] {
        let mut owner: BTreeMap<String, String> = BTreeMap::new();
        let entries = value
            .get(kind)
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default();
        assert!(!entries.is_empty(), "{kind}");
        for entry in entries {
            let name = entry
                .get("tag")
                .and_then(toml::Value::as_str)
                .unwrap_or_default()
                .to_string();
            let synonyms = entry
                .get("synonyms")
                .and_then(toml::Value::as_array)
                .cloned()
                .unwrap_or_default();
            let keys = std::iter::once(name.clone()).chain(
                synonyms
                    .iter()
                    .filter_map(|s| s.as_str().map(|s| normalize_text(s).to_lowercase())),
            );
            for key in keys {
                if let Some(previous) = owner.insert(key.clone(), name.clone()) {
                    assert_eq!(previous, name, "[[{kind}]] “{key}” in two tags");
                }
            }
        }
    }
}

#[test]
fn every_trait_code_is_known_and_round_trips() {
    for t in Trait::ALL {
        assert_eq!(Trait::from_code(t.code()), Some(t));
        assert!(!t.label_zh().is_empty());
    }
    assert_eq!(Trait::from_code("nope"), None);
    let text = include_str!("../../data/taxonomy.toml");
    let value: toml::Value = match toml::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    let mut used = BTreeSet::new();
    for kind in ["function", "data_field"] {
        for entry in value
            .get(kind)
            .and_then(toml::Value::as_array)
            .into_iter()
            .flatten()
        {
            for code in entry
                .get("traits")
                .and_then(toml::Value::as_array)
                .into_iter()
                .flatten()
            {
                let code = code.as_str().unwrap_or("<not a string>");
                assert!(Trait::from_code(code).is_some(), "unknown trait {code}");
                used.insert(code.to_string());
            }
        }
    }
    // Every trait is used by at least one tag, so none is dead.
    for t in Trait::ALL {
        assert!(used.contains(t.code()), "trait {} unused", t.code());
    }
}

#[test]
fn bad_taxonomy_files_are_errors_naming_the_file() {
    let path = Path::new("local/taxonomy.toml");
    let cases = [
        "[[function]]\ntag = \"甲\"\nsynonyms = [\"乙\"]\n[[function]]\ntag = \"丙\"\nsynonyms = [\"乙\"]\n",
        "[[function]]\ntag = \"甲\"\ntraits = [\"nope\"]\n",
        "[[function]]\ntag = \"  \"\n",
        "[[function]]\ntag = \"甲\"\nsynonym = [\"乙\"]\n",
        "[free_text]\nexclude = [\"不存在\"]\n",
        "[[function]\n",
    ];
    for text in cases {
        match Taxonomy::from_toml(path, text) {
            Ok(_) => panic!("accepted: {text}"),
            Err(e) => assert!(e.to_string().contains("local/taxonomy.toml"), "{e}"),
        }
    }
}

#[test]
fn a_local_extension_adds_synonyms_and_tags() {
    let path = Path::new("fingertip-taxonomy.toml");
    let text = "[[function]]\ntag = \"打卡签到\"\nsynonyms = [\"钉钉打卡\"]\n\
                [[data_field]]\ntag = \"渔船编号\"\ndomain = \"农业农村\"\nsynonyms = [\"船号\"]\n";
    let t = match Taxonomy::builtin_extended(path, text) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(t.function_tag("钉钉打卡"), "打卡签到");
    assert_eq!(t.function_tag("签到打卡"), "打卡签到");
    assert_eq!(t.data_field_tag("船号"), "渔船编号");
    // A conflict with the built-in synonyms names the local file.
    let clash = "[[function]]\ntag = \"新功能\"\nsynonyms = [\"签到打卡\"]\n";
    match Taxonomy::builtin_extended(path, clash) {
        Ok(_) => panic!("clash accepted"),
        Err(e) => assert!(e.to_string().contains("fingertip-taxonomy.toml"), "{e}"),
    }
}

#[test]
fn memo_agrees_with_direct_lookups() {
    let t = tax();
    let mut memo = t.memo();
    let cells = [
        "签到打卡",
        "签到打卡",
        "身份證號碼",
        " 智慧 停车 ",
        "预约挂号服务",
        "姓名·历史",
        "",
    ];
    for _ in 0..2 {
        for cell in cells {
            assert_eq!(memo.function_tag(cell), t.function_tag(cell), "{cell}");
            assert_eq!(memo.data_field_tag(cell), t.data_field_tag(cell), "{cell}");
        }
    }
}

#[test]
fn taxonomy_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Taxonomy>();
}

proptest::proptest! {
    #[test]
    fn tag_lookup_is_idempotent(s in "[ 　签到打卡身份證号码登录（）()【】1①、，:*“”·a-zA-Z功能信息上传]{0,12}") {
        let t = tax();
        for kind in [TagKind::Function, TagKind::DataField] {
            let once = t.tag(kind, &s).into_owned();
            let twice = t.tag(kind, &once).into_owned();
            proptest::prop_assert_eq!(&once, &twice);
        }
    }
}
