//! One file per subcommand: argument handling and all console output. The library's
//! `pipeline` does the work; what is printed about an audit comes from the report's own
//! summary (`report::Summary`), so the console and the reports never disagree.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use fingertip::model::{Lang, Problem};
use fingertip::registry;

use crate::cli::{Args, Command, LangArg};

mod audit;
mod crawl;
mod decide;
mod diff;
mod history;
mod ingest;
mod progress_bar;
mod refresh;
mod rules;
mod runs;

/// How a command ended, mapped to the process exit code by `main`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Success (exit 0).
    Ok,
    /// A finding at or above `--fail-on` (exit 1).
    FindingsAtThreshold,
}

impl Status {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::FindingsAtThreshold => 1,
        }
    }
}

/// Runs a parsed command line.
pub fn run(args: Args) -> Result<Status> {
    let lang = match args.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    match args.command {
        Command::Audit(a) => audit::run(&a, lang),
        Command::Crawl(a) => crawl::run(&a),
        Command::Rules(a) => rules::run(&a, lang),
        Command::Ingest(a) => ingest::run(&a),
        Command::Decide(a) => decide::run(&a),
        Command::Runs(a) => runs::run(&a),
        Command::History(a) => history::run(&a),
        Command::Diff(a) => diff::run(&a),
        Command::Refresh(a) => refresh::run(&a, lang),
    }
}

/// Opens a registry that must already exist (read commands never create one).
fn open_existing(db: &Path) -> Result<registry::Store> {
    if !db.is_file() {
        return Err(fingertip::Error::Usage(format!(
            "登记库 {} 不存在；请先用 fingertip ingest 或 fingertip audit --db 建立",
            db.display()
        ))
        .into());
    }
    Ok(registry::Store::open(db)?)
}

/// Writes `text` to stdout; a closed pipe comes back as an error `main` treats as
/// success, never as a panic (which `print!` would be).
fn print_text(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `value` as pretty JSON to stdout. Serialised first, so that a closed pipe is
/// an `io::Error` `main` recognises rather than one wrapped in a serde_json error.
fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    print_text(&text)
}

/// One line about an ingest or crawl run.
fn summary_line(s: &registry::RunSummary) -> String {
    format!(
        "运行 #{}（{}）{}：读取 {} 条，新增 {}，变更 {}，未变 {}，缺失 {}，退役 {}，重新出现 {}，待复核 {}，问题 {}",
        s.run,
        s.status,
        s.source,
        s.records,
        s.added,
        s.changed,
        s.unchanged,
        s.missing,
        s.retired,
        s.reappeared,
        s.ambiguous,
        s.problems.len()
    )
}

/// An input problem as JSON.
fn problem_json(p: &Problem) -> serde_json::Value {
    serde_json::json!({
        "file": p.file,
        "sheet": p.sheet,
        "row": p.row,
        "column": p.column,
        "kind": p.kind,
        "message": p.message,
        "level": p.level.code(),
    })
}

/// The store options of `--retire-after`.
fn store_options(retire_after: Option<u32>) -> registry::StoreOptions {
    registry::StoreOptions {
        retire_after,
        retire_after_days: None,
    }
}

/// The timestamp to record: `--now`, else the local wall clock.
fn now_or_clock(now: Option<chrono::NaiveDateTime>) -> chrono::NaiveDateTime {
    now.unwrap_or_else(|| chrono::Local::now().naive_local())
}
