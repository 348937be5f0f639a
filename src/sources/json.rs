//! JSON tables: an array of objects (`.json`) or one object a line (`.jsonl`).
//!
//! Each object is deserialised straight into [`Cell`]s (strings borrowed from the input
//! where possible, nested objects skipped) and then parsed by column like any other
//! row, so a wrong type is a problem for that one cell. JSONL is read in large chunks
//! of whole lines and parsed in parallel with rayon, keeping line order, which is what
//! lets a million-line file load in seconds. A JSON array is split into its elements by
//! a small scanner first, so a broken element costs that element and every record knows
//! the line its object starts on.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::io::Read;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::model::{Problem, ProblemLevel, Record};

use super::columns::{match_english_exact, match_header, HeaderMatch};
use super::row::{Cell, RowBuilder, RowPlace};
use super::table::FileOut;

/// Bytes read per JSONL chunk; each chunk is cut at its last newline.
const CHUNK_BYTES: usize = 32 * 1024 * 1024;
/// Bytes per parallel piece within a chunk.
const PIECE_BYTES: usize = 512 * 1024;

/// A JSON object key, borrowed from the input when it has no escapes.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Any JSON value as a [`Cell`].
struct JsonCell<'a>(Cell<'a>);

impl<'de> Deserialize<'de> for JsonCell<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CellVisitor).map(JsonCell)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Cell<'de>, E> {
        Ok(Cell::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell<'de>, E> {
        Ok(Cell::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell<'de>, E> {
        Ok(i64::try_from(v).map_or(Cell::Float(v as f64), Cell::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell<'de>, E> {
        Ok(Cell::Float(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Cell<'de>, E> {
        Ok(Cell::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell<'de>, E> {
        Ok(Cell::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Cell<'de>, E> {
        Ok(Cell::Text(Cow::Owned(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Cell<'de>, E> {
        Ok(Cell::Empty)
    }
    fn visit_none<E: de::Error>(self) -> Result<Cell<'de>, E> {
        Ok(Cell::Empty)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Cell<'de>, D::Error> {
        JsonCell::deserialize(d).map(|c| c.0)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Cell<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(8).min(256));
        while let Some(JsonCell(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Cell::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Cell<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Cell::Object)
    }
}

/// One JSON object as (key, cell) pairs in input order.
struct JsonRow<'a>(Vec<(Cow<'a, str>, Cell<'a>)>);

impl<'de> Deserialize<'de> for JsonRow<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = JsonRow<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<JsonRow<'de>, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(12).min(64));
                while let Some(Key(key)) = map.next_key()? {
                    let JsonCell(cell) = map.next_value()?;
                    pairs.push((key, cell));
                }
                Ok(JsonRow(pairs))
            }
        }
        deserializer.deserialize_map(RowVisitor)
    }
}

/// Header lookups cached per worker, since every line repeats the same keys.
type HeaderCache = FxHashMap<String, Option<HeaderMatch>>;

fn lookup(cache: &mut HeaderCache, key: &str) -> Option<HeaderMatch> {
    // The exact English names (every line of the peer benchmark) need no cache.
    if let Some(column) = match_english_exact(key) {
        return Some(HeaderMatch { column, unit: 1 });
    }
    if let Some(found) = cache.get(key) {
        return *found;
    }
    let found = match_header(key);
    cache.insert(key.to_owned(), found);
    found
}

/// A Chinese message for a JSON parse error; `line_base` turns the error's line within
/// the parsed text into a line of the file.
fn parse_error_message(error: &serde_json::Error, line_base: usize) -> (usize, String) {
    let line = line_base + error.line().saturating_sub(1);
    let message = match error.classify() {
        serde_json::error::Category::Syntax => {
            format!("JSON 语法错误（第 {} 列附近），本条已跳过", error.column())
        }
        serde_json::error::Category::Eof => {
            "JSON 不完整（缺少右括号或引号），本条已跳过".to_owned()
        }
        serde_json::error::Category::Data => "应为一个 JSON 对象（{…}），本条已跳过".to_owned(),
        serde_json::error::Category::Io => format!("读取错误：{error}"),
    };
    (line, message)
}

/// Parses one object's bytes at `line` into a record, reporting a malformed object
/// (or invalid UTF-8, after which the object is read with the bad bytes replaced).
fn parse_object(
    file: &str,
    bytes: &[u8],
    line: usize,
    cache: &mut HeaderCache,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let place = RowPlace {
        file,
        sheet: None,
        row: line,
    };
    let malformed = |error: &serde_json::Error, problems: &mut Vec<Problem>| {
        let (line, message) = parse_error_message(error, line);
        problems.push(RowPlace { row: line, ..place }.problem(
            None,
            "malformed-row",
            ProblemLevel::Error,
            message,
        ));
    };
    match build_record(place, bytes, cache, problems) {
        Ok(record) => record,
        // serde_json validates UTF-8 while parsing, which spares a separate pass over
        // every line; only a failed line is checked again.
        Err(_) if std::str::from_utf8(bytes).is_err() => {
            problems.push(place.problem(
                None,
                "bad-encoding",
                ProblemLevel::Warning,
                "本行不是有效的 UTF-8，无法解码的字节已替换为“\u{FFFD}”".to_owned(),
            ));
            let lossy = String::from_utf8_lossy(bytes);
            match build_record(place, lossy.as_bytes(), cache, problems) {
                Ok(record) => record,
                Err(error) => {
                    malformed(&error, problems);
                    None
                }
            }
        }
        Err(error) => {
            malformed(&error, problems);
            None
        }
    }
}

fn build_record(
    place: RowPlace<'_>,
    bytes: &[u8],
    cache: &mut HeaderCache,
    problems: &mut Vec<Problem>,
) -> Result<Option<Record>, serde_json::Error> {
    let row = serde_json::from_slice::<JsonRow<'_>>(bytes)?;
    let mut builder = RowBuilder::new(place);
    for (key, cell) in row.0 {
        match lookup(cache, &key) {
            Some(matched) => builder.put(matched, &key, cell, problems),
            None => builder.put_extra(&key, cell, problems),
        }
    }
    Ok(builder.finish())
}

/// Reports each unknown key once per file, at the first record that has it.
fn report_unknown(
    file: &str,
    records: &[Record],
    reported: &mut BTreeSet<String>,
    problems: &mut Vec<Problem>,
) {
    for record in records {
        for key in record.extra.keys() {
            if !reported.contains(key) {
                reported.insert(key.clone());
                problems.push(
                    RowPlace {
                        file,
                        sheet: None,
                        row: record.provenance.row,
                    }
                    .problem(
                        Some(key),
                        "unknown-column",
                        ProblemLevel::Warning,
                        format!("未识别的字段“{key}”，已作为附加属性保留"),
                    ),
                );
            }
        }
    }
}

/// Output of one parallel piece.
#[derive(Default)]
struct PieceOut {
    records: Vec<Record>,
    problems: Vec<Problem>,
}

/// Parses the whole lines in `bytes`, the first of which is line `first_line`.
fn parse_lines(
    file: &str,
    bytes: &[u8],
    first_line: usize,
    lines: usize,
    cache: &mut HeaderCache,
) -> PieceOut {
    let mut piece = PieceOut::default();
    // Records are large; growing the vector by doubling would copy each piece several times.
    piece.records.reserve(lines + 1);
    for (index, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = first_line + index;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let raw = if line == 1 {
            raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw)
        } else {
            raw
        };
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Some(record) = parse_object(file, raw, line, cache, &mut piece.problems) {
            piece.records.push(record);
        }
    }
    piece
}

/// Cuts `bytes` into pieces of about [`PIECE_BYTES`] that end at a newline.
fn pieces(bytes: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(bytes.len() / PIECE_BYTES + 1);
    let mut rest = bytes;
    while rest.len() > PIECE_BYTES {
        let cut = rest
            .get(PIECE_BYTES..)
            .and_then(|tail| tail.iter().position(|b| *b == b'\n'))
            .map(|pos| PIECE_BYTES + pos + 1);
        let Some(cut) = cut else { break };
        let (piece, tail) = rest.split_at(cut.min(rest.len()));
        out.push(piece);
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Parses a chunk of whole lines in parallel, returning results in line order.
fn parse_chunk(file: &str, chunk: &[u8], first_line: usize, out: &mut FileOut) {
    let pieces = pieces(chunk);
    let newline_counts: Vec<usize> = pieces
        .par_iter()
        .map(|piece| piece.iter().filter(|b| **b == b'\n').count())
        .collect();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut line = first_line;
    for count in &newline_counts {
        starts.push(line);
        line += count;
    }
    let results: Vec<PieceOut> = pieces
        .par_iter()
        .zip(starts.par_iter().zip(newline_counts.par_iter()))
        .map_init(HeaderCache::default, |cache, (piece, (start, lines))| {
            // A piece ends with its newline; drop it so the split has no phantom line.
            let piece = piece.strip_suffix(b"\n").unwrap_or(piece);
            parse_lines(file, piece, *start, *lines, cache)
        })
        .collect();
    append_pieces(file, results, out);
}

/// Appends parsed pieces to `out` in order, reporting each unknown column once.
fn append_pieces(file: &str, results: Vec<PieceOut>, out: &mut FileOut) {
    let n_records: usize = results.iter().map(|r| r.records.len()).sum();
    out.records.reserve(n_records);
    for result in results {
        let first_new = out.records.len();
        out.records.extend(result.records);
        let new_records = out.records.get(first_new..).unwrap_or_default();
        report_unknown(
            file,
            new_records,
            &mut out.reported_unknown,
            &mut out.problems,
        );
        out.problems.extend(result.problems);
    }
}

/// Reads a JSONL file from `reader` into `out`, chunk by chunk.
///
/// `size` is the file's length when known: after the first chunk the record vector is
/// reserved for the whole file (extrapolated from that chunk, with 5 % to spare), so a
/// million records are not copied again at every doubling.
pub fn read_jsonl(
    file: &str,
    mut reader: impl Read,
    size: Option<u64>,
    out: &mut FileOut,
) -> std::io::Result<()> {
    let mut buffer: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + 1024);
    let mut next_line = 1usize;
    let mut total = 0usize;
    let mut reserved = false;
    loop {
        let want = CHUNK_BYTES.saturating_sub(buffer.len()).max(1024 * 1024);
        let n_read = reader.by_ref().take(want as u64).read_to_end(&mut buffer)?;
        total += n_read;
        let at_end = n_read == 0;
        let cut = if at_end {
            buffer.len()
        } else {
            match buffer.iter().rposition(|b| *b == b'\n') {
                Some(pos) => pos + 1,
                // One line longer than a chunk: keep reading until it ends.
                None => continue,
            }
        };
        let (chunk, _) = buffer.split_at(cut);
        if !chunk.is_empty() {
            let chunk = chunk.strip_suffix(b"\n").unwrap_or(chunk);
            parse_chunk(file, chunk, next_line, out);
            next_line += chunk.iter().filter(|b| **b == b'\n').count() + 1;
            if let (false, Some(size), false) = (reserved, size, at_end) {
                let per_byte = out.records.len() as f64 / total.max(1) as f64;
                let expected = (per_byte * size as f64 * 1.05) as usize;
                out.records
                    .reserve(expected.saturating_sub(out.records.len()));
                reserved = true;
            }
        }
        buffer.drain(..cut);
        if at_end {
            break;
        }
    }
    if total == 0 || out.records.is_empty() && out.problems.is_empty() {
        out.problems.push(empty_file(file));
    }
    Ok(())
}

fn empty_file(file: &str) -> Problem {
    Problem {
        file: file.to_owned(),
        sheet: None,
        row: None,
        column: None,
        kind: "empty-file".to_owned(),
        message: "文件中没有任何记录".to_owned(),
        level: ProblemLevel::Warning,
    }
}

/// Where the top-level array's elements are: byte ranges, or the place the structure
/// broke (byte offset and why).
struct ArrayScan {
    elements: Vec<(usize, usize)>,
    broken: Option<(usize, &'static str)>,
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// Finds the end (exclusive) of the JSON value starting at `start`, tracking strings and
/// nesting only; serde_json validates each element afterwards.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => {
                    in_string = false;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        } else {
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                b',' | b']' | b'}' if depth == 0 => return Some(i),
                _ if depth == 0 && b.is_ascii_whitespace() => return Some(i),
                _ => {}
            }
        }
        i += 1;
    }
    (depth == 0 && !in_string).then_some(i)
}

fn scan_array(bytes: &[u8]) -> ArrayScan {
    let mut scan = ArrayScan {
        elements: Vec::new(),
        broken: None,
    };
    let mut i = skip_ws(bytes, 0);
    if bytes.get(i) != Some(&b'[') {
        scan.broken = Some((i, "文件顶层应为对象数组（[{…}, {…}]）"));
        return scan;
    }
    i += 1;
    loop {
        i = skip_ws(bytes, i);
        match bytes.get(i) {
            None => {
                scan.broken = Some((i, "数组缺少结尾的“]”，文件可能不完整"));
                return scan;
            }
            Some(b']') => return scan,
            Some(_) => {}
        }
        let Some(end) = value_end(bytes, i) else {
            scan.broken = Some((i, "元素未闭合（缺少右括号或引号），文件可能不完整"));
            return scan;
        };
        let end = end.max(i + 1);
        scan.elements.push((i, end));
        i = skip_ws(bytes, end);
        match bytes.get(i) {
            Some(b',') => i += 1,
            Some(b']') => return scan,
            None => {
                scan.broken = Some((i, "数组缺少结尾的“]”，文件可能不完整"));
                return scan;
            }
            Some(_) => {
                scan.broken = Some((i, "元素之间缺少逗号，此后内容未读取"));
                return scan;
            }
        }
    }
}

/// Reads a JSON array of objects into `out`. Each record's row is the line its object
/// starts on.
pub fn read_json(file: &str, bytes: &[u8], out: &mut FileOut) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = String::from_utf8_lossy(bytes);
    if let Cow::Owned(_) = text {
        out.problems.push(Problem {
            file: file.to_owned(),
            sheet: None,
            row: None,
            column: None,
            kind: "bad-encoding".to_owned(),
            message: "文件不是有效的 UTF-8，无法解码的字节已替换为“\u{FFFD}”".to_owned(),
            level: ProblemLevel::Warning,
        });
    }
    let bytes = text.as_bytes();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        out.problems.push(empty_file(file));
        return;
    }
    let scan = scan_array(bytes);
    // 1-based line of each element's start.
    let mut lines = Vec::with_capacity(scan.elements.len());
    let mut line = 1usize;
    let mut last = 0usize;
    for &(start, _) in &scan.elements {
        line += bytes
            .get(last..start)
            .map_or(0, |gap| gap.iter().filter(|b| **b == b'\n').count());
        last = start;
        lines.push(line);
    }
    let results: Vec<PieceOut> = scan
        .elements
        .par_iter()
        .zip(lines.par_iter())
        .map_init(HeaderCache::default, |cache, (&(start, end), &line)| {
            let mut piece = PieceOut::default();
            let object = bytes.get(start..end).unwrap_or_default();
            if let Some(record) = parse_object(file, object, line, cache, &mut piece.problems) {
                piece.records.push(record);
            }
            piece
        })
        .collect();
    append_pieces(file, results, out);
    if let Some((pos, why)) = scan.broken {
        let line = bytes
            .get(..pos)
            .map_or(1, |head| head.iter().filter(|b| **b == b'\n').count() + 1);
        let kind = if scan.elements.is_empty() {
            "unreadable-file"
        } else {
            "malformed-row"
        };
        out.problems.push(
            RowPlace {
                file,
                sheet: None,
                row: line,
            }
            .problem(None, kind, ProblemLevel::Error, why.to_owned()),
        );
    } else if scan.elements.is_empty() {
        out.problems.push(empty_file(file));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn jsonl_lines_types_and_garbage() {
        let text = concat!(
            "{\"id\":\"p1\",\"kind\":\"app\",\"name\":\"甲\",\"functions\":[\"预约\",\"缴费\"],\"users\":12,\"x\":1}\n",
            "\n",
            "not json\n",
            "{\"id\":\"p2\",\"name\":{\"a\":1},\"users\":[1],\"x\":2}\r\n",
            "[1,2]\n",
            "{\"id\":\"p3\",\"名称\":\"丙\",\"月活\":\"1.2万\"}",
        );
        let mut out = FileOut::default();
        read_jsonl("r.jsonl", text.as_bytes(), None, &mut out).unwrap();
        let ids: Vec<_> = out.records.iter().filter_map(|r| r.id.as_deref()).collect();
        assert_eq!(ids, ["p1", "p2", "p3"]);
        let rows: Vec<_> = out.records.iter().map(|r| r.provenance.row).collect();
        assert_eq!(rows, [1, 4, 6]);
        assert_eq!(out.records[0].kind, Some(Kind::App));
        assert_eq!(out.records[0].functions, ["预约", "缴费"]);
        assert_eq!(out.records[2].monthly_active, Some(12_000));
        let problems: Vec<_> = out
            .problems
            .iter()
            .map(|p| (p.kind.as_str(), p.row, p.column.as_deref()))
            .collect();
        assert_eq!(
            problems,
            [
                ("unknown-column", Some(1), Some("x")),
                ("malformed-row", Some(3), None),
                ("wrong-type", Some(4), Some("name")),
                ("wrong-type", Some(4), Some("users")),
                ("malformed-row", Some(5), None),
            ]
        );
        assert_eq!(out.reported_unknown.len(), 1);
    }

    #[test]
    fn invalid_utf8_line_is_read_with_replacement() {
        let mut bytes = b"{\"name\": \"ok\"}\n{\"name\": \"bad".to_vec();
        bytes.extend_from_slice(b"\xFF\xFE\", \"users\": 3}\n");
        let mut out = FileOut::default();
        read_jsonl("e.jsonl", bytes.as_slice(), None, &mut out).unwrap();
        assert_eq!(out.records.len(), 2);
        assert_eq!(out.records[1].name.as_deref(), Some("bad\u{FFFD}\u{FFFD}"));
        assert_eq!(out.records[1].users, Some(3));
        let kinds: Vec<_> = out
            .problems
            .iter()
            .map(|p| (p.kind.as_str(), p.row))
            .collect();
        assert_eq!(kinds, [("bad-encoding", Some(2))]);
    }

    #[test]
    fn json_array_rows_are_lines() {
        let text = "[\n  {\"name\": \"甲\", \"kind\": \"小程序\"},\n  {\"name\": \"乙\", \"users\": \"x\"},\n  7,\n  {\"name\": \"丙\"}\n]\n";
        let mut out = FileOut::default();
        read_json("a.json", text.as_bytes(), &mut out);
        let names: Vec<_> = out
            .records
            .iter()
            .filter_map(|r| r.name.as_deref())
            .collect();
        assert_eq!(names, ["甲", "乙", "丙"]);
        let rows: Vec<_> = out.records.iter().map(|r| r.provenance.row).collect();
        assert_eq!(rows, [2, 3, 5]);
        let problems: Vec<_> = out
            .problems
            .iter()
            .map(|p| (p.kind.as_str(), p.row))
            .collect();
        assert_eq!(
            problems,
            [("bad-number", Some(3)), ("malformed-row", Some(4))]
        );
    }

    #[test]
    fn truncated_json_array_keeps_complete_elements() {
        let text = "[{\"name\": \"甲\"}, {\"name\": \"乙\"},\n {\"name\": \"丙";
        let mut out = FileOut::default();
        read_json("a.json", text.as_bytes(), &mut out);
        assert_eq!(out.records.len(), 2);
        assert_eq!(out.problems.len(), 1);
        assert_eq!(out.problems[0].kind, "malformed-row");
        assert_eq!(out.problems[0].row, Some(2));

        let mut out = FileOut::default();
        read_json("b.json", b"{\"name\": 1}", &mut out);
        assert_eq!(out.problems[0].kind, "unreadable-file");
    }

    #[test]
    fn chunk_pieces_end_at_newlines() {
        let line = "{\"name\":\"甲\"}\n".repeat(100_000);
        let parts = pieces(line.as_bytes());
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.ends_with(b"\n")));
        assert_eq!(parts.iter().map(|p| p.len()).sum::<usize>(), line.len());
        let mut out = FileOut::default();
        read_jsonl("big.jsonl", line.as_bytes(), None, &mut out).unwrap();
        assert_eq!(out.records.len(), 100_000);
        assert_eq!(out.records[99_999].provenance.row, 100_000);
    }
}
