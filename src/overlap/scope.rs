//! Comparison scope: where a merge can be carried out, as a blocking key of the join.
//!
//! A [`Placement`] is a plain per-platform value computed outside the join and passed in:
//! the administrative path of the platform's area (national → province → city → county →
//! township), its owning unit and, when known, its audience. [`Placer`] fills it from what
//! a [`Platform`] carries, with the division [`Gazetteer`] (`src/org/`, the built-in one
//! or one with an overlay): the region cell (a code or a name) is resolved to an area
//! whose ancestors give the whole path, so a county sits under its real city and
//! province; without a region, the area named by the owner (江西省赣州市兴国县教育局) is
//! used. A region the gazetteer cannot resolve (unknown or ambiguous) falls back to its
//! text: a GB/T 2260 code by prefix, a name as one opaque area per suffix (县, 镇 …) whose
//! unknown ancestors stay unknown. The owner's normalised name is the unit, and the
//! audience is read from the kept columns that say who is in a group ([`audience_of`]:
//! an `audience` / 受众 column, or a 群成员 cell that names people such as 领导班子成员
//! rather than counting them).
//!
//! Inside a family every platform gets a *scope path* of [`SLOTS`] node ids, `0` meaning
//! unknown: the area path for apps, mini programs, platforms and forms; `[unit or area,
//! audience]` for work groups. Two paths are *compatible* when, on every slot down to the
//! shallower one's deepest known slot, their ids are equal or one is unknown. So a county
//! app may pair with an app of its own county, its city, its province or a national one,
//! never with another county's or province's; a group only with groups of its own unit
//! (of its own audience, when both audiences are known); and a platform whose placement
//! is unknown (no region, no owner) falls back to pairing with anything, which is how the
//! join behaved before scopes.
//!
//! The join never enumerates incompatible pairs: a record is a *resident* of the node at
//! its deepest known slot and a *visitor* of each shallower node on its path (or of the
//! whole layer, where its path is unknown at that slot, and of the root); candidates are
//! resident × resident and visitor × resident inside a node. Every candidate is still
//! checked with [`compatible`], so two homonymous townships in different counties that
//! share a node id never pair.

use rustc_hash::FxHashMap;

use std::collections::BTreeMap;

use crate::model::{Level, Platform};
use crate::org::{Area, Gazetteer, OwnerUnit};

/// Slots of an area path: national, province, city, county, township.
pub const SLOTS: usize = 5;

/// Where a platform sits: its area path, unit and audience (0 or `None`: unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Placement {
    /// Area node ids from national (slot 0) to township (slot 4); `0` is unknown. Ids are
    /// opaque: equal ids are the same area, whatever produced them.
    pub area_path: [u32; SLOTS],
    /// The owning unit (0: unknown).
    pub unit: u32,
    /// Who the platform serves (领导班子, 全体干部职工 …), when known.
    pub audience: Option<u32>,
}

impl Placement {
    /// The index of the deepest known slot of the area path, if any.
    pub fn area_depth(&self) -> Option<usize> {
        self.area_path.iter().rposition(|&id| id != 0)
    }
}

/// Builds [`Placement`]s from platforms, interning names to ids so that equal texts get
/// equal ids. Deterministic: ids depend only on the order platforms are placed in.
#[derive(Debug)]
pub struct Placer<'g> {
    ids: FxHashMap<String, u32>,
    gazetteer: &'g Gazetteer,
    /// Area paths already worked out, by region text and level (the same region repeats
    /// on thousands of rows).
    regions: FxHashMap<(String, Option<Level>), [u32; SLOTS]>,
    /// Area paths of owners without a region, by owner text.
    owners: FxHashMap<String, [u32; SLOTS]>,
}

impl Default for Placer<'static> {
    fn default() -> Self {
        Placer::new()
    }
}

/// Region-name suffixes and the slot they end: longer spellings first.
const SUFFIXES: [(&str, usize); 17] = [
    ("特别行政区", 1),
    ("自治区", 1),
    ("自治州", 2),
    ("自治县", 3),
    ("街道", 4),
    ("社区", 5),
    ("地区", 2),
    ("省", 1),
    ("市", 2),
    ("州", 2),
    ("盟", 2),
    ("县", 3),
    ("旗", 3),
    ("区", 3),
    ("镇", 4),
    ("乡", 4),
    ("村", 5),
];

