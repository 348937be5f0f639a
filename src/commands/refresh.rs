//! `fingertip refresh`: ingest, crawl, audit, write reports and the diff; with
//! `--every`, repeat in the foreground.

use std::io::Write;

use anyhow::Result;
use chrono::NaiveTime;
use fingertip::config::AuditDate;
use fingertip::model::Lang;
use fingertip::{pipeline, registry, report};

use super::progress_bar::StderrProgress;
use super::{store_options, summary_line, Status};
use crate::cli::RefreshArgs;

/// Refreshes once, or every `--every` until stopped.
pub fn run(args: &RefreshArgs, lang: Lang) -> Result<Status> {
    loop {
        match (refresh_once(args, lang), args.every) {
            (Err(e), None) => return Err(e),
            // Unattended repetition outlives one bad round (an unreadable share, a
            // refresh still running): report it and try again next time.
            (Err(e), Some(_)) => eprintln!("fingertip: 错误: 本轮刷新失败: {e:#}"),
            (Ok(()), _) => {}
        }
        match args.every {
            None => return Ok(Status::Ok),
            Some(interval) => {
                if !args.quiet {
                    let mut out = std::io::stdout().lock();
                    writeln!(out, "下次刷新在 {} 秒后", interval.as_secs())?;
                }
                std::thread::sleep(interval);
            }
        }
    }
}

fn refresh_once(args: &RefreshArgs, lang: Lang) -> Result<()> {
    let db = &args.db.db;
    let _lock = registry::RefreshLock::acquire(db)?;
    let mut store = registry::Store::open(db)?.with_options(store_options(args.retire_after));
    let before = store.runs()?.last().map(|r| r.id).unwrap_or(0);
    // A repeated refresh without --as-of audits as of the day it runs.
    let date = AuditDate::from_cli(args.as_of);
    let now = date.without_file().and_time(NaiveTime::MIN);
    let crawled = pipeline::crawl_sources_into(&mut store, db, &args.inventory, now)?;
    let stored = pipeline::audit_inventory_confirmed(
        &args.inventory,
        args.source.as_deref(),
        date,
        &mut store,
        args.complete,
        &StderrProgress::new(),
    )?;
    let audit = &stored.audit;
    let (_, summary) = report::write_all_summarized(
        &args.out,
        &audit.view(lang),
        &report::ReportOptions::default(),
    )?;
    let diff = store.diff(Some(before), None)?;
    report::write_diff(&args.out, &diff)?;
    if !args.quiet {
        let mut out = std::io::stdout().lock();
        for c in &crawled {
            writeln!(out, "{}", summary_line(c))?;
        }
        writeln!(out, "{}", summary_line(&stored.run))?;
        writeln!(
            out,
            "刷新完成：{} 个平台，{} 条问题线索（其中已豁免 {}），{} 条跟踪问效，报告与变化（diff.json、diff.md）已写入 {}",
            summary.platforms.before,
            summary.flags.total,
            summary.flags.waived,
            audit.follow_ups.len(),
            args.out.display()
        )?;
    }
    if let Some(cause) = &stored.partial {
        // Reports are written, but the run is not the whole source: say so and fail,
        // so that a cron job notices.
        anyhow::bail!(
            "运行 #{} 为部分运行（未标记任何平台缺失）：{cause}；如确为有意删除，请加 --complete 重新运行",
            stored.run.run
        );
    }
    Ok(())
}
