//! Where platforms' functions and collected data overlap: an IDF-weighted set-similarity
//! join with exact verification, containment for subsumption into a larger platform,
//! non-chaining clusters with a chosen target, and the petgraph overlap graph.
//!
//! Pure: works on in-memory platforms and cannot fail on I/O.
//!
//! # Definitions
//!
//! Platforms are compared only inside a comparison [`Family`] (docs/AUDIT_POLICY.md §1):
//! `{app, mini_program, platform}`, `{group}` and `{form, platform}` (in the last one only
//! pairs with at least one form; platform–platform pairs belong to the first). Public
//! accounts are not joined (see [`Family::ALL`]).
//!
//! A platform's tag set is its function tags and its data-field tags, kept apart (照片 as a
//! function is a different tag from 照片 as a data field); a work group's task (关联事项)
//! counts as one more function tag. Inside a family of `N` platforms
//! with a non-empty tag set, a tag `t` held by `df(t)` of them weighs
//!
//! ```text
//! w(t) = g(t) · ln(1 + N / df(t))
//! g(t) = function_weight          for a function tag
//!        1 - function_weight      for a data-field tag
//! ```
//!
//! so a tag on every platform weighs `g · ln 2 ≈ 0.69 g` and a tag on one platform in a
//! million weighs `g · 13.8`. Tags of weight 0 (a group with weight 0) are dropped. For
//! two platforms `A` and `B` with `W(X) = Σ_{t∈X} w(t)` and `O = W(A ∩ B)`:
//!
//! ```text
//! similarity (weighted Jaccard)   J(A, B)  = O / (W(A) + W(B) - O)
//! containment of A in B           C(A ⊂ B) = O / W(A)
//! ```
//!
//! A tag is *ubiquitous* when `df(t) ≥ max(ubiquitous_share · N, ubiquitous_min)`
//! (defaults 5 % and 10 platforms), and *generic* when the built-in taxonomy marks it so
//! (登录, 通知公告, 姓名, 手机号 …) whatever the inventory's size: in a five-record
//! inventory every tag is rare, so frequency alone cannot tell. A pair is reported when
//! the two share at least `min_shared_tags` (2) tags that are neither, or a work-group
//! matter, and `J ≥ similarity`, or `max(C(A ⊂ B), C(B ⊂ A)) ≥ containment` with at
//! least `min_shared_distinctive` (3) such tags. Platforms without tags never pair, and
//! one shared 通知公告 never makes a similarity of 1.00.
//!
//! # Scope and classes
//!
//! Candidates are generated only inside the scope where a merge can be carried out
//! (`scope.rs`): work groups within one unit (and one audience, when both are known);
//! apps, mini programs, platforms and forms within the administrative tree, a platform
//! pairing only with one at its own area or an enclosing one (county → its city → its
//! province → national). Placements come from the caller ([`analyze_placed`]; [`Placer`]
//! resolves regions and owners through the division gazetteer and reads the audience
//! from the kept columns); an unknown placement pairs
//! with anything, as before scopes. The scope is a blocking key, so out-of-scope pairs
//! cost nothing, and a merge target always sits at its members' area or above.
//!
//! Platforms with identical weighted tag sets in one scope form a *class*: the join sees
//! one record per class (tag weights still count every member), verifies it once against
//! itself and once against each other record, and the pairs expand at the end into the
//! representative's pairs with every member (see [`Overlap`]). 20,000 identical groups of
//! one unit are one record and one cluster.
//!
//! # Candidates and verification
//!
//! Every reported pair is verified exactly with the formulas above, so precision is 1.0 by
//! construction. When a family's scope-compatible pairs of classes number at most
//! `exact_limit · (exact_limit − 1) / 2` they are all verified (in parallel). Otherwise
//! the family uses weighted MinHash LSH, bucketed by scope node and band: for hash `j` every tag gets the
//! exponential clock `x_j(t) = -ln(U_j(t)) / w(t)` with `U_j(t)` uniform in (0, 1), and a
//! platform's signature is `min_{t∈A} x_j(t)`. Two platforms share that minimum with
//! probability exactly `J(A, B)` (the first clock to ring in `A ∪ B` is in `A ∩ B`), so
//! `lsh_bands` bands of `lsh_rows` minima find a pair with probability
//! `1 - (1 - J^rows)^bands` (0.983 at J = 0.5, 0.9987 at 0.55, > 0.99999 at 0.65 with the
//! defaults). A pair is verified at most once per group of 32 bands; a bucket larger than
//! `bucket_cap` pairs each record with a window of that many (the cut is counted in
//! [`FamilyStats`]), and past `memory_budget_mb` of pairs the family stops adding bands:
//! coarser and reported, never killed. Exact prefix filtering for similarity was measured and rejected: on the benchmark's
//! 800-tag vocabulary even IDF-ordered 3-token prefixes leave 5 % of all pairs as
//! candidates (see BENCHMARKS.md).
//!
//! Containment pairs below the similarity threshold (a small platform inside a large one:
//! `J` often 0.25–0.45) are rare in those bands, so large families also get a containment
//! pass (`containment.rs`): an exact weighted prefix filter from the smaller side. Such a
//! pair needs `W(B) ≥ W(A) · (c/s + c − 1)`, so with platforms numbered heaviest first
//! only a prefix of each tag's posting list is eligible; the postings of `A`'s heaviest
//! tags up to weight `(1 − c) · W(A)` are counted, and every other tag of `A` is then
//! tested against the survivors until each has either missed more than `(1 − c) · W(A)`
//! or is verified. Light platforms cost the most and hold almost all containment pairs,
//! so platforms are searched lightest first within a work budget of
//! `containment_effort` × the family's postings (everything, exactly, in all but the
//! largest families; see BENCHMARKS.md for the recall at a million).
//!
//! # Clusters
//!
//! Star clustering without chaining, in two passes. Pass 1 picks the targets: platforms
//! are visited best target first (see [`target_order`]: level, then the owner's standing,
//! a main account or the bureau itself before its subunits, see [`owner_ranks`]); an
//! uncovered platform with uncovered partners becomes a target and covers them, never one
//! below its own area. Pass 2 puts every other covered
//! platform in the star of the target it pairs with that ranks best by level and unified
//! status and, among equals, is the most similar to it (a chance pair with an earlier,
//! busier target no longer pulls it out of its own star). A member whose pair with its
//! target is borderline (similarity below `similarity + corroboration_margin` and
//! containment below `containment + corroboration_margin`) stays only when corroborated
//! by the same owner or region as the target, or by a pair with another member of the
//! same star: at a million platforms, lone borderline pairs were mostly chance overlaps
//! of same-domain platforms, which a merge recommendation must not rest on. Every member is therefore a verified pair with its target, and each
//! platform is in at most one cluster. A form never becomes the target of a non-form.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Deserialize;

