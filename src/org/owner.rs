//! Owner names parsed into an organisation: the area (兴国县), the bureau (自然资源局),
//! the subunit (综合执法大队), the kind of body, its level, its line-department category
//! and the rollup key that folds subunits, 工会, 团委, 妇联 and 机关党委 into their bureau.

use super::category::Category;
use super::divisions::{Area, ChainMatch, Gazetteer, Resolution};
use crate::model::Level;
use crate::normalize::normalize_text;

/// What kind of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UnitKind {
    /// The area's government itself: 人民政府, 街道办事处, 行政公署.
    Government,
    /// A party committee: 县委, 中共XX县委员会, 镇党委, 街道党工委, 机关工委.
    PartyCommittee,
    /// A government bureau or a party committee's department: 局, 委, 办, 厅, 部.
    Department,
    /// A public institution: 中心, 站, 所, 院, 馆, 队, 学校.
    Institution,
    /// A mass organisation: 工会, 共青团, 妇联, 残联, 科协 ….
    MassOrganisation,
    /// 人大, 政协.
    Assembly,
    /// 法院, 检察院.
    Judiciary,
    /// A village or residents' committee: 村民委员会, 社区居民委员会.
    VillageCommittee,
    /// Nothing recognisable.
    Unknown,
}

/// Where an owner's area came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaSource {
    /// Named in the owner name (兴国县自然资源局).
    Name,
    /// The name only gave a level (县教育局) or nothing; the area is the context's.
    Context,
    /// Unknown.
    None,
}

/// An owner name split into its parts. Parsing never fails: whatever could not be
/// recognised is left out and `kind` says [`UnitKind::Unknown`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerUnit<'g> {
    /// The normalised name as given.
    pub name: String,
    /// The area the unit belongs to.
    pub area: Option<Area<'g>>,
    /// Where `area` came from.
    pub area_source: AreaSource,
    /// The candidates when the area named was ambiguous (朝阳区 without context).
    pub area_candidates: Vec<Area<'g>>,
    /// A village or community named in the owner and not in the gazetteer (雾岭村).
    pub village: Option<String>,
    /// The bureau: 自然资源局, 人民政府, 县委组织部, 村民委员会; the whole unit when it has no
    /// subunit.
    pub bureau: Option<String>,
    /// The part below the bureau: 综合执法大队, 工会, 机关党委, 办公室.
    pub subunit: Option<String>,
    /// The kind of the bureau.
    pub kind: UnitKind,
    /// The bureau's line-department category.
    pub category: Option<Category>,
    /// The unit's level: its area's, a village committee's village, or the level word
    /// the name starts with (县教育局 is county level).
    pub level: Option<Level>,
    /// The level word the name used instead of an area (县, 市, 镇 …), if any.
    level_marker: Option<char>,
}

/// Prefixes of vertically managed systems, stripped before the area.
const VERTICAL_PREFIXES: [&str; 5] = [
    "国家税务总局",
    "国家金融监督管理总局",
    "中国人民银行",
    "国家统计局",
    "国家消防救援局",
];

/// Whole unit names recognised at the start of the part after the area, besides the
/// category table's names.
const UNIT_WORDS: [(&str, UnitKind); 28] = [
    ("人民政府", UnitKind::Government),
    ("政府", UnitKind::Government),
    ("街道办事处", UnitKind::Government),
    ("办事处", UnitKind::Government),
    ("行政公署", UnitKind::Government),
    ("管理委员会", UnitKind::Government),
    ("管委会", UnitKind::Government),
    ("党委", UnitKind::PartyCommittee),
    ("党工委", UnitKind::PartyCommittee),
    ("机关工委", UnitKind::PartyCommittee),
    ("直属机关工作委员会", UnitKind::PartyCommittee),
    ("机关党委", UnitKind::PartyCommittee),
    ("党组", UnitKind::PartyCommittee),
    ("党支部", UnitKind::PartyCommittee),
    ("党总支", UnitKind::PartyCommittee),
    ("村民委员会", UnitKind::VillageCommittee),
    ("居民委员会", UnitKind::VillageCommittee),
    ("村委会", UnitKind::VillageCommittee),
    ("居委会", UnitKind::VillageCommittee),
    ("科协", UnitKind::MassOrganisation),
    ("科学技术协会", UnitKind::MassOrganisation),
    ("文联", UnitKind::MassOrganisation),
    ("文学艺术界联合会", UnitKind::MassOrganisation),
    ("侨联", UnitKind::MassOrganisation),
    ("工商联", UnitKind::MassOrganisation),
    ("红十字会", UnitKind::MassOrganisation),
    ("关工委", UnitKind::MassOrganisation),
    ("老干部局", UnitKind::Department),
];

