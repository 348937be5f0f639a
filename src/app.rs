//! Wires the stages together: the only place that knows their order.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::cli::{
    Args, AuditArgs, Command, DecideAction, DecideArgs, DiffArgs, FailOn, HistoryArgs, IngestArgs,
    LangArg, OutputFormat, RefreshArgs, RulesAction, RulesArgs, RunsArgs,
};
use crate::config::{parse_date_arg, Settings, SettingsFile};
use crate::model::{Document, Lang, Platform, Problem};
use crate::normalize::Taxonomy;
use crate::overlap::{self, Overlap};
use crate::recommend::{self, FollowUp, Recommendation};
use crate::report::{self, AuditView};
use crate::rules::{self, RuleContext, RuleOutcome, Severity};

use crate::{registry, sources};

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

/// The result of the whole pipeline on one inventory, owned.
#[derive(Debug)]
pub struct Audit {
    /// Resolved settings.
    pub settings: Settings,
    /// Platforms sorted by id.
    pub platforms: Vec<Platform>,
    /// Documents read.
    pub documents: Vec<Document>,
    /// Overlap result.
    pub overlap: Overlap,
    /// Rule findings and coverage.
    pub outcome: RuleOutcome,
    /// One recommendation per platform.
    pub recommendations: Vec<Recommendation>,
    /// Input problems.
    pub problems: Vec<Problem>,
    /// Earlier recommendations and how they stand (empty without a registry).
    pub follow_ups: Vec<FollowUp>,
}

impl Audit {
    /// A borrowed view for the report writers.
    pub fn view(&self, lang: Lang) -> AuditView<'_> {
        AuditView {
            as_of: self.settings.as_of,
            lang,
            platforms: &self.platforms,
            documents: &self.documents,
            overlap: &self.overlap,
            outcome: &self.outcome,
            recommendations: &self.recommendations,
            problems: &self.problems,
            follow_ups: &self.follow_ups,
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
        Command::Audit(audit_args) => run_audit(&audit_args, lang),
        Command::Crawl(crawl_args) => run_crawl(&crawl_args),
        Command::Rules(rules_args) => run_rules(&rules_args, lang),
        Command::Ingest(a) => run_ingest(&a),
        Command::Decide(a) => run_decide(&a),
        Command::Runs(a) => run_runs(&a),
        Command::History(a) => run_history(&a),
        Command::Diff(a) => run_diff(&a),
        Command::Refresh(a) => run_refresh(&a, lang),
    }
}

