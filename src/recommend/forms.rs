//! 一表通: consolidating reporting forms into master forms. Owns the field crosswalk
//! (every data field of every form and of every platform that already holds the data,
//! normalised through the taxonomy), the grouping of forms that share a core of fields
//! inside one issuing authority's area, the proposed master form of each group with the
//! authoritative source of every field (一数一源), and the reduction figures.
//!
//! Pure: works on in-memory platforms and cannot fail on I/O.
//!
//! # Grouping
//!
//! A form's *distinctive* fields are its canonical data fields without the taxonomy's
//! ubiquitous ones (姓名, 手机号, 填报人 …). Forms are grouped only with forms whose
//! issuing authority (发文部门 when the table names one, else the owner) lies in the
//! same area (county, township … as resolved by [`crate::org`]); a form whose area cannot
//! be told is never grouped. Inside an area, groups start as single forms whose *core* is
//! their distinctive fields, and the two groups whose merged core (the intersection of
//! the two cores) is largest are merged while the merged core keeps
//!
//! ```text
//! |core| ≥ min_core_fields                          (default 3)
//! |core| ≥ min_core_share · |distinctive(m)|        for every member m (default 0.4)
//! ```
//!
//! Ties are broken by the number of members, then by the members' ids, so the groups do
//! not depend on the input order. A group is therefore a core shared by all its members;
//! no member needs to contain another.
//!
//! # Minutes
//!
//! Per filling unit and month, with `s(f)` the submissions per month of form `f` (from a
//! 填报频次/报送周期 column, else the name: 日报 22, 周报 4.33, 旬报 3, 半月报 2, 月报 1,
//! 季报 1/3, 半年报 1/6, 年报 1/12, else `default_submissions_per_month`) and `s(x)` the
//! largest `s(f)` of the replaced forms that ask field `x`:
//!
//! ```text
//! before = Σ_f s(f) · (|fields(f)| · field_minutes + form_overhead_minutes)
//! after  = Σ_{x asked}       s(x) · field_minutes
//!        + Σ_{x prefillable} s(x) · prefill_check_minutes
//!        + max_f s(f) · form_overhead_minutes
//! saved per month = before − after;  saved per cycle = saved per month / max_f s(f)
//! ```
//!
//! The inventory's total multiplies each group's saving by the number of filling units
//! the forms name (at least one).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::model::{kept_value, KeptColumn, Kind, Platform, Record};
use crate::normalize::{normalize_text, TagKind, Taxonomy, Trait};
use crate::org::{Area, Gazetteer, OwnerUnit};

/// Coefficients and thresholds of the consolidation (`[forms]` in fingertip.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FormsSettings {
    /// Fewest distinctive fields a shared core must have.
    pub min_core_fields: usize,
    /// Smallest share of each member's distinctive fields the core must cover.
    pub min_core_share: f64,
    /// Minutes to fill one field once.
    pub field_minutes: f64,
    /// Minutes of one submission beyond its fields: open, check, sign, seal, send.
    pub form_overhead_minutes: f64,
    /// Minutes to check one field filled back from its source.
    pub prefill_check_minutes: f64,
    /// Submissions per month of a form whose cycle is not stated.
    pub default_submissions_per_month: f64,
}

impl Default for FormsSettings {
    fn default() -> Self {
        FormsSettings {
            min_core_fields: 3,
            min_core_share: 0.4,
            field_minutes: 0.5,
            form_overhead_minutes: 15.0,
            prefill_check_minutes: 0.1,
            default_submissions_per_month: 1.0,
        }
    }
}

/// One canonical field of the crosswalk.
#[derive(Debug, Clone, PartialEq)]
pub struct CrosswalkField {
    /// The canonical field (taxonomy tag, or the normalised text when unknown).
    pub field: String,
    /// Subject: the taxonomy domain, else the task (关联事项) of the first form asking it.
    pub subject: String,
    /// Whether the taxonomy knows the field.
    pub known: bool,
    /// Every spelling seen in the input (and the canonical name), sorted.
    pub spellings: Vec<String>,
    /// Ids of the forms that collect it, sorted.
    pub forms: Vec<String>,
    /// Ids of the non-form platforms that already hold it, sorted.
    pub holders: Vec<String>,
}

/// Where a master-form field can be filled back from (一数一源).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSource {
    /// Platform id.
    pub id: String,
    /// Platform name.
    pub name: String,
    /// Platform kind.
    pub kind: Kind,
}