/// Endings that close a unit name, longest first, with the kind they give.
const UNIT_SUFFIXES: [(&str, UnitKind); 30] = [
    ("委员会", UnitKind::Department),
    ("办公室", UnitKind::Department),
    ("办公厅", UnitKind::Department),
    ("联合会", UnitKind::MassOrganisation),
    ("管理处", UnitKind::Institution),
    ("事务所", UnitKind::Institution),
    ("中心", UnitKind::Institution),
    ("支队", UnitKind::Institution),
    ("大队", UnitKind::Institution),
    ("中队", UnitKind::Institution),
    ("分局", UnitKind::Department),
    ("学校", UnitKind::Institution),
    ("协会", UnitKind::MassOrganisation),
    ("工会", UnitKind::MassOrganisation),
    ("局", UnitKind::Department),
    ("厅", UnitKind::Department),
    ("委", UnitKind::Department),
    ("办", UnitKind::Department),
    ("部", UnitKind::Department),
    ("署", UnitKind::Department),
    ("院", UnitKind::Institution),
    ("馆", UnitKind::Institution),
    ("站", UnitKind::Institution),
    ("所", UnitKind::Institution),
    ("队", UnitKind::Institution),
    ("处", UnitKind::Institution),
    ("台", UnitKind::Institution),
    ("校", UnitKind::Institution),
    ("园", UnitKind::Institution),
    ("场", UnitKind::Institution),
];

/// Level words that stand for an unnamed area at the start of a name (县教育局).
const LEVEL_WORDS: [(&str, Level); 10] = [
    ("街道", Level::Township),
    ("省", Level::Province),
    ("市", Level::City),
    ("州", Level::City),
    ("盟", Level::City),
    ("县", Level::County),
    ("区", Level::County),
    ("旗", Level::County),
    ("镇", Level::Township),
    ("乡", Level::Township),
];

/// The part of a name after its area, read on its own.
#[derive(Debug, Clone, Default)]
struct Rest {
    village: Option<String>,
    bureau: Option<String>,
    subunit: Option<String>,
    kind: Option<UnitKind>,
    category: Option<Category>,
    /// The bureau is a party committee or one of its departments (县委组织部).
    party_body: bool,
}

impl Rest {
    /// True when the text held something a unit name is made of, so a short area name
    /// before it is believable (兴国自然资源局, not 新华 + 书店).
    fn is_recognised(&self) -> bool {
        self.category.is_some()
            || self.village.is_some()
            || matches!(
                self.kind,
                Some(
                    UnitKind::Government
                        | UnitKind::PartyCommittee
                        | UnitKind::VillageCommittee
                        | UnitKind::Assembly
                        | UnitKind::Judiciary
                        | UnitKind::MassOrganisation
                )
            )
    }
}

