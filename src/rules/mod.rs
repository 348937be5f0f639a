//! The policy rule engine: one file per rule, [`catalog`] as the single id → rule table,
//! text evidence from documents that understands Chinese negation ([`text`], [`chat`],
//! [`evidence`]), waivers ([`waiver`]), and the rule coverage table.
//!
//! Pure: rules receive platforms, the overlap result, documents and settings, and never
//! read files or config themselves.
//!
//! Every rule is a unit struct implementing [`Rule`]. [`evaluate`] builds the shared
//! text evidence index once (linear in the size of the documents), then runs every
//! enabled rule of the catalog over the platforms. Each rule is O(n) or O(n log n) over
//! the platforms: rules that compare platforms group them by key with a hash map or a
//! sort, never by looking at all pairs.

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::model::{Document, Msg, Platform};
use crate::overlap::Overlap;
use crate::progress::{NoProgress, Progress};

/// Declares a rule struct with its ruff-style documentation and exposes that
/// documentation as the `DOC` constant, so `rules explain` prints the same text rustdoc
/// shows.
macro_rules! declare_rule {
    ($(#[doc = $doc:expr])* pub struct $name:ident;) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            /// The rule's documentation, as printed by `fingertip rules explain`.
            pub const DOC: &'static str = concat!($($doc, "\n"),*);
        }
    };
}

pub mod catalog;
pub mod chat;
pub mod deficiency;
pub mod evidence;
pub mod render;
pub mod settings;
pub mod tags;
pub mod text;
pub mod waiver;

#[cfg(test)]
pub(crate) mod testing;

pub use evidence::TextIndex;
pub use settings::{ClockTime, RuleSettings};
pub use waiver::{parse_waivers, Waiver};

/// Severity of a rule, from the catalog's `high` / `medium` / `low`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Governance hygiene.
    Low,
    /// National requirement or widely adopted local rule.
    Medium,
    /// National prohibition or single veto (单项否决).
    High,
}

impl Severity {
    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Low => "低",
            Severity::Medium => "中",
            Severity::High => "高",
        }
    }

    /// Parses `low` / `medium` / `high`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text.trim().to_ascii_lowercase().as_str() {
            "low" | "低" => Some(Severity::Low),
            "medium" | "中" => Some(Severity::Medium),
            "high" | "高" => Some(Severity::High),
            _ => None,
        }
    }
}

/// Maturity of a rule, as in ruff: stable rules are trusted by default, preview rules
/// rely on heuristics that may still change, deprecated rules are kept for old ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleStatus {
    /// Decided from explicit columns or well-tested text patterns.
    Stable,
    /// Relies on heuristics or optional columns; may change.
    Preview,
    /// Kept only so old ids keep working.
    Deprecated,
}

impl RuleStatus {
    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            RuleStatus::Stable => "stable",
            RuleStatus::Preview => "preview",
            RuleStatus::Deprecated => "deprecated",
        }
    }
}

/// One piece of evidence: a field value or a line of a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Evidence {
    /// `field:<column>` or the document path relative to the inventory.
    pub source: String,
    /// 1-based line in the document (None for fields).
    pub line: Option<usize>,
    /// The field value or the sentence quoted.
    pub text: String,
}

impl Evidence {
    /// Evidence from a platform column, e.g. `field("functions", "打卡签到")`.
    pub fn field(column: &str, text: impl Into<String>) -> Evidence {
        Evidence {
            source: format!("field:{column}"),
            line: None,
            text: text.into(),
        }
    }

    /// Whether this is evidence from the platform column `column`.
    pub fn is_field(&self, column: &str) -> bool {
        self.source.strip_prefix("field:") == Some(column)
    }
}

/// One rule hit on one platform.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Platform index.
    pub platform: usize,
    /// Rule id (kebab-case, from the catalog).
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What was found, as a sentence a person can check.
    pub message: Msg,
    /// Evidence, sorted.
    pub evidence: Vec<Evidence>,
    /// Set when a waiver covers this finding: the waiver's reason.
    pub waived: Option<String>,
}

