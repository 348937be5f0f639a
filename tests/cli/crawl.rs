//! `fingertip crawl` against a real HTTP server on 127.0.0.1 (hyper, bound to port 0).
//! The server serves the fixture site in `tests/fixtures/crawl/` (GBK pages are encoded at
//! startup), logs every request with its arrival time, and the tests assert on that log:
//! robots.txt first, disallowed paths never requested, gaps ≥ the delay, bounded retries
//! after `Retry-After`, no request to unlisted hosts, conditional GETs answered with 304.
//!
//! Nothing here talks to any address outside 127.0.0.0/8. Timing assertions are lower
//! bounds only (gaps must be at least the configured delay).

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};

use fingertip::sources::crawl::{self, CrawlConfig, CrawlOptions, CrawlReport};
use hyper::body::{Bytes, Frame};
use hyper::{Request, Response};

use super::{fingertip, fixture};

// ---------------------------------------------------------------------------------------
// The loopback test server.

/// One logged request.
#[derive(Debug, Clone)]
struct Hit {
    at: Instant,
    /// Path and query.
    path: String,
    host: String,
    user_agent: String,
    if_none_match: Option<String>,
    if_modified_since: Option<String>,
    cookie: Option<String>,
    status: u16,
}

/// What the handler sees.
struct Req<'a> {
    path: &'a str,
    if_none_match: Option<&'a str>,
    /// Earlier requests to the same path and query.
    seen_before: usize,
    version: u8,
    port: u16,
}

/// A response body: all at once, or in chunks with a pause before each (trickling).
enum TestBody {
    Full(Option<Bytes>),
    Chunks {
        chunk: Bytes,
        remaining: usize,
        pause: Duration,
        sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    },
}

impl hyper::body::Body for TestBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            TestBody::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            TestBody::Chunks {
                chunk,
                remaining,
                pause,
                sleep,
            } => {
                if *remaining == 0 {
                    return Poll::Ready(None);
                }
                let timer = sleep.get_or_insert_with(|| Box::pin(tokio::time::sleep(*pause)));
                match timer.as_mut().poll(cx) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(()) => {
                        *sleep = None;
                        *remaining -= 1;
                        Poll::Ready(Some(Ok(Frame::data(chunk.clone()))))
                    }
                }
            }
        }
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            TestBody::Full(Some(b)) => hyper::body::SizeHint::with_exact(b.len() as u64),
            TestBody::Full(None) => hyper::body::SizeHint::with_exact(0),
            TestBody::Chunks { .. } => hyper::body::SizeHint::default(),
        }
    }
}

type Handler = dyn Fn(&Req<'_>) -> Response<TestBody> + Send + Sync;

struct Server {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Hit>>>,
    version: Arc<AtomicU8>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts a server on 127.0.0.1:0 (never any other address) in its own thread.
    fn start(handler: Box<Handler>) -> Server {
        let handler: Arc<Handler> = Arc::from(handler);
        let log = Arc::new(Mutex::new(Vec::<Hit>::new()));
        let version = Arc::new(AtomicU8::new(1));
        let std_listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        std_listener.set_nonblocking(true).unwrap();
        let addr = std_listener.local_addr().unwrap();
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let thread_log = Arc::clone(&log);
        let thread_version = Arc::clone(&version);
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(std_listener).unwrap();
                loop {
                    let stream = tokio::select! {
                        _ = &mut stopped => break,
                        accepted = listener.accept() => match accepted {
                            Ok((stream, _)) => stream,
                            Err(_) => continue,
                        },
                    };
                    let handler = Arc::clone(&handler);
                    let log = Arc::clone(&thread_log);
                    let version = Arc::clone(&thread_version);
                    let port = addr.port();
                    tokio::spawn(async move {
                        let service = hyper::service::service_fn(
                            move |req: Request<hyper::body::Incoming>| {
                                let at = Instant::now();
                                let header = |name: &str| {
                                    req.headers()
                                        .get(name)
                                        .and_then(|v| v.to_str().ok())
                                        .map(str::to_string)
                                };
                                let path = req
                                    .uri()
                                    .path_and_query()
                                    .map(|p| p.as_str().to_string())
                                    .unwrap_or_default();
                                let if_none_match = header("if-none-match");
                                let seen_before = log
                                    .lock()
                                    .unwrap()
                                    .iter()
                                    .filter(|h: &&Hit| h.path == path)
                                    .count();
                                let response = handler(&Req {
                                    path: &path,
                                    if_none_match: if_none_match.as_deref(),
                                    seen_before,
                                    version: version.load(Ordering::SeqCst),
                                    port,
                                });
                                log.lock().unwrap().push(Hit {
                                    at,
                                    path: path.clone(),
                                    host: header("host").unwrap_or_default(),
                                    user_agent: header("user-agent").unwrap_or_default(),
                                    if_none_match,
                                    if_modified_since: header("if-modified-since"),
                                    cookie: header("cookie"),
                                    status: response.status().as_u16(),
                                });
                                async move { Ok::<_, Infallible>(response) }
                            },
                        );
                        let io = hyper_util::rt::TokioIo::new(stream);
                        let _ = hyper::server::conn::http1::Builder::new()
                            .serve_connection(io, service)
                            .await;
                    });
                }
            });
        });
        Server {
            addr,
            log,
            version,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn hits(&self) -> Vec<Hit> {
        self.log.lock().unwrap().clone()
    }

    fn hits_for(&self, path: &str) -> Vec<Hit> {
        self.hits().into_iter().filter(|h| h.path == path).collect()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn respond(status: u16, headers: &[(&str, String)], body: TestBody) -> Response<TestBody> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, value.as_str());
    }
    builder.body(body).unwrap()
}

