//! `fingertip crawl`: reads sources.toml, crawls every source, optionally dumps the
//! records as JSONL and hands them to a registry, and prints the per-source and per-host
//! summary. Incomplete sources are reported in the summary; the command itself succeeds
//! unless the configuration is unreadable or the dump cannot be written.

use std::io::Write;

use anyhow::Result;
use fingertip::sources::crawl;
use fingertip::{pipeline, registry};

use super::{summary_line, Status};
use crate::cli::CrawlArgs;

/// Crawls, dumps, ingests and prints.
pub fn run(args: &CrawlArgs) -> Result<Status> {
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
            pipeline::ingest_crawl_report(&mut store, &report, now)?
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
