//! The tag taxonomy: canonical function and data-field tags, their synonyms and traits,
//! loaded from `data/taxonomy.toml` (compiled in) and optionally extended by a local file.
//!
//! Lookups are the hot path of registry resolution (about twenty per record), so a hit
//! on the text as written is one hash lookup, and the fallbacks (normalisation, case,
//! spaces, decorations such as a trailing 功能 or 模块) run only on a miss.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::free_text::TextMatcher;
use super::text::normalize_cow;
use crate::error::{Error, Result};

/// The taxonomy source compiled into the binary.
const BUILTIN_TOML: &str = include_str!("../../data/taxonomy.toml");
/// The name under which the built-in taxonomy reports errors.
const BUILTIN_PATH: &str = "data/taxonomy.toml";

/// A hint attached to a tag so that rules can ask about a tag's nature without
/// matching its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Trait {
    /// Check-in: 打卡签到, 接龙, 健康打卡.
    Checkin,
    /// Rankings: 积分排名, 排行榜.
    Ranking,
    /// Online-time statistics: 在线时长统计.
    OnlineTime,
    /// Study-time statistics: 学习时长.
    LearningTime,
    /// Traces (留痕): photos, videos, screenshots and location tracks.
    Trace,
    /// Reporting burden: 填报, 上报, 报送.
    Reporting,
    /// A public feedback channel: 投诉建议, 意见反馈, 留言咨询.
    Feedback,
    /// Scoring and supervision: 日常打分, 线上督查, 任务完成率排名, 考核评分.
    Scoring,
    /// Engagement counts: 点赞, 转发, 阅读量, 网络投票, 关注, 评论.
    Engagement,
    /// Commercial use: 商城, 广告, 付费会员.
    Commercial,
    /// Nearly every platform has it (登录, 通知公告, 姓名, 手机号): weak overlap evidence.
    Ubiquitous,
    /// Identity numbers and documents: 身份证号, 户口本, 证件照.
    Identity,
    /// Biometrics: 人脸照片, 指纹, 声纹, 虹膜.
    Biometric,
    /// Sensitive personal information in the sense of PIPL article 28.
    Sensitive,
    /// Positions and tracks: 定位轨迹, 实时位置, 行程信息.
    Location,
}

impl Trait {
    /// Every trait, in code order of the taxonomy file's documentation.
    pub const ALL: [Trait; 15] = [
        Trait::Checkin,
        Trait::Ranking,
        Trait::OnlineTime,
        Trait::LearningTime,
        Trait::Trace,
        Trait::Reporting,
        Trait::Feedback,
        Trait::Scoring,
        Trait::Engagement,
        Trait::Commercial,
        Trait::Ubiquitous,
        Trait::Identity,
        Trait::Biometric,
        Trait::Sensitive,
        Trait::Location,
    ];

    /// The kebab-case code used in `data/taxonomy.toml`.
    pub fn code(self) -> &'static str {
        match self {
            Trait::Checkin => "checkin",
            Trait::Ranking => "ranking",
            Trait::OnlineTime => "online-time",
            Trait::LearningTime => "learning-time",
            Trait::Trace => "trace",
            Trait::Reporting => "reporting",
            Trait::Feedback => "feedback",
            Trait::Scoring => "scoring",
            Trait::Engagement => "engagement",
            Trait::Commercial => "commercial",
            Trait::Ubiquitous => "ubiquitous",
            Trait::Identity => "identity",
            Trait::Biometric => "biometric",
            Trait::Sensitive => "sensitive",
            Trait::Location => "location",
        }
    }

    /// The trait with this code, if any.
    pub fn from_code(code: &str) -> Option<Trait> {
        Trait::ALL.into_iter().find(|t| t.code() == code)
    }

    /// A short Chinese label for reports and docs.
    pub fn label_zh(self) -> &'static str {
        match self {
            Trait::Checkin => "打卡签到",
            Trait::Ranking => "排名",
            Trait::OnlineTime => "在线时长",
            Trait::LearningTime => "学习时长",
            Trait::Trace => "留痕",
            Trait::Reporting => "填报上报",
            Trait::Feedback => "投诉建议渠道",
            Trait::Scoring => "打分督查",
            Trait::Engagement => "点赞转发阅读",
            Trait::Commercial => "商业经营",
            Trait::Ubiquitous => "普遍具备",
            Trait::Identity => "身份信息",
            Trait::Biometric => "生物识别",
            Trait::Sensitive => "敏感个人信息",
            Trait::Location => "位置信息",
        }
    }
}