/// Runs the pipeline on an inventory folder or file, with an explicit `today` for the
/// default audit date.
pub fn audit_inventory(
    inventory: &Path,
    cli_as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Audit> {
    let inv = timed("load", || sources::load_inventory(inventory))
        .with_context(|| format!("无法读取清单 {}", inventory.display()))?;
    let settings = match &inv.settings_text {
        Some((path, text)) => SettingsFile::parse(path, text)?.resolve(path, cli_as_of, today)?,
        None => SettingsFile::default().resolve(inventory, cli_as_of, today)?,
    };
    let mut problems = inv.problems;
    let taxonomy = Taxonomy::builtin();
    let waivers = load_waivers(inv.waivers_text.as_ref())?;
    let (platforms, resolve_problems) =
        timed("resolve", || registry::resolve(inv.records, &taxonomy));
    problems.extend(resolve_problems);
    problems.sort();
    let (overlap, outcome, recommendations) =
        analyze_platforms(&platforms, &inv.documents, &waivers, &settings);
    Ok(Audit {
        settings,
        platforms,
        documents: inv.documents,
        overlap,
        outcome,
        recommendations,
        problems,
        follow_ups: Vec::new(),
    })
}

/// Runs one stage and logs how long it took (`-v` shows it on stderr).
fn timed<T>(stage: &str, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let value = f();
    tracing::info!(
        stage,
        seconds = start.elapsed().as_secs_f64(),
        peak_rss_mb = peak_rss_mb(),
        "stage finished"
    );
    value
}

/// The process's peak resident memory so far in MB, where the OS tells it (Linux).
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The waivers of an inventory's `waivers.toml`, if it has one.
fn load_waivers(file: Option<&(std::path::PathBuf, String)>) -> Result<Vec<rules::Waiver>> {
    Ok(match file {
        Some((path, text)) => rules::parse_waivers(path, text)?,
        None => Vec::new(),
    })
}

/// The pure core of every audit: overlap, then rules, then recommendations.
fn analyze_platforms(
    platforms: &[Platform],
    documents: &[Document],
    waivers: &[rules::Waiver],
    settings: &Settings,
) -> (Overlap, RuleOutcome, Vec<Recommendation>) {
    let progress = crate::progress_bar::StderrProgress::new();
    let overlap = timed("overlap", || {
        overlap::analyze_with_progress(platforms, &settings.overlap, &progress)
    });
    let outcome = timed("rules", || {
        rules::evaluate_with_progress(
            &RuleContext {
                platforms,
                overlap: &overlap,
                documents,
                settings: &settings.rules,
                as_of: settings.as_of,
                waivers,
            },
            &progress,
        )
    });
    let recommendations = timed("recommend", || {
        recommend::recommend_with_progress(
            platforms,
            &overlap,
            &outcome.findings,
            &settings.recommend,
            &settings.burden,
            settings.as_of,
            &progress,
        )
    });
    (overlap, outcome, recommendations)
}

fn run_audit(args: &AuditArgs, lang: Lang) -> Result<Status> {
    let cli_as_of = args
        .as_of
        .as_deref()
        .map(parse_date_arg)
        .transpose()
        .map_err(crate::Error::Usage)?;
    let today = chrono::Local::now().date_naive();
    let audit = match &args.db {
        Some(db) => {
            let mut store = registry::Store::open(db)?;
            audit_inventory_with_store(&args.inventory, None, cli_as_of, today, &mut store)?.0
        }
        None => audit_inventory(&args.inventory, cli_as_of, today)?,
    };
    timed("report", || report::write_all(&args.out, &audit.view(lang)))?;
    if !args.quiet {
        let mut out = std::io::stdout().lock();
        print_summary(&mut out, &audit, lang, &args.out)?;
    }
    let threshold = args.fail_on.map(|f| match f {
        FailOn::Low => Severity::Low,
        FailOn::Medium => Severity::Medium,
        FailOn::High => Severity::High,
    });
    let hit = threshold.is_some_and(|t| {
        audit
            .outcome
            .findings
            .iter()
            .any(|f| f.waived.is_none() && f.severity >= t)
    });
    // The process ends right after this command; handing a million platforms back to
    // the allocator one by one would only add a second to a large audit.
    std::mem::forget(audit);
    Ok(if hit {
        Status::FindingsAtThreshold
    } else {
        Status::Ok
    })
}

/// Prints the short summary after an audit: counts per action, the largest clusters and
/// findings per rule.
fn print_summary(out: &mut impl Write, audit: &Audit, lang: Lang, out_dir: &Path) -> Result<()> {
    use std::collections::BTreeMap;

    use crate::recommend::Action;

    let zh = lang == Lang::Zh;
    let mut per_action: BTreeMap<Action, usize> = BTreeMap::new();
    for rec in &audit.recommendations {
        *per_action.entry(rec.action).or_default() += 1;
    }
    let unwaived = audit
        .outcome
        .findings
        .iter()
        .filter(|f| f.waived.is_none())
        .count();
    if zh {
        writeln!(
            out,
            "审计日期 {}：{} 个平台，{} 条问题线索，{} 条输入问题",
            audit.settings.as_of,
            audit.platforms.len(),
            unwaived,
            audit.problems.len()
        )?;
    } else {
        writeln!(
            out,
            "Audit as of {}: {} platforms, {} findings, {} input problems",
            audit.settings.as_of,
            audit.platforms.len(),
            unwaived,
            audit.problems.len()
        )?;
    }
    let actions: Vec<String> = Action::ALL
        .iter()
        .map(|a| {
            let n = per_action.get(a).copied().unwrap_or(0);
            if zh {
                format!("{} {n}", a.label_zh())
            } else {
                format!("{} {n}", a.code())
            }
        })
        .collect();
    writeln!(
        out,
        "{}{}",
        if zh { "建议：" } else { "Actions: " },
        actions.join(if zh { "，" } else { ", " })
    )?;
    let mut clusters: Vec<&crate::overlap::Cluster> = audit.overlap.clusters.iter().collect();
    clusters.sort_by_key(|c| (std::cmp::Reverse(c.members.len()), c.target));
    if !clusters.is_empty() {
        writeln!(
            out,
            "{}",
            if zh {
                "最大的重叠簇："
            } else {
                "Largest overlap clusters:"
            }
        )?;
        for cluster in clusters.iter().take(5) {
            let target = &audit.platforms[cluster.target];
            if zh {
                writeln!(
                    out,
                    "  「{}」（{}）← {} 个平台，最低相似度 {:.2}",
                    target.name,
                    target.id,
                    cluster.members.len() - 1,
                    cluster.similarity
                )?;
            } else {
                writeln!(
                    out,
                    "  \"{}\" ({}) <- {} platforms, lowest similarity {:.2}",
                    target.name,
                    target.id,
                    cluster.members.len() - 1,
                    cluster.similarity
                )?;
            }
        }
    }
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for finding in audit.outcome.findings.iter().filter(|f| f.waived.is_none()) {
        *per_rule.entry(finding.rule).or_default() += 1;
    }
    if !per_rule.is_empty() {
        let rules: Vec<String> = per_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
        writeln!(
            out,
            "{}{}",
            if zh {
                "各规则问题数："
            } else {
                "Findings per rule: "
            },
            rules.join(if zh { "，" } else { ", " })
        )?;
    }
    writeln!(
        out,
        "{}{}",
        if zh {
            "报告已写入 "
        } else {
            "Reports written to "
        },
        out_dir.display()
    )?;
    Ok(())
}

/// `crawl`: reads sources.toml, crawls every source, optionally dumps the records as
/// JSONL, and prints the per-source and per-host summary. Incomplete sources are reported
/// in the summary; the command itself succeeds unless the configuration is unreadable or
/// the dump cannot be written.
fn run_crawl(args: &crate::cli::CrawlArgs) -> Result<Status> {
    use crate::sources::crawl;
    let config = crawl::CrawlConfig::load(&args.sources)?;
    let options = crawl::CrawlOptions {
        cache_dir: args.cache.clone(),
    };
    let report = crawl::crawl_all(&config, &options)?;
    if let Some(dump) = &args.dump {
        crawl::write_dump(dump, &report)?;
    }
    let runs = match &args.db {
        Some(db) => {
            let mut store = registry::Store::open(db)?;
            let now = chrono::Local::now().naive_local();
            ingest_crawl_report(&mut store, &report, now)?
        }
        None => Vec::new(),
    };
    let mut out = std::io::stdout().lock();
    write!(out, "{}", report.summary_zh())?;
    if let Some(dump) = &args.dump {
        writeln!(
            out,
            "共 {} 条记录已写入 {}",
            report.records().count(),
            dump.display()
        )?;
    }
    for run in &runs {
        writeln!(out, "{}", summary_line(run))?;
    }
    Ok(Status::Ok)
}

/// The source name a path is recorded under in the registry: its absolute path, so the
/// same file or folder is the same source wherever the command is run from.
pub fn source_name(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Parses `--now`: `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM:SS`; default the
/// local wall clock.
fn parse_now(text: Option<&str>) -> Result<NaiveDateTime> {
    let Some(text) = text else {
        return Ok(chrono::Local::now().naive_local());
    };
    if let Ok(t) = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M:%S") {
        return Ok(t);
    }
    let date = parse_date_arg(text).map_err(crate::Error::Usage)?;
    Ok(date.and_time(NaiveTime::MIN))
}

/// The crawl step of a refresh: crawls the sources of the inventory's `sources.toml`
/// (if it has one) and ingests each source as one run. The crawler's cache (robots.txt,
/// ETag/Last-Modified and the records of unchanged pages) sits next to the registry.
pub fn crawl_sources_into(
    store: &mut registry::Store,
    db: &Path,
    inventory: &Path,
    now: NaiveDateTime,
) -> Result<Vec<registry::RunSummary>> {
    let sources_toml = if inventory.is_dir() {
        inventory.join("sources.toml")
    } else {
        inventory
            .parent()
            .map(|p| p.join("sources.toml"))
            .unwrap_or_default()
    };
    if !sources_toml.is_file() {
        return Ok(Vec::new());
    }
    let config = sources::crawl::CrawlConfig::load(&sources_toml)?;
    let options = sources::crawl::CrawlOptions {
        cache_dir: Some(crawl_cache_dir(db)),
    };
    let report = sources::crawl::crawl_all(&config, &options)?;
    ingest_crawl_report(store, &report, now)
}

/// Where the crawler keeps its cache for a registry file: `<db>.crawl-cache/`.
fn crawl_cache_dir(db: &Path) -> std::path::PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".crawl-cache");
    db.with_file_name(name)
}

