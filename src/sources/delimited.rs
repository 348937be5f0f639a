//! CSV tables: encoding detection, then the `csv` crate in flexible mode. A quote that
//! is never closed would swallow the rest of the file into one field; such a row is
//! reported and reading starts again on the next line, so one broken row costs one row.

use std::borrow::Cow;

use crate::model::{Problem, ProblemLevel};

use super::row::{Cell, RowPlace};
use super::table::{find_header, header_score, read_table, FileOut, TableOutcome, TablePlace};
use super::text::{decode, TextEncoding};

/// One parsed CSV record: 1-based line and fields.
type RawRow = (usize, Vec<String>);

/// Reads a CSV file's bytes into `out`; `file` is its path relative to the inventory.
pub fn read_csv(file: &str, bytes: &[u8], out: &mut FileOut) -> TableOutcome {
    if let Some(mixed) = decode_mixed(bytes) {
        let shown: Vec<String> = mixed
            .minority_lines
            .iter()
            .take(20)
            .map(usize::to_string)
            .collect();
        let more = if mixed.minority_lines.len() > shown.len() {
            " 等"
        } else {
            ""
        };
        let (major, minor) = if mixed.minority_is_gb {
            ("UTF-8", "GB18030/GBK")
        } else {
            ("GB18030/GBK", "UTF-8")
        };
        out.problems.push(file_problem(
            file,
            mixed.minority_lines.first().copied().unwrap_or(1),
            "mixed-encoding",
            ProblemLevel::Warning,
            format!(
                    "文件混用两种编码：大部分按 {major} 读取，第 {}{more} 行（共 {} 行）按 {minor} 读取",
                    shown.join("、"),
                    mixed.minority_lines.len()
                ),
        ));
        return read_text(file, &mixed.text, out);
    }
    let decoded = decode(bytes);
    if let Some((line, count)) = decoded.replaced {
        let encoding = match decoded.encoding {
            TextEncoding::Gb18030 => "GB18030/GBK",
            TextEncoding::Utf8 | TextEncoding::Utf8Bom => "UTF-8",
            TextEncoding::Utf16 => "UTF-16",
        };
        out.problems.push(file_problem(
            file,
            line,
            "bad-encoding",
            ProblemLevel::Warning,
            format!(
                    "文件按 {encoding} 读取，有 {count} 处字节无法解码，已替换为“\u{FFFD}”（首处在第 {line} 行）"
                ),
        ));
    }
    read_text(file, &decoded.text, out)
}

/// Reads decoded CSV text.
fn read_text(file: &str, text: &str, out: &mut FileOut) -> TableOutcome {
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

/// A file whose lines came from different sources: most lines in one encoding, some in
/// the other.
#[derive(Debug)]
struct Mixed {
    /// The decoded text.
    text: String,
    /// 1-based lines decoded in the minority encoding.
    minority_lines: Vec<usize>,
    /// Whether the minority encoding is GB18030 (else UTF-8).
    minority_is_gb: bool,
}

/// Decodes line by line a file that is neither valid UTF-8 nor valid GB18030 as a
/// whole but whose every line is one or the other (rows pasted from two sources). A
/// line break is one byte in both encodings and never part of a multi-byte sequence, so
/// lines can be cut before decoding. `None` when the file is in one encoding (the
/// whole-file decoder handles it) or when a line is in neither.
///
/// The two encodings are told apart exactly rather than guessed: a line of Chinese in
/// GBK is almost never valid UTF-8, and a line that is valid UTF-8 is taken as UTF-8.
fn decode_mixed(bytes: &[u8]) -> Option<Mixed> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if std::str::from_utf8(bytes).is_ok()
        || encoding_rs::GB18030
            .decode_without_bom_handling_and_without_replacement(bytes)
            .is_some()
    {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut utf8_lines = Vec::new();
    let mut gb_lines = Vec::new();
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if index > 0 {
            text.push('\n');
        }
        if let Ok(line) = std::str::from_utf8(line) {
            if !line.is_ascii() {
                utf8_lines.push(index + 1);
            }
            text.push_str(line);
        } else {
            let decoded =
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(line)?;
            gb_lines.push(index + 1);
            text.push_str(&decoded);
        }
    }
    if utf8_lines.is_empty() || gb_lines.is_empty() {
        return None;
    }
    let minority_is_gb = gb_lines.len() <= utf8_lines.len();
    Some(Mixed {
        text,
        minority_lines: if minority_is_gb { gb_lines } else { utf8_lines },
        minority_is_gb,
    })
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
                    out.problems.push(file_problem(
                        file,
                        line,
                        "malformed-row",
                        ProblemLevel::Error,
                        format!("CSV 格式错误：{error}；此后内容未读取"),
                    ));
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
                out.problems.push(file_problem(
                    file,
                    line,
                    "malformed-row",
                    ProblemLevel::Error,
                    "引号未闭合或字段格式错误，本行已跳过，从下一行继续读取".to_owned(),
                ));
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

/// A problem at `row` of a delimited file (which has no sheets, and no column to name).
fn file_problem(
    file: &str,
    row: usize,
    code: &str,
    level: ProblemLevel,
    message: String,
) -> Problem {
    RowPlace {
        file,
        sheet: None,
        row,
    }
    .problem(None, code, level, message)
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

    #[test]
    fn mixed_utf8_and_gbk_lines_are_both_read() {
        let mut bytes = "名称,主办单位\n澄岚发布,澄岚市委宣传部\n"
            .as_bytes()
            .to_vec();
        let (gbk, _, _) = encoding_rs::GB18030.encode("澄岚公安,澄岚市公安局\n");
        bytes.extend_from_slice(&gbk);
        bytes.extend_from_slice("澄岚教育,澄岚市教育局\n".as_bytes());
        let mut out = FileOut::default();
        assert_eq!(read_csv("a.csv", &bytes, &mut out), TableOutcome::Read(3));
        let owners: Vec<_> = out
            .records
            .iter()
            .filter_map(|r| r.owner.as_deref())
            .collect();
        assert_eq!(owners, ["澄岚市委宣传部", "澄岚市公安局", "澄岚市教育局"]);
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert_eq!(out.problems[0].kind, "mixed-encoding");
        assert_eq!(out.problems[0].row, Some(3));
        assert!(
            out.problems[0].message.contains("第 3 行"),
            "{}",
            out.problems[0].message
        );
        // A file in one encoding is not "mixed".
        assert!(decode_mixed(&gbk).is_none());
        assert!(decode_mixed("名称\n甲".as_bytes()).is_none());
    }
}