/// Spellings of the whole country as a region.
const NATIONAL: [&str; 4] = ["全国", "中央", "国家", "中国"];

impl Placer<'static> {
    /// A placer over the built-in gazetteer, with no names yet.
    pub fn new() -> Placer<'static> {
        Placer::with_gazetteer(Gazetteer::builtin())
    }

    /// The placements of `platforms`, in order, over the built-in gazetteer.
    pub fn placements(platforms: &[Platform]) -> Vec<Placement> {
        let mut placer = Placer::new();
        platforms.iter().map(|p| placer.place(p)).collect()
    }
}

impl<'g> Placer<'g> {
    /// A placer over `gazetteer` (the built-in one, or one with an overlay of fictional
    /// or missing places such as the sample city's).
    pub fn with_gazetteer(gazetteer: &'g Gazetteer) -> Placer<'g> {
        Placer {
            ids: FxHashMap::default(),
            gazetteer,
            regions: FxHashMap::default(),
            owners: FxHashMap::default(),
        }
    }

    /// The placements of `platforms`, in order.
    pub fn place_all(&mut self, platforms: &[Platform]) -> Vec<Placement> {
        platforms.iter().map(|p| self.place(p)).collect()
    }

    fn intern(&mut self, key: String) -> u32 {
        let next = self.ids.len() as u32 + 1;
        *self.ids.entry(key).or_insert(next)
    }

    /// The placement of one platform: its region (code or name) and level give the area
    /// path (else the area its owner names), its owner the unit, and a kept audience
    /// column ([`audience_of`]) the audience.
    pub fn place(&mut self, platform: &Platform) -> Placement {
        let owner = platform.owner.as_deref().map(compact).unwrap_or_default();
        let region = platform.region.as_deref().map(compact).unwrap_or_default();
        let mut area_path = self.area_path(Some(&region), platform.level);
        if area_path == [0; SLOTS] && region.is_empty() && !owner.is_empty() {
            area_path = self.owner_area_path(&owner);
        }
        let unit = if owner.is_empty() {
            0
        } else {
            self.intern(format!("unit:{owner}"))
        };
        let audience = audience_of(&platform.extra).and_then(|text| self.audience(text));
        Placement {
            area_path,
            unit,
            audience,
        }
    }

    /// The interned id of an audience text: 领导班子成员 and 领导班子 are one audience.
    pub fn audience(&mut self, text: &str) -> Option<u32> {
        let text = compact(text);
        let text = text
            .strip_suffix("成员")
            .or_else(|| text.strip_suffix("人员"))
            .unwrap_or(&text);
        (!text.is_empty()).then(|| self.intern(format!("audience:{text}")))
    }

    /// The area path of the area an owner's name begins with (赣州市兴国县教育局), or
    /// nothing when it names none.
    fn owner_area_path(&mut self, owner: &str) -> [u32; SLOTS] {
        if let Some(path) = self.owners.get(owner) {
            return *path;
        }
        let gazetteer = self.gazetteer;
        let path = match OwnerUnit::parse(owner, gazetteer, &[]).area {
            Some(area) => self.gazetteer_path(area),
            None => [0; SLOTS],
        };
        self.owners.insert(owner.to_string(), path);
        path
    }

    /// The path of a gazetteer area: every ancestor at its level's slot, keyed like
    /// [`Placer::code_path`] so that a code the gazetteer does not know still nests
    /// under the areas it does.
    fn gazetteer_path(&mut self, area: Area<'_>) -> [u32; SLOTS] {
        let mut path = [0u32; SLOTS];
        path[0] = self.intern("national".into());
        for a in std::iter::once(area).chain(area.ancestors()) {
            let slot = level_slot(a.level());
            // A village sits at its township's slot when the township is not known.
            if path[slot] == 0 {
                path[slot] = self.intern(format!("code:{}", padded_code(a.code())));
            }
        }
        // A level the tree skips (天门市 and Beijing's districts have no city above them)
        // is not unknown: it is "none", a node of its own under the parent, so a county
        // directly under its province never pairs with a city of that province.
        let deepest = path.iter().rposition(|&id| id != 0).unwrap_or(0);
        for s in 1..deepest {
            if path[s] == 0 {
                path[s] = self.intern(format!("none:{s}:{}", path[s - 1]));
            }
        }
        path
    }

    /// The area path of a region (GB/T 2260 code or name) at `level`: through the
    /// gazetteer when it resolves the region to one area, else from the text.
    pub fn area_path(&mut self, region: Option<&str>, level: Option<Level>) -> [u32; SLOTS] {
        let key = (region.map(compact).unwrap_or_default(), level);
        if let Some(path) = self.regions.get(&key) {
            return *path;
        }
        let gazetteer = self.gazetteer;
        let resolved = if key.0.is_empty() || NATIONAL.contains(&key.0.as_str()) {
            None
        } else {
            gazetteer.resolve(&key.0).area()
        };
        let path = match resolved {
            Some(area) if level != Some(Level::National) => self.gazetteer_path(area),
            _ => self.text_area_path(region, level),
        };
        self.regions.insert(key, path);
        path
    }

    /// The area path of a region read from its text alone (codes by prefix, names by
    /// their suffixes).
    fn text_area_path(&mut self, region: Option<&str>, level: Option<Level>) -> [u32; SLOTS] {
        let mut path = [0u32; SLOTS];
        let region = region.map(compact).unwrap_or_default();
        if region.is_empty() {
            if level == Some(Level::National) {
                path[0] = self.intern("national".into());
            }
            return path;
        }
        if NATIONAL.contains(&region.as_str()) || level == Some(Level::National) {
            path[0] = self.intern("national".into());
            return path;
        }
        if let Some(code) = parse_code(&region) {
            return self.code_path(&code);
        }
        let segments = segments(&region);
        let level_slot = level.map(level_slot);
        // Segments must go down the tree; anything else is one opaque area at the level.
        let mut slots: Vec<(usize, &str)> = Vec::new();
        for (k, (text, slot)) in segments.iter().enumerate() {
            let last = k + 1 == segments.len();
            let mut slot = *slot;
            // A 县级市 is a city by name and a county by level.
            if last && text.ends_with('市') && level_slot == Some(3) {
                slot = 3;
            }
            // Villages and communities sit at the township slot, below any township named.
            if slot == 5 {
                if slots.last().is_some_and(|&(s, _)| s >= 4) {
                    continue;
                }
                slot = 4;
            }
            if slots.last().is_some_and(|&(s, _)| s >= slot) {
                slots.clear();
                break;
            }
            slots.push((slot, text));
        }
        if slots.is_empty() {
            match level_slot {
                Some(slot) => {
                    path[slot] = self.intern(format!("area:{slot}:{region}"));
                }
                // A name without a recognisable suffix or a level: its place is unknown.
                None => return path,
            }
            return path;
        }
        for (slot, text) in slots {
            path[slot] = self.intern(format!("area:{slot}:{text}"));
        }
        path
    }

    /// The path of a 6-digit GB/T 2260 code (9 or 12 digits add the township).
    fn code_path(&mut self, code: &str) -> [u32; SLOTS] {
        let mut path = [0u32; SLOTS];
        path[0] = self.intern("national".into());
        let (province, city, county) = (&code[0..2], &code[2..4], &code[4..6]);
        if province == "00" || code.starts_with("100000") {
            return path;
        }
        path[1] = self.intern(format!("code:{province}0000"));
        if city != "00" {
            path[2] = self.intern(format!("code:{province}{city}00"));
            if county != "00" {
                path[3] = self.intern(format!("code:{}", &code[0..6]));
            }
        }
        if code.len() > 6 && &code[6..9] != "000" {
            path[4] = self.intern(format!("code:{}", &code[0..9]));
        }
        path
    }
}

/// The slot of a level: national 0 … township 4 (villages at the township slot).
fn level_slot(level: Level) -> usize {
    match level {
        Level::National => 0,
        Level::Province => 1,
        Level::City => 2,
        Level::County => 3,
        Level::Township | Level::Village => 4,
    }
}

/// A gazetteer code padded to the 6 digits of GB/T 2260 (36 → 360000, 3607 → 360700);
/// township codes (9 digits) and overlay codes of other lengths stay as they are.
fn padded_code(code: &str) -> String {
    match code.len() {
        2 => format!("{code}0000"),
        4 => format!("{code}00"),
        _ => code.to_string(),
    }
}

/// Headers of kept columns that say who a platform serves or who is in a group, in the
/// form [`header_key`] gives them. A count of members is read into `members` by the
/// importer; what stays in `extra` under a members header is a description of people
/// (领导班子成员, 全体干部职工), so every members spelling is listed too.
const AUDIENCE_HEADERS: [&str; 16] = [
    "audience",
    "受众",
    "服务对象",
    "使用对象",
    "面向对象",
    "members",
    "member",
    "群成员",
    "群成员数",
    "成员",
    "成员数",
    "群成员范围",
    "成员范围",
    "群成员构成",
    "成员构成",
    "入群范围",
];

/// A header in matching form: lower case, without spaces, separators or a trailing
/// `（…）` note.
fn header_key(header: &str) -> String {
    let mut key: String = header
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '·' | ':' | '：'))
        .collect();
    if let Some(start) = key.find(['(', '（']).filter(|&s| s > 0) {
        key.truncate(start);
    }
    key
}

