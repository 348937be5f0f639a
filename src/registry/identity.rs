//! Identity resolution: the steps of the cascade `ingest` walks for each record (a
//! plausible platform id, identifiers such as filing number, account id and URL, then
//! fuzzy candidates within the same owner and kind), the fuzzy index the candidates come
//! from, and the match decision with its thresholds. Names and owners are compared with
//! `normalize::names`.
//!
//! Pure: `ingest` feeds registry rows in and records whatever rule and confidence
//! [`decide_match`] returns.

use std::collections::HashMap;

use crate::model::Record;
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
