//! `fingertip history <id>`: one platform's history.

use anyhow::Result;

use super::{open_existing, print_json, print_text, Status};
use crate::cli::{HistoryArgs, OutputFormat};

/// Prints the history as text or JSON.
pub fn run(args: &HistoryArgs) -> Result<Status> {
    let store = open_existing(&args.db.db)?;
    let history = store.history(&args.id)?;
    match args.format {
        OutputFormat::Json => print_json(&history)?,
        OutputFormat::Text => print_text(&history.to_text())?,
    }
    Ok(Status::Ok)
}
