//! Ingest: one run of one source, in one transaction. `identity::plan` resolves each
//! record to a platform (the cascade and its look-ups live there); this file applies the
//! plan: field values with provenance and history events, identity links, new platforms
//! and the review queue. After a complete, successful run,
//! platforms the source no longer lists are marked missing, then retired.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Transaction};

use super::fields::{fields_hash, record_fields, FieldMap};
use super::identity::{self, FuzzyIndex, Planned, Step};
use super::runs::{RunKind, RunStatus, RunSummary};
use super::store::{source_id, sql_err, ts, Store};
use crate::error::Result;
use crate::model::Record;

/// How to record an ingest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestOptions {
    /// What produced the records.
    pub kind: RunKind,
    /// How the run ended.
    pub status: RunStatus,
    /// Whether the records are the whole source (a full table, a full crawl).
    pub complete: bool,
}

impl IngestOptions {
    /// A successful, complete ingest of tables.
    pub fn complete_ingest() -> IngestOptions {
        IngestOptions {
            kind: RunKind::Ingest,
            status: RunStatus::Ok,
            complete: true,
        }
    }
}

impl Store {
    /// Ingests the records of one source as one run, in one transaction, and returns
    /// its counts. Re-ingesting the same records changes nothing.
    pub fn ingest(
        &mut self,
        source: &str,
        records: &[Record],
        options: IngestOptions,
        now: NaiveDateTime,
    ) -> Result<RunSummary> {
        let err = sql_err(&self.path);
        let retire_after = self.options.resolved(self.file_options);
        let tx = self.conn.transaction().map_err(&err)?;
        let summary = ingest_in(&tx, source, records, options, now, retire_after).map_err(&err)?;
        tx.commit().map_err(&err)?;
        Ok(summary)
    }

    /// Computes what [`Store::ingest`] would change, and writes nothing: the run is
    /// applied inside a transaction that is rolled back.
    pub fn ingest_dry_run(
        &mut self,
        source: &str,
        records: &[Record],
        options: IngestOptions,
        now: NaiveDateTime,
    ) -> Result<(RunSummary, super::diff::Diff)> {
        let err = sql_err(&self.path);
        let retire_after = self.options.resolved(self.file_options);
        let tx = self.conn.transaction().map_err(&err)?;
        let summary = ingest_in(&tx, source, records, options, now, retire_after).map_err(&err)?;
        let diff = super::diff::diff_in(&tx, summary.run - 1, summary.run).map_err(&err)?;
        tx.rollback().map_err(&err)?;
        Ok((summary, diff))
    }
}

/// Loads the fuzzy-match index over every platform of the registry (first need only).
fn load_fuzzy_index(tx: &Transaction<'_>) -> rusqlite::Result<FuzzyIndex> {
    let mut index = FuzzyIndex::default();
    let mut stmt = tx.prepare("SELECT pk, name, kind, core_name, owner_key FROM platforms")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        index.add(
            row.get(0)?,
            row.get(1)?,
            row.get(2)?,
            row.get(3)?,
            row.get(4)?,
        );
    }
    Ok(index)
}

/// The cascade's look-ups in the run's transaction.
struct SqlLookup<'t> {
    tx: &'t Transaction<'t>,
}

impl identity::Lookup for SqlLookup<'_> {
    type Error = rusqlite::Error;

    fn by_platform_id(&mut self, id: &str) -> rusqlite::Result<Option<(i64, String, String)>> {
        self.tx
            .prepare_cached("SELECT pk, name, owner_key FROM platforms WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()
    }

    fn by_identifier(&mut self, kind: &str, value: &str) -> rusqlite::Result<Option<i64>> {
        self.tx
            .prepare_cached("SELECT platform FROM identifiers WHERE kind = ?1 AND value = ?2")?
            .query_row(params![kind, value], |r| r.get(0))
            .optional()
    }

    fn fuzzy_index(&mut self) -> rusqlite::Result<FuzzyIndex> {
        load_fuzzy_index(self.tx)
    }
}

/// A platform absent from a complete run: pk, absences counted, status, and the days
/// of the first and last counted absence.
type AbsentRow = (i64, i64, String, Option<String>, Option<String>);

struct Ingest<'t> {
    tx: &'t Transaction<'t>,
    source: i64,
    run: i64,
    summary: RunSummary,
    /// Missing or retired platforms: never on the fast path, so they reappear.
    inactive: HashSet<i64>,
    next_ft: i64,
}

