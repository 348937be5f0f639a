//! Tag interning and per-family indexes: every tag becomes a `u32` (functions and data
//! fields apart), every family a compact CSR of sorted local tag ids with `f64` IDF
//! weights, so the join never touches strings or allocates per pair.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::scope::{compatible, GroupScopes, Placement, ScopePath, SLOTS};
use super::{Family, FamilyTags, OverlapSettings, Pair, TagStat};
use crate::model::{Kind, Platform};
use crate::normalize::{Taxonomy, Trait};

/// The tags of all platforms interned to `u32`: function tags first (sorted by text),
/// then data-field tags (sorted by text), so ids are deterministic.
pub(crate) struct Vocab<'a> {
    /// Tag texts by id.
    pub names: Vec<&'a str>,
    /// Ids below this are function tags, the rest data fields.
    pub n_functions: u32,
    /// Per platform, the start of its ids in `tokens` (`len = platforms + 1`).
    pub offsets: Vec<usize>,
    /// Sorted global tag ids of every platform, concatenated.
    pub tokens: Vec<u32>,
    /// Whether each tag is generic by the built-in taxonomy (trait `ubiquitous`: 登录,
    /// 通知公告, 姓名 …), whatever its frequency in this inventory.
    pub generic: Vec<bool>,
    /// Whether each tag is some work group's matter (关联事项).
    pub matter: Vec<bool>,
}

/// The function tags a platform is joined on: its functions and, for a work group, the
/// task it serves (关联事项). Groups rarely list functions, and two groups for the same
/// task on WeChat and DingTalk are exactly what 同一个工作不得重复建群 forbids, so the matter
/// counts as one more (usually rare, hence heavy) function tag.
fn function_like_tags(p: &Platform) -> impl Iterator<Item = &str> {
    let matter = match p.kind {
        crate::model::Kind::Group => p.matter.as_deref().filter(|m| !m.trim().is_empty()),
        _ => None,
    };
    p.functions.iter().map(String::as_str).chain(matter)
}

impl<'a> Vocab<'a> {
    /// Interns the tags of `platforms`, in parallel.
    pub fn build(platforms: &'a [Platform]) -> Vocab<'a> {
        let (functions, data) = platforms
            .par_iter()
            .fold(
                || (FxHashSet::default(), FxHashSet::default()),
                |(mut f, mut d), p: &'a Platform| {
                    f.extend(function_like_tags(p));
                    d.extend(p.data_fields.iter().map(String::as_str));
                    (f, d)
                },
            )
            .reduce(
                || (FxHashSet::default(), FxHashSet::default()),
                |(mut f1, mut d1), (f2, d2)| {
                    f1.extend(f2);
                    d1.extend(d2);
                    (f1, d1)
                },
            );
        let mut functions: Vec<&str> = functions.into_iter().collect();
        let mut data: Vec<&str> = data.into_iter().collect();
        functions.par_sort_unstable();
        data.par_sort_unstable();
        let n_functions = functions.len() as u32;
        let fmap: FxHashMap<&str, u32> = functions
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, i as u32))
            .collect();
        let dmap: FxHashMap<&str, u32> = data
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, n_functions + i as u32))
            .collect();
        let lists: Vec<Vec<u32>> = platforms
            .par_iter()
            .map(|p| {
                let mut ids: Vec<u32> = function_like_tags(p)
                    .filter_map(|t| fmap.get(t).copied())
                    .chain(
                        p.data_fields
                            .iter()
                            .filter_map(|t| dmap.get(t.as_str()).copied()),
                    )
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        let mut offsets = Vec::with_capacity(platforms.len() + 1);
        offsets.push(0);
        let total: usize = lists.iter().map(Vec::len).sum();
        let mut tokens = Vec::with_capacity(total);
        for list in &lists {
            tokens.extend_from_slice(list);
            offsets.push(tokens.len());
        }
        let matters: FxHashSet<&str> = platforms
            .iter()
            .filter(|p| p.kind == Kind::Group)
            .filter_map(|p| p.matter.as_deref())
            .collect();
        let taxonomy = Taxonomy::builtin();
        let generic: Vec<bool> = functions
            .iter()
            .map(|t| taxonomy.function_traits(t).contains(&Trait::Ubiquitous))
            .chain(
                data.iter()
                    .map(|t| taxonomy.data_field_traits(t).contains(&Trait::Ubiquitous)),
            )
            .collect();
        let matter: Vec<bool> = functions
            .iter()
            .map(|t| matters.contains(t))
            .chain(data.iter().map(|_| false))
            .collect();
        let mut names = functions;
        names.extend(data);
        Vocab {
            names,
            n_functions,
            offsets,
            tokens,
            generic,
            matter,
        }
    }

    /// The global tag ids of platform `i`.
    pub fn of(&self, i: usize) -> &[u32] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&s), Some(&e)) => self.tokens.get(s..e).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether global id `id` is a data-field tag.
    pub fn is_data(&self, id: u32) -> bool {
        id >= self.n_functions
    }
}

