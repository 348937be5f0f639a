//! XLSX workbooks (calamine): every sheet with a header row is a table. Date-formatted
//! cells arrive as dates; a file that is not a readable workbook (truncated, a CSV
//! renamed `.xlsx`) is one `unreadable-file` problem.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Dimensions, Range, Reader, Xlsx};
use chrono::NaiveDate;

use crate::model::{Problem, ProblemLevel};

use super::row::Cell;
use super::table::{read_table, FileOut, TableOutcome, TablePlace};

/// Reads an XLSX file's bytes into `out`. Returns the number of records read.
pub fn read_xlsx(file: &str, bytes: Vec<u8>, out: &mut FileOut) -> usize {
    // calamine is not expected to panic on bad input, but a workbook is a zip of XML
    // written by many tools; a panic inside it must cost one file, not the run.
    let n_problems = out.problems.len();
    let n_records = out.records.len();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(file, bytes, out)
    }));
    match result {
        Ok(n) => n,
        Err(_) => {
            // Drop whatever the failed read left half-done.
            out.problems.truncate(n_problems);
            out.records.truncate(n_records);
            out.problems.push(unreadable(file, None, "解析时内部错误"));
            0
        }
    }
}

fn read_workbook(file: &str, bytes: Vec<u8>, out: &mut FileOut) -> usize {
    let mut workbook = match Xlsx::new(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            out.problems
                .push(unreadable(file, None, &error.to_string()));
            return 0;
        }
    };
    let mut n_records = 0;
    let mut n_tables = 0;
    let mut n_unreadable = 0;
    for sheet in workbook.sheet_names() {
        let mut range = match workbook.worksheet_range(&sheet) {
            Ok(range) => range,
            Err(error) => {
                n_unreadable += 1;
                out.problems
                    .push(unreadable(file, Some(&sheet), &error.to_string()));
                continue;
            }
        };
        if let Ok(merges) = workbook.merge_cells_by_sheet_name(&sheet) {
            fill_vertical_merges(&mut range, &merges);
        }
        let first_row = range.start().map_or(0, |(row, _)| row as usize);
        let rows = range.rows().enumerate().map(|(index, cells)| {
            let cells = cells.iter().map(cell_of).collect();
            (first_row + index + 1, cells)
        });
        let place = TablePlace {
            file,
            sheet: Some(&sheet),
        };
        match read_table(place, rows, false, out) {
            TableOutcome::Read(n) => {
                n_records += n;
                n_tables += 1;
            }
            TableOutcome::Empty => {}
            TableOutcome::NoHeader => out.problems.push(Problem {
                file: file.to_owned(),
                sheet: Some(sheet.clone()),
                row: None,
                column: None,
                kind: "no-header".to_owned(),
                message: format!(
                    "工作表“{sheet}”前 {} 行中没有可识别的表头（如 名称、主管单位），已跳过",
                    super::table::HEADER_SEARCH_ROWS
                ),
                level: ProblemLevel::Warning,
            }),
        }
    }
    if n_tables == 0 && n_unreadable == 0 {
        out.problems.push(Problem {
            file: file.to_owned(),
            sheet: None,
            row: None,
            column: None,
            kind: "empty-file".to_owned(),
            message: "工作簿中没有带表头的数据表，未读取任何记录".to_owned(),
            level: ProblemLevel::Warning,
        });
    }
    n_records
}

/// Copies the value of a vertically merged cell into every row it spans. 台账 merge the
/// owner or level cell over the rows it applies to; without this only the first of
/// those rows would have an owner. Horizontal merges (titles, grouped headers) are
/// left alone. Only cells inside the sheet's used range are touched, so a merge over
/// a whole column costs no more than the sheet itself.
fn fill_vertical_merges(range: &mut Range<Data>, merges: &[Dimensions]) {
    for merge in merges {
        let (top, column) = merge.start;
        if merge.end.1 != column || merge.end.0 <= top {
            continue;
        }
        let Some(value) = range.get_value((top, column)).cloned() else {
            continue;
        };
        if value == Data::Empty {
            continue;
        }
        let bottom = range
            .end()
            .map_or(top, |(last_row, _)| merge.end.0.min(last_row));
        for row in top.saturating_add(1)..=bottom {
            if range.get_value((row, column)) == Some(&Data::Empty) {
                range.set_value((row, column), value.clone());
            }
        }
    }
}

fn unreadable(file: &str, sheet: Option<&str>, detail: &str) -> Problem {
    Problem {
        file: file.to_owned(),
        sheet: sheet.map(str::to_owned),
        row: None,
        column: None,
        kind: "unreadable-file".to_owned(),
        message: format!("无法读取 XLSX 文件（文件损坏、不完整或并非 XLSX 格式）：{detail}"),
        level: ProblemLevel::Error,
    }
}

/// Converts a calamine cell. Date-formatted numbers become dates here, so the date
/// columns get a date and other columns still see the number as text.
fn cell_of(data: &Data) -> Cell<'_> {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(Cow::Borrowed(text.as_str())),
        Data::Int(n) => Cell::Int(*n),
        Data::Float(x) => Cell::Float(*x),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(datetime) if datetime.is_datetime() => {
            let serial = datetime.as_f64();
            if !(1.0..2_958_466.0).contains(&serial) {
                return Cell::BadDate(serial);
            }
            let (year, month, day, ..) = datetime.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day)) {
                Some(date) => Cell::Date(date),
                None => Cell::BadDate(serial),
            }
        }
        Data::DateTime(duration) => Cell::Float(duration.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Cell::Text(Cow::Borrowed(text.as_str()))
        }
        Data::Error(error) => Cell::SheetError(error.to_string()),
    }
}
