//! The gazetteer of China's administrative divisions: codes, names, levels and the
//! tree, name resolution (full, short, chained and coded names, with ambiguity reported
//! rather than guessed) and the proper name of each area's 属地 government.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use crate::model::Level;
use crate::normalize::normalize_text;

/// The vendored table (`data/divisions/divisions.tsv`): `code<TAB>name`, parent implied
/// by the code.
const BUILTIN_TSV: &str = include_str!("../../data/divisions/divisions.tsv");

/// Names of pseudo-cities that stand for their province (a municipality's 市辖区, the
/// 省直辖县级行政区划 that group counties directly under a province).
const PSEUDO_CITIES: [&str; 4] = [
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

/// Name endings removed to make an area's short name, longest first.
const NAME_SUFFIXES: [&str; 25] = [
    "特别行政区",
    "街道办事处",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "民族乡",
    "办事处",
    "地区",
    "新区",
    "林区",
    "特区",
    "矿区",
    "街道",
    "苏木",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
    "镇",
    "乡",
    "村",
];

/// The 55 minority nationalities, stripped from the end of autonomous areas' names
/// (延边朝鲜族自治州 → 延边). Longest first so 土家 is tried before 土.
const NATIONALITIES: [&str; 55] = [
    "乌孜别克",
    "柯尔克孜",
    "维吾尔",
    "哈萨克",
    "达斡尔",
    "塔吉克",
    "俄罗斯",
    "鄂温克",
    "鄂伦春",
    "塔塔尔",
    "蒙古",
    "布依",
    "朝鲜",
    "土家",
    "哈尼",
    "傈僳",
    "拉祜",
    "东乡",
    "纳西",
    "景颇",
    "仫佬",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "德昂",
    "保安",
    "裕固",
    "独龙",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "高山",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "满",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "羌",
    "怒",
    "京",
];

/// Markers after an area name meaning "that unit's own level" (州直, 市本级 …), with the
/// level they name when no area name precedes them (`None`: the level of the area).
const OWN_LEVEL_MARKERS: [(&str, Option<Level>); 17] = [
    ("省本级", Some(Level::Province)),
    ("市本级", Some(Level::City)),
    ("州本级", Some(Level::City)),
    ("县本级", Some(Level::County)),
    ("区本级", Some(Level::County)),
    ("旗本级", Some(Level::County)),
    ("省直", Some(Level::Province)),
    ("市直", Some(Level::City)),
    ("州直", Some(Level::City)),
    ("盟直", Some(Level::City)),
    ("县直", Some(Level::County)),
    ("区直", Some(Level::County)),
    ("旗直", Some(Level::County)),
    ("本级", None),
    ("直属", None),
    ("本部", None),
    ("直", None),
];

/// Separators people put between the parts of a full area name.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '/' | '·' | ',' | '、' | '>' | '|' | '_' | '—' | '－' | '／'
        )
}

#[derive(Debug, Clone)]
struct Node {
    code: Box<str>,
    name: Box<str>,
    level: Level,
    parent: Option<u32>,
}

/// How a name key matched an area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum MatchKind {
    /// The area's full name or an alias given in an overlay.
    Full,
    /// A short name (suffix removed, or a common form such as 延边州).
    Short,
}

/// China's administrative divisions as a tree with name and code indexes.
///
/// [`Gazetteer::builtin`] holds the vendored table (provinces to townships, NBS 2023
/// codes); [`Gazetteer::with_overlay`] adds fictional or missing places. Lookups hand out
/// [`Area`] views that borrow the gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    nodes: Vec<Node>,
    by_code: HashMap<Box<str>, u32>,
    by_name: HashMap<Box<str>, Vec<(u32, MatchKind)>>,
    /// Names used by more than one area (朝阳区), so governments carry their parent's name.
    shared_names: HashMap<Box<str>, u32>,
    max_key_chars: usize,
}

/// One administrative area, borrowed from its [`Gazetteer`].
#[derive(Clone, Copy)]
pub struct Area<'g> {
    gazetteer: &'g Gazetteer,
    index: u32,
}

impl PartialEq for Area<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}

impl Eq for Area<'_> {}

impl fmt::Debug for Area<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Area({} {} {})", self.code(), self.name(), self.level())
    }
}