/// One family ready for the join. Records are the family's platforms with at least one
/// weighted tag, in ascending platform index; tags are family-local ids.
pub(crate) struct FamilyIndex {
    /// The family.
    pub family: Family,
    /// Platform index of each record.
    pub members: Vec<u32>,
    /// Whether each record is a form (only pairs with a form count in `Family::Forms`).
    pub is_form: Vec<bool>,
    /// Start of each record's tags in `tokens` (`len = records + 1`).
    pub offsets: Vec<usize>,
    /// Sorted local tag ids of every record.
    pub tokens: Vec<u32>,
    /// `W(A)` of each record.
    pub totals: Vec<f64>,
    /// Weight per local tag.
    pub weights: Vec<f64>,
    /// Whether each local tag is neither ubiquitous in the family nor generic by the
    /// taxonomy (登录, 通知公告, 姓名 …).
    pub distinctive: Vec<bool>,
    /// What sharing each local tag credits, so that one sum gives three counts: `1` for a
    /// distinctive tag, [`SPECIFIC`] for a tag the taxonomy does not call generic, and
    /// [`MATTER`] for a work group's matter (关联事项).
    pub credit: Vec<u64>,
    /// Document frequency per local tag.
    pub df: Vec<u32>,
    /// Global id per local tag.
    pub global: Vec<u32>,
    /// 64-bit words per record in `bits` (0 when the family has more than
    /// [`MAX_BITSET_TAGS`] tags and verification merges sorted lists instead).
    pub words: usize,
    /// Each record's tags as a bitset of local ids, `words` words per record. Branch-free
    /// to intersect, which matters because verification dominates the LSH path.
    pub bits: Vec<u64>,
    /// Scope path of each record (see `scope.rs`).
    pub scope: Vec<ScopePath>,
    /// Start of each record's class in `class_members` (`len = records + 1`).
    pub class_offsets: Vec<usize>,
    /// Platform indices of every class, ascending inside a class; a record is its class's
    /// representative (the best target among the class).
    pub class_members: Vec<u32>,
}

/// The credit of a shared tag that is not generic (bits 21–41 of a credit sum).
pub(crate) const SPECIFIC: u64 = 1 << 21;
/// The credit of a shared work-group matter (bits 42 and up of a credit sum).
pub(crate) const MATTER: u64 = 1 << 42;

/// Families with at most this many distinct tags get bitsets (16 words, two cache lines).
pub(crate) const MAX_BITSET_TAGS: usize = 1024;

/// A verified pair in family-local record numbers (`i < j`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RawPair {
    pub i: u32,
    pub j: u32,
    pub similarity: f64,
    pub c_ij: f64,
    pub c_ji: f64,
    pub shared_distinctive: u32,
}

