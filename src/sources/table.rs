//! The part of CSV and XLSX reading that does not care about the file format: finding
//! the header row below any title rows, mapping headers to columns, and turning the rows
//! under it into records.

use std::collections::BTreeSet;

use crate::model::{Problem, ProblemLevel, Record};

use super::columns::{match_header, HeaderMatch};
use super::row::{Cell, RowBuilder, RowPlace};

/// How many leading rows may hold titles ("澄岚市政务APP台账（2026年）") before the
/// header.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// Records and problems collected from one file, plus the unknown headers already
/// reported for it (reported once per file, even across sheets).
#[derive(Debug, Default)]
pub struct FileOut {
    /// Records in row order.
    pub records: Vec<Record>,
    /// Problems in the order met.
    pub problems: Vec<Problem>,
    /// Unknown headers already reported for this file.
    pub reported_unknown: BTreeSet<String>,
}

/// What happened to one table (a CSV file or an XLSX sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableOutcome {
    /// A header was found; this many records were read.
    Read(usize),
    /// No row had any value.
    Empty,
    /// Rows had values, but none of the first rows looked like a header.
    NoHeader,
}

/// One header cell mapped to where its values go.
#[derive(Debug, Clone)]
enum Slot {
    /// A known column, with the header as written.
    Known(HeaderMatch, String),
    /// Kept in `Record.extra` under this name.
    Extra(String),
}

/// The text of a header cell as written (trimmed, without a stray BOM), so problems
/// and extra attributes name the column the way the bureau's table does.
fn header_text(cell: &Cell<'_>) -> String {
    match cell {
        Cell::Text(text) => text
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
            .to_owned(),
        Cell::Int(n) => n.to_string(),
        Cell::Float(x) => x.to_string(),
        _ => String::new(),
    }
}

/// How many distinct known columns a row's cells name.
pub fn header_score(cells: &[Cell<'_>]) -> usize {
    let mut columns: Vec<_> = cells
        .iter()
        .filter_map(|cell| match cell {
            Cell::Text(text) => match_header(text).map(|m| m.column),
            _ => None,
        })
        .collect();
    columns.sort();
    columns.dedup();
    columns.len()
}

/// Picks the header among the first rows: the first that names at least two known
/// columns, else the first that names one.
pub fn find_header<'r, 'c: 'r>(rows: impl IntoIterator<Item = &'r [Cell<'c>]>) -> Option<usize> {
    let scores: Vec<usize> = rows
        .into_iter()
        .take(HEADER_SEARCH_ROWS)
        .map(header_score)
        .collect();
    scores
        .iter()
        .position(|&score| score >= 2)
        .or_else(|| scores.iter().position(|&score| score >= 1))
}

/// Where a table sits, for problems.
#[derive(Debug, Clone, Copy)]
pub struct TablePlace<'a> {
    /// File path relative to the inventory.
    pub file: &'a str,
    /// Sheet name for XLSX.
    pub sheet: Option<&'a str>,
}

impl TablePlace<'_> {
    fn at(&self, row: usize) -> RowPlace<'_> {
        RowPlace {
            file: self.file,
            sheet: self.sheet,
            row,
        }
    }
}