fn html(status: u16, body: impl Into<Bytes>) -> Response<TestBody> {
    respond(
        status,
        &[("content-type", "text/html; charset=utf-8".to_string())],
        TestBody::Full(Some(body.into())),
    )
}

fn not_found() -> Response<TestBody> {
    respond(
        404,
        &[],
        TestBody::Full(Some(Bytes::from_static(b"not found"))),
    )
}

fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture(&format!("crawl/{name}"))).unwrap()
}

fn gbk(text: &str) -> Bytes {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "fixture must be encodable in GBK");
    Bytes::from(bytes.into_owned())
}

/// A tiny listing page: one `tr.item` per name, optional next link.
fn listing(names: &[&str], next: Option<&str>) -> String {
    let mut page = String::from("<html><body><table>");
    for name in names {
        page.push_str(&format!(
            "<tr class=\"item\"><td class=\"name\">{name}</td></tr>"
        ));
    }
    page.push_str("</table>");
    if let Some(next) = next {
        page.push_str(&format!("<a class=\"next\" href=\"{next}\">下一页</a>"));
    }
    page.push_str("</body></html>");
    page
}

/// Asserts that consecutive requests are at least `min` apart.
fn assert_gaps(hits: &[Hit], min: Duration) {
    for pair in hits.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= min,
            "{} → {} only {gap:?} apart (want ≥ {min:?})",
            pair[0].path,
            pair[1].path
        );
    }
}

fn run_library(config_text: &str) -> CrawlReport {
    let config = CrawlConfig::parse(Path::new("sources.toml"), config_text).expect("config");
    crawl::crawl_all(&config, &CrawlOptions::default()).expect("runtime")
}

fn outcome<'a>(report: &'a CrawlReport, name: &str) -> &'a crawl::SourceOutcome {
    report
        .sources
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no source {name}"))
}

fn names(outcome: &crawl::SourceOutcome) -> Vec<String> {
    outcome
        .records
        .iter()
        .filter_map(|r| r.name.clone())
        .collect()
}

fn read_jsonl(path: &Path) -> Vec<serde_json::Map<String, serde_json::Value>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

// ---------------------------------------------------------------------------------------
// The fixture site: UTF-8 and GBK listings, robots.txt, a disallowed area, malformed HTML.

fn fixture_site() -> Server {
    let robots = read_fixture("robots.txt");
    let apps1 = read_fixture("apps-1.html");
    let apps2 = read_fixture("apps-2.html");
    let acc1 = gbk(&read_fixture("accounts-1.html"));
    let acc2 = gbk(&read_fixture("accounts-2.html"));
    let acc3 = gbk(&read_fixture("accounts-3.html"));
    let malformed = read_fixture("malformed.html");
    let private = read_fixture("private-list.html");
    Server::start(Box::new(move |req| match req.path {
        "/robots.txt" => respond(
            200,
            &[("content-type", "text/plain".to_string())],
            TestBody::Full(Some(Bytes::from(robots.clone()))),
        ),
        "/apps-1.html" => html(200, apps1.clone()),
        "/apps-2.html" => html(200, apps2.clone()),
        // Page 1 declares GBK in the header only, page 2 in <meta> only, page 3 nowhere.
        "/accounts?page=1" => respond(
            200,
            &[("content-type", "text/html; charset=GBK".to_string())],
            TestBody::Full(Some(acc1.clone())),
        ),
        "/accounts?page=2" => respond(
            200,
            &[("content-type", "text/html".to_string())],
            TestBody::Full(Some(acc2.clone())),
        ),
        "/accounts?page=3" => respond(200, &[], TestBody::Full(Some(acc3.clone()))),
        "/malformed.html" => html(200, malformed.clone()),
        p if p.starts_with("/private/") => html(200, private.clone()),
        _ => not_found(),
    }))
}

fn fixture_sources(base: &str) -> String {
    format!(
        r#"
[crawler]
contact = "mailto:crawl-test@example.gov.cn"
delay_ms = 200

[[source]]
name = "政务APP备案公示"
start_urls = ["{base}/apps-1.html"]
allowed_hosts = ["127.0.0.1"]
kind = "app"

[source.page]
rows = "table.list tr.item"
name = "td.name"
owner = "td.owner"
level = "td.level"
functions = "td.fn"
users = "td.users"
last_update = "td.date"
filing_no = "td.no a"
description = "td.no a@href"
next = "a.next"

[[source]]
name = "政务新媒体目录"
allowed_hosts = ["127.0.0.1"]
kind = "account"

[source.page]
rows = "li.acc"
name = ".n"
owner = ".o"
channel = ".c"
last_update = ".u"
url_pattern = "{base}/accounts?page={{page}}"
max_pages = 6

[[source]]
name = "内部名单"
start_urls = ["{base}/private/list.html"]
allowed_hosts = ["127.0.0.1"]

[source.page]
rows = "tr.item"
name = "td.name"

[[source]]
name = "残缺页面"
start_urls = ["{base}/malformed.html"]
allowed_hosts = ["127.0.0.1"]
kind = "platform"

[source.page]
rows = "tr.item"
name = "td.name"
owner = "td.owner"
filing_no = "td.no"
"#
    )
}

