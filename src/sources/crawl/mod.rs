//! Polite crawling of public listings (政务新媒体 directories, app filing lists): the only
//! code that touches the network.
//!
//! [`crawl_all`] reads every source of a [`CrawlConfig`] (from `sources.toml`) concurrently
//! and returns one [`SourceOutcome`] per source: its records with provenance (page URL and
//! row; fetch time and source name in `extra`), whether it was read completely, and why
//! not. An incomplete source must never mark anything missing in the registry.
//!
//! The parts, after Scrapy's and lychee's defaults:
//! - [`config`]: the `sources.toml` format.
//! - [`robots`]: robots.txt once per host before anything else, cached ≤ 24 h.
//! - [`politeness`]: one request at a time per host, a jittered minimum gap, adaptive
//!   slow-down, a circuit breaker, per-host counters.
//! - [`fetch`]: reqwest client per source, retries, timeouts, body cap, checked redirects.
//! - [`extract`]: decoding (GBK included) and CSS-selector extraction with scraper.
//! - [`cache`]: robots.txt and conditional-GET validators with each page's records.

pub mod cache;
pub mod config;
pub mod extract;
pub mod fetch;
pub mod politeness;
pub mod robots;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use url::Url;

use crate::error::{Error, Result};
use crate::model::{Problem, Record};

pub use config::{CrawlConfig, CrawlerSettings, SourceConfig};
pub use politeness::HostStats;

use cache::{record_from_json, record_to_json, Cache, CachedPage, CachedProblem};
use config::Pagination;
use extract::PageContext;
use fetch::{FailKind, FetchError, Fetched, Fetcher, Validators};
use politeness::Hosts;

/// Options of one crawl run that do not come from `sources.toml`.
#[derive(Debug, Clone, Default)]
pub struct CrawlOptions {
    /// Cache directory for robots.txt and conditional GETs; `None` keeps nothing.
    pub cache_dir: Option<PathBuf>,
}

/// Counters of one source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceStats {
    /// Pages fetched with a body.
    pub pages_fetched: u64,
    /// Pages answered `304 Not Modified` (records kept from the cache).
    pub pages_unchanged: u64,
    /// Pages that failed.
    pub pages_failed: u64,
}

/// What crawling one source produced.
#[derive(Debug, Clone)]
pub struct SourceOutcome {
    /// The source's name.
    pub name: String,
    /// Records in page and row order.
    pub records: Vec<Record>,
    /// Cells that could not be read.
    pub problems: Vec<Problem>,
    /// Whether every page was read; `false` when the source failed or was cut short
    /// (budget, robots, host skipped, circuit open, refused link). The registry must not
    /// mark anything missing for an incomplete source.
    pub complete: bool,
    /// The first failure, as `URL：cause`.
    pub failure: Option<String>,
    /// Every failure, in order.
    pub failures: Vec<String>,
    /// Counters.
    pub stats: SourceStats,
}

/// The result of a crawl run.
#[derive(Debug, Clone, Default)]
pub struct CrawlReport {
    /// One outcome per source, in `sources.toml` order.
    pub sources: Vec<SourceOutcome>,
    /// Counters per host (origin), sorted.
    pub hosts: BTreeMap<String, HostStats>,
}

impl CrawlReport {
    /// Whether every source was read completely.
    pub fn all_complete(&self) -> bool {
        self.sources.iter().all(|s| s.complete)
    }