impl Finding {
    /// A finding of catalog rule `rule` with the catalog's severity. Evidence is sorted
    /// and deduplicated so output does not depend on the order rules collected it.
    pub fn new(platform: usize, rule: &'static str, message: Msg, evidence: Vec<Evidence>) -> Self {
        let severity = catalog::get(rule)
            .map(|meta| meta.severity)
            .unwrap_or(Severity::Medium);
        let mut evidence = evidence;
        evidence.sort();
        evidence.dedup();
        Finding {
            platform,
            rule,
            severity,
            message,
            evidence,
            waived: None,
        }
    }
}

/// Everything a rule may look at.
#[derive(Debug, Clone, Copy)]
pub struct RuleContext<'a> {
    /// The platforms, sorted by id.
    pub platforms: &'a [Platform],
    /// The overlap result over the same slice.
    pub overlap: &'a Overlap,
    /// Documents from the inventory.
    pub documents: &'a [Document],
    /// Rule settings.
    pub settings: &'a RuleSettings,
    /// Audit date.
    pub as_of: NaiveDate,
    /// Waivers (from the registry's decisions or a waivers file).
    pub waivers: &'a [Waiver],
}

/// What a rule sees: the context plus the text evidence index built once for all rules.
#[derive(Debug, Clone, Copy)]
pub struct RuleInput<'a> {
    /// The evaluation context.
    pub ctx: &'a RuleContext<'a>,
    /// Sentences of documents and chat exports attributed to platforms.
    pub text: &'a TextIndex,
    /// Every function and data-field tag classified against the rules' tag sets.
    pub tags: &'a tags::TagIndex<'a>,
}

impl RuleInput<'_> {
    /// Evidence citing a document hit: the document path, line and sentence.
    pub fn doc_evidence(&self, hit: &evidence::Hit) -> Evidence {
        let source = self
            .ctx
            .documents
            .get(hit.doc)
            .map(|d| d.path.clone())
            .unwrap_or_default();
        let text = match hit.time {
            Some(time) => format!("[{}] {}", time.format("%Y-%m-%d %H:%M"), hit.sentence),
            None => hit.sentence.clone(),
        };
        Evidence {
            source,
            line: Some(hit.line),
            text,
        }
    }

    /// The violating sentences attributed to `platform` that demand any of `practices`.
    pub fn hits_for<'s>(
        &'s self,
        platform: usize,
        practices: &'s [text::Practice],
    ) -> impl Iterator<Item = &'s evidence::Hit> + 's {
        self.text
            .hits(platform)
            .iter()
            .filter(move |hit| hit.practices.any(practices))
    }

    /// Days between `date` and the audit date (positive when `date` is earlier).
    pub fn days_since(&self, date: NaiveDate) -> i64 {
        (self.ctx.as_of - date).num_days()
    }
}

/// Sentences of a free-text column (notes, description) that demand any of
/// `practices` outside a prohibition, as `field:<column>` evidence.
pub fn field_violations(
    column: &str,
    value: Option<&str>,
    practices: &[text::Practice],
) -> Vec<Evidence> {
    let Some(value) = value else {
        return Vec::new();
    };
    value
        .lines()
        .flat_map(text::split_sentences)
        .filter(|sentence| text::verdict(sentence).violations().any(practices))
        .map(|sentence| Evidence::field(column, sentence))
        .collect()
}