#[test]
fn crawl_reads_utf8_and_gbk_listings_politely() {
    let server = fixture_site();
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("sources.toml");
    std::fs::write(&sources, fixture_sources(&server.base())).unwrap();
    let dump = dir.path().join("dump.jsonl");
    let assert = fingertip()
        .current_dir(dir.path())
        .args(["crawl", "--sources", "sources.toml", "--dump", "dump.jsonl"])
        .timeout(Duration::from_secs(60))
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout);

    // The log: robots.txt first and only once, nothing under /private/, gaps ≥ the
    // robots.txt Crawl-delay (0.3 s, larger than the configured 0.2 s).
    let hits = server.hits();
    assert_eq!(hits[0].path, "/robots.txt", "{hits:?}");
    assert_eq!(server.hits_for("/robots.txt").len(), 1);
    assert!(
        hits.iter().all(|h| !h.path.starts_with("/private/")),
        "{hits:?}"
    );
    assert_gaps(&hits, Duration::from_millis(300));
    for hit in &hits {
        assert!(
            hit.user_agent.starts_with("fingertip/")
                && hit.user_agent.contains("mailto:crawl-test@example.gov.cn"),
            "{}",
            hit.user_agent
        );
    }
    // Pattern pagination stopped at the first 404.
    assert_eq!(server.hits_for("/accounts?page=4").len(), 1);
    assert!(server.hits_for("/accounts?page=5").is_empty());

    // The dump: DESIGN.md §2 keys, Chinese read correctly from GBK pages.
    let records = read_jsonl(&dump);
    let by_source = |name: &str| -> Vec<&serde_json::Map<String, serde_json::Value>> {
        records
            .iter()
            .filter(|r| r["crawl_source"] == name)
            .collect()
    };
    let apps = by_source("政务APP备案公示");
    assert_eq!(apps.len(), 5);
    let first = apps[0];
    assert_eq!(first["name"], "i鹭岛");
    assert_eq!(first["kind"], "app");
    assert_eq!(first["level"], "city");
    assert_eq!(first["users"], 1_250_000);
    assert_eq!(first["last_update"], "2024-05-01");
    assert_eq!(first["filing_no"], "A001");
    assert_eq!(
        first["functions"],
        serde_json::json!(["办事", "查询", "缴费"])
    );
    assert_eq!(
        first["source_url"],
        format!("{}/apps-1.html", server.base())
    );
    assert!(first.contains_key("fetched_at"));
    // "不详" is not a number: the field is left out (and reported as a problem).
    assert!(!apps[2].contains_key("users"));
    assert_eq!(apps[4]["level"], "township");

    let accounts = by_source("政务新媒体目录");
    let account_names: Vec<&str> = accounts.iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(
        account_names,
        [
            "某市发布",
            "某市税务",
            "某区融媒",
            "某街道服务号",
            "某村村务公开"
        ]
    );
    assert_eq!(accounts[1]["owner"], "国家税务总局某市税务局");
    assert_eq!(accounts[3]["last_update"], "2023-01-01");
    assert!(accounts.iter().all(|r| r["kind"] == "account"));

    let malformed = by_source("残缺页面");
    let malformed_names: Vec<&str> = malformed
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(
        malformed_names.contains(&"某县扶贫通"),
        "{malformed_names:?}"
    );
    assert!(
        malformed_names.contains(&"某县网格通"),
        "{malformed_names:?}"
    );
    assert!(by_source("内部名单").is_empty());

    // The summary: per source and per host, in Chinese.
    assert!(stdout.contains("内部名单：记录 0 条"), "{stdout}");
    assert!(stdout.contains("robots.txt 禁止抓取"), "{stdout}");
    assert!(stdout.contains("各主机请求统计"), "{stdout}");
    assert!(stdout.contains("robots 跳过页面 1"), "{stdout}");
    assert!(
        stdout.contains(&format!("http://{}：请求 {}", server.addr, hits.len())),
        "{stdout}"
    );
    assert!(stdout.contains("政务APP备案公示：记录 5 条"), "{stdout}");
}

#[test]
fn crawl_config_errors_name_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture_sources("http://127.0.0.1:9").replace("max_pages = 6", "max_page = 6");
    std::fs::write(dir.path().join("sources.toml"), text).unwrap();
    let out = fingertip()
        .current_dir(dir.path())
        .args(["crawl", "--sources", "sources.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sources.toml"), "{err}");
    assert!(err.contains("第 36 行，键 `max_page`"), "{err}");
    assert!(err.contains("max_page"), "{err}");
}

#[test]
fn example_sources_toml_is_valid() {
    // Parsed only: its URLs are fictional and must never be fetched.
    let config =
        CrawlConfig::load(&super::repo_root().join("inventory/sources.example.toml")).unwrap();
    assert!(config.sources.len() >= 2);
    for source in &config.sources {
        assert!(source.user_agent().starts_with("fingertip/"));
    }
}