impl fmt::Display for Area<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl<'g> Area<'g> {
    fn node(&self) -> &'g Node {
        &self.gazetteer.nodes[self.index as usize]
    }

    /// The division code: 2 digits for a province, 4 for a city, 6 for a county, 9 for
    /// a township (overlay areas may use any code).
    pub fn code(&self) -> &'g str {
        &self.node().code
    }

    /// The official name (兴国县, 延边朝鲜族自治州, 潋江镇).
    pub fn name(&self) -> &'g str {
        &self.node().name
    }

    /// The name without its administrative suffix (兴国, 延边), or the name itself when
    /// that would leave fewer than two characters.
    pub fn short_name(&self) -> String {
        short_names(self.name())
            .into_iter()
            .next()
            .unwrap_or_else(|| self.name().to_string())
    }

    /// The level: province (incl. 直辖市, 自治区), city (地级市, 自治州, 地区, 盟), county
    /// (县, 区, 县级市, 旗), township (乡, 镇, 街道, 苏木) or village (overlay only).
    pub fn level(&self) -> Level {
        self.node().level
    }

    /// The enclosing area, `None` for a province.
    pub fn parent(&self) -> Option<Area<'g>> {
        self.node().parent.map(|index| Area {
            gazetteer: self.gazetteer,
            index,
        })
    }

    /// The enclosing areas from the parent up to the province.
    pub fn ancestors(&self) -> Vec<Area<'g>> {
        let mut out = Vec::new();
        let mut at = self.parent();
        while let Some(area) = at {
            out.push(area);
            at = area.parent();
        }
        out
    }

    /// The name with every ancestor's name before it (江西省赣州市兴国县).
    pub fn full_name(&self) -> String {
        let mut names: Vec<&str> = self.ancestors().iter().map(|a| a.name()).collect();
        names.reverse();
        names.push(self.name());
        names.concat()
    }

    /// True when this area is `outer` or lies inside it.
    pub fn is_within(&self, outer: Area<'_>) -> bool {
        self.code() == outer.code() || self.ancestors().iter().any(|a| a.code() == outer.code())
    }

    /// The nearest area at `level` among this area and its ancestors.
    pub fn at_level(&self, level: Level) -> Option<Area<'g>> {
        std::iter::once(*self)
            .chain(self.ancestors())
            .find(|a| a.level() == level)
    }

    /// The area whose government answers for this one: itself at township level or
    /// above; a village's or community's township.
    pub fn government_area(&self) -> Area<'g> {
        let mut at = *self;
        while at.level() > Level::Township {
            match at.parent() {
                Some(parent) => at = parent,
                None => break,
            }
        }
        at
    }

    /// The proper name of the 属地 government; see [`Gazetteer::government_of`].
    pub fn government(&self) -> String {
        self.gazetteer.government_of(*self)
    }
}

/// What a text refers to, never guessed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution<'g> {
    /// Exactly one area.
    Found(Area<'g>),
    /// Several areas fit equally well (朝阳区 without context); sorted by code.
    Ambiguous(Vec<Area<'g>>),
    /// No area has this name or code.
    NotFound,
}

impl<'g> Resolution<'g> {
    /// The area when the resolution is unique.
    pub fn area(&self) -> Option<Area<'g>> {
        match self {
            Resolution::Found(area) => Some(*area),
            _ => None,
        }
    }

    /// Every candidate: one when found, several when ambiguous, none when not found.
    pub fn candidates(&self) -> Vec<Area<'g>> {
        match self {
            Resolution::Found(area) => vec![*area],
            Resolution::Ambiguous(areas) => areas.clone(),
            Resolution::NotFound => Vec::new(),
        }
    }

    fn from_candidates(mut areas: Vec<Area<'g>>) -> Self {
        areas.sort_by(|a, b| a.code().cmp(b.code()));
        areas.dedup_by(|a, b| a.code() == b.code());
        match areas.len() {
            0 => Resolution::NotFound,
            1 => Resolution::Found(areas[0]),
            _ => Resolution::Ambiguous(areas),
        }
    }
}

/// One way to read a run of area names at the start of a text.
#[derive(Debug, Clone)]
pub(crate) struct ChainMatch {
    /// The innermost area named.
    pub(crate) index: u32,
    /// Characters consumed.
    pub(crate) chars: usize,
    /// How many of the names were short names.
    pub(crate) shorts: usize,
    /// Whether the last name was a short name.
    pub(crate) last_short: bool,
    /// Where the last name starts, in characters.
    pub(crate) last_start: usize,
}

