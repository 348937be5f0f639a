//! Identity resolution: the cascade `ingest` walks for each record of a run
//! ([`plan`]) — the key the source already knows it by, a plausible platform id of
//! another source, identifiers such as filing number, account id and URL, then fuzzy
//! candidates within the same owner and kind — the fuzzy index the candidates come from,
//! and the match decision with its thresholds. Names and owners are compared with
//! `normalize::names`.
//!
//! Pure: the store answers the cascade's look-ups through [`Lookup`], and `ingest`
//! applies the [`Planned`] steps (and records whatever rule and confidence they carry).
//! A record whose id is blank or changed is matched like a renamed one, against the
//! platforms the run has not already claimed, so blanking or renumbering 编号 keeps ids.

use std::collections::{HashMap, HashSet};

use crate::model::{Problem, ProblemLevel, Record};
use crate::normalize::names::fold;
pub use crate::normalize::names::{core_name, name_similarity, name_tokens, owner_key};

/// Score at or above which a fuzzy match is merged automatically.
pub const AUTO_MATCH: f64 = 0.85;
/// Score at or above which a fuzzy candidate is close enough to be listed for review.
pub const REVIEW_MATCH: f64 = 0.6;
/// Two candidates closer than this are ambiguous, even above [`AUTO_MATCH`].
pub const AMBIGUITY_MARGIN: f64 = 0.05;

/// Whether another source's platform id found on a record names the same platform: ids
/// may only coincide (two tables numbered 1, 2, 3…), so the id is trusted when the owner
/// is the same (`owner_key` of the stored platform) or the name is close.
pub fn platform_id_is_plausible(
    record: &Record,
    stored_name: &str,
    stored_owner_key: &str,
) -> bool {
    let same_owner = !stored_owner_key.is_empty()
        && record.owner.as_deref().map(owner_key).as_deref() == Some(stored_owner_key);
    same_owner || name_similarity(record.name.as_deref().unwrap_or(""), stored_name) >= REVIEW_MATCH
}

/// Blocking index over the registry's platforms for fuzzy matching: by (owner, kind)
/// and by (core name, kind), so a record is scored only against plausible platforms.
#[derive(Debug, Default)]
pub struct FuzzyIndex {
    names: HashMap<i64, String>,
    owners: HashMap<i64, String>,
    by_block: HashMap<(String, String), Vec<i64>>,
    by_core: HashMap<(String, String), Vec<i64>>,
}

impl FuzzyIndex {
    /// Adds one stored platform: its key, name, kind code, core name and owner key.
    pub fn add(&mut self, pk: i64, name: String, kind: String, core: String, owner: String) {
        self.names.insert(pk, name);
        if !owner.is_empty() {
            self.by_block
                .entry((owner.clone(), kind.clone()))
                .or_default()
                .push(pk);
        }
        self.by_core.entry((core, kind)).or_default().push(pk);
        self.owners.insert(pk, owner);
    }

    /// The platforms `record` may be, scored by name similarity (times 0.9 when the
    /// owner differs), among those `allowed` accepts; for [`decide_match`].
    pub fn candidates(&self, record: &Record, allowed: impl Fn(i64) -> bool) -> Vec<Candidate> {
        let name = record.name.clone().unwrap_or_default();
        let core = core_name(&name);
        let owner = record.owner.as_deref().map(owner_key).unwrap_or_default();
        let kind = record.kind.map(|k| k.code()).unwrap_or("").to_string();
        let mut pks: Vec<i64> = Vec::new();
        if !owner.is_empty() {
            if let Some(v) = self.by_block.get(&(owner.clone(), kind.clone())) {
                pks.extend(v);
            }
        }
        if let Some(v) = self.by_core.get(&(core, kind)) {
            pks.extend(v);
        }
        pks.sort_unstable();
        pks.dedup();
        pks.into_iter()
            .filter(|pk| allowed(*pk))
            .filter_map(|pk| {
                let cand_name = self.names.get(&pk)?;
                let mut score = name_similarity(&name, cand_name);
                let cand_owner = self.owners.get(&pk).map(String::as_str).unwrap_or("");
                if cand_owner != owner {
                    score *= 0.9;
                }
                Some(Candidate { pk, score })
            })
            .collect()
    }
}

