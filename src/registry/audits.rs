//! Audits kept in the registry: each audit's recommendations, flags and follow-ups,
//! and the earlier recommendations a later audit follows through.
//!
//! Rows only: actions and follow-through states are stored by their codes; the pipeline
//! maps them to and from the recommend stage's types.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::params;

use super::store::{sql_err, ts, Store};
use crate::error::Result;
use crate::model::Kind;

/// One recommendation as saved with an audit (ids instead of indices).
#[derive(Debug, Clone, PartialEq)]
pub struct SavedRecommendation {
    /// Platform id.
    pub platform_id: String,
    /// Name at the audit.
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// Owner.
    pub owner: Option<String>,
    /// Function tags at the audit (for rebound detection later).
    pub functions: Vec<String>,
    /// Action code (`keep`, `merge`, …).
    pub action: String,
    /// Merge target id.
    pub into: Option<String>,
    /// Supporting rules.
    pub rules: Vec<String>,
    /// Deadline (the first one while the action is unchanged).
    pub deadline: Option<NaiveDate>,
    /// The audit date that first recommended this action with this deadline (`None` in
    /// registries written before schema 3).
    pub first_on: Option<NaiveDate>,
    /// Reasons (Chinese).
    pub reasons: Vec<String>,
}

/// One flag as saved with an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedFlag {
    /// Platform id.
    pub platform_id: String,
    /// Rule id.
    pub rule: String,
    /// `low`, `medium` or `high`.
    pub severity: String,
    /// Waiver reason, if waived.
    pub waived: Option<String>,
}

/// One follow-up as saved with an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedFollowUp {
    /// Platform id.
    pub platform_id: String,
    /// Name when recommended.
    pub name: String,
    /// Action code of the earlier recommendation.
    pub action: String,
    /// Audit date of the earlier recommendation.
    pub recommended_on: NaiveDate,
    /// Its deadline.
    pub deadline: Option<NaiveDate>,
    /// Days past the deadline, when overdue.
    pub overdue_days: Option<u32>,
    /// Escalation level (1 催办, 2 督办, 3 通报约谈), when overdue.
    pub escalation: Option<u8>,
    /// Follow-through state code (`done`, `pending`, …).
    pub status: String,
    /// The note, in Chinese.
    pub note_zh: String,
    /// The note, in English.
    pub note_en: String,
}

/// A platform's latest recommendation from an earlier audit, with that audit's date.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierRow {
    /// The recommendation as saved.
    pub recommendation: SavedRecommendation,
    /// The date of the audit that made it.
    pub recommended_on: NaiveDate,
}

impl Store {
    /// Saves one audit (its recommendations, flags and follow-ups) in one transaction
    /// and returns its id. `run` is the ingest run the audit used, if any.
    pub fn save_audit(
        &mut self,
        run: Option<i64>,
        as_of: NaiveDate,
        now: NaiveDateTime,
        recommendations: &[SavedRecommendation],
        flags: &[SavedFlag],
        follow_ups: &[SavedFollowUp],
    ) -> Result<i64> {
        let err = sql_err(&self.path);
        let tx = self.conn.transaction().map_err(&err)?;
        let audit = (|| -> rusqlite::Result<i64> {
            tx.execute(
                "INSERT INTO audits (run, as_of, created) VALUES (?1, ?2, ?3)",
                params![run, as_of.to_string(), ts(now)],
            )?;
            let audit = tx.last_insert_rowid();
            {
                let mut stmt = tx.prepare(
                    "INSERT OR REPLACE INTO recommendations (audit, platform_id, name, kind, owner,
                       action, into_id, rules, deadline, reasons, functions, first_on)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )?;
                for r in recommendations {
                    stmt.execute(params![
                        audit,
                        r.platform_id,
                        r.name,
                        r.kind.code(),
                        r.owner.clone().unwrap_or_default(),
                        r.action,
                        r.into,
                        r.rules.join(","),
                        r.deadline.map(|d| d.to_string()),
                        r.reasons.join("；"),
                        serde_json::to_string(&r.functions).unwrap_or_else(|_| "[]".into()),
                        r.first_on.map(|d| d.to_string()),
                    ])?;
                }
                let mut stmt = tx.prepare(
                    "INSERT OR REPLACE INTO flags (audit, platform_id, rule, severity, waived)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?;
                for f in flags {
                    stmt.execute(params![audit, f.platform_id, f.rule, f.severity, f.waived])?;
                }
                let mut stmt = tx.prepare(
                    "INSERT OR REPLACE INTO follow_ups (audit, platform_id, name, action, recommended_on,
                       deadline, status, note_zh, note_en, overdue_days, escalation)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?;
                for f in follow_ups {
                    stmt.execute(params![
                        audit,
                        f.platform_id,
                        f.name,
                        f.action,
                        f.recommended_on.to_string(),
                        f.deadline.map(|d| d.to_string()),
                        f.status,
                        f.note_zh,
                        f.note_en,
                        f.overdue_days,
                        f.escalation
                    ])?;
                }
            }
            Ok(audit)
        })()
        .map_err(&err)?;
        tx.commit().map_err(&err)?;
        Ok(audit)
    }

