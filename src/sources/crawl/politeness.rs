//! Per-host politeness: one request at a time per host, a minimum gap between requests
//! (the larger of the configured delay and robots.txt's Crawl-delay, jittered upwards,
//! never below), an adaptive delay that doubles on 429/5xx/timeouts and decays slowly back
//! to the base, and a circuit breaker that stops a host after repeated failures.
//!
//! The gate is an async mutex around the host's state plus the instant the next request
//! may start: whoever holds the [`Slot`] is the only one talking to that host.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rand::Rng;
use tokio::sync::{Mutex as AsyncMutex, MutexGuard, OnceCell};
use tokio::time::Instant;

use super::robots::RobotsRules;

/// Counters for one host, printed in the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostStats {
    /// HTTP requests sent (robots.txt, pages, retries and redirect hops).
    pub requests: u64,
    /// Responses with a 2xx status.
    pub status_2xx: u64,
    /// Responses with a 3xx status (304 included).
    pub status_3xx: u64,
    /// Responses with a 4xx status (429 included).
    pub status_4xx: u64,
    /// Responses with a 5xx status.
    pub status_5xx: u64,
    /// `429 Too Many Requests` responses.
    pub status_429: u64,
    /// `304 Not Modified` responses.
    pub status_304: u64,
    /// Requests that got no response (timeouts, refused connections, cut bodies).
    pub network_errors: u64,
    /// Body bytes received.
    pub bytes: u64,
    /// Retries sent.
    pub retries: u64,
    /// Sum of request latencies (send to end of body) in milliseconds.
    pub latency_ms_total: u64,
    /// Pages not fetched because robots.txt disallows them.
    pub robots_skipped: u64,
    /// Whether the circuit breaker stopped this host.
    pub circuit_open: bool,
    /// Whether the host was skipped because its robots.txt could not be read.
    pub skipped: bool,
}

impl HostStats {
    /// Mean latency in milliseconds over requests sent.
    pub fn mean_latency_ms(&self) -> u64 {
        self.latency_ms_total
            .checked_div(self.requests)
            .unwrap_or(0)
    }

    /// Counts one response status.
    pub fn count_status(&mut self, status: u16) {
        match status {
            200..=299 => self.status_2xx += 1,
            300..=399 => self.status_3xx += 1,
            400..=499 => self.status_4xx += 1,
            500..=599 => self.status_5xx += 1,
            _ => {}
        }
        if status == 429 {
            self.status_429 += 1;
        }
        if status == 304 {
            self.status_304 += 1;
        }
    }
}

/// How an attempt went, for the adaptive delay and the breaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// A usable answer (2xx, 3xx, 304, or a 4xx other than 408/429).
    Ok,
    /// An overload signal or failure: 408, 429, 5xx, a timeout or no connection.
    Failed,
}

/// One host (an origin: scheme, host and port) shared by every source that uses it.
#[derive(Debug)]
pub struct Host {
    /// `scheme://host:port`.
    pub origin: String,
    state: AsyncMutex<GateState>,
    /// The host's robots.txt, fetched once per run before anything else.
    pub robots: OnceCell<RobotsRules>,
    stats: Mutex<HostStats>,
    max_delay: Duration,
    breaker_threshold: u32,
}

#[derive(Debug)]
struct GateState {
    next_allowed: Option<Instant>,
    base: Duration,
    current: Duration,
    crawl_delay: Duration,
    consecutive_failures: u32,
    open: bool,
}

/// Exclusive permission to talk to a host; dropped when the request (and its retries)
/// are done.
pub struct Slot<'a> {
    host: &'a Host,
    state: MutexGuard<'a, GateState>,
}

/// The circuit breaker has stopped this host for the run.
#[derive(Debug, Clone, Copy)]
pub struct CircuitOpen;

impl Host {
    /// A fresh host gate.
    pub fn new(origin: String, max_delay: Duration, breaker_threshold: u32) -> Host {
        Host {
            origin,
            state: AsyncMutex::new(GateState {
                next_allowed: None,
                base: Duration::ZERO,
                current: Duration::ZERO,
                crawl_delay: Duration::ZERO,
                consecutive_failures: 0,
                open: false,
            }),
            robots: OnceCell::new(),
            stats: Mutex::new(HostStats::default()),
            max_delay,
            breaker_threshold: breaker_threshold.max(1),
        }
    }

    /// Waits for this host's turn. `delay` is the requesting source's configured gap; the
    /// host uses the largest gap any of its sources or its robots.txt asked for.
    pub async fn acquire(&self, delay: Duration) -> Result<Slot<'_>, CircuitOpen> {
        let mut state = self.state.lock().await;
        if state.open {
            return Err(CircuitOpen);
        }
        state.base = state.base.max(delay).max(state.crawl_delay);
        state.current = state.current.max(state.base);
        let mut slot = Slot { host: self, state };
        slot.wait_turn().await;
        Ok(slot)
    }

    /// Applies robots.txt's Crawl-delay: raises the gap (never lowers it) and pushes the
    /// next request at least one Crawl-delay past now, since the robots.txt request that
    /// just ended was scheduled before the Crawl-delay was known.
    pub async fn set_crawl_delay(&self, crawl_delay: Duration) {
        // Not capped: a site asking for a long Crawl-delay gets it, however slow.
        let mut state = self.state.lock().await;
        state.crawl_delay = crawl_delay;
        state.base = state.base.max(crawl_delay);
        state.current = state.current.max(state.base);
        let at = Instant::now() + crawl_delay;
        state.next_allowed = Some(state.next_allowed.map_or(at, |prev| prev.max(at)));
    }

    /// Updates the counters.
    pub fn stats_mut<R>(&self, f: impl FnOnce(&mut HostStats) -> R) -> R {
        // A poisoned lock only means another task panicked mid-update; the counters are
        // still usable.
        let mut stats = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut stats)
    }

    /// A copy of the counters.
    pub fn stats(&self) -> HostStats {
        self.stats_mut(|s| s.clone())
    }
}

