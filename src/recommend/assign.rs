//! 双交办 assignments derived from the organisation model: for each platform the 属地
//! government (the government of the owner's area at township level or above: a
//! village's or community's items go to its 乡镇人民政府 or 街道办事处), the 行业主管部门
//! chosen by kind, the 整改责任单位 (the owner) and, for a merge, the 承接单位 (the
//! target's owner). Pure: the pipeline hands in the gazetteer (with the inventory's
//! overlay) and the organisation table of `[org]` in fingertip.toml.
//!
//! The line department, by kind:
//!
//! ```text
//! account, website            → the same level's government office (政务公开): 人民政府办公室
//!                               (办公厅 at province level, 党政综合办公室 at township level)
//! app, mini program, platform → the same level's 网信 authority (`app_authority`, or 数据),
//!                               the other one when the owner is that authority
//! group, form                 → the owner's line department one level up (县民政局 → 市民政局;
//!                               a township government → the county's government office;
//!                               a village committee → its township government)
//! ```
//!
//! A name comes from the organisation table when it lists the role at that area, else
//! from the owner's own bureau name or the usual name of the body (按惯例推定, said in
//! the basis). A candidate that is the owner itself is skipped for the next one, so the
//! 行业主管部门 is never the owner. A `department` column in the register that names
//! another unit wins. Places the gazetteer does not hold (a fictional city without an
//! overlay) are read from the administrative suffixes of the owner and region names.

use std::collections::HashMap;

use serde::Deserialize;

use crate::model::{Kind, Level, Msg, Platform};
use crate::normalize::normalize_text;
use crate::org::{
    government_body, Area, Category, Gazetteer, OverlayArea, OwnerUnit, Resolution, UnitKind,
};

/// `[org]` in fingertip.toml: the organisation table and the places the gazetteer lacks.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OrgSettings {
    /// The area whose 专班 runs the audit (澄岚市). Items of units outside it are still
    /// assigned to their own 属地, and the basis says they go through the higher 专班.
    pub jurisdiction: Option<String>,
    /// Who supervises apps and mini programs at each level: `cyberspace` (网信, the
    /// default) or `data` (数据).
    pub app_authority: Option<String>,
    /// Places missing from the gazetteer (fictional or new), in the format of
    /// data/divisions/sample_overlay.toml.
    pub areas: Vec<OverlayArea>,
    /// The organisation table: which body plays which role in which area.
    pub units: Vec<OrgUnitRow>,
}

/// One row of the organisation table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgUnitRow {
    /// The area, by name (澄岚市, 云栖县) or division code.
    pub area: String,
    /// The role: a line-department category code or label (`government-office` /
    /// 政府办公室, `cyberspace` / 网信, `data`, `civil-affairs` / 民政 …).
    pub role: String,
    /// The body's full name (澄岚市人民政府办公室).
    pub name: String,
}

/// The organisation model an audit assigns with: the gazetteer, the organisation table
/// resolved against it, the jurisdiction and the app authority.
#[derive(Debug, Clone)]
pub struct OrgModel<'g> {
    gazetteer: &'g Gazetteer,
    /// (area code, or normalised area name for places outside the gazetteer; role) → name.
    units: HashMap<(String, Category), String>,
    jurisdiction: Option<Place>,
    app_authority: Category,
    /// The area a register's parentless place names hang under (栖梧市 for 青箬县 in a
    /// fictional city's register): the jurisdiction, else the city most owners name.
    home: Option<Place>,
    /// The national level, above every province.
    national: Place,
}

impl OrgModel<'static> {
    /// The built-in gazetteer with no organisation table.
    pub fn builtin() -> OrgModel<'static> {
        OrgModel::new(Gazetteer::builtin(), &OrgSettings::default()).0
    }
}

