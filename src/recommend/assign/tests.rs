//! Tests of the 双交办 assignments: the sample overlay, places read from names, the
//! organisation table and the register's department column.

use super::*;
use crate::org::{Overlay, SAMPLE_OVERLAY_TOML};

fn sample_gazetteer() -> Gazetteer {
    let overlay = Overlay::from_toml_str(SAMPLE_OVERLAY_TOML).expect("overlay");
    Gazetteer::builtin()
        .with_overlay(&overlay)
        .expect("valid overlay")
}

fn platform(kind: Kind, owner: &str, region: Option<&str>) -> Platform {
    Platform {
        id: "P".into(),
        name: "平台".into(),
        kind,
        owner: Some(owner.into()),
        region: region.map(Into::into),
        ..Default::default()
    }
}

/// No 属地 is a village, a community or a 街道 "人民政府".
fn assert_region_is_a_government(region: &str) {
    for bad in [
        "村人民政府",
        "社区人民政府",
        "街道人民政府",
        "居委会",
        "村委会",
    ] {
        assert!(!region.contains(bad), "{region}");
    }
    assert!(
        region.ends_with("人民政府") || region.ends_with("办事处") || region.contains("待明确"),
        "{region}"
    );
}

#[test]
fn a_village_item_goes_to_its_township_and_a_street_to_its_office() {
    let g = sample_gazetteer();
    let (org, problems) = OrgModel::new(&g, &OrgSettings::default());
    assert!(problems.is_empty());
    let village = org.assign(&platform(
        Kind::Group,
        "云栖县雾溪镇雾岭村村民委员会",
        Some("云栖县雾溪镇雾岭村"),
    ));
    assert_eq!(village.region, "云栖县雾溪镇人民政府");
    assert_eq!(village.responsible, "云栖县雾溪镇雾岭村村民委员会");
    assert_ne!(village.department, village.responsible);
    let street = org.assign(&platform(
        Kind::Group,
        "望澜区澜湖街道办事处",
        Some("望澜区澜湖街道"),
    ));
    assert_eq!(street.region, "望澜区澜湖街道办事处");
    // A street office's group answers to the district government's office.
    assert_eq!(street.department, "望澜区人民政府办公室");
    let community = org.assign(&platform(
        Kind::Group,
        "望澜区澜湖街道澄湖社区居民委员会",
        Some("望澜区澜湖街道澄湖社区"),
    ));
    assert_eq!(community.region, "望澜区澜湖街道办事处");
    for a in [&village, &street, &community] {
        assert_region_is_a_government(&a.region);
    }
}

#[test]
fn the_line_department_is_chosen_by_kind_and_is_never_the_owner() {
    let g = sample_gazetteer();
    let (org, _) = OrgModel::new(&g, &OrgSettings::default());
    let account = org.assign(&platform(Kind::Account, "澄岚市民政局", Some("澄岚市")));
    assert_eq!(account.region, "澄岚市人民政府");
    assert_eq!(account.department, "澄岚市人民政府办公室");
    // The government office's own account goes to the office one level up.
    let office = org.assign(&platform(
        Kind::Account,
        "澄岚市人民政府办公室",
        Some("澄岚市"),
    ));
    assert_eq!(office.department, "岚江省人民政府办公厅");
    let app = org.assign(&platform(Kind::App, "云栖县教育局", Some("云栖县")));
    assert_eq!(app.department, "云栖县委网信办");
    // The cyberspace office's own app goes to the data authority.
    let own = org.assign(&platform(
        Kind::MiniProgram,
        "云栖县委网信办",
        Some("云栖县"),
    ));
    assert_eq!(own.department, "云栖县数据局");
    // A township's app: the county's authority (townships have none).
    let town_app = org.assign(&platform(Kind::App, "云栖县雾溪镇人民政府", None));
    assert_eq!(town_app.region, "云栖县雾溪镇人民政府");
    assert_eq!(town_app.department, "云栖县委网信办");
    // Groups and forms: the owner's line department one level up.
    let form = org.assign(&platform(Kind::Form, "云栖县民政局", Some("云栖县")));
    assert_eq!(form.department, "澄岚市民政局");
    let province_form = org.assign(&platform(Kind::Form, "岚江省民政厅", Some("岚江省")));
    assert_eq!(province_form.department, "民政部");
    let town_form = org.assign(&platform(Kind::Form, "云栖县雾溪镇人民政府", None));
    assert_eq!(town_form.department, "云栖县人民政府办公室");
    for a in [
        &account,
        &office,
        &app,
        &own,
        &town_app,
        &form,
        &province_form,
        &town_form,
    ] {
        assert_ne!(a.department, a.responsible);
        assert!(a.basis.zh.contains("按惯例推定"), "{}", a.basis.zh);
    }
}

