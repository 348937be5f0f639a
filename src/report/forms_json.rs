//! `forms.json` (the 一表通 consolidation) and the JSON answer of `fingertip check`: their
//! report-only row types and writers. The field names are a stability boundary.
//!
//! `forms.json`: `{"summary": {forms_before, forms_after, fields_before, fields_after,
//! prefillable, saved_minutes_per_month}, "method": {...coefficients...}, "groups": [{id,
//! name, area, forms, form_names, core, issuers, fillers, submissions_per_month,
//! saved_minutes_per_cycle, saved_minutes_per_month, fields: [{field, subject, forms,
//! source, source_name}]}], "crosswalk": [{field, subject, known, spellings, forms,
//! holders}]}`.
//!
//! check: `{"proposal", "verdict", "verdict_zh", "into", "into_name", "similar": [{id, name,
//! kind, owner, similarity, containment, shared, shared_functions, shared_data_fields,
//! same_unit, in_scope}], "violations": [{rule, clause, evidence}], "reasons",
//! "same_unit"}`.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::json::round3;
use crate::error::{Error, Result};
use crate::recommend::check::CheckOutcome;
use crate::recommend::forms::{FormsPlan, FormsSettings};
use crate::sources::proposal::Proposal;

fn round1(x: f64) -> f64 {
    if x.is_finite() {
        (x * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// The `summary` object of forms.json.
#[derive(Debug, Serialize)]
pub struct FormsSummaryRow {
    /// Forms before.
    pub forms_before: usize,
    /// Forms after.
    pub forms_after: usize,
    /// Fields asked before, summed over forms.
    pub fields_before: usize,
    /// Fields asked after.
    pub fields_after: usize,
    /// Fields after that can be filled back from a source.
    pub prefillable: usize,
    /// Minutes saved per month.
    pub saved_minutes_per_month: f64,
}

/// The `method` object: the coefficients the minutes were computed with.
#[derive(Debug, Serialize)]
pub struct FormsMethodRow {
    /// The formula in words.
    pub formula: &'static str,
    /// Fewest fields of a shared core.
    pub min_core_fields: usize,
    /// Smallest share of a member's distinctive fields the core covers.
    pub min_core_share: f64,
    /// Minutes per field.
    pub field_minutes: f64,
    /// Minutes per submission beyond fields.
    pub form_overhead_minutes: f64,
    /// Minutes to check a prefilled field.
    pub prefill_check_minutes: f64,
    /// Submissions per month when the cycle is unknown.
    pub default_submissions_per_month: f64,
}

/// One field of a master form.
#[derive(Debug, Serialize)]
pub struct MasterFieldRow {
    /// Canonical field.
    pub field: String,
    /// Subject heading.
    pub subject: String,
    /// Replaced forms that ask it.
    pub forms: Vec<String>,
    /// Source platform id, or null.
    pub source: Option<String>,
    /// Source platform name, or null.
    pub source_name: Option<String>,
}

/// One proposed master form.
#[derive(Debug, Serialize)]
pub struct GroupRow {
    /// Id (MF-001 …).
    pub id: String,
    /// Proposed name.
    pub name: String,
    /// Issuing area.
    pub area: String,
    /// Replaced form ids.
    pub forms: Vec<String>,
    /// Replaced form names.
    pub form_names: Vec<String>,
    /// The shared core.
    pub core: Vec<String>,
    /// Issuing units.
    pub issuers: Vec<String>,
    /// Filling units.
    pub fillers: Vec<String>,
    /// Submissions per month of the master form.
    pub submissions_per_month: f64,
    /// Minutes saved per filling unit and cycle.
    pub saved_minutes_per_cycle: f64,
    /// Minutes saved per month over the filling units.
    pub saved_minutes_per_month: f64,
    /// Fields, by subject then field.
    pub fields: Vec<MasterFieldRow>,
}

/// One crosswalk entry.
#[derive(Debug, Serialize)]
pub struct CrosswalkRow {
    /// Canonical field.
    pub field: String,
    /// Subject.
    pub subject: String,
    /// Known to the taxonomy.
    pub known: bool,
    /// Spellings seen.
    pub spellings: Vec<String>,
    /// Forms collecting it.
    pub forms: Vec<String>,
    /// Platforms holding it.
    pub holders: Vec<String>,
}

/// The whole forms.json document.
#[derive(Debug, Serialize)]
pub struct FormsDoc {
    /// Reduction figures.
    pub summary: FormsSummaryRow,
    /// Coefficients.
    pub method: FormsMethodRow,
    /// Master forms.
    pub groups: Vec<GroupRow>,
    /// The crosswalk.
    pub crosswalk: Vec<CrosswalkRow>,
}

/// The formula of the minutes, as stated in `recommend::forms`.
pub const FORMS_FORMULA: &str = "before = Σ_f s(f)·(|fields(f)|·field_minutes + form_overhead_minutes); after = Σ_asked s(x)·field_minutes + Σ_prefillable s(x)·prefill_check_minutes + max s(f)·form_overhead_minutes; saved per month = (before − after) × filling units (≥1); per cycle = (before − after) / max s(f)";

/// Builds the forms.json document.
pub fn forms_doc(plan: &FormsPlan, settings: &FormsSettings) -> FormsDoc {
    let s = &plan.summary;
    FormsDoc {
        summary: FormsSummaryRow {
            forms_before: s.forms_before,
            forms_after: s.forms_after,
            fields_before: s.fields_before,
            fields_after: s.fields_after,
            prefillable: s.prefillable,
            saved_minutes_per_month: round1(s.saved_minutes_per_month),
        },
        method: FormsMethodRow {
            formula: FORMS_FORMULA,
            min_core_fields: settings.min_core_fields,
            min_core_share: settings.min_core_share,
            field_minutes: settings.field_minutes,
            form_overhead_minutes: settings.form_overhead_minutes,
            prefill_check_minutes: settings.prefill_check_minutes,
            default_submissions_per_month: settings.default_submissions_per_month,
        },
        groups: plan
            .groups
            .iter()
            .map(|g| GroupRow {
                id: g.id.clone(),
                name: g.name.clone(),
                area: g.area.clone(),
                forms: g.forms.clone(),
                form_names: g.form_names.clone(),
                core: g.core.clone(),
                issuers: g.issuers.clone(),
                fillers: g.fillers.clone(),
                submissions_per_month: round3(g.submissions_per_month),
                saved_minutes_per_cycle: round1(g.saved_minutes_per_cycle),
                saved_minutes_per_month: round1(g.saved_minutes_per_month),
                fields: g
                    .fields
                    .iter()
                    .map(|f| MasterFieldRow {
                        field: f.field.clone(),
                        subject: f.subject.clone(),
                        forms: f.forms.clone(),
                        source: f.source.as_ref().map(|s| s.id.clone()),
                        source_name: f.source.as_ref().map(|s| s.name.clone()),
                    })
                    .collect(),
            })
            .collect(),
        crosswalk: plan
            .crosswalk
            .iter()
            .map(|c| CrosswalkRow {
                field: c.field.clone(),
                subject: c.subject.clone(),
                known: c.known,
                spellings: c.spellings.clone(),
                forms: c.forms.clone(),
                holders: c.holders.clone(),
            })
            .collect(),
    }
}

/// Writes forms.json to `out`.
pub fn write_forms_json_to(
    plan: &FormsPlan,
    settings: &FormsSettings,
    out: impl Write,
) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, &forms_doc(plan, settings))
}

/// Writes forms.json at `path`.
pub fn write_forms_json(path: &Path, plan: &FormsPlan, settings: &FormsSettings) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    write_forms_json_to(plan, settings, &mut out)
        .map_err(|e| Error::io(path, std::io::Error::other(e)))?;
    out.flush().map_err(|e| Error::io(path, e))
}

