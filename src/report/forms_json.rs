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

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use super::json::round3;
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::recommend::check::{CheckOutcome, Verdict};
use crate::recommend::forms::{
    CrosswalkField, FormsPlan, FormsSettings, MasterField, MasterForm, Reduction,
};
use crate::sources::proposal::Proposal;

fn round1(x: f64) -> f64 {
    if x.is_finite() {
        (x * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// The formula of the minutes, as stated in `recommend::forms`.
pub const FORMS_FORMULA: &str = "before = Σ_f s(f)·(|fields(f)|·field_minutes + form_overhead_minutes); after = Σ_asked s(x)·field_minutes + Σ_prefillable s(x)·prefill_check_minutes + max s(f)·form_overhead_minutes; saved per month = (before − after) × filling units (≥1); per cycle = (before − after) / max s(f)";

/// The forms.json document. It serialises straight from the plan, spelling each key once
/// here (the plan's types in `recommend::forms` stay free of serde), so the document and
/// the plan cannot drift apart field by field.
#[derive(Debug, Clone, Copy)]
pub struct FormsDoc<'a> {
    plan: &'a FormsPlan,
    settings: &'a FormsSettings,
}

/// Builds the forms.json document.
pub fn forms_doc<'a>(plan: &'a FormsPlan, settings: &'a FormsSettings) -> FormsDoc<'a> {
    FormsDoc { plan, settings }
}

/// Serialises a JSON object with its keys in the order written.
macro_rules! object {
    ($serializer:expr, $name:literal, { $($key:literal : $value:expr),* $(,)? }) => {{
        let mut object = $serializer.serialize_struct($name, [$($key),*].len())?;
        $( object.serialize_field($key, &$value)?; )*
        object.end()
    }};
}

/// A value of the plan as it appears in forms.json.
struct Json<'a, T>(&'a T);

/// A slice of the plan as a JSON array.
struct Rows<'a, T>(&'a [T]);

impl<'a, T> Serialize for Rows<'a, T>
where
    Json<'a, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(Json))
    }
}

impl Serialize for FormsDoc<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (s, m) = (&self.plan.summary, self.settings);
        let summary = Json(s);
        let method = Json(m);
        object!(serializer, "forms", {
            "summary": summary,
            "method": method,
            "groups": Rows(&self.plan.groups),
            "crosswalk": Rows(&self.plan.crosswalk),
        })
    }
}

impl Serialize for Json<'_, Reduction> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = self.0;
        object!(serializer, "summary", {
            "forms_before": s.forms_before,
            "forms_after": s.forms_after,
            "fields_before": s.fields_before,
            "fields_after": s.fields_after,
            "prefillable": s.prefillable,
            "saved_minutes_per_month": round1(s.saved_minutes_per_month),
        })
    }
}

impl Serialize for Json<'_, FormsSettings> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        object!(serializer, "method", {
            "formula": FORMS_FORMULA,
            "min_core_fields": m.min_core_fields,
            "min_core_share": m.min_core_share,
            "field_minutes": m.field_minutes,
            "form_overhead_minutes": m.form_overhead_minutes,
            "prefill_check_minutes": m.prefill_check_minutes,
            "default_submissions_per_month": m.default_submissions_per_month,
        })
    }
}

/// One proposed master form.
impl Serialize for Json<'_, MasterForm> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let g = self.0;
        object!(serializer, "group", {
            "id": g.id,
            "name": g.name,
            "area": g.area,
            "forms": g.forms,
            "form_names": g.form_names,
            "core": g.core,
            "issuers": g.issuers,
            "fillers": g.fillers,
            "submissions_per_month": round3(g.submissions_per_month),
            "saved_minutes_per_cycle": round1(g.saved_minutes_per_cycle),
            "saved_minutes_per_month": round1(g.saved_minutes_per_month),
            "fields": Rows(&g.fields),
        })
    }
}

/// One field of a master form: `source` is the id of the platform or kept form it can
/// be filled back from, or null.
impl Serialize for Json<'_, MasterField> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let f = self.0;
        object!(serializer, "field", {
            "field": f.field,
            "subject": f.subject,
            "forms": f.forms,
            "source": f.source.as_ref().map(|s| &s.id),
            "source_name": f.source.as_ref().map(|s| &s.name),
        })
    }
}

/// One crosswalk entry.
impl Serialize for Json<'_, CrosswalkField> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        object!(serializer, "crosswalk", {
            "field": c.field,
            "subject": c.subject,
            "known": c.known,
            "spellings": c.spellings,
            "forms": c.forms,
            "holders": c.holders,
        })
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

/// The check answer as text for the console: Chinese, or with English labels (the
/// reasons are the check's own Chinese sentences, which cite the clauses).
pub fn check_text(proposal: &Proposal, outcome: &CheckOutcome, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let mut out = if zh {
        format!("申报：{}（{}）\n", proposal.name, proposal.kind.label_zh())
    } else {
        format!("Proposal: {} ({})\n", proposal.name, proposal.kind.code())
    };
    let verdict = if zh {
        outcome.verdict.label_zh()
    } else {
        match outcome.verdict {
            Verdict::Build => "build",
            Verdict::Merge => "merge",
            Verdict::Reject => "reject (do not build)",
        }
    };
    match (&outcome.into, &outcome.into_name, zh) {
        (Some(id), Some(name), true) => {
            out.push_str(&format!("结论：{verdict}至“{name}”（{id}）\n"))
        }
        (Some(id), Some(name), false) => {
            out.push_str(&format!("Verdict: {verdict} into “{name}” ({id})\n"))
        }
        (_, _, true) => out.push_str(&format!("结论：{verdict}\n")),
        (_, _, false) => out.push_str(&format!("Verdict: {verdict}\n")),
    }
    if !zh && !outcome.reasons.is_empty() {
        out.push_str("Reasons (in Chinese, as the filing form needs them):\n");
    }
    for r in &outcome.reasons {
        out.push_str(&format!("- {r}\n"));
    }
    if !outcome.same_unit.is_empty() {
        out.push_str(if zh {
            "本单位同类政务应用程序情况：\n"
        } else {
            "The unit's existing apps of the same kind (本单位同类政务应用程序情况):\n"
        });
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
    use crate::recommend::forms::testing::{form, plan_of};
    use crate::sources::proposal::parse_toml;

    #[test]
    fn forms_json_has_the_issue_keys() {
        let platforms = vec![
            form("F1", "F1表", &["甲数", "乙数", "丙数"]),
            form("F2", "F2表", &["甲数", "乙数", "丙数", "丁数"]),
        ];
        let settings = FormsSettings::default();
        let plan = plan_of(&platforms);
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
        let text = check_text(&proposal, &outcome, Lang::Zh);
        assert!(text.contains("结论：不予新建"), "{text}");
        let text = check_text(&proposal, &outcome, Lang::En);
        assert!(text.contains("Verdict: reject"), "{text}");
    }
}