#[test]
fn the_organisation_table_names_the_bodies_and_bad_rows_are_problems() {
    let g = sample_gazetteer();
    let settings: OrgSettings = toml::from_str(
        r#"
jurisdiction = "澄岚市"
app_authority = "data"
[[units]]
area = "澄岚市"
role = "government-office"
name = "澄岚市人民政府办公室（政务公开科）"
[[units]]
area = "900121"
role = "数据/政务服务"
name = "云栖县政务服务数据管理局"
"#,
    )
    .unwrap();
    let (org, problems) = OrgModel::new(&g, &settings);
    assert!(problems.is_empty(), "{problems:?}");
    let account = org.assign(&platform(Kind::Account, "澄岚市民政局", Some("澄岚市")));
    assert_eq!(account.department, "澄岚市人民政府办公室（政务公开科）");
    assert!(account.basis.zh.contains("[org]"), "{}", account.basis.zh);
    let app = org.assign(&platform(Kind::App, "云栖县教育局", Some("云栖县")));
    assert_eq!(app.department, "云栖县政务服务数据管理局");
    // A provincial unit is outside the city's jurisdiction: said in the basis.
    let province = org.assign(&platform(Kind::App, "岚江省教育厅", Some("岚江省")));
    assert_eq!(province.region, "岚江省人民政府");
    assert!(
        province.basis.zh.contains("报请上级专班"),
        "{}",
        province.basis.zh
    );
    assert!(!app.basis.zh.contains("报请上级专班"));

    let bad: OrgSettings = toml::from_str(
        "app_authority = \"police\"\n[[units]]\narea = \"澄岚市\"\nrole = \"bogus\"\nname = \"某办\"\n",
    )
    .unwrap();
    let (_, problems) = OrgModel::new(&g, &bad);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[1].contains("bogus"));
    assert!(toml::from_str::<OrgSettings>("bogus = 1").is_err());
}

#[test]
fn places_outside_the_gazetteer_are_read_from_their_names() {
    // A fictional city with no overlay, named as its offices write it.
    let (org, _) = OrgModel::new(Gazetteer::builtin(), &OrgSettings::default());
    let cases = [
        (
            Kind::Group,
            "青箬县箬溪镇枫林村村民委员会",
            "青箬县箬溪镇人民政府",
        ),
        (
            Kind::Group,
            "梧川区玉带街道翠屏社区居民委员会",
            "梧川区玉带街道办事处",
        ),
        (Kind::Group, "梧川区玉带街道办事处", "梧川区玉带街道办事处"),
        (Kind::Group, "梧川区鹤鸣镇人民政府", "梧川区鹤鸣镇人民政府"),
        (Kind::Group, "栖梧市市场监督管理局", "栖梧市人民政府"),
        (Kind::Form, "中共栖梧市委办公室", "栖梧市人民政府"),
        (Kind::App, "岑垭县委组织部", "岑垭县人民政府"),
    ];
    for (kind, owner, region) in cases {
        let a = org.assign(&platform(kind, owner, None));
        assert_eq!(a.region, region, "{owner}");
        assert_region_is_a_government(&a.region);
        assert_ne!(a.department, a.responsible, "{owner}");
    }
    // Without a home city a county's place has no parent: its own government office.
    let county_bureau = org.assign(&platform(Kind::Group, "青箬县应急管理局", None));
    assert_eq!(county_bureau.department, "青箬县人民政府办公室");
    // The city most owners name is the home the counties hang under.
    let register = [
        platform(Kind::Group, "栖梧市民政局", None),
        platform(Kind::Group, "栖梧市教育局", None),
        platform(Kind::Group, "青箬县应急管理局", None),
    ];
    let homed = org.with_home_from(&register);
    let county_bureau = homed.assign(&register[2]);
    assert_eq!(county_bureau.department, "栖梧市应急管理局");
    assert_eq!(county_bureau.region, "青箬县人民政府");
    let town = homed.assign(&platform(Kind::Form, "青箬县箬溪镇人民政府", None));
    assert_eq!(town.department, "青箬县人民政府办公室");
    let list = org.assign(&platform(Kind::Form, "各乡镇民政办", None));
    assert!(list.region.contains("待明确"), "{}", list.region);
    assert!(list.department.contains("待明确"), "{}", list.department);
    let village_only = org.assign(&platform(Kind::Group, "枫林村村民委员会", None));
    assert!(
        village_only.region.contains("待明确"),
        "{}",
        village_only.region
    );
    assert_region_is_a_government(&village_only.region);
}

#[test]
fn a_register_department_column_naming_another_unit_wins() {
    let (org, _) = OrgModel::new(Gazetteer::builtin(), &OrgSettings::default());
    let org = org.with_home_from(&[platform(Kind::Form, "栖梧市统计局", None)]);
    let mut p = platform(Kind::Form, "青箬县统计局", None);
    p.department = Some("栖梧市统计局".into());
    let a = org.assign(&p);
    assert_eq!(a.department, "栖梧市统计局");
    assert!(a.basis.zh.contains("行业主管部门”列"), "{}", a.basis.zh);
    // A column that repeats the owner is ignored.
    p.department = Some("青箬县统计局".into());
    assert_eq!(org.assign(&p).department, "栖梧市统计局");
}