/// The audience a platform's kept columns name: the first non-empty value, without
/// digits (a count is not an audience), under an audience or members header.
pub fn audience_of(extra: &BTreeMap<String, String>) -> Option<&str> {
    extra
        .iter()
        .filter(|(header, _)| AUDIENCE_HEADERS.contains(&header_key(header).as_str()))
        .map(|(_, value)| value.trim())
        .find(|value| !value.is_empty() && !value.chars().any(|c| c.is_ascii_digit()))
}

/// Text without spaces (full-width ones included), for names typed with stray spaces.
fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A GB/T 2260 code (6 digits) or statistical division code (9 or 12 digits).
fn parse_code(text: &str) -> Option<String> {
    let digits = text.chars().all(|c| c.is_ascii_digit());
    (digits && matches!(text.len(), 6 | 9 | 12)).then(|| text.to_string())
}

/// Splits a region name into its administrative segments, each with the slot its suffix
/// names (5 for villages and communities): 云栖县雾溪镇 → [(云栖县, 3), (雾溪镇, 4)].
/// Text after the last suffix is dropped; a name without any suffix gives nothing.
fn segments(name: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (k, &c) in chars.iter().enumerate() {
        current.push(c);
        // 杭州市 is one segment: a suffix directly followed by another suffix character
        // does not end a segment.
        let next_is_suffix = chars
            .get(k + 1)
            .is_some_and(|n| SUFFIXES.iter().any(|(s, _)| s.starts_with(*n)));
        if next_is_suffix {
            continue;
        }
        if let Some(&(_, slot)) = SUFFIXES.iter().find(|(s, _)| current.ends_with(s)) {
            // 社区 also ends in 区: the longer suffix is listed first, so it wins.
            out.push((std::mem::take(&mut current), slot));
        }
    }
    out
}

