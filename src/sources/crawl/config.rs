//! The `sources.toml` format: crawler defaults under `[crawler]` and one `[[source]]` per
//! public listing, each with a `[source.page]` table of CSS selectors. Parsing is strict
//! (`deny_unknown_fields`) and every error names the line and the key, so that a bureau
//! editing the file by hand can find the mistake.

use std::path::{Path, PathBuf};
use std::time::Duration;

use scraper::Selector;
use serde::Deserialize;
use toml::Spanned;
use url::Url;

use crate::error::{Error, Result};
use crate::model::Kind;

use crate::sources::columns::Column as Field;

/// Default gap between two requests to the same host (Scrapy's polite setting).
pub const DEFAULT_DELAY_MS: u64 = 1000;
/// Default body-size cap: 5 MB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 5 * 1024 * 1024;
/// Hard ceiling on retries per request, whatever the file says.
pub const MAX_RETRIES_CEILING: u32 = 3;
/// Hard ceiling on how long a robots.txt may be reused from the cache.
pub const ROBOTS_TTL_CEILING_SECS: u64 = 24 * 3600;

/// The file as written: `[crawler]` and `[[source]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    crawler: CrawlerFile,
    #[serde(default)]
    source: Vec<SourceFile>,
}

/// `[crawler]`: defaults for every source.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CrawlerFile {
    contact: Option<Spanned<String>>,
    delay_ms: Option<u64>,
    connect_timeout_ms: Option<u64>,
    timeout_ms: Option<u64>,
    max_body_bytes: Option<u64>,
    max_redirects: Option<u32>,
    page_budget: Option<u32>,
    concurrency: Option<u32>,
    max_retries: Option<Spanned<u32>>,
    retry_base_ms: Option<u64>,
    retry_cap_ms: Option<u64>,
    breaker_threshold: Option<u32>,
    robots_ttl_secs: Option<Spanned<u64>>,
}

/// One `[[source]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFile {
    name: Spanned<String>,
    #[serde(default)]
    start_urls: Vec<Spanned<String>>,
    allowed_hosts: Vec<Spanned<String>>,
    kind: Option<Spanned<String>>,
    encoding: Option<Spanned<String>>,
    delay_ms: Option<u64>,
    rate_per_minute: Option<Spanned<f64>>,
    page_budget: Option<u32>,
    contact: Option<Spanned<String>>,
    page: PageFile,
}

/// `[source.page]`: where the rows and fields are on a listing page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFile {
    rows: Spanned<String>,
    id: Option<Spanned<String>>,
    name: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    channel: Option<Spanned<String>>,
    owner: Option<Spanned<String>>,
    department: Option<Spanned<String>>,
    level: Option<Spanned<String>>,
    region: Option<Spanned<String>>,
    description: Option<Spanned<String>>,
    functions: Option<Spanned<String>>,
    data_fields: Option<Spanned<String>>,
    users: Option<Spanned<String>>,
    monthly_active: Option<Spanned<String>>,
    members: Option<Spanned<String>>,
    created: Option<Spanned<String>>,
    last_update: Option<Spanned<String>>,
    last_active: Option<Spanned<String>>,
    mandatory: Option<Spanned<String>>,
    assessment_linked: Option<Spanned<String>>,
    checkin: Option<Spanned<String>>,
    matter: Option<Spanned<String>>,
    matter_status: Option<Spanned<String>>,
    filing_no: Option<Spanned<String>>,
    notes: Option<Spanned<String>>,
    next: Option<Spanned<String>>,
    url_pattern: Option<Spanned<String>>,
    max_pages: Option<u32>,
}

/// Crawler-wide settings, resolved with their defaults.
#[derive(Debug, Clone)]
pub struct CrawlerSettings {
    /// Contact string put in the User-Agent (`fingertip/<version> (+contact)`).
    pub contact: Option<String>,
    /// Minimum gap between two requests to one host (before jitter and Crawl-delay).
    pub delay: Duration,
    /// Connect timeout of one request.
    pub connect_timeout: Duration,
    /// Total timeout of one request, headers and body included.
    pub timeout: Duration,
    /// Body-size cap; a larger body is cut and the page fails.
    pub max_body_bytes: u64,
    /// How many redirects one fetch may follow.
    pub max_redirects: u32,
    /// Default number of pages one source may fetch in a run.
    pub page_budget: u32,
    /// How many sources are crawled at the same time (hosts still get one request at a time).
    pub concurrency: usize,
    /// Retries per request on timeouts, 408, 429 and 5xx (at most 3).
    pub max_retries: u32,
    /// First backoff wait; it doubles on every retry.
    pub retry_base: Duration,
    /// Longest wait before a retry, and longest adaptive delay; a `Retry-After` beyond it
    /// ends the retries instead of being ignored.
    pub retry_cap: Duration,
    /// Consecutive failures on one host after which the host is stopped for the run.
    pub breaker_threshold: u32,
    /// How long a cached robots.txt is reused (at most 24 h).
    pub robots_ttl: Duration,
}