/// One similar platform in the check answer.
#[derive(Debug, Serialize)]
pub struct SimilarRow {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Kind code.
    pub kind: &'static str,
    /// Owner.
    pub owner: Option<String>,
    /// Weighted Jaccard similarity.
    pub similarity: f64,
    /// Containment of the proposal in it.
    pub containment: f64,
    /// Shared functions then data fields.
    pub shared: Vec<String>,
    /// Shared functions.
    pub shared_functions: Vec<String>,
    /// Shared data fields.
    pub shared_data_fields: Vec<String>,
    /// Same unit as the proposal.
    pub same_unit: bool,
    /// A merge into it can be carried out.
    pub in_scope: bool,
}

/// One violation in the check answer.
#[derive(Debug, Serialize)]
pub struct ViolationRow {
    /// Rule id.
    pub rule: &'static str,
    /// Clause.
    pub clause: String,
    /// Evidence.
    pub evidence: String,
}

/// The check answer.
#[derive(Debug, Serialize)]
pub struct CheckDoc {
    /// The proposal's name.
    pub proposal: String,
    /// build, merge or reject.
    pub verdict: &'static str,
    /// 可以新建, 建议整合 or 不予新建.
    pub verdict_zh: &'static str,
    /// Merge target id.
    pub into: Option<String>,
    /// Merge target name.
    pub into_name: Option<String>,
    /// Similar platforms.
    pub similar: Vec<SimilarRow>,
    /// Violations.
    pub violations: Vec<ViolationRow>,
    /// Reasons (Chinese).
    pub reasons: Vec<String>,
    /// The 本单位同类政务应用程序情况 list.
    pub same_unit: Vec<String>,
}