/// A family's scope path of one platform (see the module docs).
pub(crate) type ScopePath = [u32; SLOTS];

/// The deepest known slot of a scope path, if any.
pub(crate) fn depth(path: &ScopePath) -> Option<usize> {
    path.iter().rposition(|&id| id != 0)
}

/// Whether two scope paths may pair: on every slot down to the shallower path's deepest
/// known slot, equal ids or an unknown one.
pub(crate) fn compatible(a: &ScopePath, b: &ScopePath) -> bool {
    let d = match (depth(a), depth(b)) {
        (Some(x), Some(y)) => x.min(y),
        _ => return true,
    };
    (0..=d).all(|s| a[s] == 0 || b[s] == 0 || a[s] == b[s])
}

/// Builds groups' scope paths `[unit or area, audience]`, interning the pairs so that an
/// audience node is unique to its unit (领导班子 of one unit is not another's).
#[derive(Default)]
pub(crate) struct GroupScopes {
    ids: FxHashMap<(u8, u32, u32), u32>,
}

impl GroupScopes {
    fn intern(&mut self, key: (u8, u32, u32)) -> u32 {
        let next = self.ids.len() as u32 + 1;
        *self.ids.entry(key).or_insert(next)
    }

    /// The scope path of a group: its unit, else its deepest known area; then its audience
    /// when the unit is known. Groups of unknown unit and area pair with any group.
    pub fn path(&mut self, placement: &Placement) -> ScopePath {
        let mut path = [0u32; SLOTS];
        if placement.unit != 0 {
            path[0] = self.intern((0, placement.unit, 0));
            if let Some(audience) = placement.audience {
                path[1] = self.intern((2, path[0], audience));
            }
        } else if let Some(d) = placement.area_depth() {
            path[0] = self.intern((1, d as u32, placement.area_path[d]));
        }
        path
    }
}