// ---------------------------------------------------------------------------------------
// Retries, Retry-After, 5xx, the circuit breaker, robots.txt failures.

/// Crawler settings with small delays and waits; `extra` adds keys (and may set its own
/// `retry_cap_ms`, default 3000).
fn small_crawler(extra: &str) -> String {
    let cap = if extra.contains("retry_cap_ms") {
        ""
    } else {
        "retry_cap_ms = 3000"
    };
    format!(
        r#"[crawler]
contact = "mailto:crawl-test@example.gov.cn"
delay_ms = 100
retry_base_ms = 50
{cap}
{extra}
"#
    )
}

fn simple_source(name: &str, urls: &[String]) -> String {
    source_with(name, urls, "", "")
}

/// A `[[source]]` with `tr.item` rows, `td.name` names and `a.next` pagination;
/// `source_keys` and `page_keys` add lines to the source and page tables.
fn source_with(name: &str, urls: &[String], source_keys: &str, page_keys: &str) -> String {
    let urls: Vec<String> = urls.iter().map(|u| format!("\"{u}\"")).collect();
    format!(
        r#"
[[source]]
name = "{name}"
start_urls = [{}]
allowed_hosts = ["127.0.0.1"]
{source_keys}

[source.page]
rows = "tr.item"
name = "td.name"
next = "a.next"
{page_keys}
"#,
        urls.join(", ")
    )
}

#[test]
fn retries_honour_retry_after_and_recover_from_500() {
    let server = Server::start(Box::new(|req| match req.path {
        "/busy" if req.seen_before == 0 => respond(
            429,
            &[("retry-after", "1".to_string())],
            TestBody::Full(None),
        ),
        "/busy-date" if req.seen_before == 0 => {
            let at = SystemTime::now() + Duration::from_secs(2);
            respond(
                503,
                &[("retry-after", httpdate::fmt_http_date(at))],
                TestBody::Full(None),
            )
        }
        "/flaky" if req.seen_before == 0 => html(500, "内部错误"),
        "/busy" => html(200, listing(&["忙碌系统"], None)),
        "/busy-date" => html(200, listing(&["日期系统"], None)),
        "/flaky" => html(200, listing(&["偶发故障系统"], None)),
        // No robots.txt (404): everything is allowed.
        _ => not_found(),
    }));
    let base = server.base();
    let mut text = small_crawler("");
    text.push_str(&simple_source("忙碌", &[format!("{base}/busy")]));
    text.push_str(&simple_source("日期", &[format!("{base}/busy-date")]));
    text.push_str(&simple_source("偶发", &[format!("{base}/flaky")]));
    let report = run_library(&text);

    for (name, record) in [
        ("忙碌", "忙碌系统"),
        ("日期", "日期系统"),
        ("偶发", "偶发故障系统"),
    ] {
        let source = outcome(&report, name);
        assert!(source.complete, "{name}: {:?}", source.failure);
        assert_eq!(names(source), [record]);
    }
    let hits = server.hits();
    assert_eq!(hits[0].path, "/robots.txt");
    assert_gaps(&hits, Duration::from_millis(100));
    let busy = server.hits_for("/busy");
    assert_eq!(busy.len(), 2);
    assert_eq!(busy[0].status, 429);
    assert!(busy[1].at.duration_since(busy[0].at) >= Duration::from_secs(1));
    let dated = server.hits_for("/busy-date");
    assert_eq!(dated.len(), 2);
    assert!(dated[1].at.duration_since(dated[0].at) >= Duration::from_secs(1));
    let flaky = server.hits_for("/flaky");
    assert_eq!(
        flaky.iter().map(|h| h.status).collect::<Vec<_>>(),
        [500, 200]
    );

    let stats = &report.hosts[&base];
    assert_eq!(stats.retries, 3);
    assert_eq!(stats.status_429, 1);
    assert_eq!(stats.status_5xx, 2);
    assert_eq!(stats.requests, hits.len() as u64);
    assert!(!stats.circuit_open);
}

#[test]
fn retries_are_bounded_and_the_breaker_stops_the_host() {
    let server = Server::start(Box::new(|req| match req.path {
        "/down" | "/down-too" => html(500, "坏了"),
        "/fine" => html(200, listing(&["正常系统"], None)),
        _ => not_found(),
    }));
    let base = server.base();
    let mut text = small_crawler("retry_cap_ms = 300\nbreaker_threshold = 5");
    text.push_str(&simple_source(
        "故障主机",
        &[
            format!("{base}/down"),
            format!("{base}/down-too"),
            format!("{base}/fine"),
        ],
    ));
    let report = run_library(&text);
    // 1 request + 3 retries for /down; the 5th consecutive failure (/down-too's first
    // attempt) opens the breaker, and /fine is never requested.
    assert_eq!(server.hits_for("/down").len(), 4);
    assert_eq!(server.hits_for("/down-too").len(), 1);
    assert!(server.hits_for("/fine").is_empty());
    let source = outcome(&report, "故障主机");
    assert!(!source.complete);
    let failure = source.failure.as_deref().unwrap();
    assert!(failure.contains(&format!("{base}/down")), "{failure}");
    assert!(failure.contains("HTTP 500（已重试 3 次）"), "{failure}");
    assert!(
        source.failures.iter().any(|f| f.contains("熔断")),
        "{:?}",
        source.failures
    );
    assert!(report.hosts[&base].circuit_open);
    assert_gaps(&server.hits(), Duration::from_millis(100));
}