/// Hands a crawl to the registry: one run per source, named `crawl:<source name>`. A
/// source that was cut short is a partial run and one that yielded nothing because it
/// failed is a failed run; neither marks anything missing.
fn ingest_crawl_report(
    store: &mut registry::Store,
    report: &sources::crawl::CrawlReport,
    now: NaiveDateTime,
) -> Result<Vec<registry::RunSummary>> {
    let mut runs = Vec::new();
    for outcome in &report.sources {
        let source = format!("crawl:{}", outcome.name);
        if outcome.records.is_empty() && !outcome.complete {
            let cause = outcome
                .failure
                .clone()
                .unwrap_or_else(|| "未抓取到任何记录".to_string());
            let run = store.record_failed_run(&source, registry::RunKind::Crawl, &cause, now)?;
            runs.push(run);
            continue;
        }
        let options = registry::IngestOptions {
            kind: registry::RunKind::Crawl,
            status: if outcome.complete {
                registry::RunStatus::Ok
            } else {
                registry::RunStatus::Partial
            },
            complete: outcome.complete,
        };
        runs.push(store.ingest(&source, &outcome.records, options, now)?);
    }
    Ok(runs)
}

/// Runs the pipeline on an inventory with the registry: the inventory's tables are
/// ingested as one run, the registry's platforms (stable ids, retired ones excluded)
/// are audited, decisions are applied, earlier recommendations are followed through,
/// and this audit's recommendations and flags are saved. Returns the audit, the
/// ingest run and the saved audit's id.
///
/// `source` names the run's source (default: the inventory's absolute path).
pub fn audit_inventory_with_store(
    inventory: &Path,
    source: Option<&str>,
    cli_as_of: Option<NaiveDate>,
    today: NaiveDate,
    store: &mut registry::Store,
) -> Result<(Audit, registry::RunSummary, i64)> {
    let source = source
        .map(str::to_string)
        .unwrap_or_else(|| source_name(inventory));
    let inv = match sources::load_inventory(inventory) {
        Ok(inv) => inv,
        Err(e) => {
            // An unreadable inventory is a failed run: it marks nothing missing.
            let now = cli_as_of.unwrap_or(today).and_time(NaiveTime::MIN);
            store.record_failed_run(&source, registry::RunKind::Ingest, &e.to_string(), now)?;
            return Err(
                anyhow::Error::new(e).context(format!("无法读取清单 {}", inventory.display()))
            );
        }
    };
    let settings = match &inv.settings_text {
        Some((path, text)) => SettingsFile::parse(path, text)?.resolve(path, cli_as_of, today)?,
        None => SettingsFile::default().resolve(inventory, cli_as_of, today)?,
    };
    // The audit date is the registry's clock, so that reruns are reproducible.
    let now = settings.as_of.and_time(NaiveTime::MIN);
    let run = store.ingest(
        &source,
        &inv.records,
        registry::IngestOptions::complete_ingest(),
        now,
    )?;
    let mut problems = inv.problems;
    problems.extend(run.problems.iter().cloned());
    let taxonomy = Taxonomy::builtin();
    let stored = store.platforms(true)?;
    let mut platforms = Vec::new();
    for p in stored
        .iter()
        .filter(|p| p.status != registry::PlatformStatus::Retired)
    {
        platforms.push(registry::record_to_platform(
            p.id.clone(),
            p.record.clone(),
            &taxonomy,
            &mut problems,
        ));
    }
    problems.sort();
    problems.dedup();
    let mut waivers = load_waivers(inv.waivers_text.as_ref())?;
    waivers.extend(store.waivers()?);
    let (overlap, mut outcome, mut recommendations) =
        analyze_platforms(&platforms, &inv.documents, &waivers, &settings);
    let decisions = store.decisions()?;
    registry::apply_decisions(
        &decisions,
        &platforms,
        &mut recommendations,
        &mut outcome.findings,
        settings.as_of,
    );
    let follow_ups = follow_ups_for(store, &stored, &platforms, &outcome, settings.as_of)?;
    let saved: Vec<registry::SavedRecommendation> = recommendations
        .iter()
        .filter_map(|r| {
            let p = platforms.get(r.platform)?;
            Some(registry::SavedRecommendation {
                platform_id: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                owner: p.owner.clone(),
                functions: p.functions.clone(),
                action: r.action,
                into: r.into.and_then(|i| platforms.get(i)).map(|t| t.id.clone()),
                rules: r.rules.iter().map(|s| s.to_string()).collect(),
                deadline: r.deadline,
                reasons: r.reasons.iter().map(|m| m.zh.clone()).collect(),
            })
        })
        .collect();
    let flags: Vec<registry::SavedFlag> = outcome
        .findings
        .iter()
        .filter_map(|f| {
            Some(registry::SavedFlag {
                platform_id: platforms.get(f.platform)?.id.clone(),
                rule: f.rule.to_string(),
                severity: f.severity.code().to_string(),
                waived: f.waived.clone(),
            })
        })
        .collect();
    let audit_id = store.save_audit(
        Some(run.run),
        settings.as_of,
        now,
        &saved,
        &flags,
        &follow_ups,
    )?;
    let audit = Audit {
        settings,
        platforms,
        documents: inv.documents,
        overlap,
        outcome,
        recommendations,
        problems,
        follow_ups,
    };
    Ok((audit, run, audit_id))
}

