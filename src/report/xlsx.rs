//! `report.xlsx`, the 台账 workbook: sheets 总表 (every platform), 整合关停清单, 问题清单,
//! 双交办任务单, 重复采集 (overlap clusters and the data they collect twice) and 输入问题.
//!
//! Every sheet has a bold frozen header, an autofilter and set column widths; dates are
//! real dates with a date format. Text from the input is always written with
//! `write_string`, which stores a string cell, so a name like `=HYPERLINK(…)` is never a
//! formula. Sheets are capped at `ReportOptions::max_xlsx_rows` rows with a note below.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError,
};

use super::columns;
use super::csv::{assignment_headers, assignment_rows, DEADLINE_COL};
use super::data::Prepared;
use super::escape::xlsx_cell;
use super::json::round3;
use super::text::{self, tr};
use crate::error::{Error, Result};
use crate::model::Lang;
use crate::recommend::Action;

/// A cell value of a sheet row.
enum Cell {
    Text(String),
    Number(f64),
    Date(Option<NaiveDate>),
}

/// Formats, row cap and language shared by every sheet.
struct Formats {
    header: Format,
    date: Format,
    text: Format,
    note: Format,
    cap: usize,
    lang: Lang,
}

/// Writes a sheet: header, rows (capped), frozen header, autofilter and widths.
fn sheet(
    ws: &mut Worksheet,
    name: &str,
    headers: &[(&str, f64)],
    rows: impl Iterator<Item = Vec<Cell>>,
    total: usize,
    formats: &Formats,
) -> std::result::Result<(), XlsxError> {
    let (cap, lang) = (formats.cap, formats.lang);
    ws.set_name(name)?;
    for (col, (header, width)) in headers.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, *header, &formats.header)?;
        ws.set_column_width(col, *width)?;
    }
    let mut written: u32 = 0;
    for row in rows.take(cap) {
        let r = written + 1;
        for (col, cell) in row.into_iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(s) => {
                    if !s.is_empty() {
                        ws.write_string_with_format(r, col, xlsx_cell(&s), &formats.text)?;
                    }
                }
                Cell::Number(x) => {
                    if x.is_finite() {
                        ws.write_number(r, col, x)?;
                    }
                }
                Cell::Date(Some(d)) => {
                    if let Some(date) = excel_date(d) {
                        ws.write_datetime_with_format(r, col, &date, &formats.date)?;
                    } else {
                        ws.write_string(r, col, d.to_string())?;
                    }
                }
                Cell::Date(None) => {}
            }
        }
        written += 1;
    }
    let last_col = headers.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, written.max(1), last_col)?;
    if (written as usize) < total {
        let note = match lang {
            Lang::Zh => format!(
                "仅列出前 {written} 行（共 {total} 行），完整清单见 recommendations.json / flags.json / assignments.csv。"
            ),
            Lang::En => format!(
                "Showing the first {written} of {total} rows; the full lists are in recommendations.json, flags.json and assignments.csv."
            ),
        };
        ws.write_string_with_format(written + 2, 0, note, &formats.note)?;
    }
    Ok(())
}

/// Adds a worksheet whose rows go to a temporary file as they are written ("low memory"
/// mode: the same shared strings as a standard sheet, without holding every cell in
/// memory; at a million platforms the six sheets held ~300 MB). Falls back to a standard
/// sheet when no temporary file can be made.
fn new_sheet(wb: &mut Workbook) -> std::result::Result<&mut Worksheet, XlsxError> {
    if wb.add_worksheet_with_low_memory().is_err() {
        wb.add_worksheet();
    }
    wb.worksheets_mut()
        .last_mut()
        .ok_or_else(|| XlsxError::ParameterError("no worksheet was added".to_owned()))
}

/// An Excel date for dates Excel can show (1900-01-01 to 9999-12-31).
fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// Writes `report.xlsx` at `path`.
pub(crate) fn write(prep: &Prepared<'_>, path: &Path) -> Result<()> {
    build(prep)
        .and_then(|mut wb| wb.save(path))
        .map_err(|e| Error::io(path, std::io::Error::other(e)))
}