impl Default for CrawlerSettings {
    fn default() -> Self {
        CrawlerSettings {
            contact: None,
            delay: Duration::from_millis(DEFAULT_DELAY_MS),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_redirects: 5,
            page_budget: 500,
            concurrency: 4,
            max_retries: MAX_RETRIES_CEILING,
            retry_base: Duration::from_secs(1),
            retry_cap: Duration::from_secs(60),
            breaker_threshold: 5,
            robots_ttl: Duration::from_secs(ROBOTS_TTL_CEILING_SECS),
        }
    }
}

/// How a source walks from page to page.
#[derive(Debug, Clone)]
pub enum Pagination {
    /// Only the start URLs.
    None,
    /// Follow the link found by this selector (attribute `href` unless given).
    Next(FieldSelector),
    /// Fetch `pattern` with `{page}` replaced by 1, 2, … up to `max_pages`, stopping early
    /// at the first page without rows or that answers 404.
    Pattern(String),
}

/// A CSS selector plus the attribute to read (`selector@attr`), or the element's text.
#[derive(Debug, Clone)]
pub struct FieldSelector {
    /// The selector as written (without `@attr`).
    pub css: String,
    /// The compiled selector.
    pub selector: Selector,
    /// Attribute to read instead of the text.
    pub attr: Option<String>,
}

/// Where the rows and fields are on a listing page.
#[derive(Debug, Clone)]
pub struct PageConfig {
    /// Selects one element per record.
    pub rows: Selector,
    /// The row selector as written.
    pub rows_css: String,
    /// Selectors of the fields, inside a row, in DESIGN.md §2 order.
    pub fields: Vec<(Field, FieldSelector)>,
    /// How to reach the next page.
    pub pagination: Pagination,
    /// Upper bound on pages per start URL (next links) or pattern pages.
    pub max_pages: u32,
}

/// One crawl source, resolved.
#[derive(Debug, Clone)]
pub struct SourceConfig {
    /// The source's name (unique in the file).
    pub name: String,
    /// Listing pages to start from.
    pub start_urls: Vec<Url>,
    /// Hosts (`host` or `host:port`) this source may request; anything else is refused.
    pub allowed_hosts: Vec<String>,
    /// Kind given to records whose page shows none.
    pub kind: Option<Kind>,
    /// Encoding that overrides the page's own declaration.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Gap between requests to one host for this source (the larger of this and the
    /// host's robots.txt Crawl-delay applies).
    pub delay: Duration,
    /// Pages this source may fetch in one run.
    pub page_budget: u32,
    /// Contact string for the User-Agent.
    pub contact: String,
    /// Page layout.
    pub page: PageConfig,
}

impl SourceConfig {
    /// A fingerprint of everything that shapes the records extracted from a page
    /// (selectors, default kind, encoding, source name). Cached records are only reused
    /// after a `304` when it matches, so fixing a selector takes effect at once.
    pub fn extraction_fingerprint(&self) -> String {
        let mut text = format!(
            "{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}",
            self.name,
            self.page.rows_css,
            self.kind,
            self.encoding.map(encoding_rs::Encoding::name)
        );
        for (field, selector) in &self.page.fields {
            text.push_str(&format!(
                "\u{1f}{}={}@{:?}",
                field.code(),
                selector.css,
                selector.attr
            ));
        }
        if let Pagination::Next(next) = &self.page.pagination {
            text.push_str(&format!("\u{1f}next={}@{:?}", next.css, next.attr));
        }
        format!("{:016x}", super::cache::fnv1a(text.as_bytes()))
    }

    /// The User-Agent sent for this source.
    pub fn user_agent(&self) -> String {
        format!(
            "fingertip/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            self.contact
        )
    }

