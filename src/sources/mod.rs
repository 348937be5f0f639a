//! Ingestion: everything that reads input from outside. Table importers (CSV in UTF-8 or
//! GB18030, XLSX, JSON, JSONL) turn rows into [`Record`]s, `documents/` becomes
//! [`Document`]s, and [`crawl`] fetches public listings. Every importer returns what it
//! could read plus a list of [`Problem`]s; one bad row or file never aborts the run.
//!
//! An inventory folder (DESIGN.md §2) holds tables at its top level and in `tables/`,
//! text evidence in `documents/`, and `fingertip.toml`, `sources.toml` and
//! `waivers.toml`. `expected.json` at the top level is the answer key used to score the
//! sample inventory, not a table, and is skipped.
//!
//! Rows in provenance and problems are 1-based and point into the file as a person
//! opens it: the CSV line or XLSX row number (title rows above the header count, so the
//! header is row 1 only when it is the first row), the JSONL line, and for a JSON array
//! the line on which the object starts.
//!
//! Module map: [`cells`] parses cell spellings, [`columns`] matches headers, `row`
//! builds a record from typed cells, `table` finds the header of CSV and XLSX tables,
//! and `delimited`, `xlsx`, `json` and `documents` read each file format.

pub mod cells;
pub mod columns;
pub mod crawl;
mod delimited;
mod documents;
mod json;
pub mod proposal;
mod register;
mod row;
mod table;
mod text;
mod xlsx;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::{Document, Problem, ProblemLevel, Record};

pub use documents::strip_html;
pub use row::{Cell, RowBuilder, RowPlace};

use table::{FileOut, TableOutcome};

/// What an inventory folder (or a single table file) holds.
#[derive(Debug, Default)]
pub struct Inventory {
    /// The inventory root (the folder, or the parent of a single file).
    pub root: PathBuf,
    /// Records from every table, in file order then row order.
    pub records: Vec<Record>,
    /// Documents from `documents/`, sorted by path.
    pub documents: Vec<Document>,
    /// Text of `fingertip.toml`, if present.
    pub settings_text: Option<(PathBuf, String)>,
    /// Path of `sources.toml`, if present.
    pub sources_toml: Option<PathBuf>,
    /// Path and text of `waivers.toml`, if present.
    pub waivers_text: Option<(PathBuf, String)>,
    /// Table files read, relative to the root with `/`, in the order read.
    pub tables: Vec<String>,
    /// Every problem met while reading.
    pub problems: Vec<Problem>,
}

/// The table formats, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableFormat {
    Csv,
    Xlsx,
    Json,
    Jsonl,
}

fn table_format(path: &Path) -> Option<TableFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "csv" => Some(TableFormat::Csv),
        "xlsx" => Some(TableFormat::Xlsx),
        "json" => Some(TableFormat::Json),
        "jsonl" | "ndjson" => Some(TableFormat::Jsonl),
        _ => None,
    }
}

/// Reads an inventory folder or a single table file.
///
/// Fails only when `path` itself cannot be read (or a settings file in it is not text);
/// anything wrong inside a table or document is a problem.
pub fn load_inventory(path: &Path) -> Result<Inventory> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return load_folder(path);
    }
    if !meta.is_file() || table_format(path).is_none() {
        return Err(Error::NotAnInventory {
            path: path.to_path_buf(),
        });
    }
    let root = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut inventory = Inventory {
        root,
        ..Inventory::default()
    };
    read_tables(&mut inventory, vec![(name, path.to_path_buf())]);
    Ok(inventory)
}

