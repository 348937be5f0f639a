//! `fingertip audit`: the whole pipeline on an inventory, the reports, and the short
//! summary on stdout (counts from the report's own summary).

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use fingertip::config::AuditDate;
use fingertip::model::Lang;
use fingertip::pipeline::{self, Audit};
use fingertip::recommend::Action;
use fingertip::registry;
use fingertip::report::{self, ReportOptions, Summary};
use fingertip::rules::Severity;

use super::progress_bar::StderrProgress;
use super::Status;
use crate::cli::{AuditArgs, FailOn};

/// Audits, writes the reports, prints the summary and applies `--fail-on`.
pub fn run(args: &AuditArgs, lang: Lang) -> Result<Status> {
    let date = AuditDate::from_cli(args.as_of);
    let progress = StderrProgress::new();
    let audit = match &args.db {
        Some(db) => {
            let mut store = registry::Store::open(db)?;
            pipeline::audit_inventory_with_store(
                &args.inventory,
                None,
                date,
                &mut store,
                &progress,
            )?
            .audit
        }
        None => pipeline::audit_inventory(&args.inventory, date, &progress)?,
    };
    let (_, summary) =
        report::write_all_summarized(&args.out, &audit.view(lang), &ReportOptions::default())?;
    if !args.quiet {
        let mut out = std::io::stdout().lock();
        print_summary(&mut out, &audit, &summary, lang, &args.out)?;
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

/// Prints the short summary after an audit: the report summary's counts (platforms,
/// findings and how many are waived, input problems, actions, findings per rule) and the
/// largest clusters.
pub fn print_summary(
    out: &mut impl Write,
    audit: &Audit,
    summary: &Summary,
    lang: Lang,
    out_dir: &Path,
) -> Result<()> {
    let zh = lang == Lang::Zh;
    let flags = &summary.flags;
    if zh {
        writeln!(
            out,
            "审计日期 {}：{} 个平台，{} 条问题线索（其中已豁免 {}），{} 条输入问题",
            audit.settings.as_of,
            summary.platforms.before,
            flags.total,
            flags.waived,
            summary.problems
        )?;
    } else {
        writeln!(
            out,
            "Audit as of {}: {} platforms, {} findings ({} waived), {} input problems",
            audit.settings.as_of,
            summary.platforms.before,
            flags.total,
            flags.waived,
            summary.problems
        )?;
    }
    let actions: Vec<String> = Action::ALL
        .iter()
        .map(|a| {
            let n = summary.by_action.get(a.code()).copied().unwrap_or(0);
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
    let mut clusters: Vec<&fingertip::overlap::Cluster> = audit.overlap.clusters.iter().collect();
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
    if !flags.by_rule.is_empty() {
        let rules: Vec<String> = flags
            .by_rule
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
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