    /// Whether `url`'s host (alone or with its port) is listed in `allowed_hosts`.
    pub fn allows(&self, url: &Url) -> bool {
        let Some(host) = url.host_str() else {
            return false;
        };
        if url.scheme() != "http" && url.scheme() != "https" {
            return false;
        }
        let with_port = url
            .port_or_known_default()
            .map(|port| format!("{host}:{port}"));
        self.allowed_hosts.iter().any(|allowed| {
            allowed.eq_ignore_ascii_case(host)
                || with_port
                    .as_deref()
                    .is_some_and(|hp| allowed.eq_ignore_ascii_case(hp))
        })
    }
}

/// A whole `sources.toml`, resolved.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    /// The file it was read from (for messages).
    pub path: PathBuf,
    /// Crawler-wide settings.
    pub crawler: CrawlerSettings,
    /// Sources in file order.
    pub sources: Vec<SourceConfig>,
}

impl CrawlConfig {
    /// Reads and checks a `sources.toml`.
    pub fn load(path: &Path) -> Result<CrawlConfig> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        CrawlConfig::parse(path, &text)
    }

    /// Parses the text of a `sources.toml`; `path` is used in messages only.
    pub fn parse(path: &Path, text: &str) -> Result<CrawlConfig> {
        let cx = Cx { path, text };
        let file: SourcesFile = toml::from_str(text).map_err(|e| {
            let message = match e.span() {
                Some(span) => cx.at(span.start, e.message().trim()),
                None => e.message().trim().to_string(),
            };
            cx.error_text(message)
        })?;
        let crawler = resolve_crawler(&cx, file.crawler)?;
        if file.source.is_empty() {
            return Err(cx.error_text("没有任何 [[source]] 来源".to_string()));
        }
        let mut sources: Vec<SourceConfig> = Vec::with_capacity(file.source.len());
        for source in file.source {
            let resolved = resolve_source(&cx, &crawler, source)?;
            sources.push(resolved);
        }
        let mut names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
        names.sort_unstable();
        if let Some(pair) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(cx.error_text(format!("来源名称重复：{}", pair[0])));
        }
        Ok(CrawlConfig {
            path: path.to_path_buf(),
            crawler,
            sources,
        })
    }
}

/// Error context: the file and its text, to turn byte offsets into lines.
struct Cx<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Cx<'_> {
    /// Line (1-based) and the key written on that line, if any.
    fn line_key(&self, offset: usize) -> (usize, Option<String>) {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line_no = before.matches('\n').count() + 1;
        let line = self.text.lines().nth(line_no - 1).unwrap_or("");
        let key = line
            .split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"').to_string())
            .filter(|k| !k.is_empty() && !k.starts_with('['));
        (line_no, key)
    }

    fn at(&self, offset: usize, message: &str) -> String {
        match self.line_key(offset) {
            (line, Some(key)) => format!("第 {line} 行，键 `{key}`：{message}"),
            (line, None) => format!("第 {line} 行：{message}"),
        }
    }

    fn error_at<T>(&self, spanned: &Spanned<T>, key: &str, message: &str) -> Error {
        let (line, _) = self.line_key(spanned.span().start);
        self.error_text(format!("第 {line} 行，键 `{key}`：{message}"))
    }

    fn error_text(&self, message: String) -> Error {
        Error::Config {
            path: self.path.to_path_buf(),
            message,
        }
    }
}