use crate::model::{Kind, Platform, Problem, ProblemLevel};
use crate::progress::{NoProgress, Progress};

mod cluster;
mod containment;
pub mod graph;
mod index;
mod join;
mod scope;

pub use cluster::{owner_ranks, target_order};
pub use scope::{audience_of, Placement, Placer, SLOTS};

/// Thresholds and weights of the overlap stage (`[overlap]` in fingertip.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OverlapSettings {
    /// Minimum weighted Jaccard similarity for a pair.
    pub similarity: f64,
    /// Minimum weighted containment (share of the smaller platform inside the larger).
    pub containment: f64,
    /// Weight of function tags relative to data-field tags (0..=1; data fields get 1 - this).
    pub function_weight: f64,
    /// A tag held by at least this share of a family (and by at least `ubiquitous_min`
    /// platforms) is ubiquitous (登录, 姓名, 手机号): it still counts, with its small
    /// weight, but not towards `min_shared_distinctive`.
    pub ubiquitous_share: f64,
    /// The fewest platforms a ubiquitous tag is held by, so that in a small inventory a
    /// tag on a handful of platforms is not called ubiquitous by sampling noise.
    pub ubiquitous_min: usize,
    /// Shared non-ubiquitous tags a containment pair needs.
    pub min_shared_distinctive: usize,
    /// Families with at most this many platforms are joined exactly (all pairs).
    pub exact_limit: usize,
    /// LSH bands for larger families.
    pub lsh_bands: usize,
    /// MinHash rows per LSH band.
    pub lsh_rows: usize,
    /// Work budget of the containment pass in large families, in multiples of the
    /// family's tag postings: platforms are searched for a heavier platform holding them
    /// lightest first until the estimated work reaches it (0 turns the pass off, `inf`
    /// searches every platform and finds every containment pair exactly).
    pub containment_effort: f64,
    /// Seed of the MinHash clocks (fixed so runs are reproducible).
    pub seed: u64,
    /// A pair that clears its threshold by less than this (similarity below
    /// `similarity + margin` and containment below `containment + margin`) is
    /// borderline: it is still reported as a pair, but puts a member in its target's
    /// cluster only when corroborated (same owner or region as the target, or a pair with
    /// another member of that cluster).
    pub corroboration_margin: f64,
    /// Compare only within the policy families (true, the default). False puts every kind
    /// in one space ([`Family::All`]); only for benchmarks against family-less peers.
    pub families: bool,
    /// Compare only inside the scope where a merge can be carried out (true, the default;
    /// see `scope.rs`): groups within one unit (and audience), everything else within the
    /// administrative tree. False compares across scopes, as before scopes existed.
    pub scope: bool,
    /// Distinct shared tags that are neither ubiquitous in the family nor generic by the
    /// taxonomy (登录, 通知公告, 姓名 …) that any pair needs, whatever the inventory's size;
    /// a shared work-group matter (关联事项) counts as enough on its own.
    pub min_shared_tags: usize,
    /// The most records an LSH bucket pairs each record with; larger buckets are cut to
    /// this window and the cut is counted in [`FamilyStats::skipped_candidates`].
    pub bucket_cap: usize,
    /// Memory the join's pairs may take, in MiB: beyond it a family stops adding LSH bands
    /// (fewer pairs, flagged in [`FamilyStats::pair_budget_hit`]) instead of running out.
    pub memory_budget_mb: u64,
}