fn ingest_in(
    tx: &Transaction<'_>,
    source: &str,
    records: &[Record],
    options: IngestOptions,
    now: NaiveDateTime,
    retire_after: (u32, u32),
) -> rusqlite::Result<RunSummary> {
    let source_pk = source_id(tx, source)?;
    tx.execute(
        "INSERT INTO runs (source, kind, started, status, complete) VALUES (?1, ?2, ?3, 'running', ?4)",
        params![source_pk, options.kind.code(), ts(now), options.complete],
    )?;
    let run = tx.last_insert_rowid();
    let next_ft: i64 = tx
        .query_row("SELECT value FROM meta WHERE key = 'next_ft'", [], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut links: HashMap<String, (i64, i64)> = HashMap::new();
    let mut linked_by_id: HashMap<i64, bool> = HashMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT record_key, platform, hash FROM identity_links WHERE source = ?1")?;
        let mut rows = stmt.query([source_pk])?;
        while let Some(row) = rows.next()? {
            let key: String = row.get(0)?;
            let pk: i64 = row.get(1)?;
            let by_id = !key.starts_with('~');
            let e = linked_by_id.entry(pk).or_insert(false);
            *e = *e || by_id;
            links.insert(key, (pk, row.get(2)?));
        }
    }
    let inactive: HashSet<i64> = {
        let mut stmt = tx.prepare("SELECT pk FROM platforms WHERE status != 'active'")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut ing = Ingest {
        tx,
        source: source_pk,
        run,
        summary: RunSummary {
            run,
            source: source.to_string(),
            status: options.status.code().to_string(),
            complete: options.complete,
            records: records.len(),
            ..RunSummary::default()
        },
        inactive,
        next_ft,
    };
    let (steps, problems) = {
        let mut lookup = SqlLookup { tx };
        identity::plan(records, &links, &linked_by_id, &mut lookup)?
    };
    ing.summary.problems.extend(problems);
    let mut touch = tx.prepare_cached(
        "UPDATE presence SET last_seen_run = ?1, last_source = ?2, missing_runs = 0,
             missing_since = NULL, missing_last = NULL WHERE platform = ?3",
    )?;
    for Planned { idx, key, step } in steps {
        let Some(record) = records.get(idx) else {
            continue;
        };
        let fields = record_fields(record);
        let hash = fields_hash(&fields);
        let has_id = identity::is_id_key(&key);
        match step {
            Step::Known { pk, hash: old_hash } => {
                if old_hash == hash
                    && !ing.inactive.contains(&pk)
                    && touch.execute(params![run, source_pk, pk])? == 1
                {
                    ing.summary.unchanged += 1;
                } else {
                    ing.update(pk, &key, record, &fields, hash, None)?;
                }
            }
            Step::Matched {
                pk,
                rule,
                confidence,
            } => {
                if has_id {
                    // A renumbered record: the source's old id for it no longer applies.
                    // (A blanked id keeps its link, so the id may come back.)
                    tx.execute(
                        "DELETE FROM identity_links WHERE source = ?1 AND platform = ?2
                           AND record_key NOT LIKE '~%' AND record_key != ?3",
                        params![source_pk, pk, key],
                    )?;
                } else {
                    // A renamed record without id: its old name key no longer applies.
                    tx.execute(
                        "DELETE FROM identity_links WHERE source = ?1 AND platform = ?2 AND record_key LIKE '~%'",
                        params![source_pk, pk],
                    )?;
                }
                ing.update(pk, &key, record, &fields, hash, Some((&rule, confidence)))?;
            }
            Step::Ambiguous(cands) => {
                let pk = ing.insert(&key, record, &fields, hash, has_id)?;
                ing.summary.ambiguous += 1;
                for c in cands {
                    tx.execute(
                        "INSERT INTO reviews (run, platform, candidate, score) VALUES (?1, ?2, ?3, ?4)",
                        params![run, pk, c.pk, c.score],
                    )?;
                }
            }
            Step::New => {
                ing.insert(&key, record, &fields, hash, has_id)?;
            }
        }
    }
    drop(touch);
    if options.status == RunStatus::Ok && options.complete {
        ing.mark_missing(retire_after, now.date())?;
    }
    let s = &ing.summary;
    tx.execute(
        "UPDATE runs SET ended = ?2, status = ?3, records = ?4, added = ?5, changed = ?6,
            unchanged = ?7, missing = ?8, retired = ?9, reappeared = ?10, ambiguous = ?11,
            problems = ?12 WHERE id = ?1",
        params![
            run,
            ts(now),
            options.status.code(),
            s.records as i64,
            s.added as i64,
            s.changed as i64,
            s.unchanged as i64,
            s.missing as i64,
            s.retired as i64,
            s.reappeared as i64,
            s.ambiguous as i64,
            s.problems.len() as i64
        ],
    )?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('next_ft', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [ing.next_ft.to_string()],
    )?;
    Ok(ing.summary)
}

fn kind_of(fields: &FieldMap) -> String {
    fields.get("kind").cloned().unwrap_or_default()
}

impl Ingest<'_> {
    fn event(
        &self,
        pk: i64,
        kind: &str,
        field: Option<&str>,
        old: Option<&str>,
        new: Option<&str>,
    ) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO events (run, platform, kind, field, old, new) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![self.run, pk, kind, field, old, new])?;
        Ok(())
    }

    fn put_field(
        &self,
        pk: i64,
        field: &str,
        value: &str,
        record: &Record,
    ) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO field_values (platform, field, value, source, run, file, sheet, row)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(platform, field) DO UPDATE SET value = excluded.value,
                   source = excluded.source, run = excluded.run, file = excluded.file,
                   sheet = excluded.sheet, row = excluded.row",
            )?
            .execute(params![
                pk,
                field,
                value,
                self.source,
                self.run,
                record.provenance.source,
                record.provenance.sheet,
                record.provenance.row as i64
            ])?;
        Ok(())
    }

    fn link(
        &self,
        key: &str,
        pk: i64,
        hash: i64,
        rule: &str,
        confidence: f64,
    ) -> rusqlite::Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO identity_links (source, record_key, platform, hash, rule, confidence, run)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT(source, record_key) DO UPDATE SET platform = excluded.platform,
                   hash = excluded.hash",
            )?
            .execute(params![self.source, key, pk, hash, rule, confidence, self.run])?;
        Ok(())
    }

    fn identifiers(&self, pk: i64, record: &Record) -> rusqlite::Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO identifiers (kind, value, platform) VALUES (?1, ?2, ?3)
             ON CONFLICT(kind, value) DO NOTHING",
        )?;
        for (kind, value) in identity::identifiers(record) {
            stmt.execute(params![kind, value, pk])?;
        }
        Ok(())
    }

    /// Inserts a new platform and returns its key.
    fn insert(
        &mut self,
        key: &str,
        record: &Record,
        fields: &FieldMap,
        hash: i64,
        has_id: bool,
    ) -> rusqlite::Result<i64> {
        let taken = |id: &str| -> rusqlite::Result<bool> {
            Ok(self
                .tx
                .prepare_cached("SELECT 1 FROM platforms WHERE id = ?1")?
                .query_row([id], |_| Ok(()))
                .optional()?
                .is_some())
        };
        let id = if has_id && !taken(key)? {
            key.to_string()
        } else {
            loop {
                let candidate = format!("FT-{:06}", self.next_ft);
                self.next_ft += 1;
                if !taken(&candidate)? {
                    break candidate;
                }
            }
        };
        let name = fields.get("name").cloned().unwrap_or_else(|| id.clone());
        let owner = fields.get("owner").cloned().unwrap_or_default();
        self.tx
            .prepare_cached(
                "INSERT INTO platforms (id, status, name, kind, core_name, owner_key,
                   prov_file, prov_sheet, prov_row, first_seen_run)
                 VALUES (?1, 'active', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                id,
                name,
                kind_of(fields),
                identity::core_name(&name),
                identity::owner_key(&owner),
                record.provenance.source,
                record.provenance.sheet,
                record.provenance.row as i64,
                self.run,
            ])?;
        let pk = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached(
                "INSERT INTO presence (platform, last_seen_run, last_source) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![pk, self.run, self.source])?;
        for (field, value) in fields {
            self.put_field(pk, field, value, record)?;
        }
        self.link(key, pk, hash, "new", 1.0)?;
        self.identifiers(pk, record)?;
        self.event(pk, "added", None, None, Some(&name))?;
        self.summary.added += 1;
        Ok(pk)
    }

    /// Applies a record to an existing platform: changed fields with provenance and
    /// events, status back to active, and the identity link.
    fn update(
        &mut self,
        pk: i64,
        key: &str,
        record: &Record,
        fields: &FieldMap,
        hash: i64,
        new_link: Option<(&str, f64)>,
    ) -> rusqlite::Result<()> {
        let status: String = self
            .tx
            .prepare_cached("SELECT status FROM platforms WHERE pk = ?1")?
            .query_row([pk], |r| r.get(0))?;
        let mut old = FieldMap::new();
        let mut old_source: HashMap<String, i64> = HashMap::new();
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT field, value, source FROM field_values WHERE platform = ?1",
            )?;
            let mut rows = stmt.query([pk])?;
            while let Some(r) = rows.next()? {
                let field: String = r.get(0)?;
                old_source.insert(field.clone(), r.get(2)?);
                old.insert(field, r.get(1)?);
            }
        }
        let mut merged = old.clone();
        let mut changed = false;
        for (field, value) in fields {
            if old.get(field) != Some(value) {
                self.put_field(pk, field, value, record)?;
                let kind = if field == "name" {
                    "renamed"
                } else {
                    "changed"
                };
                self.event(
                    pk,
                    kind,
                    Some(field),
                    old.get(field).map(String::as_str),
                    Some(value),
                )?;
                merged.insert(field.clone(), value.clone());
                changed = true;
            }
        }
        // A value this source gave earlier and no longer gives is cleared; values from
        // other sources stay.
        for (field, value) in &old {
            if fields.contains_key(field) {
                continue;
            }
            if old_source.get(field) == Some(&self.source) && field != "name" {
                self.tx
                    .prepare_cached("DELETE FROM field_values WHERE platform = ?1 AND field = ?2")?
                    .execute(params![pk, field])?;
                self.event(pk, "changed", Some(field), Some(value), None)?;
                merged.remove(field);
                changed = true;
            }
        }
        let name = merged.get("name").cloned().unwrap_or_default();
        let owner = merged.get("owner").cloned().unwrap_or_default();
        self.tx
            .prepare_cached(
                "UPDATE platforms SET status = 'active', name = CASE WHEN ?2 = '' THEN name ELSE ?2 END,
                   kind = ?3, core_name = ?4, owner_key = ?5, prov_file = ?6,
                   prov_sheet = ?7, prov_row = ?8 WHERE pk = ?1",
            )?
            .execute(params![
                pk,
                name,
                kind_of(&merged),
                identity::core_name(&name),
                identity::owner_key(&owner),
                record.provenance.source,
                record.provenance.sheet,
                record.provenance.row as i64,
            ])?;
        self.tx
            .prepare_cached(
                "UPDATE presence SET last_seen_run = ?2, last_source = ?3, missing_runs = 0,
                     missing_since = NULL, missing_last = NULL WHERE platform = ?1",
            )?
            .execute(params![pk, self.run, self.source])?;
        self.inactive.remove(&pk);
        if status != "active" {
            self.event(
                pk,
                "reappeared",
                Some("status"),
                Some(&status),
                Some("active"),
            )?;
            self.summary.reappeared += 1;
        }
        match new_link {
            Some((rule, confidence)) => {
                self.link(key, pk, hash, rule, confidence)?;
                self.event(
                    pk,
                    "matched",
                    Some(rule),
                    Some(key),
                    Some(&format!("{confidence:.2}")),
                )?;
            }
            None => {
                self.tx
                    .prepare_cached(
                        "UPDATE identity_links SET hash = ?3 WHERE source = ?1 AND record_key = ?2",
                    )?
                    .execute(params![self.source, key, hash])?;
            }
        }
        self.identifiers(pk, record)?;
        if changed {
            self.summary.changed += 1;
        } else {
            self.summary.unchanged += 1;
        }
        Ok(())
    }

    /// Marks platforms last seen by this source, and absent from this complete run,
    /// missing; once absent from `runs` complete runs on different days spanning at
    /// least `days` days, retired. A rerun on the day of the last counted absence
    /// does not count again.
    fn mark_missing(&mut self, (runs, days): (u32, u32), today: NaiveDate) -> rusqlite::Result<()> {
        let absent: Vec<AbsentRow> = {
            let mut stmt = self.tx.prepare(
                "SELECT p.pk, s.missing_runs, p.status, s.missing_since, s.missing_last
                 FROM presence s JOIN platforms p ON p.pk = s.platform
                 WHERE s.last_source = ?1 AND s.last_seen_run < ?2 AND p.status != 'retired'",
            )?;
            let rows = stmt.query_map(params![self.source, self.run], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let day = |d: &Option<String>| {
            d.as_deref()
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        for (pk, missing_runs, status, since, last) in absent {
            let counted = if day(&last) == Some(today) {
                missing_runs
            } else {
                missing_runs + 1
            };
            let since = day(&since).unwrap_or(today);
            let span = (today - since).num_days();
            let new_status = if counted >= i64::from(runs.max(1)) && span >= i64::from(days) {
                "retired"
            } else {
                "missing"
            };
            self.tx
                .prepare_cached(
                    "UPDATE presence SET missing_runs = ?2, missing_since = ?3, missing_last = ?4
                     WHERE platform = ?1",
                )?
                .execute(params![
                    pk,
                    counted,
                    since.format("%Y-%m-%d").to_string(),
                    today.format("%Y-%m-%d").to_string()
                ])?;
            self.tx
                .prepare_cached("UPDATE platforms SET status = ?2 WHERE pk = ?1")?
                .execute(params![pk, new_status])?;
            if new_status != status {
                self.event(
                    pk,
                    new_status,
                    Some("status"),
                    Some(&status),
                    Some(new_status),
                )?;
                if new_status == "retired" {
                    self.summary.retired += 1;
                } else {
                    self.summary.missing += 1;
                }
            }
        }
        Ok(())
    }
}