fn resolve_crawler(cx: &Cx<'_>, file: CrawlerFile) -> Result<CrawlerSettings> {
    let defaults = CrawlerSettings::default();
    let max_retries = match file.max_retries {
        Some(n) if *n.get_ref() > MAX_RETRIES_CEILING => {
            return Err(cx.error_at(&n, "max_retries", "最多重试 3 次"));
        }
        Some(n) => n.into_inner(),
        None => defaults.max_retries,
    };
    let robots_ttl = match file.robots_ttl_secs {
        Some(n) if *n.get_ref() > ROBOTS_TTL_CEILING_SECS => {
            return Err(cx.error_at(
                &n,
                "robots_ttl_secs",
                "robots.txt 缓存不得超过 24 小时（86400 秒）",
            ));
        }
        Some(n) => Duration::from_secs(n.into_inner()),
        None => defaults.robots_ttl,
    };
    let contact = match file.contact {
        Some(c) => Some(check_contact(cx, &c)?),
        None => None,
    };
    Ok(CrawlerSettings {
        contact,
        delay: file.delay_ms.map_or(defaults.delay, Duration::from_millis),
        connect_timeout: file
            .connect_timeout_ms
            .map_or(defaults.connect_timeout, Duration::from_millis),
        timeout: file
            .timeout_ms
            .map_or(defaults.timeout, Duration::from_millis),
        max_body_bytes: file.max_body_bytes.unwrap_or(defaults.max_body_bytes),
        max_redirects: file.max_redirects.unwrap_or(defaults.max_redirects),
        page_budget: file.page_budget.unwrap_or(defaults.page_budget),
        concurrency: file
            .concurrency
            .map_or(defaults.concurrency, |c| c.max(1) as usize),
        max_retries,
        retry_base: file
            .retry_base_ms
            .map_or(defaults.retry_base, Duration::from_millis),
        retry_cap: file
            .retry_cap_ms
            .map_or(defaults.retry_cap, Duration::from_millis),
        breaker_threshold: file
            .breaker_threshold
            .map_or(defaults.breaker_threshold, |n| n.max(1)),
        robots_ttl,
    })
}

/// A contact must be printable ASCII so it can go in a header.
fn check_contact(cx: &Cx<'_>, contact: &Spanned<String>) -> Result<String> {
    let text = contact.get_ref().trim();
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
        return Err(cx.error_at(
            contact,
            "contact",
            "联系方式须为非空的 ASCII 文本（如 mailto:xxx@example.gov.cn 或网址）",
        ));
    }
    Ok(text.to_string())
}

fn resolve_source(
    cx: &Cx<'_>,
    crawler: &CrawlerSettings,
    file: SourceFile,
) -> Result<SourceConfig> {
    let name = file.name.get_ref().trim().to_string();
    if name.is_empty() {
        return Err(cx.error_at(&file.name, "name", "来源名称不能为空"));
    }
    let mut start_urls = Vec::with_capacity(file.start_urls.len());
    for raw in &file.start_urls {
        let url = Url::parse(raw.get_ref().trim())
            .map_err(|e| cx.error_at(raw, "start_urls", &format!("网址无法解析：{e}")))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(cx.error_at(raw, "start_urls", "只支持 http 和 https 网址"));
        }
        start_urls.push(url);
    }
    let mut allowed_hosts = Vec::with_capacity(file.allowed_hosts.len());
    for host in &file.allowed_hosts {
        let text = host.get_ref().trim().to_ascii_lowercase();
        if text.is_empty() || text.contains('/') || text.contains(char::is_whitespace) {
            return Err(cx.error_at(
                host,
                "allowed_hosts",
                "应为主机名或“主机:端口”，不含协议和路径",
            ));
        }
        allowed_hosts.push(text);
    }
    if allowed_hosts.is_empty() {
        return Err(cx.error_text(format!(
            "来源“{name}”：allowed_hosts 不能为空（只抓取列出的主机）"
        )));
    }
    let kind = match &file.kind {
        Some(k) => {
            Some(Kind::parse(k.get_ref()).ok_or_else(|| cx.error_at(k, "kind", "无法识别的类型"))?)
        }
        None => None,
    };
    let encoding = match &file.encoding {
        Some(e) => Some(
            encoding_rs::Encoding::for_label(e.get_ref().trim().as_bytes())
                .ok_or_else(|| cx.error_at(e, "encoding", "无法识别的字符编码"))?,
        ),
        None => None,
    };
    let mut delay = file.delay_ms.map_or(crawler.delay, Duration::from_millis);
    if let Some(rate) = &file.rate_per_minute {
        let per_minute = *rate.get_ref();
        if !(per_minute.is_finite() && per_minute > 0.0) {
            return Err(cx.error_at(rate, "rate_per_minute", "应为大于 0 的数"));
        }
        delay = delay.max(Duration::from_secs_f64(60.0 / per_minute));
    }
    let contact = match &file.contact {
        Some(c) => check_contact(cx, c)?,
        None => crawler.contact.clone().ok_or_else(|| {
            cx.error_text(format!(
                "来源“{name}”：缺少联系方式 contact（[crawler] 或来源中须填写，用于 User-Agent）"
            ))
        })?,
    };
    let page = resolve_page(cx, file.page)?;
    if start_urls.is_empty() && !matches!(page.pagination, Pagination::Pattern(_)) {
        return Err(cx.error_at(
            &file.name,
            "start_urls",
            &format!("来源“{name}”没有 start_urls，也没有 url_pattern"),
        ));
    }
    let source = SourceConfig {
        name,
        start_urls,
        allowed_hosts,
        kind,
        encoding,
        delay,
        page_budget: file.page_budget.unwrap_or(crawler.page_budget),
        contact,
        page,
    };
    for (raw, url) in file.start_urls.iter().zip(&source.start_urls) {
        if !source.allows(url) {
            return Err(cx.error_at(raw, "start_urls", "网址的主机不在 allowed_hosts 中"));
        }
    }
    Ok(source)
}