#[test]
fn unreadable_robots_txt_skips_the_host() {
    let server = Server::start(Box::new(|req| match req.path {
        "/robots.txt" => html(503, "维护中"),
        _ => html(200, listing(&["不应抓取"], None)),
    }));
    let base = server.base();
    let mut text = small_crawler("retry_cap_ms = 300");
    text.push_str(&simple_source("维护中的主机", &[format!("{base}/list")]));
    let report = run_library(&text);
    let hits = server.hits();
    assert!(hits.iter().all(|h| h.path == "/robots.txt"), "{hits:?}");
    assert_eq!(hits.len(), 4, "robots.txt retried at most 3 times");
    let source = outcome(&report, "维护中的主机");
    assert!(!source.complete);
    assert!(source.records.is_empty());
    assert!(source.failure.as_deref().unwrap().contains("robots.txt"));
    assert!(report.hosts[&base].skipped);
}

// ---------------------------------------------------------------------------------------
// Redirects and links: unlisted hosts, loops, the redirect limit.

#[test]
fn redirects_and_links_to_unlisted_hosts_are_refused() {
    let server = Server::start(Box::new(|req| {
        let port = req.port;
        let redirect = |to: String| respond(302, &[("location", to)], TestBody::Full(None));
        match req.path {
            // 127.0.0.2 is loopback but not listed; nothing listens there.
            "/moved" => redirect(format!("http://127.0.0.2:{port}/list")),
            // localhost would reach this very server, which would log it.
            "/to-localhost" => redirect(format!("http://localhost:{port}/list")),
            "/loop-a" => redirect("/loop-b".to_string()),
            "/loop-b" => redirect("/loop-a".to_string()),
            p if p.starts_with("/chain/") => {
                let n: u32 = p.trim_start_matches("/chain/").parse().unwrap_or(0);
                redirect(format!("/chain/{}", n + 1))
            }
            "/same-host" => redirect("/list".to_string()),
            "/list" => html(200, listing(&["本机系统"], None)),
            "/offsite-next" => html(
                200,
                listing(
                    &["外链前的系统"],
                    Some(&format!("http://127.0.0.2:{port}/page2")),
                ),
            ),
            _ => not_found(),
        }
    }));
    let base = server.base();
    let mut text = small_crawler("max_redirects = 3");
    text.push_str(&simple_source("外部重定向", &[format!("{base}/moved")]));
    text.push_str(&simple_source(
        "本地名重定向",
        &[format!("{base}/to-localhost")],
    ));
    text.push_str(&simple_source("重定向循环", &[format!("{base}/loop-a")]));
    text.push_str(&simple_source("重定向链", &[format!("{base}/chain/0")]));
    text.push_str(&simple_source("站内重定向", &[format!("{base}/same-host")]));
    text.push_str(&simple_source(
        "外部下一页",
        &[format!("{base}/offsite-next")],
    ));
    let report = run_library(&text);

    let failure = |name: &str| {
        let source = outcome(&report, name);
        assert!(!source.complete, "{name} should be incomplete");
        source.failure.clone().unwrap()
    };
    let moved = failure("外部重定向");
    assert!(
        moved.contains("127.0.0.2") && moved.contains("回环地址"),
        "{moved}"
    );
    assert!(failure("本地名重定向").contains("localhost"));
    assert!(failure("重定向循环").contains("重定向循环"));
    assert!(failure("重定向链").contains("重定向次数超过上限"));
    let offsite = outcome(&report, "外部下一页");
    assert_eq!(names(offsite), ["外链前的系统"]);
    assert!(failure("外部下一页").contains("下一页链接"));
    let same_host = outcome(&report, "站内重定向");
    assert!(same_host.complete, "{:?}", same_host.failure);
    assert_eq!(names(same_host), ["本机系统"]);

    let hits = server.hits();
    let own_host = server.addr.to_string();
    assert!(hits.iter().all(|h| h.host == own_host), "{hits:?}");
    assert_eq!(server.hits_for("/loop-a").len(), 1);
    assert_eq!(server.hits_for("/loop-b").len(), 1);
    let chain = hits
        .iter()
        .filter(|h| h.path.starts_with("/chain/"))
        .count();
    assert_eq!(chain, 4, "the first request and 3 redirects");
    assert_gaps(&hits, Duration::from_millis(100));
}

// ---------------------------------------------------------------------------------------
// Limits: the total timeout cuts a trickling body, the body cap cuts a large one.

