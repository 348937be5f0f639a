//! Settings: the `fingertip.toml` of an inventory parsed into one [`Settings`] value,
//! with defaults from the rule catalog and command-line values taking precedence.
//! An unknown key is an error naming its line.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::overlap::OverlapSettings;
use crate::recommend::burden::BurdenSettings;
use crate::recommend::RecommendSettings;
use crate::rules::RuleSettings;

/// The file format of `fingertip.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SettingsFile {
    /// Audit date, `"YYYY-MM-DD"` (a bare TOML date is accepted too).
    pub as_of: Option<toml::Value>,
    /// Overlap thresholds.
    pub overlap: OverlapSettings,
    /// Rule thresholds and local rules.
    pub rules: RuleSettings,
    /// Deadlines.
    pub recommend: RecommendSettings,
    /// Burden ledger coefficients.
    pub burden: BurdenSettings,
}

/// Resolved settings for one run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Audit date (CLI, then file, then today).
    pub as_of: NaiveDate,
    /// Overlap thresholds.
    pub overlap: OverlapSettings,
    /// Rule thresholds.
    pub rules: RuleSettings,
    /// Recommendation settings.
    pub recommend: RecommendSettings,
    /// Burden ledger coefficients.
    pub burden: BurdenSettings,
}

impl SettingsFile {
    /// Parses the text of a settings file; `path` is only used in the error.
    pub fn parse(path: &Path, text: &str) -> Result<SettingsFile> {
        toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string().trim().replace('\n', " "),
        })
    }

    /// Resolves the file against the command line's `--as-of` and today's date.
    pub fn resolve(
        self,
        path: &Path,
        cli_as_of: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Settings> {
        let file_as_of = match &self.as_of {
            None => None,
            Some(value) => {
                let text = match value {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Datetime(d) => d.to_string(),
                    other => other.to_string(),
                };
                Some(parse_date_arg(&text).map_err(|message| Error::Config {
                    path: path.to_path_buf(),
                    message: format!("as_of: {message}"),
                })?)
            }
        };
        Ok(Settings {
            as_of: cli_as_of.or(file_as_of).unwrap_or(today),
            overlap: self.overlap,
            rules: self.rules,
            recommend: self.recommend,
            burden: self.burden,
        })
    }
}

/// Parses a `YYYY-MM-DD` date given on the command line or in a settings file.
pub fn parse_date_arg(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{text}”不是 YYYY-MM-DD 格式的日期"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_line() {
        let err = SettingsFile::parse(
            Path::new("f.toml"),
            "as_of = 2026-01-01\n[rules]\nbogus = 1\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("bogus"), "{err}");
        assert!(err.contains("line 3") || err.contains("3:"), "{err}");
    }

    #[test]
    fn cli_date_wins() {
        let path = Path::new("f.toml");
        let file = SettingsFile::parse(path, "as_of = \"2026-01-01\"\n").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        assert_eq!(file.clone().resolve(path, Some(d), d).unwrap().as_of, d);
        let file_date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(file.resolve(path, None, d).unwrap().as_of, file_date);
    }
}