/// Builds the check answer.
pub fn check_doc(proposal: &Proposal, outcome: &CheckOutcome) -> CheckDoc {
    CheckDoc {
        proposal: proposal.name.clone(),
        verdict: outcome.verdict.code(),
        verdict_zh: outcome.verdict.label_zh(),
        into: outcome.into.clone(),
        into_name: outcome.into_name.clone(),
        similar: outcome
            .similar
            .iter()
            .map(|s| SimilarRow {
                id: s.id.clone(),
                name: s.name.clone(),
                kind: s.kind.code(),
                owner: s.owner.clone(),
                similarity: round3(s.similarity),
                containment: round3(s.containment),
                shared: s
                    .shared_functions
                    .iter()
                    .chain(&s.shared_data_fields)
                    .cloned()
                    .collect(),
                shared_functions: s.shared_functions.clone(),
                shared_data_fields: s.shared_data_fields.clone(),
                same_unit: s.same_unit,
                in_scope: s.in_scope,
            })
            .collect(),
        violations: outcome
            .violations
            .iter()
            .map(|v| ViolationRow {
                rule: v.rule,
                clause: v.clause.clone(),
                evidence: v.evidence.clone(),
            })
            .collect(),
        reasons: outcome.reasons.clone(),
        same_unit: outcome.same_unit.clone(),
    }
}

/// Writes the check answer as JSON to `out`.
pub fn write_check_json(
    proposal: &Proposal,
    outcome: &CheckOutcome,
    out: impl Write,
) -> serde_json::Result<()> {
    serde_json::to_writer_pretty(out, &check_doc(proposal, outcome))
}