/// Roles of a record in a scope bucket, in the order they sort within a bucket.
pub(crate) const RESIDENT: u64 = 0;
/// A resident of a node, entered in its layer for visitors whose path is unknown there.
pub(crate) const LAYER_RESIDENT: u64 = 1;
/// A record looking for partners in a shallower node (or layer, or the root).
pub(crate) const VISITOR: u64 = 2;

/// The scope entries of every record: `(node key, role)` pairs. Node keys: 0 is the root
/// (records without any known slot), `(slot + 1) << 32 | id` a node, `(slot + 1) << 32 |
/// u32::MAX` the whole layer of a slot. A visit is only entered where some record resides,
/// so with complete paths and no shallower residents a record has exactly one entry.
pub(crate) struct ScopeEntries {
    /// Start of each record's entries (`len = records + 1`).
    pub offsets: Vec<usize>,
    /// Node key and role of each entry.
    pub entries: Vec<(u64, u64)>,
}

/// The key of the node at `slot` with `id`.
fn node_key(slot: usize, id: u32) -> u64 {
    ((slot as u64 + 1) << 32) | u64::from(id)
}

impl ScopeEntries {
    /// The entries of records with the scope paths `paths`.
    pub fn build(paths: &[ScopePath]) -> ScopeEntries {
        let mut resident_nodes: rustc_hash::FxHashSet<u64> = Default::default();
        let mut root_residents = false;
        let mut layer_has_residents = [false; SLOTS];
        for path in paths {
            match depth(path) {
                Some(d) => {
                    resident_nodes.insert(node_key(d, path[d]));
                    layer_has_residents[d] = true;
                }
                None => root_residents = true,
            }
        }
        // Layers somebody visits (a path unknown at a slot above its deepest).
        let mut layer_visited = [false; SLOTS];
        for path in paths {
            if let Some(d) = depth(path) {
                for s in 0..d {
                    if path[s] == 0 && layer_has_residents[s] {
                        layer_visited[s] = true;
                    }
                }
            }
        }
        let mut offsets = Vec::with_capacity(paths.len() + 1);
        offsets.push(0);
        let mut entries = Vec::with_capacity(paths.len());
        for path in paths {
            match depth(path) {
                None => entries.push((0, RESIDENT)),
                Some(d) => {
                    entries.push((node_key(d, path[d]), RESIDENT));
                    if layer_visited[d] {
                        entries.push((node_key(d, u32::MAX), LAYER_RESIDENT));
                    }
                    for s in 0..d {
                        let key = if path[s] == 0 {
                            if !layer_visited[s] {
                                continue;
                            }
                            node_key(s, u32::MAX)
                        } else {
                            let key = node_key(s, path[s]);
                            if !resident_nodes.contains(&key) {
                                continue;
                            }
                            key
                        };
                        entries.push((key, VISITOR));
                    }
                    if root_residents {
                        entries.push((0, VISITOR));
                    }
                }
            }
            offsets.push(entries.len());
        }
        ScopeEntries { offsets, entries }
    }

    /// The entries of record `r`.
    pub fn of(&self, r: usize) -> &[(u64, u64)] {
        match (self.offsets.get(r), self.offsets.get(r + 1)) {
            (Some(&s), Some(&e)) => self.entries.get(s..e).unwrap_or(&[]),
            _ => &[],
        }
    }
}