fn load_folder(root: &Path) -> Result<Inventory> {
    let mut inventory = Inventory {
        root: root.to_path_buf(),
        ..Inventory::default()
    };
    let mut tables = Vec::new();
    for (name, path) in list_dir(root).map_err(|e| Error::io(root, e))? {
        if path.is_file() && table_format(&path).is_some() && name != "expected.json" {
            tables.push((name, path));
        }
    }
    let tables_dir = root.join("tables");
    if tables_dir.is_dir() {
        for (name, path) in list_dir(&tables_dir).map_err(|e| Error::io(&tables_dir, e))? {
            if path.is_file() && table_format(&path).is_some() {
                tables.push((format!("tables/{name}"), path));
            }
        }
    }
    tables.sort();
    read_tables(&mut inventory, tables);

    let documents_dir = root.join("documents");
    if documents_dir.is_dir() {
        let mut files = Vec::new();
        walk_documents(
            &documents_dir,
            "documents",
            0,
            &mut files,
            &mut inventory.problems,
        );
        files.sort();
        let read: Vec<Result<Document, Box<Problem>>> = files
            .par_iter()
            .map(|(rel, path)| match std::fs::read(path) {
                Ok(bytes) => Ok(documents::read_document(rel, &bytes)),
                Err(error) => Err(Box::new(file_problem(
                    rel,
                    "unreadable-file",
                    ProblemLevel::Error,
                    format!("无法读取文档：{error}"),
                ))),
            })
            .collect();
        for result in read {
            match result {
                Ok(document) => inventory.documents.push(document),
                Err(problem) => inventory.problems.push(*problem),
            }
        }
    }

    inventory.settings_text = read_settings(&root.join("fingertip.toml"))?;
    inventory.waivers_text = read_settings(&root.join("waivers.toml"))?;
    let sources = root.join("sources.toml");
    if sources.is_file() {
        inventory.sources_toml = Some(sources);
    }
    Ok(inventory)
}

/// Reads a settings file if it exists. A settings file that exists but cannot be read
/// stops the run: auditing with silently default settings would mislead.
fn read_settings(path: &Path) -> Result<Option<(PathBuf, String)>> {
    if !path.is_file() {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        message: format!(
            "文件不是有效的 UTF-8（第 {} 字节处）",
            e.utf8_error().valid_up_to()
        ),
    })?;
    Ok(Some((path.to_path_buf(), text)))
}

/// Entries of a folder as (file name, path), skipping hidden files and Office lock
/// files (`~$台账.xlsx`).
fn list_dir(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        entries.push((name, entry.path()));
    }
    entries.sort();
    Ok(entries)
}

/// Collects document files under `dir` (relative path `rel`), not following symlinked
/// folders so a link loop cannot hang the run.
fn walk_documents(
    dir: &Path,
    rel: &str,
    depth: usize,
    files: &mut Vec<(String, PathBuf)>,
    problems: &mut Vec<Problem>,
) {
    const MAX_DEPTH: usize = 16;
    let entries = match list_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(file_problem(
                rel,
                "unreadable-file",
                ProblemLevel::Error,
                format!("无法读取文件夹：{error}"),
            ));
            return;
        }
    };
    for (name, path) in entries {
        let child_rel = format!("{rel}/{name}");
        let Ok(link_meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if link_meta.is_dir() {
            if depth < MAX_DEPTH {
                walk_documents(&path, &child_rel, depth + 1, files, problems);
            }
        } else if path.is_file() {
            if documents::is_document(&name) {
                files.push((child_rel, path));
            } else {
                problems.push(file_problem(
                    &child_rel,
                    "unsupported-file",
                    ProblemLevel::Warning,
                    "文档格式不受支持（仅读取 .txt、.md、.html），已跳过".to_owned(),
                ));
            }
        }
    }
}

fn file_problem(file: &str, kind: &str, level: ProblemLevel, message: String) -> Problem {
    Problem {
        file: file.to_owned(),
        sheet: None,
        row: None,
        column: None,
        kind: kind.to_owned(),
        message,
        level,
    }
}

/// Reads table files in parallel and appends their records and problems in file order.
fn read_tables(inventory: &mut Inventory, tables: Vec<(String, PathBuf)>) {
    let outs: Vec<FileOut> = tables
        .par_iter()
        .map(|(rel, path)| read_table_file(rel, path))
        .collect();
    let mut left: usize = outs.iter().map(|o| o.records.len()).sum();
    for ((rel, _), out) in tables.into_iter().zip(outs) {
        inventory.tables.push(rel);
        left -= out.records.len();
        if inventory.records.is_empty() {
            // The first table's records move instead of being copied (at a million
            // records the copies and their fresh pages cost seconds).
            inventory.records = out.records;
            inventory.records.reserve(left);
        } else {
            inventory.records.extend(out.records);
        }
        inventory.problems.extend(out.problems);
    }
}

