//! Cell text normalisation: NFKC, full-width → half-width, punctuation variants,
//! traditional → simplified Chinese (a compiled-in character table), invisible
//! characters removed, whitespace trimmed and collapsed.
//!
//! This runs on every cell of every record, so the common case (text that is already
//! normal, which includes plain ASCII and simplified Chinese without odd punctuation)
//! is one pass over the characters with no allocation.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use unicode_normalization::{is_nfkc, is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// The traditional → simplified table, two characters per entry (see the file header).
const T2S_TEXT: &str = include_str!("../../data/t2s.txt");

/// What the character table does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mapped {
    /// Replace it by this character.
    To(char),
    /// Drop it (zero-width and other invisible format characters).
    Delete,
}

/// Character replacements applied around NFKC, with a bitmap over the Basic
/// Multilingual Plane so that the fast path can test a character with one load.
struct CharTable {
    bits: Box<[u64]>,
    map: FxHashMap<char, Mapped>,
}

impl CharTable {
    fn build() -> CharTable {
        let mut map: FxHashMap<char, Mapped> = FxHashMap::default();
        for (traditional, simplified) in t2s_pairs(T2S_TEXT) {
            map.insert(traditional, Mapped::To(simplified));
        }
        // Punctuation variants that NFKC leaves alone. Book-title marks 《》, the
        // enumeration comma 、, the full stop 。 and curly quotes carry meaning in
        // Chinese names and stay; only variants of the same mark are unified.
        let punctuation: &[(char, char)] = &[
            ('「', '“'),
            ('」', '”'),
            ('『', '‘'),
            ('』', '’'),
            ('〝', '“'),
            ('〞', '”'),
            ('〟', '”'),
            ('・', '·'),
            ('‧', '·'),
            ('•', '·'),
            ('∙', '·'),
            ('⋅', '·'),
            ('‐', '-'),
            ('‑', '-'),
            ('‒', '-'),
            ('–', '-'),
            ('−', '-'),
            ('〜', '~'),
        ];
        for &(from, to) in punctuation {
            map.insert(from, Mapped::To(to));
        }
        for c in [
            '\u{00AD}', '\u{180E}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}',
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2060}', '\u{2061}',
            '\u{2062}', '\u{2063}', '\u{2064}', '\u{FEFF}',
        ] {
            map.insert(c, Mapped::Delete);
        }
        let mut bits = vec![0u64; 0x10000 / 64].into_boxed_slice();
        for &c in map.keys() {
            let code = c as usize;
            if let Some(word) = bits.get_mut(code / 64) {
                *word |= 1 << (code % 64);
            }
        }
        CharTable { bits, map }
    }

    /// True when `c` is in the table (a BMP bitmap test; nothing else is mapped).
    #[inline]
    fn contains(&self, c: char) -> bool {
        let code = c as usize;
        match self.bits.get(code / 64) {
            Some(word) => word & (1 << (code % 64)) != 0,
            None => false,
        }
    }

    #[inline]
    fn get(&self, c: char) -> Option<Mapped> {
        if self.contains(c) {
            self.map.get(&c).copied()
        } else {
            None
        }
    }
}

/// Parses the traditional → simplified table: `#` starts a comment line, entries are
/// two-character words separated by whitespace. Anything else is skipped (and caught
/// by the table's unit test).
fn t2s_pairs(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(str::split_whitespace)
        .filter_map(|entry| {
            let mut chars = entry.chars();
            match (chars.next(), chars.next(), chars.next()) {
                (Some(t), Some(s), None) if t != s => Some((t, s)),
                _ => None,
            }
        })
}

fn table() -> &'static CharTable {
    static TABLE: OnceLock<CharTable> = OnceLock::new();
    TABLE.get_or_init(CharTable::build)
}

