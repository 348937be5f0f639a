//! `fingertip diff [--from] [--to]`: what changed between two runs.

use anyhow::Result;

use super::{open_existing, print_json, print_text, Status};
use crate::cli::{DiffArgs, OutputFormat};

/// Prints the diff as text or JSON.
pub fn run(args: &DiffArgs) -> Result<Status> {
    let store = open_existing(&args.db.db)?;
    let diff = store.diff(args.from, args.to)?;
    match args.format {
        OutputFormat::Json => print_json(&diff)?,
        OutputFormat::Text => print_text(&diff.to_text())?,
    }
    Ok(Status::Ok)
}