fn build_slots(
    place: TablePlace<'_>,
    header_row: usize,
    cells: &[Cell<'_>],
    out: &mut FileOut,
) -> Vec<Slot> {
    let mut seen = BTreeSet::new();
    let mut slots = Vec::with_capacity(cells.len());
    for (index, cell) in cells.iter().enumerate() {
        let written = header_text(cell);
        let slot = if written.is_empty() {
            Slot::Extra(format!("第{}列", index + 1))
        } else {
            match match_header(&written) {
                Some(matched) if seen.insert(matched.column) => Slot::Known(matched, written),
                Some(matched) => {
                    out.problems.push(place.at(header_row).problem(
                        Some(&written),
                        "duplicate-column",
                        ProblemLevel::Warning,
                        format!(
                            "列“{written}”与前面的列同为“{}”，只读取第一列，本列作为附加属性保留",
                            matched.column.code()
                        ),
                    ));
                    Slot::Extra(written)
                }
                None => {
                    if out.reported_unknown.insert(written.clone()) {
                        out.problems.push(place.at(header_row).problem(
                            Some(&written),
                            "unknown-column",
                            ProblemLevel::Warning,
                            format!("未识别的列“{written}”，已作为附加属性保留"),
                        ));
                    }
                    Slot::Extra(written)
                }
            }
        };
        slots.push(slot);
    }
    slots
}

/// Reads a table from its rows (1-based row number and cells). `check_width` reports
/// rows with more or fewer fields than the header (CSV; XLSX rows are always as wide
/// as the sheet).
pub fn read_table<'c>(
    place: TablePlace<'_>,
    rows: impl IntoIterator<Item = (usize, Vec<Cell<'c>>)>,
    check_width: bool,
    out: &mut FileOut,
) -> TableOutcome {
    let mut rows = rows.into_iter();
    // The first rows with values (and the blank rows among them, which may separate
    // records right under the header).
    let mut head: Vec<(usize, Vec<Cell<'c>>)> = Vec::new();
    let mut n_filled = 0;
    for row in rows.by_ref() {
        let empty = row.1.iter().all(is_empty_cell);
        if !empty {
            n_filled += 1;
        } else if n_filled == 0 {
            continue;
        }
        head.push(row);
        if n_filled == HEADER_SEARCH_ROWS {
            break;
        }
    }
    if head.is_empty() {
        return TableOutcome::Empty;
    }
    let filled: Vec<usize> = (0..head.len())
        .filter(|&i| !head[i].1.iter().all(is_empty_cell))
        .collect();
    let Some(header_index) = find_header(filled.iter().map(|&i| head[i].1.as_slice()))
        .and_then(|i| filled.get(i).copied())
    else {
        return TableOutcome::NoHeader;
    };
    let mut head = head.into_iter().skip(header_index);
    let Some((header_row, header_cells)) = head.next() else {
        return TableOutcome::NoHeader;
    };
    let slots = build_slots(place, header_row, &header_cells, out);
    let mut n_records = 0;
    // The first of a run of blank rows, reported once a row with values follows it
    // (blank rows at the end of a sheet are not separators).
    let mut blank_run: Option<usize> = None;
    for (row, cells) in head.chain(rows) {
        if cells.iter().all(is_empty_cell) {
            blank_run.get_or_insert(row);
            continue;
        }
        if let Some(blank) = blank_run.take() {
            if n_records > 0 {
                out.problems.push(place.at(blank).problem(
                    None,
                    "skipped-row",
                    ProblemLevel::Info,
                    format!("第 {blank} 行起是空白分隔行，已跳过"),
                ));
            }
        }
        if let Some(what) = super::register::classify_row(&cells) {
            out.problems
                .push(super::register::skipped_problem(place.at(row), what));
            continue;
        }
        if read_row(place, &slots, row, cells, check_width, out) {
            n_records += 1;
        }
    }
    TableOutcome::Read(n_records)
}

fn is_empty_cell(cell: &Cell<'_>) -> bool {
    match cell {
        Cell::Empty => true,
        Cell::Text(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// Reads one row under the header; returns whether it became a record.
fn read_row(
    place: TablePlace<'_>,
    slots: &[Slot],
    row: usize,
    cells: Vec<Cell<'_>>,
    check_width: bool,
    out: &mut FileOut,
) -> bool {
    if cells.iter().all(is_empty_cell) {
        return false;
    }
    let row_place = place.at(row);
    let n_cells = cells.len();
    if check_width && n_cells != slots.len() {
        let surplus_has_values = cells.iter().skip(slots.len()).any(|c| !is_empty_cell(c));
        if n_cells < slots.len() {
            out.problems.push(row_place.problem(
                None,
                "malformed-row",
                ProblemLevel::Warning,
                format!(
                    "本行只有 {n_cells} 个字段，表头有 {} 列，缺少的列按空值处理",
                    slots.len()
                ),
            ));
        } else if surplus_has_values {
            out.problems.push(row_place.problem(
                None,
                "malformed-row",
                ProblemLevel::Error,
                format!(
                    "本行有 {n_cells} 个字段，多于表头的 {} 列，多出的值已忽略（可能是未加引号的逗号）",
                    slots.len()
                ),
            ));
        }
    }
    let mut builder = RowBuilder::new(row_place);
    for (cell, slot) in cells.into_iter().zip(slots) {
        match slot {
            Slot::Known(matched, written) => {
                builder.put(*matched, written, cell, &mut out.problems);
            }
            Slot::Extra(written) => builder.put_extra(written, cell, &mut out.problems),
        }
    }
    match builder.finish() {
        Some(record) => {
            out.records.push(record);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn row(cells: &[&'static str]) -> Vec<Cell<'static>> {
        cells
            .iter()
            .map(|c| Cell::Text(Cow::Borrowed(*c)))
            .collect()
    }

    #[test]
    fn header_below_a_title_row() {
        let rows = vec![
            (1, row(&["澄岚市政务APP台账（2026年）", "", ""])),
            (2, row(&["序号", "应用名称", "主管单位"])),
            (3, row(&["1", "澄岚通", "澄岚市大数据局"])),
            (4, row(&["", "", ""])),
            (5, row(&["2", "澄岚办", "澄岚市政务服务中心"])),
        ];
        let mut out = FileOut::default();
        let place = TablePlace {
            file: "a.csv",
            sheet: None,
        };
        assert_eq!(
            read_table(place, rows, true, &mut out),
            TableOutcome::Read(2)
        );
        // The blank row between the records is listed, at info level.
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert_eq!(out.problems[0].kind, "skipped-row");
        assert_eq!(out.problems[0].row, Some(4));
        assert_eq!(out.problems[0].level, ProblemLevel::Info);
        assert_eq!(out.records[1].name.as_deref(), Some("澄岚办"));
        assert_eq!(out.records[1].provenance.row, 5);
    }

    #[test]
    fn no_header_and_empty() {
        let mut out = FileOut::default();
        let place = TablePlace {
            file: "a.csv",
            sheet: None,
        };
        let rows = vec![(1, row(&["甲", "乙"])), (2, row(&["丙", "丁"]))];
        assert_eq!(
            read_table(place, rows, true, &mut out),
            TableOutcome::NoHeader
        );
        let rows = vec![(1, row(&["", ""]))];
        assert_eq!(read_table(place, rows, true, &mut out), TableOutcome::Empty);
    }

    #[test]
    fn footers_totals_and_notes_under_the_table_are_skipped_and_listed() {
        let rows = vec![
            (1, row(&["澄岚市政务新媒体账号台账", "", ""])),
            (2, row(&["填报单位：澄岚市网信办", "", ""])),
            (3, row(&["序号", "账号名称", "主办单位"])),
            (4, row(&["1", "澄岚发布", "澄岚市委宣传部"])),
            (5, row(&["2", "澄岚公安", "澄岚市公安局"])),
            (6, row(&["合计", "2", ""])),
            (7, row(&["注：本表按季度更新。", "", ""])),
            (
                8,
                row(&["填表人：张三", "审核人：李四", "联系电话：0771-1234567"]),
            ),
            (9, row(&["", "", ""])),
        ];
        let mut out = FileOut::default();
        let place = TablePlace {
            file: "a.csv",
            sheet: None,
        };
        assert_eq!(
            read_table(place, rows, true, &mut out),
            TableOutcome::Read(2)
        );
        let skipped: Vec<_> = out
            .problems
            .iter()
            .map(|p| (p.row, p.kind.as_str(), p.level))
            .collect();
        assert_eq!(
            skipped,
            [
                (Some(6), "skipped-row", ProblemLevel::Info),
                (Some(7), "skipped-row", ProblemLevel::Info),
                (Some(8), "skipped-row", ProblemLevel::Info),
            ]
        );
        assert!(
            out.problems[2].message.contains("填表人"),
            "{}",
            out.problems[2].message
        );
    }
}
