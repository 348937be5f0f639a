//! Settings: the `fingertip.toml` of an inventory parsed into one [`Settings`] value,
//! with defaults from the rule catalog and command-line values taking precedence.
//! An unknown key is an error naming its line.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::org::{Gazetteer, Overlay};
use crate::overlap::OverlapSettings;
use crate::recommend::assign::OrgSettings;
use crate::recommend::burden::BurdenSettings;
use crate::recommend::forms::FormsSettings;
use crate::recommend::workdays::WorkdaySettings;
use crate::recommend::RecommendSettings;
use crate::registry::StoreOptions;
use crate::rules::settings::PolicySettings;
use crate::rules::RuleSettings;

/// Where an audit's date comes from: `--as-of`, else `as_of` in fingertip.toml, else
/// today. The one place that decides it; the registry's clock for a run is this date at
/// midnight, so reruns are reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditDate {
    /// `--as-of` from the command line.
    pub cli: Option<NaiveDate>,
    /// Today's date, used when neither the command line nor the file gives one.
    pub today: NaiveDate,
}

impl AuditDate {
    /// `--as-of` if given, else the local calendar date.
    pub fn from_cli(cli: Option<NaiveDate>) -> AuditDate {
        AuditDate {
            cli,
            today: chrono::Local::now().date_naive(),
        }
    }

    /// The audit date once the settings file's `as_of` (if any) is known.
    pub fn decide(self, file: Option<NaiveDate>) -> NaiveDate {
        self.cli.or(file).unwrap_or(self.today)
    }

    /// The date before any settings file could be read (e.g. to date a failed run).
    pub fn without_file(self) -> NaiveDate {
        self.decide(None)
    }
}

/// The file format of `fingertip.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SettingsFile {
    /// Audit date, `"YYYY-MM-DD"` (a bare TOML date is accepted too).
    pub as_of: Option<toml::Value>,
    /// The inventory's source name in the registry (e.g. `"澄岚市政务平台台账"`), so
    /// that a new folder each month is still the same source.
    pub source: Option<String>,
    /// Overlap thresholds.
    pub overlap: OverlapSettings,
    /// Rule thresholds and local rules.
    pub rules: RuleSettings,
    /// Deadlines.
    pub recommend: RecommendSettings,
    /// Burden ledger coefficients.
    pub burden: BurdenSettings,
    /// The organisation table and overlay areas (双交办).
    pub org: OrgSettings,
    /// Holidays and adjusted workdays deadlines avoid.
    pub workdays: WorkdaySettings,
    /// Retirement in the registry.
    pub registry: StoreOptions,
    /// The jurisdiction's level policy for apps (`[policy]`), carried to the rules.
    pub policy: PolicySettings,
    /// 一表通 coefficients and thresholds (`[forms]`).
    pub forms: FormsSettings,
    /// Places the built-in divisions lack, also accepted as `[[divisions.areas]]` (the
    /// shape of `org::Overlay`); merged with `[[org.areas]]` into one gazetteer.
    pub divisions: Overlay,
}

/// Resolved settings for one run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Audit date (CLI, then file, then today).
    pub as_of: NaiveDate,
    /// The inventory's source name, if the file gives one (blank counts as none).
    pub source: Option<String>,
    /// Overlap thresholds.
    pub overlap: OverlapSettings,
    /// Rule thresholds.
    pub rules: RuleSettings,
    /// Recommendation settings.
    pub recommend: RecommendSettings,
    /// Burden ledger coefficients.
    pub burden: BurdenSettings,
    /// The organisation table and overlay areas (双交办).
    pub org: OrgSettings,
    /// The gazetteer with `[[org.areas]]` added, when the file has any (else the
    /// built-in one: see [`Settings::gazetteer`]).
    pub overlay_gazetteer: Option<std::sync::Arc<Gazetteer>>,
    /// Holidays and adjusted workdays deadlines avoid.
    pub workdays: WorkdaySettings,
    /// Registry retirement settings as the file gives them.
    pub registry: StoreOptions,
    /// 一表通 settings.
    pub forms: FormsSettings,
}

impl Settings {
    /// The gazetteer the audit resolves places in: the built-in one, with the file's
    /// `[[org.areas]]` when it has any.
    pub fn gazetteer(&self) -> &Gazetteer {
        self.overlay_gazetteer
            .as_deref()
            .unwrap_or_else(|| Gazetteer::builtin())
    }
}

impl SettingsFile {
    /// Parses the text of a settings file; `path` is only used in the error.
    pub fn parse(path: &Path, text: &str) -> Result<SettingsFile> {
        toml::from_str(text).map_err(|e| Error::Config {
            path: path.to_path_buf(),
            message: e.to_string().trim().replace('\n', " "),
        })
    }

