//! The registry diff a refresh writes next to its reports: `diff.json` (the registry's
//! own JSON shape) and `diff.md` (its text rendering for quick reading).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::registry::Diff;

/// Writes `diff.json` and `diff.md` into `dir` (creating it) and returns their paths.
pub fn write_diff(dir: &Path, diff: &Diff) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let json_path = dir.join("diff.json");
    let json = serde_json::to_string_pretty(diff).map_err(|e| Error::io(&json_path, e.into()))?;
    std::fs::write(&json_path, json + "\n").map_err(|e| Error::io(&json_path, e))?;
    let md_path = dir.join("diff.md");
    let md = format!("# 登记库变化\n\n```\n{}```\n", diff.to_text());
    std::fs::write(&md_path, md).map_err(|e| Error::io(&md_path, e))?;
    Ok(vec![json_path, md_path])
}