fn resolve_page(cx: &Cx<'_>, page: PageFile) -> Result<PageConfig> {
    let rows = Selector::parse(page.rows.get_ref())
        .map_err(|e| cx.error_at(&page.rows, "rows", &format!("CSS 选择器无效：{e}")))?;
    let candidates = [
        (Field::Id, page.id),
        (Field::Name, page.name),
        (Field::Kind, page.kind),
        (Field::Channel, page.channel),
        (Field::Owner, page.owner),
        (Field::Department, page.department),
        (Field::Level, page.level),
        (Field::Region, page.region),
        (Field::Description, page.description),
        (Field::Functions, page.functions),
        (Field::DataFields, page.data_fields),
        (Field::Users, page.users),
        (Field::MonthlyActive, page.monthly_active),
        (Field::Members, page.members),
        (Field::Created, page.created),
        (Field::LastUpdate, page.last_update),
        (Field::LastActive, page.last_active),
        (Field::Mandatory, page.mandatory),
        (Field::AssessmentLinked, page.assessment_linked),
        (Field::Checkin, page.checkin),
        (Field::Matter, page.matter),
        (Field::MatterStatus, page.matter_status),
        (Field::FilingNo, page.filing_no),
        (Field::Notes, page.notes),
    ];
    let mut fields = Vec::new();
    for (field, spec) in candidates {
        if let Some(spec) = spec {
            fields.push((field, field_selector(cx, &spec, field.code())?));
        }
    }
    if fields.is_empty() {
        return Err(cx.error_at(
            &page.rows,
            "rows",
            "[source.page] 至少要为一个字段（如 name）给出选择器",
        ));
    }
    let pagination = match (page.next, page.url_pattern) {
        (Some(_), Some(pattern)) => {
            return Err(cx.error_at(&pattern, "url_pattern", "next 与 url_pattern 只能选其一"));
        }
        (Some(next), None) => Pagination::Next(field_selector(cx, &next, "next")?),
        (None, Some(pattern)) => {
            let text = pattern.get_ref().trim().to_string();
            let probe = text.replace("{page}", "1");
            if !text.contains("{page}") || Url::parse(&probe).is_err() {
                return Err(cx.error_at(
                    &pattern,
                    "url_pattern",
                    "应为含 {page} 的完整网址，如 https://host/list?page={page}",
                ));
            }
            if page.max_pages.is_none() {
                return Err(cx.error_at(
                    &pattern,
                    "url_pattern",
                    "使用 url_pattern 时须给出 max_pages",
                ));
            }
            Pagination::Pattern(text)
        }
        (None, None) => Pagination::None,
    };
    Ok(PageConfig {
        rows,
        rows_css: page.rows.get_ref().trim().to_string(),
        fields,
        pagination,
        max_pages: page.max_pages.unwrap_or(50).max(1),
    })
}

/// Parses `selector` or `selector@attr`.
fn field_selector(cx: &Cx<'_>, spec: &Spanned<String>, key: &str) -> Result<FieldSelector> {
    let text = spec.get_ref().trim();
    let (css, attr) = split_attr(text);
    let selector = Selector::parse(css)
        .map_err(|e| cx.error_at(spec, key, &format!("CSS 选择器无效：{e}")))?;
    let attr = attr.map(str::to_string);
    let attr = if key == "next" && attr.is_none() {
        Some("href".to_string())
    } else {
        attr
    };
    Ok(FieldSelector {
        css: css.to_string(),
        selector,
        attr,
    })
}

/// Splits `a.link@href` into `("a.link", Some("href"))`. An `@` followed by anything
/// but an attribute name stays part of the selector. A bare `@data-id` (or
/// `:scope@data-id`) reads the attribute of the row element itself: the selector is then
/// `:scope`.
pub(crate) fn split_attr(text: &str) -> (&str, Option<&str>) {
    if let Some((css, attr)) = text.rsplit_once('@') {
        let is_name = !attr.is_empty()
            && attr
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':');
        if is_name {
            let css = css.trim();
            return (if css.is_empty() { SCOPE } else { css }, Some(attr));
        }
    }
    (text, None)
}