/// One field of a proposed master form.
#[derive(Debug, Clone, PartialEq)]
pub struct MasterField {
    /// Canonical field.
    pub field: String,
    /// Subject heading it is grouped under.
    pub subject: String,
    /// Ids of the replaced forms that ask it, sorted (never empty).
    pub forms: Vec<String>,
    /// Its authoritative source outside the group, when one holds it.
    pub source: Option<FieldSource>,
    /// Submissions per month the field is needed at (the most frequent form asking it).
    pub submissions_per_month: f64,
}

/// A proposed master form replacing a group of forms.
#[derive(Debug, Clone, PartialEq)]
pub struct MasterForm {
    /// Stable id (`MF-001` …, numbered by area key and first member id).
    pub id: String,
    /// Proposed name.
    pub name: String,
    /// Name of the issuing area.
    pub area: String,
    /// Ids of the replaced forms, sorted.
    pub forms: Vec<String>,
    /// Names of the replaced forms, in the order of `forms`.
    pub form_names: Vec<String>,
    /// The shared core, sorted.
    pub core: Vec<String>,
    /// Every field, sorted by subject then field.
    pub fields: Vec<MasterField>,
    /// Issuing units of the replaced forms, sorted.
    pub issuers: Vec<String>,
    /// Units that fill the replaced forms, sorted (empty when no table says).
    pub fillers: Vec<String>,
    /// Submissions per month of the master form.
    pub submissions_per_month: f64,
    /// Minutes per filling unit and month before consolidation.
    pub minutes_before_per_month: f64,
    /// Minutes per filling unit and month with the master form.
    pub minutes_after_per_month: f64,
    /// Minutes saved per filling unit and cycle of the master form.
    pub saved_minutes_per_cycle: f64,
    /// Minutes saved per month over all named filling units (at least one).
    pub saved_minutes_per_month: f64,
}

impl MasterForm {
    /// The replaced forms as `名称（编号）`, in the order of `forms`.
    pub fn replaced(&self) -> Vec<String> {
        self.forms
            .iter()
            .zip(&self.form_names)
            .map(|(id, name)| format!("{name}（{id}）"))
            .collect()
    }

    /// Fields that can be filled back from a source.
    pub fn prefillable(&self) -> usize {
        self.fields.iter().filter(|f| f.source.is_some()).count()
    }
}

/// Reduction figures of the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reduction {
    /// Forms before.
    pub forms_before: usize,
    /// Forms after (ungrouped forms plus one master form per group).
    pub forms_after: usize,
    /// Fields asked before, summed over forms.
    pub fields_before: usize,
    /// Fields asked after, summed over the remaining forms and master forms.
    pub fields_after: usize,
    /// Fields after that can be filled back from a source instead of asked again.
    pub prefillable: usize,
    /// Minutes saved per month, over every group.
    pub saved_minutes_per_month: f64,
}

/// The result of [`consolidate`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormsPlan {
    /// The crosswalk, sorted by field.
    pub crosswalk: Vec<CrosswalkField>,
    /// Proposed master forms, sorted by id.
    pub groups: Vec<MasterForm>,
    /// Reduction figures.
    pub summary: Reduction,
}

/// Canonical fields about the submission itself (who filled it, when, who checked it):
/// asked anew each time, never filled back from a source.
const SUBMISSION_FIELDS: [&str; 4] = ["填报人", "填报日期", "审核人", "签名"];
/// Headers of extra columns that also say who fills a form (a table's audience column,
/// which the importer keeps as it is).
const AUDIENCE_COLUMNS: [&str; 2] = ["面向对象", "audience"];

/// Submissions per month of a cycle word, longest words first.
const CYCLES: [(&str, f64); 16] = [
    ("半年报", 1.0 / 6.0),
    ("半月报", 2.0),
    ("每半年", 1.0 / 6.0),
    ("日报", 22.0),
    ("每日", 22.0),
    ("每天", 22.0),
    ("周报", 52.0 / 12.0),
    ("每周", 52.0 / 12.0),
    ("旬报", 3.0),
    ("月报", 1.0),
    ("每月", 1.0),
    ("按月", 1.0),
    ("季报", 1.0 / 3.0),
    ("每季", 1.0 / 3.0),
    ("年报", 1.0 / 12.0),
    ("每年", 1.0 / 12.0),
];