/// True for the CJK Unified Ideographs blocks whose characters are NFKC-stable starters
/// (no decomposition, canonical combining class 0), so only the t2s table matters.
#[inline]
fn is_cjk_unified(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// True for punctuation common in Chinese names and tags that is NFKC-stable and a
/// starter (nothing composes with it from before; a combining mark after it is not in
/// this list and so triggers the full check). Saves the NFKC quick check on the
/// common path.
#[inline]
fn is_stable_punctuation(c: char) -> bool {
    matches!(
        c,
        '\u{00B0}'
            | '\u{00B1}'
            | '\u{00B7}'
            | '\u{00D7}'
            | '\u{00F7}'
            | '\u{2014}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{203B}'
            | '\u{2190}'..='\u{2193}'
            | '\u{221A}'
            | '\u{25A0}'
            | '\u{25A1}'
            | '\u{25B2}'
            | '\u{25B3}'
            | '\u{25C6}'
            | '\u{25C7}'
            | '\u{25CB}'
            | '\u{25CF}'
            | '\u{2605}'
            | '\u{2606}'
            | '\u{3001}'
            | '\u{3002}'
            | '\u{3008}'..='\u{300B}'
            | '\u{3010}'
            | '\u{3011}'
            | '\u{3014}'..='\u{3017}'
    )
}

/// True for control and format characters that are dropped (whitespace excepted,
/// which is collapsed instead).
#[inline]
fn is_dropped_control(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// True when `text` is already what [`normalize_text`] would return.
fn is_normal(text: &str, table: &CharTable) -> bool {
    // Treat the position before the text as a space so that a leading space fails.
    let mut after_space = true;
    let mut needs_nfkc_check = false;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
            continue;
        }
        after_space = false;
        if c.is_ascii() {
            if c.is_ascii_control() {
                return false;
            }
        } else if is_cjk_unified(c) {
            if table.contains(c) {
                return false;
            }
        } else if !is_stable_punctuation(c) {
            if c.is_whitespace() || is_dropped_control(c) || table.contains(c) {
                return false;
            }
            needs_nfkc_check = true;
        }
    }
    if after_space && !text.is_empty() {
        return false;
    }
    !needs_nfkc_check || is_nfkc(text)
}

/// Normalises a cell or phrase, borrowing when it is already normal.
///
/// Steps, in this order: invisible characters (zero-width, bidi marks, soft hyphen,
/// controls) removed and the character table applied (traditional → simplified,
/// punctuation variants); NFKC (full-width letters, digits and punctuation become
/// ASCII: （ → (, ， → ,, ideographic space → space; circled and compatibility forms
/// are unfolded); the table applied again for what NFKC produced (compatibility
/// ideographs unfold to traditional characters); whitespace trimmed and every inner run
/// collapsed to one ASCII space. The result is a fixed point:
/// `normalize_cow(&normalize_cow(x)) == normalize_cow(x)`.
pub fn normalize_cow(text: &str) -> Cow<'_, str> {
    let table = table();
    if is_normal(text, table) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(normalize_slow(text, table))
}

/// Normalises a cell or phrase into an owned string (see [`normalize_cow`]).
pub fn normalize_text(text: &str) -> String {
    normalize_cow(text).into_owned()
}

/// Normalises one spreadsheet cell: [`normalize_cow`] applied to each of its lines, so
/// a multi-line note or list keeps its line breaks (`\r\n` becomes `\n`; blank lines
/// at either end are dropped) while every line is folded exactly as any other text is.
/// A single-line cell is [`normalize_cow`] of the trimmed text, borrowed when nothing
/// changes, which is the common case in a million-row JSONL.
pub fn normalize_cell(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    if !text.contains(['\n', '\r']) {
        return normalize_cow(text);
    }
    let lines: Vec<Cow<'_, str>> = text.lines().map(normalize_cow).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    Cow::Owned(lines[first..last.max(first)].join("\n"))
}

