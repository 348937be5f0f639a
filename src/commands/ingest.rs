//! `fingertip ingest <path>...`: each file or folder is one run of the registry.

use std::io::Write;

use anyhow::Result;
use fingertip::{pipeline, registry, sources};

use super::{now_or_clock, print_json, problem_json, store_options, summary_line, Status};
use crate::cli::{IngestArgs, OutputFormat};

/// Ingests every path (or, with `--dry-run`, shows what would change) and prints one
/// summary per run with its problems.
pub fn run(args: &IngestArgs) -> Result<Status> {
    let now = now_or_clock(args.now);
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
        anyhow::bail!(fingertip::Error::Usage(
            "--source 只能用于单个文件或文件夹：每个路径是一个来源".into()
        ));
    }
    let mut results = Vec::new();
    let mut failed = Vec::new();
    let mut partial = Vec::new();
    let mut out = std::io::stdout().lock();
    for path in &args.paths {
        let inv = match sources::load_inventory(path) {
            Ok(inv) => inv,
            Err(e) => {
                let source = pipeline::inventory_source(path, args.source.as_deref(), None);
                let message = e.to_string();
                if !args.dry_run {
                    // A source that cannot be read is a failed run: it marks nothing
                    // missing, and `runs` shows why.
                    let run = store.record_failed_run(
                        &source,
                        registry::RunKind::Ingest,
                        &message,
                        now,
                    )?;
                    store.set_run_path(run.run, &pipeline::path_text(path))?;
                }
                eprintln!("fingertip: 错误: {message}");
                failed.push(path.display().to_string());
                continue;
            }
        };
        let file_settings = match &inv.settings_text {
            Some((file, text)) => fingertip::config::SettingsFile::parse(file, text)?,
            None => fingertip::config::SettingsFile::default(),
        };
        store.set_file_options(file_settings.registry);
        let settings_source = file_settings.source;
        let source = pipeline::inventory_source(
            path,
            args.source.as_deref(),
            settings_source.as_deref().filter(|s| !s.trim().is_empty()),
        );
        let previous = store.last_complete_tables(&source)?;
        let cause = if args.complete || args.partial {
            None
        } else {
            registry::partial_cause(previous.as_deref(), &inv.tables, &inv.problems)
        };
        let options = match &cause {
            Some(_) => registry::IngestOptions {
                status: registry::RunStatus::Partial,
                complete: false,
                ..options
            },
            None => options,
        };
        let (summary, diff) = if args.dry_run {
            let (s, d) = store.ingest_dry_run(&source, &inv.records, options, now)?;
            (s, Some(d))
        } else {
            let summary = store.ingest(&source, &inv.records, options, now)?;
            store.set_run_path(summary.run, &pipeline::path_text(path))?;
            store.set_run_tables(summary.run, &inv.tables, cause.as_deref())?;
            (summary, None)
        };
        if let Some(cause) = &cause {
            eprintln!(
                "fingertip: 错误: {}：运行 #{} 为部分运行（未标记任何平台缺失）：{cause}；如确为有意删除，请加 --complete 重新导入",
                path.display(),
                summary.run
            );
            partial.push(path.display().to_string());
        }
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
    if !partial.is_empty() {
        anyhow::bail!("{} 个来源为部分运行：{}", partial.len(), partial.join("，"));
    }
    if !failed.is_empty() {
        anyhow::bail!("{} 个来源无法读取：{}", failed.len(), failed.join("，"));
    }
    Ok(Status::Ok)
}