impl FamilyIndex {
    /// Builds the index of `family` over `platforms`: platforms with identical weighted tag
    /// sets in the same scope (and, for forms, of the same form-ness) collapse into one
    /// record, represented by the class member that `better` ranks first; tag weights
    /// still count every member, so they are those of the uncollapsed family.
    pub fn build(
        platforms: &[Platform],
        vocab: &Vocab<'_>,
        family: Family,
        settings: &OverlapSettings,
        placements: &[Placement],
        better: &(dyn Fn(usize, usize) -> std::cmp::Ordering + Sync),
        collapse: bool,
    ) -> FamilyIndex {
        let function_weight = settings.function_weight;
        let group_weight = |id: u32| {
            if vocab.is_data(id) {
                1.0 - function_weight
            } else {
                function_weight
            }
        };
        let weighted = |id: &u32| group_weight(*id) > 0.0;
        // Forms are compared with platforms only for the forms' sake: without a form the
        // family has no pair to find.
        if family == Family::Forms && !platforms.iter().any(|p| p.kind == Kind::Form) {
            return FamilyIndex::empty(family);
        }
        let candidates: Vec<u32> = (0..platforms.len())
            .into_par_iter()
            .filter(|&i| {
                platforms
                    .get(i)
                    .is_some_and(|p| family.contains(p.kind) && vocab.of(i).iter().any(weighted))
            })
            .map(|i| i as u32)
            .collect();
        // Scope paths (sequential: group scopes are interned in platform order).
        let mut group_scopes = GroupScopes::default();
        let paths: Vec<ScopePath> = candidates
            .iter()
            .map(|&m| {
                let placement = placements.get(m as usize).copied().unwrap_or_default();
                if !settings.scope {
                    [0; SLOTS]
                } else if family == Family::Groups {
                    group_scopes.path(&placement)
                } else {
                    placement.area_path
                }
            })
            .collect();
        let is_form_of = |m: u32| {
            platforms
                .get(m as usize)
                .is_some_and(|p| p.kind == Kind::Form)
        };
        // Classes of identical (scope, form-ness, weighted tags), found by sorting.
        let mut order: Vec<u32> = (0..candidates.len() as u32).collect();
        let key_cmp = |&x: &u32, &y: &u32| {
            let (mx, my) = (candidates[x as usize], candidates[y as usize]);
            paths[x as usize]
                .cmp(&paths[y as usize])
                .then_with(|| is_form_of(mx).cmp(&is_form_of(my)))
                .then_with(|| {
                    let tx = vocab.of(mx as usize).iter().filter(|t| weighted(t));
                    let ty = vocab.of(my as usize).iter().filter(|t| weighted(t));
                    tx.cmp(ty)
                })
        };
        order.par_sort_by(|x, y| key_cmp(x, y).then(x.cmp(y)));
        let mut classes: Vec<(u32, Vec<u32>, ScopePath)> = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let mut end = start + 1;
            while collapse && end < order.len() && key_cmp(&order[start], &order[end]).is_eq() {
                end += 1;
            }
            let mut list: Vec<u32> = order[start..end]
                .iter()
                .map(|&k| candidates[k as usize])
                .collect();
            list.sort_unstable();
            let rep = list
                .iter()
                .copied()
                .min_by(|&a, &b| better(a as usize, b as usize))
                .unwrap_or(0);
            classes.push((rep, list, paths[order[start] as usize]));
            start = end;
        }
        drop(order);
        drop(paths);
        classes.par_sort_unstable_by_key(|c| c.0);
        let members: Vec<u32> = classes.iter().map(|c| c.0).collect();
        let mut class_offsets = Vec::with_capacity(classes.len() + 1);
        class_offsets.push(0);
        let mut class_members = Vec::with_capacity(candidates.len());
        let mut scope = Vec::with_capacity(classes.len());
        for (_, list, path) in &classes {
            class_members.extend_from_slice(list);
            class_offsets.push(class_members.len());
            scope.push(*path);
        }
        drop(classes);
        let class_size = |r: usize| (class_offsets[r + 1] - class_offsets[r]) as u32;
        let n_vocab = vocab.names.len();
        let df_global: Vec<u32> = (0..members.len())
            .collect::<Vec<usize>>()
            .par_chunks(4096)
            .fold(
                || vec![0u32; n_vocab],
                |mut acc, chunk| {
                    for &r in chunk {
                        let m = members[r];
                        let size = class_size(r);
                        for &t in vocab.of(m as usize).iter().filter(|t| weighted(t)) {
                            if let Some(c) = acc.get_mut(t as usize) {
                                *c += size;
                            }
                        }
                    }
                    acc
                },
            )
            .reduce(
                || vec![0u32; n_vocab],
                |mut a, b| {
                    a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                    a
                },
            );
        let n = candidates.len() as f64;
        drop(candidates);
        let mut local_of = vec![u32::MAX; n_vocab];
        let mut global = Vec::new();
        let mut weights = Vec::new();
        let mut distinctive = Vec::new();
        let mut credit = Vec::new();
        let mut df = Vec::new();
        for (id, &count) in df_global.iter().enumerate() {
            if count == 0 {
                continue;
            }
            if let Some(slot) = local_of.get_mut(id) {
                *slot = global.len() as u32;
            }
            global.push(id as u32);
            weights.push(group_weight(id as u32) * (1.0 + n / f64::from(count)).ln());
            let ubiquitous = f64::from(count) >= settings.ubiquitous_share * n
                && count as usize >= settings.ubiquitous_min;
            let generic = vocab.generic.get(id).copied().unwrap_or(false);
            distinctive.push(!(ubiquitous || generic));
            let matter = family == Family::Groups && vocab.matter.get(id).copied().unwrap_or(false);
            credit.push(
                u64::from(!(ubiquitous || generic))
                    + if generic { 0 } else { SPECIFIC }
                    + if matter { MATTER } else { 0 },
            );
            df.push(count);
        }
        let lists: Vec<(Vec<u32>, f64)> = members
            .par_iter()
            .map(|&m| {
                // Local ids keep the global order, so the list stays sorted.
                let list: Vec<u32> = vocab
                    .of(m as usize)
                    .iter()
                    .filter_map(|&t| local_of.get(t as usize).copied())
                    .filter(|&l| l != u32::MAX)
                    .collect();
                let total = list
                    .iter()
                    .map(|&l| weights.get(l as usize).copied().unwrap_or(0.0))
                    .sum();
                (list, total)
            })
            .collect();
        let mut offsets = Vec::with_capacity(members.len() + 1);
        offsets.push(0);
        let mut tokens = Vec::with_capacity(lists.iter().map(|l| l.0.len()).sum());
        let mut totals = Vec::with_capacity(members.len());
        for (list, total) in lists {
            tokens.extend_from_slice(&list);
            offsets.push(tokens.len());
            totals.push(total);
        }
        let words = if global.len() <= MAX_BITSET_TAGS {
            global.len().div_ceil(64)
        } else {
            0
        };
        let mut bits = vec![0u64; words * members.len()];
        if words > 0 {
            bits.par_chunks_mut(words).enumerate().for_each(|(r, row)| {
                let (Some(&s), Some(&e)) = (offsets.get(r), offsets.get(r + 1)) else {
                    return;
                };
                for &t in tokens.get(s..e).unwrap_or(&[]) {
                    if let Some(word) = row.get_mut(t as usize / 64) {
                        *word |= 1u64 << (t % 64);
                    }
                }
            });
        }
        let is_form = members.iter().map(|&m| is_form_of(m)).collect();
        FamilyIndex {
            family,
            members,
            is_form,
            offsets,
            tokens,
            totals,
            weights,
            distinctive,
            credit,
            df,
            global,
            words,
            bits,
            scope,
            class_offsets,
            class_members,
        }
    }

    /// An index without records.
    fn empty(family: Family) -> FamilyIndex {
        FamilyIndex {
            family,
            members: Vec::new(),
            is_form: Vec::new(),
            offsets: vec![0],
            tokens: Vec::new(),
            totals: Vec::new(),
            weights: Vec::new(),
            distinctive: Vec::new(),
            credit: Vec::new(),
            df: Vec::new(),
            global: Vec::new(),
            words: 0,
            bits: Vec::new(),
            scope: Vec::new(),
            class_offsets: vec![0],
            class_members: Vec::new(),
        }
    }

    /// The bitset of record `r` (empty without bitsets).
    pub fn bitset(&self, r: usize) -> &[u64] {
        self.bits
            .get(r * self.words..(r + 1) * self.words)
            .unwrap_or(&[])
    }

    /// The platform indices of record `r`'s class (itself and its identical twins).
    pub fn class(&self, r: usize) -> &[u32] {
        match (self.class_offsets.get(r), self.class_offsets.get(r + 1)) {
            (Some(&s), Some(&e)) => self.class_members.get(s..e).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Platforms of the family with tags (every class member).
    pub fn platforms(&self) -> usize {
        self.class_members.len()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// The local tags of record `r`.
    pub fn tags(&self, r: usize) -> &[u32] {
        match (self.offsets.get(r), self.offsets.get(r + 1)) {
            (Some(&s), Some(&e)) => self.tokens.get(s..e).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Whether records `i` and `j` may be compared at all (in the forms family, only
    /// pairs with a form; platform–platform pairs belong to the apps family).
    pub fn comparable(&self, i: usize, j: usize) -> bool {
        self.family != Family::Forms
            || self.is_form.get(i).copied().unwrap_or(false)
            || self.is_form.get(j).copied().unwrap_or(false)
    }

    /// Whether records `i` and `j` are in compatible scopes (a merge between them can be
    /// carried out).
    pub fn in_scope(&self, i: usize, j: usize) -> bool {
        match (self.scope.get(i), self.scope.get(j)) {
            (Some(a), Some(b)) => compatible(a, b),
            _ => false,
        }
    }

    /// Asks the CPU to start loading record `r`'s bitset into cache (a hint: no effect on
    /// results, and nothing on targets without a prefetch instruction).
    #[inline]
    pub fn prefetch(&self, r: usize) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let words = self.words;
            if let Some(bits) = self.bits.get(r * words..(r + 1) * words) {
                for line in bits.chunks(8) {
                    // SAFETY: `_mm_prefetch` is only a hint; it never faults or reads
                    // into the program, and the pointer comes from a live slice.
                    unsafe { _mm_prefetch::<_MM_HINT_T0>(line.as_ptr().cast()) };
                }
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = r;
    }

    /// Converts a raw pair to a public [`Pair`] with platform indices.
    pub fn to_pair(&self, raw: RawPair) -> Pair {
        let a = self.members.get(raw.i as usize).copied().unwrap_or(0) as usize;
        let b = self.members.get(raw.j as usize).copied().unwrap_or(0) as usize;
        Pair {
            a,
            b,
            similarity: raw.similarity,
            containment_a_in_b: raw.c_ij,
            containment_b_in_a: raw.c_ji,
            family: self.family,
            shared_distinctive: raw.shared_distinctive as usize,
        }
    }

    /// Tag statistics with their texts, for the public [`FamilyTags`].
    pub fn tag_stats(&self, vocab: &Vocab<'_>) -> FamilyTags {
        let mut out = FamilyTags {
            platforms: self.platforms(),
            ..FamilyTags::default()
        };
        for (l, &g) in self.global.iter().enumerate() {
            let stat = TagStat {
                df: self.df.get(l).copied().unwrap_or(0) as usize,
                weight: self.weights.get(l).copied().unwrap_or(0.0),
                ubiquitous: !self.distinctive.get(l).copied().unwrap_or(false),
            };
            let name = vocab
                .names
                .get(g as usize)
                .copied()
                .unwrap_or("")
                .to_string();
            if vocab.is_data(g) {
                out.data_fields.insert(name, stat);
            } else {
                out.functions.insert(name, stat);
            }
        }
        out
    }
}
