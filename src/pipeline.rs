//! The stage wiring: the only place that knows the order of the stages and maps values
//! between them, the registry's rows included.
//!
//! ```text
//! sources → registry (resolve, or ingest + read back) → overlap → rules → recommend
//! ```
//!
//! Reports are written by the caller from [`Audit::view`]. Everything here returns
//! [`crate::Result`]; the binary adds its own context and prints.

mod decisions;
mod forms;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub use decisions::{apply_decisions, waivers};
pub use forms::{check_proposal, forms_inventory, CheckAgainst, CheckRun, FormsRun};

use crate::config::{AuditDate, Settings, SettingsFile};
use crate::error::{Error, Result};
use crate::model::{Document, Kind, Lang, Platform, Problem};
use crate::normalize::Taxonomy;
use crate::overlap::{self, Overlap};
use crate::progress::Progress;
use crate::recommend::follow::{self, EarlierRecommendation, PlatformState, Presence};
use crate::recommend::{self, Action, FollowUp, Recommendation};
use crate::report::AuditView;
use crate::rules::{self, RuleContext, RuleOutcome};
use crate::{registry, sources};

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
    /// The 一表通 plan of the inventory's forms, when it has at most
    /// [`FORMS_IN_AUDIT_MAX`] forms (report.html shows it; `fingertip forms` writes it).
    pub forms: Option<crate::recommend::forms::FormsPlan>,
}

/// The most forms an audit consolidates for its report; above it the section is left
/// out and `fingertip forms` does the work. The greedy merging is cubic inside one
/// component of shared-core pairs: 2,000 forms of one county drawing on one pool of 80
/// fields took 14.5 minutes in a debug build, so the audit keeps well below that.
pub const FORMS_IN_AUDIT_MAX: usize = 500;

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
            forms: self.forms.as_ref(),
        }
    }
}

/// An audit run against the registry: the audit, the inventory's ingest run and the
/// id the audit was saved under.
#[derive(Debug)]
pub struct StoredAudit {
    /// The audit.
    pub audit: Audit,
    /// The ingest run of the inventory's tables.
    pub run: registry::RunSummary,
    /// The saved audit's id in the registry.
    pub audit_id: i64,
    /// Why the ingest run was partial (it then marked nothing missing), if it was.
    pub partial: Option<String>,
}

/// Runs the pipeline on an inventory folder or file without a registry: ids come from
/// the input.
pub fn audit_inventory(
    inventory: &Path,
    date: AuditDate,
    progress: &dyn Progress,
) -> Result<Audit> {
    let inv =
        timed("load", || sources::load_inventory(inventory)).map_err(|e| Error::Inventory {
            path: inventory.to_path_buf(),
            source: Box::new(e),
        })?;
    let settings = settings_of(&inv, inventory, date)?;
    let gazetteer = settings.gazetteer();
    let mut problems = inv.problems;
    let taxonomy = Taxonomy::builtin();
    let waivers = file_waivers(inv.waivers_text.as_ref())?;
    let (platforms, resolve_problems) =
        timed("resolve", || registry::resolve(inv.records, &taxonomy));
    problems.extend(resolve_problems);
    let (overlap, outcome, recommendations) =
        analyze_platforms(&platforms, &inv.documents, &waivers, &settings, progress);
    problems.extend(overlap.degradation_problems(&settings.overlap));
    problems.sort();
    let forms = forms::forms_of_audit(&platforms, &settings, gazetteer);
    Ok(Audit {
        settings,
        platforms,
        documents: inv.documents,
        overlap,
        outcome,
        recommendations,
        problems,
        follow_ups: Vec::new(),
        forms,
    })
}

/// Runs the pipeline on an inventory with the registry: the inventory's tables are
/// ingested as one run, the registry's platforms (stable ids, retired ones excluded)
/// are audited, decisions are applied, earlier recommendations are followed through,
/// and this audit's recommendations and flags are saved.
///
/// `source` names the run's source (default: the inventory's absolute path). An
/// unreadable inventory is recorded as a failed run, which marks nothing missing.
pub fn audit_inventory_with_store(
    inventory: &Path,
    source: Option<&str>,
    date: AuditDate,
    store: &mut registry::Store,
    progress: &dyn Progress,
) -> Result<StoredAudit> {
    audit_inventory_confirmed(inventory, source, date, store, false, progress)
}