/// Extra-column headers (folded) that carry an identifier of the platform.
const IDENTIFIER_HEADERS: [(&str, &str); 20] = [
    ("account", "account"),
    ("account_id", "account"),
    ("accountid", "account"),
    ("账号", "account"),
    ("账号id", "account"),
    ("账户", "account"),
    ("微信号", "account"),
    ("公众号id", "account"),
    ("原始id", "account"),
    ("appid", "account"),
    ("app_id", "account"),
    ("小程序id", "account"),
    ("群号", "account"),
    ("url", "url"),
    ("网址", "url"),
    ("链接", "url"),
    ("地址", "url"),
    ("主页", "url"),
    ("homepage", "url"),
    ("link", "url"),
];

/// Normalises a URL for comparison: no scheme, no `www.`, lower-case host, no trailing
/// slash.
pub fn url_key(url: &str) -> String {
    let t = fold(url);
    let t = t.trim();
    let t = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))
        .unwrap_or(t);
    let t = t.strip_prefix("www.").unwrap_or(t);
    t.trim_end_matches('/').to_string()
}

/// The identifiers a record carries, as `(kind, normalised value)` pairs, sorted.
/// Kinds: `filing` (备案编号), `account` (account id, app id, group number), `url`.
pub fn identifiers(record: &Record) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(filing) = &record.filing_no {
        let key: String = fold(filing)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !key.is_empty() {
            out.push(("filing".to_string(), key));
        }
    }
    for (header, value) in &record.extra {
        let h: String = fold(header)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let Some((_, kind)) = IDENTIFIER_HEADERS.iter().find(|(name, _)| *name == h) else {
            continue;
        };
        let key = if *kind == "url" {
            url_key(value)
        } else {
            fold(value).chars().filter(|c| !c.is_whitespace()).collect()
        };
        if !key.is_empty() {
            out.push((kind.to_string(), key));
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A candidate platform scored against an incoming record.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Internal row key of the platform.
    pub pk: i64,
    /// Score in 0..=1.
    pub score: f64,
}

/// The outcome of fuzzy matching one record.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchDecision {
    /// Merge into this platform with this confidence.
    Match(Candidate),
    /// Too close to call: create a new platform and list these candidates for review.
    Ambiguous(Vec<Candidate>),
    /// No candidate is close: a new platform.
    New,
}

/// Decides a fuzzy match from scored candidates: the best one is merged when it scores
/// at least [`AUTO_MATCH`] and no other candidate is within [`AMBIGUITY_MARGIN`];
/// candidates in the grey zone, or several close ones, go to review.
pub fn decide_match(mut candidates: Vec<Candidate>) -> MatchDecision {
    candidates.retain(|c| c.score >= REVIEW_MATCH);
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.pk.cmp(&b.pk)));
    let Some(best) = candidates.first().cloned() else {
        return MatchDecision::New;
    };
    let close: Vec<Candidate> = candidates
        .iter()
        .filter(|c| best.score - c.score < AMBIGUITY_MARGIN)
        .cloned()
        .collect();
    if best.score >= AUTO_MATCH && close.len() == 1 {
        MatchDecision::Match(best)
    } else {
        candidates.truncate(5);
        MatchDecision::Ambiguous(candidates)
    }
}

/// The key under which a source knows a record: its id, or for records without one,
/// `~` + normalised name, owner and kind.
pub fn record_key(record: &Record) -> Option<String> {
    if let Some(id) = record.id.as_deref().map(str::trim) {
        if !id.is_empty() {
            return Some(id.to_string());
        }
    }
    let name = record.name.as_deref().map(core_name)?;
    if name.is_empty() {
        return None;
    }
    let owner = record.owner.as_deref().map(owner_key).unwrap_or_default();
    let kind = record.kind.map(|k| k.code()).unwrap_or("");
    Some(format!("~{name}|{owner}|{kind}"))
}

/// Whether a record key is a real id (not a `~name|owner|kind` key).
pub fn is_id_key(key: &str) -> bool {
    !key.starts_with('~')
}

/// A problem on one record's row, in the cascade's terms.
pub fn record_problem(record: &Record, column: &str, kind: &str, message: String) -> Problem {
    Problem {
        file: record.provenance.source.clone(),
        sheet: record.provenance.sheet.clone(),
        row: Some(record.provenance.row),
        column: Some(column.to_string()),
        kind: kind.to_string(),
        message,
        level: ProblemLevel::Error,
    }
}

/// What the cascade asks the store.
pub trait Lookup {
    /// The store's error.
    type Error;
    /// The platform with this public id, if any: its key, name and owner key.
    fn by_platform_id(&mut self, id: &str) -> Result<Option<(i64, String, String)>, Self::Error>;
    /// The platform that carries this identifier (`kind`, normalised value), if any.
    fn by_identifier(&mut self, kind: &str, value: &str) -> Result<Option<i64>, Self::Error>;
    /// The fuzzy index over every platform (asked at most once a run).
    fn fuzzy_index(&mut self) -> Result<FuzzyIndex, Self::Error>;
}

