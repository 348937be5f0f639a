//! Identity resolution helpers: name and owner normalisation for matching, the fuzzy
//! name score, identifier extraction (filing number, account id, URL) and the match
//! decision with its thresholds.
//!
//! Pure: the store feeds candidates in and records whatever rule and confidence
//! [`decide_match`] returns.

use unicode_normalization::UnicodeNormalization;

use crate::model::Record;
use crate::normalize::normalize_text;

/// Score at or above which a fuzzy match is merged automatically.
pub const AUTO_MATCH: f64 = 0.85;
/// Score at or above which a fuzzy candidate is close enough to be listed for review.
pub const REVIEW_MATCH: f64 = 0.6;
/// Two candidates closer than this are ambiguous, even above [`AUTO_MATCH`].
pub const AMBIGUITY_MARGIN: f64 = 0.05;

/// Markers that renames add to a name without changing what the platform is. They are
/// removed before names are compared (already normalised: NFKC, lower case, no spaces).
const VARIANT_MARKERS: [&str; 22] = [
    "新版",
    "旧版",
    "旧",
    "新",
    "试点",
    "测试",
    "备用",
    "政务版",
    "移动端",
    "手机版",
    "电脑版",
    "网页版",
    "pc端",
    "pro",
    "plus",
    "2.0",
    "3.0",
    "4.0",
    "v2",
    "v3",
    "升级版",
    "正式版",
];

/// Lower-cased NFKC text (full-width → half-width) after the project's text
/// normalisation (which also maps traditional to simplified characters).
fn fold(text: &str) -> String {
    normalize_text(text)
        .nfkc()
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '【'
                | '】'
                | '《'
                | '》'
                | '<'
                | '>'
                | '〈'
                | '〉'
                | '「'
                | '」'
                | '·'
                | '•'
                | '・'
                | '-'
                | '_'
                | '—'
                | '–'
                | '/'
                | '|'
                | ','
                | '、'
                | ':'
                | ';'
                | '"'
                | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
        )
}

/// The words of a name: folded text split on spaces and punctuation, with variant
/// markers removed.
pub fn name_tokens(name: &str) -> Vec<String> {
    let folded = fold(name);
    let mut tokens: Vec<String> = folded
        .split(is_separator)
        .filter(|t| !t.is_empty())
        .map(strip_trailing_markers)
        .filter(|t| !t.is_empty() && !VARIANT_MARKERS.contains(&t.as_str()))
        .collect();
    // A name consisting only of markers (e.g. "测试") keeps its words.
    if tokens.is_empty() {
        tokens = folded
            .split(is_separator)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
    }
    tokens
}

fn strip_trailing_markers(token: &str) -> String {
    let mut t = token.to_string();
    loop {
        let before = t.len();
        for marker in VARIANT_MARKERS {
            // Only markers of two or more characters are stripped from the end of a
            // word, so that "新" in "创新" stays.
            if marker.chars().count() >= 2 && t.len() > marker.len() && t.ends_with(marker) {
                t.truncate(t.len() - marker.len());
            }
        }
        if t.len() == before {
            return t;
        }
    }
}

/// The name as compared for identity: folded, variant markers removed, words joined
/// without separators.
pub fn core_name(name: &str) -> String {
    name_tokens(name).concat()
}

/// An owner as compared for identity: folded with separators removed.
pub fn owner_key(owner: &str) -> String {
    fold(owner).chars().filter(|c| !is_separator(*c)).collect()
}

fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text.chars().collect();
    let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    if grams.is_empty() {
        if let Some(&c) = chars.first() {
            grams.push((c, '\0'));
        }
    }
    grams.sort_unstable();
    grams
}

/// Sørensen–Dice coefficient of the character-bigram multisets of two strings.
pub fn dice(a: &str, b: &str) -> f64 {
    if a == b {
        return if a.is_empty() { 0.0 } else { 1.0 };
    }
    let ga = bigrams(a);
    let gb = bigrams(b);
    if ga.is_empty() || gb.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < ga.len() && j < gb.len() {
        match ga[i].cmp(&gb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (ga.len() + gb.len()) as f64
}

/// How alike two names are, from 0 to 1: the better of the bigram Dice score of their
/// core names and of their sorted words (so reordered words still match).
pub fn name_similarity(a: &str, b: &str) -> f64 {
    let ta = name_tokens(a);
    let tb = name_tokens(b);
    let direct = dice(&ta.concat(), &tb.concat());
    if direct >= 1.0 {
        return 1.0;
    }
    let mut sa = ta.clone();
    let mut sb = tb.clone();
    sa.sort();
    sb.sort();
    direct.max(dice(&sa.concat(), &sb.concat()))
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
    fn renames_keep_a_high_score() {
        let base = "城区便民服务APP";
        for renamed in [
            "城区便民服务APP（新版）",
            "城区便民服务ＡＰＰ",
            "城区便民服务APP 2.0",
            "城区便民服务APP-移动端",
        ] {
            let s = name_similarity(base, renamed);
            assert!(s >= AUTO_MATCH, "{renamed}: {s}");
        }
        assert!(name_similarity("人社 掌上办", "掌上办 人社") >= AUTO_MATCH);
        assert!(name_similarity("城区便民服务APP", "农业补贴申报系统") < REVIEW_MATCH);
    }

    #[test]
    fn markers_inside_words_stay() {
        assert_eq!(core_name("科技创新平台"), "科技创新平台");
        assert_eq!(core_name("创新（新版）"), "创新");
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