impl Gazetteer {
    /// The vendored gazetteer, built on first use and shared for the life of the process.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| Gazetteer::from_tsv(BUILTIN_TSV))
    }

    /// Builds a gazetteer from `code<TAB>name` lines whose parent is implied by the code;
    /// see data/divisions/README.md for the pseudo-rows it folds away.
    fn from_tsv(text: &str) -> Gazetteer {
        let mut gazetteer = Gazetteer {
            nodes: Vec::new(),
            by_code: HashMap::new(),
            by_name: HashMap::new(),
            shared_names: HashMap::new(),
            max_key_chars: 0,
        };
        for line in text.lines() {
            let Some((code, name)) = line.split_once('\t') else {
                continue;
            };
            if line.starts_with('#') || !code.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let level = match code.len() {
                2 => Level::Province,
                4 => Level::City,
                6 => Level::County,
                9 => Level::Township,
                12 => Level::Village,
                _ => continue,
            };
            let parent = [9usize, 6, 4, 2]
                .into_iter()
                .filter(|&n| n < code.len())
                .find_map(|n| gazetteer.by_code.get(&code[..n]).copied());
            // Pseudo-rows become aliases of the area they stand for.
            if let Some(parent_index) = parent {
                let parent_node = &gazetteer.nodes[parent_index as usize];
                let pseudo_city = level == Level::City && PSEUDO_CITIES.contains(&name);
                let same_as_city = level == Level::County && *parent_node.name == *name;
                if pseudo_city || same_as_city {
                    gazetteer.by_code.insert(code.into(), parent_index);
                    continue;
                }
            }
            gazetteer.push(code, name, level, parent);
        }
        gazetteer.index_names();
        gazetteer
    }

    fn push(&mut self, code: &str, name: &str, level: Level, parent: Option<u32>) -> u32 {
        let index = self.nodes.len() as u32;
        self.nodes.push(Node {
            code: code.into(),
            name: name.into(),
            level,
            parent,
        });
        self.by_code.insert(code.into(), index);
        index
    }

    /// (Re)builds the name index from the nodes.
    pub(crate) fn index_names(&mut self) {
        self.by_name.clear();
        self.shared_names.clear();
        for (index, node) in self.nodes.iter().enumerate() {
            let index = index as u32;
            add_key(&mut self.by_name, &node.name, index, MatchKind::Full);
            *self.shared_names.entry(node.name.clone()).or_default() += 1;
            for short in short_names(&node.name) {
                add_key(&mut self.by_name, &short, index, MatchKind::Short);
            }
        }
        self.max_key_chars = self
            .by_name
            .keys()
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
    }

    /// Adds an extra name (an overlay alias) for an area.
    pub(crate) fn add_alias(&mut self, index: u32, alias: &str) {
        add_key(&mut self.by_name, alias, index, MatchKind::Full);
        self.max_key_chars = self.max_key_chars.max(alias.chars().count());
    }

    pub(crate) fn push_area(
        &mut self,
        code: &str,
        name: &str,
        level: Level,
        parent: Option<u32>,
    ) -> u32 {
        self.push(code, name, level, parent)
    }

    pub(crate) fn index_of(&self, code: &str) -> Option<u32> {
        self.by_code.get(code).copied()
    }

    pub(crate) fn area_at(&self, index: u32) -> Area<'_> {
        Area {
            gazetteer: self,
            index,
        }
    }

    /// Number of areas (aliases not counted).
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// True when the gazetteer holds no area.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The area with this code. Accepts the padded forms used in the wild (360700 or
    /// 360700000000 for 3607, 360000 for 36) and the codes of pseudo-rows (1101 市辖区 is
    /// Beijing, 441900 is 东莞市).
    pub fn area(&self, code: &str) -> Option<Area<'_>> {
        let code = code.trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return self.by_code.get(code).map(|&i| self.area_at(i));
        }
        let mut code = code;
        loop {
            if let Some(&index) = self.by_code.get(code) {
                return Some(self.area_at(index));
            }
            code = match code.len() {
                12 if code.ends_with("000") => &code[..9],
                9 if code.ends_with("000") => &code[..6],
                6 if code.ends_with("00") => &code[..4],
                4 if code.ends_with("00") => &code[..2],
                _ => return None,
            };
        }
    }

    /// The ancestors of the area with this code, from its parent up to the province;
    /// empty when the code is unknown.
    pub fn ancestors(&self, code: &str) -> Vec<Area<'_>> {
        self.area(code).map(|a| a.ancestors()).unwrap_or_default()
    }

    /// True when the area coded `inner` is the area coded `outer` or lies inside it;
    /// false when either code is unknown.
    pub fn is_within(&self, inner: &str, outer: &str) -> bool {
        match (self.area(inner), self.area(outer)) {
            (Some(inner), Some(outer)) => inner.is_within(outer),
            _ => false,
        }
    }

    /// Finds the area a region cell refers to, without context. See [`Gazetteer::resolve_in`].
    pub fn resolve(&self, text: &str) -> Resolution<'_> {
        self.resolve_in(text, &[])
    }

    /// Finds the area a region cell refers to: a code (360732, 3607, 36, 360700), a full
    /// name (江西省赣州市兴国县, with or without separators), a short name (兴国, 赣州兴国),
    /// or a name followed by an own-level marker (延边州直, 市本级; a bare 市直 takes the
    /// context's city). A name several areas share is narrowed by `context` (areas known
    /// from the inventory or settings: a candidate fits when it lies inside a context
    /// area or encloses one); when that leaves more than one, the answer is
    /// [`Resolution::Ambiguous`]. A full name beats a short one, and a bare province short
    /// name (吉林, 河南) means the province.
    pub fn resolve_in(&self, text: &str, context: &[Area<'_>]) -> Resolution<'_> {
        let cleaned: String = normalize_text(text)
            .chars()
            .filter(|&c| !is_separator(c))
            .collect();
        if cleaned.is_empty() {
            return Resolution::NotFound;
        }
        if cleaned.bytes().all(|b| b.is_ascii_digit()) {
            return match self.area(&cleaned) {
                Some(area) => Resolution::Found(area),
                None => Resolution::NotFound,
            };
        }
        let context: Vec<u32> = context
            .iter()
            .filter_map(|a| self.index_of(a.code()))
            .collect();
        let direct = self.resolve_chain_text(&cleaned, &context);
        if direct != Resolution::NotFound {
            return direct;
        }
        // An own-level marker: 延边州直, 澄岚市市直, 市本级.
        for (marker, level) in OWN_LEVEL_MARKERS {
            let Some(rest) = cleaned.strip_suffix(marker) else {
                continue;
            };
            if rest.is_empty() {
                let Some(level) = level else { continue };
                let found: Vec<Area<'_>> = context
                    .iter()
                    .filter_map(|&i| self.area_at(i).at_level(level))
                    .collect();
                return Resolution::from_candidates(found);
            }
            let inner = self.resolve_chain_text(rest, &context);
            if inner != Resolution::NotFound {
                return inner;
            }
        }
        Resolution::NotFound
    }

    /// Resolves a text that must consist of area names only.
    fn resolve_chain_text(&self, text: &str, context: &[u32]) -> Resolution<'_> {
        let total = text.chars().count();
        let chains: Vec<ChainMatch> = self
            .chains(text, None)
            .into_iter()
            .filter(|c| c.chars == total)
            .collect();
        self.pick(chains, context)
    }

    /// Chooses among complete readings: context first, then fewest short names, then a
    /// province over lower areas for a lone short name.
    pub(crate) fn pick(&self, chains: Vec<ChainMatch>, context: &[u32]) -> Resolution<'_> {
        if chains.is_empty() {
            return Resolution::NotFound;
        }
        let fits = |c: &ChainMatch| {
            context.iter().any(|&ctx| {
                let a = self.area_at(c.index);
                let b = self.area_at(ctx);
                a.is_within(b) || b.is_within(a)
            })
        };
        let mut chains = if context.is_empty() || !chains.iter().any(fits) {
            chains
        } else {
            chains.into_iter().filter(fits).collect()
        };
        let fewest_shorts = chains.iter().map(|c| c.shorts).min().unwrap_or(0);
        chains.retain(|c| c.shorts == fewest_shorts);
        let mut indexes: Vec<u32> = chains.iter().map(|c| c.index).collect();
        indexes.sort_unstable();
        indexes.dedup();
        if indexes.len() > 1 && fewest_shorts > 0 {
            // Township short names repeat everywhere (兴国镇); a county or higher area of
            // the same short name is what a bare short name means.
            let level_of = |i: &u32| self.nodes[*i as usize].level;
            if indexes.iter().any(|i| level_of(i) <= Level::County) {
                indexes.retain(|i| level_of(i) <= Level::County);
            }
        }
        if indexes.len() > 1 && fewest_shorts > 0 {
            let provinces: Vec<u32> = indexes
                .iter()
                .copied()
                .filter(|&i| self.nodes[i as usize].level == Level::Province)
                .collect();
            if provinces.len() == 1 {
                indexes = provinces;
            }
        }
        Resolution::from_candidates(indexes.into_iter().map(|i| self.area_at(i)).collect())
    }

    /// Every reading of a run of area names at the start of `text`, each name inside the
    /// previous one (and inside `within` for the first). Readings of every length are
    /// returned; callers keep the ones they need.
    pub(crate) fn chains(&self, text: &str, within: Option<u32>) -> Vec<ChainMatch> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        self.extend_chains(&chars, 0, within, 0, &mut out);
        out
    }

    fn extend_chains(
        &self,
        chars: &[char],
        start: usize,
        within: Option<u32>,
        shorts: usize,
        out: &mut Vec<ChainMatch>,
    ) {
        // Guards against pathological inputs; real names chain at most five deep.
        if out.len() > 256 {
            return;
        }
        let max = self.max_key_chars.min(chars.len() - start);
        let mut key = String::new();
        for len in 1..=max {
            key.push(chars[start + len - 1]);
            let Some(entries) = self.by_name.get(key.as_str()) else {
                continue;
            };
            for &(index, kind) in entries {
                if let Some(outer) = within {
                    if index == outer || !self.area_at(index).is_within(self.area_at(outer)) {
                        continue;
                    }
                }
                let is_short = kind == MatchKind::Short;
                let shorts = shorts + usize::from(is_short);
                out.push(ChainMatch {
                    index,
                    chars: start + len,
                    shorts,
                    last_short: is_short,
                    last_start: start,
                });
                if start + len < chars.len() {
                    self.extend_chains(chars, start + len, Some(index), shorts, out);
                }
            }
        }
    }

    /// The proper name of the 属地 government of `area`:
    ///
    /// - provinces, cities, counties, districts, banners, towns, 乡 and 苏木:
    ///   `<name>人民政府` (江西省人民政府, 兴国县人民政府, 潋江镇人民政府);
    /// - 盟 and 地区 (prefecture level): `<name>行政公署`;
    /// - 街道: `<name>办事处` (never 街道人民政府); Beijing's township-level 地区 likewise;
    /// - development zones and parks: `<name>管理委员会`; names that already are a body
    ///   (…办事处, …管委会) or farms and other special units: the name itself;
    /// - a village or community has no government: its township's is returned.
    ///
    /// A township's government carries its county's name (兴国县潋江镇人民政府, since
    /// town names repeat across counties), and any area whose name another area shares
    /// carries its parent's (北京市朝阳区人民政府).
    pub fn government_of(&self, area: Area<'_>) -> String {
        let area = area.government_area();
        let name = area.name();
        let level = area.level();
        let body = government_body(name, level);
        let shared = self.shared_names.get(name).copied().unwrap_or(0) > 1;
        let qualify = level == Level::Township || (shared && level > Level::Province);
        match (qualify, area.parent()) {
            (true, Some(parent)) => {
                let parent_name = if level == Level::Township {
                    // A township under a shared county name needs the county qualified too.
                    let shared_parent =
                        self.shared_names.get(parent.name()).copied().unwrap_or(0) > 1;
                    match (shared_parent, parent.parent()) {
                        (true, Some(grand)) => format!("{}{}", grand.name(), parent.name()),
                        _ => parent.name().to_string(),
                    }
                } else {
                    parent.name().to_string()
                };
                format!("{parent_name}{body}")
            }
            _ => body,
        }
    }
}

