//! The wiring of `fingertip forms` (an inventory → the 一表通 plan) and `fingertip check`
//! (a proposal → the check against an inventory or the registry). Like the audit, each
//! loads through `sources`, resolves through `registry` and hands plain values to the
//! pure stage in `recommend`; the caller writes the reports.

use std::path::{Path, PathBuf};

use super::{settings_of, timed};
use crate::config::{AuditDate, Settings, SettingsFile};
use crate::error::{Error, Result};
use crate::model::{Kind, Problem};
use crate::normalize::Taxonomy;
use crate::org::Gazetteer;
use crate::proposal::Proposal;
use crate::recommend::check::{self, CheckOutcome};
use crate::recommend::forms::{self, FormsPlan};
use crate::{registry, sources};

/// The 一表通 plan of one inventory.
#[derive(Debug)]
pub struct FormsRun {
    /// Resolved settings (`[forms]` holds the coefficients the plan used).
    pub settings: Settings,
    /// The plan: crosswalk, master forms, reduction figures.
    pub plan: FormsPlan,
    /// Input problems, sorted.
    pub problems: Vec<Problem>,
}

/// Consolidates the forms of an inventory folder (or one table file) into master forms.
///
/// An inventory without a single form is an error ([`Error::Usage`]): there is nothing
/// to consolidate, and a wrong path or a table read as another kind is the likely cause.
/// Rows that cannot be read are problems, as in an audit.
pub fn forms_inventory(inventory: &Path, date: AuditDate) -> Result<FormsRun> {
    let Resolved {
        settings,
        platforms,
        form_records,
        problems,
    } = resolve_inventory(inventory, date)?;
    let taxonomy = Taxonomy::builtin();
    if !platforms.iter().any(|p| p.kind == Kind::Form) {
        return Err(Error::Usage(format!(
            "{} 中没有报表（类型为报表、填报任务或台账的记录），无法整合为一表通",
            inventory.display()
        )));
    }
    let plan = timed("forms", || {
        forms::consolidate(
            &platforms,
            &form_records,
            &taxonomy,
            settings.gazetteer(),
            &settings.forms,
        )
    });
    Ok(FormsRun {
        settings,
        plan,
        problems,
    })
}

/// An inventory read, its settings resolved and its records resolved into platforms:
/// where `forms` and `check --against` start.
struct Resolved {
    settings: Settings,
    platforms: Vec<crate::model::Platform>,
    /// The raw rows of forms: the crosswalk reads the spellings of each field from them.
    form_records: Vec<crate::model::Record>,
    /// Input problems, sorted.
    problems: Vec<Problem>,
}

fn resolve_inventory(inventory: &Path, date: AuditDate) -> Result<Resolved> {
    let inv =
        timed("load", || sources::load_inventory(inventory)).map_err(|e| Error::Inventory {
            path: inventory.to_path_buf(),
            source: Box::new(e),
        })?;
    let settings = settings_of(&inv, inventory, date)?;
    let form_records = inv
        .records
        .iter()
        .filter(|r| r.kind == Some(Kind::Form))
        .cloned()
        .collect();
    let mut problems = inv.problems;
    let (platforms, resolve_problems) = timed("resolve", || {
        registry::resolve(inv.records, &Taxonomy::builtin())
    });
    problems.extend(resolve_problems);
    problems.sort();
    Ok(Resolved {
        settings,
        platforms,
        form_records,
        problems,
    })
}

/// The 一表通 plan an audit shows in its report: `None` when the registry has no form
/// or more than [`super::FORMS_IN_AUDIT_MAX`].
pub(super) fn forms_of_audit(
    platforms: &[crate::model::Platform],
    settings: &Settings,
    gazetteer: &Gazetteer,
) -> Option<FormsPlan> {
    let n_forms = platforms.iter().filter(|p| p.kind == Kind::Form).count();
    if n_forms == 0 || n_forms > super::FORMS_IN_AUDIT_MAX {
        return None;
    }
    Some(timed("forms", || {
        forms::consolidate(
            platforms,
            &[],
            &Taxonomy::builtin(),
            gazetteer,
            &settings.forms,
        )
    }))
}

/// What a proposal is checked against.
#[derive(Debug, Clone)]
pub enum CheckAgainst {
    /// An inventory folder or table file (its fingertip.toml gives the thresholds and
    /// the `[divisions]` overlay).
    Inventory(PathBuf),
    /// The registry's platforms that are not retired; `settings` is an optional
    /// fingertip.toml for the thresholds and the overlay.
    Registry {
        /// The SQLite registry (must exist).
        db: PathBuf,
        /// A fingertip.toml, if given.
        settings: Option<PathBuf>,
    },
}

/// A proposal and the answer of the check.
#[derive(Debug)]
pub struct CheckRun {
    /// The proposal as read.
    pub proposal: Proposal,
    /// The answer.
    pub outcome: CheckOutcome,
    /// How many platforms it was checked against.
    pub platforms: usize,
    /// Input problems of the inventory (empty for the registry).
    pub problems: Vec<Problem>,
}

/// Reads a proposal (TOML or the XLSX filing form) and checks it. A proposal that
/// cannot be read is [`Error::Proposal`], naming the file, line or cell and key.
pub fn check_proposal(proposal: &Path, against: &CheckAgainst) -> Result<CheckRun> {
    let proposal = sources::proposal::read_proposal(proposal)?;
    let taxonomy = Taxonomy::builtin();
    // The check has no audit date: nothing in it depends on one.
    let date = AuditDate::from_cli(None);
    let (platforms, settings, problems) = match against {
        CheckAgainst::Inventory(inventory) => {
            let r = resolve_inventory(inventory, date)?;
            (r.platforms, r.settings, r.problems)
        }
        CheckAgainst::Registry {
            db,
            settings: settings_file,
        } => {
            if !db.is_file() {
                return Err(Error::Usage(format!(
                    "登记库 {} 不存在；请先用 fingertip ingest 或 fingertip audit --db 建立",
                    db.display()
                )));
            }
            let settings = match settings_file {
                Some(path) => {
                    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
                    SettingsFile::parse(path, &text)?.resolve(path, date)?
                }
                None => SettingsFile::default().resolve(db, date)?,
            };
            let store = registry::Store::open(db)?;
            let current: Vec<(String, crate::model::Record)> = store
                .platforms(false)?
                .into_iter()
                .map(|p| (p.id, p.record))
                .collect();
            let (platforms, problems) = registry::resolve_identified(current, &taxonomy);
            (platforms, settings, problems)
        }
    };
    let outcome = check::check(
        &proposal,
        &platforms,
        &taxonomy,
        settings.gazetteer(),
        &settings.overlap,
    );
    Ok(CheckRun {
        proposal,
        outcome,
        platforms: platforms.len(),
        problems,
    })
}