    /// For every platform, its latest recommendation from audits dated before `before`
    /// (whatever its action: the pipeline drops `keep`), sorted by platform id.
    pub fn earlier_recommendations(&self, before: NaiveDate) -> Result<Vec<EarlierRow>> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.platform_id, r.name, r.kind, r.owner, r.functions, r.action, r.into_id,
                        r.rules, a.as_of, r.deadline, r.reasons, r.first_on
                 FROM recommendations r JOIN audits a ON a.id = r.audit
                 WHERE a.as_of < ?1 ORDER BY a.as_of, a.id",
            )
            .map_err(&err)?;
        let mut latest: HashMap<String, EarlierRow> = HashMap::new();
        let mut rows = stmt.query([before.to_string()]).map_err(&err)?;
        let date =
            |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
        let list = |s: String, sep: char| -> Vec<String> {
            s.split(sep)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        while let Some(r) = rows.next().map_err(&err)? {
            let id: String = r.get(0).map_err(&err)?;
            let Some(recommended_on) = date(r.get(8).map_err(&err)?) else {
                continue;
            };
            let kind: String = r.get(2).map_err(&err)?;
            let owner: String = r.get(3).map_err(&err)?;
            let functions: String = r.get(4).map_err(&err)?;
            let recommendation = SavedRecommendation {
                platform_id: id.clone(),
                name: r.get(1).map_err(&err)?,
                kind: Kind::parse(&kind).unwrap_or(Kind::Platform),
                owner: if owner.is_empty() { None } else { Some(owner) },
                functions: serde_json::from_str(&functions).unwrap_or_default(),
                action: r.get(5).map_err(&err)?,
                into: r.get(6).map_err(&err)?,
                rules: list(r.get(7).map_err(&err)?, ','),
                deadline: date(r.get(9).map_err(&err)?),
                first_on: date(r.get(11).map_err(&err)?),
                reasons: list(r.get(10).map_err(&err)?, '；'),
            };
            latest.insert(
                id,
                EarlierRow {
                    recommendation,
                    recommended_on,
                },
            );
        }
        let mut out: Vec<EarlierRow> = latest.into_values().collect();
        out.sort_by(|a, b| {
            a.recommendation
                .platform_id
                .cmp(&b.recommendation.platform_id)
        });
        Ok(out)
    }

    /// The latest date each platform reappeared after being missing or retired.
    pub fn reappearances(&self) -> Result<HashMap<String, NaiveDate>> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.id, MAX(r.started) FROM events e JOIN platforms p ON p.pk = e.platform
                 JOIN runs r ON r.id = e.run WHERE e.kind = 'reappeared' GROUP BY p.id",
            )
            .map_err(&err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(&err)?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, at) = row.map_err(&err)?;
            if let Some(d) = at
                .get(..10)
                .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            {
                out.insert(id, d);
            }
        }
        Ok(out)
    }
}