impl Default for OverlapSettings {
    fn default() -> Self {
        OverlapSettings {
            similarity: 0.5,
            containment: 0.8,
            function_weight: 0.5,
            ubiquitous_share: 0.05,
            ubiquitous_min: 10,
            min_shared_distinctive: 3,
            exact_limit: 5000,
            lsh_bands: 128,
            lsh_rows: 5,
            containment_effort: 30.0,
            seed: 0x5eed_f1a9_e27f_0001,
            corroboration_margin: 0.05,
            families: true,
            scope: true,
            min_shared_tags: 2,
            bucket_cap: 2000,
            memory_budget_mb: 2048,
        }
    }
}

/// A comparison family: platforms are only compared with others of the same family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Apps, mini programs and work platforms.
    Apps,
    /// Public accounts (not joined under the policy families, see [`Family::ALL`]).
    Accounts,
    /// Work groups.
    Groups,
    /// Forms, against other forms and work platforms.
    Forms,
    /// Every kind in one space, used only when `families = false` (benchmarks).
    All,
}

impl Family {
    /// The policy families in order (without [`Family::All`]).
    ///
    /// Public accounts are not joined: different units' accounts publish alike by design
    /// (信息发布, 政务公开, 互动留言), so tag overlap says nothing about duplication. An
    /// account is a duplicate when its unit has another on the same channel
    /// (account-one-per-platform), which the rules decide by owner and channel.
    pub const ALL: [Family; 3] = [Family::Apps, Family::Groups, Family::Forms];

    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            Family::Apps => "apps",
            Family::Accounts => "accounts",
            Family::Groups => "groups",
            Family::Forms => "forms",
            Family::All => "all",
        }
    }

    /// Whether a platform of `kind` takes part in this family's join.
    pub fn contains(self, kind: Kind) -> bool {
        match self {
            Family::Apps => matches!(kind, Kind::App | Kind::MiniProgram | Kind::Platform),
            Family::Accounts => kind == Kind::Account,
            Family::Groups => kind == Kind::Group,
            Family::Forms => matches!(kind, Kind::Form | Kind::Platform),
            Family::All => true,
        }
    }

    /// The family in which platforms of kinds `a` and `b` are compared, if any.
    pub fn of_pair(a: Kind, b: Kind) -> Option<Family> {
        Family::ALL.into_iter().find(|f| {
            f.contains(a)
                && f.contains(b)
                && (*f != Family::Forms || a == Kind::Form || b == Kind::Form)
        })
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// One overlapping pair of platforms (indices into the platform slice, `a < b`).
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    /// First platform index.
    pub a: usize,
    /// Second platform index.
    pub b: usize,
    /// Weighted Jaccard similarity.
    pub similarity: f64,
    /// Weighted share of `a`'s tags that `b` also has.
    pub containment_a_in_b: f64,
    /// Weighted share of `b`'s tags that `a` also has.
    pub containment_b_in_a: f64,
    /// The family the pair was found in.
    pub family: Family,
    /// Number of shared tags that are not ubiquitous in the family.
    pub shared_distinctive: usize,
}