impl Slot<'_> {
    /// Sleeps until the next request may start.
    pub async fn wait_turn(&mut self) {
        if let Some(at) = self.state.next_allowed {
            tokio::time::sleep_until(at).await;
        }
    }

    /// Applies robots.txt's Crawl-delay (only ever raises the gap).
    pub fn set_crawl_delay(&mut self, crawl_delay: Duration) {
        let state = &mut *self.state;
        state.crawl_delay = crawl_delay;
        state.base = state.base.max(state.crawl_delay);
        state.current = state.current.max(state.base);
    }

    /// Records how an attempt went, adapts the delay and schedules the next request:
    /// `now + current delay × jitter(1.0‥1.25)`, so the gap is never below the delay.
    /// Returns `false` if the breaker opened.
    pub fn finish(&mut self, attempt: Attempt, latency: Duration) -> bool {
        let max_delay = self.host.max_delay;
        let threshold = self.host.breaker_threshold;
        let state = &mut *self.state;
        match attempt {
            Attempt::Ok => {
                state.consecutive_failures = 0;
                if latency > state.current {
                    // The server is slowing down: move halfway towards its latency.
                    state.current = ((state.current + latency) / 2).min(max_delay);
                } else {
                    // Decay slowly: a quarter of the distance back to the base per success.
                    let excess = state.current.saturating_sub(state.base);
                    state.current = state.base + excess * 3 / 4;
                }
            }
            Attempt::Failed => {
                state.consecutive_failures += 1;
                // Never speed up on errors: the delay doubles, up to the cap.
                let doubled = state.current.max(state.base).saturating_mul(2);
                state.current = doubled.min(max_delay.max(state.base)).max(state.current);
                if state.consecutive_failures >= threshold {
                    state.open = true;
                }
            }
        }
        state.current = state.current.max(state.base);
        let jitter: f64 = rand::rng().random_range(1.0..1.25);
        let gap = state.current.mul_f64(jitter);
        let at = Instant::now() + gap;
        state.next_allowed = Some(state.next_allowed.map_or(at, |prev| prev.max(at)));
        if state.open {
            self.host.stats_mut(|s| s.circuit_open = true);
        }
        !state.open
    }

    /// Pushes the next request back by at least `wait` from now (backoff, Retry-After).
    pub fn wait_at_least(&mut self, wait: Duration) {
        let at = Instant::now() + wait;
        let state = &mut *self.state;
        state.next_allowed = Some(state.next_allowed.map_or(at, |prev| prev.max(at)));
    }

    /// Whether the breaker is open.
    pub fn is_open(&self) -> bool {
        self.state.open
    }

    /// The current adaptive delay (for tests and logs).
    pub fn current_delay(&self) -> Duration {
        self.state.current
    }
}

/// Every host seen in a run, by origin.
#[derive(Debug, Default)]
pub struct Hosts {
    hosts: Mutex<BTreeMap<String, Arc<Host>>>,
}

impl Hosts {
    /// The host for `origin`, created on first use.
    pub fn get(&self, origin: &str, max_delay: Duration, breaker_threshold: u32) -> Arc<Host> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(origin.to_string())
            .or_insert_with(|| {
                Arc::new(Host::new(origin.to_string(), max_delay, breaker_threshold))
            })
            .clone()
    }

    /// Counters of every host, by origin.
    pub fn stats(&self) -> BTreeMap<String, HostStats> {
        let hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .iter()
            .map(|(origin, host)| (origin.clone(), host.stats()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn delay_doubles_on_failure_decays_to_base_and_breaker_opens() {
        let host = Host::new("http://127.0.0.1:1".into(), Duration::from_secs(10), 3);
        let mut slot = host.acquire(Duration::from_millis(200)).await.unwrap();
        assert_eq!(slot.current_delay(), Duration::from_millis(200));
        assert!(slot.finish(Attempt::Failed, Duration::ZERO));
        assert_eq!(slot.current_delay(), Duration::from_millis(400));
        assert!(slot.finish(Attempt::Ok, Duration::ZERO));
        assert_eq!(slot.current_delay(), Duration::from_millis(350));
        for _ in 0..50 {
            slot.finish(Attempt::Ok, Duration::ZERO);
        }
        assert!(slot.current_delay() >= Duration::from_millis(200));
        assert!(slot.current_delay() < Duration::from_millis(201));
        slot.set_crawl_delay(Duration::from_millis(500));
        assert_eq!(slot.current_delay(), Duration::from_millis(500));
        assert!(slot.finish(Attempt::Failed, Duration::ZERO));
        assert!(slot.finish(Attempt::Failed, Duration::ZERO));
        assert!(!slot.finish(Attempt::Failed, Duration::ZERO));
        drop(slot);
        assert!(host.acquire(Duration::from_millis(200)).await.is_err());
        assert!(host.stats().circuit_open);
    }

    #[tokio::test]
    async fn slow_responses_raise_the_delay() {
        let host = Host::new("http://127.0.0.1:1".into(), Duration::from_secs(10), 3);
        let mut slot = host.acquire(Duration::from_millis(200)).await.unwrap();
        slot.finish(Attempt::Ok, Duration::from_millis(1000));
        assert_eq!(slot.current_delay(), Duration::from_millis(600));
    }
}
