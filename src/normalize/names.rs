//! Names and owners as compared across the registry and follow-through: folding (the
//! project's text normalisation, NFKC, lower case), a name's words without the variant
//! markers renames add, the core name, the owner key and the fuzzy name score.
//!
//! Pure and shared: `registry::identity` matches records with it and
//! `recommend::follow` recognises a platform that came back under another id with it, so
//! neither imports the other.

use unicode_normalization::UnicodeNormalization;

use super::text::normalize_text;

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
pub fn fold(text: &str) -> String {
    normalize_text(text)
        .nfkc()
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `c` separates the words of a name or an owner: whitespace, brackets of every
/// width, middle dots, dashes, slashes and the common Chinese and ASCII punctuation.
pub fn is_separator(c: char) -> bool {
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
///
/// Hand-written rather than `strsim::sorensen_dice`: strsim 0.11 divides by the strings'
/// byte lengths, so every Chinese name (three bytes a character) would score about a
/// third of its true value.
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
            assert!(s >= 0.85, "{renamed}: {s}");
        }
        assert!(name_similarity("人社 掌上办", "掌上办 人社") >= 0.85);
        assert!(name_similarity("城区便民服务APP", "农业补贴申报系统") < 0.6);
    }

    #[test]
    fn markers_inside_words_stay() {
        assert_eq!(core_name("科技创新平台"), "科技创新平台");
        assert_eq!(core_name("创新（新版）"), "创新");
    }

    #[test]
    fn dice_is_over_character_bigram_multisets() {
        assert_eq!(dice("", ""), 0.0);
        assert_eq!(dice("掌", "掌"), 1.0);
        assert_eq!(dice("掌", "上"), 0.0);
        assert_eq!(dice("掌上办", "掌上办"), 1.0);
        // {掌上, 上办} vs {掌上, 上通}: 2·1 / (2 + 2).
        assert!((dice("掌上办", "掌上通") - 0.5).abs() < 1e-12);
        // Multisets: "aaa" has {aa, aa}, "aa" has {aa}: 2·1 / 3.
        assert!((dice("aaa", "aa") - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn owner_key_folds_width_case_and_separators() {
        assert_eq!(owner_key("澄岚市 人社局"), owner_key("澄岚市人社局"));
        assert_eq!(owner_key("ＡＢＣ（局）"), owner_key("abc(局)"));
        assert_eq!(owner_key("澄嵐市人社局"), owner_key("澄岚市人社局"));
    }
}
