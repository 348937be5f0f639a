//! HTTP fetching for one source: one reqwest client per source (no cookie store, no proxy,
//! identifiable User-Agent), robots.txt first on every host, the per-host gate, retries
//! with backoff and `Retry-After`, a total timeout that also cuts trickling bodies, a
//! streamed body-size cap, and redirects followed by hand so that every hop is checked
//! against the allowed hosts, robots.txt and the redirect limit.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rand::Rng;
use reqwest::header::{self, HeaderMap};
use tokio::time::Instant;
use url::Url;

use super::cache::{Cache, CachedRobots};
use super::config::{CrawlerSettings, SourceConfig};
use super::politeness::{Attempt, Host, Hosts};
use super::robots::RobotsRules;

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailKind {
    /// A final HTTP status that is not usable (4xx, or 5xx/429 after the retries).
    Http(u16),
    /// No connection or a broken one.
    Network,
    /// The total timeout elapsed (after the retries).
    Timeout,
    /// The body exceeded the size cap.
    TooLarge,
    /// A redirect or link to a host that is not in `allowed_hosts`.
    Refused,
    /// Too many redirects, or a redirect back to a URL already visited.
    Redirects,
    /// robots.txt disallows the URL.
    RobotsDisallowed,
    /// The host's robots.txt could not be read, so the host is skipped this run.
    HostSkipped,
    /// The circuit breaker stopped the host.
    CircuitOpen,
    /// `Retry-After` asked for longer than the configured cap.
    RetryAfterTooLong,
}

/// A failed fetch: the URL and the cause, in Chinese.
#[derive(Debug, Clone)]
pub struct FetchError {
    /// The URL that failed (the redirect hop, if it failed there).
    pub url: String,
    /// What happened.
    pub cause: String,
    /// Classification.
    pub kind: FailKind,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.url, self.cause)
    }
}

impl FetchError {
    fn new(url: &Url, kind: FailKind, cause: impl Into<String>) -> FetchError {
        FetchError {
            url: url.to_string(),
            cause: cause.into(),
            kind,
        }
    }
}

/// Validators of a cached page, sent as `If-None-Match` / `If-Modified-Since`.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    /// The cached `ETag`.
    pub etag: Option<String>,
    /// The cached `Last-Modified`.
    pub last_modified: Option<String>,
}

/// A usable response.
#[derive(Debug)]
pub struct Page {
    /// The URL the body came from, after redirects.
    pub url: Url,
    /// `ETag`, if sent.
    pub etag: Option<String>,
    /// `Last-Modified`, if sent.
    pub last_modified: Option<String>,
    /// `Content-Type`, if sent.
    pub content_type: Option<String>,
    /// The body (at most the cap).
    pub body: Vec<u8>,
}

/// The outcome of a successful fetch.
#[derive(Debug)]
pub enum Fetched {
    /// A 2xx with its body.
    Page(Page),
    /// `304 Not Modified`: the cached page still holds.
    NotModified,
}

/// One response as read off the wire.
struct Raw {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// Fetches pages for one source.
pub struct Fetcher {
    client: reqwest::Client,
    source: Arc<SourceConfig>,
    settings: Arc<CrawlerSettings>,
    hosts: Arc<Hosts>,
    cache: Cache,
}

impl Fetcher {
    /// Builds the source's client: no cookies (reqwest is built without a cookie store),
    /// no proxy, redirects off (followed here), a connect timeout. The total timeout is
    /// applied around each request and its body in [`Fetcher::get`], so that a trickling
    /// body is cut too.
    pub fn new(
        source: Arc<SourceConfig>,
        settings: Arc<CrawlerSettings>,
        hosts: Arc<Hosts>,
        cache: Cache,
    ) -> Result<Fetcher, String> {
        let client = reqwest::Client::builder()
            .user_agent(source.user_agent())
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.connect_timeout)
            .no_proxy()
            .build()
            .map_err(|e| format!("无法创建 HTTP 客户端：{e}"))?;
        Ok(Fetcher {
            client,
            source,
            settings,
            hosts,
            cache,
        })
    }