fn add_key(
    map: &mut HashMap<Box<str>, Vec<(u32, MatchKind)>>,
    key: &str,
    index: u32,
    kind: MatchKind,
) {
    let entries = map.entry(key.into()).or_default();
    if let Some(existing) = entries.iter_mut().find(|(i, _)| *i == index) {
        existing.1 = existing.1.min(kind);
    } else {
        entries.push((index, kind));
    }
}

/// The government body for one area name, unqualified.
/// The 属地 government body of an area from its name and level alone, for places the
/// gazetteer does not hold (a fictional register's 箬溪镇, 玉带街道): 人民政府, 街道办事处,
/// 行政公署, 管理委员会, or the name itself when it already is a body. Unlike
/// [`Gazetteer::government_of`] it does not qualify the name by its parent.
pub fn government_body(name: &str, level: Level) -> String {
    const ZONES: [&str; 12] = [
        "开发区",
        "园区",
        "工业园",
        "产业园",
        "示范区",
        "经济区",
        "试验区",
        "合作区",
        "保税区",
        "物流区",
        "管理区",
        "高新区",
    ];
    const BODIES: [&str; 6] = [
        "办事处",
        "管委会",
        "管理委员会",
        "行政委员会",
        "管理处",
        "人民政府",
    ];
    if BODIES.iter().any(|b| name.ends_with(b)) {
        return name.to_string();
    }
    if name.ends_with("街道") {
        return format!("{name}办事处");
    }
    if name.ends_with("地区") || name.ends_with('盟') {
        return match level {
            Level::Township => format!("{name}办事处"),
            _ => format!("{name}行政公署"),
        };
    }
    if ZONES.iter().any(|z| name.ends_with(z)) {
        return format!("{name}管理委员会");
    }
    const GOVERNED: [char; 8] = ['省', '市', '州', '县', '区', '旗', '镇', '乡'];
    if name.ends_with(GOVERNED) || name.ends_with("苏木") {
        return format!("{name}人民政府");
    }
    name.to_string()
}