impl<'g> OwnerUnit<'g> {
    /// Parses an owner name. `context` holds areas known from elsewhere (the row's
    /// region, the inventory's settings): they settle an ambiguous area name and supply
    /// the area when the name gives only a level word (县教育局) or no area at all.
    pub fn parse(name: &str, gazetteer: &'g Gazetteer, context: &[Area<'_>]) -> OwnerUnit<'g> {
        let cleaned: String = normalize_text(name)
            .chars()
            .filter(|c| {
                !c.is_whitespace()
                    && !matches!(
                        c,
                        '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕' | '"' | '“' | '”'
                    )
            })
            .collect();
        let mut unit = OwnerUnit {
            name: cleaned.clone(),
            area: None,
            area_source: AreaSource::None,
            area_candidates: Vec::new(),
            village: None,
            bureau: None,
            subunit: None,
            kind: UnitKind::Unknown,
            category: None,
            level: None,
            level_marker: None,
        };
        let mut text = cleaned.as_str();
        let mut party = false;
        let mut youth = false;
        let mut national = false;
        loop {
            if let Some(rest) = text
                .strip_prefix("中国共产党")
                .or_else(|| text.strip_prefix("中共"))
            {
                party = true;
                text = rest;
            } else if let Some(rest) = text.strip_prefix("共青团") {
                youth = true;
                text = rest;
            } else if let Some(prefix) = VERTICAL_PREFIXES.iter().find(|p| text.starts_with(*p)) {
                text = &text[prefix.len()..];
                if text.is_empty() {
                    national = true;
                    text = prefix;
                    break;
                }
            } else {
                break;
            }
        }
        if ["国家", "中央", "国务院", "全国"]
            .iter()
            .any(|p| text.starts_with(p))
        {
            national = true;
        }
        let context_indexes: Vec<u32> = context
            .iter()
            .filter_map(|a| gazetteer.index_of(a.code()))
            .collect();

        // The area: the longest run of area names that leaves a believable rest.
        let (area_resolution, rest_text) = if national {
            (Resolution::NotFound, text)
        } else {
            best_area_prefix(gazetteer, text, &context_indexes)
        };
        match area_resolution {
            Resolution::Found(area) => {
                unit.area = Some(area);
                unit.area_source = AreaSource::Name;
            }
            Resolution::Ambiguous(candidates) => unit.area_candidates = candidates,
            Resolution::NotFound => {}
        }
        let mut rest_text = rest_text;
        let named_area = unit.area.is_some() || !unit.area_candidates.is_empty();

        // A level word instead of an area: 县教育局, 市委组织部, 镇人民政府.
        if !named_area && !national {
            for (word, level) in LEVEL_WORDS {
                let Some(after) = rest_text.strip_prefix(word) else {
                    continue;
                };
                // 市场监督管理局 starts with 市 but is a bureau name, not a level word.
                if Category::longest_known_prefix(rest_text).is_some() {
                    break;
                }
                let read = read_rest(after, party, youth, word.chars().last());
                if after.is_empty() || !read.is_recognised() {
                    continue;
                }
                unit.level_marker = word.chars().last();
                unit.level = Some(level);
                rest_text = after;
                let from_context: Vec<Area<'g>> = context_indexes
                    .iter()
                    .filter_map(|&i| gazetteer.area_at(i).at_level(level))
                    .collect();
                if let Resolution::Found(area) = resolution_of(from_context) {
                    unit.area = Some(area);
                    unit.area_source = AreaSource::Context;
                }
                break;
            }
        }
        if unit.area.is_none()
            && unit.area_candidates.is_empty()
            && unit.level.is_none()
            && !national
        {
            let all: Vec<Area<'g>> = context_indexes
                .iter()
                .map(|&i| gazetteer.area_at(i))
                .collect();
            if let Resolution::Found(area) = resolution_of(all) {
                unit.area = Some(area);
                unit.area_source = AreaSource::Context;
            }
        }

        let marker = unit
            .area
            .map(|a| a.name().chars().last())
            .unwrap_or(unit.level_marker)
            .or_else(|| {
                unit.area_candidates
                    .first()
                    .and_then(|a| a.name().chars().last())
            });
        let rest = read_rest(rest_text, party, youth, marker);
        unit.village = rest.village;
        unit.bureau = rest.bureau;
        unit.subunit = rest.subunit;
        unit.kind = rest.kind.unwrap_or(UnitKind::Unknown);
        unit.category = rest.category;
        if unit.kind == UnitKind::Government
            && unit.area.is_some_and(|a| a.level() == Level::Village)
        {
            unit.kind = UnitKind::Unknown;
        }
        unit.level = if unit.kind == UnitKind::VillageCommittee || unit.village.is_some() {
            Some(Level::Village)
        } else if national {
            Some(Level::National)
        } else {
            unit.area.map(|a| a.level()).or(unit.level)
        };
        unit
    }

    /// True when the unit is part of a bureau (综合执法大队, 工会, 机关党委 of a bureau).
    pub fn is_subunit(&self) -> bool {
        self.subunit.is_some()
    }

    /// The key every unit of one bureau shares: the area code (or the level word when
    /// no area is known), the village, and the bureau's category code when the bureau
    /// is a table name (卫健委 and 卫生健康委员会 give one key; 县委网信办 and 网信办 too),
    /// else the bureau text.
    /// 兴国县自然资源局综合执法大队 and 赣州市兴国县自然资源局 share `360732||natural-resources`.
    pub fn rollup_key(&self) -> String {
        let area = match (self.area, self.level_marker) {
            (Some(area), _) => area.code().to_string(),
            (None, Some(marker)) => marker.to_string(),
            (None, None) => String::new(),
        };
        // A party department is looked up without its level word: 县委网信办 → 委网信办.
        let table_name = |bureau: &str| {
            let mut chars = bureau.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some('委')) => Category::of_exact(&bureau[first.len_utf8()..]),
                _ => Category::of_exact(bureau),
            }
        };
        let bureau = match (&self.bureau, self.category) {
            (Some(bureau), Some(category)) if table_name(bureau) == Some(category) => {
                category.code().to_string()
            }
            (Some(bureau), _) => bureau.clone(),
            (None, _) => String::new(),
        };
        format!(
            "{area}|{}|{bureau}",
            self.village.as_deref().unwrap_or_default()
        )
    }

    /// The bureau's name as a person writes it: area, village and bureau
    /// (兴国县自然资源局 for 兴国县自然资源局综合执法大队).
    pub fn rollup_name(&self) -> String {
        let area = match (self.area, self.level_marker) {
            (Some(area), _) => area.name().to_string(),
            (None, Some(marker)) => marker.to_string(),
            (None, None) => String::new(),
        };
        let bureau = self.bureau.as_deref().unwrap_or_default();
        // A party body's bureau carries its level word (县委组织部): 兴国县 + 委组织部.
        let mut bureau_chars = bureau.chars();
        let first = bureau_chars.next();
        let bureau = match (first, bureau_chars.next(), area.chars().last()) {
            (Some(first), Some('委'), Some(last)) if first == last && self.village.is_none() => {
                &bureau[first.len_utf8()..]
            }
            _ => bureau,
        };
        format!(
            "{area}{}{bureau}",
            self.village.as_deref().unwrap_or_default()
        )
    }
}