    /// GETs `url`, following allowed redirects. `validators` are sent on the first hop.
    pub async fn get(
        &self,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Fetched, FetchError> {
        let mut current = url.clone();
        let mut seen = vec![url.clone()];
        let mut hops = 0u32;
        loop {
            let host = self.host_for(&current)?;
            let rules = self.robots(&host, &current).await;
            if let RobotsRules::Unavailable(cause) = rules {
                return Err(FetchError::new(
                    &current,
                    FailKind::HostSkipped,
                    format!("无法读取该主机的 robots.txt（{cause}），本次跳过该主机"),
                ));
            }
            if !rules.allowed(current.as_str()) {
                host.stats_mut(|s| s.robots_skipped += 1);
                return Err(FetchError::new(
                    &current,
                    FailKind::RobotsDisallowed,
                    "robots.txt 禁止抓取该页面",
                ));
            }
            let sent_validators = if hops == 0 { validators } else { None };
            let raw = self.request(&host, &current, sent_validators).await?;
            match raw.status {
                301 | 302 | 303 | 307 | 308 => {
                    let location = raw
                        .headers
                        .get(header::LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .ok_or_else(|| {
                            FetchError::new(
                                &current,
                                FailKind::Http(raw.status),
                                format!("HTTP {} 重定向缺少 Location", raw.status),
                            )
                        })?;
                    let next = current.join(location).map_err(|e| {
                        FetchError::new(
                            &current,
                            FailKind::Redirects,
                            format!("重定向地址无法解析：{location}（{e}）"),
                        )
                    })?;
                    if !self.source.allows(&next) {
                        return Err(refused(&current, &next, "重定向"));
                    }
                    if seen.contains(&next) {
                        return Err(FetchError::new(
                            &current,
                            FailKind::Redirects,
                            format!("重定向循环：又回到 {next}"),
                        ));
                    }
                    hops += 1;
                    if hops > self.settings.max_redirects {
                        return Err(FetchError::new(
                            &current,
                            FailKind::Redirects,
                            format!(
                                "重定向次数超过上限（{} 次），下一跳 {next}",
                                self.settings.max_redirects
                            ),
                        ));
                    }
                    seen.push(next.clone());
                    current = next;
                }
                304 => return Ok(Fetched::NotModified),
                200..=299 => {
                    let text = |name: header::HeaderName| {
                        raw.headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    return Ok(Fetched::Page(Page {
                        url: current,
                        etag: text(header::ETAG),
                        last_modified: text(header::LAST_MODIFIED),
                        content_type: text(header::CONTENT_TYPE),
                        body: raw.body,
                    }));
                }
                status => {
                    return Err(FetchError::new(
                        &current,
                        FailKind::Http(status),
                        format!("HTTP {status}"),
                    ));
                }
            }
        }
    }

    /// Refuses URLs outside the allowed hosts, then finds the host gate.
    fn host_for(&self, url: &Url) -> Result<Arc<Host>, FetchError> {
        if !self.source.allows(url) {
            return Err(refused(url, url, "请求"));
        }
        let origin = url.origin().ascii_serialization();
        Ok(self.hosts.get(
            &origin,
            self.settings.retry_cap,
            self.settings.breaker_threshold,
        ))
    }

    /// The host's robots.txt, read from the cache or fetched once per run before any
    /// other request to the host.
    async fn robots<'h>(&self, host: &'h Host, url: &Url) -> &'h RobotsRules {
        host.robots
            .get_or_init(|| async {
                let ttl = self.settings.robots_ttl;
                let rules = if let Some(cached) = self.cache.robots(&host.origin, ttl) {
                    RobotsRules::from_response(cached.status, &cached.body)
                } else {
                    let mut robots_url = url.clone();
                    robots_url.set_path("/robots.txt");
                    robots_url.set_query(None);
                    robots_url.set_fragment(None);
                    match self.fetch_robots(host, robots_url).await {
                        Ok((status, body)) => {
                            let rules = RobotsRules::from_response(status, &body);
                            if !matches!(rules, RobotsRules::Unavailable(_)) {
                                self.cache.store_robots(&CachedRobots {
                                    origin: host.origin.clone(),
                                    fetched_at: super::cache::unix_now(),
                                    status,
                                    body,
                                });
                            }
                            rules
                        }
                        Err(e) => RobotsRules::Unavailable(e.to_string()),
                    }
                };
                if let RobotsRules::Unavailable(_) = rules {
                    host.stats_mut(|s| s.skipped = true);
                }
                if let Some(delay) = rules.crawl_delay() {
                    host.set_crawl_delay(delay).await;
                }
                rules
            })
            .await
    }

    /// GETs robots.txt, following redirects that stay on the same origin (e.g. to
    /// `/static/robots.txt`) up to the redirect limit. A redirect elsewhere, or too many,
    /// leaves the status as a 3xx, which counts as "no robots.txt" (RFC 9309 §2.3.1.2).
    async fn fetch_robots(
        &self,
        host: &Host,
        robots_url: Url,
    ) -> Result<(u16, String), FetchError> {
        let mut current = robots_url;
        let mut hops = 0u32;
        loop {
            let raw = self.request(host, &current, None).await?;
            let next = matches!(raw.status, 301 | 302 | 303 | 307 | 308)
                .then(|| raw.headers.get(header::LOCATION))
                .flatten()
                .and_then(|v| v.to_str().ok())
                .and_then(|location| current.join(location).ok())
                .filter(|next| next.origin().ascii_serialization() == host.origin);
            match next {
                Some(next) if hops < self.settings.max_redirects && next != current => {
                    hops += 1;
                    current = next;
                }
                _ => return Ok((raw.status, String::from_utf8_lossy(&raw.body).into_owned())),
            }
        }
    }

    /// One GET through the host gate, with retries on timeouts, 408, 429 and 5xx.
    async fn request(
        &self,
        host: &Host,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Raw, FetchError> {
        let mut slot = host.acquire(self.source.delay).await.map_err(|_| {
            FetchError::new(
                url,
                FailKind::CircuitOpen,
                "该主机连续失败，已熔断，本次不再请求",
            )
        })?;
        let max_retries = self.settings.max_retries;
        let mut attempt = 0u32;
        loop {
            if attempt > 0 {
                slot.wait_turn().await;
                host.stats_mut(|s| s.retries += 1);
            }
            let started = Instant::now();
            host.stats_mut(|s| s.requests += 1);
            let result = tokio::time::timeout(
                self.settings.timeout,
                self.send_and_read(host, url, validators),
            )
            .await;
            let latency = started.elapsed();
            host.stats_mut(|s| {
                s.latency_ms_total += u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
            });
            let (error, retry_after) = match result {
                Ok(Ok(raw)) => {
                    if !is_retryable_status(raw.status) {
                        slot.finish(Attempt::Ok, latency);
                        return Ok(raw);
                    }
                    let retry_after = raw
                        .headers
                        .get(header::RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    let error = FetchError::new(
                        url,
                        FailKind::Http(raw.status),
                        format!("HTTP {}", raw.status),
                    );
                    (error, retry_after)
                }
                Ok(Err(ReadError::TooLarge(n))) => {
                    // An oversized body is the page's problem, not an overload signal:
                    // it is not retried and does not slow the host down.
                    slot.finish(Attempt::Ok, latency);
                    host.stats_mut(|s| s.network_errors += 1);
                    return Err(FetchError::new(
                        url,
                        FailKind::TooLarge,
                        format!(
                            "响应体超过上限 {} 字节（已读到 {n} 字节），已中止",
                            self.settings.max_body_bytes
                        ),
                    ));
                }
                Ok(Err(ReadError::Http(e))) => {
                    host.stats_mut(|s| s.network_errors += 1);
                    if e.is_timeout() {
                        (FetchError::new(url, FailKind::Timeout, "请求超时"), None)
                    } else {
                        // Refused or reset connections are not retried (only timeouts,
                        // 408, 429 and 5xx are), but they count towards the breaker.
                        slot.finish(Attempt::Failed, latency);
                        let cause = format!("网络错误：{}", error_chain(&e));
                        return Err(self
                            .breaker_note(&slot, FetchError::new(url, FailKind::Network, cause)));
                    }
                }
                Err(_elapsed) => {
                    host.stats_mut(|s| s.network_errors += 1);
                    let cause = format!("超过总超时 {} 毫秒", self.settings.timeout.as_millis());
                    (FetchError::new(url, FailKind::Timeout, cause), None)
                }
            };
            if !slot.finish(Attempt::Failed, latency) {
                return Err(self.breaker_note(&slot, error));
            }
            if attempt >= max_retries {
                let mut error = error;
                if max_retries > 0 {
                    error.cause = format!("{}（已重试 {max_retries} 次）", error.cause);
                }
                return Err(error);
            }
            let backoff = backoff(self.settings.retry_base, self.settings.retry_cap, attempt);
            let wait = match retry_after {
                Some(asked) if asked > self.settings.retry_cap => {
                    // Not retried, but the host still gets the longest pause we allow
                    // before anyone else asks it for anything.
                    slot.wait_at_least(self.settings.retry_cap);
                    return Err(FetchError::new(
                        url,
                        FailKind::RetryAfterTooLong,
                        format!(
                            "{}，Retry-After 要求等待 {} 秒，超过上限 {} 秒，不再重试",
                            error.cause,
                            asked.as_secs(),
                            self.settings.retry_cap.as_secs()
                        ),
                    ));
                }
                Some(asked) => asked.max(backoff),
                None => backoff,
            };
            tracing::info!("{}，{} 毫秒后重试", error, wait.as_millis());
            slot.wait_at_least(wait);
            attempt += 1;
        }
    }

    fn breaker_note(
        &self,
        slot: &super::politeness::Slot<'_>,
        mut error: FetchError,
    ) -> FetchError {
        if slot.is_open() {
            error.cause = format!(
                "{}；该主机已连续失败 {} 次，熔断，本次不再请求",
                error.cause, self.settings.breaker_threshold
            );
            error.kind = FailKind::CircuitOpen;
        }
        error
    }

    /// Sends the request and reads a 2xx body up to the cap.
    async fn send_and_read(
        &self,
        host: &Host,
        url: &Url,
        validators: Option<&Validators>,
    ) -> Result<Raw, ReadError> {
        let mut request = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(etag) = &v.etag {
                request = request.header(header::IF_NONE_MATCH, etag);
            }
            if let Some(date) = &v.last_modified {
                request = request.header(header::IF_MODIFIED_SINCE, date);
            }
        }
        let mut response = request.send().await.map_err(ReadError::Http)?;
        let status = response.status().as_u16();
        tracing::debug!("GET {url} → {status}");
        host.stats_mut(|s| s.count_status(status));
        let headers = response.headers().clone();
        let mut body = Vec::new();
        if (200..300).contains(&status) {
            let cap = self.settings.max_body_bytes;
            if let Some(length) = response.content_length() {
                if length > cap {
                    return Err(ReadError::TooLarge(0));
                }
            }
            while let Some(chunk) = response.chunk().await.map_err(ReadError::Http)? {
                host.stats_mut(|s| s.bytes += chunk.len() as u64);
                if (body.len() + chunk.len()) as u64 > cap {
                    return Err(ReadError::TooLarge(body.len() + chunk.len()));
                }
                body.extend_from_slice(&chunk);
            }
        }
        Ok(Raw {
            status,
            headers,
            body,
        })
    }
}

enum ReadError {
    Http(reqwest::Error),
    TooLarge(usize),
}

/// Statuses worth retrying: 408, 429 and 5xx.
fn is_retryable_status(status: u16) -> bool {
    status == 408 || status == 429 || (500..=599).contains(&status)
}

/// `base × 2^attempt`, capped, with jitter in the upper half so it never collapses to 0.
fn backoff(base: Duration, cap: Duration, attempt: u32) -> Duration {
    let exp = base.saturating_mul(1u32 << attempt.min(16)).min(cap);
    let jitter: f64 = rand::rng().random_range(0.5..=1.0);
    exp.mul_f64(jitter)
}

/// Parses `Retry-After`: delta seconds or an HTTP-date (relative to `now`).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// The refusal for a URL outside the allowed hosts; loopback and private addresses are
/// named as such, since following them would reach internal systems.
fn refused(from: &Url, target: &Url, what: &str) -> FetchError {
    let host = target.host_str().unwrap_or("");
    let note = address_note(host)
        .map(|n| format!("（{n}）"))
        .unwrap_or_default();
    FetchError::new(
        from,
        FailKind::Refused,
        format!("{what}目标 {target} 的主机 {host}{note} 不在 allowed_hosts 中，已拒绝"),
    )
}

/// Names the special address range `host` is in, if any.
pub fn address_note(host: &str) -> Option<&'static str> {
    if host.eq_ignore_ascii_case("localhost") || host.to_ascii_lowercase().ends_with(".localhost") {
        return Some("回环地址");
    }
    let ip: IpAddr = host.trim_matches(['[', ']']).parse().ok()?;
    let note = match ip {
        IpAddr::V4(v4) if v4.is_loopback() => "回环地址",
        IpAddr::V4(v4) if v4.is_private() => "内网地址",
        IpAddr::V4(v4) if v4.is_link_local() => "链路本地地址",
        IpAddr::V4(v4) if v4.is_unspecified() || v4.is_broadcast() => "非单播地址",
        IpAddr::V6(v6) if v6.is_loopback() => "回环地址",
        IpAddr::V6(v6) if (v6.segments()[0] & 0xfe00) == 0xfc00 => "内网地址",
        IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80 => "链路本地地址",
        IpAddr::V6(v6) if v6.is_unspecified() => "非单播地址",
        _ => return None,
    };
    Some(note)
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push('：');
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_http_date() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_millis(500);
        for attempt in 0..6 {
            let wait = backoff(base, cap, attempt);
            let full = base.saturating_mul(1 << attempt).min(cap);
            assert!(wait >= full / 2 && wait <= full, "{attempt}: {wait:?}");
        }
    }

    #[test]
    fn special_addresses_are_named() {
        assert_eq!(address_note("127.0.0.2"), Some("回环地址"));
        assert_eq!(address_note("localhost"), Some("回环地址"));
        assert_eq!(address_note("10.1.2.3"), Some("内网地址"));
        assert_eq!(address_note("192.168.1.1"), Some("内网地址"));
        assert_eq!(address_note("169.254.1.1"), Some("链路本地地址"));
        assert_eq!(address_note("[::1]"), Some("回环地址"));
        assert_eq!(address_note("[fd00::1]"), Some("内网地址"));
        assert_eq!(address_note("www.example.gov.cn"), None);
        assert_eq!(address_note("8.8.8.8"), None);
        assert!(is_retryable_status(429) && is_retryable_status(503) && is_retryable_status(408));
        assert!(!is_retryable_status(404) && !is_retryable_status(304));
    }
}