impl Pair {
    /// The weighted containment of platform `member` in the other platform of the pair.
    pub fn containment_of(&self, member: usize) -> f64 {
        if member == self.a {
            self.containment_a_in_b
        } else {
            self.containment_b_in_a
        }
    }

    /// The strength that made `member` belong with the other platform: the larger of the
    /// similarity and the containment of `member` in the other.
    pub fn strength_for(&self, member: usize) -> f64 {
        self.similarity.max(self.containment_of(member))
    }
}

/// A cluster of overlapping platforms around a target every member is similar to.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// The platform the others should merge into.
    pub target: usize,
    /// All members including the target, sorted by index.
    pub members: Vec<usize>,
    /// The lowest similarity (or containment) of a member to the target.
    pub similarity: f64,
}

/// Document frequency and weight of one tag inside one family.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TagStat {
    /// Platforms of the family holding the tag.
    pub df: usize,
    /// IDF weight `g · ln(1 + N / df)`.
    pub weight: f64,
    /// Whether `df ≥ max(ubiquitous_share · N, ubiquitous_min)`.
    pub ubiquitous: bool,
}

/// Tag statistics of one family.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FamilyTags {
    /// Platforms of the family with a non-empty tag set (`N`).
    pub platforms: usize,
    /// Function tags.
    pub functions: BTreeMap<String, TagStat>,
    /// Data-field tags.
    pub data_fields: BTreeMap<String, TagStat>,
}

/// Counts of the join, for benchmarks and the report's method notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FamilyStats {
    /// Platforms of the family with tags.
    pub platforms: usize,
    /// Classes joined: platforms with identical tag sets in one scope count once.
    pub classes: usize,
    /// Scope nodes the classes were bucketed into.
    pub scopes: usize,
    /// Whether the join was exact (all scope-compatible pairs) rather than LSH.
    pub exact: bool,
    /// Candidate pairs of classes verified (LSH: at most once per band group).
    pub candidates: u64,
    /// Verified pairs reported (see [`Overlap::pairs`]).
    pub pairs: usize,
    /// LSH buckets larger than `bucket_cap` that were cut to a window.
    pub capped_buckets: u64,
    /// Candidate pairs those cuts left out (0 when nothing was capped).
    pub skipped_candidates: u64,
    /// Whether the memory budget stopped the join early (fewer bands, fewer pairs) or cut
    /// the pairs reported.
    pub pair_budget_hit: bool,
}

impl FamilyStats {
    /// Whether the join was coarser than configured (capped buckets or a spent budget), so
    /// the report should say that some pairs may be missing.
    pub fn degraded(&self) -> bool {
        self.skipped_candidates > 0 || self.pair_budget_hit
    }
}

/// Result of the overlap stage.
///
/// Platforms with identical tag sets in one scope form a class that is verified once.
/// [`Overlap::pairs`] then holds, for two classes that pair, the pairs of each class's
/// representative (its best target) with every member of the other, and inside a class
/// the representative's pairs with its members: `O(n + pairs)` rather than the square of
/// a class's size, and still a verified pair between every cluster member and its target.
/// [`Overlap::implied_pair`] answers for any two platforms.
#[derive(Debug, Clone, Default)]
pub struct Overlap {
    /// Every verified pair, sorted by `(a, b)`.
    pub pairs: Vec<Pair>,
    /// Clusters of two or more platforms, sorted by target index.
    pub clusters: Vec<Cluster>,
    /// Tag statistics per family, indexed by `Family as usize`.
    pub tags: [FamilyTags; 5],
    /// Join statistics per family, indexed by `Family as usize`.
    pub stats: [FamilyStats; 5],
    /// For each platform index, its cluster's position in `clusters` (empty when the value
    /// was built by hand; [`Overlap::cluster_of`] then searches).
    pub membership: Vec<Option<u32>>,
    /// Per family (indexed by `Family as usize`), the representative of each platform's
    /// class of identical tag sets in one scope (`u32::MAX` outside the family; empty
    /// when built by hand). See [`Overlap::implied_pair`].
    pub representatives: [Vec<u32>; 5],
}