fn resolution_of(areas: Vec<Area<'_>>) -> Resolution<'_> {
    let mut areas = areas;
    areas.sort_by(|a, b| a.code().cmp(b.code()));
    areas.dedup_by(|a, b| a.code() == b.code());
    match areas.len() {
        0 => Resolution::NotFound,
        1 => Resolution::Found(areas[0]),
        _ => Resolution::Ambiguous(areas),
    }
}

/// The longest believable area prefix of `text` and the text after it.
fn best_area_prefix<'g, 't>(
    gazetteer: &'g Gazetteer,
    text: &'t str,
    context: &[u32],
) -> (Resolution<'g>, &'t str) {
    let chains = gazetteer.chains(text, None);
    let mut lengths: Vec<usize> = chains.iter().map(|c| c.chars).collect();
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths.dedup();
    for chars in lengths {
        let byte = text
            .char_indices()
            .nth(chars)
            .map_or(text.len(), |(i, _)| i);
        let rest = &text[byte..];
        let group: Vec<ChainMatch> = chains
            .iter()
            .filter(|c| c.chars == chars)
            .filter(|c| !c.last_short || short_is_believable(text, c, rest))
            .cloned()
            .collect();
        if group.is_empty() {
            continue;
        }
        let resolution = gazetteer.pick(group, context);
        if resolution != Resolution::NotFound {
            return (resolution, rest);
        }
    }
    (Resolution::NotFound, text)
}

/// A short area name (兴国, 澄岚) counts only when what follows reads as a unit and the
/// short name does not begin a bureau name (公安局 is not 公安县's 局).
fn short_is_believable(text: &str, chain: &ChainMatch, rest: &str) -> bool {
    let start = text
        .char_indices()
        .nth(chain.last_start)
        .map_or(text.len(), |(i, _)| i);
    let from_short = &text[start..];
    if let Some(known) = Category::longest_known_prefix(from_short) {
        if known > from_short.len() - rest.len() {
            return false;
        }
    }
    if UNIT_WORDS.iter().any(|(w, _)| from_short.starts_with(w)) {
        return false;
    }
    rest.is_empty() || read_rest(rest, false, false, None).is_recognised()
}

/// Reads the part of a name after its area (or level word).
fn read_rest(text: &str, party: bool, youth: bool, marker: Option<char>) -> Rest {
    let mut rest = Rest::default();
    if text.is_empty() {
        if party {
            rest.kind = Some(UnitKind::PartyCommittee);
            rest.bureau = Some(format!(
                "{}委",
                marker.map(String::from).unwrap_or_default()
            ));
            rest.party_body = true;
        } else if youth {
            rest.kind = Some(UnitKind::MassOrganisation);
            rest.category = Some(Category::Youth);
            rest.bureau = Some("共青团".into());
        }
        return rest;
    }
    let mut text = text;
    // A village or community not in the gazetteer: 雾岭村村民委员会, 澄湖社区居委会.
    for word in [
        "村民委员会",
        "居民委员会",
        "村委会",
        "居委会",
        "党支部",
        "党总支",
    ] {
        if let Some(pos) = text.find(word) {
            let name = &text[..pos];
            let has_village_word =
                name.ends_with('村') || name.ends_with("社区") || name.ends_with("嘎查");
            let believable = name.chars().count() >= 2
                && !name.contains(['局', '委', '办', '政', '府'])
                && (has_village_word || word.contains("委员会") || word.ends_with("委会"));
            if believable {
                let village = if has_village_word {
                    name.to_string()
                } else if word.starts_with('居') {
                    format!("{name}社区")
                } else {
                    format!("{name}村")
                };
                rest.village = Some(village);
                text = &text[pos..];
                break;
            }
        }
    }
    // A party committee and its departments: 县委, 县委组织部, 委员会 after 中共.
    let level_word = marker.map(String::from).unwrap_or_default();
    let committee = if let Some(after) = text.strip_prefix("委员会") {
        (party || youth).then_some(after)
    } else if let Some(after) = text.strip_prefix('委') {
        // 县委, 市委办 — but 委员会 (a bureau) was handled above.
        (!after.starts_with('员')).then_some(after)
    } else {
        None
    };
    if let Some(after) = committee {
        if youth {
            rest.kind = Some(UnitKind::MassOrganisation);
            rest.category = Some(Category::Youth);
            rest.bureau = Some(format!("团{level_word}委"));
            rest.subunit = (!after.is_empty()).then(|| after.to_string());
            return rest;
        }
        rest.party_body = true;
        if after.is_empty() {
            rest.kind = Some(UnitKind::PartyCommittee);
            rest.bureau = Some(format!("{level_word}委"));
            return rest;
        }
        let (department, subunit, kind) = split_unit(after);
        let department_name = format!("委{department}");
        rest.category = Category::of_exact(&department_name).or_else(|| Category::of(&department));
        rest.kind = Some(match kind {
            UnitKind::Unknown => UnitKind::Department,
            kind => kind,
        });
        rest.bureau = Some(format!("{level_word}委{department}"));
        rest.subunit = subunit;
        return rest;
    }
    if youth {
        rest.kind = Some(UnitKind::MassOrganisation);
        rest.category = Some(Category::Youth);
        rest.bureau = Some(format!("团{level_word}委"));
        rest.subunit = (!text.is_empty()).then(|| text.to_string());
        return rest;
    }
    let (bureau, subunit, kind) = split_unit(text);
    rest.category = Category::of(&bureau);
    rest.kind = Some(kind_of(&bureau, kind, rest.category));
    if party && rest.kind == Some(UnitKind::Unknown) {
        rest.kind = Some(UnitKind::PartyCommittee);
    }
    rest.bureau = (!bureau.is_empty()).then_some(bureau);
    rest.subunit = subunit;
    rest
}

/// The kind of a bureau from its name, its ending and its category.
fn kind_of(bureau: &str, by_suffix: UnitKind, category: Option<Category>) -> UnitKind {
    if let Some((_, kind)) = UNIT_WORDS.iter().find(|(w, _)| bureau == *w) {
        return *kind;
    }
    match category {
        Some(Category::TradeUnion | Category::Youth | Category::Women | Category::Disabled) => {
            return UnitKind::MassOrganisation
        }
        Some(Category::Court | Category::Procuratorate) => return UnitKind::Judiciary,
        Some(Category::Congress | Category::Cppcc) => return UnitKind::Assembly,
        _ => {}
    }
    if by_suffix == UnitKind::Unknown && category.is_some() {
        return UnitKind::Department;
    }
    by_suffix
}

/// Splits a unit name into bureau and subunit: a table or unit word at the start, else
/// the first unit ending with at least two characters before it (综合执法大队 inside
/// 自然资源局综合执法大队 is the subunit). Returns the bureau, the subunit and the kind
/// its ending gives.
fn split_unit(text: &str) -> (String, Option<String>, UnitKind) {
    let known = Category::longest_known_prefix(text);
    let word = UNIT_WORDS
        .iter()
        .filter(|(w, _)| text.starts_with(w))
        .map(|(w, k)| (w.len(), *k))
        .max_by_key(|(len, _)| *len);
    let end = match (known, word) {
        (Some(k), Some((w, kind))) if w >= k => Some((w, kind)),
        (Some(k), _) => Some((k, suffix_kind(&text[..k]))),
        (None, Some((w, kind))) => Some((w, kind)),
        (None, None) => None,
    };
    let end = end.or_else(|| {
        text.char_indices().skip(2).find_map(|(byte, _)| {
            UNIT_SUFFIXES
                .iter()
                .find(|(suffix, _)| text[byte..].starts_with(suffix))
                .map(|(suffix, kind)| (byte + suffix.len(), *kind))
        })
    });
    match end {
        Some((end, kind)) => {
            let subunit = &text[end..];
            (
                text[..end].to_string(),
                (!subunit.is_empty()).then(|| subunit.to_string()),
                kind,
            )
        }
        None => (text.to_string(), None, UnitKind::Unknown),
    }
}

fn suffix_kind(name: &str) -> UnitKind {
    UNIT_SUFFIXES
        .iter()
        .find(|(suffix, _)| name.ends_with(suffix))
        .map_or(UnitKind::Unknown, |(_, kind)| *kind)
}

#[cfg(test)]
mod tests;