/// Which half of the taxonomy a tag belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TagKind {
    /// A function of a platform (`functions` / 主要功能).
    Function,
    /// A data field a platform collects (`data_fields` / 采集数据项).
    DataField,
}

impl TagKind {
    /// The table name in the taxonomy file.
    pub fn code(self) -> &'static str {
        match self {
            TagKind::Function => "function",
            TagKind::DataField => "data_field",
        }
    }
}

/// One canonical tag with its domain, synonyms and traits.
#[derive(Debug, Clone)]
pub struct TagEntry {
    name: Box<str>,
    domain: Box<str>,
    synonyms: Vec<Box<str>>,
    traits: Vec<Trait>,
}

impl TagEntry {
    /// The canonical tag.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The business domain (政务服务, 党建 …) or, for data fields, the kind of information.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// The synonyms, normalised, in file order (the canonical name is not among them).
    pub fn synonyms(&self) -> impl Iterator<Item = &str> {
        self.synonyms.iter().map(|s| &**s)
    }

    /// The traits, sorted.
    pub fn traits(&self) -> &[Trait] {
        &self.traits
    }

    /// True when the tag has `t`.
    pub fn has_trait(&self, t: Trait) -> bool {
        self.traits.contains(&t)
    }
}

/// The raw file shape of `data/taxonomy.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    free_text: RawFreeText,
    #[serde(default)]
    function: Vec<RawTag>,
    #[serde(default)]
    data_field: Vec<RawTag>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFreeText {
    #[serde(default)]
    exclude: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTag {
    tag: String,
    #[serde(default)]
    domain: String,
    #[serde(default)]
    synonyms: Vec<String>,
    #[serde(default)]
    traits: Vec<String>,
}

/// Decorations that 台账 append to a function name; stripped only when what remains
/// is a known tag (预约挂号服务 → 预约挂号, but 志愿服务 stays whole).
const FUNCTION_SUFFIXES: &[&str] = &[
    "等功能",
    "功能模块",
    "功能",
    "模块",
    "子系统",
    "系统",
    "板块",
    "栏目",
    "专栏",
    "专区",
    "入口",
    "页面",
    "服务",
    "管理",
    "平台",
    "应用",
    "业务",
    "等",
];
/// Verbs that 台账 put before a function name.
const FUNCTION_PREFIXES: &[&str] = &["支持", "提供", "开通", "具备", "开展", "实现"];
/// Decorations appended to a data-field name.
const DATA_FIELD_SUFFIXES: &[&str] = &[
    "等信息",
    "信息",
    "字段",
    "数据项",
    "数据",
    "资料",
    "材料",
    "项",
    "等",
    "(必填)",
    "(选填)",
];
/// Verbs put before a data-field name (上传现场照片 → 现场照片).
const DATA_FIELD_PREFIXES: &[&str] = &[
    "需上传",
    "需提供",
    "需填写",
    "须上传",
    "须提供",
    "须填写",
    "上传",
    "提交",
    "填写",
    "采集",
    "录入",
    "拍摄",
    "提供",
    "收集",
    "登记",
    "本人",
];

/// Characters trimmed from both ends of a tag: list separators, quotes and marks that
/// 台账 leave around a cell's items (“打卡签到”; 登录; *身份证号).
fn is_tag_trim_char(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '、'
            | '。'
            | '·'
            | '*'
            | '"'
            | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '-'
            | '_'
            | '/'
            | '\\'
            | '|'
            | '#'
            | '~'
            | '…'
            | '—'
            | ' '
    )
}

/// Normalises a tag: [`normalize_cow`] plus separators and quotes trimmed from both ends.
pub(super) fn clean_tag(text: &str) -> Cow<'_, str> {
    match normalize_cow(text) {
        Cow::Borrowed(s) => Cow::Borrowed(s.trim_matches(is_tag_trim_char)),
        Cow::Owned(s) => {
            let trimmed = s.trim_matches(is_tag_trim_char);
            if trimmed.len() == s.len() {
                Cow::Owned(s)
            } else {
                Cow::Owned(trimmed.to_string())
            }
        }
    }
}