    /// Every record of every source, in source order.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.sources.iter().flat_map(|s| s.records.iter())
    }

    /// The end-of-run summary in Chinese: one line per source and one per host.
    pub fn summary_zh(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "抓取来源：");
        for source in &self.sources {
            let state = if source.complete {
                "完整".to_string()
            } else {
                format!(
                    "不完整（不据此标记缺失）：{}",
                    source.failure.as_deref().unwrap_or("未知原因")
                )
            };
            let _ = writeln!(
                out,
                "  {}：记录 {} 条，抓取 {} 页，未变化 {} 页，失败 {} 页，单元格问题 {} 个，{}",
                source.name,
                source.records.len(),
                source.stats.pages_fetched,
                source.stats.pages_unchanged,
                source.stats.pages_failed,
                source.problems.len(),
                state
            );
            for extra in source.failures.iter().skip(1) {
                let _ = writeln!(out, "    另：{extra}");
            }
        }
        let _ = writeln!(out, "各主机请求统计：");
        for (origin, s) in &self.hosts {
            let mut notes = String::new();
            if s.skipped {
                notes.push_str("，robots.txt 不可读，已跳过该主机");
            }
            if s.circuit_open {
                notes.push_str("，连续失败已熔断");
            }
            let _ = writeln!(
                out,
                "  {origin}：请求 {}，2xx {}，3xx {}，4xx {}，5xx {}，429 {}，304 {}，网络错误 {}，字节 {}，重试 {}，平均延迟 {} 毫秒，robots 跳过页面 {}{notes}",
                s.requests,
                s.status_2xx,
                s.status_3xx,
                s.status_4xx,
                s.status_5xx,
                s.status_429,
                s.status_304,
                s.network_errors,
                s.bytes,
                s.retries,
                s.mean_latency_ms(),
                s.robots_skipped,
            );
        }
        out
    }
}

/// Crawls every source (blocking: runs its own tokio runtime). For `app.rs`.
///
/// Must not be called from inside a tokio runtime (tokio refuses to nest runtimes);
/// async callers use [`crawl_all_async`].
pub fn crawl_all(config: &CrawlConfig, options: &CrawlOptions) -> Result<CrawlReport> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(&config.path, e))?;
    Ok(runtime.block_on(crawl_all_async(config, options)))
}

/// Crawls every source concurrently: up to `concurrency` sources at once, hosts shared
/// between sources so that politeness holds per host across the whole run.
pub async fn crawl_all_async(config: &CrawlConfig, options: &CrawlOptions) -> CrawlReport {
    let settings = Arc::new(config.crawler.clone());
    let hosts = Arc::new(Hosts::default());
    let cache = Cache::new(options.cache_dir.as_deref());
    let permits = Arc::new(tokio::sync::Semaphore::new(settings.concurrency.max(1)));
    let mut tasks = tokio::task::JoinSet::new();
    for (index, source) in config.sources.iter().enumerate() {
        let source = Arc::new(source.clone());
        let settings = Arc::clone(&settings);
        let hosts = Arc::clone(&hosts);
        let cache = cache.clone();
        let permits = Arc::clone(&permits);
        tasks.spawn(async move {
            // The semaphore is never closed, so acquiring only waits.
            let _permit = permits.acquire_owned().await.ok();
            let name = source.name.clone();
            let outcome = crawl_source(source, settings, hosts, cache).await;
            (index, name, outcome)
        });
    }
    let mut outcomes: Vec<Option<SourceOutcome>> = vec![None; config.sources.len()];
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((index, _, outcome)) => {
                if let Some(slot) = outcomes.get_mut(index) {
                    *slot = Some(outcome);
                }
            }
            Err(e) => tracing::error!("抓取任务异常结束：{e}"),
        }
    }
    let sources = outcomes
        .into_iter()
        .zip(&config.sources)
        .map(|(outcome, source)| {
            outcome.unwrap_or_else(|| {
                let mut failed = SourceOutcome::new(&source.name);
                failed.fail("抓取任务异常结束".to_string());
                failed
            })
        })
        .collect();
    CrawlReport {
        sources,
        hosts: hosts.stats(),
    }
}

impl SourceOutcome {
    fn new(name: &str) -> SourceOutcome {
        SourceOutcome {
            name: name.to_string(),
            records: Vec::new(),
            problems: Vec::new(),
            complete: true,
            failure: None,
            failures: Vec::new(),
            stats: SourceStats::default(),
        }
    }

    fn fail(&mut self, message: String) {
        self.complete = false;
        if self.failure.is_none() {
            self.failure = Some(message.clone());
        }
        self.failures.push(message);
    }
}