/// The submissions per month a cycle text names (月报, 每季度 …), if any.
pub fn submissions_per_month(text: &str) -> Option<f64> {
    CYCLES
        .iter()
        .find(|(word, _)| text.contains(word))
        .map(|&(_, n)| n)
        .or_else(|| match text.trim() {
            "日" | "daily" => Some(22.0),
            "周" | "weekly" => Some(52.0 / 12.0),
            "月" | "monthly" => Some(1.0),
            "季" | "季度" | "quarterly" => Some(1.0 / 3.0),
            "年" | "年度" | "annual" | "yearly" => Some(1.0 / 12.0),
            _ => None,
        })
}

/// A form's non-empty value of a kept column (发文部门, 填报对象, 填报频次: the importer keeps
/// them under the header as written, and `KeptColumn` knows their spellings).
fn kept(platform: &Platform, column: KeptColumn) -> Option<&str> {
    kept_value(&platform.extra, column)
        .map(|(_, value)| value.trim())
        .filter(|value| !value.is_empty())
}

/// The issuing unit of a form: the 发文部门 column when present, else the owner.
pub fn issuer_of(platform: &Platform) -> Option<&str> {
    kept(platform, KeptColumn::FormIssuer).or(platform.owner.as_deref())
}

/// The units that fill a form: the owner when a 发文部门 column names the issuer, and a
/// 填报对象 (or 面向对象) column, split on `、，,；;/`.
pub fn fillers_of(platform: &Platform) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |text: &str| {
        for part in text.split(['、', '，', ',', '；', ';', '/']) {
            let part = normalize_text(part);
            if !part.is_empty() && !out.contains(&part) {
                out.push(part);
            }
        }
    };
    if kept(platform, KeptColumn::FormIssuer).is_some() {
        if let Some(owner) = &platform.owner {
            push(owner);
        }
    }
    let audience = || {
        platform.extra.iter().find_map(|(key, value)| {
            let key = normalize_text(key);
            (AUDIENCE_COLUMNS.iter().any(|c| key.eq_ignore_ascii_case(c))
                && !value.trim().is_empty())
            .then_some(value.as_str())
        })
    };
    if let Some(text) = kept(platform, KeptColumn::FormFillers).or_else(audience) {
        push(text);
    }
    out
}

/// The area of a unit: the owner name parsed by [`OwnerUnit`] with the region cell as
/// context, else the region cell itself.
pub fn area_of<'g>(
    owner: Option<&str>,
    region: Option<&str>,
    gazetteer: &'g Gazetteer,
) -> Option<Area<'g>> {
    let region_areas = region
        .map(|r| gazetteer.resolve(r).candidates())
        .unwrap_or_default();
    let from_owner = owner.and_then(|o| OwnerUnit::parse(o, gazetteer, &region_areas).area);
    let from_region = match region_areas.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    from_owner.or(from_region)
}

/// A form with what the grouping needs.
struct FormInfo<'p> {
    platform: &'p Platform,
    area: Option<Area<'p>>,
    fields: BTreeSet<String>,
    distinctive: BTreeSet<String>,
    submissions: f64,
}

/// A group under construction: members (indices into the form list, which is sorted by
/// id, so index order is id order) and the shared core.
#[derive(Clone)]
struct Group {
    members: Vec<usize>,
    core: BTreeSet<String>,
}

fn canonical_fields(platform: &Platform, taxonomy: &Taxonomy) -> BTreeSet<String> {
    platform
        .data_fields
        .iter()
        .map(|f| taxonomy.data_field_tag(f))
        .filter(|f| !f.is_empty())
        .collect()
}

fn is_ubiquitous(taxonomy: &Taxonomy, field: &str) -> bool {
    taxonomy
        .data_field_traits(field)
        .contains(&Trait::Ubiquitous)
}