impl<'g> OrgModel<'g> {
    /// Resolves the table of `settings` against `gazetteer` (which should already hold
    /// `settings.areas`), with the problems found (Chinese, naming the row): an unknown
    /// role or an ambiguous area leaves its row out; an area the gazetteer lacks is kept
    /// by its name.
    pub fn new(gazetteer: &'g Gazetteer, settings: &OrgSettings) -> (OrgModel<'g>, Vec<String>) {
        let mut problems = Vec::new();
        let app_authority = match settings.app_authority.as_deref().map(str::trim) {
            None | Some("") => Category::Cyberspace,
            Some(text) => match Category::parse(text) {
                Some(c @ (Category::Cyberspace | Category::Data)) => c,
                _ => {
                    problems.push(format!(
                        "[org] app_authority = {text:?}：应为 cyberspace（网信）或 data（数据）"
                    ));
                    Category::Cyberspace
                }
            },
        };
        let mut units = HashMap::new();
        for (n, row) in settings.units.iter().enumerate() {
            let Some(role) = Category::parse(&row.role) else {
                problems.push(format!(
                    "[org] 第 {} 个 units（{}）：未知的职能 {:?}",
                    n + 1,
                    row.name,
                    row.role
                ));
                continue;
            };
            let name = row.name.trim().to_string();
            if name.is_empty() {
                problems.push(format!("[org] 第 {} 个 units：name 为空", n + 1));
                continue;
            }
            let key = match gazetteer.resolve(&row.area) {
                Resolution::Found(area) => area.code().to_string(),
                Resolution::Ambiguous(candidates) => {
                    problems.push(format!(
                        "[org] 第 {} 个 units（{}）：区划 {:?} 不唯一（{}），请写全称或代码",
                        n + 1,
                        row.name,
                        row.area,
                        candidates
                            .iter()
                            .map(|a| a.full_name())
                            .collect::<Vec<_>>()
                            .join("、")
                    ));
                    continue;
                }
                Resolution::NotFound => normalize_text(&row.area),
            };
            units.insert((key, role), name);
        }
        let jurisdiction = settings
            .jurisdiction
            .as_deref()
            .filter(|j| !j.trim().is_empty())
            .and_then(|text| match gazetteer.resolve(text) {
                Resolution::Found(area) => Some(Place::of_area(gazetteer, area)),
                Resolution::Ambiguous(_) => {
                    problems.push(format!("[org] jurisdiction = {text:?}：区划不唯一"));
                    None
                }
                Resolution::NotFound => Place::of_text(text),
            });
        let model = OrgModel {
            gazetteer,
            units,
            home: jurisdiction.clone(),
            jurisdiction,
            app_authority,
            national: Place {
                code: None,
                name: "国家".into(),
                level: Level::National,
                government: "国务院".into(),
                prefix: String::new(),
                parent: None,
            },
        };
        (model, problems)
    }

    /// The gazetteer assignments are resolved in.
    pub fn gazetteer(&self) -> &'g Gazetteer {
        self.gazetteer
    }

    /// This model with the register's home area settled: without a jurisdiction, the
    /// city-level place most owner names outside the gazetteer start with (ties by
    /// name), under which their counties hang so that "one level up" exists.
    pub fn with_home_from(&self, platforms: &[Platform]) -> OrgModel<'g> {
        let mut model = self.clone();
        if model.home.is_some() {
            return model;
        }
        let mut counts: std::collections::BTreeMap<String, (usize, Place)> = Default::default();
        let mut owners: HashMap<&str, usize> = HashMap::new();
        for platform in platforms {
            if let Some(owner) = platform.owner.as_deref() {
                *owners.entry(owner).or_default() += 1;
            }
        }
        for (owner, n) in owners {
            let Some(place) = Place::of_text(owner) else {
                continue;
            };
            let mut top = &place;
            while let Some(parent) = top.parent.as_deref() {
                top = parent;
            }
            if top.level == Level::City && top.code.is_none() {
                let entry = counts.entry(top.name.clone()).or_insert_with(|| {
                    (
                        0,
                        Place {
                            parent: None,
                            ..top.clone()
                        },
                    )
                });
                entry.0 += n;
            }
        }
        model.home = counts
            .into_values()
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.name.cmp(&a.1.name)))
            .map(|(_, place)| place);
        model
    }

    /// `place` with the home area above its top when its top is a county or township
    /// the names left without a parent.
    fn rooted(&self, place: Place) -> Place {
        let Some(home) = &self.home else {
            return place;
        };
        fn attach(place: &mut Place, home: &Place) {
            match place.parent.as_deref_mut() {
                Some(parent) => attach(parent, home),
                None => {
                    if place.code.is_none() && place.level > home.level && place.name != home.name {
                        place.parent = Some(Box::new(home.clone()));
                    }
                }
            }
        }
        let mut place = place;
        attach(&mut place, home);
        place
    }
}

