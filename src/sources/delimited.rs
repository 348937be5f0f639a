//! CSV tables: encoding detection, then the `csv` crate in flexible mode. A quote that
//! is never closed would swallow the rest of the file into one field; such a row is
//! reported and reading starts again on the next line, so one broken row costs one row.

use std::borrow::Cow;

use crate::model::ProblemLevel;

use super::row::{Cell, RowPlace};
use super::table::{find_header, header_score, read_table, FileOut, TableOutcome, TablePlace};
use super::text::{decode, TextEncoding};

/// One parsed CSV record: 1-based line and fields.
type RawRow = (usize, Vec<String>);

/// Reads a CSV file's bytes into `out`; `file` is its path relative to the inventory.
pub fn read_csv(file: &str, bytes: &[u8], out: &mut FileOut) -> TableOutcome {
    let decoded = decode(bytes);
    if let Some((line, count)) = decoded.replaced {
        let encoding = match decoded.encoding {
            TextEncoding::Gb18030 => "GB18030/GBK",
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => "UTF-8",
            TextEncoding::Utf16 => "UTF-16",
        };
        out.problems.push(
            RowPlace {
                file,
                sheet: None,
                row: line,
            }
            .problem(
                None,
                "bad-encoding",
                ProblemLevel::Warning,
                format!(
                    "文件按 {encoding} 读取，有 {count} 处字节无法解码，已替换为“\u{FFFD}”（首处在第 {line} 行）"
                ),
            ),
        );
    }
    let text: &str = &decoded.text;
    let (delimiter, width) = sniff(text);
    let rows = parse_records(file, text, delimiter, width, out);
    let rows = rows.into_iter().map(|(line, fields)| {
        let cells = fields
            .into_iter()
            .map(|field| Cell::Text(Cow::Owned(field)))
            .collect();
        (line, cells)
    });
    read_table(TablePlace { file, sheet: None }, rows, true, out)
}

/// Picks the delimiter (comma, tab or semicolon: Excel's "Unicode text" export uses
/// tabs, some locales semicolons) whose header row names the most known columns, and
/// returns it with that header's field count.
fn sniff(text: &str) -> (u8, Option<usize>) {
    let mut best = (b',', None, 0usize);
    for delimiter in [b',', b'\t', b';'] {
        let mut reader = reader_for(text, delimiter);
        let head: Vec<Vec<Cell<'static>>> = reader
            .records()
            .filter_map(Result::ok)
            .filter(|record| record.iter().any(|field| !field.trim().is_empty()))
            .take(super::table::HEADER_SEARCH_ROWS)
            .map(|record| {
                record
                    .iter()
                    .map(|field| Cell::Text(Cow::Owned(field.to_owned())))
                    .collect()
            })
            .collect();
        let Some(index) = find_header(head.iter().map(Vec::as_slice)) else {
            continue;
        };
        let Some(header) = head.get(index) else {
            continue;
        };
        let score = header_score(header);
        if score > best.2 {
            best = (delimiter, Some(header.len()), score);
        }
    }
    (best.0, best.1)
}

fn reader_for(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// Parses every record, restarting after a record that spans lines and has the wrong
/// number of fields (an unclosed quote).
fn parse_records(
    file: &str,
    text: &str,
    delimiter: u8,
    width: Option<usize>,
    out: &mut FileOut,
) -> Vec<RawRow> {
    let mut rows = Vec::new();
    // Byte offset where the current reader starts and the number of lines before it.
    let mut offset = 0usize;
    let mut lines_before = 0usize;
    'restart: while offset < text.len() {
        let slice = text.get(offset..).unwrap_or_default();
        let mut reader = reader_for(slice, delimiter);
        let mut record = csv::StringRecord::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break 'restart,
                Err(error) => {
                    // Reading a &str cannot fail on UTF-8; report anything else once and
                    // stop this file rather than loop.
                    let line = lines_before + error.position().map_or(1, |p| p.line() as usize);
                    out.problems.push(
                        RowPlace {
                            file,
                            sheet: None,
                            row: line,
                        }
                        .problem(
                            None,
                            "malformed-row",
                            ProblemLevel::Error,
                            format!("CSV 格式错误：{error}；此后内容未读取"),
                        ),
                    );
                    break 'restart;
                }
            }
            let (start_byte, start_line) = record
                .position()
                .map_or((0, 1), |p| (p.byte() as usize, p.line() as usize));
            let line = lines_before + start_line;
            let spans_lines = record.iter().any(|field| field.contains(['\n', '\r']));
            let wrong_width = width.is_some_and(|w| record.len() != w);
            if spans_lines && wrong_width {
                out.problems.push(
                    RowPlace {
                        file,
                        sheet: None,
                        row: line,
                    }
                    .problem(
                        None,
                        "malformed-row",
                        ProblemLevel::Error,
                        "引号未闭合或字段格式错误，本行已跳过，从下一行继续读取".to_owned(),
                    ),
                );
                // Continue on the line after the broken record's first line.
                let record_start = offset + start_byte;
                let Some(newline) = text.get(record_start..).and_then(|rest| rest.find('\n'))
                else {
                    break 'restart;
                };
                offset = record_start + newline + 1;
                lines_before = line;
                continue 'restart;
            }
            rows.push((line, record.iter().map(str::to_owned).collect()));
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_quote_costs_one_row() {
        let text =
            "名称,主管单位,注册用户数\n甲,单位甲,1\n\"乙,单位乙,2\n丙,单位丙,3\n丁,单位丁,4\n";
        let mut out = FileOut::default();
        let outcome = read_csv("a.csv", text.as_bytes(), &mut out);
        assert_eq!(outcome, TableOutcome::Read(3));
        let names: Vec<_> = out
            .records
            .iter()
            .filter_map(|r| r.name.as_deref())
            .collect();
        assert_eq!(names, ["甲", "丙", "丁"]);
        assert_eq!(out.records[1].provenance.row, 4);
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert_eq!(out.problems[0].kind, "malformed-row");
        assert_eq!(out.problems[0].row, Some(3));
    }

    #[test]
    fn tab_and_semicolon_delimiters_are_sniffed() {
        for text in [
            "名称\t主要功能\n甲\t预约,缴费\n",
            "名称;主要功能\n甲;\"预约,缴费\"\n",
        ] {
            let mut out = FileOut::default();
            assert_eq!(
                read_csv("a.csv", text.as_bytes(), &mut out),
                TableOutcome::Read(1)
            );
            assert_eq!(out.records[0].functions, ["预约", "缴费"], "{text}");
        }
    }

    #[test]
    fn quoted_newlines_are_fine() {
        let text = "名称,主要功能\n甲,\"预约\n缴费\"\n乙,查询\n";
        let mut out = FileOut::default();
        assert_eq!(
            read_csv("a.csv", text.as_bytes(), &mut out),
            TableOutcome::Read(2)
        );
        assert_eq!(out.records[0].functions, ["预约", "缴费"]);
        assert_eq!(out.records[1].provenance.row, 4);
        assert!(out.problems.is_empty());
    }
}
