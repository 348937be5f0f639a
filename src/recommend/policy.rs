//! The policy register (`data/policy_register.toml`, compiled in): every document a rule
//! rests on with its full title, its 文号 (or, where none is public, its issuing body and
//! date) and whether it binds (a national or provincial rule) or is another place's
//! example; and, per rule, which documents it cites, where in them, and a whole-sentence
//! quote where the text was checked. Research notes, press paraphrases and drafts are
//! not in it, so they can never be cited. Pure.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::Msg;

/// The register as shipped.
pub const REGISTER_TOML: &str = include_str!("../../data/policy_register.toml");

/// How far a document binds the audited units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Binding {
    /// A central rule, binding everywhere.
    National,
    /// The province's own rule.
    Provincial,
    /// Another place's practice, for reference only.
    LocalExample,
}

impl Binding {
    /// The label a 交办单 shows.
    pub fn label(self) -> Msg {
        match self {
            Binding::National => Msg::new("中央规定", "national rule"),
            Binding::Provincial => Msg::new("本省规定", "provincial rule"),
            Binding::LocalExample => Msg::new("外地做法，仅作参考", "another place's example"),
        }
    }
}

/// One document of the register.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Stable key citations use.
    pub key: String,
    /// Full title, without 《》.
    pub title: String,
    /// 文号; empty where none is public (then issuer and date identify it).
    #[serde(default)]
    pub number: String,
    /// Issuing body.
    pub issuer: String,
    /// Date of issue, as precise as confirmed (2026年1月25日, 2023年12月).
    pub date: String,
    /// How far it binds.
    pub binding: Binding,
    /// Where the text was read.
    #[serde(default)]
    pub url: String,
    /// What was and was not confirmed.
    #[serde(default)]
    pub note: String,
}

impl Document {
    /// 《title》（文号；issuer，date；binding） as a 交办单 cites it.
    pub fn reference(&self) -> Msg {
        let binding = self.binding.label();
        let zh = if self.number.is_empty() {
            format!(
                "《{}》（{}，{}；{}）",
                self.title, self.issuer, self.date, binding.zh
            )
        } else {
            format!(
                "《{}》（{}，{}，{}；{}）",
                self.title, self.number, self.issuer, self.date, binding.zh
            )
        };
        let en = if self.number.is_empty() {
            format!(
                "《{}》 ({}, {}; {})",
                self.title, self.issuer, self.date, binding.en
            )
        } else {
            format!(
                "《{}》 ({}, {}, {}; {})",
                self.title, self.number, self.issuer, self.date, binding.en
            )
        };
        Msg::new(zh, en)
    }
}

/// One rule's citation of one document.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The rule id.
    pub rule: String,
    /// The document's key.
    pub document: String,
    /// Where in the document (第二条, 使用管理“五不得”); may be empty.
    #[serde(default)]
    pub locator: String,
    /// A checked whole sentence of the document, ending with its full stop; empty when
    /// the text was not checked (the clause is then given as a summary, not a quote).
    #[serde(default)]
    pub quote: String,
}

/// The register.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// Documents.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Citations, in file order.
    #[serde(default)]
    pub citations: Vec<Citation>,
}