/// Whether `core` is a shared core for every member of `members`.
fn core_holds(
    core: &BTreeSet<String>,
    members: &[usize],
    forms: &[FormInfo<'_>],
    s: &FormsSettings,
) -> bool {
    core.len() >= s.min_core_fields.max(1)
        && members
            .iter()
            .all(|&m| core.len() as f64 >= s.min_core_share * forms[m].distinctive.len() as f64)
}

/// A candidate merge: its rank (core size, members, earliest members), the two groups
/// and the merged core.
type Merge = (
    (usize, usize, Reverse<Vec<usize>>),
    usize,
    usize,
    BTreeSet<String>,
);

/// Groups the forms of one area (indices into `forms`, in id order).
///
/// A merged group's core is inside the pairwise core of any two of its members, so every
/// group is a clique of pairs whose own core holds; the greedy merging therefore runs
/// separately on each connected component of that pair graph, with the same result and
/// without the cubic cost over the whole area.
fn group_area(area_forms: &[usize], forms: &[FormInfo<'_>], s: &FormsSettings) -> Vec<Group> {
    let n = area_forms.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for a in 0..n {
        for b in a + 1..n {
            let (fa, fb) = (area_forms[a], area_forms[b]);
            let core: BTreeSet<String> = forms[fa]
                .distinctive
                .intersection(&forms[fb].distinctive)
                .cloned()
                .collect();
            if core_holds(&core, &[fa, fb], forms, s) {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra != rb {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &form) in area_forms.iter().enumerate() {
        let r = root(&mut parent, i);
        components.entry(r).or_default().push(form);
    }
    components
        .into_values()
        .filter(|c| c.len() >= 2)
        .flat_map(|c| group_component(&c, forms, s))
        .collect()
}

/// The greedy merging inside one component of the pair graph.
fn group_component(area_forms: &[usize], forms: &[FormInfo<'_>], s: &FormsSettings) -> Vec<Group> {
    let mut groups: Vec<Group> = area_forms
        .iter()
        .map(|&i| Group {
            members: vec![i],
            core: forms[i].distinctive.clone(),
        })
        .collect();
    loop {
        // (core size, members, earliest members) → best merge; ids order the indices.
        let mut best: Option<Merge> = None;
        for a in 0..groups.len() {
            for b in a + 1..groups.len() {
                let core: BTreeSet<String> = groups[a]
                    .core
                    .intersection(&groups[b].core)
                    .cloned()
                    .collect();
                if core.len() < s.min_core_fields.max(1) {
                    continue;
                }
                let mut members = groups[a].members.clone();
                members.extend(&groups[b].members);
                members.sort_unstable();
                if !core_holds(&core, &members, forms, s) {
                    continue;
                }
                let key = (core.len(), members.len(), Reverse(members));
                if best.as_ref().is_none_or(|(k, ..)| key > *k) {
                    best = Some((key, a, b, core));
                }
            }
        }
        let Some(((_, _, Reverse(members)), a, b, core)) = best else {
            break;
        };
        groups[a] = Group { members, core };
        groups.remove(b);
    }
    groups.retain(|g| g.members.len() >= 2);
    groups
}

/// Builds the crosswalk, groups the forms and proposes a master form for each group.
///
/// `platforms` is the registry (forms and the platforms that may hold their data);
/// `records` are the raw rows, read only for the spellings of each field (pass `&[]`
/// when they are not at hand); `gazetteer` resolves the issuing areas (the built-in
/// one, or one with the inventory's overlay).
pub fn consolidate(
    platforms: &[Platform],
    records: &[Record],
    taxonomy: &Taxonomy,
    gazetteer: &Gazetteer,
    settings: &FormsSettings,
) -> FormsPlan {
    let mut order: Vec<&Platform> = platforms.iter().collect();
    order.sort_by(|a, b| a.id.cmp(&b.id).then(a.name.cmp(&b.name)));
    let default_subs = if settings.default_submissions_per_month.is_finite()
        && settings.default_submissions_per_month > 0.0
    {
        settings.default_submissions_per_month
    } else {
        1.0
    };

    let forms: Vec<FormInfo<'_>> = order
        .iter()
        .filter(|p| p.kind == Kind::Form)
        .map(|p| {
            let fields = canonical_fields(p, taxonomy);
            let distinctive = fields
                .iter()
                .filter(|f| !is_ubiquitous(taxonomy, f))
                .cloned()
                .collect();
            let submissions = kept(p, KeptColumn::FormCycle)
                .and_then(submissions_per_month)
                .or_else(|| submissions_per_month(&p.name))
                .unwrap_or(default_subs);
            FormInfo {
                platform: p,
                area: area_of(issuer_of(p), p.region.as_deref(), gazetteer),
                fields,
                distinctive,
                submissions,
            }
        })
        .collect();
    let holders: Vec<(&Platform, Option<Area<'_>>, BTreeSet<String>)> = order
        .iter()
        .filter(|p| p.kind != Kind::Form && !p.data_fields.is_empty())
        .map(|p| {
            (
                *p,
                area_of(p.owner.as_deref(), p.region.as_deref(), gazetteer),
                canonical_fields(p, taxonomy),
            )
        })
        .collect();

    let crosswalk = crosswalk(&forms, &holders, records, taxonomy);
    let subject_of: BTreeMap<&str, &str> = crosswalk
        .iter()
        .map(|c| (c.field.as_str(), c.subject.as_str()))
        .collect();

    // Group inside each issuing area.
    let mut by_area: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, form) in forms.iter().enumerate() {
        if let Some(area) = form.area {
            by_area.entry(area.code()).or_default().push(i);
        }
    }
    let mut raw_groups: Vec<(Area<'_>, Group)> = Vec::new();
    for members in by_area.values() {
        let area = forms[members[0]].area;
        if let Some(area) = area {
            for group in group_area(members, &forms, settings) {
                raw_groups.push((area, group));
            }
        }
    }
    raw_groups.sort_by(|(a, g), (b, h)| {
        a.code().cmp(b.code()).then_with(|| {
            forms[g.members[0]]
                .platform
                .id
                .cmp(&forms[h.members[0]].platform.id)
        })
    });

    let grouped: BTreeSet<usize> = raw_groups
        .iter()
        .flat_map(|(_, g)| g.members.iter().copied())
        .collect();
    let mut groups = Vec::new();
    for (n, (area, group)) in raw_groups.iter().enumerate() {
        groups.push(master_form(
            n + 1,
            *area,
            group,
            &forms,
            &holders,
            &grouped,
            &subject_of,
            taxonomy,
            settings,
        ));
    }

    // Reduction figures.
    let forms_before = forms.len();
    let fields_before: usize = forms.iter().map(|f| f.fields.len()).sum();
    let mut fields_after: usize = groups.iter().map(|g| g.fields.len()).sum();
    let mut prefillable: usize = groups.iter().map(MasterForm::prefillable).sum();
    for (i, form) in forms.iter().enumerate() {
        if grouped.contains(&i) {
            continue;
        }
        fields_after += form.fields.len();
        prefillable += form
            .fields
            .iter()
            .filter(|f| {
                !SUBMISSION_FIELDS.contains(&f.as_str())
                    && holder_source(f, form.area, &holders).is_some()
            })
            .count();
    }
    let summary = Reduction {
        forms_before,
        forms_after: forms_before - grouped.len() + groups.len(),
        fields_before,
        fields_after,
        prefillable,
        saved_minutes_per_month: groups.iter().map(|g| g.saved_minutes_per_month).sum(),
    };
    FormsPlan {
        crosswalk,
        groups,
        summary,
    }
}

fn crosswalk(
    forms: &[FormInfo<'_>],
    holders: &[(&Platform, Option<Area<'_>>, BTreeSet<String>)],
    records: &[Record],
    taxonomy: &Taxonomy,
) -> Vec<CrosswalkField> {
    struct Entry {
        spellings: BTreeSet<String>,
        forms: BTreeSet<String>,
        holders: BTreeSet<String>,
        first_matter: Option<(String, String)>,
    }
    fn entry<'m>(map: &'m mut BTreeMap<String, Entry>, field: &str) -> &'m mut Entry {
        map.entry(field.to_owned()).or_insert_with(|| Entry {
            spellings: BTreeSet::from([field.to_owned()]),
            forms: BTreeSet::new(),
            holders: BTreeSet::new(),
            first_matter: None,
        })
    }
    let mut map: BTreeMap<String, Entry> = BTreeMap::new();
    for form in forms {
        for raw in &form.platform.data_fields {
            let field = taxonomy.data_field_tag(raw);
            if field.is_empty() {
                continue;
            }
            let e = entry(&mut map, &field);
            e.spellings.insert(normalize_text(raw));
            e.forms.insert(form.platform.id.clone());
            let subject = form
                .platform
                .matter
                .clone()
                .unwrap_or_else(|| form.platform.name.clone());
            let candidate = (form.platform.id.clone(), subject);
            if e.first_matter.as_ref().is_none_or(|m| candidate.0 < m.0) {
                e.first_matter = Some(candidate);
            }
        }
    }
    for (platform, _, _) in holders {
        for raw in &platform.data_fields {
            let field = taxonomy.data_field_tag(raw);
            if field.is_empty() {
                continue;
            }
            let e = entry(&mut map, &field);
            e.spellings.insert(normalize_text(raw));
            e.holders.insert(platform.id.clone());
        }
    }
    // Spellings from the raw records, only for fields the crosswalk already has.
    for record in records {
        for raw in &record.data_fields {
            let field = taxonomy.data_field_tag(raw);
            if let Some(e) = map.get_mut(field.as_str()) {
                e.spellings.insert(normalize_text(raw));
            }
        }
    }
    map.into_iter()
        .map(|(field, e)| {
            let known = taxonomy.entry(TagKind::DataField, &field);
            let subject = match known {
                Some(entry) => entry.domain().to_owned(),
                None => e
                    .first_matter
                    .map(|(_, m)| m)
                    .unwrap_or_else(|| "其他".to_owned()),
            };
            let mut spellings: Vec<String> =
                e.spellings.into_iter().filter(|s| !s.is_empty()).collect();
            spellings.sort();
            CrosswalkField {
                field,
                subject,
                known: known.is_some(),
                spellings,
                forms: e.forms.into_iter().collect(),
                holders: e.holders.into_iter().collect(),
            }
        })
        .collect()
}

/// Whether a platform of area `holder` can fill back data for forms issued in `area`:
/// the same area or an area that encloses it.
fn covers(holder: Option<Area<'_>>, area: Option<Area<'_>>) -> bool {
    match (holder, area) {
        (Some(h), Some(a)) => h.code() == a.code() || a.is_within(h),
        _ => false,
    }
}

/// The authoritative non-form platform for `field` covering `area`: the highest level,
/// then a unified platform, then the smallest id.
fn holder_source(
    field: &str,
    area: Option<Area<'_>>,
    holders: &[(&Platform, Option<Area<'_>>, BTreeSet<String>)],
) -> Option<FieldSource> {
    holders
        .iter()
        .filter(|(_, h, fields)| fields.contains(field) && covers(*h, area))
        .min_by(|(a, ha, _), (b, hb, _)| {
            let level = |h: &Option<Area<'_>>| h.map(|h| h.level());
            level(ha)
                .cmp(&level(hb))
                .then(b.is_unified().cmp(&a.is_unified()))
                .then(a.id.cmp(&b.id))
        })
        .map(|(p, _, _)| FieldSource {
            id: p.id.clone(),
            name: p.name.clone(),
            kind: p.kind,
        })
}

#[allow(clippy::too_many_arguments)]
fn master_form(
    number: usize,
    area: Area<'_>,
    group: &Group,
    forms: &[FormInfo<'_>],
    holders: &[(&Platform, Option<Area<'_>>, BTreeSet<String>)],
    grouped: &BTreeSet<usize>,
    subject_of: &BTreeMap<&str, &str>,
    taxonomy: &Taxonomy,
    s: &FormsSettings,
) -> MasterForm {
    let members: Vec<&FormInfo<'_>> = group.members.iter().map(|&m| &forms[m]).collect();
    let mut asked: BTreeMap<&str, (Vec<String>, f64)> = BTreeMap::new();
    for form in &members {
        for field in &form.fields {
            let e = asked.entry(field.as_str()).or_insert((Vec::new(), 0.0));
            e.0.push(form.platform.id.clone());
            e.1 = e.1.max(form.submissions);
        }
    }
    let mut fields: Vec<MasterField> = asked
        .into_iter()
        .map(|(field, (ids, subs))| {
            // A non-form platform first; else a form outside every group that is kept (for
            // a distinctive field). Who filled the form and when is never filled back.
            let source = if SUBMISSION_FIELDS.contains(&field) {
                None
            } else {
                holder_source(field, Some(area), holders)
            };
            let source = source.or_else(|| {
                if SUBMISSION_FIELDS.contains(&field) || is_ubiquitous(taxonomy, field) {
                    return None;
                }
                forms
                    .iter()
                    .enumerate()
                    .filter(|(i, f)| {
                        !grouped.contains(i)
                            && f.fields.contains(field)
                            && covers(f.area, Some(area))
                    })
                    .map(|(_, f)| FieldSource {
                        id: f.platform.id.clone(),
                        name: f.platform.name.clone(),
                        kind: Kind::Form,
                    })
                    .next()
            });
            MasterField {
                field: field.to_owned(),
                subject: subject_of.get(field).copied().unwrap_or("其他").to_owned(),
                forms: ids,
                source,
                submissions_per_month: subs,
            }
        })
        .collect();
    fields.sort_by(|a, b| a.subject.cmp(&b.subject).then(a.field.cmp(&b.field)));

    let master_subs = members.iter().map(|f| f.submissions).fold(0.0, f64::max);
    let before: f64 = members
        .iter()
        .map(|f| {
            f.submissions * (f.fields.len() as f64 * s.field_minutes + s.form_overhead_minutes)
        })
        .sum();
    let after: f64 = fields
        .iter()
        .map(|f| {
            f.submissions_per_month
                * if f.source.is_some() {
                    s.prefill_check_minutes
                } else {
                    s.field_minutes
                }
        })
        .sum::<f64>()
        + master_subs * s.form_overhead_minutes;
    let saved = (before - after).max(0.0);

    let mut issuers: BTreeSet<String> = BTreeSet::new();
    let mut fillers: BTreeSet<String> = BTreeSet::new();
    for form in &members {
        if let Some(issuer) = issuer_of(form.platform) {
            issuers.insert(normalize_text(issuer));
        }
        fillers.extend(fillers_of(form.platform));
    }
    let names: Vec<&str> = members.iter().map(|f| f.platform.name.as_str()).collect();
    MasterForm {
        id: format!("MF-{number:03}"),
        name: master_name(area, &names, &fields),
        area: area.name().to_owned(),
        forms: members.iter().map(|f| f.platform.id.clone()).collect(),
        form_names: names.iter().map(|n| (*n).to_owned()).collect(),
        core: group.core.iter().cloned().collect(),
        fields,
        issuers: issuers.into_iter().collect(),
        saved_minutes_per_month: saved * fillers.len().max(1) as f64,
        fillers: fillers.into_iter().collect(),
        submissions_per_month: master_subs,
        minutes_before_per_month: before,
        minutes_after_per_month: after,
        saved_minutes_per_cycle: if master_subs > 0.0 {
            saved / master_subs
        } else {
            0.0
        },
    }
}

/// The longest run of characters every name shares.
fn common_run(names: &[&str]) -> String {
    let Some(first) = names.first() else {
        return String::new();
    };
    let chars: Vec<char> = first.chars().collect();
    let mut best = String::new();
    for start in 0..chars.len() {
        for end in (start + best.chars().count() + 1)..=chars.len() {
            let run: String = chars[start..end].iter().collect();
            if names.iter().all(|n| n.contains(&run)) {
                best = run;
            } else {
                break;
            }
        }
    }
    best
}

/// The proposed name: the area, the longest run the forms' names share without form
/// words, else the most frequent subject, then 一表通.
fn master_name(area: Area<'_>, names: &[&str], fields: &[MasterField]) -> String {
    let mut run = common_run(names);
    for suffix in [
        "统计表",
        "情况表",
        "汇总表",
        "摸底表",
        "台账",
        "报表",
        "情况",
        "表",
        "月报",
        "季报",
        "年报",
    ] {
        if let Some(rest) = run.strip_suffix(suffix) {
            run = rest.to_owned();
        }
    }
    let area_name = area.name();
    let run = run.replace(area_name, "");
    let topic = if run.chars().count() >= 2 {
        run
    } else {
        // The subject of an unknown field is the task (关联事项) of a form asking it, which
        // may name the area and end in 填报 itself.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for f in fields {
            *counts.entry(f.subject.as_str()).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(s, _)| {
                let s = s.replace(area_name, "");
                s.strip_suffix("填报").unwrap_or(&s).to_owned()
            })
            .unwrap_or_default()
    };
    format!("{area_name}{topic}一表通")
}

#[cfg(test)]
mod tests;

/// What the tests of the plan and of its writers share: a form of 兴国县民政局 and the
/// plan with the built-in taxonomy, gazetteer and default settings.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    /// A form of 兴国县民政局 (江西省赣州市兴国县) asking `fields`.
    pub(crate) fn form(id: &str, name: &str, fields: &[&str]) -> Platform {
        Platform {
            id: id.into(),
            name: name.into(),
            kind: Kind::Form,
            owner: Some("兴国县民政局".into()),
            region: Some("兴国县".into()),
            data_fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            ..Platform::default()
        }
    }

    /// The plan of `platforms` with the built-in data and default settings.
    pub(crate) fn plan_of(platforms: &[Platform]) -> FormsPlan {
        consolidate(
            platforms,
            &[],
            &Taxonomy::builtin(),
            Gazetteer::builtin(),
            &FormsSettings::default(),
        )
    }
}