/// An area as the assignment sees it: from the gazetteer, or read from a name's
/// administrative suffixes. Linked to its parent.
#[derive(Debug, Clone, PartialEq)]
struct Place {
    /// The division code, when the gazetteer knows the area.
    code: Option<String>,
    /// Its name (雾溪镇).
    name: String,
    level: Level,
    /// The proper name of its government (云栖县雾溪镇人民政府, 澜湖街道办事处).
    government: String,
    /// The name its bodies are prefixed with (云栖县雾溪镇, 澄岚市).
    prefix: String,
    parent: Option<Box<Place>>,
}

/// Administrative suffixes read from names, longest first, with the level they give.
/// 市 and 区 depend on their position (see [`Place::of_text`]).
const SUFFIXES: [(&str, Level); 15] = [
    ("特别行政区", Level::Province),
    ("自治区", Level::Province),
    ("自治州", Level::City),
    ("地区", Level::City),
    ("社区", Level::Village),
    ("街道", Level::Township),
    ("苏木", Level::Township),
    ("省", Level::Province),
    ("州", Level::City),
    ("盟", Level::City),
    ("市", Level::City),
    ("县", Level::County),
    ("旗", Level::County),
    ("区", Level::County),
    ("村", Level::Village),
];

/// Suffixes that, though township-level, are also read: 镇 and 乡.
const TOWN_SUFFIXES: [(&str, Level); 2] = [("镇", Level::Township), ("乡", Level::Township)];

fn strip_body(government: &str) -> String {
    for body in ["人民政府", "行政公署", "办事处", "管理委员会"] {
        if let Some(stem) = government.strip_suffix(body) {
            return stem.to_string();
        }
    }
    government.to_string()
}

impl Place {
    fn of_area(gazetteer: &Gazetteer, area: Area<'_>) -> Place {
        let parent = area
            .parent()
            .map(|p| Box::new(Place::of_area(gazetteer, p)));
        let government = gazetteer.government_of(area);
        let prefix = if area.level() > Level::Township {
            area.name().to_string()
        } else {
            strip_body(&government)
        };
        Place {
            code: Some(area.code().to_string()),
            name: area.name().to_string(),
            level: area.level(),
            government,
            prefix,
            parent,
        }
    }