impl Overlap {
    /// The verified pair of platforms `a` and `b` (in either order), if any.
    pub fn pair_of(&self, a: usize, b: usize) -> Option<&Pair> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.pairs
            .binary_search_by(|p| (p.a, p.b).cmp(&(a, b)))
            .ok()
            .and_then(|i| self.pairs.get(i))
    }

    /// The verified pair of any two platforms, including pairs implied by their classes
    /// (identical tag sets in one scope pair exactly as their representatives do), with
    /// `a < b` and the numbers of the pair. `None` when they do not pair.
    pub fn implied_pair(&self, platforms: &[Platform], a: usize, b: usize) -> Option<Pair> {
        if a == b {
            return None;
        }
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        if let Some(p) = self.pair_of(a, b) {
            return Some(p.clone());
        }
        let family = if !self.representatives[Family::All.slot()].is_empty() {
            Family::All
        } else {
            Family::of_pair(platforms.get(a)?.kind, platforms.get(b)?.kind)?
        };
        let reps = &self.representatives[family.slot()];
        let (ra, rb) = (*reps.get(a)? as usize, *reps.get(b)? as usize);
        if ra == u32::MAX as usize || rb == u32::MAX as usize {
            return None;
        }
        // Inside a class, the representative pairs with the others or nobody does (and
        // identical sets contain each other); across classes, the representative of
        // `a`'s class pairs with every member of `b`'s.
        if ra == rb {
            let source = self.pair_of(ra, if a == ra { b } else { a })?;
            return (source.family == family).then(|| Pair {
                a,
                b,
                ..source.clone()
            });
        }
        let source = self.pair_of(ra, b)?;
        if source.family != family {
            return None;
        }
        let (c_ab, c_ba) = if source.a == ra {
            (source.containment_a_in_b, source.containment_b_in_a)
        } else {
            (source.containment_b_in_a, source.containment_a_in_b)
        };
        Some(Pair {
            a,
            b,
            containment_a_in_b: c_ab,
            containment_b_in_a: c_ba,
            ..source.clone()
        })
    }

    /// The families whose join was coarser than configured (see [`FamilyStats::degraded`]),
    /// in family order, with their statistics.
    pub fn degraded(&self) -> Vec<(Family, &FamilyStats)> {
        Family::ALL
            .into_iter()
            .chain([Family::All])
            .filter_map(|f| {
                let stats = self.stats.get(f.slot())?;
                stats.degraded().then_some((f, stats))
            })
            .collect()
    }

    /// One warning per degraded family, for the audit's problem list: the join capped
    /// oversized buckets or hit the memory budget, so some overlapping pairs may be
    /// missing from the clusters (the audit still finished).
    pub fn degradation_problems(&self, settings: &OverlapSettings) -> Vec<Problem> {
        self.degraded()
            .into_iter()
            .map(|(family, stats)| {
                let name = match family {
                    Family::Apps => "应用、小程序与平台",
                    Family::Accounts => "政务新媒体账号",
                    Family::Groups => "工作群",
                    Family::Forms => "报表",
                    Family::All => "全部平台",
                };
                let mut parts = Vec::new();
                if stats.skipped_candidates > 0 {
                    parts.push(format!(
                        "{} 个候选桶超过上限 {}，其中 {} 对候选未比较",
                        stats.capped_buckets, settings.bucket_cap, stats.skipped_candidates
                    ));
                }
                if stats.pair_budget_hit {
                    parts.push(format!(
                        "重合对超出内存预算 {} MB，已减少比较轮次",
                        settings.memory_budget_mb
                    ));
                }
                Problem {
                    file: "(overlap)".to_string(),
                    sheet: None,
                    row: None,
                    column: None,
                    kind: "overlap-degraded".to_string(),
                    message: format!(
                        "{name}重合度分析已降级：{}；可能漏报部分重合，结果仍经逐对核验",
                        parts.join("；")
                    ),
                    level: ProblemLevel::Warning,
                }
            })
            .collect()
    }

    /// Every pair, explicit or implied by classes, sorted by `(a, b)`. Quadratic in the
    /// number of platforms: for tests and small inventories only.
    pub fn implied_pairs(&self, platforms: &[Platform]) -> Vec<Pair> {
        let n = platforms.len();
        (0..n)
            .flat_map(|a| ((a + 1)..n).map(move |b| (a, b)))
            .filter_map(|(a, b)| self.implied_pair(platforms, a, b))
            .collect()
    }

    /// The cluster holding `platform`, if any.
    pub fn cluster_of(&self, platform: usize) -> Option<&Cluster> {
        if self.membership.is_empty() {
            return self
                .clusters
                .iter()
                .find(|c| c.members.binary_search(&platform).is_ok());
        }
        let slot = (*self.membership.get(platform)?)?;
        self.clusters.get(slot as usize)
    }

    /// Every verified partner of `platform` with its pair.
    pub fn partners(&self, platform: usize) -> impl Iterator<Item = (usize, &Pair)> + '_ {
        self.pairs.iter().filter_map(move |p| {
            if p.a == platform {
                Some((p.b, p))
            } else if p.b == platform {
                Some((p.a, p))
            } else {
                None
            }
        })
    }

    /// The statistics of a tag in a family (`data_field` selects the group).
    pub fn tag_stat(&self, family: Family, tag: &str, data_field: bool) -> Option<TagStat> {
        let fam = &self.tags[family.slot()];
        let map = if data_field {
            &fam.data_fields
        } else {
            &fam.functions
        };
        map.get(tag).copied()
    }

    /// The weight of a tag in a family, 0 when unknown.
    pub fn tag_weight(&self, family: Family, tag: &str, data_field: bool) -> f64 {
        self.tag_stat(family, tag, data_field)
            .map_or(0.0, |s| s.weight)
    }

    /// The functions and data fields platforms `a` and `b` share, each list heaviest first
    /// with ubiquitous tags last (ties by text). Empty when the two are in no common family.
    pub fn shared_tags(
        &self,
        platforms: &[Platform],
        a: usize,
        b: usize,
    ) -> (Vec<String>, Vec<String>) {
        let (Some(pa), Some(pb)) = (platforms.get(a), platforms.get(b)) else {
            return (Vec::new(), Vec::new());
        };
        let family = if self.tags[Family::All.slot()].platforms > 0 {
            Family::All
        } else {
            match Family::of_pair(pa.kind, pb.kind) {
                Some(f) => f,
                None => return (Vec::new(), Vec::new()),
            }
        };
        let order = |list_a: &[String], list_b: &[String], data: bool| {
            let mut shared: Vec<(bool, f64, &String)> = list_a
                .iter()
                .filter(|t| list_b.contains(t))
                .map(|t| {
                    let stat = self.tag_stat(family, t, data);
                    (
                        stat.is_some_and(|s| s.ubiquitous),
                        stat.map_or(0.0, |s| s.weight),
                        t,
                    )
                })
                .collect();
            shared.sort_by(|x, y| {
                x.0.cmp(&y.0)
                    .then(y.1.partial_cmp(&x.1).unwrap_or(Ordering::Equal))
                    .then(x.2.cmp(y.2))
            });
            shared.dedup_by(|x, y| x.2 == y.2);
            shared.into_iter().map(|s| s.2.clone()).collect::<Vec<_>>()
        };
        (
            order(&pa.functions, &pb.functions, false),
            order(&pa.data_fields, &pb.data_fields, true),
        )
    }
}

