//! Finding taxonomy tags in free text (descriptions, notes): jieba segmentation with
//! every synonym as a user word, plus an Aho-Corasick pass for synonyms of three or
//! more characters that segmentation may split, and a clause-local negation guard.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

use super::taxonomy::{Data, Namespace};
use super::text::normalize_cow;

/// Free text longer than this many bytes is cut (at a character boundary) before
/// matching: descriptions are short, and a hostile multi-megabyte cell must not stall
/// an audit.
const MAX_TEXT_BYTES: usize = 64 * 1024;

/// How far back (in characters) a negation cue is looked for within a clause.
const NEGATION_WINDOW: usize = 24;

/// Phrases that negate a mention that follows them in the same clause.
const NEGATION_CUES: &[&str] = &[
    "不得",
    "不再",
    "不要",
    "不需",
    "无需",
    "无须",
    "不用",
    "不必",
    "禁止",
    "严禁",
    "取消",
    "停用",
    "关闭",
    "去除",
    "删除",
    "不收集",
    "不采集",
    "不含",
    "不包括",
    "不包含",
    "不涉及",
    "未开通",
    "不提供",
    "不设",
    "没有",
    "杜绝",
    "避免",
    "防止",
    "不强制",
    "不作为",
    "不将",
    "不把",
    "不以",
    "不搞",
    "不允许",
    "不能",
    "下线",
    "关停",
    "已撤销",
    "撤除",
];

/// The first characters of [`NEGATION_CUES`] (a test keeps the two in step).
const NEGATION_CUE_STARTS: &[char] = &[
    '不', '无', '禁', '严', '取', '停', '关', '去', '删', '未', '没', '杜', '避', '防', '下', '已',
    '撤',
];

/// Single characters that negate a mention directly after them (不打卡, 无签到, 免签到).
const NEGATION_CHARS: &[char] = &['不', '无', '免', '未', '没', '非'];

/// Characters that end a clause, so a negation before them does not reach past them.
/// 但 and 仍 start a contrasting clause: “虽然规定不得强制打卡但仍要求每日打卡”.
const CLAUSE_BREAKS: &[char] = &[
    ',', '.', ';', ':', '!', '?', '。', '\n', '\r', '但', '仍', '却', '而',
];

/// Where a matched key points in each half of the taxonomy.
#[derive(Debug, Clone, Copy)]
struct Target {
    function: Option<u32>,
    data_field: Option<u32>,
}

/// The segmenter and substring matcher for one taxonomy.
pub(super) struct TextMatcher {
    jieba: Jieba,
    long_keys: AhoCorasick,
    long_targets: Vec<Target>,
}

impl std::fmt::Debug for TextMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextMatcher")
            .field("long_keys", &self.long_targets.len())
            .finish_non_exhaustive()
    }
}