    /// The chain of areas a name starts with (青箬县箬溪镇枫林村村民委员会 → 青箬县 ›
    /// 箬溪镇 › 枫林村), each strictly below the one before; `None` when it starts with
    /// none. 市场监督管理局 is not an area: a segment needs two characters before its
    /// suffix is read, and a known bureau name stops the scan.
    fn of_text(text: &str) -> Option<Place> {
        let text = normalize_text(text);
        // 各乡镇（街道）, 全市: a distribution list, not a place.
        if ["各", "全", "所有", "相关", "有关"]
            .iter()
            .any(|p| text.starts_with(p))
        {
            return None;
        }
        let mut rest = text.as_str();
        // Party and vertical prefixes are not places: 中共栖梧市委 is 栖梧市's.
        for prefix in ["中国共产党", "中共", "共青团", "国家税务总局", "国家统计局"]
        {
            if let Some(after) = rest.strip_prefix(prefix) {
                rest = after;
            }
        }
        let mut chain: Vec<(String, Level)> = Vec::new();
        'segments: while !rest.is_empty() {
            let chars: Vec<(usize, char)> = rest.char_indices().collect();
            // Try the shortest segment of at least two characters ending in a suffix.
            for end in 2..=chars.len().min(12) {
                let byte_end = chars.get(end).map_or(rest.len(), |(i, _)| *i);
                let segment = &rest[..byte_end];
                let stem_chars = |suffix: &str| segment.chars().count() - suffix.chars().count();
                let found = SUFFIXES
                    .iter()
                    .chain(TOWN_SUFFIXES.iter())
                    .find(|(suffix, _)| segment.ends_with(suffix) && stem_chars(suffix) >= 1);
                let Some(&(suffix, level)) = found else {
                    continue;
                };
                let level = match chain.last() {
                    // 市 under a city or county is a county-level city (县级市).
                    Some((_, Level::City)) if suffix == "市" => Level::County,
                    Some((_, Level::Province)) if suffix == "区" => Level::City,
                    _ => level,
                };
                if chain.last().is_some_and(|(_, last)| *last >= level) {
                    break 'segments;
                }
                // A bureau name starting here (发展和改革委员会) is not an area.
                if Category::longest_known_prefix(rest).is_some() {
                    break 'segments;
                }
                chain.push((segment.to_string(), level));
                rest = &rest[byte_end..];
                continue 'segments;
            }
            break;
        }
        let mut place: Option<Place> = None;
        for (name, level) in chain {
            let parent = place.take().map(Box::new);
            let body = government_body(&name, level);
            let (government, prefix) = match (&parent, level) {
                (Some(parent), Level::Township | Level::Village) => (
                    format!("{}{body}", parent.prefix_for_child()),
                    format!("{}{name}", parent.prefix_for_child()),
                ),
                _ => (body, name.clone()),
            };
            place = Some(Place {
                code: None,
                name,
                level,
                government,
                prefix,
                parent,
            });
        }
        place
    }

    /// The prefix a township below this place carries (its county's name).
    fn prefix_for_child(&self) -> String {
        match self.level {
            Level::Township | Level::Village => self.prefix.clone(),
            _ => self.name.clone(),
        }
    }

    /// The place whose government answers for this one: itself at township level or
    /// above, else the nearest such ancestor.
    fn governing(&self) -> Option<&Place> {
        let mut at = self;
        while at.level > Level::Township {
            at = at.parent.as_deref()?;
        }
        Some(at)
    }

    fn is_within(&self, outer: &Place) -> bool {
        let same = |a: &Place, b: &Place| match (&a.code, &b.code) {
            (Some(x), Some(y)) => x == y,
            _ => a.name == b.name,
        };
        let mut at = Some(self);
        while let Some(place) = at {
            if same(place, outer) {
                return true;
            }
            at = place.parent.as_deref();
        }
        false
    }

    fn key(&self) -> String {
        self.code
            .clone()
            .unwrap_or_else(|| normalize_text(&self.name))
    }
}

/// How a name was chosen, shown in the basis sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The organisation table of fingertip.toml.
    Table,
    /// The register's 行业主管部门 column.
    Column,
    /// The owner's own bureau name at the other level, or the usual name of the body.
    Convention,
}

/// The usual name of the body playing `role` at `place`, when one can be named without
/// the organisation table. `like` is the owner's bureau (民政局) when it plays the same
/// role one level down.
fn usual_name(place: &Place, role: Category, like: Option<&str>) -> Option<String> {
    use Category as C;
    let p = &place.prefix;
    if place.level == Level::National {
        return national_name(role).map(str::to_string);
    }
    let township = place.level >= Level::Township;
    let province = place.level == Level::Province;
    Some(match role {
        C::GovernmentOffice if township => format!("{p}党政综合办公室"),
        C::GovernmentOffice if province => format!("{}办公厅", place.government),
        C::GovernmentOffice => format!("{}办公室", place.government),
        C::PartyOffice if township => format!("{p}党政综合办公室"),
        C::PartyOffice if province => format!("{p}委办公厅"),
        C::PartyOffice => format!("{p}委办公室"),
        _ if township => return None,
        C::Cyberspace => format!("{p}委网信办"),
        C::Data => format!("{p}数据局"),
        C::Organisation => format!("{p}委组织部"),
        C::Publicity => format!("{p}委宣传部"),
        C::UnitedFront => format!("{p}委统战部"),
        C::PoliticsLaw => format!("{p}委政法委员会"),
        C::SocialWork => format!("{p}委社会工作部"),
        _ => {
            // Another line department: the owner's bureau name at this level
            // (民政局 → 民政厅 at province level).
            let bureau = like?;
            let bureau = if province {
                bureau
                    .strip_suffix('局')
                    .map(|stem| format!("{stem}厅"))
                    .unwrap_or_else(|| bureau.to_string())
            } else {
                bureau.to_string()
            };
            format!("{p}{bureau}")
        }
    })
}