/// Finds overlapping pairs and clusters among `platforms`.
pub fn analyze(platforms: &[Platform], settings: &OverlapSettings) -> Overlap {
    analyze_with_progress(platforms, settings, &NoProgress)
}

/// [`analyze`] reporting progress (LSH bands and exact rows) on `progress`. The bar only
/// observes: the result is the same with a hidden bar. Placements come from the platforms
/// themselves ([`Placer::placements`]); [`analyze_placed`] takes them from the caller.
pub fn analyze_with_progress(
    platforms: &[Platform],
    settings: &OverlapSettings,
    progress: &dyn Progress,
) -> Overlap {
    let placements = Placer::placements(platforms);
    analyze_placed(platforms, &placements, settings, progress)
}

/// [`analyze_with_progress`] with the placement of every platform given (one per
/// platform, in order; a missing one is unknown): the comparison scope of the join.
pub fn analyze_placed(
    platforms: &[Platform],
    placements: &[Placement],
    settings: &OverlapSettings,
    progress: &dyn Progress,
) -> Overlap {
    let settings = sanitized(settings);
    let tick = progress.stage("重合度分析 overlap", 0);
    let vocab = index::Vocab::build(platforms);
    let ranks = cluster::owner_ranks(platforms);
    let better = |a: usize, b: usize| -> Ordering {
        match (platforms.get(a), platforms.get(b)) {
            (Some(pa), Some(pb)) => {
                let rank = |i: usize| ranks.get(i).copied().unwrap_or(1);
                cluster::target_key(pa, a, rank(a)).cmp(&cluster::target_key(pb, b, rank(b)))
            }
            _ => a.cmp(&b),
        }
    };
    let mut overlap = Overlap::default();
    let mut raw = Vec::new();
    let limit = join::pair_limit(&settings);
    for family in families(&settings) {
        let fam = index::FamilyIndex::build(
            platforms, &vocab, family, &settings, placements, &better, true,
        );
        overlap.tags[family.slot()] = fam.tag_stats(&vocab);
        let (pairs, mut stats) = join::join_family(&fam, &settings, tick.as_ref());
        let before = raw.len();
        expand(&fam, &pairs, limit, &mut raw, &mut stats);
        stats.pairs = raw.len() - before;
        overlap.stats[family.slot()] = stats;
        let mut reps = vec![u32::MAX; platforms.len()];
        for r in 0..fam.len() {
            let rep = fam.members[r];
            for &m in fam.class(r) {
                if let Some(slot) = reps.get_mut(m as usize) {
                    *slot = rep;
                }
            }
        }
        overlap.representatives[family.slot()] = reps;
    }
    raw.par_sort_unstable_by_key(|x| (x.a, x.b));
    // A pair belongs to exactly one family (Family::of_pair), so there are no repeats;
    // dedup only guards against a platform index appearing twice in a family.
    raw.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    overlap.pairs = raw;
    let depths = scope_depths(platforms, placements, &settings);
    let (clusters, membership) =
        cluster::star_clusters(platforms, &overlap.pairs, &settings, &ranks, &depths);
    overlap.clusters = clusters;
    overlap.membership = membership;
    overlap
}