/// One half of the taxonomy (functions or data fields).
#[derive(Debug)]
pub(super) struct Namespace {
    entries: Vec<TagEntry>,
    /// Normalised synonym (and canonical name, lower-case and space-free variants) →
    /// entry index.
    lookup: FxHashMap<Box<str>, u32>,
    /// The keys written in the file (not derived variants), for segmentation.
    primary_keys: Vec<Box<str>>,
    /// Decorating suffixes with their last character, for the miss path.
    suffixes: Vec<(char, &'static str)>,
    /// Decorating prefixes with their first character, for the miss path.
    prefixes: Vec<(char, &'static str)>,
}

impl Namespace {
    fn build(kind: TagKind, raws: Vec<RawTag>, path: &Path) -> Result<Namespace> {
        let config_error = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let mut entries: Vec<TagEntry> = Vec::with_capacity(raws.len());
        let mut lookup: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut primary_keys: Vec<Box<str>> = Vec::new();
        for raw in raws {
            let name = clean_tag(&raw.tag);
            if name.is_empty() {
                return Err(config_error(format!(
                    "[[{}]] 的 tag 为空（原文“{}”）",
                    kind.code(),
                    raw.tag
                )));
            }
            let index = u32::try_from(entries.len())
                .map_err(|_| config_error("标签数量过多".to_string()))?;
            let mut traits = Vec::with_capacity(raw.traits.len());
            for code in &raw.traits {
                match Trait::from_code(code) {
                    Some(t) => traits.push(t),
                    None => {
                        let known: Vec<&str> = Trait::ALL.iter().map(|t| t.code()).collect();
                        return Err(config_error(format!(
                            "[[{}]] “{name}” 的特征“{code}”未知，可用：{}",
                            kind.code(),
                            known.join(", ")
                        )));
                    }
                }
            }
            traits.sort();
            traits.dedup();
            let mut synonyms: Vec<Box<str>> = Vec::with_capacity(raw.synonyms.len());
            let keys = std::iter::once(name.to_string())
                .chain(raw.synonyms.iter().map(|s| clean_tag(s).into_owned()));
            for key in keys {
                if key.is_empty() {
                    return Err(config_error(format!(
                        "[[{}]] “{name}” 有空的同义词",
                        kind.code()
                    )));
                }
                match lookup.get(key.as_str()) {
                    Some(&other) if other == index => continue,
                    Some(&other) => {
                        let other_name = entries
                            .get(other as usize)
                            .map(|e| e.name.to_string())
                            .unwrap_or_default();
                        return Err(config_error(format!(
                            "[[{}]] “{key}” 同时属于“{other_name}”和“{name}”",
                            kind.code()
                        )));
                    }
                    None => {}
                }
                lookup.insert(key.clone().into_boxed_str(), index);
                primary_keys.push(key.clone().into_boxed_str());
                if key != *name {
                    synonyms.push(key.into_boxed_str());
                }
            }
            entries.push(TagEntry {
                name: name.into_owned().into_boxed_str(),
                domain: normalize_cow(&raw.domain).into_owned().into_boxed_str(),
                synonyms,
                traits,
            });
        }
        // Derived keys (lower case, without spaces) never override a key written in
        // the file, so 台账 spelling variants cannot steal an explicit synonym.
        let mut derived = Vec::new();
        for key in &primary_keys {
            let Some(&index) = lookup.get(key) else {
                continue;
            };
            let lower = key.to_lowercase();
            let no_space: String = lower.chars().filter(|c| *c != ' ').collect();
            derived.push((lower, index));
            derived.push((no_space, index));
        }
        for (key, index) in derived {
            lookup.entry(key.into_boxed_str()).or_insert(index);
        }
        let (suffixes, prefixes) = match kind {
            TagKind::Function => (FUNCTION_SUFFIXES, FUNCTION_PREFIXES),
            TagKind::DataField => (DATA_FIELD_SUFFIXES, DATA_FIELD_PREFIXES),
        };
        Ok(Namespace {
            entries,
            lookup,
            primary_keys,
            suffixes: suffixes
                .iter()
                .filter_map(|s| s.chars().next_back().map(|c| (c, *s)))
                .collect(),
            prefixes: prefixes
                .iter()
                .filter_map(|s| s.chars().next().map(|c| (c, *s)))
                .collect(),
        })
    }

    pub(super) fn entries(&self) -> &[TagEntry] {
        &self.entries
    }

    pub(super) fn entry(&self, index: u32) -> Option<&TagEntry> {
        self.entries.get(index as usize)
    }

    pub(super) fn primary_keys(&self) -> &[Box<str>] {
        &self.primary_keys
    }

    /// Exact lookup of a normalised key, then its lower-case and space-free forms.
    pub(super) fn find(&self, key: &str) -> Option<u32> {
        if let Some(&index) = self.lookup.get(key) {
            return Some(index);
        }
        let has_upper = key.bytes().any(|b| b.is_ascii_uppercase());
        let has_space = key.contains(' ');
        if !has_upper && !has_space {
            return None;
        }
        let mut variant = key.to_lowercase();
        if has_space {
            variant.retain(|c| c != ' ');
        }
        self.lookup.get(variant.as_str()).copied()
    }

    /// Looks up a normalised tag, trying decorations when the plain lookup misses:
    /// a leading enumerator (1. / 1、 / (1) / 一、), a bracketed remark at either end
    /// (身份证号(必填), 【必选】登录), a decorating suffix or prefix. A decoration is
    /// removed only when what remains is a known tag.
    ///
    /// `already_missed` says the caller has looked `tag` up as it is.
    fn resolve(&self, tag: &str, already_missed: bool) -> Option<u32> {
        if !already_missed {
            if let Some(index) = self.find(tag) {
                return Some(index);
            }
        }
        // At most four candidates and no allocation: this runs for every unknown tag.
        let enumerated = strip_enumerator(tag);
        let candidates = [
            Some(tag),
            enumerated,
            strip_bracket_remark(tag),
            enumerated.and_then(strip_bracket_remark),
        ];
        for (i, candidate) in candidates.into_iter().enumerate() {
            let Some(candidate) = candidate else {
                continue;
            };
            if i > 0 {
                if let Some(index) = self.find(candidate) {
                    return Some(index);
                }
            }
            if let Some(index) = self.resolve_affixes(candidate) {
                return Some(index);
            }
        }
        None
    }

    fn resolve_affixes(&self, tag: &str) -> Option<u32> {
        let (Some(first), Some(last)) = (tag.chars().next(), tag.chars().next_back()) else {
            return None;
        };
        let find_trimmed = |s: &str| -> Option<u32> {
            let s = s.trim_matches(is_tag_trim_char);
            if s.is_empty() {
                None
            } else {
                self.find(s)
            }
        };
        // Comparing the affix's end character first keeps the miss path to a few
        // character comparisons instead of a string comparison per affix.
        for &(end, suffix) in &self.suffixes {
            if end == last {
                if let Some(index) = tag.strip_suffix(suffix).and_then(find_trimmed) {
                    return Some(index);
                }
            }
        }
        for &(start, prefix) in &self.prefixes {
            if start != first {
                continue;
            }
            let Some(rest) = tag.strip_prefix(prefix) else {
                continue;
            };
            if let Some(index) = find_trimmed(rest) {
                return Some(index);
            }
            let Some(rest_last) = rest.chars().next_back() else {
                continue;
            };
            for &(end, suffix) in &self.suffixes {
                if end == rest_last {
                    if let Some(index) = rest.strip_suffix(suffix).and_then(find_trimmed) {
                        return Some(index);
                    }
                }
            }
        }
        None
    }

    /// The canonical tag for `text`, or its cleaned text when unknown.
    pub(super) fn canonical<'a>(&'a self, text: &'a str) -> Cow<'a, str> {
        if let Some(entry) = self.lookup.get(text).and_then(|&i| self.entry(i)) {
            return Cow::Borrowed(&entry.name);
        }
        let cleaned = clean_tag(text);
        let unchanged = *cleaned == *text;
        if let Some(entry) = self
            .resolve(&cleaned, unchanged)
            .and_then(|i| self.entry(i))
        {
            return Cow::Borrowed(&entry.name);
        }
        cleaned
    }

    /// The entry for a tag given as canonical name or synonym, if known.
    pub(super) fn entry_for(&self, tag: &str) -> Option<&TagEntry> {
        if let Some(entry) = self.lookup.get(tag).and_then(|&i| self.entry(i)) {
            return Some(entry);
        }
        let cleaned = clean_tag(tag);
        let unchanged = *cleaned == *tag;
        self.resolve(&cleaned, unchanged)
            .and_then(|i| self.entry(i))
    }
}

/// Strips a leading list enumerator: `1.`, `1、`, `1)`, `(1)`, `一、`, `1` followed by
/// a CJK character (① becomes 1 after NFKC). Returns `None` when there is none.
fn strip_enumerator(tag: &str) -> Option<&str> {
    let rest = if let Some(inner) = tag.strip_prefix('(') {
        let close = inner.find(')')?;
        let (number, after) = inner.split_at(close);
        if number.is_empty()
            || !number
                .chars()
                .all(|c| c.is_ascii_digit() || is_cjk_numeral(c))
        {
            return None;
        }
        after.get(1..)?
    } else {
        let end = tag
            .char_indices()
            .find(|&(_, c)| !(c.is_ascii_digit() || is_cjk_numeral(c)))
            .map(|(i, _)| i)?;
        if end == 0 {
            return None;
        }
        let after = tag.get(end..)?;
        let numeric_only = tag
            .get(..end)
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
        match after.chars().next() {
            Some('.' | '、' | ')' | ':' | ' ') => after.get(after.chars().next()?.len_utf8()..)?,
            // “1登录” (from ①登录): only ASCII digits directly before a CJK character,
            // never CJK numerals, which start real names (三会一课).
            Some(c) if numeric_only && !c.is_ascii() => after,
            _ => return None,
        }
    };
    let rest = rest.trim_matches(is_tag_trim_char);
    if rest.is_empty() {
        None
    } else {
        Some(rest)
    }
}

fn is_cjk_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Strips one bracketed remark at the end (`身份证号(必填)`) or the start
/// (`【必选】登录`). Returns `None` when there is none or nothing would remain.
fn strip_bracket_remark(tag: &str) -> Option<&str> {
    const PAIRS: &[(char, char)] = &[('(', ')'), ('【', '】'), ('[', ']'), ('〔', '〕')];
    // Character comparisons first: this runs for every unknown tag, and most have no
    // bracket at either end.
    let first = tag.chars().next()?;
    let last = tag.chars().next_back()?;
    for &(open, close) in PAIRS {
        if last == close {
            if let Some(start) = tag.rfind(open) {
                let rest = tag.get(..start)?.trim_matches(is_tag_trim_char);
                if !rest.is_empty() {
                    return Some(rest);
                }
            }
        }
        if first == open {
            if let Some(end) = tag.find(close) {
                let rest = tag
                    .get(end + close.len_utf8()..)?
                    .trim_matches(is_tag_trim_char);
                if !rest.is_empty() {
                    return Some(rest);
                }
            }
        }
    }
    None
}

/// The loaded taxonomy shared by every handle.
#[derive(Debug)]
pub(super) struct Data {
    pub(super) functions: Namespace,
    pub(super) data_fields: Namespace,
    /// Normalised, lower-case keys never matched inside free text.
    pub(super) free_text_exclude: FxHashSet<Box<str>>,
    /// The segmenter and substring matcher, built on the first free-text lookup (it
    /// loads jieba's dictionary, which an audit without descriptions never needs).
    matcher: OnceLock<TextMatcher>,
}

impl Data {
    pub(super) fn matcher(&self) -> &TextMatcher {
        self.matcher.get_or_init(|| TextMatcher::build(self))
    }
}

/// The tag taxonomy: canonical function and data-field tags with their synonyms and
/// traits. A cheap handle (an `Arc`): clone it freely; it is `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Taxonomy {
    data: Arc<Data>,
}

impl Default for Taxonomy {
    /// The built-in taxonomy (the same as [`Taxonomy::builtin`]).
    fn default() -> Taxonomy {
        Taxonomy::builtin()
    }
}

impl Taxonomy {
    /// The taxonomy compiled in from `data/taxonomy.toml`, parsed once per process.
    pub fn builtin() -> Taxonomy {
        static BUILTIN: OnceLock<Arc<Data>> = OnceLock::new();
        let data = BUILTIN.get_or_init(|| {
            let raw = parse_raw(Path::new(BUILTIN_PATH), BUILTIN_TOML)
                .and_then(|raw| build_data(raw, Path::new(BUILTIN_PATH)));
            match raw {
                Ok(data) => Arc::new(data),
                // The file is compiled in and checked by the taxonomy tests, so this
                // is a build defect, not bad input.
                Err(e) => panic!("built-in taxonomy is invalid: {e}"),
            }
        });
        Taxonomy { data: data.clone() }
    }