/// [`audit_inventory_with_store`], where `confirm_complete` (`--complete`) makes the
/// run complete although a table of the source's last complete run is gone (an
/// intended removal). Without it such a run, or one where a file failed as a whole,
/// is partial: it marks nothing missing and [`StoredAudit::partial`] says why.
pub fn audit_inventory_confirmed(
    inventory: &Path,
    source: Option<&str>,
    date: AuditDate,
    store: &mut registry::Store,
    confirm_complete: bool,
    progress: &dyn Progress,
) -> Result<StoredAudit> {
    let inv = match timed("load", || sources::load_inventory(inventory)) {
        Ok(inv) => inv,
        Err(e) => {
            let source = inventory_source(inventory, source, None);
            let now = date.without_file().and_time(NaiveTime::MIN);
            let run =
                store.record_failed_run(&source, registry::RunKind::Ingest, &e.to_string(), now)?;
            store.set_run_path(run.run, &path_text(inventory))?;
            return Err(Error::Inventory {
                path: inventory.to_path_buf(),
                source: Box::new(e),
            });
        }
    };
    let settings = settings_of(&inv, inventory, date)?;
    let gazetteer = settings.gazetteer();
    let source = inventory_source(inventory, source, settings.source.as_deref());
    // The audit date is the registry's clock, so that reruns are reproducible.
    let now = settings.as_of.and_time(NaiveTime::MIN);
    store.set_file_options(settings.registry);
    let previous = store.last_complete_tables(&source)?;
    let partial = if confirm_complete {
        None
    } else {
        registry::partial_cause(previous.as_deref(), &inv.tables, &inv.problems)
    };
    let options = if partial.is_some() {
        registry::IngestOptions {
            kind: registry::RunKind::Ingest,
            status: registry::RunStatus::Partial,
            complete: false,
        }
    } else {
        registry::IngestOptions::complete_ingest()
    };
    let run = timed("ingest", || {
        store.ingest(&source, &inv.records, options, now)
    })?;
    store.set_run_path(run.run, &path_text(inventory))?;
    store.set_run_tables(run.run, &inv.tables, partial.as_deref())?;
    let mut problems = inv.problems;
    problems.extend(run.problems.iter().cloned());
    let taxonomy = Taxonomy::builtin();
    let stored = store.platforms(true)?;
    // Only platforms the sources still list are audited: a missing or retired one
    // leaves the open task list and is seen through follow-through alone.
    let current: Vec<(String, crate::model::Record)> = stored
        .iter()
        .filter(|p| p.status == registry::PlatformStatus::Active)
        .map(|p| (p.id.clone(), p.record.clone()))
        .collect();
    let (platforms, resolve_problems) = timed("resolve", || {
        registry::resolve_identified(current, &taxonomy)
    });
    problems.extend(resolve_problems);
    problems.sort();
    problems.dedup();
    let decisions = store.decisions()?;
    let mut all_waivers = file_waivers(inv.waivers_text.as_ref())?;
    all_waivers.extend(waivers(&decisions));
    let (overlap, mut outcome, mut recommendations) = analyze_platforms(
        &platforms,
        &inv.documents,
        &all_waivers,
        &settings,
        progress,
    );
    problems.extend(overlap.degradation_problems(&settings.overlap));
    problems.sort();
    apply_decisions(
        &decisions,
        &platforms,
        &mut recommendations,
        &mut outcome.findings,
        settings.as_of,
    );
    let earlier = earlier_recommendations(store.earlier_recommendations(settings.as_of)?);
    let follow_ups = if earlier.is_empty() {
        Vec::new()
    } else {
        let reappeared = store.reappearances()?;
        let states = platform_states(&stored, &platforms, &outcome, &reappeared, settings.as_of);
        follow::follow_through(
            &earlier,
            &states,
            settings.as_of,
            &follow::FollowSettings::default(),
        )
    };
    let forms = forms::forms_of_audit(&platforms, &settings, gazetteer);
    follow::recommend_rebounds(
        &mut recommendations,
        &platforms,
        &earlier,
        &follow_ups,
        settings.as_of,
        settings.recommend.deadline_days_high,
    );
    let first_on = follow::hold_deadlines(&mut recommendations, &platforms, &earlier, &follow_ups);
    let audit_id = store.save_audit(
        Some(run.run),
        settings.as_of,
        now,
        &saved_recommendations(&platforms, &recommendations, &first_on, settings.as_of),
        &saved_flags(&platforms, &outcome),
        &saved_follow_ups(&follow_ups),
    )?;
    Ok(StoredAudit {
        audit: Audit {
            settings,
            platforms,
            documents: inv.documents,
            overlap,
            outcome,
            recommendations,
            problems,
            follow_ups,
            forms,
        },
        run,
        audit_id,
        partial,
    })
}