impl Register {
    /// The compiled-in register (empty if it failed to parse, which a test rules out).
    pub fn builtin() -> &'static Register {
        static REGISTER: OnceLock<Register> = OnceLock::new();
        REGISTER.get_or_init(|| toml::from_str(REGISTER_TOML).unwrap_or_default())
    }

    /// A document by key.
    pub fn document(&self, key: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.key == key)
    }

    /// A rule's citations with their documents, in file order.
    pub fn citations_for<'r>(
        &'r self,
        rule: &'r str,
    ) -> impl Iterator<Item = (&'r Citation, &'r Document)> + 'r {
        self.citations
            .iter()
            .filter(move |c| c.rule == rule)
            .filter_map(|c| self.document(&c.document).map(|d| (c, d)))
    }

    /// The citation sentence of a rule whose clause (a summary of at most 40
    /// characters) is `clause`: each document's reference and locator, then a checked
    /// quote, else the clause as a 要点. `None` when the register has no citation.
    pub fn basis(&self, rule: &str, clause: &str) -> Option<Msg> {
        let cited: Vec<(&Citation, &Document)> = self.citations_for(rule).collect();
        if cited.is_empty() {
            return None;
        }
        let refs = |zh: bool| -> Vec<String> {
            cited
                .iter()
                .map(|(c, d)| {
                    let r = d.reference();
                    let text = if zh { r.zh } else { r.en };
                    if c.locator.is_empty() {
                        text
                    } else {
                        format!("{text}{}", c.locator)
                    }
                })
                .collect()
        };
        let quote = cited
            .iter()
            .find(|(c, _)| !c.quote.is_empty())
            .map(|(c, _)| c.quote.as_str());
        let (zh_tail, en_tail) = match quote {
            Some(q) => (format!("：“{q}”"), format!(": \"{q}\"")),
            None => (
                format!("。要点：{clause}（条款概述，非原文）"),
                format!(". In short: {clause} (summary, not a quote)"),
            ),
        };
        Some(Msg::new(
            format!("依据：{}{zh_tail}", refs(true).join("；")),
            format!("Basis: {}{en_tail}", refs(false).join("; ")),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_register_parses_and_every_document_is_identified() {
        let register: Register = toml::from_str(REGISTER_TOML).expect("the register parses");
        assert_eq!(&register, Register::builtin());
        let mut keys: Vec<&str> = register.documents.iter().map(|d| d.key.as_str()).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "document keys are unique");
        for d in &register.documents {
            assert!(
                !d.title.is_empty() && !d.issuer.is_empty() && !d.date.is_empty(),
                "{}",
                d.key
            );
            assert!(
                !d.title.contains('《') && !d.title.contains('…'),
                "{}",
                d.key
            );
            // A 文号 has the shape 机关代字〔年〕号.
            if !d.number.is_empty() {
                assert!(
                    d.number.contains('〔') && d.number.ends_with('号'),
                    "{}",
                    d.number
                );
            }
        }
        for c in &register.citations {
            assert!(
                register.document(&c.document).is_some(),
                "{} cites {}",
                c.rule,
                c.document
            );
            // Quotes are whole sentences, never cut.
            if !c.quote.is_empty() {
                assert!(c.quote.ends_with('。'), "{}", c.quote);
                assert!(!c.quote.contains('…'), "{}", c.quote);
            }
        }
    }

    #[test]
    fn every_rule_is_cited_by_the_register_and_never_by_research_notes() {
        let register = Register::builtin();
        for meta in crate::rules::catalog::CATALOG {
            let basis = register
                .basis(meta.id, meta.clause)
                .unwrap_or_else(|| panic!("{} has no citation", meta.id));
            for note in [
                "转述",
                "转载",
                "征求意见稿",
                "线索",
                "口径",
                "0477ly",
                "原文待核",
                "办法(",
                "意见“",
            ] {
                assert!(!basis.zh.contains(note), "{}: {}", meta.id, basis.zh);
            }
            assert!(basis.zh.contains('《'), "{}", basis.zh);
            // A binding rule rests on at least one binding document, unless it is local.
            let binding = register
                .citations_for(meta.id)
                .any(|(_, d)| d.binding != Binding::LocalExample);
            assert!(
                binding || meta.local,
                "{} rests only on local examples",
                meta.id
            );
        }
    }

    #[test]
    fn a_checked_quote_is_quoted_and_a_summary_is_called_one() {
        let register = Register::builtin();
        let quoted = register
            .basis("app-below-county", "县以下单位原则上不得开发")
            .unwrap();
        assert!(quoted.zh.contains("国办函〔2026〕12号"), "{}", quoted.zh);
        assert!(
            quoted
                .zh
                .contains("第二条：“县以下（不含县级）单位原则上不得开发建设政务应用程序。”"),
            "{}",
            quoted.zh
        );
        let summary = register
            .basis("group-forced-checkin", "不得强制打卡")
            .unwrap();
        assert!(
            summary
                .zh
                .contains("中央网络安全和信息化委员会，2023年12月；中央规定"),
            "{}",
            summary.zh
        );
        assert!(
            summary
                .zh
                .contains("要点：不得强制打卡（条款概述，非原文）"),
            "{}",
            summary.zh
        );
        let local = register.basis("account-level-restriction", "x").unwrap();
        assert!(local.zh.contains("外地做法，仅作参考"), "{}", local.zh);
        assert_eq!(register.basis("no-such-rule", "x"), None);
    }
}