    /// A taxonomy read from TOML text in the format of `data/taxonomy.toml`, alone.
    /// `path` names the file in error messages.
    pub fn from_toml(path: &Path, text: &str) -> Result<Taxonomy> {
        let raw = parse_raw(path, text)?;
        Ok(Taxonomy {
            data: Arc::new(build_data(raw, path)?),
        })
    }

    /// The built-in taxonomy extended by a local file (same format): a `tag` that
    /// already exists gains the file's synonyms and traits (and its domain, when
    /// given); a new `tag` is added. A synonym that would map to two tags is an error
    /// naming the file.
    pub fn builtin_extended(path: &Path, text: &str) -> Result<Taxonomy> {
        let mut base = parse_raw(Path::new(BUILTIN_PATH), BUILTIN_TOML)?;
        let extra = parse_raw(path, text)?;
        merge_tags(&mut base.function, extra.function);
        merge_tags(&mut base.data_field, extra.data_field);
        base.free_text.exclude.extend(extra.free_text.exclude);
        Ok(Taxonomy {
            data: Arc::new(build_data(base, path)?),
        })
    }

    fn namespace(&self, kind: TagKind) -> &Namespace {
        match kind {
            TagKind::Function => &self.data.functions,
            TagKind::DataField => &self.data.data_fields,
        }
    }

