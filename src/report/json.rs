//! The JSON reports of DESIGN.md §3: `recommendations.json`, `flags.json`,
//! `clusters.json` and `problems.json`. Their shapes are a stability boundary, so they
//! are built from report-only row types here, never from the model types.
//!
//! Items are serialized straight from the audit into a buffered writer, one at a time,
//! so a registry of a million platforms never exists twice in memory.

use std::cell::Cell;
use std::io::Write;

use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

use super::data::Prepared;
use super::summary::Summary;
use crate::model::Lang;
use crate::rules::Evidence;

/// The 双交办 pair of one item.
#[derive(Serialize)]
struct AssigneesRow<'a> {
    region: &'a str,
    department: &'a str,
    /// 整改责任单位 (the owner).
    responsible: &'a str,
    /// 承接单位 of a merge (the target's owner).
    receiving: Option<&'a str>,
    /// Ids of the platforms this one takes over (its owner's 承接 task).
    takes_over: Vec<&'a str>,
    /// How the assignees were chosen, in the report's language.
    basis: &'a str,
}

/// One item of `recommendations.json`.
#[derive(Serialize)]
struct RecommendationRow<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    owner: Option<&'a str>,
    level: Option<&'static str>,
    region: Option<&'a str>,
    action: &'static str,
    into: Option<&'a str>,
    rules: &'a [&'static str],
    reasons: Vec<&'a str>,
    assignees: AssigneesRow<'a>,
    deadline: Option<String>,
    saved_minutes_per_month: f64,
    burden_minutes_per_month: f64,
    /// A disposition finer than the action (issue 18): `switch_off_functions`,
    /// `close_when_task_ends`, `move_entry_points`, else null.
    sub_action: Option<&'static str>,
    /// For `switch_off_functions`: the functions to switch off.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    functions_off: &'a [String],
    /// For `move_entry_points`: where the entry points go.
    #[serde(skip_serializing_if = "Option::is_none")]
    entry_target: Option<&'a str>,
    /// Conditions the action is carried out under (`carry_users_over`, `no_new_builds`,
    /// `delete_data`).
    conditions: Vec<&'static str>,
}

/// Serializes an iterator lazily as a JSON array. The iterator is taken out of the cell
/// on first use, which is the only use serde makes of it.
struct Stream<I>(Cell<Option<I>>);

impl<I> Stream<I> {
    fn new(iter: I) -> Stream<I> {
        Stream(Cell::new(Some(iter)))
    }
}

impl<I, T> Serialize for Stream<I>
where
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        if let Some(iter) = self.0.take() {
            for item in iter {
                seq.serialize_element(&item)?;
            }
        }
        seq.end()
    }
}

#[derive(Serialize)]
#[serde(bound(serialize = "I: Iterator, I::Item: Serialize"))]
struct RecommendationsDoc<'a, I> {
    as_of: String,
    summary: &'a Summary,
    items: Stream<I>,
}

/// Writes `recommendations.json`: the summary and exactly one item per platform, in id
/// order.
pub(crate) fn write_recommendations(
    prep: &Prepared<'_>,
    out: impl Write,
) -> serde_json::Result<()> {
    let lang = prep.lang();
    let items = prep.order.iter().map(move |&idx| {
        let p = prep.platform(idx);
        let rec = prep.rec(idx);
        RecommendationRow {
            id: &p.id,
            name: &p.name,
            kind: p.kind.code(),
            owner: p.owner.as_deref(),
            level: p.level.map(|l| l.code()),
            region: p.region.as_deref(),
            action: rec.action.code(),
            into: prep.merge_target(idx).map(|t| t.id.as_str()),
            rules: &rec.rules,
            reasons: rec.reasons.iter().map(|m| m.get(lang)).collect(),
            assignees: AssigneesRow {
                region: &rec.assignees.region,
                department: &rec.assignees.department,
                responsible: &rec.assignees.responsible,
                receiving: rec.assignees.receiving.as_deref(),
                takes_over: rec
                    .assignees
                    .takes_over
                    .iter()
                    .filter_map(|&i| prep.view.platforms.get(i).map(|p| p.id.as_str()))
                    .collect(),
                basis: rec.assignees.basis.get(lang),
            },
            deadline: rec.deadline.map(|d| d.to_string()),
            saved_minutes_per_month: Prepared::minutes(rec.saved_minutes_per_month),
            burden_minutes_per_month: Prepared::minutes(rec.burden_minutes_per_month),
            sub_action: rec
                .disposition
                .sub_action
                .map(crate::recommend::disposition::sub_action_code),
            functions_off: &rec.disposition.functions_off,
            entry_target: rec.disposition.entry_target.as_deref(),
            conditions: rec
                .disposition
                .conditions
                .iter()
                .map(|c| c.code())
                .collect(),
        }
    });
    let doc = RecommendationsDoc {
        as_of: prep.view.as_of.to_string(),
        summary: &prep.summary,
        items: Stream::new(items),
    };
    serde_json::to_writer_pretty(out, &doc)
}