impl TextMatcher {
    pub(super) fn build(data: &Data) -> TextMatcher {
        let mut jieba = Jieba::new();
        let mut long_patterns: Vec<String> = Vec::new();
        let mut long_targets: Vec<Target> = Vec::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let keys = data
            .functions
            .primary_keys()
            .iter()
            .chain(data.data_fields.primary_keys());
        for key in keys {
            let key: &str = key;
            if key.chars().count() >= 2 && !jieba.has_word(key) {
                jieba.add_word(key, None, None);
            }
            let lower = key.to_lowercase();
            if key.chars().count() < 3
                || data.free_text_exclude.contains(lower.as_str())
                || !seen.insert(lower.clone())
            {
                continue;
            }
            long_targets.push(Target {
                function: data.functions.find(&lower),
                data_field: data.data_fields.find(&lower),
            });
            long_patterns.push(lower);
        }
        let long_keys = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&long_patterns)
            // Patterns are a few thousand short strings, far inside every limit of
            // the automaton; failing here is a defect, not bad input.
            .unwrap_or_else(|e| panic!("taxonomy substring matcher: {e}"));
        TextMatcher {
            jieba,
            long_keys,
            long_targets,
        }
    }

    /// Indices of function and data-field entries mentioned (not negated) in `text`,
    /// unsorted and possibly repeated.
    pub(super) fn find(&self, data: &Data, text: &str) -> (Vec<u32>, Vec<u32>) {
        let text = truncate(text, MAX_TEXT_BYTES);
        let norm = normalize_cow(text);
        let norm: &str = &norm;
        let mut functions = Vec::new();
        let mut data_fields = Vec::new();
        if norm.is_empty() {
            return (functions, data_fields);
        }
        let mut push = |target: Target, start: usize| {
            if target.function.is_none() && target.data_field.is_none() {
                return;
            }
            if negated(norm, start) {
                return;
            }
            functions.extend(target.function);
            data_fields.extend(target.data_field);
        };
        for token in self.jieba.cut(norm, false) {
            let word = token.word;
            if word.chars().nth(1).is_none() {
                continue;
            }
            let target = Target {
                function: find_word(&data.functions, word),
                data_field: find_word(&data.data_fields, word),
            };
            if target.function.is_none() && target.data_field.is_none() {
                continue;
            }
            if data
                .free_text_exclude
                .contains(word.to_lowercase().as_str())
            {
                continue;
            }
            push(target, token.byte_start);
        }
        for m in self.long_keys.find_iter(norm) {
            if let Some(&target) = self.long_targets.get(m.pattern().as_usize()) {
                push(target, m.start());
            }
        }
        (functions, data_fields)
    }
}

/// A segment's entry: exact or case-insensitive, without the decoration fallbacks
/// (a segment of free text is a word, not a cell).
fn find_word(namespace: &Namespace, word: &str) -> Option<u32> {
    if word.contains(' ') {
        return None;
    }
    namespace.find(word)
}

/// Cuts `text` to at most `max` bytes at a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// True when the mention starting at byte `start` of `text` is negated within its
/// clause: a cue phrase within [`NEGATION_WINDOW`] characters before it and after the
/// last clause break, or a negating character directly before it.
fn negated(text: &str, start: usize) -> bool {
    let Some(before) = text.get(..start) else {
        return false;
    };
    let mut window_start = start;
    for (i, c) in before.char_indices().rev().take(NEGATION_WINDOW) {
        if CLAUSE_BREAKS.contains(&c) {
            break;
        }
        window_start = i;
    }
    let window = before.get(window_start..).unwrap_or("");
    // Most windows hold no character that starts a cue; skip the phrase search then.
    let may_hold_cue = window.chars().any(|c| NEGATION_CUE_STARTS.contains(&c));
    if may_hold_cue && NEGATION_CUES.iter().any(|cue| window.contains(cue)) {
        return true;
    }
    window
        .chars()
        .next_back()
        .is_some_and(|c| NEGATION_CHARS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_is_clause_local() {
        let t = "不得要求打卡";
        assert!(negated(t, t.find("打卡").unwrap_or(0)));
        let t = "虽然上级规定不得强制打卡,但本单位仍要求每日打卡";
        assert!(negated(t, t.find("打卡").unwrap_or(0)));
        assert!(!negated(t, t.rfind("每日打卡").unwrap_or(0)));
        let t = "取消了原有的签到功能,新增积分排名";
        assert!(!negated(t, t.find("积分排名").unwrap_or(0)));
        let t = "不收集姓名、身份证号";
        assert!(negated(t, t.find("身份证号").unwrap_or(0)));
        let t = "不仅支持打卡";
        assert!(!negated(t, t.find("打卡").unwrap_or(0)));
    }

    #[test]
    fn cue_starts_cover_every_cue() {
        for cue in NEGATION_CUES {
            let first = cue.chars().next().unwrap_or(' ');
            assert!(NEGATION_CUE_STARTS.contains(&first), "{cue}");
        }
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        let s = "打卡签到".repeat(10);
        let cut = truncate(&s, 7);
        assert_eq!(cut, "打卡");
        assert_eq!(truncate("abc", 10), "abc");
    }
}