    /// The canonical tag of kind `kind` for `text`, borrowing where possible: the
    /// canonical name when `text` is a known spelling, else the normalised text (never
    /// dropped; only a text made of separators alone cleans to "").
    pub fn tag<'a>(&'a self, kind: TagKind, text: &'a str) -> Cow<'a, str> {
        self.namespace(kind).canonical(text)
    }

    /// A memo for resolving many cells in one pass (see [`TagMemo`]).
    pub fn memo(&self) -> TagMemo<'_> {
        TagMemo {
            taxonomy: self,
            functions: FxHashMap::default(),
            data_fields: FxHashMap::default(),
        }
    }

    /// The canonical function tag for `text` (its normalised text when unknown).
    pub fn function_tag(&self, text: &str) -> String {
        self.data.functions.canonical(text).into_owned()
    }

    /// The canonical data-field tag for `text` (its normalised text when unknown).
    pub fn data_field_tag(&self, text: &str) -> String {
        self.data.data_fields.canonical(text).into_owned()
    }

    /// The canonical tag when `text` is a known spelling of a tag of kind `kind`.
    pub fn known(&self, kind: TagKind, text: &str) -> Option<&str> {
        self.namespace(kind).entry_for(text).map(TagEntry::name)
    }

    /// The entry of a tag of kind `kind` given by canonical name or any synonym.
    pub fn entry(&self, kind: TagKind, tag: &str) -> Option<&TagEntry> {
        self.namespace(kind).entry_for(tag)
    }