#[test]
fn slow_and_oversized_responses_are_cut() {
    let server = Server::start(Box::new(|req| match req.path {
        "/slow" => respond(
            200,
            &[("content-type", "text/html".to_string())],
            TestBody::Chunks {
                chunk: Bytes::from_static(b"<p>"),
                remaining: 100,
                pause: Duration::from_millis(100),
                sleep: None,
            },
        ),
        "/huge" => html(200, vec![b'x'; 300 * 1024]),
        "/huge-chunked" => respond(
            200,
            &[("content-type", "text/html".to_string())],
            TestBody::Chunks {
                chunk: Bytes::from(vec![b'y'; 64 * 1024]),
                remaining: 10,
                pause: Duration::from_millis(1),
                sleep: None,
            },
        ),
        _ => not_found(),
    }));
    let base = server.base();
    let mut text = small_crawler("timeout_ms = 700\nmax_retries = 1\nmax_body_bytes = 102400");
    text.push_str(&simple_source("慢速", &[format!("{base}/slow")]));
    text.push_str(&simple_source("超大", &[format!("{base}/huge")]));
    text.push_str(&simple_source(
        "超大分块",
        &[format!("{base}/huge-chunked")],
    ));
    let report = run_library(&text);

    let slow = outcome(&report, "慢速");
    assert!(!slow.complete);
    assert!(
        slow.failure.as_deref().unwrap().contains("超时"),
        "{:?}",
        slow.failure
    );
    let slow_hits = server.hits_for("/slow");
    assert_eq!(slow_hits.len(), 2, "timeouts are retried, boundedly");
    // The retry follows the cut-off first attempt: at least the 0.7 s timeout later
    // (from the server's own request timestamps, not the test's clock).
    assert!(slow_hits[1].at.duration_since(slow_hits[0].at) >= Duration::from_millis(700));
    for name in ["超大", "超大分块"] {
        let source = outcome(&report, name);
        assert!(!source.complete);
        let failure = source.failure.as_deref().unwrap();
        assert!(failure.contains("响应体超过上限 102400 字节"), "{failure}");
    }
    assert_eq!(
        server.hits_for("/huge").len(),
        1,
        "an oversized body is not retried"
    );
    assert_eq!(server.hits_for("/huge-chunked").len(), 1);
    assert!(report.hosts[&base].bytes < 400 * 1024);
}

// ---------------------------------------------------------------------------------------
// Refresh: conditional GETs, 304s, and a changed second version of the site.

fn versioned_site() -> Server {
    Server::start(Box::new(|req| {
        let (etag, body) = match req.path {
            "/list?page=1" => (
                "\"p1-v1\"".to_string(),
                listing_with_ids(
                    &[("S1", "市民服务"), ("S2", "企业通")],
                    Some("/list?page=2"),
                ),
            ),
            "/list?page=2" if req.version == 1 => (
                "\"p2-v1\"".to_string(),
                listing_with_ids(&[("S3", "掌上社保"), ("S4", "旧版填报系统")], None),
            ),
            "/list?page=2" => (
                "\"p2-v2\"".to_string(),
                listing_with_ids(&[("S3", "社保通"), ("S5", "新建预约平台")], None),
            ),
            _ => return not_found(),
        };
        let last_modified = "Wed, 01 May 2024 08:00:00 GMT".to_string();
        if req.if_none_match == Some(etag.as_str()) {
            return respond(304, &[("etag", etag)], TestBody::Full(None));
        }
        respond(
            200,
            &[
                ("content-type", "text/html; charset=utf-8".to_string()),
                ("etag", etag),
                ("last-modified", last_modified),
                ("set-cookie", "JSESSIONID=abc123; Path=/".to_string()),
            ],
            TestBody::Full(Some(Bytes::from(body))),
        )
    }))
}

fn listing_with_ids(rows: &[(&str, &str)], next: Option<&str>) -> String {
    let mut page = String::from("<html><body><table>");
    for (id, name) in rows {
        page.push_str(&format!(
            "<tr class=\"item\"><td class=\"no\">{id}</td><td class=\"name\">{name}</td></tr>"
        ));
    }
    page.push_str("</table>");
    if let Some(next) = next {
        page.push_str(&format!("<a class=\"next\" href=\"{next}\">下一页</a>"));
    }
    page.push_str("</body></html>");
    page
}

