//! Waivers: a decision that a finding is accepted for a reason until a date (e.g.
//! check-ins allowed for 安保/应急 duty). Waived findings keep their place in every
//! output with `waived = Some(reason)`; they are never hidden. An expired waiver does
//! not apply.
//!
//! The waivers file is TOML:
//!
//! ```toml
//! [[waiver]]
//! id = "APP-001"          # platform id
//! rule = "app-forced-checkin"  # rule id, or "*" for every rule
//! reason = "应急值守期间允许打卡"
//! until = "2027-03-31"    # optional; the last day the waiver applies
//! ```

use std::path::Path;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{catalog, Finding};
use crate::error::{Error, Result};
use crate::model::Platform;

/// One waiver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiver {
    /// Platform id.
    pub platform_id: String,
    /// Rule id, or `*` for every rule.
    pub rule: String,
    /// Why the finding is accepted.
    pub reason: String,
    /// Last day the waiver applies (None: no expiry).
    pub until: Option<NaiveDate>,
}

impl Waiver {
    /// Whether the waiver covers `rule` on the platform with `platform_id` at `as_of`.
    pub fn covers(&self, platform_id: &str, rule: &str, as_of: NaiveDate) -> bool {
        self.platform_id == platform_id
            && (self.rule == "*" || self.rule == rule)
            && self.until.is_none_or(|until| as_of <= until)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiversFile {
    #[serde(default)]
    waiver: Vec<toml::Spanned<RawWaiver>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiver {
    id: String,
    rule: String,
    reason: String,
    #[serde(default)]
    until: Option<toml::Value>,
}

/// Parses a waivers file. `path` only names the file in errors; every error names the
/// line (unknown keys, a missing reason, an unknown rule id, a bad date).
pub fn parse_waivers(path: &Path, text: &str) -> Result<Vec<Waiver>> {
    let config_error = |message: String| Error::Config {
        path: path.to_path_buf(),
        message,
    };
    let file: WaiversFile =
        toml::from_str(text).map_err(|e| config_error(e.to_string().trim().replace('\n', " ")))?;
    let mut waivers = Vec::with_capacity(file.waiver.len());
    for spanned in file.waiver {
        let line = line_of(text, spanned.span().start);
        let raw = spanned.into_inner();
        let id = raw.id.trim().to_string();
        if id.is_empty() {
            return Err(config_error(format!("第 {line} 行：豁免缺少平台编号 id")));
        }
        let rule = raw.rule.trim().to_string();
        if rule != "*" && catalog::get(&rule).is_none() {
            return Err(config_error(format!(
                "第 {line} 行：未知规则“{rule}”；相近的规则：{}",
                catalog::close_ids(&rule).join(", ")
            )));
        }
        let reason = raw.reason.trim().to_string();
        if reason.is_empty() {
            return Err(config_error(format!(
                "第 {line} 行：豁免必须写明理由 reason"
            )));
        }
        let until = match raw.until {
            None => None,
            Some(value) => {
                let text = match value {
                    toml::Value::String(s) => s,
                    toml::Value::Datetime(d) => d.to_string(),
                    other => other.to_string(),
                };
                Some(
                    crate::model::parse_ymd(&text)
                        .map_err(|m| config_error(format!("第 {line} 行：until: {m}")))?,
                )
            }
        };
        waivers.push(Waiver {
            platform_id: id,
            rule,
            reason,
            until,
        });
    }
    Ok(waivers)
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map(|t| t.matches('\n').count() + 1)
        .unwrap_or(1)
}

/// Marks findings covered by an unexpired waiver with the waiver's reason.
pub fn apply(
    findings: &mut [Finding],
    platforms: &[Platform],
    waivers: &[Waiver],
    as_of: NaiveDate,
) {
    if waivers.is_empty() {
        return;
    }
    let mut by_id: FxHashMap<&str, Vec<&Waiver>> = FxHashMap::default();
    for waiver in waivers {
        by_id
            .entry(waiver.platform_id.as_str())
            .or_default()
            .push(waiver);
    }
    for finding in findings.iter_mut() {
        let Some(platform) = platforms.get(finding.platform) else {
            continue;
        };
        if let Some(candidates) = by_id.get(platform.id.as_str()) {
            if let Some(w) = candidates
                .iter()
                .find(|w| w.covers(&platform.id, finding.rule, as_of))
            {
                finding.waived = Some(w.reason.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_waivers() {
        let text = "[[waiver]]\nid = \"A1\"\nrule = \"app-forced-checkin\"\nreason = \"应急值守\"\nuntil = \"2027-01-31\"\n\n[[waiver]]\nid = \"G1\"\nrule = \"*\"\nreason = \"安保专班\"\n";
        let waivers = parse_waivers(Path::new("waivers.toml"), text).unwrap();
        assert_eq!(waivers.len(), 2);
        assert_eq!(waivers[0].until, Some(date("2027-01-31")));
        assert!(waivers[0].covers("A1", "app-forced-checkin", date("2027-01-31")));
        assert!(!waivers[0].covers("A1", "app-forced-checkin", date("2027-02-01")));
        assert!(!waivers[0].covers("A1", "zombie-app", date("2026-12-01")));
        assert!(waivers[1].covers("G1", "group-24h-media", date("2030-01-01")));
    }

    #[test]
    fn errors_name_the_line() {
        let bad_rule = "[[waiver]]\nid = \"A1\"\nrule = \"app-forced-checkn\"\nreason = \"x\"\n\n[[waiver]]\nid = \"A2\"\nrule = \"zombie-ap\"\nreason = \"x\"\n";
        let err = parse_waivers(Path::new("w.toml"), bad_rule)
            .unwrap_err()
            .to_string();
        assert!(err.contains("w.toml") && err.contains("第 1 行"), "{err}");
        assert!(err.contains("app-forced-checkin"), "{err}");
        let unknown_key = "[[waiver]]\nid = \"A1\"\nrule = \"*\"\nreason = \"x\"\nexpires = 1\n";
        let err = parse_waivers(Path::new("w.toml"), unknown_key)
            .unwrap_err()
            .to_string();
        assert!(err.contains("expires") && err.contains("line 5"), "{err}");
        let no_reason = "\n[[waiver]]\nid = \"A1\"\nrule = \"*\"\nreason = \" \"\n";
        let err = parse_waivers(Path::new("w.toml"), no_reason)
            .unwrap_err()
            .to_string();
        assert!(err.contains("第 2 行") && err.contains("理由"), "{err}");
        let bad_date = "[[waiver]]\nid = \"A1\"\nrule = \"*\"\nreason = \"x\"\nuntil = \"明年\"\n";
        let err = parse_waivers(Path::new("w.toml"), bad_date)
            .unwrap_err()
            .to_string();
        assert!(err.contains("until"), "{err}");
    }
}