/// Expands the pairs of class representatives into reported pairs of platforms (see
/// [`Overlap`]), at most `limit` per family (beyond it the budget flag is set).
fn expand(
    fam: &index::FamilyIndex,
    pairs: &[index::RawPair],
    limit: usize,
    out: &mut Vec<Pair>,
    stats: &mut FamilyStats,
) {
    let start = out.len();
    let pair = |x: u32, y: u32, raw: &index::RawPair, x_is_i: bool| {
        let (c_xy, c_yx) = if x_is_i {
            (raw.c_ij, raw.c_ji)
        } else {
            (raw.c_ji, raw.c_ij)
        };
        let (a, b, c_ab, c_ba) = if x < y {
            (x, y, c_xy, c_yx)
        } else {
            (y, x, c_yx, c_xy)
        };
        Pair {
            a: a as usize,
            b: b as usize,
            similarity: raw.similarity,
            containment_a_in_b: c_ab,
            containment_b_in_a: c_ba,
            family: fam.family,
            shared_distinctive: raw.shared_distinctive as usize,
        }
    };
    for raw in pairs {
        let (i, j) = (raw.i as usize, raw.j as usize);
        let (Some(&ri), Some(&rj)) = (fam.members.get(i), fam.members.get(j)) else {
            continue;
        };
        if out.len() - start >= limit {
            stats.pair_budget_hit = true;
            break;
        }
        if i == j {
            out.extend(
                fam.class(i)
                    .iter()
                    .filter(|&&m| m != ri)
                    .map(|&m| pair(ri, m, raw, true)),
            );
            continue;
        }
        out.extend(fam.class(j).iter().map(|&m| pair(ri, m, raw, true)));
        out.extend(
            fam.class(i)
                .iter()
                .filter(|&&m| m != ri)
                .map(|&m| pair(rj, m, raw, false)),
        );
    }
}

/// The depth of each platform's scope path (`u8::MAX` when unknown or scopes are off):
/// the area depth, or for a work group 0 with a unit or area and 1 with an audience too.
fn scope_depths(
    platforms: &[Platform],
    placements: &[Placement],
    settings: &OverlapSettings,
) -> Vec<u8> {
    platforms
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let placement = placements.get(i).copied().unwrap_or_default();
            if !settings.scope {
                return u8::MAX;
            }
            if p.kind == Kind::Group && settings.families {
                let mut groups = scope::GroupScopes::default();
                return scope::depth(&groups.path(&placement)).map_or(u8::MAX, |d| d as u8);
            }
            placement.area_depth().map_or(u8::MAX, |d| d as u8)
        })
        .collect()
}