/// What the source already knows: its record keys with their platform and field hash.
pub type SourceLinks = HashMap<String, (i64, i64)>;

/// How one record of a run is resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// The source knows the record under its key; `hash` is the stored field hash.
    Known {
        /// Platform key.
        pk: i64,
        /// The field hash stored for the key.
        hash: i64,
    },
    /// Matched an existing platform by a later step of the cascade.
    Matched {
        /// Platform key.
        pk: i64,
        /// `platform-id`, `identifier:<kind>` or `fuzzy-name`.
        rule: String,
        /// Confidence in 0..=1.
        confidence: f64,
    },
    /// Too close to call: a new platform, with these candidates for review.
    Ambiguous(Vec<Candidate>),
    /// A new platform.
    New,
}

/// One record's resolution: its index in the run, the key the source will know it by.
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// Index of the record in the run's records.
    pub idx: usize,
    /// The source's key for it (suffixed `#n` when repeated within the run).
    pub key: String,
    /// How it resolves.
    pub step: Step,
}

/// Walks the identity cascade for every record of one run of a source and returns the
/// steps in the order they must be applied (records the source knows first, then the
/// rest, each in input order), plus the records' problems (no key, repeated keys).
///
/// `links` are the source's known keys; `linked_by_id` says which platforms the source
/// knows by a real id. A platform is matched at most once a run. Another source's
/// platform id is trusted only for a platform this source does not know by id. The
/// later steps (identifiers, then name + owner + kind) consider every platform the run
/// has not claimed, including ones this source knew by an id that is absent from the run:
/// that is a blanked or renumbered 编号, matched as a rename is.
pub fn plan<L: Lookup>(
    records: &[Record],
    links: &SourceLinks,
    linked_by_id: &HashMap<i64, bool>,
    lookup: &mut L,
) -> Result<(Vec<Planned>, Vec<Problem>), L::Error> {
    let mut problems = Vec::new();
    let mut steps = Vec::with_capacity(records.len());
    let mut claimed: HashSet<i64> = HashSet::new();
    let mut pending: Vec<(usize, String)> = Vec::new();
    let mut seen_keys: HashSet<String> = HashSet::new();
    // Pass 1: records the source already knows (same key), or whose id is a platform id.
    for (idx, record) in records.iter().enumerate() {
        let Some(key) = record_key(record) else {
            problems.push(record_problem(
                record,
                "id",
                "no-id-or-name",
                "既无编号也无名称，无法登记，已跳过".to_string(),
            ));
            continue;
        };
        // A key seen earlier in this run: keep the record under a suffixed key, like
        // `registry::resolve`, so nothing is lost.
        let key = if seen_keys.contains(&key) {
            let mut n = 2;
            while seen_keys.contains(&format!("{key}#{n}")) {
                n += 1;
            }
            let suffixed = format!("{key}#{n}");
            problems.push(record_problem(
                record,
                "id",
                "duplicate-id",
                format!("编号“{key}”在本次导入中重复出现，本行按“{suffixed}”登记"),
            ));
            suffixed
        } else {
            key
        };
        seen_keys.insert(key.clone());
        if let Some(&(pk, hash)) = links.get(&key) {
            if !claimed.insert(pk) {
                problems.push(record_problem(
                    record,
                    "id",
                    "duplicate-id",
                    format!("编号“{key}”在本次导入中重复出现，仅登记第一次出现的记录"),
                ));
                continue;
            }
            steps.push(Planned {
                idx,
                key,
                step: Step::Known { pk, hash },
            });
            continue;
        }
        if is_id_key(&key) {
            if let Some((pk, name, owner)) = lookup.by_platform_id(&key)? {
                // Another source's id may only coincide (two tables numbered 1, 2, 3…):
                // the id is trusted when the name is close or the owner is the same.
                if platform_id_is_plausible(record, &name, &owner)
                    && !claimed.contains(&pk)
                    && linked_by_id.get(&pk) != Some(&true)
                {
                    claimed.insert(pk);
                    steps.push(Planned {
                        idx,
                        key,
                        step: Step::Matched {
                            pk,
                            rule: "platform-id".into(),
                            confidence: 0.95,
                        },
                    });
                    continue;
                }
            }
        }
        pending.push((idx, key));
    }
    // Pass 2: identifiers, then fuzzy name + owner + kind, else a new platform. Every
    // platform the run still lists is claimed by now.
    let mut index: Option<FuzzyIndex> = None;
    for (idx, key) in pending {
        let Some(record) = records.get(idx) else {
            continue;
        };
        let mut step = None;
        for (kind, value) in identifiers(record) {
            if let Some(pk) = lookup.by_identifier(&kind, &value)? {
                if !claimed.contains(&pk) {
                    step = Some(Step::Matched {
                        pk,
                        rule: format!("identifier:{kind}"),
                        confidence: 0.98,
                    });
                    break;
                }
            }
        }
        let step = match step {
            Some(step) => step,
            None => {
                if index.is_none() {
                    index = Some(lookup.fuzzy_index()?);
                }
                let candidates = match index.as_ref() {
                    Some(index) => index.candidates(record, |pk| !claimed.contains(&pk)),
                    None => Vec::new(),
                };
                match decide_match(candidates) {
                    MatchDecision::Match(c) => Step::Matched {
                        pk: c.pk,
                        rule: "fuzzy-name".into(),
                        confidence: c.score,
                    },
                    MatchDecision::Ambiguous(cands) => Step::Ambiguous(cands),
                    MatchDecision::New => Step::New,
                }
            }
        };
        if let Step::Matched { pk, .. } = &step {
            claimed.insert(*pk);
        }
        steps.push(Planned { idx, key, step });
    }
    Ok((steps, problems))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_candidates_are_blocked_by_owner_or_core_name_and_kind() {
        let mut index = FuzzyIndex::default();
        let add = |index: &mut FuzzyIndex, pk, name: &str, owner: &str, kind: &str| {
            index.add(
                pk,
                name.into(),
                kind.into(),
                core_name(name),
                owner_key(owner),
            );
        };
        add(&mut index, 1, "城区社保通", "城区人社局", "app");
        add(&mut index, 2, "城区就业服务", "城区人社局", "app");
        add(&mut index, 3, "城区社保通", "城区民政局", "app");
        add(&mut index, 4, "城区社保通", "城区人社局", "group");
        let record = Record {
            name: Some("城区社保通（新版）".into()),
            owner: Some("城区 人社局".into()),
            kind: Some(crate::model::Kind::App),
            ..Record::default()
        };
        let got = index.candidates(&record, |_| true);
        let pks: Vec<i64> = got.iter().map(|c| c.pk).collect();
        assert_eq!(pks, [1, 2, 3]);
        assert_eq!(got[0].score, 1.0);
        // Same core name under another owner: scored down, not dropped.
        assert!((got[2].score - 0.9).abs() < 1e-12);
        assert_eq!(index.candidates(&record, |pk| pk != 1).len(), 2);
        assert!(platform_id_is_plausible(
            &record,
            "别的名字",
            &owner_key("城区人社局")
        ));
        assert!(platform_id_is_plausible(&record, "城区社保通", ""));
        assert!(!platform_id_is_plausible(&record, "农业补贴申报系统", "x"));
    }

    #[test]
    fn identifiers_from_extra_columns() {
        let mut r = Record {
            filing_no: Some(" 浙ICP备 123 ".into()),
            ..Record::default()
        };
        r.extra
            .insert("网址".into(), "HTTPS://www.Example.gov.cn/app/".into());
        r.extra.insert("微信号".into(), "gh_abc".into());
        r.extra.insert("备注2".into(), "x".into());
        let ids = identifiers(&r);
        assert_eq!(
            ids,
            vec![
                ("account".to_string(), "gh_abc".to_string()),
                ("filing".to_string(), "浙icp备123".to_string()),
                ("url".to_string(), "example.gov.cn/app".to_string()),
            ]
        );
    }

    #[test]
    fn close_candidates_are_ambiguous() {
        let d = decide_match(vec![
            Candidate { pk: 1, score: 0.9 },
            Candidate { pk: 2, score: 0.88 },
        ]);
        assert!(matches!(d, MatchDecision::Ambiguous(ref c) if c.len() == 2));
        let d = decide_match(vec![Candidate { pk: 1, score: 0.7 }]);
        assert!(matches!(d, MatchDecision::Ambiguous(_)));
        let d = decide_match(vec![
            Candidate { pk: 1, score: 0.95 },
            Candidate { pk: 2, score: 0.5 },
        ]);
        assert_eq!(d, MatchDecision::Match(Candidate { pk: 1, score: 0.95 }));
        assert_eq!(decide_match(vec![]), MatchDecision::New);
    }
}