/// One page's yield.
struct PageYield {
    records: Vec<Record>,
    problems: Vec<Problem>,
    next: Option<String>,
}

/// Crawls one source page by page.
async fn crawl_source(
    source: Arc<SourceConfig>,
    settings: Arc<CrawlerSettings>,
    hosts: Arc<Hosts>,
    cache: Cache,
) -> SourceOutcome {
    let mut outcome = SourceOutcome::new(&source.name);
    let fetcher = match Fetcher::new(Arc::clone(&source), settings, hosts, cache.clone()) {
        Ok(f) => f,
        Err(e) => {
            outcome.fail(e);
            return outcome;
        }
    };
    let mut walk = Walk {
        source: &source,
        fetcher: &fetcher,
        cache: &cache,
        budget: source.page_budget,
        visited: HashSet::new(),
        outcome,
    };
    let max_pages = source.page.max_pages;
    // Start URLs, following next links when the page has a `next` selector.
    'starts: for start in &source.start_urls {
        let mut url = Some(start.clone());
        let mut pages = 0u32;
        while let Some(current) = url.take() {
            if !walk.visited.insert(current.to_string()) {
                // A next link back to a page already read ends the listing.
                break;
            }
            if pages >= max_pages {
                walk.outcome.fail(format!(
                    "{current}：已达每个起始页的翻页上限 max_pages = {max_pages}，仍有下一页未抓取"
                ));
                break;
            }
            if !walk.take_budget(&current) {
                break 'starts;
            }
            pages += 1;
            match walk.page(&current).await {
                Ok(page) => {
                    walk.absorb(page.records, page.problems);
                    if let Some(next) = page.next {
                        match Url::parse(&next) {
                            Ok(next_url) if source.allows(&next_url) => url = Some(next_url),
                            Ok(next_url) => {
                                let host = next_url.host_str().unwrap_or("");
                                let note = fetch::address_note(host)
                                    .map(|n| format!("（{n}）"))
                                    .unwrap_or_default();
                                walk.outcome.fail(format!(
                                    "{current}：下一页链接 {next_url} 的主机 {host}{note} 不在 allowed_hosts 中，已拒绝"
                                ));
                            }
                            Err(e) => walk
                                .outcome
                                .fail(format!("{current}：下一页链接无法解析：{next}（{e}）")),
                        }
                    }
                }
                Err(error) => {
                    walk.failed(&error);
                    if matches!(error.kind, FailKind::CircuitOpen | FailKind::HostSkipped) {
                        break 'starts;
                    }
                }
            }
        }
    }
    // Pattern pages: {page} = 1, 2, … until max_pages, an empty page or a 404.
    if let Pagination::Pattern(pattern) = &source.page.pagination {
        for page_no in 1..=max_pages {
            let text = pattern.replace("{page}", &page_no.to_string());
            let current = match Url::parse(&text) {
                Ok(u) => u,
                Err(e) => {
                    walk.outcome.fail(format!("{text}：网址无法解析（{e}）"));
                    break;
                }
            };
            if !source.allows(&current) {
                walk.outcome
                    .fail(format!("{current}：主机不在 allowed_hosts 中，已拒绝"));
                break;
            }
            if !walk.visited.insert(current.to_string()) {
                continue;
            }
            if !walk.take_budget(&current) {
                break;
            }
            match walk.page(&current).await {
                Ok(page) if page.records.is_empty() => {
                    walk.absorb(page.records, page.problems);
                    break;
                }
                Ok(page) => walk.absorb(page.records, page.problems),
                Err(error) if error.kind == FailKind::Http(404) && page_no > 1 => break,
                Err(error) => {
                    walk.failed(&error);
                    break;
                }
            }
        }
    }
    let mut outcome = walk.outcome;
    if outcome.complete && outcome.records.is_empty() {
        // Zero rows usually means the site changed its layout, not that every platform
        // closed; treating it as complete would mark them all missing.
        outcome.fail(format!(
            "{}：未提取到任何记录（页面结构可能已改变，请检查选择器）",
            source
                .start_urls
                .first()
                .map(Url::to_string)
                .unwrap_or_else(|| source.name.clone())
        ));
    }
    outcome
}