/// Every pair by exhaustive comparison inside each family and scope, ignoring
/// `exact_limit`, LSH and classes. The reference the fast join is tested and benchmarked
/// against; O(n²).
pub fn brute_force_pairs(platforms: &[Platform], settings: &OverlapSettings) -> Vec<Pair> {
    let placements = Placer::placements(platforms);
    brute_force_pairs_placed(platforms, &placements, settings)
}

/// [`brute_force_pairs`] with the placements given.
pub fn brute_force_pairs_placed(
    platforms: &[Platform],
    placements: &[Placement],
    settings: &OverlapSettings,
) -> Vec<Pair> {
    let settings = sanitized(settings);
    let vocab = index::Vocab::build(platforms);
    let by_index = |a: usize, b: usize| a.cmp(&b);
    let mut out = Vec::new();
    for family in families(&settings) {
        let fam = index::FamilyIndex::build(
            platforms, &vocab, family, &settings, placements, &by_index, false,
        );
        out.extend(
            join::brute_force(&fam, &settings)
                .into_iter()
                .map(|p| fam.to_pair(p)),
        );
    }
    out.sort_by_key(|x| (x.a, x.b));
    out
}

/// The exact pairs involving each platform of `queries` (compared against every platform
/// of its families in scope), sorted by `(a, b)`. Used to measure recall on sampled
/// records, with [`Overlap::implied_pair`] on the fast result.
pub fn exact_pairs_of(
    platforms: &[Platform],
    settings: &OverlapSettings,
    queries: &[usize],
) -> Vec<Pair> {
    exact_pairs_of_placed(platforms, &Placer::placements(platforms), settings, queries)
}

/// [`exact_pairs_of`] with the placements given.
pub fn exact_pairs_of_placed(
    platforms: &[Platform],
    placements: &[Placement],
    settings: &OverlapSettings,
    queries: &[usize],
) -> Vec<Pair> {
    let settings = sanitized(settings);
    let vocab = index::Vocab::build(platforms);
    let by_index = |a: usize, b: usize| a.cmp(&b);
    let mut out = Vec::new();
    for family in families(&settings) {
        let fam = index::FamilyIndex::build(
            platforms, &vocab, family, &settings, placements, &by_index, false,
        );
        out.extend(
            join::exact_for_queries(&fam, &settings, queries)
                .into_iter()
                .map(|p| fam.to_pair(p)),
        );
    }
    out.sort_by_key(|x| (x.a, x.b));
    out.dedup_by(|x, y| x.a == y.a && x.b == y.b);
    out
}

/// The families to join under `settings`.
fn families(settings: &OverlapSettings) -> Vec<Family> {
    if settings.families {
        Family::ALL.to_vec()
    } else {
        vec![Family::All]
    }
}

/// Clamps settings into their meaningful ranges so that a bad value in fingertip.toml
/// degrades gracefully instead of panicking or looping.
fn sanitized(settings: &OverlapSettings) -> OverlapSettings {
    let unit = |x: f64, default: f64| {
        if x.is_finite() {
            x.clamp(0.0, 1.0)
        } else {
            default
        }
    };
    let d = OverlapSettings::default();
    OverlapSettings {
        similarity: unit(settings.similarity, d.similarity),
        containment: unit(settings.containment, d.containment),
        function_weight: unit(settings.function_weight, d.function_weight),
        ubiquitous_share: unit(settings.ubiquitous_share, d.ubiquitous_share),
        ubiquitous_min: settings.ubiquitous_min,
        min_shared_distinctive: settings.min_shared_distinctive,
        exact_limit: settings.exact_limit,
        lsh_bands: settings.lsh_bands.clamp(1, 4096),
        lsh_rows: settings.lsh_rows.clamp(1, 64),
        containment_effort: if settings.containment_effort.is_nan() {
            d.containment_effort
        } else {
            settings.containment_effort.max(0.0)
        },
        seed: settings.seed,
        corroboration_margin: unit(settings.corroboration_margin, d.corroboration_margin),
        families: settings.families,
        scope: settings.scope,
        min_shared_tags: settings.min_shared_tags,
        bucket_cap: settings.bucket_cap.max(1),
        memory_budget_mb: settings.memory_budget_mb.max(1),
    }
}

#[cfg(test)]
pub(crate) mod testgen;

#[cfg(test)]
mod tests;