    /// The traits of a function tag (canonical name or synonym); empty when unknown.
    pub fn function_traits(&self, tag: &str) -> &[Trait] {
        self.data
            .functions
            .entry_for(tag)
            .map_or(&[], TagEntry::traits)
    }

    /// The traits of a data-field tag (canonical name or synonym); empty when unknown.
    pub fn data_field_traits(&self, tag: &str) -> &[Trait] {
        self.data
            .data_fields
            .entry_for(tag)
            .map_or(&[], TagEntry::traits)
    }

    /// True when the function or data-field tag `tag` is marked ubiquitous (登录,
    /// 通知公告, 姓名, 手机号 …), i.e. weak evidence of overlap.
    pub fn is_ubiquitous(&self, tag: &str) -> bool {
        [TagKind::Function, TagKind::DataField]
            .into_iter()
            .any(|kind| {
                self.namespace(kind)
                    .entry_for(tag)
                    .is_some_and(|e| e.has_trait(Trait::Ubiquitous))
            })
    }

    /// The canonical function tags, in file order (grouped by domain).
    pub fn functions(&self) -> impl Iterator<Item = &str> {
        self.data.functions.entries().iter().map(TagEntry::name)
    }

    /// The canonical data-field tags, in file order (grouped by kind of information).
    pub fn data_fields(&self) -> impl Iterator<Item = &str> {
        self.data.data_fields.entries().iter().map(TagEntry::name)
    }

    /// Every entry of kind `kind`, in file order.
    pub fn entries(&self, kind: TagKind) -> &[TagEntry] {
        self.namespace(kind).entries()
    }

