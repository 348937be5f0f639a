//! `fingertip runs`: the registry's runs and its review queue.

use anyhow::Result;
use fingertip::registry;

use super::{open_existing, print_json, print_text, Status};
use crate::cli::{OutputFormat, RunsArgs};

/// Prints the runs and reviews as text or JSON.
pub fn run(args: &RunsArgs) -> Result<Status> {
    let store = open_existing(&args.db.db)?;
    let runs = store.runs()?;
    let reviews = store.reviews()?;
    match args.format {
        OutputFormat::Json => print_json(&serde_json::json!({"runs": runs, "reviews": reviews}))?,
        OutputFormat::Text => print_text(&registry::runs_text(&runs, &reviews))?,
    }
    Ok(Status::Ok)
}
