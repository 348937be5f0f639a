//! The text evidence index: every document sentence (and chat message) that demands a
//! coercive practice, attributed to the platforms it is evidence for. Built once per
//! evaluation, linear in the size of the documents: platform names and ids go into one
//! Aho-Corasick automaton, so each line is scanned once whatever the number of
//! platforms.
//!
//! A document is evidence for a platform when it sits in `documents/<platform id>/`,
//! when its file name names the platform, or when its text names the platform by name
//! (or a short name without a suffix such as "App" or "小程序") or id. A sentence is
//! attributed to the document's own platforms plus the platforms it names; a sentence
//! that names none inherits the platforms named last before it in the same document
//! (a notice names its app in the title and then states the demands). In a chat export
//! the group is the subject of every message.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDateTime;
use rustc_hash::{FxHashMap, FxHashSet};

use super::chat::parse_chat;
use super::text::{split_sentences, verdict, PracticeSet};
use crate::model::{Document, Kind, Platform};

/// One sentence demanding at least one practice, attributed to a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the document in the documents slice.
    pub doc: usize,
    /// 1-based line.
    pub line: usize,
    /// The sentence quoted.
    pub sentence: String,
    /// The practices demanded (outside any prohibition).
    pub practices: PracticeSet,
    /// Send time, for chat messages.
    pub time: Option<NaiveDateTime>,
    /// Message number within the chat export (for counting messages, not sentences).
    pub message: Option<usize>,
}

/// Sentences attributed to platforms, plus which platforms documents talk about at all.
#[derive(Debug, Clone, Default)]
pub struct TextIndex {
    hits: FxHashMap<usize, Vec<Hit>>,
    documented: FxHashSet<usize>,
    chats: FxHashSet<usize>,
}

impl TextIndex {
    /// Builds the index over `documents` for `platforms`.
    pub fn build(platforms: &[Platform], documents: &[Document]) -> TextIndex {
        let mut index = TextIndex::default();
        if documents.is_empty() {
            return index;
        }
        let names = NameIndex::new(platforms);
        for (doc_idx, doc) in documents.iter().enumerate() {
            index.add_document(doc_idx, doc, &names);
        }
        for hits in index.hits.values_mut() {
            hits.sort_by(|a, b| (a.doc, a.line, &a.sentence).cmp(&(b.doc, b.line, &b.sentence)));
            hits.dedup();
        }
        index
    }

    fn add_document(&mut self, doc_idx: usize, doc: &Document, names: &NameIndex) {
        let mut subjects: Vec<usize> = Vec::new();
        if let Some(dir) = &doc.platform_dir {
            subjects.extend(names.by_id(dir));
        }
        let stem = doc
            .path
            .rsplit('/')
            .next()
            .map(|f| f.rsplit_once('.').map(|(s, _)| s).unwrap_or(f))
            .unwrap_or("");
        subjects.extend(names.find(stem));
        let chat = parse_chat(&doc.lines);
        // Lines of the export before the first message (a title such as 群聊：…) name
        // the chat's group.
        if let Some(chat) = &chat {
            for line in doc.lines.iter().take(chat.preamble_lines) {
                subjects.extend(names.find(line));
            }
        }
        subjects.sort_unstable();
        subjects.dedup();
        self.documented.extend(subjects.iter().copied());

        let mut carried: Vec<usize> = Vec::new();
        let mut sentence_targets = |text: &str, this: &mut TextIndex| -> Vec<usize> {
            let named = names.find(text);
            this.documented.extend(named.iter().copied());
            if !named.is_empty() {
                carried = named.clone();
            }
            let mut targets = subjects.clone();
            if !named.is_empty() {
                targets.extend(named);
            } else if subjects.is_empty() {
                targets.extend(carried.iter().copied());
            }
            targets.sort_unstable();
            targets.dedup();
            targets
        };

        match chat {
            Some(chat) => {
                for &s in &subjects {
                    self.chats.insert(s);
                }
                for (line_idx, line) in doc.lines.iter().enumerate().take(chat.preamble_lines) {
                    for sentence in split_sentences(line) {
                        let targets = sentence_targets(sentence, self);
                        self.add_sentence(doc_idx, line_idx + 1, sentence, None, None, &targets);
                    }
                }
                for (msg_idx, msg) in chat.messages.iter().enumerate() {
                    for (line_no, text) in &msg.lines {
                        for sentence in split_sentences(text) {
                            let targets = sentence_targets(sentence, self);
                            self.add_sentence(
                                doc_idx,
                                *line_no,
                                sentence,
                                Some(msg.time),
                                Some(msg_idx),
                                &targets,
                            );
                        }
                    }
                }
            }
            None => {
                for (line_idx, line) in doc.lines.iter().enumerate() {
                    for sentence in split_sentences(line) {
                        let targets = sentence_targets(sentence, self);
                        self.add_sentence(doc_idx, line_idx + 1, sentence, None, None, &targets);
                    }
                }
            }
        }
    }

    fn add_sentence(
        &mut self,
        doc: usize,
        line: usize,
        sentence: &str,
        time: Option<NaiveDateTime>,
        message: Option<usize>,
        targets: &[usize],
    ) {
        if targets.is_empty() {
            return;
        }
        let practices = verdict(sentence).violations();
        if practices.is_empty() {
            return;
        }
        let quoted: String = sentence.chars().take(200).collect();
        for &platform in targets {
            self.hits.entry(platform).or_default().push(Hit {
                doc,
                line,
                sentence: quoted.clone(),
                practices,
                time,
                message,
            });
        }
    }