/// Findings of an overlap-based rule: every member (not the target) of a cluster whose
/// member passes `member_kind` and whose target passes `target_kind`. Applicable to
/// every platform passing `member_kind`; a platform with no functions, data fields or
/// matter cannot be compared and counts as insufficient data.
pub(crate) fn overlap_findings(
    input: &RuleInput<'_>,
    out: &mut Vec<Finding>,
    rule: &'static str,
    member_kind: impl Fn(crate::model::Kind) -> bool,
    target_kind: impl Fn(crate::model::Kind) -> bool,
) -> CoverageCounts {
    let platforms = input.ctx.platforms;
    let overlap = input.ctx.overlap;
    let mut counts = CoverageCounts::default();
    for p in platforms.iter().filter(|p| member_kind(p.kind)) {
        counts.count(p.functions.is_empty() && p.data_fields.is_empty() && p.matter.is_none());
    }
    for cluster in &overlap.clusters {
        let Some(target) = platforms.get(cluster.target) else {
            continue;
        };
        if !target_kind(target.kind) {
            continue;
        }
        for &member_idx in &cluster.members {
            if member_idx == cluster.target {
                continue;
            }
            let Some(member) = platforms.get(member_idx) else {
                continue;
            };
            if !member_kind(member.kind) {
                continue;
            }
            // The exact pair, when the overlap stage kept it, gives this member's own
            // similarity and containment rather than the cluster's minimum.
            let key = (
                member_idx.min(cluster.target),
                member_idx.max(cluster.target),
            );
            let pair = overlap
                .pairs
                .binary_search_by(|p| (p.a, p.b).cmp(&key))
                .ok()
                .and_then(|i| overlap.pairs.get(i));
            let (similarity, containment) = match pair {
                Some(pair) if pair.a == member_idx => (pair.similarity, pair.containment_a_in_b),
                Some(pair) => (pair.similarity, pair.containment_b_in_a),
                None => (cluster.similarity, cluster.similarity),
            };
            let shared = |a: &[String], b: &[String]| -> Vec<String> {
                a.iter().filter(|t| b.contains(t)).cloned().collect()
            };
            let shared_functions = shared(&member.functions, &target.functions);
            let shared_fields = shared(&member.data_fields, &target.data_fields);
            let mut evidence = vec![Evidence::field(
                "overlap",
                format!(
                    "与“{}”（{}）相似度 {similarity:.2}，包含度 {containment:.2}",
                    target.name, target.id
                ),
            )];
            if !shared_functions.is_empty() {
                evidence.push(Evidence::field("functions", shared_functions.join("、")));
            }
            if !shared_fields.is_empty() {
                evidence.push(Evidence::field("data_fields", shared_fields.join("、")));
            }
            if let (Some(a), Some(b)) = (&member.matter, &target.matter) {
                if a == b {
                    evidence.push(Evidence::field("matter", a.clone()));
                }
            }
            out.push(Finding::new(
                member_idx,
                rule,
                Msg::new(
                    format!(
                        "“{}”与“{}”（{}）功能、数据高度重叠（相似度 {similarity:.2}），应整合至后者",
                        member.name, target.name, target.id
                    ),
                    format!(
                        "“{}” overlaps “{}” ({}) with similarity {similarity:.2}; merge into it",
                        member.name, target.name, target.id
                    ),
                ),
                evidence,
            ));
        }
    }
    counts
}

/// Finds an extra (non-standard) column whose header contains one of `keys` (ASCII
/// case ignored) and reads it as a yes/no cell: `Some((header, value, Some(bool)))`,
/// with `None` as the bool when the cell is not a recognisable yes or no.
pub(crate) fn extra_flag<'p>(
    platform: &'p Platform,
    keys: &[&str],
) -> Option<(&'p str, &'p str, Option<bool>)> {
    let (header, value) = platform.extra.iter().find(|(header, _)| {
        let header = header.to_ascii_lowercase();
        keys.iter().any(|k| header.contains(k))
    })?;
    let v = value.trim().to_ascii_lowercase();
    let flag = match v.as_str() {
        "是" | "有" | "y" | "yes" | "true" | "1" | "√" | "正常" | "已报送" | "已备案"
        | "已登记" | "可用" | "有效" => Some(true),
        "否" | "无" | "n" | "no" | "false" | "0" | "×" | "未报送" | "未备案" | "未登记"
        | "失效" | "不可用" | "无效" | "关闭" | "已关闭" => Some(false),
        _ if v.starts_with('未') || v.starts_with('无') || v.starts_with('否') => Some(false),
        _ => None,
    };
    Some((header.as_str(), value.as_str(), flag))
}

