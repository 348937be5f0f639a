//! `assignments.csv`: the 双交办 task list, one row per recommendation other than keep
//! and one per merge target (its owner, the 承接单位, takes the members over), assigned
//! to both the 属地 region government and the 行业主管 department, with the corrective
//! measure, the deadline and an empty 反馈情况 column to fill in.
//!
//! Written as UTF-8 with a BOM so that Excel on Windows opens the Chinese text
//! correctly. Every cell passes the formula guard (`escape::csv_cell`). The XLSX sheet
//! 双交办任务单 uses the same rows.

use std::io::Write;

use chrono::NaiveDate;

use super::data::Prepared;
use super::escape;
use super::text::{self, tr};
use crate::model::Lang;
use crate::recommend::Action;

/// Column headers of the 双交办 list.
pub(crate) fn assignment_headers(lang: Lang) -> [&'static str; 13] {
    [
        tr(lang, "序号", "No."),
        tr(lang, "编号", "ID"),
        tr(lang, "名称", "Name"),
        tr(lang, "类型", "Kind"),
        tr(lang, "层级", "Level"),
        tr(lang, "主管单位", "Owner"),
        tr(lang, "处置建议", "Action"),
        tr(lang, "依据规则", "Rules"),
        tr(lang, "属地责任单位", "Regional government"),
        tr(lang, "行业主管部门", "Line department"),
        tr(lang, "整改措施", "Measures"),
        tr(lang, "完成时限", "Deadline"),
        tr(lang, "反馈情况", "Feedback"),
    ]
}

/// Index of the deadline column, which XLSX writes as a date.
pub(crate) const DEADLINE_COL: usize = 11;

/// One row of the 双交办 list: text cells (the deadline cell holds the ISO date) and the
/// deadline as a date.
pub(crate) struct AssignmentRow {
    /// Cell texts, one per header.
    pub cells: [String; 13],
    /// The deadline.
    pub deadline: Option<NaiveDate>,
}

/// The 双交办 rows: every platform with an action other than keep or a takeover task,
/// in id order.
pub(crate) fn assignment_rows<'p>(
    prep: &'p Prepared<'_>,
) -> impl Iterator<Item = AssignmentRow> + 'p {
    let lang = prep.lang();
    prep.order
        .iter()
        .copied()
        .filter(move |&idx| {
            let rec = prep.rec(idx);
            rec.action != Action::Keep || !rec.assignees.takes_over.is_empty()
        })
        .enumerate()
        .map(move |(n, idx)| {
            let p = prep.platform(idx);
            let rec = prep.rec(idx);
            let target = prep
                .merge_target(idx)
                .map(|t| format!("{}（{}）", t.name, t.id));
            let mut measure = text::measure(rec.action, &rec.rules, target.as_deref(), lang);
            // A merge target's owner is the 承接单位: its own task, by the members' deadline.
            if !rec.assignees.takes_over.is_empty() {
                let members: Vec<String> = rec
                    .assignees
                    .takes_over
                    .iter()
                    .map(|&m| {
                        let p = prep.platform(m);
                        format!("{}（{}）", p.name, p.id)
                    })
                    .collect();
                let takeover = match lang {
                    Lang::Zh => format!(
                        "承接单位：接收{}的功能和数据，迁移完成后向属地和行业主管部门报告",
                        members.join("、")
                    ),
                    Lang::En => format!(
                        "receiving unit: take over the functions and data of {}, then report to both assignees",
                        members.join(", ")
                    ),
                };
                measure = if measure.is_empty() {
                    takeover
                } else {
                    format!("{measure}；{takeover}")
                };
            }
            let deadline = rec.deadline.max(rec.assignees.takeover_deadline);
            AssignmentRow {
                cells: [
                    (n + 1).to_string(),
                    p.id.clone(),
                    p.name.clone(),
                    text::kind(p.kind, lang).to_string(),
                    text::level(p.level, lang).to_string(),
                    p.owner.clone().unwrap_or_default(),
                    text::action(rec.action, lang).to_string(),
                    rec.rules.join(", "),
                    rec.assignees.region.clone(),
                    rec.assignees.department.clone(),
                    measure,
                    deadline.map(|d| d.to_string()).unwrap_or_default(),
                    String::new(),
                ],
                deadline,
            }
        })
}

/// Writes `assignments.csv`.
pub(crate) fn write_assignments(prep: &Prepared<'_>, mut out: impl Write) -> std::io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(assignment_headers(prep.lang()))?;
    for row in assignment_rows(prep) {
        writer.write_record(row.cells.iter().map(|c| escape::csv_cell(c).into_owned()))?;
    }
    writer.flush()
}