/// The source an inventory is recorded under in the registry: `--source`, else the
/// `source` of its fingertip.toml (`settings_source`, or read from the folder when the
/// inventory could not be loaded), else the folder's (or single file's) name with a
/// warning on stderr, because a new folder each month would then be a new source.
pub fn inventory_source(
    inventory: &Path,
    cli: Option<&str>,
    settings_source: Option<&str>,
) -> String {
    if let Some(name) = cli.map(str::trim).filter(|s| !s.is_empty()) {
        return name.to_string();
    }
    let from_file = match settings_source {
        Some(name) => Some(name.to_string()),
        None => source_in_settings_file(inventory),
    };
    if let Some(name) = from_file {
        return name;
    }
    let name = folder_name(inventory);
    tracing::warn!(
        "fingertip.toml 未设置 source，来源按名称「{name}」记录（{}）；每月换文件夹时请在 fingertip.toml 中写 source = \"…\"，否则各月会被当作不同来源",
        path_text(inventory)
    );
    name
}

/// The `source` key of the fingertip.toml next to an inventory, if it can be read.
fn source_in_settings_file(inventory: &Path) -> Option<String> {
    let dir = if inventory.is_dir() {
        inventory
    } else {
        inventory.parent()?
    };
    let path = dir.join("fingertip.toml");
    let text = std::fs::read_to_string(&path).ok()?;
    let file = SettingsFile::parse(&path, &text).ok()?;
    file.source.filter(|s| !s.trim().is_empty())
}

/// The last component of a path (absolute, so `.` has a name too).
fn folder_name(path: &Path) -> String {
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| absolute.display().to_string())
}

/// A path as `runs` shows it: absolute where it exists.
pub fn path_text(path: &Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
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
fn crawl_cache_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".crawl-cache");
    db.with_file_name(name)
}

/// Hands a crawl to the registry: one run per source, named `crawl:<source name>`. A
/// source that was cut short is a partial run and one that yielded nothing because it
/// failed is a failed run; neither marks anything missing.
pub fn ingest_crawl_report(
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

/// The settings of an inventory: its fingertip.toml (or the defaults), with the audit
/// date decided by [`AuditDate::decide`].
fn settings_of(inv: &sources::Inventory, inventory: &Path, date: AuditDate) -> Result<Settings> {
    match &inv.settings_text {
        Some((path, text)) => SettingsFile::parse(path, text)?.resolve(path, date),
        None => SettingsFile::default().resolve(inventory, date),
    }
}

/// The waivers of an inventory's `waivers.toml`, if it has one.
fn file_waivers(file: Option<&(PathBuf, String)>) -> Result<Vec<rules::Waiver>> {
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
    progress: &dyn Progress,
) -> (Overlap, RuleOutcome, Vec<Recommendation>) {
    let overlap = timed("overlap", || {
        overlap::analyze_with_progress(platforms, &settings.overlap, progress)
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
            progress,
        )
    });
    // The file's organisation table was checked when the settings were resolved.
    let assigning = recommend::Assigning {
        org: recommend::assign::OrgModel::new(settings.gazetteer(), &settings.org).0,
        calendar: recommend::workdays::WorkCalendar::from_settings(&settings.workdays),
    };
    let recommendations = timed("recommend", || {
        recommend::recommend_with_progress(
            platforms,
            &overlap,
            &outcome.findings,
            &settings.recommend,
            &settings.burden,
            &assigning,
            settings.as_of,
            progress,
        )
    });
    (overlap, outcome, recommendations)
}