/// Reads one table file; never fails, problems go into the result.
fn read_table_file(rel: &str, path: &Path) -> FileOut {
    let mut out = FileOut::default();
    let unreadable = |error: std::io::Error| {
        file_problem(
            rel,
            "unreadable-file",
            ProblemLevel::Error,
            format!("无法读取文件：{error}"),
        )
    };
    let Some(format) = table_format(path) else {
        return out;
    };
    if format == TableFormat::Jsonl {
        let result = std::fs::File::open(path).and_then(|file| {
            let size = file.metadata().ok().map(|m| m.len());
            json::read_jsonl(rel, std::io::BufReader::new(file), size, &mut out)
        });
        if let Err(error) = result {
            out.problems.push(unreadable(error));
        }
        register::complete_records(rel, &mut out.records, &mut out.problems);
        return out;
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            out.problems.push(unreadable(error));
            return out;
        }
    };
    match format {
        TableFormat::Csv => {
            let outcome = delimited::read_csv(rel, &bytes, &mut out);
            match outcome {
                TableOutcome::Read(0) | TableOutcome::Empty => out.problems.push(file_problem(
                    rel,
                    "empty-file",
                    ProblemLevel::Warning,
                    "文件中没有数据行".to_owned(),
                )),
                TableOutcome::NoHeader => out.problems.push(file_problem(
                    rel,
                    "no-header",
                    ProblemLevel::Error,
                    format!(
                        "前 {} 行中没有可识别的表头（如 名称、主管单位、name、owner），未读取此文件",
                        table::HEADER_SEARCH_ROWS
                    ),
                )),
                TableOutcome::Read(_) => {}
            }
        }
        TableFormat::Xlsx => {
            xlsx::read_xlsx(rel, bytes, &mut out);
        }
        TableFormat::Json => json::read_json(rel, &bytes, &mut out),
        TableFormat::Jsonl => {}
    }
    register::complete_records(rel, &mut out.records, &mut out.problems);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Lines that look like table input, so the generators reach deep into the parsers.
    fn table_like() -> impl Strategy<Value = Vec<u8>> {
        let pieces = prop::sample::select(vec![
            "名称",
            "主管单位",
            "上线时间",
            "注册用户数",
            ",",
            "\"",
            "\n",
            "\r\n",
            "{",
            "}",
            "[",
            "]",
            ":",
            "2024-02-30",
            "1.2万",
            "是",
            "\u{FEFF}",
            "<p>",
            "&amp;",
            "\\",
            "\t",
            ";",
            "、",
        ]);
        let chunk = prop_oneof![
            pieces.prop_map(|s| s.as_bytes().to_vec()),
            prop::collection::vec(any::<u8>(), 0..6),
        ];
        prop::collection::vec(chunk, 0..40).prop_map(|chunks| chunks.concat())
    }

    proptest! {
        #[test]
        fn no_input_panics_any_reader(bytes in table_like()) {
            let mut out = FileOut::default();
            delimited::read_csv("f.csv", &bytes, &mut out);
            json::read_json("f.json", &bytes, &mut out);
            json::read_jsonl("f.jsonl", bytes.as_slice(), None, &mut out).unwrap();
            xlsx::read_xlsx("f.xlsx", bytes.clone(), &mut out);
            let document = documents::read_document("documents/f.html", &bytes);
            prop_assert!(document.lines.len() <= bytes.len() + 1);
            // Stripping markup keeps every line where it was.
            let text = String::from_utf8_lossy(&bytes);
            prop_assert_eq!(strip_html(&text).matches('\n').count(), text.matches('\n').count());
            for problem in &out.problems {
                prop_assert!(!problem.message.is_empty());
            }
        }

        #[test]
        fn cell_parsers_never_panic(text in any::<String>()) {
            let normalized = cells::normalize_cell(&text);
            let _ = cells::parse_date(&normalized, true);
            let _ = cells::parse_count(&normalized, 10_000);
            let _ = cells::parse_bool(&normalized);
            let _ = columns::match_header(&text);
            for value in cells::split_multi(&normalized) {
                prop_assert!(!value.is_empty());
            }
        }
    }
}