/// Follow-through of earlier recommendations against the registry as it is now.
fn follow_ups_for(
    store: &registry::Store,
    stored: &[registry::StoredPlatform],
    platforms: &[Platform],
    outcome: &RuleOutcome,
    as_of: NaiveDate,
) -> Result<Vec<FollowUp>> {
    use crate::recommend::follow::{self, Presence};
    let earlier = store.earlier_recommendations(as_of)?;
    if earlier.is_empty() {
        return Ok(Vec::new());
    }
    let reappeared = store.reappearances()?;
    let audited: std::collections::HashMap<&str, usize> = platforms
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut fired: Vec<Vec<String>> = vec![Vec::new(); platforms.len()];
    for f in outcome.findings.iter().filter(|f| f.waived.is_none()) {
        if let Some(v) = fired.get_mut(f.platform) {
            v.push(f.rule.to_string());
        }
    }
    let states: Vec<follow::PlatformState> = stored
        .iter()
        .map(|s| {
            let idx = audited.get(s.id.as_str()).copied();
            let audited = idx.and_then(|i| platforms.get(i));
            follow::PlatformState {
                id: s.id.clone(),
                name: audited
                    .map(|p| p.name.clone())
                    .or_else(|| s.record.name.clone())
                    .unwrap_or_default(),
                owner: s.record.owner.clone(),
                kind: audited
                    .map(|p| p.kind)
                    .or(s.record.kind)
                    .unwrap_or(crate::model::Kind::Platform),
                functions: audited
                    .map(|p| p.functions.clone())
                    .unwrap_or_else(|| s.record.functions.clone()),
                presence: match s.status {
                    registry::PlatformStatus::Active => Presence::Active,
                    registry::PlatformStatus::Missing => Presence::Missing,
                    registry::PlatformStatus::Retired => Presence::Retired,
                },
                first_seen: NaiveDate::parse_from_str(&s.first_seen, "%Y-%m-%d").unwrap_or(as_of),
                reappeared_on: reappeared.get(&s.id).copied(),
                fired_rules: idx.and_then(|i| fired.get(i)).cloned().unwrap_or_default(),
            }
        })
        .collect();
    Ok(follow::follow_through(
        &earlier,
        &states,
        as_of,
        &follow::FollowSettings::default(),
    ))
}