fn build(prep: &Prepared<'_>) -> std::result::Result<Workbook, XlsxError> {
    let lang = prep.lang();
    let cap = prep.options.max_xlsx_rows.min(1_048_000);
    let t = |zh, en| tr(lang, zh, en);
    let formats = Formats {
        header: Format::new()
            .set_bold()
            .set_background_color("#DDEBF7")
            .set_align(FormatAlign::Center),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        text: Format::new().set_num_format("@"),
        note: Format::new().set_italic(),
        cap,
        lang,
    };
    let mut wb = Workbook::new();
    // The creation time is the audit date, not the clock, so the file is reproducible.
    let mut properties = DocProperties::new()
        .set_title(t("“指尖上的形式主义”清理整治审计台账", "Audit ledger"))
        .set_author("fingertip");
    if let Some(created) = excel_date(prep.view.as_of) {
        properties = properties.set_creation_datetime(&created);
    }
    wb.set_properties(&properties);
    // Deflating the sheet XML dominates saving a big workbook; the fastest level keeps a
    // registry of a million platforms within seconds at the cost of a larger file.
    if prep.order.len() > 20_000 {
        wb.set_zip_compression_level(1);
    }
    let n = prep.order.len();
    let view = prep.view;

    // 总表: every platform with its recommendation.
    let headers = columns::xlsx_headers(&columns::recommendations::XLSX, lang);
    let rows = prep.order.iter().map(|&idx| {
        let p = prep.platform(idx);
        let rec = prep.rec(idx);
        let reasons: Vec<&str> = rec.reasons.iter().map(|m| m.get(lang)).collect();
        vec![
            Cell::Text(p.id.clone()),
            Cell::Text(p.name.clone()),
            Cell::Text(text::kind(p.kind, lang).into()),
            Cell::Text(p.owner.clone().unwrap_or_default()),
            Cell::Text(p.department.clone().unwrap_or_default()),
            Cell::Text(text::level(p.level, lang).into()),
            Cell::Text(p.region.clone().unwrap_or_default()),
            Cell::Text(p.channel.clone().unwrap_or_default()),
            Cell::Text(text::action(rec.action, lang).into()),
            Cell::Text(
                prep.merge_target(idx)
                    .map(|t| t.id.clone())
                    .unwrap_or_default(),
            ),
            Cell::Text(rec.rules.join(", ")),
            Cell::Text(reasons.join(t("；", "; "))),
            Cell::Text(rec.assignees.region.clone()),
            Cell::Text(rec.assignees.department.clone()),
            Cell::Date(rec.deadline),
            Cell::Number(Prepared::minutes(rec.burden_minutes_per_month)),
            Cell::Number(Prepared::minutes(rec.saved_minutes_per_month)),
            p.users
                .map_or(Cell::Text(String::new()), |u| Cell::Number(u as f64)),
            p.monthly_active
                .map_or(Cell::Text(String::new()), |u| Cell::Number(u as f64)),
            Cell::Date(p.created),
            Cell::Date(p.last_update),
            Cell::Date(p.last_active),
            Cell::Text(match lang {
                crate::model::Lang::Zh => rec.disposition.summary_zh(),
                crate::model::Lang::En => rec.disposition.summary_en(),
            }),
        ]
    });
    sheet(
        new_sheet(&mut wb)?,
        t("总表", "All platforms"),
        &headers,
        rows,
        n,
        &formats,
    )?;

    // 整合关停清单: merges, shutdowns and dissolutions.
    let retiring = |idx: &usize| {
        matches!(
            prep.rec(*idx).action,
            Action::Merge | Action::Shutdown | Action::Dissolve
        )
    };
    let total = prep.summary.by_action.get("merge").copied().unwrap_or(0)
        + prep.summary.by_action.get("shutdown").copied().unwrap_or(0)
        + prep.summary.by_action.get("dissolve").copied().unwrap_or(0);
    let headers = [
        (t("编号", "ID"), 14.0),
        (t("名称", "Name"), 28.0),
        (t("类型", "Kind"), 12.0),
        (t("主管单位", "Owner"), 22.0),
        (t("层级", "Level"), 10.0),
        (t("处置建议", "Action"), 10.0),
        (t("整合目标编号", "Target ID"), 14.0),
        (t("整合目标名称", "Target name"), 24.0),
        (t("理由", "Reasons"), 60.0),
        (t("完成时限", "Deadline"), 12.0),
        (t("月节省（分钟）", "Saved (min/month)"), 12.0),
    ];
    let rows = prep.order.iter().filter(|i| retiring(i)).map(|&idx| {
        let p = prep.platform(idx);
        let rec = prep.rec(idx);
        let target = prep.merge_target(idx);
        let reasons: Vec<&str> = rec.reasons.iter().map(|m| m.get(lang)).collect();
        vec![
            Cell::Text(p.id.clone()),
            Cell::Text(p.name.clone()),
            Cell::Text(text::kind(p.kind, lang).into()),
            Cell::Text(p.owner.clone().unwrap_or_default()),
            Cell::Text(text::level(p.level, lang).into()),
            Cell::Text(text::action(rec.action, lang).into()),
            Cell::Text(target.map(|t| t.id.clone()).unwrap_or_default()),
            Cell::Text(target.map(|t| t.name.clone()).unwrap_or_default()),
            Cell::Text(reasons.join(t("；", "; "))),
            Cell::Date(rec.deadline),
            Cell::Number(Prepared::minutes(rec.saved_minutes_per_month)),
        ]
    });
    sheet(
        new_sheet(&mut wb)?,
        t("整合关停清单", "Merge and shutdown"),
        &headers,
        rows,
        total,
        &formats,
    )?;

    // 问题清单: every finding with its evidence.
    let headers = columns::xlsx_headers(&columns::flags::XLSX, lang);
    let catalog = text::catalog();
    let rows = prep.findings_in_order().map(|f| {
        let p = prep.platform(f.platform);
        let evidence: Vec<String> = f
            .evidence
            .iter()
            .map(|e| match e.line {
                Some(line) => format!("{}:{} {}", e.source, line, e.text),
                None => format!("{} {}", e.source, e.text),
            })
            .collect();
        vec![
            Cell::Text(p.id.clone()),
            Cell::Text(p.name.clone()),
            Cell::Text(f.rule.to_string()),
            Cell::Text(text::severity(f.severity, lang).into()),
            Cell::Text(
                catalog
                    .get(f.rule)
                    .map(|r| r.clause.clone())
                    .unwrap_or_default(),
            ),
            Cell::Text(f.message.get(lang).to_string()),
            Cell::Text(evidence.join("\n")),
            Cell::Text(f.waived.clone().unwrap_or_default()),
        ]
    });
    sheet(
        new_sheet(&mut wb)?,
        t("问题清单", "Flags"),
        &headers,
        rows,
        view.outcome.findings.len(),
        &formats,
    )?;

    // 双交办任务单.
    let widths = [
        6.0, 14.0, 28.0, 12.0, 10.0, 22.0, 10.0, 24.0, 20.0, 20.0, 50.0, 12.0, 30.0,
    ];
    let assignment_header = assignment_headers(lang);
    let headers: Vec<(&str, f64)> = assignment_header.iter().copied().zip(widths).collect();
    let total = n - prep.summary.by_action.get("keep").copied().unwrap_or(0);
    let rows = assignment_rows(prep).map(|row| {
        let deadline = row.deadline;
        row.cells
            .into_iter()
            .enumerate()
            .map(|(col, cell)| {
                if col == DEADLINE_COL {
                    Cell::Date(deadline)
                } else {
                    Cell::Text(cell)
                }
            })
            .collect()
    });
    sheet(
        new_sheet(&mut wb)?,
        t("双交办任务单", "Dual assignments"),
        &headers,
        rows,
        total,
        &formats,
    )?;

    // 重复采集: one row per cluster, with what its members collect twice.
    let headers = [
        (t("聚类", "Cluster"), 8.0),
        (t("整合目标编号", "Target ID"), 14.0),
        (t("整合目标名称", "Target name"), 24.0),
        (t("成员数", "Members"), 8.0),
        (t("重复平台", "Duplicates"), 50.0),
        (t("相似度", "Similarity"), 10.0),
        (t("共同功能", "Shared functions"), 40.0),
        (t("重复采集数据项", "Data collected twice"), 40.0),
    ];
    let rows = prep.clusters.iter().map(|c| {
        let target = prep.platform(c.target);
        let others: Vec<String> = c
            .members
            .iter()
            .filter(|&&m| m != c.target)
            .map(|&m| prep.label(m))
            .collect();
        vec![
            Cell::Number(c.number as f64),
            Cell::Text(target.id.clone()),
            Cell::Text(target.name.clone()),
            Cell::Number(c.members.len() as f64),
            Cell::Text(others.join("、")),
            Cell::Number(round3(c.similarity)),
            Cell::Text(c.shared_functions.join("、")),
            Cell::Text(c.shared_data_fields.join("、")),
        ]
    });
    sheet(
        new_sheet(&mut wb)?,
        t("重复采集", "Duplicate collection"),
        &headers,
        rows,
        prep.clusters.len(),
        &formats,
    )?;

    // 输入问题.
    let headers = columns::xlsx_headers(&columns::problems::ALL, lang);
    let rows = view.problems.iter().map(|p| {
        vec![
            Cell::Text(p.file.clone()),
            Cell::Text(p.sheet.clone().unwrap_or_default()),
            p.row
                .map_or(Cell::Text(String::new()), |r| Cell::Number(r as f64)),
            Cell::Text(p.column.clone().unwrap_or_default()),
            Cell::Text(p.kind.clone()),
            Cell::Text(text::problem_level(p.level, lang).into()),
            Cell::Text(p.message.clone()),
        ]
    });
    sheet(
        new_sheet(&mut wb)?,
        t("输入问题", "Input problems"),
        &headers,
        rows,
        view.problems.len(),
        &formats,
    )?;
    Ok(wb)
}