    /// Resolves the file, deciding the audit date with [`AuditDate::decide`].
    pub fn resolve(self, path: &Path, date: AuditDate) -> Result<Settings> {
        let file_as_of = match &self.as_of {
            None => None,
            Some(value) => {
                let text = match value {
                    toml::Value::String(s) => s.clone(),
                    toml::Value::Datetime(d) => d.to_string(),
                    other => other.to_string(),
                };
                Some(
                    crate::model::parse_ymd(&text).map_err(|message| Error::Config {
                        path: path.to_path_buf(),
                        message: format!("as_of: {message}"),
                    })?,
                )
            }
        };
        let config_error = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let areas: Vec<_> = self
            .org
            .areas
            .iter()
            .chain(&self.divisions.areas)
            .cloned()
            .collect();
        let overlay_gazetteer = if areas.is_empty() {
            None
        } else {
            let overlay = Overlay { areas };
            let gazetteer = Gazetteer::builtin()
                .with_overlay(&overlay)
                .map_err(|errors| {
                    config_error(format!(
                        "[[org.areas]]: {}",
                        errors
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; ")
                    ))
                })?;
            Some(std::sync::Arc::new(gazetteer))
        };
        {
            let gazetteer = overlay_gazetteer
                .as_deref()
                .unwrap_or_else(|| Gazetteer::builtin());
            let (_, problems) = crate::recommend::assign::OrgModel::new(gazetteer, &self.org);
            if !problems.is_empty() {
                return Err(config_error(problems.join("; ")));
            }
        }
        Ok(Settings {
            overlay_gazetteer,
            as_of: date.decide(file_as_of),
            source: self.source.filter(|s| !s.trim().is_empty()),
            overlap: self.overlap,
            rules: RuleSettings {
                policy: self.policy,
                ..self.rules
            },
            recommend: self.recommend,
            burden: self.burden,
            org: self.org,
            workdays: self.workdays,
            registry: self.registry,
            forms: self.forms,
        })
    }
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
    fn source_key_is_read_and_blank_is_none() {
        let path = Path::new("f.toml");
        let date = AuditDate::from_cli(None);
        let named = SettingsFile::parse(path, "source = \"澄岚市政务平台台账\"\n").unwrap();
        assert_eq!(
            named.resolve(path, date).unwrap().source.as_deref(),
            Some("澄岚市政务平台台账")
        );
        let blank = SettingsFile::parse(path, "source = \"  \"\n").unwrap();
        assert_eq!(blank.resolve(path, date).unwrap().source, None);
    }

    #[test]
    fn policy_table_reaches_the_rule_settings() {
        let path = Path::new("f.toml");
        let file =
            SettingsFile::parse(path, "[policy]\nclose_apps_at_or_below = \"county\"\n").unwrap();
        let settings = file.resolve(path, AuditDate::from_cli(None)).unwrap();
        assert_eq!(
            settings.rules.policy.close_apps_at_or_below,
            Some(crate::model::Level::County)
        );
        let err = SettingsFile::parse(path, "[policy]\nclose_all = true\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("close_all"), "{err}");
    }

    #[test]
    fn the_sample_settings_carry_the_sample_overlay_and_a_valid_org_table() {
        let path = Path::new("inventory/fingertip.toml");
        let text = include_str!("../inventory/fingertip.toml");
        let file = SettingsFile::parse(path, text).unwrap();
        let overlay = Overlay::from_toml_str(crate::org::SAMPLE_OVERLAY_TOML).unwrap();
        assert_eq!(file.org.areas, overlay.areas);
        assert!(file.org.units.len() > 20);
        let settings = file.resolve(path, AuditDate::from_cli(None)).unwrap();
        assert!(settings
            .gazetteer()
            .resolve("云栖县雾溪镇雾岭村")
            .area()
            .is_some());
    }

    #[test]
    fn a_bad_org_table_or_overlay_is_a_config_error() {
        let path = Path::new("f.toml");
        let date = AuditDate::from_cli(None);
        let bad_role = "[[org.units]]\narea = \"澄岚市\"\nrole = \"bogus\"\nname = \"某办\"\n";
        let err = SettingsFile::parse(path, bad_role)
            .unwrap()
            .resolve(path, date)
            .unwrap_err()
            .to_string();
        assert!(err.contains("bogus"), "{err}");
        let orphan = "[[org.areas]]\ncode = \"990101\"\nname = \"孤县\"\nlevel = \"county\"\n";
        let err = SettingsFile::parse(path, orphan)
            .unwrap()
            .resolve(path, date)
            .unwrap_err()
            .to_string();
        assert!(err.contains("org.areas"), "{err}");
    }

    #[test]
    fn divisions_overlay_is_read_and_merged() {
        let path = Path::new("f.toml");
        let date = AuditDate::from_cli(None);
        let text = "[[divisions.areas]]\ncode = \"90\"\nname = \"岚江省\"\nlevel = \"province\"\n\n[[divisions.areas]]\ncode = \"9001\"\nname = \"澄岚市\"\nlevel = \"city\"\nparent = \"90\"\n";
        let file = SettingsFile::parse(path, text).unwrap();
        assert_eq!(file.divisions.areas.len(), 2);
        let settings = file.resolve(path, date).unwrap();
        let gazetteer = settings.gazetteer();
        let city = gazetteer
            .resolve("澄岚市")
            .area()
            .expect("the overlay's city resolves");
        assert_eq!(city.full_name(), "岚江省澄岚市");
        // Without the overlay the fictional city is unknown.
        assert!(Gazetteer::builtin().resolve("澄岚市").area().is_none());

        let bad = SettingsFile::parse(
            path,
            "[divisions]\nareas = [{ code = \"9901\", name = \"虚构市\", level = \"city\", parent = \"77\" }]\n",
        )
        .unwrap()
        .resolve(path, date)
        .unwrap_err();
        let err = bad.to_string();
        assert!(err.contains("f.toml") && err.contains("77"), "{err}");
        let unknown = SettingsFile::parse(path, "[divisions]\nregions = []\n")
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("regions"), "{unknown}");
    }

    #[test]
    fn cli_date_wins() {
        let path = Path::new("f.toml");
        let file = SettingsFile::parse(path, "as_of = \"2026-01-01\"\n").unwrap();
        let d = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let cli = AuditDate {
            cli: Some(d),
            today: d,
        };
        assert_eq!(file.clone().resolve(path, cli).unwrap().as_of, d);
        let file_date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let no_cli = AuditDate {
            cli: None,
            today: d,
        };
        assert_eq!(file.resolve(path, no_cli).unwrap().as_of, file_date);
        assert_eq!(
            SettingsFile::default().resolve(path, no_cli).unwrap().as_of,
            d
        );
    }
}