/// A matching key for names such as column headers and ids: [`normalize_text`], then
/// lower case, with spaces, `_` and `-` removed, so that `Data Fields`, `data_fields`
/// and `ＤＡＴＡ－ＦＩＥＬＤＳ` all give `datafields`.
pub fn fold_key(text: &str) -> String {
    normalize_cow(text)
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn normalize_slow(text: &str, table: &CharTable) -> String {
    // Removal happens before NFKC: removing a character after composition could put
    // a combining mark next to a new base and make a second pass change the text.
    // Full-width ASCII forms and the ideographic space are mapped here directly (their
    // NFKC mapping is exactly this), so that the common case, Chinese text with
    // full-width punctuation, needs no NFKC pass at all.
    let mut needs_nfkc = false;
    let mut mapped = String::with_capacity(text.len());
    for c in text.chars() {
        if is_dropped_control(c) {
            continue;
        }
        let c = match table.get(c) {
            Some(Mapped::To(to)) => to,
            Some(Mapped::Delete) => continue,
            None => match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{3000}' => ' ',
                _ => c,
            },
        };
        if !(c.is_ascii() || is_cjk_unified(c) || is_stable_punctuation(c)) {
            needs_nfkc = true;
        }
        mapped.push(c);
    }
    let composed: Cow<'_, str> =
        if !needs_nfkc || is_nfkc_quick(mapped.chars()) == IsNormalized::Yes {
            Cow::Borrowed(&mapped)
        } else {
            Cow::Owned(mapped.nfkc().collect())
        };
    let mut out = String::with_capacity(composed.len());
    let mut pending_space = false;
    for c in composed.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        // Only replacements here: every replacement target is an NFKC-stable starter
        // that composes with nothing, so the result stays normalised.
        let c = match table.get(c) {
            Some(Mapped::To(to)) => to,
            _ => c,
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_text_is_borrowed() {
        for s in ["", "abc", "打卡签到", "政务服务网 2.0", "《通知》、说明。"] {
            assert!(matches!(normalize_cow(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn whitespace_is_trimmed_and_collapsed() {
        assert_eq!(normalize_text("  打卡 \t\n 签到  "), "打卡 签到");
        assert_eq!(
            normalize_text("\u{3000}政务\u{3000}\u{3000}服务\u{3000}"),
            "政务 服务"
        );
        assert_eq!(normalize_text("a\u{00A0}b"), "a b");
        assert_eq!(normalize_text(" "), "");
    }

    #[test]
    fn full_width_forms_become_half_width() {
        assert_eq!(normalize_text("ＡＰＰ１２３４５"), "APP12345");
        assert_eq!(normalize_text("（试点）"), "(试点)");
        assert_eq!(
            normalize_text("姓名，手机号；地址：无！"),
            "姓名,手机号;地址:无!"
        );
        assert_eq!(normalize_text("ｅ政务"), "e政务");
    }

    #[test]
    fn nfkc_unfolds_compatibility_digits_and_letters() {
        assert_eq!(normalize_text("①登录"), "1登录");
        assert_eq!(normalize_text("⑫项"), "12项");
        assert_eq!(normalize_text("㊣"), "正");
        assert_eq!(normalize_text("ﬁle"), "file");
        assert_eq!(normalize_text("Ⅱ期"), "II期");
        assert_eq!(normalize_text("㎡"), "m2");
    }

    #[test]
    fn traditional_becomes_simplified() {
        assert_eq!(normalize_text("政務服務網"), "政务服务网");
        assert_eq!(normalize_text("身份證號碼"), "身份证号码");
        assert_eq!(normalize_text("資訊報送"), "资讯报送");
        assert_eq!(normalize_text("臺賬統計"), "台账统计");
        assert_eq!(normalize_text("設備應用"), "设备应用");
        assert_eq!(normalize_text("體檢"), "体检");
        assert_eq!(normalize_text("後臺"), "后台");
        // A CJK compatibility ideograph unfolds by NFKC to a traditional character,
        // which the second table pass simplifies.
        assert_eq!(normalize_text("\u{F9D0}"), "类");
    }

    #[test]
    fn punctuation_variants_are_unified_and_meaningful_marks_kept() {
        assert_eq!(normalize_text("「通知」"), "“通知”");
        assert_eq!(normalize_text("智慧・政务"), "智慧·政务");
        assert_eq!(normalize_text("《条例》"), "《条例》");
        assert_eq!(
            normalize_text("《中国〈条例〉释义》"),
            "《中国〈条例〉释义》"
        );
        assert_eq!(normalize_text("国办发〔2018〕123号"), "国办发〔2018〕123号");
        assert_eq!(normalize_text("A–B"), "A-B");
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(
            normalize_text("\u{FEFF}打卡\u{200B}签到\u{200D}"),
            "打卡签到"
        );
        assert_eq!(normalize_text("a\u{0007}b\u{00AD}c"), "abc");
    }

    #[test]
    fn fold_key_matches_header_spellings() {
        for header in [
            "Data Fields",
            "data_fields",
            "ＤＡＴＡ－ＦＩＥＬＤＳ",
            " data-fields ",
        ] {
            assert_eq!(fold_key(header), "datafields", "{header}");
        }
        assert_eq!(fold_key("采集 数据项"), "采集数据项");
        assert_eq!(fold_key("主要功能（必填）"), "主要功能(必填)");
    }

    #[test]
    fn t2s_table_is_well_formed() {
        let mut seen = FxHashMap::default();
        let mut bad = Vec::new();
        for line in T2S_TEXT
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
        {
            for entry in line.split_whitespace() {
                if entry.chars().count() != 2 {
                    bad.push(entry.to_string());
                }
            }
        }
        assert!(bad.is_empty(), "malformed entries: {bad:?}");
        for (t, s) in t2s_pairs(T2S_TEXT) {
            assert!(is_cjk_unified(t) && is_cjk_unified(s), "{t}{s}");
            assert!(seen.insert(t, s).is_none(), "duplicate entry for {t}");
        }
        // No chains: a simplified character is never itself converted again.
        for (t, s) in &seen {
            assert!(!seen.contains_key(s), "{t} → {s} → {:?}", seen.get(s));
        }
        assert!(seen.len() > 1500, "{} entries", seen.len());
    }

    #[test]
    fn stable_punctuation_is_nfkc_stable_and_unmapped() {
        for code in 0u32..0x10000 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            if is_stable_punctuation(c) {
                let s = c.to_string();
                assert!(is_nfkc(&s), "{c:?}");
                assert!(!table().contains(c), "{c:?}");
                assert_eq!(normalize_text(&s), s);
                // A combining mark after it still goes through NFKC.
                let arrow = format!("{c}\u{0338}");
                assert_eq!(normalize_text(&arrow), arrow.nfkc().collect::<String>());
            }
        }
    }

    #[test]
    fn full_width_shortcut_equals_nfkc() {
        for code in 0xFF01u32..=0xFF5E {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let via_nfkc: String = c.to_string().nfkc().collect();
            assert_eq!(
                normalize_text(&format!("打{c}卡")),
                format!("打{via_nfkc}卡")
            );
        }
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "Z",
            "1",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{3000}",
            "\u{00A0}",
            "\u{200B}",
            "\u{FEFF}",
            "\u{0301}",
            "\u{0308}",
            "\u{00A8}",
            "\u{00B4}",
            "e\u{0301}",
            "é",
            "Å",
            "ﬁ",
            "①",
            "Ⅻ",
            "㍿",
            "ｱ",
            "ﾞ",
            "ｶﾞ",
            "가",
            "\u{1100}",
            "\u{1161}",
            "（",
            "）",
            "，",
            "。",
            "、",
            "「",
            "」",
            "・",
            "ｰ",
            "〜",
            "～",
            "－",
            "–",
            "務",
            "號",
            "網",
            "臺",
            "後",
            "乾",
            "\u{F9D0}",
            "\u{FA0C}",
            "打卡",
            "签到",
            "《",
            "》",
            "〈",
            "〉",
            "\u{0007}",
            "\u{00AD}",
            "\u{202E}",
            "\u{0345}",
            "\u{0313}",
            "\u{1FBD}",
            "Ω",
            "\u{2126}",
            "ǅ",
            "ﷺ",
            "\u{0F73}",
        ]);
        prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn normalisation_is_idempotent(s in text_strategy()) {
            let once = normalize_text(&s);
            let twice = normalize_text(&once);
            prop_assert_eq!(&once, &twice);
            // The fast path agrees with the slow path on normal text.
            prop_assert!(matches!(normalize_cow(&once), Cow::Borrowed(_)));
        }

        #[test]
        fn fast_path_never_skips_needed_work(s in prop_oneof![text_strategy(), any::<String>()]) {
            if is_normal(&s, table()) {
                prop_assert_eq!(normalize_slow(&s, table()), s);
            }
        }

        #[test]
        fn normalisation_is_idempotent_on_any_string(s in any::<String>()) {
            let once = normalize_text(&s);
            prop_assert_eq!(normalize_text(&once), once.clone());
            prop_assert_eq!(once.trim(), once.as_str());
            prop_assert!(!once.contains("  "));
        }
    }
}