    /// Function and data-field tags found in free text (description, notes), each list
    /// canonical, sorted and deduplicated.
    ///
    /// The text is normalised and segmented with jieba (every synonym is a user word,
    /// so it stays whole); each segment that is a synonym counts, and so does every
    /// occurrence of a synonym of three or more characters found by a substring pass.
    /// Short, ambiguous words listed under `[free_text] exclude` count only as whole
    /// cells, never inside free text, and a mention negated within its clause
    /// (不得要求打卡, 取消签到功能, 不收集人脸照片) does not count.
    pub fn tags_in_text(&self, text: &str) -> (Vec<String>, Vec<String>) {
        let (functions, data_fields) = self.data.matcher().find(&self.data, text);
        let names = |ns: &Namespace, indices: Vec<u32>| -> Vec<String> {
            let mut names: Vec<String> = indices
                .into_iter()
                .filter_map(|i| ns.entry(i))
                .map(|e| e.name.to_string())
                .collect();
            names.sort();
            names.dedup();
            names
        };
        (
            names(&self.data.functions, functions),
            names(&self.data.data_fields, data_fields),
        )
    }
}

/// Entries a [`TagMemo`] keeps per kind before it starts over, so that a hostile
/// inventory with millions of distinct cells cannot grow it without bound.
const MEMO_LIMIT: usize = 1 << 18;

/// Remembers the tag of every distinct cell text it has seen, for one pass over many
/// records (registry resolution). Inventories repeat the same few thousand spellings
/// across a million records, so after the first sight a cell costs one hash lookup
/// instead of normalisation and the decoration fallbacks. Single-threaded by design
/// (`&mut self`); give each worker its own memo.
#[derive(Debug)]
pub struct TagMemo<'t> {
    taxonomy: &'t Taxonomy,
    functions: FxHashMap<Box<str>, Box<str>>,
    data_fields: FxHashMap<Box<str>, Box<str>>,
}

impl TagMemo<'_> {
    /// The canonical tag of kind `kind` for `text`, exactly as [`Taxonomy::tag`].
    pub fn tag(&mut self, kind: TagKind, text: &str) -> &str {
        let taxonomy = self.taxonomy;
        let cache = match kind {
            TagKind::Function => &mut self.functions,
            TagKind::DataField => &mut self.data_fields,
        };
        if !cache.contains_key(text) {
            if cache.len() >= MEMO_LIMIT {
                cache.clear();
            }
            let tag = taxonomy.tag(kind, text).into_owned().into_boxed_str();
            cache.insert(text.into(), tag);
        }
        cache.get(text).map_or("", |tag| &**tag)
    }

    /// The canonical function tag for `text` (see [`Taxonomy::function_tag`]).
    pub fn function_tag(&mut self, text: &str) -> &str {
        self.tag(TagKind::Function, text)
    }

    /// The canonical data-field tag for `text` (see [`Taxonomy::data_field_tag`]).
    pub fn data_field_tag(&mut self, text: &str) -> &str {
        self.tag(TagKind::DataField, text)
    }
}

fn parse_raw(path: &Path, text: &str) -> Result<RawFile> {
    toml::from_str(text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn merge_tags(base: &mut Vec<RawTag>, extra: Vec<RawTag>) {
    for tag in extra {
        let key = clean_tag(&tag.tag).into_owned();
        match base.iter_mut().find(|b| clean_tag(&b.tag) == key.as_str()) {
            Some(existing) => {
                existing.synonyms.extend(tag.synonyms);
                existing.traits.extend(tag.traits);
                if !tag.domain.trim().is_empty() {
                    existing.domain = tag.domain;
                }
            }
            None => base.push(tag),
        }
    }
}

fn build_data(raw: RawFile, path: &Path) -> Result<Data> {
    let functions = Namespace::build(TagKind::Function, raw.function, path)?;
    let data_fields = Namespace::build(TagKind::DataField, raw.data_field, path)?;
    let mut free_text_exclude = FxHashSet::default();
    for word in &raw.free_text.exclude {
        let key = clean_tag(word).to_lowercase();
        if functions.find(&key).is_none() && data_fields.find(&key).is_none() {
            return Err(Error::Config {
                path: path.to_path_buf(),
                message: format!("[free_text] exclude 中的“{word}”不是任何标签的同义词"),
            });
        }
        free_text_exclude.insert(key.into_boxed_str());
    }
    Ok(Data {
        functions,
        data_fields,
        free_text_exclude,
        matcher: OnceLock::new(),
    })
}