/// The selector of the row element itself.
pub(crate) const SCOPE: &str = ":scope";

impl FieldSelector {
    /// Whether the field is read from the row element itself (`:scope`, `:scope@attr`,
    /// `@attr`) rather than from an element inside it.
    pub fn is_row_itself(&self) -> bool {
        self.css == SCOPE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[crawler]
contact = "mailto:ops@example.gov.cn"
delay_ms = 200

[[source]]
name = "市政务新媒体目录"
start_urls = ["http://127.0.0.1:8080/list"]
allowed_hosts = ["127.0.0.1"]
kind = "公众号"

[source.page]
rows = "table tr"
name = "td.name"
filing_no = "td.no a@href"
next = "a.next"
"#;

    #[test]
    fn parses_a_good_file() {
        let config = CrawlConfig::parse(Path::new("sources.toml"), GOOD).unwrap();
        assert_eq!(config.crawler.delay, Duration::from_millis(200));
        let source = &config.sources[0];
        assert_eq!(source.kind, Some(Kind::Account));
        assert_eq!(
            source.user_agent(),
            format!(
                "fingertip/{} (+mailto:ops@example.gov.cn)",
                env!("CARGO_PKG_VERSION")
            )
        );
        assert_eq!(source.page.fields.len(), 2);
        assert_eq!(source.page.fields[1].1.attr.as_deref(), Some("href"));
        match &source.page.pagination {
            Pagination::Next(next) => assert_eq!(next.attr.as_deref(), Some("href")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let text = GOOD.replace("kind = \"公众号\"", "knd = \"公众号\"");
        let err = CrawlConfig::parse(Path::new("sources.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("第 10 行"), "{err}");
        assert!(err.contains("knd"), "{err}");
    }

    #[test]
    fn bad_selector_names_line_and_key() {
        let text = GOOD.replace("td.name", "td..name");
        let err = CrawlConfig::parse(Path::new("sources.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("第 14 行，键 `name`"), "{err}");
    }

    #[test]
    fn start_url_must_be_on_an_allowed_host() {
        let text = GOOD.replace(
            "allowed_hosts = [\"127.0.0.1\"]",
            "allowed_hosts = [\"127.0.0.2\"]",
        );
        let err = CrawlConfig::parse(Path::new("sources.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("第 8 行，键 `start_urls`"), "{err}");
    }

    #[test]
    fn too_many_retries_is_refused() {
        let text = GOOD.replace("delay_ms = 200", "delay_ms = 200\nmax_retries = 9");
        let err = CrawlConfig::parse(Path::new("sources.toml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("第 5 行，键 `max_retries`"), "{err}");
    }

    #[test]
    fn allowed_hosts_match_host_or_host_and_port() {
        let config = CrawlConfig::parse(Path::new("sources.toml"), GOOD).unwrap();
        let source = &config.sources[0];
        assert!(source.allows(&Url::parse("http://127.0.0.1:9/x").unwrap()));
        assert!(!source.allows(&Url::parse("http://127.0.0.2:8080/x").unwrap()));
        assert!(!source.allows(&Url::parse("ftp://127.0.0.1/x").unwrap()));
        let text = GOOD.replace("[\"127.0.0.1\"]", "[\"127.0.0.1:8080\"]");
        let config = CrawlConfig::parse(Path::new("sources.toml"), &text).unwrap();
        let source = &config.sources[0];
        assert!(source.allows(&Url::parse("http://127.0.0.1:8080/x").unwrap()));
        assert!(!source.allows(&Url::parse("http://127.0.0.1:8081/x").unwrap()));
    }

    #[test]
    fn split_attr_cases() {
        assert_eq!(split_attr("a.next@href"), ("a.next", Some("href")));
        assert_eq!(split_attr("td.name"), ("td.name", None));
        // A bare attribute, or `:scope@attr`, reads the row element itself.
        assert_eq!(split_attr("@data-id"), (":scope", Some("data-id")));
        assert_eq!(split_attr(":scope@data-id"), (":scope", Some("data-id")));
        assert_eq!(split_attr("a@"), ("a@", None));
    }
}
