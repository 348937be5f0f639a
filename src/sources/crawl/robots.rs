//! robots.txt rules of one host, parsed with texting_robots for our User-Agent token
//! (`fingertip`). A 4xx (no robots.txt) allows everything; a 5xx or an unreachable host
//! means the host is skipped for this run (what Google does for a 5xx robots.txt).

use std::time::Duration;

use texting_robots::Robot;

/// The token matched against `User-agent:` lines.
pub const AGENT_TOKEN: &str = "fingertip";

/// What a host's robots.txt allows.
#[derive(Debug)]
pub enum RobotsRules {
    /// No usable robots.txt (4xx): everything is allowed.
    AllowAll,
    /// Parsed rules.
    Rules(Box<Robot>),
    /// The robots.txt could not be read (5xx, timeout, refused): the host is skipped.
    Unavailable(String),
}

impl RobotsRules {
    /// Builds the rules from a robots.txt response status and body.
    pub fn from_response(status: u16, body: &str) -> RobotsRules {
        match status {
            200..=299 => match Robot::new(AGENT_TOKEN, body.as_bytes()) {
                Ok(robot) => RobotsRules::Rules(Box::new(robot)),
                // texting_robots is forgiving; a file it still cannot parse is treated
                // like a missing one, as the robots.txt RFC (9309 §2.3.1.3) suggests for
                // unparseable lines.
                Err(_) => RobotsRules::AllowAll,
            },
            // Redirects that were not followed and client errors: no robots.txt.
            300..=499 => RobotsRules::AllowAll,
            _ => RobotsRules::Unavailable(format!("robots.txt 返回 HTTP {status}")),
        }
    }

    /// Whether `url` may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        match self {
            RobotsRules::AllowAll => true,
            RobotsRules::Rules(robot) => robot.allowed(url),
            RobotsRules::Unavailable(_) => false,
        }
    }

    /// The Crawl-delay for our agent, if any.
    pub fn crawl_delay(&self) -> Option<Duration> {
        match self {
            RobotsRules::Rules(robot) => robot
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::from_secs_f64(f64::from(d))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disallow_and_crawl_delay_for_our_agent() {
        let rules = RobotsRules::from_response(
            200,
            "User-agent: *\nDisallow: /\n\nUser-agent: fingertip\nDisallow: /private/\nCrawl-delay: 0.5\n",
        );
        assert!(rules.allowed("http://127.0.0.1/list"));
        assert!(!rules.allowed("http://127.0.0.1/private/a"));
        assert_eq!(rules.crawl_delay(), Some(Duration::from_millis(500)));
    }

    #[test]
    fn client_errors_allow_and_server_errors_skip() {
        assert!(RobotsRules::from_response(404, "").allowed("http://127.0.0.1/x"));
        let rules = RobotsRules::from_response(503, "");
        assert!(matches!(rules, RobotsRules::Unavailable(_)));
        assert!(!rules.allowed("http://127.0.0.1/x"));
    }
}