/// State of one source's walk.
struct Walk<'a> {
    source: &'a SourceConfig,
    fetcher: &'a Fetcher,
    cache: &'a Cache,
    budget: u32,
    visited: HashSet<String>,
    outcome: SourceOutcome,
}

impl Walk<'_> {
    fn take_budget(&mut self, url: &Url) -> bool {
        if self.budget == 0 {
            self.outcome.fail(format!(
                "{url}：页面预算（{} 页）已用尽，其余页面未抓取",
                self.source.page_budget
            ));
            return false;
        }
        self.budget -= 1;
        true
    }

    fn absorb(&mut self, records: Vec<Record>, problems: Vec<Problem>) {
        self.outcome.records.extend(records);
        self.outcome.problems.extend(problems);
    }

    fn failed(&mut self, error: &FetchError) {
        self.outcome.stats.pages_failed += 1;
        self.outcome.fail(error.to_string());
    }

    /// Fetches one page (conditionally when cached) and extracts its records.
    async fn page(&mut self, url: &Url) -> Result<PageYield, FetchError> {
        let key = url.to_string();
        let fingerprint = self.source.extraction_fingerprint();
        let cached = self.cache.page(&key, &fingerprint);
        let validators = cached
            .as_ref()
            .filter(|c| c.etag.is_some() || c.last_modified.is_some())
            .map(|c| Validators {
                etag: c.etag.clone(),
                last_modified: c.last_modified.clone(),
            });
        let fetched_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        match self.fetcher.get(url, validators.as_ref()).await? {
            Fetched::NotModified => {
                let Some(cached) = cached else {
                    return Err(FetchError {
                        url: key,
                        cause: "服务器返回 304，但本地没有该页的缓存".to_string(),
                        kind: FailKind::Http(304),
                    });
                };
                self.outcome.stats.pages_unchanged += 1;
                let records = cached
                    .records
                    .iter()
                    .map(|json| {
                        let mut record = record_from_json(json);
                        // The server confirmed the content at this time.
                        record
                            .extra
                            .insert("fetched_at".to_string(), fetched_at.clone());
                        record
                    })
                    .collect();
                let problems = cached.problems.iter().map(|p| p.to_problem(&key)).collect();
                Ok(PageYield {
                    records,
                    problems,
                    next: cached.next,
                })
            }
            Fetched::Page(page) => {
                self.outcome.stats.pages_fetched += 1;
                let (html, _encoding) = extract::decode(
                    &page.body,
                    page.content_type.as_deref(),
                    self.source.encoding,
                );
                let extracted = extract::extract(
                    &html,
                    &self.source.page,
                    &PageContext {
                        url: &page.url,
                        source_name: &self.source.name,
                        fetched_at: &fetched_at,
                        default_kind: self.source.kind,
                    },
                );
                self.cache.store_page(&CachedPage {
                    url: key,
                    etag: page.etag,
                    last_modified: page.last_modified,
                    next: extracted.next.clone(),
                    records: extracted.records.iter().map(record_to_json).collect(),
                    problems: extracted
                        .problems
                        .iter()
                        .map(CachedProblem::from_problem)
                        .collect(),
                    fingerprint,
                });
                Ok(PageYield {
                    records: extracted.records,
                    problems: extracted.problems,
                    next: extracted.next,
                })
            }
        }
    }
}

/// Writes every record as JSONL with DESIGN.md §2 English keys (plus `source_url`,
/// `source_row`, `crawl_source` and `fetched_at`), sources in file order.
pub fn write_dump(path: &Path, report: &CrawlReport) -> Result<()> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    for record in report.records() {
        let line = serde_json::to_string(&record_to_json(record)).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other(e),
        })?;
        writeln!(out, "{line}").map_err(|e| Error::io(path, e))?;
    }
    out.flush().map_err(|e| Error::io(path, e))
}