/// The national body of a role, for items of provincial units.
fn national_name(role: Category) -> Option<&'static str> {
    use Category as C;
    Some(match role {
        C::GovernmentOffice => "国务院办公厅",
        C::PartyOffice => "中共中央办公厅",
        C::Cyberspace => "国家互联网信息办公室",
        C::Data => "国家数据局",
        C::Organisation => "中共中央组织部",
        C::Publicity => "中共中央宣传部",
        C::Development => "国家发展和改革委员会",
        C::Education => "教育部",
        C::Science => "科学技术部",
        C::Industry => "工业和信息化部",
        C::PublicSecurity => "公安部",
        C::CivilAffairs => "民政部",
        C::Justice => "司法部",
        C::Finance => "财政部",
        C::HumanResources => "人力资源社会保障部",
        C::NaturalResources => "自然资源部",
        C::Ecology => "生态环境部",
        C::Housing => "住房城乡建设部",
        C::Transport => "交通运输部",
        C::WaterResources => "水利部",
        C::Agriculture => "农业农村部",
        C::Commerce => "商务部",
        C::CultureTourism => "文化和旅游部",
        C::Health => "国家卫生健康委员会",
        C::VeteranAffairs => "退役军人事务部",
        C::Emergency => "应急管理部",
        C::Audit => "审计署",
        C::Market => "国家市场监督管理总局",
        C::Statistics => "国家统计局",
        C::Forestry => "国家林业和草原局",
        C::MedicalSecurity => "国家医疗保障局",
        C::Petition => "国家信访局",
        C::EthnicReligious => "国家民族事务委员会",
        C::Sports => "国家体育总局",
        C::Taxation => "国家税务总局",
        C::Meteorology => "中国气象局",
        _ => return None,
    })
}

/// The 双交办 pair and the units that act, with how they were chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assignment {
    /// 属地: the government of the owner's area at township level or above.
    pub region: String,
    /// 行业主管部门, never the owner.
    pub department: String,
    /// 整改责任单位: the owner.
    pub responsible: String,
    /// How the three were chosen (a Chinese sentence and its English).
    pub basis: Msg,
}

