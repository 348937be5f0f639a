//! Wires the stages together: the only place that knows their order.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::cli::{Args, AuditArgs, Command, FailOn, LangArg, OutputFormat, RulesAction, RulesArgs};
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
    }
}

/// Runs the pipeline on an inventory folder or file, with an explicit `today` for the
/// default audit date.
pub fn audit_inventory(
    inventory: &Path,
    cli_as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Audit> {
    let inv = sources::load_inventory(inventory)
        .with_context(|| format!("无法读取清单 {}", inventory.display()))?;
    let settings = match &inv.settings_text {
        Some((path, text)) => SettingsFile::parse(path, text)?.resolve(path, cli_as_of, today)?,
        None => SettingsFile::default().resolve(inventory, cli_as_of, today)?,
    };
    let mut problems = inv.problems;
    let taxonomy = Taxonomy::builtin();
    let (platforms, resolve_problems) = registry::resolve(inv.records, &taxonomy);
    problems.extend(resolve_problems);
    problems.sort();
    let waivers = match &inv.waivers_text {
        Some((path, text)) => rules::parse_waivers(path, text)?,
        None => Vec::new(),
    };
    let overlap = overlap::analyze(&platforms, &settings.overlap);
    let outcome = rules::evaluate(&RuleContext {
        platforms: &platforms,
        overlap: &overlap,
        documents: &inv.documents,
        settings: &settings.rules,
        as_of: settings.as_of,
        waivers: &waivers,
    });
    let recommendations = recommend::recommend(
        &platforms,
        &overlap,
        &outcome.findings,
        &settings.recommend,
        &settings.burden,
        settings.as_of,
    );
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

fn run_audit(args: &AuditArgs, lang: Lang) -> Result<Status> {
    let cli_as_of = args
        .as_of
        .as_deref()
        .map(parse_date_arg)
        .transpose()
        .map_err(crate::Error::Usage)?;
    let today = chrono::Local::now().date_naive();
    let audit = audit_inventory(&args.inventory, cli_as_of, today)?;
    report::write_all(&args.out, &audit.view(lang))?;
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