/// The check answer as text for the console, in Chinese.
pub fn check_text(proposal: &Proposal, outcome: &CheckOutcome) -> String {
    let mut out = format!("申报：{}（{}）\n", proposal.name, proposal.kind.label_zh());
    match (&outcome.into, &outcome.into_name) {
        (Some(id), Some(name)) => out.push_str(&format!(
            "结论：{}至“{name}”（{id}）\n",
            outcome.verdict.label_zh()
        )),
        _ => out.push_str(&format!("结论：{}\n", outcome.verdict.label_zh())),
    }
    for r in &outcome.reasons {
        out.push_str(&format!("- {r}\n"));
    }
    if !outcome.same_unit.is_empty() {
        out.push_str("本单位同类政务应用程序情况：\n");
        for (i, line) in outcome.same_unit.iter().enumerate() {
            out.push_str(&format!("{}. {line}\n", i + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Level, Platform};
    use crate::normalize::Taxonomy;
    use crate::org::Gazetteer;
    use crate::overlap::OverlapSettings;
    use crate::recommend::check::check;
    use crate::recommend::forms::consolidate;
    use crate::sources::proposal::parse_toml;

    #[test]
    fn forms_json_has_the_issue_keys() {
        let form = |id: &str, fields: &[&str]| Platform {
            id: id.into(),
            name: format!("{id}表"),
            kind: Kind::Form,
            owner: Some("兴国县民政局".into()),
            region: Some("兴国县".into()),
            data_fields: fields.iter().map(|f| (*f).to_owned()).collect(),
            ..Platform::default()
        };
        let platforms = vec![
            form("F1", &["甲数", "乙数", "丙数"]),
            form("F2", &["甲数", "乙数", "丙数", "丁数"]),
        ];
        let settings = FormsSettings::default();
        let plan = consolidate(
            &platforms,
            &[],
            &Taxonomy::builtin(),
            Gazetteer::builtin(),
            &settings,
        );
        let mut out = Vec::new();
        write_forms_json_to(&plan, &settings, &mut out).expect("json");
        let v: serde_json::Value = serde_json::from_slice(&out).expect("parses");
        for key in [
            "forms_before",
            "forms_after",
            "fields_before",
            "fields_after",
            "prefillable",
        ] {
            assert!(v["summary"][key].is_u64(), "{key}");
        }
        assert_eq!(v["summary"]["forms_before"], 2);
        assert_eq!(v["summary"]["forms_after"], 1);
        assert_eq!(v["summary"]["fields_after"], 4);
        let g = &v["groups"][0];
        assert_eq!(g["id"], "MF-001");
        assert!(g["name"].is_string());
        assert_eq!(g["forms"], serde_json::json!(["F1", "F2"]));
        let f = &g["fields"][0];
        assert!(f["field"].is_string() && f["forms"].is_array());
        assert!(f["source"].is_null());
        assert!(v["method"]["formula"]
            .as_str()
            .is_some_and(|s| s.contains("form_overhead_minutes")));
        assert_eq!(v["crosswalk"].as_array().map(Vec::len), Some(4));
    }

    #[test]
    fn check_json_has_the_issue_keys() {
        let proposal = parse_toml(
            "p.toml",
            "name = \"某镇APP\"\nkind = \"app\"\nowner = \"兴国县潋江镇人民政府\"\nlevel = \"乡镇\"\n",
        )
        .expect("valid");
        let registry = vec![Platform {
            id: "A".into(),
            name: "a".into(),
            kind: Kind::App,
            level: Some(Level::County),
            ..Platform::default()
        }];
        let outcome = check(
            &proposal,
            &registry,
            &Taxonomy::builtin(),
            Gazetteer::builtin(),
            &OverlapSettings::default(),
        );
        let mut out = Vec::new();
        write_check_json(&proposal, &outcome, &mut out).expect("json");
        let v: serde_json::Value = serde_json::from_slice(&out).expect("parses");
        assert_eq!(v["verdict"], "reject");
        assert_eq!(v["verdict_zh"], "不予新建");
        assert!(v["into"].is_null());
        assert!(v["similar"].is_array());
        assert_eq!(v["violations"][0]["rule"], "app-below-county");
        assert!(v["violations"][0]["evidence"]
            .as_str()
            .is_some_and(|e| e.contains("乡镇")));
        assert!(v["reasons"][0]
            .as_str()
            .is_some_and(|r| r.starts_with("不予新建")));
        let text = check_text(&proposal, &outcome);
        assert!(text.contains("结论：不予新建"), "{text}");
    }
}