impl OrgModel<'_> {
    /// The place of a platform: the owner's area (by name, or the region's when the
    /// owner names none), from the gazetteer, else from the names' suffixes.
    fn place_of(&self, platform: &Platform) -> (Option<Place>, OwnerUnit<'_>) {
        let region_text = platform
            .region
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let owner_text = platform.owner.as_deref().unwrap_or("");
        let context: Vec<Area<'_>> = match region_text.map(|r| self.gazetteer.resolve(r)) {
            Some(Resolution::Found(area)) => vec![area],
            _ => Vec::new(),
        };
        let owner = OwnerUnit::parse(owner_text, self.gazetteer, &context);
        if let Some(area) = owner.area {
            return (Some(Place::of_area(self.gazetteer, area)), owner);
        }
        let owner_place = Place::of_text(owner_text);
        let region_place = region_text.and_then(Place::of_text);
        // The owner's own name first; a region chain that goes deeper and agrees with it
        // (owner 青箬县, region 青箬县箬溪镇) is not used: the owner's level decides.
        let place = owner_place.or(region_place).map(|p| self.rooted(p));
        (place, owner)
    }

    /// The name of the body playing `role` at `place`, and where it came from.
    fn body(&self, place: &Place, role: Category, like: Option<&str>) -> Option<(String, Source)> {
        let by_key = self.units.get(&(place.key(), role));
        let by_name = self.units.get(&(normalize_text(&place.name), role));
        if let Some(name) = by_key.or(by_name) {
            return Some((name.clone(), Source::Table));
        }
        usual_name(place, role, like).map(|n| (n, Source::Convention))
    }

    /// Assigns every platform, in platform order. Platforms with the same kind of
    /// line department, owner, region and department column share one computation, so
    /// a million platforms of a few thousand units cost a few thousand assignments.
    pub fn assign_all(&self, platforms: &[Platform]) -> Vec<Assignment> {
        use rayon::prelude::*;
        let class = |kind: Kind| match kind {
            Kind::Account | Kind::Website => 0u8,
            Kind::App | Kind::MiniProgram | Kind::Platform => 1,
            Kind::Group | Kind::Form => 2,
        };
        // (kind class, owner, region, department column).
        type Key<'p> = (u8, Option<&'p str>, Option<&'p str>, Option<&'p str>);
        let mut slots: HashMap<Key<'_>, usize> = HashMap::new();
        let mut firsts: Vec<usize> = Vec::new();
        let slot_of: Vec<usize> = platforms
            .iter()
            .enumerate()
            .map(|(idx, p)| {
                let key = (
                    class(p.kind),
                    p.owner.as_deref(),
                    p.region.as_deref(),
                    p.department.as_deref(),
                );
                *slots.entry(key).or_insert_with(|| {
                    firsts.push(idx);
                    firsts.len() - 1
                })
            })
            .collect();
        // Distinct keys on all cores, each thread with its own cache.
        let distinct: Vec<Assignment> = firsts
            .par_iter()
            .map_init(HashMap::new, |rollups, &idx| {
                self.assign_with(&platforms[idx], rollups)
            })
            .collect();
        slot_of.into_iter().map(|s| distinct[s].clone()).collect()
    }

    /// Assigns one platform (see the module docs).
    pub fn assign(&self, platform: &Platform) -> Assignment {
        self.assign_with(platform, &mut HashMap::new())
    }

    /// [`OrgModel::assign`] with a cache of candidate names' rollup keys (candidate
    /// names repeat across owners: one government office serves every bureau).
    fn assign_with(
        &self,
        platform: &Platform,
        rollups: &mut HashMap<String, String>,
    ) -> Assignment {
        let (place, owner) = self.place_of(platform);
        let governing = place.as_ref().and_then(Place::governing);
        let responsible = platform
            .owner
            .clone()
            .filter(|o| !o.trim().is_empty())
            .unwrap_or_else(|| "主办单位（台账未登记）".to_string());
        let region = match governing {
            Some(g) => g.government.clone(),
            None => "属地待明确（台账未写明主办单位所在区划）".to_string(),
        };
        let owner_rollup = owner.rollup_key();
        let mut same_as_owner = |name: &str| {
            let folded = |s: &str| normalize_text(s).replace("中共", "");
            if folded(name) == folded(&responsible) {
                return true;
            }
            // One bureau spelled two ways (卫健委, 卫生健康委员会) in one known area; the
            // key starts with the area code, so equal keys mean the same area.
            if owner.bureau.is_none() || owner.area.is_none() {
                return false;
            }
            let other = rollups
                .entry(name.to_string())
                .or_insert_with(|| OwnerUnit::parse(name, self.gazetteer, &[]).rollup_key());
            *other == owner_rollup
        };

        let mut department: Option<(String, Source)> = None;
        if let Some(column) = platform.department.as_deref().map(str::trim) {
            if !column.is_empty() && !same_as_owner(column) {
                department = Some((normalize_text(column), Source::Column));
            }
        }
        // The owner's bureau as written below its area (应急管理局), to name the same
        // bureau one level up.
        let bureau: Option<String> = match (&owner.area, &place) {
            (Some(_), _) => owner.bureau.clone(),
            (None, Some(place)) => {
                let mut chain = Vec::new();
                let mut at = Some(place);
                while let Some(p) = at {
                    chain.push(p.name.as_str());
                    at = p.parent.as_deref();
                }
                chain.reverse();
                let text = normalize_text(platform.owner.as_deref().unwrap_or(""));
                let text = ["中国共产党", "中共"]
                    .iter()
                    .find_map(|p| text.strip_prefix(p))
                    .unwrap_or(&text)
                    .to_string();
                // Skip the home city, which the name may not carry.
                let rest = chain
                    .iter()
                    .skip_while(|name| !text.starts_with(**name))
                    .try_fold(text.as_str(), |rest, name| rest.strip_prefix(name))
                    .unwrap_or("");
                Category::longest_known_prefix(rest)
                    .map(|len| rest[..len].to_string())
                    .or_else(|| (!rest.is_empty()).then(|| rest.to_string()))
            }
            (None, None) => None,
        };
        if department.is_none() {
            if let Some(g) = governing {
                department = self
                    .candidates(platform.kind, &owner, bureau.as_deref(), g)
                    .into_iter()
                    .filter_map(|(place, role, like)| self.body(place, role, like))
                    .find(|(name, _)| !same_as_owner(name));
            }
        }
        let (department, source) = department.unwrap_or_else(|| {
            (
                "行业主管部门待明确（请在 fingertip.toml 的 [org] 中登记）".to_string(),
                Source::Convention,
            )
        });

        let rule_zh = match platform.kind {
            Kind::Account | Kind::Website => "政务新媒体、政府网站由同级政府办公室（政务公开）主管",
            Kind::App | Kind::MiniProgram | Kind::Platform => {
                "政务应用程序由同级网信（数据）部门主管"
            }
            Kind::Group | Kind::Form => "工作群、报表由主办单位的上一级行业主管部门主管",
        };
        let rule_en = match platform.kind {
            Kind::Account | Kind::Website => {
                "accounts and websites: the same level's government office"
            }
            Kind::App | Kind::MiniProgram | Kind::Platform => {
                "apps: the same level's cyberspace (data) authority"
            }
            Kind::Group | Kind::Form => {
                "groups and forms: the owner's line department one level up"
            }
        };
        let (source_zh, source_en) = match source {
            Source::Table => (
                "名称取自 fingertip.toml [org] 组织机构表",
                "name from the [org] table",
            ),
            Source::Column => (
                "取台账“行业主管部门”列",
                "from the register's department column",
            ),
            Source::Convention => (
                "名称按惯例推定，请在 [org] 组织机构表中核实",
                "usual name, to be confirmed in the [org] table",
            ),
        };
        let mut zh = format!("属地：{region}；行业主管部门：{department}（{rule_zh}；{source_zh}）；整改责任单位：{responsible}");
        let mut en = format!("Region: {region}; department: {department} ({rule_en}; {source_en}); responsible: {responsible}");
        if let (Some(j), Some(g)) = (&self.jurisdiction, governing) {
            if !g.is_within(j) {
                zh.push_str(&format!("；超出{}管辖，由本级专班报请上级专班交办", j.name));
                en.push_str(&format!(
                    "; outside {}, to be passed to the higher task force",
                    j.name
                ));
            }
        }
        Assignment {
            region,
            department,
            responsible,
            basis: Msg::new(zh, en),
        }
    }

    /// The (place, role, owner's bureau) candidates for the line department, best first.
    fn candidates<'p>(
        &'p self,
        kind: Kind,
        owner: &'p OwnerUnit<'_>,
        bureau: Option<&'p str>,
        governing: &'p Place,
    ) -> Vec<(&'p Place, Category, Option<&'p str>)> {
        let parent = governing
            .parent
            .as_deref()
            .or((governing.level == Level::Province).then_some(&self.national));
        let mut out = Vec::new();
        match kind {
            Kind::Account | Kind::Website => {
                out.push((governing, Category::GovernmentOffice, None));
                if let Some(p) = parent {
                    out.push((p, Category::GovernmentOffice, None));
                }
            }
            Kind::App | Kind::MiniProgram | Kind::Platform => {
                let other = if self.app_authority == Category::Cyberspace {
                    Category::Data
                } else {
                    Category::Cyberspace
                };
                // A township has neither: the county's.
                let at = if governing.level >= Level::Township {
                    parent.unwrap_or(governing)
                } else {
                    governing
                };
                out.push((at, self.app_authority, None));
                out.push((at, other, None));
                if let Some(p) = at.parent.as_deref() {
                    out.push((p, self.app_authority, None));
                }
            }
            Kind::Group | Kind::Form => {
                if owner.kind == UnitKind::VillageCommittee || owner.village.is_some() {
                    // A village committee answers to its township.
                    out.push((governing, Category::GovernmentOffice, None));
                    if let Some(p) = parent {
                        out.push((p, Category::GovernmentOffice, None));
                    }
                    return out;
                }
                let role = owner.category.unwrap_or(Category::GovernmentOffice);
                let like = bureau;
                if let Some(p) = parent {
                    out.push((p, role, like));
                    out.push((p, Category::GovernmentOffice, None));
                    if let Some(pp) = p.parent.as_deref() {
                        out.push((pp, role, like));
                    }
                } else {
                    out.push((governing, Category::GovernmentOffice, None));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
