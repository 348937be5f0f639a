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
