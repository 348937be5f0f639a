//! Tests of owner-name parsing: real unit names across levels, subunits and roll-up keys.

use super::*;
use crate::org::{Overlay, SAMPLE_OVERLAY_TOML};
use proptest::prelude::*;
use std::sync::OnceLock;

fn builtin() -> &'static Gazetteer {
    Gazetteer::builtin()
}

fn sample() -> &'static Gazetteer {
    static SAMPLE: OnceLock<Gazetteer> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let overlay = Overlay::from_toml_str(SAMPLE_OVERLAY_TOML).unwrap();
        Gazetteer::builtin().with_overlay(&overlay).unwrap()
    })
}

/// One expected parse: area name (or "" for none), bureau, subunit, kind, level,
/// category code.
struct Case {
    name: &'static str,
    area: &'static str,
    bureau: &'static str,
    subunit: &'static str,
    kind: UnitKind,
    level: Option<Level>,
    category: Option<&'static str>,
}

#[rustfmt::skip]
fn case(name: &'static str, area: &'static str, bureau: &'static str, subunit: &'static str,
        kind: UnitKind, level: Option<Level>, category: Option<&'static str>) -> Case {
    Case { name, area, bureau, subunit, kind, level, category }
}

fn check(gazetteer: &Gazetteer, cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let unit = OwnerUnit::parse(c.name, gazetteer, &[]);
        let got = (
            unit.area.map(|a| a.name()).unwrap_or_default(),
            unit.bureau.as_deref().unwrap_or_default(),
            unit.subunit.as_deref().unwrap_or_default(),
            unit.kind,
            unit.level,
            unit.category.map(|c| c.code()),
        );
        let want = (c.area, c.bureau, c.subunit, c.kind, c.level, c.category);
        if got != want {
            failures.push(format!("{}:\n  got  {got:?}\n  want {want:?}", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn real_unit_names_parse() {
    use Level::*;
    use UnitKind::*;
    #[rustfmt::skip]
    let cases = [
        case("兴国县自然资源局综合执法大队", "兴国县", "自然资源局", "综合执法大队", Department, Some(County), Some("natural-resources")),
        case("兴国县自然资源局", "兴国县", "自然资源局", "", Department, Some(County), Some("natural-resources")),
        case("江西省赣州市兴国县教育局", "兴国县", "教育局", "", Department, Some(County), Some("education")),
        case("兴国县教育局工会", "兴国县", "教育局", "工会", Department, Some(County), Some("education")),
        case("兴国县卫生健康委员会机关党委", "兴国县", "卫生健康委员会", "机关党委", Department, Some(County), Some("health")),
        case("兴国县卫健委", "兴国县", "卫健委", "", Department, Some(County), Some("health")),
        case("兴国县人民政府", "兴国县", "人民政府", "", Government, Some(County), None),
        case("兴国县人民政府办公室", "兴国县", "人民政府办公室", "", Department, Some(County), Some("government-office")),
        case("兴国县政府办", "兴国县", "政府办", "", Department, Some(County), Some("government-office")),
        case("中共兴国县委", "兴国县", "县委", "", PartyCommittee, Some(County), None),
        case("中共兴国县委员会", "兴国县", "县委", "", PartyCommittee, Some(County), None),
        case("中共兴国县委组织部", "兴国县", "县委组织部", "", Department, Some(County), Some("organisation")),
        case("兴国县委宣传部", "兴国县", "县委宣传部", "", Department, Some(County), Some("publicity")),
        case("兴国县委办公室", "兴国县", "县委办公室", "", Department, Some(County), Some("party-office")),
        case("中共兴国县委网络安全和信息化委员会办公室", "兴国县", "县委网络安全和信息化委员会办公室", "", Department, Some(County), Some("cyberspace")),
        case("兴国县潋江镇人民政府", "潋江镇", "人民政府", "", Government, Some(Township), None),
        case("兴国县潋江镇党委", "潋江镇", "党委", "", PartyCommittee, Some(Township), None),
        case("兴国县潋江镇综治办", "潋江镇", "综治办", "", Department, Some(Township), Some("politics-law")),
        case("兴国县潋江镇长岗村村民委员会", "潋江镇", "村民委员会", "", VillageCommittee, Some(Village), None),
        case("北京市东城区东华门街道办事处", "东华门街道", "办事处", "", Government, Some(Township), None),
        case("北京市东城区东华门街道党工委", "东华门街道", "党工委", "", PartyCommittee, Some(Township), None),
        case("北京市东城区东华门街道多福巷社区居民委员会", "东华门街道", "居民委员会", "", VillageCommittee, Some(Village), None),
        case("赣州市公安局交通警察支队", "赣州市", "公安局", "交通警察支队", Department, Some(City), Some("public-security")),
        case("公安县公安局", "公安县", "公安局", "", Department, Some(County), Some("public-security")),
        case("江西省自然资源厅", "江西省", "自然资源厅", "", Department, Some(Province), Some("natural-resources")),
        case("延边朝鲜族自治州教育局", "延边朝鲜族自治州", "教育局", "", Department, Some(City), Some("education")),
        case("延边州教育局", "延边朝鲜族自治州", "教育局", "", Department, Some(City), Some("education")),
        case("瑞金市市场监督管理局", "瑞金市", "市场监督管理局", "", Department, Some(County), Some("market")),
        case("瑞金市总工会", "瑞金市", "总工会", "", MassOrganisation, Some(County), Some("trade-union")),
        case("瑞金市妇联", "瑞金市", "妇联", "", MassOrganisation, Some(County), Some("women")),
        case("共青团瑞金市委员会", "瑞金市", "团市委", "", MassOrganisation, Some(County), Some("youth")),
        case("兴国县人民法院", "兴国县", "人民法院", "", Judiciary, Some(County), Some("court")),
        case("赣州市中级人民法院", "赣州市", "中级人民法院", "", Judiciary, Some(City), Some("court")),
        case("兴国县人民武装部", "兴国县", "人民武装部", "", Department, Some(County), Some("militia")),
        case("国家税务总局兴国县税务局第一税务分局", "兴国县", "税务局", "第一税务分局", Department, Some(County), Some("taxation")),
        case("兴国县融媒体中心", "兴国县", "融媒体中心", "", Institution, Some(County), Some("publicity")),
        case("兴国县疾病预防控制中心", "兴国县", "疾病预防控制中心", "", Institution, Some(County), Some("health")),
        case("杭州市西湖区数据资源管理局", "西湖区", "数据资源管理局", "", Department, Some(County), Some("data")),
        case("兴国自然资源局", "兴国县", "自然资源局", "", Department, Some(County), Some("natural-resources")),
        // No area in the name.
        case("县教育局", "", "教育局", "", Department, Some(County), Some("education")),
        case("市委组织部", "", "市委组织部", "", Department, Some(City), Some("organisation")),
        case("镇人民政府", "", "人民政府", "", Government, Some(Township), None),
        case("自然资源局", "", "自然资源局", "", Department, None, Some("natural-resources")),
        case("市场监督管理局", "", "市场监督管理局", "", Department, None, Some("market")),
        case("公安局", "", "公安局", "", Department, None, Some("public-security")),
        case("国家税务总局", "", "国家税务总局", "", Department, Some(National), Some("taxation")),
        case("新华书店", "", "新华书店", "", Unknown, None, None),
    ];
    check(builtin(), &cases);
}

#[test]
fn sample_city_owners_parse() {
    use Level::*;
    use UnitKind::*;
    #[rustfmt::skip]
    let cases = [
        case("云栖县雾溪镇雾岭村村民委员会", "雾岭村", "村民委员会", "", VillageCommittee, Some(Village), None),
        case("望澜区澜湖街道澄湖社区居民委员会", "澄湖社区", "居民委员会", "", VillageCommittee, Some(Village), None),
        case("望澜区澜湖街道办事处", "澜湖街道", "办事处", "", Government, Some(Township), None),
        case("中共云栖县委政法委员会", "云栖县", "县委政法委员会", "", Department, Some(County), Some("politics-law")),
        case("中共澄岚市直属机关工作委员会", "澄岚市", "直属机关工作委员会", "", PartyCommittee, Some(City), Some("organisation")),
        case("共青团澄岚市委员会", "澄岚市", "团市委", "", MassOrganisation, Some(City), Some("youth")),
        case("国家税务总局岚江省税务局", "岚江省", "税务局", "", Department, Some(Province), Some("taxation")),
        case("岚江省人民政府新闻办公室", "岚江省", "人民政府新闻办公室", "", Department, Some(Province), Some("publicity")),
        case("澄岚住房公积金管理中心", "澄岚市", "住房公积金管理中心", "", Institution, Some(City), Some("housing")),
        case("澄岚市中心血站", "澄岚市", "中心血站", "", Institution, Some(City), Some("health")),
        case("澄岚市消防救援支队", "澄岚市", "消防救援支队", "", Institution, Some(City), Some("emergency")),
        case("澄岚市网信办", "澄岚市", "网信办", "", Department, Some(City), Some("cyberspace")),
        case("澄岚市数据局", "澄岚市", "数据局", "", Department, Some(City), Some("data")),
        case("岚江省大数据发展管理局", "岚江省", "大数据发展管理局", "", Department, Some(Province), Some("data")),
        case("澄岚市爱国卫生运动委员会办公室", "澄岚市", "爱国卫生运动委员会", "办公室", Department, Some(City), Some("health")),
        case("白鹭县残疾人联合会", "白鹭县", "残疾人联合会", "", MassOrganisation, Some(County), Some("disabled")),
        case("云栖县总工会", "云栖县", "总工会", "", MassOrganisation, Some(County), Some("trade-union")),
        case("青枫县岚坪乡人民政府", "岚坪乡", "人民政府", "", Government, Some(Township), None),
    ];
    check(sample(), &cases);
}

#[test]
fn subunits_roll_up_to_their_bureau() {
    let g = builtin();
    let key = |name: &str| OwnerUnit::parse(name, g, &[]).rollup_key();
    let bureau = key("兴国县自然资源局");
    assert_eq!(bureau, "360732||natural-resources");
    for name in [
        "兴国县自然资源局综合执法大队",
        "赣州市兴国县自然资源局",
        "兴国县自然资源局工会",
        "兴国县自然资源局机关党委",
        "兴国县自然资源局团委",
        "兴国县自然资源局妇委会",
        "兴国自然资源局",
    ] {
        assert_eq!(key(name), bureau, "{name}");
    }
    // Spellings of one bureau share a key; other bureaus and areas do not.
    assert_eq!(key("兴国县卫健委"), key("兴国县卫生健康委员会"));
    assert_eq!(key("兴国县委网信办"), key("兴国县网信办"));
    assert_eq!(key("中共兴国县委组织部"), "360732||organisation");
    assert_ne!(key("兴国县委办"), key("兴国县政府办"));
    assert_ne!(key("兴国县卫健委"), key("兴国县疾病预防控制中心"));
    assert_ne!(key("兴国县自然资源局"), key("于都县自然资源局"));
    assert_ne!(key("兴国县自然资源局"), key("兴国县教育局"));
    let unit = OwnerUnit::parse("兴国县自然资源局综合执法大队", g, &[]);
    assert!(unit.is_subunit());
    assert_eq!(unit.rollup_name(), "兴国县自然资源局");
    assert_eq!(
        OwnerUnit::parse("中共兴国县委组织部", g, &[]).rollup_name(),
        "兴国县委组织部"
    );
    assert_eq!(
        OwnerUnit::parse("县教育局", g, &[]).rollup_name(),
        "县教育局"
    );
    // The village committee and its township are different units.
    let village = OwnerUnit::parse("兴国县潋江镇长岗村村民委员会", g, &[]);
    assert_eq!(village.village.as_deref(), Some("长岗村"));
    assert_ne!(village.rollup_key(), key("兴国县潋江镇人民政府"));
    assert_eq!(village.rollup_name(), "潋江镇长岗村村民委员会");
    let branch = OwnerUnit::parse("兴国县潋江镇长岗村党支部", g, &[]);
    assert_eq!(branch.kind, UnitKind::PartyCommittee);
    assert_eq!(branch.level, Some(Level::Village));
    assert_eq!(branch.village.as_deref(), Some("长岗村"));
}

#[test]
fn context_settles_ambiguity_and_fills_level_words() {
    let g = builtin();
    let unit = OwnerUnit::parse("朝阳区教育委员会", g, &[]);
    assert!(unit.area.is_none());
    assert_eq!(unit.area_candidates.len(), 2, "{:?}", unit.area_candidates);
    assert_eq!(unit.bureau.as_deref(), Some("教育委员会"));
    assert_eq!(unit.category, Some(Category::Education));
    let beijing = g.area("11").unwrap();
    let unit = OwnerUnit::parse("朝阳区教育委员会", g, &[beijing]);
    assert_eq!(unit.area.unwrap().code(), "110105");
    assert_eq!(unit.area_source, AreaSource::Name);

    let xingguo = g.area("360732").unwrap();
    let unit = OwnerUnit::parse("县教育局", g, &[xingguo]);
    assert_eq!(unit.area.unwrap().code(), "360732");
    assert_eq!(unit.area_source, AreaSource::Context);
    let unit = OwnerUnit::parse("市教育局", g, &[xingguo]);
    assert_eq!(unit.area.unwrap().name(), "赣州市");
    assert_eq!(unit.level, Some(Level::City));
    let unit = OwnerUnit::parse("自然资源局", g, &[xingguo]);
    assert_eq!(unit.area.unwrap().code(), "360732");
    assert_eq!(unit.rollup_key(), "360732||natural-resources");
    let unit = OwnerUnit::parse("自然资源局", g, &[]);
    assert_eq!(unit.area_source, AreaSource::None);
}

#[test]
fn unrecognised_names_keep_what_was_found() {
    let g = builtin();
    for name in [
        "",
        "   ",
        "？？？",
        "abc",
        "局",
        "委",
        "中共",
        "共青团",
        "兴国县",
        "县",
        "村民委员会",
    ] {
        let unit = OwnerUnit::parse(name, g, &[]);
        assert!(unit.name.chars().all(|c| !c.is_whitespace()));
        let _ = (unit.rollup_key(), unit.rollup_name());
    }
    let unit = OwnerUnit::parse("兴国县", g, &[]);
    assert_eq!(unit.area.unwrap().code(), "360732");
    assert_eq!(unit.kind, UnitKind::Unknown);
    assert_eq!(unit.bureau, None);
    let unit = OwnerUnit::parse("张三", g, &[]);
    assert_eq!(unit.area, None);
    assert_eq!(unit.kind, UnitKind::Unknown);
    assert_eq!(unit.bureau.as_deref(), Some("张三"));
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let g = sample();
        let unit = OwnerUnit::parse(&text, g, &[]);
        let _ = (unit.rollup_key(), unit.rollup_name());
        let _ = g.resolve(&text);
    }

    #[test]
    fn area_like_text_never_panics(
        parts in proptest::collection::vec(
            proptest::sample::select(vec![
                "江西省", "赣州", "兴国县", "潋江镇", "朝阳区", "县", "市直", "委", "中共", "共青团",
                "自然资源局", "村民委员会", "工会", "党委", "人民政府", "街道", "办事处", "雾岭村",
                "澄岚", "9", "36", "(", "）", " ", "本级", "团", "国家税务总局",
            ]),
            0..8,
        )
    ) {
        let text: String = parts.concat();
        let g = sample();
        let context = [g.area("360732").unwrap()];
        let unit = OwnerUnit::parse(&text, g, &context);
        let _ = (unit.rollup_key(), unit.rollup_name());
        if let Some(area) = unit.area {
            prop_assert!(g.area(area.code()).is_some());
        }
        let _ = g.resolve_in(&text, &context);
    }
}

/// Every owner and supervisor spelling of the sample inventory, with its region cell.
const SAMPLE_OWNERS: [(&str, &str); 12] = [
    ("云栖县人力资源和社会保障局", "云栖县"),
    ("中共岚江省委组织部", "岚江省"),
    ("中共澄岚市委社会工作部", "澄岚市"),
    ("云栖县人民武装部", "云栖县"),
    ("云栖县民族宗教事务局", "云栖县"),
    ("望澜区退役军人事务局", "望澜区"),
    ("澄岚市文化广电旅游局", "澄岚市"),
    ("澄岚市自然资源和规划局", "澄岚市"),
    ("澄岚市城市运行管理中心", "澄岚市"),
    ("望澜区鹭汀街道汀兰社区居民委员会", "望澜区鹭汀街道汀兰社区"),
    ("白鹭县栖鹭乡人民政府", "白鹭县栖鹭乡"),
    ("青枫县妇女联合会", "青枫县"),
];

#[test]
fn sample_inventory_owners_sit_in_their_region() {
    let g = sample();
    for (owner, region) in SAMPLE_OWNERS {
        let region = g.resolve(region).area().expect(region);
        let unit = OwnerUnit::parse(owner, g, &[]);
        let area = unit.area.unwrap_or_else(|| panic!("{owner}: no area"));
        assert_eq!(area.code(), region.code(), "{owner}");
        assert_ne!(unit.kind, UnitKind::Unknown, "{owner}");
        assert!(
            unit.category.is_some() || unit.kind != UnitKind::Department,
            "{owner}"
        );
        assert_eq!(unit.area_source, AreaSource::Name, "{owner}");
    }
}