/// This audit's recommendations as registry rows (ids instead of indices).
fn saved_recommendations(
    platforms: &[Platform],
    recommendations: &[Recommendation],
    first_on: &HashMap<usize, NaiveDate>,
    as_of: NaiveDate,
) -> Vec<registry::SavedRecommendation> {
    recommendations
        .iter()
        .filter_map(|r| {
            let p = platforms.get(r.platform)?;
            Some(registry::SavedRecommendation {
                platform_id: p.id.clone(),
                name: p.name.clone(),
                kind: p.kind,
                owner: p.owner.clone(),
                functions: p.functions.clone(),
                action: r.action.code().to_string(),
                into: r.into.and_then(|i| platforms.get(i)).map(|t| t.id.clone()),
                rules: r.rules.iter().map(|s| s.to_string()).collect(),
                deadline: r.deadline,
                first_on: Some(first_on.get(&r.platform).copied().unwrap_or(as_of)),
                reasons: r.reasons.iter().map(|m| m.zh.clone()).collect(),
            })
        })
        .collect()
}

/// This audit's findings as registry rows.
fn saved_flags(platforms: &[Platform], outcome: &RuleOutcome) -> Vec<registry::SavedFlag> {
    outcome
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
        .collect()
}

/// Follow-ups as registry rows.
fn saved_follow_ups(follow_ups: &[FollowUp]) -> Vec<registry::SavedFollowUp> {
    follow_ups
        .iter()
        .map(|f| registry::SavedFollowUp {
            platform_id: f.platform_id.clone(),
            name: f.name.clone(),
            action: f.action.code().to_string(),
            recommended_on: f.recommended_on,
            deadline: f.deadline,
            overdue_days: f.overdue_days,
            escalation: f
                .overdue_days
                .map(|d| follow::Escalation::for_days(d).level()),
            status: f.status.code().to_string(),
            note_zh: f.note.zh.clone(),
            note_en: f.note.en.clone(),
        })
        .collect()
}

/// The registry's earlier recommendations that follow-through looks at: every action but
/// `keep` (an unknown action code counts as `keep`).
pub fn earlier_recommendations(rows: Vec<registry::EarlierRow>) -> Vec<EarlierRecommendation> {
    rows.into_iter()
        .filter_map(|row| {
            let r = row.recommendation;
            let action = Action::parse(&r.action).filter(|a| *a != Action::Keep)?;
            Some(EarlierRecommendation {
                platform_id: r.platform_id,
                name: r.name,
                owner: r.owner,
                kind: r.kind,
                functions: r.functions,
                action,
                into: r.into,
                rules: r.rules,
                recommended_on: r.first_on.unwrap_or(row.recommended_on),
                deadline: r.deadline,
            })
        })
        .collect()
}

/// Every registry platform (retired included) as follow-through sees it: this audit's
/// values where it was audited, else the stored ones, and the rules that fired on it.
fn platform_states(
    stored: &[registry::StoredPlatform],
    platforms: &[Platform],
    outcome: &RuleOutcome,
    reappeared: &HashMap<String, NaiveDate>,
    as_of: NaiveDate,
) -> Vec<PlatformState> {
    let audited: HashMap<&str, usize> = platforms
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
    stored
        .iter()
        .map(|s| {
            let idx = audited.get(s.id.as_str()).copied();
            let audited = idx.and_then(|i| platforms.get(i));
            PlatformState {
                id: s.id.clone(),
                name: audited
                    .map(|p| p.name.clone())
                    .or_else(|| s.record.name.clone())
                    .unwrap_or_default(),
                owner: s.record.owner.clone(),
                kind: audited
                    .map(|p| p.kind)
                    .or(s.record.kind)
                    .unwrap_or(Kind::Platform),
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
        .collect()
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

#[cfg(test)]
mod tests;