/// The short forms of an area name: the suffix removed (兴国县 → 兴国), nationalities
/// removed from autonomous areas (延边朝鲜族自治州 → 延边, and 延边州), a street office's
/// 办事处 dropped (XX街道办事处 → XX街道, XX). Forms shorter than two characters are
/// dropped.
pub(crate) fn short_names(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |s: String, out: &mut Vec<String>| {
        if s.chars().count() >= 2 && s != name && !out.contains(&s) {
            out.push(s);
        }
    };
    if let Some(stem) = name.strip_suffix("办事处") {
        if stem.ends_with("街道") {
            push(stem.to_string(), &mut out);
        }
    }
    let Some(suffix) = NAME_SUFFIXES.iter().find(|s| name.ends_with(*s)) else {
        return out;
    };
    let mut stem = &name[..name.len() - suffix.len()];
    let autonomous = suffix.starts_with("自治") || *suffix == "民族乡" || stem.ends_with('族');
    if autonomous {
        // 双江拉祜族佤族布朗族傣族自治县 → 双江; 积石山保安族东乡族撒拉族自治县 → 积石山.
        let mut stripped = true;
        while stripped {
            stripped = false;
            let base = stem.strip_suffix('族').unwrap_or(stem);
            let base = base.strip_suffix("各").unwrap_or(base);
            if base.len() < stem.len() {
                if let Some(n) = NATIONALITIES.iter().find(|n| base.ends_with(*n)) {
                    let shorter = &base[..base.len() - n.len()];
                    if shorter.chars().count() >= 2 {
                        stem = shorter;
                        stripped = true;
                    }
                }
            }
        }
        // A nationality name without 族 (新疆维吾尔自治区, 内蒙古自治区 already bare).
        if let Some(n) = NATIONALITIES.iter().find(|n| stem.ends_with(*n)) {
            let shorter = &stem[..stem.len() - n.len()];
            if shorter.chars().count() >= 2 {
                stem = shorter;
            }
        }
    }
    if stem.ends_with('族') {
        return out;
    }
    push(stem.to_string(), &mut out);
    let common = match *suffix {
        "自治州" => Some("州"),
        "自治县" => Some("县"),
        "自治旗" => Some("旗"),
        "民族乡" => Some("乡"),
        "乡" if autonomous => Some("乡"),
        _ => None,
    };
    if let Some(common) = common {
        push(format!("{stem}{common}"), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz() -> &'static Gazetteer {
        Gazetteer::builtin()
    }

    fn found(text: &str) -> String {
        match gz().resolve(text) {
            Resolution::Found(a) => a.code().to_string(),
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn loads_every_level_and_folds_pseudo_rows() {
        let g = gz();
        assert!(g.len() > 44_000, "{}", g.len());
        let beijing = g.area("11").unwrap();
        assert_eq!(beijing.level(), Level::Province);
        // 朝阳区 hangs directly under Beijing, not under the 市辖区 pseudo-city.
        let chaoyang = g.area("110105").unwrap();
        assert_eq!(chaoyang.parent().unwrap().code(), "11");
        assert_eq!(g.area("1101").unwrap().code(), "11");
        // 东莞市 has no counties: its towns hang under the city.
        let dongguan = g.area("4419").unwrap();
        assert_eq!(dongguan.level(), Level::City);
        assert_eq!(g.area("441900").unwrap().code(), "4419");
        let town = g
            .area("441900003")
            .expect("a 东莞 township code from the table");
        assert_eq!(town.parent().unwrap().code(), "4419");
        // 济源市 is a county-level city directly under 河南省.
        let jiyuan = g.resolve("济源市").area().unwrap();
        assert_eq!(jiyuan.level(), Level::County);
        assert_eq!(jiyuan.parent().unwrap().name(), "河南省");
    }

    #[test]
    fn padded_codes_resolve() {
        let g = gz();
        assert_eq!(g.area("360700").unwrap().name(), "赣州市");
        assert_eq!(g.area("360000").unwrap().name(), "江西省");
        assert_eq!(g.area("360732000000").unwrap().name(), "兴国县");
        assert!(g.area("369999").is_none());
        assert!(g.area("").is_none());
        assert!(g.area("abc").is_none());
    }

    #[test]
    fn real_names_across_provinces_and_levels() {
        // A province, a city, a county, a county-level city, a district, a town, a street.
        assert_eq!(found("江西省"), "36");
        assert_eq!(found("江西"), "36");
        assert_eq!(found("赣州市"), "3607");
        assert_eq!(found("江西省赣州市兴国县"), "360732");
        assert_eq!(found("江西省 赣州市 兴国县"), "360732");
        assert_eq!(found("赣州兴国"), "360732");
        assert_eq!(found("兴国县"), "360732");
        assert_eq!(found("兴国"), "360732");
        assert_eq!(found("360732"), "360732");
        assert_eq!(found("3607"), "3607");
        assert_eq!(found("36"), "36");
        let ruijin = gz().area(&found("瑞金市")).unwrap();
        assert_eq!(ruijin.level(), Level::County, "瑞金 is a 县级市");
        assert_eq!(ruijin.parent().unwrap().name(), "赣州市");
        let zhanggong = gz().area(&found("赣州市章贡区")).unwrap();
        assert_eq!(zhanggong.level(), Level::County, "章贡区 is a 市辖区");
        let town = gz().area(&found("兴国县潋江镇")).unwrap();
        assert_eq!(town.level(), Level::Township);
        assert_eq!(town.parent().unwrap().name(), "兴国县");
        let street = gz().area(&found("北京市东城区东华门街道")).unwrap();
        assert_eq!(street.code(), "110101001");
        assert_eq!(street.level(), Level::Township);
        assert_eq!(found("广西"), "45");
        assert_eq!(found("内蒙古"), "15");
        assert_eq!(found("新疆"), "65");
        assert_eq!(found("浙江省杭州市西湖区"), "330106");
    }

    #[test]
    fn autonomous_prefecture_and_its_own_level() {
        let yanbian = found("延边朝鲜族自治州");
        assert_eq!(gz().area(&yanbian).unwrap().level(), Level::City);
        assert_eq!(found("延边州"), yanbian);
        assert_eq!(found("延边"), yanbian);
        assert_eq!(found("延边州直"), yanbian);
        assert_eq!(found("延边州本级"), yanbian);
        assert_eq!(found("吉林省延边朝鲜族自治州延吉市"), found("延吉市"));
        // An autonomous county's short forms.
        assert_eq!(found("长阳县"), found("长阳土家族自治县"));
        // A bare marker takes its level from the context.
        let g = gz();
        let xingguo = g.area("360732").unwrap();
        assert_eq!(
            g.resolve_in("市直", &[xingguo]).area().unwrap().code(),
            "3607"
        );
        assert_eq!(
            g.resolve_in("县本级", &[xingguo]).area().unwrap().code(),
            "360732"
        );
        assert_eq!(g.resolve("市直"), Resolution::NotFound);
        assert_eq!(found("赣州市直"), "3607");
    }

    #[test]
    fn township_code_ancestors() {
        let g = gz();
        let town = g.resolve("兴国县潋江镇").area().unwrap();
        let names: Vec<&str> = g.ancestors(town.code()).iter().map(|a| a.name()).collect();
        assert_eq!(names, ["兴国县", "赣州市", "江西省"]);
        assert_eq!(town.full_name(), "江西省赣州市兴国县潋江镇");
        assert!(g.is_within(town.code(), "36"));
        assert!(g.is_within(town.code(), "360732"));
        assert!(g.is_within("360732", "360732"));
        assert!(!g.is_within(town.code(), "11"));
        assert!(!g.is_within("36", "360732"));
        assert!(!g.is_within("nope", "36"));
        assert!(g.ancestors("nope").is_empty());
        assert_eq!(town.at_level(Level::City).unwrap().name(), "赣州市");
    }

    #[test]
    fn ambiguous_district_names_with_and_without_context() {
        let g = gz();
        let Resolution::Ambiguous(chaoyang) = g.resolve("朝阳区") else {
            panic!("朝阳区 should be ambiguous");
        };
        let parents: Vec<&str> = chaoyang
            .iter()
            .map(|a| a.parent().unwrap().name())
            .collect();
        assert_eq!(parents, ["北京市", "长春市"]);
        let beijing = g.area("11").unwrap();
        let changchun = g.resolve("长春市").area().unwrap();
        assert_eq!(
            g.resolve_in("朝阳区", &[beijing]).area().unwrap().code(),
            "110105"
        );
        assert_eq!(
            g.resolve_in("朝阳区", &[changchun])
                .area()
                .unwrap()
                .parent()
                .unwrap()
                .name(),
            "长春市"
        );
        // 鼓楼区 is in several cities; a province with two of them stays ambiguous.
        let gulou = g.resolve("鼓楼区").candidates();
        assert!(gulou.len() >= 4, "{gulou:?}");
        let jiangsu = g.resolve("江苏省").area().unwrap();
        let in_jiangsu = g.resolve_in("鼓楼区", &[jiangsu]).candidates();
        assert_eq!(in_jiangsu.len(), 2, "南京 and 徐州: {in_jiangsu:?}");
        let fuzhou = g.resolve("福州市").area().unwrap();
        assert_eq!(
            g.resolve_in("鼓楼区", &[fuzhou])
                .area()
                .unwrap()
                .parent()
                .unwrap()
                .name(),
            "福州市"
        );
        // A context that fits no candidate does not pick one.
        assert!(matches!(
            g.resolve_in("朝阳区", &[jiangsu]),
            Resolution::Ambiguous(_)
        ));
        // A full name with its city is never ambiguous.
        assert_eq!(found("北京市朝阳区"), "110105");
        // Towns repeat: 城关镇 needs its county.
        assert!(matches!(g.resolve("城关镇"), Resolution::Ambiguous(_)));
    }

    #[test]
    fn unknown_text_is_not_found() {
        let g = gz();
        assert_eq!(g.resolve(""), Resolution::NotFound);
        assert_eq!(g.resolve("   "), Resolution::NotFound);
        assert_eq!(g.resolve("自然资源局"), Resolution::NotFound);
        assert_eq!(g.resolve("江西省火星县"), Resolution::NotFound);
        assert_eq!(g.resolve("99"), Resolution::NotFound);
    }

    #[test]
    fn government_of_every_level() {
        let g = gz();
        let gov = |text: &str| g.resolve(text).area().unwrap().government();
        assert_eq!(gov("江西省"), "江西省人民政府");
        assert_eq!(gov("北京市"), "北京市人民政府");
        assert_eq!(gov("广西壮族自治区"), "广西壮族自治区人民政府");
        assert_eq!(gov("赣州市"), "赣州市人民政府");
        assert_eq!(gov("延边州"), "延边朝鲜族自治州人民政府");
        assert_eq!(gov("锡林郭勒盟"), "锡林郭勒盟行政公署");
        assert_eq!(gov("阿克苏地区"), "阿克苏地区行政公署");
        assert_eq!(gov("兴国县"), "兴国县人民政府");
        assert_eq!(gov("瑞金市"), "瑞金市人民政府");
        assert_eq!(gov("赣州市章贡区"), "章贡区人民政府");
        assert_eq!(gov("北京市朝阳区"), "北京市朝阳区人民政府");
        assert_eq!(gov("太仆寺旗"), "太仆寺旗人民政府");
        assert_eq!(gov("兴国县潋江镇"), "兴国县潋江镇人民政府");
        // 东城区 is also a name elsewhere, so the street's government names its city too.
        assert_eq!(
            gov("北京市东城区东华门街道"),
            "北京市东城区东华门街道办事处"
        );
        let street_gov = gov("北京市东城区东华门街道");
        assert!(!street_gov.contains("街道人民政府"));
        let xiang = g.area("130111200").unwrap();
        assert_eq!(xiang.name(), "南高乡");
        assert_eq!(xiang.government(), "栾城区南高乡人民政府");
    }

    #[test]
    fn short_names_of_autonomous_areas() {
        assert_eq!(short_names("延边朝鲜族自治州"), ["延边", "延边州"]);
        assert_eq!(
            short_names("双江拉祜族佤族布朗族傣族自治县"),
            ["双江", "双江县"]
        );
        assert_eq!(short_names("新疆维吾尔自治区"), ["新疆"]);
        assert_eq!(short_names("兴国县"), ["兴国"]);
        assert_eq!(short_names("和县"), Vec::<String>::new());
        assert_eq!(short_names("东华门街道"), ["东华门"]);
        assert_eq!(short_names("漓东街道办事处"), ["漓东街道", "漓东"]);
    }
}
