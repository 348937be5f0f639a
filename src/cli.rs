//! Command-line definitions (clap derive). The only file that knows clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// fingertip — 指尖上的形式主义 清理整治审计工具 / audits government apps, accounts, work
/// groups, platforms and forms for overlap and coercive practices.
#[derive(Debug, Parser)]
#[command(name = "fingertip", version, about, long_about = None)]
pub struct Args {
    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Report and message language.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Report language on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文 (default).
    Zh,
    /// English.
    En,
}

/// Severity threshold for `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Any finding.
    Low,
    /// Medium or high.
    Medium,
    /// High only.
    High,
}

/// Output format of listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON.
    Json,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit an inventory folder (or one table file) and write reports.
    Audit(AuditArgs),
    /// List the policy rules, or explain one.
    Rules(RulesArgs),
    /// Crawl the public listings in a sources.toml, politely (robots.txt, per-host delay).
    Crawl(CrawlArgs),
    /// Ingest tables into the registry, one run per file or folder.
    Ingest(IngestArgs),
    /// Record a decision (keep, merge, shutdown, waive), or export/import decisions in bulk.
    Decide(DecideArgs),
    /// List the registry's runs.
    Runs(RunsArgs),
    /// Show one platform's history.
    History(HistoryArgs),
    /// Show what changed between two runs.
    Diff(DiffArgs),
    /// Ingest, crawl, audit and write reports and the diff; optionally repeat.
    Refresh(RefreshArgs),
}

/// Registry options shared by the registry commands.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArgs {
    /// SQLite registry file.
    #[arg(long, default_value = "fingertip.db")]
    pub db: PathBuf,
}

/// Arguments of `ingest`.
#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Table files or inventory folders; each is one run.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Registry.
    #[command(flatten)]
    pub db: DbArgs,
    /// Print the changes that would be made, and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Record the run under this source name instead of the path (e.g. when each
    /// month's tables sit in a new folder). Only with a single path.
    #[arg(long)]
    pub source: Option<String>,
    /// The tables are not the whole source: mark nothing missing.
    #[arg(long)]
    pub partial: bool,
    /// Complete runs without a platform after which it is retired.
    #[arg(long, default_value_t = 2)]
    pub retire_after: u32,
    /// Timestamp to record, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (default now).
    #[arg(long)]
    pub now: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// A decision given on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DecideAction {
    /// Keep the platform.
    Keep,
    /// Merge it into `--into`.
    Merge,
    /// Shut it down.
    Shutdown,
    /// Waive one rule for it.
    Waive,
}

/// Arguments of `decide`.
#[derive(Debug, clap::Args)]
pub struct DecideArgs {
    /// Platform id.
    #[arg(required_unless_present_any = ["export", "import"])]
    pub id: Option<String>,
    /// The decision.
    #[arg(value_enum, required_unless_present_any = ["export", "import"])]
    pub action: Option<DecideAction>,
    /// Rule id, for `waive`.
    pub rule: Option<String>,
    /// Merge target id, for `merge`.
    #[arg(long)]
    pub into: Option<String>,
    /// Why (required).
    #[arg(long, required_unless_present_any = ["export", "import"])]
    pub reason: Option<String>,
    /// Last day the decision applies, YYYY-MM-DD.
    #[arg(long)]
    pub until: Option<String>,
    /// Write the current recommendations with decision columns to this CSV/XLSX file.
    #[arg(long, conflicts_with_all = ["id", "import"])]
    pub export: Option<PathBuf>,
    /// Read decisions from an edited export (CSV or XLSX).
    #[arg(long, conflicts_with_all = ["id", "export"])]
    pub import: Option<PathBuf>,
    /// Registry.
    #[command(flatten)]
    pub db: DbArgs,
    /// Timestamp to record (default now).
    #[arg(long)]
    pub now: Option<String>,
}

/// Arguments of `runs`.
#[derive(Debug, clap::Args)]
pub struct RunsArgs {
    /// Registry.
    #[command(flatten)]
    pub db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Arguments of `history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Platform id.
    pub id: String,
    /// Registry.
    #[command(flatten)]
    pub db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Changes after this run (default: the run before `--to`).
    #[arg(long)]
    pub from: Option<i64>,
    /// Up to and including this run (default: the latest).
    #[arg(long)]
    pub to: Option<i64>,
    /// Registry.
    #[command(flatten)]
    pub db: DbArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

/// Arguments of `refresh`.
#[derive(Debug, clap::Args)]
pub struct RefreshArgs {
    /// Inventory folder (or one table file).
    pub inventory: PathBuf,
    /// Registry.
    #[command(flatten)]
    pub db: DbArgs,
    /// Folder to write reports and the diff into.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Repeat in the foreground every DURATION (e.g. 30d, 12h, 45m).
    #[arg(long)]
    pub every: Option<String>,
    /// Record the inventory's tables under this source name instead of its path.
    #[arg(long)]
    pub source: Option<String>,
    /// Audit date, YYYY-MM-DD (default: fingertip.toml, then today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// Complete runs without a platform after which it is retired.
    #[arg(long, default_value_t = 2)]
    pub retire_after: u32,
    /// Do not print the summary on stdout.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Arguments of `crawl`.
#[derive(Debug, clap::Args)]
pub struct CrawlArgs {
    /// The sources.toml listing what to crawl.
    #[arg(long)]
    pub sources: PathBuf,
    /// Write the extracted records here as JSONL (DESIGN.md §2 English keys).
    #[arg(long)]
    pub dump: Option<PathBuf>,
    /// Cache folder for robots.txt and conditional GETs (ETag / Last-Modified).
    #[arg(long)]
    pub cache: Option<PathBuf>,
    /// SQLite registry to hand the records to, one run per source (incomplete sources
    /// mark nothing missing).
    #[arg(long)]
    pub db: Option<PathBuf>,
}

/// Arguments of `audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Inventory folder, or a single CSV/XLSX/JSON/JSONL table.
    pub inventory: PathBuf,
    /// Folder to write reports into.
    #[arg(long, default_value = "reports")]
    pub out: PathBuf,
    /// Audit date, YYYY-MM-DD (overrides `as_of` in fingertip.toml; default today).
    #[arg(long)]
    pub as_of: Option<String>,
    /// SQLite registry file to use and update.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Exit with code 1 when a finding at or above this severity is found.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Do not print the summary on stdout.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Arguments of `rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// `explain <id>` prints one rule in full.
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, global = true)]
    pub format: OutputFormat,
}

/// Subcommands of `rules`.
#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Print a rule's clause, source, evidence, thresholds and an example.
    Explain {
        /// Rule id, e.g. app-forced-checkin.
        id: String,
    },
}

/// Sets up `tracing` on stderr according to `-v`.
pub fn init_tracing(args: &Args) {
    let level = match args.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("FINGERTIP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .try_init();
}