#[derive(Serialize)]
struct EvidenceRow<'a> {
    source: &'a str,
    line: Option<usize>,
    text: &'a str,
}

impl<'a> EvidenceRow<'a> {
    fn new(e: &'a Evidence) -> EvidenceRow<'a> {
        EvidenceRow {
            source: &e.source,
            line: e.line,
            text: &e.text,
        }
    }
}

/// One item of `flags.json`.
#[derive(Serialize)]
struct FlagRow<'a> {
    id: &'a str,
    name: &'a str,
    rule: &'static str,
    severity: &'static str,
    waived: Option<&'a str>,
    message: &'a str,
    evidence: Vec<EvidenceRow<'a>>,
}

#[derive(Serialize)]
#[serde(bound(serialize = "I: Iterator, I::Item: Serialize"))]
struct ItemsDoc<I> {
    as_of: String,
    items: Stream<I>,
}

/// Writes `flags.json`: every finding, in platform id then rule order.
pub(crate) fn write_flags(prep: &Prepared<'_>, out: impl Write) -> serde_json::Result<()> {
    let lang: Lang = prep.lang();
    let items = prep.findings_in_order().map(move |f| {
        let p = prep.platform(f.platform);
        FlagRow {
            id: &p.id,
            name: &p.name,
            rule: f.rule,
            severity: f.severity.code(),
            waived: f.waived.as_deref(),
            message: f.message.get(lang),
            evidence: f.evidence.iter().map(EvidenceRow::new).collect(),
        }
    });
    serde_json::to_writer_pretty(
        out,
        &ItemsDoc {
            as_of: prep.view.as_of.to_string(),
            items: Stream::new(items),
        },
    )
}

/// One item of `clusters.json`.
#[derive(Serialize)]
struct ClusterRow<'a> {
    cluster: usize,
    members: Vec<&'a str>,
    target: &'a str,
    similarity: f64,
    shared_functions: &'a [&'a str],
    shared_data_fields: &'a [&'a str],
}

/// Rounds a similarity to three decimals, as every format prints it.
pub(crate) fn round3(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1000.0).round() / 1000.0
    } else {
        0.0
    }
}

/// Writes `clusters.json`.
pub(crate) fn write_clusters(prep: &Prepared<'_>, out: impl Write) -> serde_json::Result<()> {
    let items = prep.clusters.iter().map(|c| ClusterRow {
        cluster: c.number,
        members: c
            .members
            .iter()
            .map(|&m| prep.platform(m).id.as_str())
            .collect(),
        target: &prep.platform(c.target).id,
        similarity: round3(c.similarity),
        shared_functions: &c.shared_functions,
        shared_data_fields: &c.shared_data_fields,
    });
    serde_json::to_writer_pretty(
        out,
        &ItemsDoc {
            as_of: prep.view.as_of.to_string(),
            items: Stream::new(items),
        },
    )
}

/// One item of `problems.json`.
#[derive(Serialize)]
struct ProblemRow<'a> {
    file: &'a str,
    sheet: Option<&'a str>,
    row: Option<usize>,
    column: Option<&'a str>,
    kind: &'a str,
    level: &'static str,
    message: &'a str,
}

/// Writes `problems.json`: every input problem, in the order the pipeline sorted them.
pub(crate) fn write_problems(prep: &Prepared<'_>, out: impl Write) -> serde_json::Result<()> {
    let items = prep.view.problems.iter().map(|p| ProblemRow {
        file: &p.file,
        sheet: p.sheet.as_deref(),
        row: p.row,
        column: p.column.as_deref(),
        kind: &p.kind,
        level: p.level.code(),
        message: &p.message,
    });
    serde_json::to_writer_pretty(
        out,
        &ItemsDoc {
            as_of: prep.view.as_of.to_string(),
            items: Stream::new(items),
        },
    )
}