fn store_options(retire_after: u32) -> registry::StoreOptions {
    registry::StoreOptions {
        retire_after: retire_after.max(1),
    }
}

/// Opens a registry that must already exist (read commands never create one).
fn open_existing(db: &Path) -> Result<registry::Store> {
    if !db.is_file() {
        return Err(crate::Error::Usage(format!(
            "登记库 {} 不存在；请先用 fingertip ingest 或 fingertip audit --db 建立",
            db.display()
        ))
        .into());
    }
    Ok(registry::Store::open(db)?)
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

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

fn run_ingest(args: &IngestArgs) -> Result<Status> {
    let now = parse_now(args.now.as_deref())?;
    let db = &args.db.db;
    let store = if args.dry_run && !db.exists() {
        registry::Store::open_in_memory()?
    } else {
        registry::Store::open(db)?
    };
    let mut store = store.with_options(store_options(args.retire_after));
    let options = registry::IngestOptions {
        kind: registry::RunKind::Ingest,
        status: if args.partial {
            registry::RunStatus::Partial
        } else {
            registry::RunStatus::Ok
        },
        complete: !args.partial,
    };
    if args.source.is_some() && args.paths.len() > 1 {
        anyhow::bail!(crate::Error::Usage(
            "--source 只能用于单个文件或文件夹：每个路径是一个来源".into()
        ));
    }
    let mut results = Vec::new();
    let mut failed = Vec::new();
    let mut out = std::io::stdout().lock();
    for path in &args.paths {
        let source = args.source.clone().unwrap_or_else(|| source_name(path));
        let inv = match sources::load_inventory(path) {
            Ok(inv) => inv,
            Err(e) => {
                let message = e.to_string();
                if !args.dry_run {
                    // A source that cannot be read is a failed run: it marks nothing
                    // missing, and `runs` shows why.
                    store.record_failed_run(&source, registry::RunKind::Ingest, &message, now)?;
                }
                eprintln!("fingertip: 错误: {message}");
                failed.push(path.display().to_string());
                continue;
            }
        };
        let (summary, diff) = if args.dry_run {
            let (s, d) = store.ingest_dry_run(&source, &inv.records, options, now)?;
            (s, Some(d))
        } else {
            (store.ingest(&source, &inv.records, options, now)?, None)
        };
        let mut problems = inv.problems;
        problems.extend(summary.problems.iter().cloned());
        problems.sort();
        match args.format {
            OutputFormat::Json => results.push(serde_json::json!({
                "summary": summary,
                "dry_run": args.dry_run,
                "diff": diff,
                "problems": problems.iter().map(problem_json).collect::<Vec<_>>(),
            })),
            OutputFormat::Text => {
                if args.dry_run {
                    writeln!(out, "（试运行，未写入登记库）{}", summary_line(&summary))?;
                } else {
                    writeln!(out, "{}", summary_line(&summary))?;
                }
                if let Some(d) = &diff {
                    write!(out, "{}", d.to_text())?;
                }
                for p in problems.iter().take(20) {
                    writeln!(out, "  问题：{p}")?;
                }
                if problems.len() > 20 {
                    writeln!(out, "  …另有 {} 条问题", problems.len() - 20)?;
                }
            }
        }
    }
    drop(out);
    if args.format == OutputFormat::Json {
        print_json(&results)?;
    }
    if !failed.is_empty() {
        anyhow::bail!("{} 个来源无法读取：{}", failed.len(), failed.join("，"));
    }
    Ok(Status::Ok)
}

/// `fingertip rules [explain <id>] [--format json]`: prints the catalog or one rule.
/// An unknown id is a usage error (exit 2) naming close ids.
fn run_rules(args: &RulesArgs, lang: Lang) -> Result<Status> {
    let settings = rules::RuleSettings::default();
    let text = match &args.action {
        None => match args.format {
            OutputFormat::Text => rules::render::list_text(lang),
            OutputFormat::Json => rules::render::list_json(),
        },
        Some(RulesAction::Explain { id }) => {
            let meta = rules::catalog::get(id.trim())
                .ok_or_else(|| crate::Error::Usage(rules::render::unknown_rule_message(id)))?;
            match args.format {
                OutputFormat::Text => rules::render::explain_text(meta, &settings, lang),
                OutputFormat::Json => rules::render::explain_json(meta, &settings),
            }
        }
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    Ok(Status::Ok)
}

fn run_decide(args: &DecideArgs) -> Result<Status> {
    let now = parse_now(args.now.as_deref())?;
    if let Some(file) = &args.export {
        let store = open_existing(&args.db.db)?;
        let n = store.export_decisions(file)?;
        println!(
            "已导出 {n} 行到 {}；在“决定”等列填写后用 fingertip decide --import 导入",
            file.display()
        );
        return Ok(Status::Ok);
    }
    if let Some(file) = &args.import {
        let mut store = open_existing(&args.db.db)?;
        let summary = store.import_decisions(file, now)?;
        println!(
            "已导入 {} 条决定，{} 条与现有决定相同，{} 行有问题",
            summary.applied,
            summary.unchanged,
            summary.problems.len()
        );
        for p in &summary.problems {
            eprintln!("  问题：{p}");
        }
        return Ok(Status::Ok);
    }
    let (Some(id), Some(action)) = (&args.id, args.action) else {
        anyhow::bail!(crate::Error::Usage("请给出平台编号和决定".into()));
    };
    let until = args
        .until
        .as_deref()
        .map(parse_date_arg)
        .transpose()
        .map_err(crate::Error::Usage)?;
    let action = match action {
        DecideAction::Keep => registry::DecisionAction::Keep,
        DecideAction::Merge => registry::DecisionAction::Merge,
        DecideAction::Shutdown => registry::DecisionAction::Shutdown,
        DecideAction::Waive => registry::DecisionAction::Waive,
    };
    let decision = registry::Decision {
        platform_id: id.clone(),
        action,
        into: args.into.clone(),
        rule: args.rule.clone(),
        reason: args.reason.clone().unwrap_or_default(),
        until,
        decided_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        origin: "cli".into(),
    };
    let mut store = open_existing(&args.db.db)?;
    store.decide(&decision)?;
    println!(
        "已记录：{} {}{}{}",
        id,
        action.label_zh(),
        args.into
            .as_deref()
            .map(|i| format!(" → {i}"))
            .unwrap_or_default(),
        args.rule
            .as_deref()
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    );
    Ok(Status::Ok)
}

fn run_runs(args: &RunsArgs) -> Result<Status> {
    let store = open_existing(&args.db.db)?;
    let runs = store.runs()?;
    let reviews = store.reviews()?;
    match args.format {
        OutputFormat::Json => print_json(&serde_json::json!({"runs": runs, "reviews": reviews}))?,
        OutputFormat::Text => print!("{}", registry::runs_text(&runs, &reviews)),
    }
    Ok(Status::Ok)
}

fn run_history(args: &HistoryArgs) -> Result<Status> {
    let store = open_existing(&args.db.db)?;
    let history = store.history(&args.id)?;
    match args.format {
        OutputFormat::Json => print_json(&history)?,
        OutputFormat::Text => print!("{}", history.to_text()),
    }
    Ok(Status::Ok)
}

fn run_diff(args: &DiffArgs) -> Result<Status> {
    let store = open_existing(&args.db.db)?;
    let diff = store.diff(args.from, args.to)?;
    match args.format {
        OutputFormat::Json => print_json(&diff)?,
        OutputFormat::Text => print!("{}", diff.to_text()),
    }
    Ok(Status::Ok)
}

/// Parses `--every`: a whole number followed by `s`, `m`, `h`, `d` or `w`.
pub fn parse_every(text: &str) -> std::result::Result<std::time::Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("“{text}”不是有效的间隔（如 30d、12h、45m）"))?;
    let secs = match unit.trim() {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => {
            return Err(format!(
                "“{text}”不是有效的间隔（单位应为 s、m、h、d 或 w）"
            ))
        }
    };
    if n == 0 {
        return Err(format!("“{text}”：间隔必须大于 0"));
    }
    Ok(std::time::Duration::from_secs(n.saturating_mul(secs)))
}