/// The shared check of the account rules decided by a yes/no extra column
/// (account-no-interaction, account-unregistered): accounts whose column says no are
/// flagged with `message(name, header, value)`; accounts without a readable column count
/// as insufficient data.
pub(crate) fn flag_accounts_by_extra_column(
    input: &RuleInput<'_>,
    out: &mut Vec<Finding>,
    rule: &'static str,
    columns: &[&str],
    message: impl Fn(&str, &str, &str) -> Msg,
) -> CoverageCounts {
    let mut counts = CoverageCounts::default();
    for (idx, p) in input.ctx.platforms.iter().enumerate() {
        if p.kind != crate::model::Kind::Account {
            continue;
        }
        let flag = extra_flag(p, columns);
        counts.count(!matches!(flag, Some((_, _, Some(_)))));
        if let Some((header, value, Some(false))) = flag {
            out.push(Finding::new(
                idx,
                rule,
                message(&p.name, header, value),
                vec![Evidence::field(header, value)],
            ));
        }
    }
    counts
}

/// The shared check of the rules evidenced only by text (app-forced-download,
/// account-forced-promotion): platforms of the kinds `applies` accepts whose notes or
/// attributed documents show one of `practices` are flagged with `message(name)`; platforms
/// with neither notes nor documents count as insufficient data.
pub(crate) fn flag_by_notes_and_documents(
    input: &RuleInput<'_>,
    out: &mut Vec<Finding>,
    rule: &'static str,
    applies: impl Fn(crate::model::Kind) -> bool,
    practices: &[text::Practice],
    message: impl Fn(&str) -> Msg,
) -> CoverageCounts {
    let mut counts = CoverageCounts::default();
    for (idx, p) in input.ctx.platforms.iter().enumerate() {
        if !applies(p.kind) {
            continue;
        }
        let mut evidence = field_violations("notes", p.notes.as_deref(), practices);
        evidence.extend(
            input
                .hits_for(idx, practices)
                .map(|h| input.doc_evidence(h)),
        );
        counts.count(evidence.is_empty() && p.notes.is_none() && !input.text.is_documented(idx));
        if !evidence.is_empty() {
            out.push(Finding::new(idx, rule, message(&p.name), evidence));
        }
    }
    counts
}

/// The shared check of the two commercial rules (app-commercial-use,
/// account-commercial-ads): platforms of the kinds `applies` accepts whose functions,
/// description, notes or documents show ads, sales or paid services are flagged with
/// `message(name)`; platforms with none of those to read count as insufficient data.
pub(crate) fn flag_commercial(
    input: &RuleInput<'_>,
    out: &mut Vec<Finding>,
    rule: &'static str,
    applies: impl Fn(crate::model::Kind) -> bool,
    message: impl Fn(&str) -> Msg,
) -> CoverageCounts {
    let practices = [text::Practice::Commercial];
    let mut counts = CoverageCounts::default();
    for (idx, p) in input.ctx.platforms.iter().enumerate() {
        if !applies(p.kind) {
            continue;
        }
        let found = input.tags.find(&tags::COMMERCIAL, &p.functions);
        let mut evidence = Vec::new();
        if !found.is_empty() {
            evidence.push(Evidence::field("functions", found.join("、")));
        }
        evidence.extend(field_violations(
            "description",
            p.description.as_deref(),
            &practices,
        ));
        evidence.extend(field_violations("notes", p.notes.as_deref(), &practices));
        evidence.extend(
            input
                .hits_for(idx, &practices)
                .map(|h| input.doc_evidence(h)),
        );
        let undecided = evidence.is_empty()
            && p.functions.is_empty()
            && p.description.is_none()
            && p.notes.is_none()
            && !input.text.is_documented(idx);
        counts.count(undecided);
        if !evidence.is_empty() {
            out.push(Finding::new(idx, rule, message(&p.name), evidence));
        }
    }
    counts
}

/// Per-rule counts for the coverage table, returned by [`Rule::check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CoverageCounts {
    /// Platforms the rule applies to (by kind and, for local rules, scope).
    pub applicable: usize,
    /// Of those, platforms lacking the data to decide.
    pub insufficient_data: usize,
}

impl CoverageCounts {
    /// Counts one applicable platform, insufficient or not.
    pub fn count(&mut self, insufficient: bool) {
        self.applicable += 1;
        if insufficient {
            self.insufficient_data += 1;
        }
    }
}

