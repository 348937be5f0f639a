//! Command-line definitions (clap derive), on the binary side: the only file that knows
//! clap.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
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
    /// Consolidate an inventory's reporting forms into master forms (一表通).
    Forms(FormsArgs),
    /// Check a proposal for a new app, account, work group or form before it is built
    /// (exit 0 build, 1 merge or reject, 2 unreadable proposal).
    Check(CheckArgs),
}

/// Arguments of `forms`.
#[derive(Debug, clap::Args)]
pub struct FormsArgs {
    /// Inventory folder, or a single CSV/XLSX/JSON/JSONL table.
    pub inventory: PathBuf,
    /// Folder to write forms.json and forms.xlsx into (default: write nothing, print).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Audit date, YYYY-MM-DD (dates the XLSX; overrides `as_of` in fingertip.toml).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("registry").required(true).args(["against", "db"])))]
pub struct CheckArgs {
    /// The proposal: a TOML file or the XLSX app filing form (政务应用程序备案表).
    pub proposal: PathBuf,
    /// Inventory folder (or table file) to check against.
    #[arg(long)]
    pub against: Option<PathBuf>,
    /// SQLite registry to check against (its platforms that are not retired).
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// fingertip.toml with thresholds and `[divisions]`, for `--db`.
    #[arg(long, requires = "db")]
    pub settings: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
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
    /// A table of the last complete run was removed on purpose: count this run as
    /// complete anyway.
    #[arg(long, conflicts_with = "partial")]
    pub complete: bool,
    /// Complete runs without a platform after which it is retired (default:
    /// fingertip.toml's `[registry] retire_after_runs`, else 2; at least 1).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub retire_after: Option<u32>,
    /// Timestamp to record, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (default now).
    #[arg(long, value_parser = parse_now)]
    pub now: Option<NaiveDateTime>,
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
    #[arg(long, value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Write the current recommendations with decision columns to this CSV/XLSX file.
    #[arg(long, conflicts_with_all = ["id", "import"])]
    pub export: Option<PathBuf>,
    /// Read decisions from an edited export (CSV or XLSX).
    #[arg(long, conflicts_with_all = ["id", "export"])]
    pub import: Option<PathBuf>,
    /// Registry.
    #[command(flatten)]
    pub db: DbArgs,
    /// Timestamp to record, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (default now).
    #[arg(long, value_parser = parse_now)]
    pub now: Option<NaiveDateTime>,
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
    /// Repeat in the foreground every DURATION (e.g. 30d, 12h, 45m, 1w).
    #[arg(long, value_parser = parse_every)]
    pub every: Option<Duration>,
    /// Record the inventory's tables under this source name instead of its path.
    #[arg(long)]
    pub source: Option<String>,
    /// Audit date, YYYY-MM-DD (default: fingertip.toml, then today).
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// A table of the last complete run was removed on purpose: count this run as
    /// complete anyway.
    #[arg(long)]
    pub complete: bool,
    /// Complete runs without a platform after which it is retired (default:
    /// fingertip.toml's `[registry] retire_after_runs`, else 2; at least 1).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub retire_after: Option<u32>,
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
    #[arg(long, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
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

/// Parses a `YYYY-MM-DD` date argument (`--as-of`, `--until`).
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    fingertip::model::parse_ymd(text)
}

/// Parses `--now`: `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM:SS`.
fn parse_now(text: &str) -> Result<NaiveDateTime, String> {
    if let Ok(t) = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S") {
        return Ok(t);
    }
    Ok(fingertip::model::parse_ymd(text)?.and_time(NaiveTime::MIN))
}

/// Parses `--every` with humantime (`30d`, `12h`, `45m`, `1w`, `1h 30m`). Months and
/// years are refused: humantime counts them as 30.44 and 365.25 days, which is not what
/// a person scheduling a monthly refresh means; write `30d`.
pub fn parse_every(text: &str) -> Result<Duration, String> {
    let invalid = || format!("“{text}”不是有效的间隔（如 30d、12h、45m、1w）");
    let calendar = text
        .split(|c: char| c.is_ascii_digit() || c.is_whitespace())
        .any(|unit| matches!(unit, "M" | "month" | "months" | "y" | "year" | "years"));
    if calendar {
        return Err(format!(
            "{}：月和年的长度不固定，请写天数，如 30d",
            invalid()
        ));
    }
    let every = humantime::parse_duration(text.trim()).map_err(|_| invalid())?;
    if every.is_zero() {
        return Err(format!("“{text}”：间隔必须大于 0"));
    }
    Ok(every)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parses_units() {
        assert_eq!(parse_every("30d").unwrap().as_secs(), 30 * 86_400);
        assert_eq!(parse_every("12h").unwrap().as_secs(), 12 * 3600);
        assert_eq!(parse_every("45m").unwrap().as_secs(), 45 * 60);
        assert_eq!(parse_every("1w").unwrap().as_secs(), 7 * 86_400);
        assert_eq!(parse_every("1h 30m").unwrap().as_secs(), 90 * 60);
        assert!(parse_every("0h").is_err());
        assert!(parse_every("soon").is_err());
        assert!(parse_every("3y").is_err());
        assert!(parse_every("1M").is_err());
    }

    #[test]
    fn dates_parse_once_at_the_command_line() {
        let d = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert_eq!(parse_date(" 2026-05-01 "), Ok(d));
        assert!(parse_date("2026/05/01").is_err());
        assert_eq!(parse_now("2026-05-01"), Ok(d.and_time(NaiveTime::MIN)));
        assert_eq!(
            parse_now("2026-05-01T08:30:00"),
            Ok(d.and_hms_opt(8, 30, 0).unwrap())
        );
        assert!(parse_now("tomorrow").is_err());
    }
}
