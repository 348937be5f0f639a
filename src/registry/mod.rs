//! The registry of platforms: turns input records into [`Platform`]s with stable ids and
//! canonical tags (in memory for a bare inventory folder), and keeps them across
//! refreshes in SQLite (see `store`).
//!
//! - [`store`]: the SQLite file, its schema (`schema.sql`) and migrations, platforms.
//! - [`runs`]: runs and failed runs.
//! - [`ingest`]: one run of one source: the identity cascade, field values and events,
//!   missing/retired.
//! - [`identity`]: the cascade's steps, the fuzzy index and the match thresholds.
//! - [`fields`]: the canonical field map of a record and its stable hash.
//! - [`diff`]: runs, history and diff views.
//! - [`decisions`]: auditors' decisions (keep, merge, shutdown, waive), export/import.
//! - [`audits`]: recommendations, flags and follow-ups saved per audit.
//! - [`lock`]: the refresh lock file.

pub mod audits;
pub mod decisions;
pub mod diff;
pub mod fields;
pub mod identity;
pub mod ingest;
pub mod lock;
pub mod runs;
pub mod store;

pub use audits::{EarlierRow, SavedFlag, SavedFollowUp, SavedRecommendation};
pub use decisions::{Decision, DecisionAction, ImportSummary};
pub use diff::{runs_text, Diff, History, RunInfo};
pub use ingest::IngestOptions;
pub use lock::RefreshLock;
pub use runs::{partial_cause, RunKind, RunStatus, RunSummary};
pub use store::{PlatformStatus, Store, StoreOptions, StoredPlatform};

use crate::model::{Kind, Platform, Problem, ProblemLevel, Record};
use crate::normalize::{normalize_text, Taxonomy};

/// Resolves records into platforms sorted by id, with canonical tags.
///
/// Records without an id get one derived from their position (`R-<file>-<row>` is not
/// stable across edits, so the SQLite registry assigns real ones); a repeated id is a
/// problem and the later record is kept under a suffixed id so nothing is lost.
pub fn resolve(records: Vec<Record>, taxonomy: &Taxonomy) -> (Vec<Platform>, Vec<Problem>) {
    // Ids first, in input order, so that "the later record" of a duplicate is well
    // defined; then the per-record work (tag lookups, text segmentation) on all cores.
    let mut problems = Vec::new();
    let mut first_seen: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut ids = Vec::with_capacity(records.len());
    let mut auto = 0usize;
    for (idx, record) in records.iter().enumerate() {
        let prov = &record.provenance;
        let id = match record.id.as_deref().map(normalize_text) {
            Some(id) if !id.is_empty() => id,
            _ => {
                auto += 1;
                format!("AUTO-{auto:06}")
            }
        };
        let id = match first_seen.get(&id) {
            Some(&first) => {
                let mut n = 2;
                let mut candidate = format!("{id}#{n}");
                while first_seen.contains_key(&candidate) {
                    n += 1;
                    candidate = format!("{id}#{n}");
                }
                problems.push(Problem {
                    file: prov.source.clone(),
                    sheet: prov.sheet.clone(),
                    row: Some(prov.row),
                    column: Some("id".into()),
                    kind: "duplicate-id".into(),
                    message: format!(
                        "编号“{id}”重复（首次出现于 {}），本行按“{candidate}”登记",
                        records[first].provenance
                    ),
                    level: ProblemLevel::Error,
                });
                candidate
            }
            None => id,
        };
        first_seen.insert(id.clone(), idx);
        ids.push(id);
    }
    drop(first_seen);
    let (platforms, record_problems) = resolve_identified(
        records
            .into_iter()
            .zip(ids)
            .map(|(r, id)| (id, r))
            .collect(),
        taxonomy,
    );
    problems.extend(record_problems);
    (platforms, problems)
}

/// Turns records that already have their ids (the registry's stored platforms) into
/// platforms sorted by id, on all cores: the same per-record work as [`resolve`].
pub fn resolve_identified(
    records: Vec<(String, Record)>,
    taxonomy: &Taxonomy,
) -> (Vec<Platform>, Vec<Problem>) {
    use rayon::prelude::*;

    let converted: Vec<(Platform, Vec<Problem>)> = records
        .into_par_iter()
        .map_init(
            || taxonomy.memo(),
            |memo, (id, record)| {
                let mut record_problems = Vec::new();
                let platform =
                    record_to_platform_with(id, record, taxonomy, memo, &mut record_problems);
                (platform, record_problems)
            },
        )
        .collect();
    let mut platforms = Vec::with_capacity(converted.len());
    let mut problems = Vec::new();
    for (platform, record_problems) in converted {
        problems.extend(record_problems);
        platforms.push(platform);
    }
    platforms.par_sort_unstable_by(|a, b| a.id.cmp(&b.id));
    (platforms, problems)
}

/// Turns one record into a platform with the given id: the name (or the id when the
/// name is missing), the kind (from the record, else from the name, else `Platform`),
/// and canonical function and data-field tags. Missing name or kind become problems.
pub fn record_to_platform(
    id: String,
    record: Record,
    taxonomy: &Taxonomy,
    problems: &mut Vec<Problem>,
) -> Platform {
    record_to_platform_with(id, record, taxonomy, &mut taxonomy.memo(), problems)
}

/// [`record_to_platform`] with a tag memo that outlives one record, so that a large
/// import maps each distinct spelling once (one memo per worker thread).
pub fn record_to_platform_with(
    id: String,
    record: Record,
    taxonomy: &Taxonomy,
    memo: &mut crate::normalize::TagMemo<'_>,
    problems: &mut Vec<Problem>,
) -> Platform {
    let prov = record.provenance.clone();
    let name = match record.name.as_deref().map(normalize_text) {
        Some(n) if !n.is_empty() => n,
        _ => {
            problems.push(Problem {
                file: prov.source.clone(),
                sheet: prov.sheet.clone(),
                row: Some(prov.row),
                column: Some("name".into()),
                kind: "missing-name".into(),
                message: "缺少名称，已用编号代替".into(),
                level: ProblemLevel::Error,
            });
            record
                .id
                .clone()
                .unwrap_or_else(|| format!("未命名{}", prov.row))
        }
    };
    let kind = match record.kind.or_else(|| Kind::parse(&name)) {
        Some(k) => k,
        None => {
            problems.push(Problem {
                file: prov.source.clone(),
                sheet: prov.sheet.clone(),
                row: Some(prov.row),
                column: Some("kind".into()),
                kind: "missing-kind".into(),
                message: "无法判断类型，按“工作平台”处理".into(),
                level: ProblemLevel::Error,
            });
            Kind::Platform
        }
    };
    let mut functions: Vec<String> = record
        .functions
        .iter()
        .map(|f| memo.function_tag(f).to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let mut data_fields: Vec<String> = record
        .data_fields
        .iter()
        .map(|f| memo.data_field_tag(f).to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if let Some(desc) = &record.description {
        let (f, d) = taxonomy.tags_in_text(desc);
        functions.extend(f);
        data_fields.extend(d);
    }
    functions.sort();
    functions.dedup();
    data_fields.sort();
    data_fields.dedup();
    Platform {
        functions,
        data_fields,
        ..Platform::from_record(id, name, kind, record)
    }
}

#[cfg(test)]
pub(crate) mod tests;