/// A policy rule. Implementations are unit structs listed once in [`catalog::CATALOG`].
pub trait Rule: Sync + Send {
    /// Checks every platform the rule applies to, pushing findings to `out` (with the
    /// catalog severity, see [`Finding::new`]), and returns the coverage counts.
    fn check(&self, input: &RuleInput<'_>, out: &mut Vec<Finding>) -> CoverageCounts;

    /// The thresholds this rule uses, with their current values, for `rules explain`.
    fn thresholds(&self, settings: &RuleSettings) -> Vec<(&'static str, String)> {
        let _ = settings;
        Vec::new()
    }
}

/// Whether a rule could be decided for the inventory at hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// Rule id.
    pub rule: &'static str,
    /// Platforms the rule applies to.
    pub applicable: usize,
    /// Of those, platforms lacking the data to decide.
    pub insufficient_data: usize,
    /// Findings raised.
    pub findings: usize,
    /// Why data is lacking, if it is (or that the rule is switched off).
    pub note: Option<Msg>,
}

/// Findings and coverage of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct RuleOutcome {
    /// All findings, sorted by platform then rule.
    pub findings: Vec<Finding>,
    /// One coverage row per catalog rule.
    pub coverage: Vec<Coverage>,
}

/// Runs every enabled rule of the catalog, applies waivers and returns the findings
/// (sorted by platform, then rule) and one coverage row per catalog rule.
pub fn evaluate(ctx: &RuleContext<'_>) -> RuleOutcome {
    evaluate_with_progress(ctx, &NoProgress)
}

/// [`evaluate`] reporting one step per catalog rule on `progress`, which only observes.
pub fn evaluate_with_progress(ctx: &RuleContext<'_>, progress: &dyn Progress) -> RuleOutcome {
    let tick = progress.stage("规则检查 rules", catalog::CATALOG.len() as u64);
    let (text, tags) = rayon::join(
        || TextIndex::build(ctx.platforms, ctx.documents),
        || tags::TagIndex::build(ctx.platforms),
    );
    let input = RuleInput {
        ctx,
        text: &text,
        tags: &tags,
    };
    // Rules are independent, so they run in parallel; results are collected in catalog
    // order and sorted afterwards, so the output does not depend on scheduling.
    let per_rule: Vec<(Vec<Finding>, Coverage)> = catalog::CATALOG
        .par_iter()
        .map(|meta| {
            if !ctx.settings.is_enabled(meta) {
                let note = if meta.local {
                    Msg::new(
                        "地方性规则，本辖区未启用（可在 fingertip.toml 的 [rules] enabled_local_rules 中启用）",
                        "local rule, not enabled in this jurisdiction (enable it in [rules] enabled_local_rules)",
                    )
                } else {
                    Msg::new(
                        "已在 fingertip.toml 的 [rules] disabled_rules 中停用",
                        "disabled in [rules] disabled_rules",
                    )
                };
                let row = Coverage {
                    rule: meta.id,
                    applicable: 0,
                    insufficient_data: 0,
                    findings: 0,
                    note: Some(note),
                };
                tick.inc(1);
                return (Vec::new(), row);
            }
            let mut findings = Vec::new();
            let counts = meta.rule.check(&input, &mut findings);
            tick.inc(1);
            let note = (counts.insufficient_data > 0).then(|| meta.insufficient_note());
            let row = Coverage {
                rule: meta.id,
                applicable: counts.applicable,
                insufficient_data: counts.insufficient_data,
                findings: findings.len(),
                note,
            };
            (findings, row)
        })
        .collect();
    let mut findings = Vec::new();
    let mut coverage = Vec::with_capacity(per_rule.len());
    for (rule_findings, row) in per_rule {
        findings.extend(rule_findings);
        coverage.push(row);
    }
    waiver::apply(&mut findings, ctx.platforms, ctx.waivers, ctx.as_of);
    findings.sort_by(|a, b| (a.platform, a.rule).cmp(&(b.platform, b.rule)));
    RuleOutcome { findings, coverage }
}