    /// Every violating sentence attributed to `platform`, sorted by document and line.
    pub fn hits(&self, platform: usize) -> &[Hit] {
        self.hits.get(&platform).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether any document or chat export is evidence for `platform` (it sits in the
    /// platform's folder or names it), violating or not.
    pub fn is_documented(&self, platform: usize) -> bool {
        self.documented.contains(&platform)
    }

    /// Whether a chat export of this platform (a group) was found.
    pub fn has_chat(&self, platform: usize) -> bool {
        self.chats.contains(&platform)
    }
}

/// Suffixes dropped to get a platform's short name ("掌上云溪App" → "掌上云溪").
const SHORT_NAME_SUFFIXES: [&str; 9] = [
    "App",
    "APP",
    "app",
    "客户端",
    "微信小程序",
    "小程序",
    "微信公众号",
    "公众号",
    "平台",
];

/// Platform names and ids in one Aho-Corasick automaton.
struct NameIndex {
    automaton: Option<AhoCorasick>,
    /// For each pattern, the platforms it names and whether it is an id (ids need
    /// ASCII word boundaries so "A01" is not found inside "A012").
    targets: Vec<(Vec<usize>, bool)>,
    ids: FxHashMap<String, usize>,
}

impl NameIndex {
    fn new(platforms: &[Platform]) -> NameIndex {
        let mut by_pattern: FxHashMap<String, (Vec<usize>, bool)> = FxHashMap::default();
        let mut ids = FxHashMap::default();
        for (idx, p) in platforms.iter().enumerate() {
            ids.insert(p.id.clone(), idx);
            if p.id.chars().count() >= 3 {
                let entry = by_pattern.entry(p.id.clone()).or_insert((Vec::new(), true));
                entry.0.push(idx);
            }
            let name = p.name.trim();
            // Short names (two characters) are too often ordinary words to be a name.
            if name.chars().count() >= 3 {
                let entry = by_pattern
                    .entry(name.to_string())
                    .or_insert((Vec::new(), false));
                entry.0.push(idx);
                entry.1 = false;
            }
            if matches!(
                p.kind,
                Kind::App | Kind::MiniProgram | Kind::Account | Kind::Platform
            ) {
                for suffix in SHORT_NAME_SUFFIXES {
                    if let Some(short) = name.strip_suffix(suffix) {
                        let short = short.trim().trim_matches(['“', '”', '"']);
                        if short.chars().count() >= 3 {
                            let entry = by_pattern
                                .entry(short.to_string())
                                .or_insert((Vec::new(), false));
                            entry.0.push(idx);
                            entry.1 = false;
                        }
                        break;
                    }
                }
            }
        }
        let mut patterns: Vec<(String, (Vec<usize>, bool))> = by_pattern.into_iter().collect();
        patterns.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(patterns.iter().map(|(p, _)| p.as_str()))
            .ok();
        let targets = patterns
            .into_iter()
            .map(|(_, (mut t, is_id))| {
                t.sort_unstable();
                t.dedup();
                (t, is_id)
            })
            .collect();
        NameIndex {
            automaton,
            targets,
            ids,
        }
    }

    fn by_id(&self, id: &str) -> Option<usize> {
        self.ids.get(id).copied()
    }

    /// Platforms named in `text`, sorted and deduplicated.
    fn find(&self, text: &str) -> Vec<usize> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for m in automaton.find_iter(text) {
            let Some((platforms, is_id)) = self.targets.get(m.pattern().as_usize()) else {
                continue;
            };
            if *is_id {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
                if word(before) || word(after) {
                    continue;
                }
            }
            found.extend(platforms.iter().copied());
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{doc, platform};
    use crate::rules::text::Practice;

    #[test]
    fn attribution_by_folder_name_and_carry_forward() {
        let platforms = vec![
            platform("A1", "掌上云溪App", Kind::App),
            platform("A2", "云溪通", Kind::App),
            platform("G1", "城东防汛工作群", Kind::Group),
        ];
        let docs = vec![
            doc("documents/A2/通知.txt", Some("A2"), "各单位要求每日打卡。"),
            doc(
                "documents/关于推广掌上云溪的通知.txt",
                None,
                "一、推广“掌上云溪”。\n二、下载率纳入考核。\n三、不得要求打卡。",
            ),
            doc(
                "documents/chat.txt",
                None,
                "群聊：城东防汛工作群\n2026-11-03 21:47 张三: 收到请回复\n2026-11-03 21:48 张三: 请大家下载安装云溪通\n",
            ),
        ];
        let index = TextIndex::build(&platforms, &docs);
        let a1 = index.hits(0);
        assert_eq!(a1.len(), 1, "{a1:?}");
        assert_eq!(a1[0].line, 2);
        assert!(a1[0].practices.contains(Practice::DownloadInstall));
        let a2 = index.hits(1);
        assert_eq!(a2.len(), 2, "{a2:?}");
        assert!(a2[0].practices.contains(Practice::CheckIn));
        assert_eq!(a2[1].doc, 2);
        let g1 = index.hits(2);
        assert_eq!(g1.len(), 2, "{g1:?}");
        assert!(g1[0].practices.contains(Practice::InstantReply));
        assert!(g1[0].time.is_some());
        assert!(index.has_chat(2));
        assert!(index.is_documented(0) && index.is_documented(1));
    }

    #[test]
    fn ids_need_word_boundaries() {
        let platforms = vec![platform("A01", "某某某", Kind::App)];
        let names = NameIndex::new(&platforms);
        assert_eq!(names.find("见A01号"), vec![0]);
        assert!(names.find("见A012号").is_empty());
    }
}