fn dump_by_filing_no(path: &Path) -> BTreeMap<String, String> {
    read_jsonl(path)
        .into_iter()
        .map(|r| {
            (
                r["filing_no"].as_str().unwrap().to_string(),
                r["name"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn refresh_uses_conditional_gets_and_sees_the_changes() {
    let server = versioned_site();
    let dir = tempfile::tempdir().unwrap();
    let text = small_crawler("")
        + &source_with(
            "政务服务目录",
            &[format!("{}/list?page=1", server.base())],
            "kind = \"platform\"",
            "filing_no = \"td.no\"",
        );
    std::fs::write(dir.path().join("sources.toml"), text).unwrap();
    let crawl_once = |dump: &str| {
        let assert = fingertip()
            .current_dir(dir.path())
            .args([
                "crawl",
                "--sources",
                "sources.toml",
                "--cache",
                "cache",
                "--dump",
                dump,
            ])
            .timeout(Duration::from_secs(30))
            .assert()
            .success();
        String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
    };
    crawl_once("first.jsonl");
    let first_run = server.hits().len();
    server.version.store(2, Ordering::SeqCst);
    let summary = crawl_once("second.jsonl");

    let hits = server.hits();
    assert!(
        hits.iter().all(|h| h.cookie.is_none()),
        "no cookies are kept"
    );
    // robots.txt came from the cache the second time.
    assert_eq!(server.hits_for("/robots.txt").len(), 1);
    let second: Vec<&Hit> = hits[first_run..].iter().collect();
    let page1 = second.iter().find(|h| h.path == "/list?page=1").unwrap();
    assert_eq!(page1.if_none_match.as_deref(), Some("\"p1-v1\""));
    assert_eq!(
        page1.if_modified_since.as_deref(),
        Some("Wed, 01 May 2024 08:00:00 GMT")
    );
    assert_eq!(page1.status, 304);
    let page2 = second.iter().find(|h| h.path == "/list?page=2").unwrap();
    assert_eq!(page2.if_none_match.as_deref(), Some("\"p2-v1\""));
    assert_eq!(page2.status, 200);
    assert!(summary.contains("304 1"), "{summary}");
    assert!(summary.contains("未变化 1 页"), "{summary}");

    let before = dump_by_filing_no(&dir.path().join("first.jsonl"));
    let after = dump_by_filing_no(&dir.path().join("second.jsonl"));
    let keys = |m: &BTreeMap<String, String>| m.keys().cloned().collect::<BTreeSet<_>>();
    let added: Vec<_> = keys(&after).difference(&keys(&before)).cloned().collect();
    let removed: Vec<_> = keys(&before).difference(&keys(&after)).cloned().collect();
    let renamed: Vec<_> = before
        .iter()
        .filter_map(|(id, old)| {
            after
                .get(id)
                .filter(|new| *new != old)
                .map(|new| (id.clone(), old.clone(), new.clone()))
        })
        .collect();
    assert_eq!(added, ["S5"]);
    assert_eq!(removed, ["S4"]);
    assert_eq!(
        renamed,
        [(
            "S3".to_string(),
            "掌上社保".to_string(),
            "社保通".to_string()
        )]
    );
    // Page 1 answered 304: its records were kept from the cache.
    assert_eq!(after["S1"], "市民服务");
    assert_eq!(after["S2"], "企业通");

    // Changing a selector invalidates the cached records: no conditional GET, and the
    // new field is filled.
    let sources = dir.path().join("sources.toml");
    let changed = std::fs::read_to_string(&sources).unwrap().replace(
        "name = \"td.name\"",
        "name = \"td.name\"\nnotes = \"td.no\"",
    );
    std::fs::write(&sources, changed).unwrap();
    let before_third = server.hits().len();
    crawl_once("third.jsonl");
    let third = server.hits()[before_third..].to_vec();
    assert!(
        third
            .iter()
            .all(|h| h.if_none_match.is_none() && h.status == 200),
        "{third:?}"
    );
    let notes: Vec<String> = read_jsonl(&dir.path().join("third.jsonl"))
        .iter()
        .filter_map(|r| r["notes"].as_str().map(str::to_string))
        .collect();
    assert_eq!(notes, ["S1", "S2", "S3", "S5"]);
}

// ---------------------------------------------------------------------------------------
// Many hosts in parallel, one request at a time per host.

#[test]
fn hosts_are_crawled_in_parallel_each_at_its_own_pace() {
    let site = |tag: &'static str| {
        Server::start(Box::new(move |req| {
            let page =
                |n: u32, next: Option<&str>| html(200, listing(&[&format!("{tag}系统{n}")], next));
            match req.path {
                // robots.txt served through a same-origin redirect.
                "/robots.txt" => respond(
                    301,
                    &[("location", "/static/robots.txt".to_string())],
                    TestBody::Full(None),
                ),
                "/static/robots.txt" => respond(
                    200,
                    &[("content-type", "text/plain".to_string())],
                    TestBody::Full(Some(Bytes::from_static(
                        b"User-agent: fingertip\nDisallow: /hidden\nCrawl-delay: 0.25\n",
                    ))),
                ),
                "/p1" => page(1, Some("/p2")),
                "/p2" => page(2, Some("/p3")),
                "/p3" => page(3, Some("/hidden")),
                _ => not_found(),
            }
        }))
    };
    let first = site("甲");
    let second = site("乙");
    let mut text = small_crawler("");
    for (name, server) in [("甲站", &first), ("乙站", &second)] {
        text.push_str(&format!(
            r#"
[[source]]
name = "{name}"
start_urls = ["{}/p1"]
allowed_hosts = ["127.0.0.1:{}"]

[source.page]
rows = "tr.item"
name = "td.name"
next = "a.next"
"#,
            server.base(),
            server.addr.port()
        ));
    }
    let report = run_library(&text);
    for (name, server, tag) in [("甲站", &first, "甲"), ("乙站", &second, "乙")] {
        let source = outcome(&report, name);
        assert_eq!(
            names(source),
            [1, 2, 3].map(|n| format!("{tag}系统{n}")),
            "{name}"
        );
        // The next link into /hidden is disallowed: the source is cut short.
        assert!(!source.complete);
        assert!(source.failure.as_deref().unwrap().contains("/hidden"));
        let hits = server.hits();
        let paths: Vec<&str> = hits.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(
            paths,
            ["/robots.txt", "/static/robots.txt", "/p1", "/p2", "/p3"]
        );
        // The configured 0.1 s holds throughout; once robots.txt is read, its Crawl-delay
        // (0.25 s, the larger) holds.
        assert_gaps(&hits, Duration::from_millis(100));
        assert_gaps(&hits[1..], Duration::from_millis(250));
        assert_eq!(report.hosts[&server.base()].robots_skipped, 1);
    }
    // Each host took at least four gaps; the other host's first page came before this
    // host's last one, so the two hosts were crawled side by side, not one after another.
    let first_hits = first.hits();
    let second_hits = second.hits();
    assert!(second_hits[2].at < first_hits[4].at);
    assert!(first_hits[2].at < second_hits[4].at);
}

// ---------------------------------------------------------------------------------------
// Sources cut short are incomplete, with the URL and the cause.

#[test]
fn sources_cut_short_are_incomplete() {
    let server = Server::start(Box::new(|req| match req.path {
        "/p1" => html(200, listing(&["一号"], Some("/p2"))),
        "/p2" => html(200, listing(&["二号"], Some("/p3"))),
        "/p3" => html(200, listing(&["三号"], None)),
        "/empty" => html(200, "<html><body><p>改版后的页面</p></body></html>"),
        _ => not_found(),
    }));
    let base = server.base();
    let mut text = small_crawler("");
    let p1 = [format!("{base}/p1")];
    text.push_str(&source_with("预算不足", &p1, "page_budget = 2", ""));
    text.push_str(&source_with("翻页上限", &p1, "", "max_pages = 2"));
    text.push_str(&simple_source("完整", &[format!("{base}/p1")]));
    text.push_str(&simple_source("零记录", &[format!("{base}/empty")]));
    let report = run_library(&text);

    let budget = outcome(&report, "预算不足");
    assert_eq!(names(budget), ["一号", "二号"]);
    assert!(!budget.complete);
    let failure = budget.failure.as_deref().unwrap();
    assert!(
        failure.contains(&format!("{base}/p3")) && failure.contains("页面预算"),
        "{failure}"
    );

    let capped = outcome(&report, "翻页上限");
    assert_eq!(names(capped), ["一号", "二号"]);
    assert!(!capped.complete);
    assert!(capped.failure.as_deref().unwrap().contains("max_pages"));

    let complete = outcome(&report, "完整");
    assert!(complete.complete, "{:?}", complete.failure);
    assert_eq!(names(complete), ["一号", "二号", "三号"]);
    assert_eq!(complete.stats.pages_fetched, 3);

    // A page without rows is more likely a redesign than an empty registry.
    let empty = outcome(&report, "零记录");
    assert!(!empty.complete);
    assert!(empty
        .failure
        .as_deref()
        .unwrap()
        .contains("未提取到任何记录"));
}

// ---------------------------------------------------------------------------------------
// Hand-off to the registry: one run per source; a source cut short marks nothing missing.

#[test]
fn crawl_into_registry_marks_nothing_missing_when_a_source_is_cut_short() {
    let server = Server::start(Box::new(|req| {
        let page2_v1 = listing_with_ids(&[("S3", "掌上社保"), ("S4", "旧版填报系统")], None);
        let page2_v3 = listing_with_ids(&[("S3", "掌上社保")], None);
        match (req.path, req.version) {
            ("/list?page=1", _) => html(
                200,
                listing_with_ids(
                    &[("S1", "市民服务"), ("S2", "企业通")],
                    Some("/list?page=2"),
                ),
            ),
            ("/list?page=2", 1) => html(200, page2_v1),
            // Version 2: page 2 is broken, so the crawl is cut short.
            ("/list?page=2", 2) => html(500, "服务器错误"),
            // Version 3: complete again, S4 is gone.
            ("/list?page=2", _) => html(200, page2_v3),
            _ => not_found(),
        }
    }));
    let dir = tempfile::tempdir().unwrap();
    let text = small_crawler("max_retries = 1\nretry_cap_ms = 200")
        + &source_with(
            "政务服务目录",
            &[format!("{}/list?page=1", server.base())],
            "kind = \"platform\"",
            "id = \"td.no\"",
        );
    std::fs::write(dir.path().join("sources.toml"), text).unwrap();
    let crawl = || {
        fingertip()
            .current_dir(dir.path())
            .args(["crawl", "--sources", "sources.toml", "--db", "reg.db"])
            .timeout(Duration::from_secs(30))
            .assert()
            .success();
    };
    let json = |args: &[&str]| -> serde_json::Value {
        let assert = fingertip()
            .current_dir(dir.path())
            .args(args)
            .args(["--format", "json", "--db", "reg.db"])
            .assert()
            .success();
        serde_json::from_slice(&assert.get_output().stdout).unwrap()
    };
    let missing_ids = |diff: &serde_json::Value| -> Vec<String> {
        diff["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    };

    crawl();
    server.version.store(2, Ordering::SeqCst);
    crawl();
    let runs = json(&["runs"]);
    let runs = runs["runs"]
        .as_array()
        .unwrap_or_else(|| runs.as_array().unwrap());
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert_eq!(runs[0]["status"], "ok", "{runs:?}");
    assert_eq!(runs[0]["complete"], true);
    assert_eq!(runs[0]["source"], "crawl:政务服务目录");
    assert_eq!(runs[1]["status"], "partial", "{runs:?}");
    assert_eq!(runs[1]["complete"], false);
    assert!(missing_ids(&json(&["diff", "--from", "1"])).is_empty());

    server.version.store(3, Ordering::SeqCst);
    crawl();
    assert_eq!(missing_ids(&json(&["diff", "--from", "2"])), ["S4"]);
}