fn run_refresh(args: &RefreshArgs, lang: Lang) -> Result<Status> {
    let every = args
        .every
        .as_deref()
        .map(parse_every)
        .transpose()
        .map_err(crate::Error::Usage)?;
    let cli_as_of = args
        .as_of
        .as_deref()
        .map(parse_date_arg)
        .transpose()
        .map_err(crate::Error::Usage)?;
    loop {
        match (refresh_once(args, cli_as_of, lang), every) {
            (Err(e), None) => return Err(e),
            // Unattended repetition outlives one bad round (an unreadable share, a
            // refresh still running): report it and try again next time.
            (Err(e), Some(_)) => eprintln!("fingertip: 错误: 本轮刷新失败: {e:#}"),
            (Ok(()), _) => {}
        }
        match every {
            None => return Ok(Status::Ok),
            Some(interval) => {
                if !args.quiet {
                    println!("下次刷新在 {} 秒后", interval.as_secs());
                }
                std::thread::sleep(interval);
            }
        }
    }
}

fn refresh_once(args: &RefreshArgs, cli_as_of: Option<NaiveDate>, lang: Lang) -> Result<()> {
    let db = &args.db.db;
    let _lock = registry::RefreshLock::acquire(db)?;
    let mut store = registry::Store::open(db)?.with_options(store_options(args.retire_after));
    let before = store.runs()?.last().map(|r| r.id).unwrap_or(0);
    // A repeated refresh without --as-of audits as of the day it runs.
    let today = chrono::Local::now().date_naive();
    let now = cli_as_of.unwrap_or(today).and_time(NaiveTime::MIN);
    let crawled = crawl_sources_into(&mut store, db, &args.inventory, now)?;
    let (audit, run, _) = audit_inventory_with_store(
        &args.inventory,
        args.source.as_deref(),
        cli_as_of,
        today,
        &mut store,
    )?;
    report::write_all(&args.out, &audit.view(lang))?;
    let diff = store.diff(Some(before), None)?;
    report::write_diff(&args.out, &diff)?;
    if !args.quiet {
        for c in &crawled {
            println!("{}", summary_line(c));
        }
        println!("{}", summary_line(&run));
        println!(
            "刷新完成：{} 个平台，{} 条问题线索，{} 条跟踪问效，报告与变化（diff.json、diff.md）已写入 {}",
            audit.platforms.len(),
            audit.outcome.findings.len(),
            audit.follow_ups.len(),
            args.out.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parses_units() {
        assert_eq!(parse_every("30d").unwrap().as_secs(), 30 * 86_400);
        assert_eq!(parse_every("12h").unwrap().as_secs(), 12 * 3600);
        assert_eq!(parse_every("45m").unwrap().as_secs(), 45 * 60);
        assert!(parse_every("0h").is_err());
        assert!(parse_every("soon").is_err());
        assert!(parse_every("3y").is_err());
    }
}