/// Renders findings as plain text, one finding per block with its evidence, for
/// snapshot tests and quick inspection.
pub fn render_findings(platforms: &[Platform], findings: &[Finding]) -> String {
    let mut out = String::new();
    for finding in findings {
        let id = platforms
            .get(finding.platform)
            .map(|p| p.id.as_str())
            .unwrap_or("?");
        out.push_str(&format!(
            "{id} {} [{}] {}\n",
            finding.rule,
            finding.severity.code(),
            finding.message.zh
        ));
        if let Some(reason) = &finding.waived {
            out.push_str(&format!("  豁免: {reason}\n"));
        }
        for ev in &finding.evidence {
            match ev.line {
                Some(line) => out.push_str(&format!("  {}:{line}: {}\n", ev.source, ev.text)),
                None => out.push_str(&format!("  {}: {}\n", ev.source, ev.text)),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::testing::{as_of, date, platform, tags, Case};
    use super::*;
    use crate::model::Kind;

    #[test]
    fn evaluation_reports_one_step_per_rule_and_the_same_outcome() {
        let platforms = vec![forced_checkin_app()];
        let settings = RuleSettings::default();
        let ctx = RuleContext {
            platforms: &platforms,
            overlap: &Overlap::default(),
            documents: &[],
            settings: &settings,
            as_of: as_of(),
            waivers: &[],
        };
        let recorder = crate::progress::Recorder::default();
        let with = evaluate_with_progress(&ctx, &recorder);
        let without = evaluate(&ctx);
        assert_eq!(with.findings, without.findings);
        assert!(!with.findings.is_empty());
        let stages = recorder.stages.into_inner().unwrap();
        let n = catalog::CATALOG.len() as u64;
        assert_eq!(stages, [("规则检查 rules".to_owned(), n, n)]);
    }

    fn forced_checkin_app() -> Platform {
        let mut a = platform("A1", "应急值守App", Kind::App);
        a.functions = tags("打卡签到");
        a.mandatory = Some(true);
        a
    }

    #[test]
    fn one_coverage_row_per_rule_and_sorted_findings() {
        let mut b = platform("A0", "青石镇App", Kind::App);
        b.level = Some(crate::model::Level::Township);
        b.functions = tags("办事指南");
        let case = Case::new(vec![b, forced_checkin_app()]);
        let ctx = RuleContext {
            platforms: &case.platforms,
            overlap: &case.overlap,
            documents: &case.documents,
            settings: &RuleSettings::default(),
            as_of: as_of(),
            waivers: &[],
        };
        let outcome = evaluate(&ctx);
        assert_eq!(outcome.coverage.len(), catalog::CATALOG.len());
        let keys: Vec<(usize, &str)> = outcome
            .findings
            .iter()
            .map(|f| (f.platform, f.rule))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert!(keys.contains(&(0, "app-below-county")));
        assert!(keys.contains(&(1, "app-forced-checkin")));
    }

    #[test]
    fn waivers_mark_but_never_hide_and_expire() {
        let waiver = |until: &str| Waiver {
            platform_id: "A1".into(),
            rule: "app-forced-checkin".into(),
            reason: "应急值守期间允许打卡".into(),
            until: Some(date(until)),
        };
        let mut case = Case::new(vec![forced_checkin_app()]);
        case.waivers = vec![waiver("2026-12-31")];
        let text = case.check("app-forced-checkin");
        assert!(text.contains("豁免: 应急值守期间允许打卡"), "{text}");
        assert!(text.contains("findings 1"), "{text}");
        case.waivers = vec![waiver("2026-11-19")];
        let text = case.check("app-forced-checkin");
        assert!(!text.contains("豁免"), "{text}");
    }

    #[test]
    fn disabled_rules_say_so_in_coverage() {
        let settings = RuleSettings {
            disabled_rules: vec!["app-forced-checkin"],
            ..RuleSettings::default()
        };
        let text = Case::new(vec![forced_checkin_app()])
            .settings(settings)
            .check("app-forced-checkin");
        assert!(
            text.contains("(no findings)") && text.contains("停用"),
            "{text}"
        );
    }

    #[test]
    fn field_violations_respect_negation() {
        let practices = [text::Practice::DownloadInstall];
        assert_eq!(
            field_violations(
                "notes",
                Some("严禁以下载率排名。要求100%下载安装。"),
                &practices
            ),
            vec![Evidence::field("notes", "要求100%下载安装")]
        );
        assert!(field_violations("notes", None, &practices).is_empty());
    }
}
