//! Read-only views of the registry: the list of runs, one platform's history, the diff
//! between two runs (added, missing, retired, reappeared, renamed, changed fields with
//! old → new), and the matches left for review.

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::store::{sql_err, Store};
use crate::error::{Error, Result};

/// One run as listed by `fingertip runs`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunInfo {
    /// Run id.
    pub id: i64,
    /// Source name.
    pub source: String,
    /// `ingest` or `crawl`.
    pub kind: String,
    /// Start time.
    pub started: String,
    /// End time.
    pub ended: Option<String>,
    /// `ok`, `failed`, `partial` or `cancelled`.
    pub status: String,
    /// Whether the run covered its whole source.
    pub complete: bool,
    /// Records read.
    pub records: i64,
    /// New platforms.
    pub added: i64,
    /// Changed platforms.
    pub changed: i64,
    /// Unchanged platforms.
    pub unchanged: i64,
    /// Newly missing platforms.
    pub missing: i64,
    /// Newly retired platforms.
    pub retired: i64,
    /// Platforms seen again.
    pub reappeared: i64,
    /// Ambiguous matches left for review.
    pub ambiguous: i64,
    /// Problems met.
    pub problems: i64,
    /// Why the run failed, if it did.
    pub message: Option<String>,
    /// The folder or file the run read, if recorded.
    pub path: Option<String>,
}

/// A platform named in a diff.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PlatformRef {
    /// Stable id.
    pub id: String,
    /// Current name.
    pub name: String,
}

/// A rename.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Rename {
    /// Stable id (unchanged by the rename).
    pub id: String,
    /// Name before.
    pub old: String,
    /// Name after.
    pub new: String,
}

/// A changed field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FieldChange {
    /// Stable id.
    pub id: String,
    /// Current name.
    pub name: String,
    /// Field.
    pub field: String,
    /// Value before (None: empty).
    pub old: Option<String>,
    /// Value after (None: cleared).
    pub new: Option<String>,
}

/// An ambiguous match left for review: the record became its own platform `id`, and
/// may be the same as `candidate_id`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    /// Run that met the record.
    pub run: i64,
    /// The platform created for the record.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The existing platform it may be.
    pub candidate_id: String,
    /// That platform's name.
    pub candidate_name: String,
    /// Name similarity score.
    pub score: f64,
}

/// A follow-up saved with an audit (跟踪问效).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpRow {
    /// Audit date.
    pub as_of: String,
    /// Platform id.
    pub platform_id: String,
    /// Platform name when recommended.
    pub name: String,
    /// Recommended action.
    pub action: String,
    /// When it was recommended.
    pub recommended_on: String,
    /// Deadline.
    pub deadline: Option<String>,
    /// `done`, `pending`, `overdue` or `rebounded`.
    pub status: String,
    /// Explanation.
    pub note: String,
    /// Days past the deadline, when overdue.
    pub overdue_days: Option<u32>,
    /// Escalation level (1 催办, 2 督办, 3 通报约谈), when overdue.
    pub escalation: Option<u8>,
}

/// What changed between two runs.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Diff {
    /// Changes after this run…
    pub from: i64,
    /// …up to and including this run.
    pub to: i64,
    /// New platforms.
    pub added: Vec<PlatformRef>,
    /// Platforms newly missing.
    pub missing: Vec<PlatformRef>,
    /// Platforms newly retired.
    pub retired: Vec<PlatformRef>,
    /// Missing or retired platforms seen again.
    pub reappeared: Vec<PlatformRef>,
    /// Renamed platforms (same id).
    pub renamed: Vec<Rename>,
    /// Other changed fields.
    pub changed: Vec<FieldChange>,
    /// Ambiguous matches met in these runs.
    pub reviews: Vec<ReviewItem>,
    /// Follow-through of the latest audit in these runs.
    pub follow_ups: Vec<FollowUpRow>,
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.missing.is_empty()
            && self.retired.is_empty()
            && self.reappeared.is_empty()
            && self.renamed.is_empty()
            && self.changed.is_empty()
    }
}

/// A current field value with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldValue {
    /// Field.
    pub field: String,
    /// Value.
    pub value: String,
    /// Source name.
    pub source: String,
    /// Run that set it.
    pub run: i64,
    /// File (relative to the inventory) or URL.
    pub file: String,
    /// Sheet, for XLSX.
    pub sheet: Option<String>,
    /// Row or line.
    pub row: i64,
}

/// How a source's record is linked to the platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdentityLink {
    /// Source name.
    pub source: String,
    /// The record's id in that source (or `~name|owner|kind`).
    pub record_key: String,
    /// `new`, `platform-id`, `identifier:<kind>` or `fuzzy-name`.
    pub rule: String,
    /// Confidence of the match.
    pub confidence: f64,
    /// Run that made the link.
    pub run: i64,
}

/// One history event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// Run.
    pub run: i64,
    /// When the run started.
    pub at: String,
    /// Source of the run.
    pub source: String,
    /// `added`, `changed`, `renamed`, `missing`, `retired`, `reappeared`, `matched`.
    pub kind: String,
    /// Field involved.
    pub field: Option<String>,
    /// Value before.
    pub old: Option<String>,
    /// Value after.
    pub new: Option<String>,
}

/// A recommendation made for the platform by an audit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PastRecommendation {
    /// Audit date.
    pub as_of: String,
    /// Action.
    pub action: String,
    /// Merge target.
    pub into: Option<String>,
    /// Supporting rules.
    pub rules: Vec<String>,
    /// Deadline.
    pub deadline: Option<String>,
}

/// Everything the registry knows about one platform.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// Stable id.
    pub id: String,
    /// Current name.
    pub name: String,
    /// `active`, `missing` or `retired`.
    pub status: String,
    /// Run that first saw it.
    pub first_seen_run: i64,
    /// Run that last saw it.
    pub last_seen_run: i64,
    /// Current values with provenance.
    pub fields: Vec<FieldValue>,
    /// Identity links.
    pub links: Vec<IdentityLink>,
    /// Events, oldest first.
    pub events: Vec<Event>,
    /// Recommendations of earlier audits, oldest first.
    pub recommendations: Vec<PastRecommendation>,
    /// Decisions taken, oldest first.
    pub decisions: Vec<super::decisions::Decision>,
}

pub(crate) fn runs_in(conn: &Connection) -> rusqlite::Result<Vec<RunInfo>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, s.name, r.kind, r.started, r.ended, r.status, r.complete, r.records,
                r.added, r.changed, r.unchanged, r.missing, r.retired, r.reappeared,
                r.ambiguous, r.problems, r.message, r.path
         FROM runs r JOIN sources s ON s.id = r.source ORDER BY r.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(RunInfo {
            id: r.get(0)?,
            source: r.get(1)?,
            kind: r.get(2)?,
            started: r.get(3)?,
            ended: r.get(4)?,
            status: r.get(5)?,
            complete: r.get(6)?,
            records: r.get(7)?,
            added: r.get(8)?,
            changed: r.get(9)?,
            unchanged: r.get(10)?,
            missing: r.get(11)?,
            retired: r.get(12)?,
            reappeared: r.get(13)?,
            ambiguous: r.get(14)?,
            problems: r.get(15)?,
            message: r.get(16)?,
            path: r.get(17)?,
        })
    })?;
    rows.collect()
}

pub(crate) fn reviews_in(
    conn: &Connection,
    from: i64,
    to: i64,
) -> rusqlite::Result<Vec<ReviewItem>> {
    let mut stmt = conn.prepare(
        "SELECT v.run, p.id, p.name, c.id, c.name, v.score FROM reviews v
         JOIN platforms p ON p.pk = v.platform JOIN platforms c ON c.pk = v.candidate
         WHERE v.run > ?1 AND v.run <= ?2 AND v.status = 'open' ORDER BY p.id, v.score DESC, c.id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok(ReviewItem {
            run: r.get(0)?,
            id: r.get(1)?,
            name: r.get(2)?,
            candidate_id: r.get(3)?,
            candidate_name: r.get(4)?,
            score: r.get(5)?,
        })
    })?;
    rows.collect()
}

pub(crate) fn diff_in(conn: &Connection, from: i64, to: i64) -> rusqlite::Result<Diff> {
    #[derive(Default)]
    struct Acc {
        name: String,
        added: bool,
        status: Option<String>,
        reappeared: bool,
        fields: BTreeMap<String, (Option<String>, Option<String>)>,
    }
    let mut by_id: BTreeMap<String, Acc> = BTreeMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT p.id, p.name, e.kind, e.field, e.old, e.new FROM events e
             JOIN platforms p ON p.pk = e.platform
             WHERE e.run > ?1 AND e.run <= ?2 ORDER BY e.id",
        )?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let acc = by_id.entry(id).or_default();
            acc.name = r.get(1)?;
            let kind: String = r.get(2)?;
            let field: Option<String> = r.get(3)?;
            let old: Option<String> = r.get(4)?;
            let new: Option<String> = r.get(5)?;
            match kind.as_str() {
                "added" => acc.added = true,
                "missing" | "retired" => acc.status = Some(kind.clone()),
                "reappeared" => {
                    acc.reappeared = true;
                    acc.status = Some("active".into());
                }
                "changed" | "renamed" => {
                    if let Some(field) = field {
                        acc.fields
                            .entry(field)
                            .and_modify(|e| e.1 = new.clone())
                            .or_insert((old, new));
                    }
                }
                _ => {}
            }
        }
    }
    let mut diff = Diff {
        from,
        to,
        ..Diff::default()
    };
    for (id, acc) in by_id {
        let pref = PlatformRef {
            id: id.clone(),
            name: acc.name.clone(),
        };
        // A platform added in the range is listed once as added (its field changes are
        // part of being new), plus any status it reached afterwards.
        match acc.status.as_deref() {
            Some("missing") => diff.missing.push(pref.clone()),
            Some("retired") => diff.retired.push(pref.clone()),
            Some("active") if acc.reappeared && !acc.added => diff.reappeared.push(pref.clone()),
            _ => {}
        }
        if acc.added {
            diff.added.push(pref);
            continue;
        }
        for (field, (old, new)) in acc.fields {
            if old == new {
                continue;
            }
            if field == "name" {
                diff.renamed.push(Rename {
                    id: id.clone(),
                    old: old.unwrap_or_default(),
                    new: new.unwrap_or_default(),
                });
            } else {
                diff.changed.push(FieldChange {
                    id: id.clone(),
                    name: acc.name.clone(),
                    field,
                    old,
                    new,
                });
            }
        }
    }
    diff.reviews = reviews_in(conn, from, to)?;
    let audit: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, as_of FROM audits WHERE run > ?1 AND run <= ?2 ORDER BY id DESC LIMIT 1",
            params![from, to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((audit, as_of)) = audit {
        let mut stmt = conn.prepare(
            "SELECT platform_id, name, action, recommended_on, deadline, status, note_zh,
                    overdue_days, escalation
             FROM follow_ups WHERE audit = ?1 ORDER BY platform_id",
        )?;
        let rows = stmt.query_map([audit], |r| {
            Ok(FollowUpRow {
                as_of: as_of.clone(),
                platform_id: r.get(0)?,
                name: r.get(1)?,
                action: r.get(2)?,
                recommended_on: r.get(3)?,
                deadline: r.get(4)?,
                status: r.get(5)?,
                note: r.get(6)?,
                overdue_days: r.get(7)?,
                escalation: r.get(8)?,
            })
        })?;
        diff.follow_ups = rows.collect::<rusqlite::Result<_>>()?;
    }
    Ok(diff)
}

impl Store {
    /// All runs, oldest first.
    pub fn runs(&self) -> Result<Vec<RunInfo>> {
        runs_in(&self.conn).map_err(sql_err(&self.path))
    }

    /// Ambiguous matches still open, from every run.
    pub fn reviews(&self) -> Result<Vec<ReviewItem>> {
        reviews_in(&self.conn, 0, i64::MAX).map_err(sql_err(&self.path))
    }

    /// Changes after run `from` up to and including run `to`. Defaults: `to` is the
    /// latest run, `from` the run before it.
    pub fn diff(&self, from: Option<i64>, to: Option<i64>) -> Result<Diff> {
        let err = sql_err(&self.path);
        let last: i64 = self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM runs", [], |r| r.get(0))
            .map_err(&err)?;
        let to = to.unwrap_or(last);
        let from = from.unwrap_or(to - 1).max(0);
        if from > to {
            return Err(Error::Usage(format!("--from {from} 不能晚于 --to {to}")));
        }
        diff_in(&self.conn, from, to).map_err(&err)
    }

    /// The history of one platform.
    pub fn history(&self, id: &str) -> Result<History> {
        let err = sql_err(&self.path);
        let head: Option<(i64, String, String, i64, i64)> = self
            .conn
            .query_row(
                "SELECT p.pk, p.name, p.status, p.first_seen_run, s.last_seen_run
                 FROM platforms p JOIN presence s ON s.platform = p.pk WHERE p.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(&err)?;
        let Some((pk, name, status, first_seen_run, last_seen_run)) = head else {
            return Err(Error::Usage(format!("登记库中没有编号为“{id}”的平台")));
        };
        let conn = &self.conn;
        let fields = (|| -> rusqlite::Result<Vec<FieldValue>> {
            let mut stmt = conn.prepare(
                "SELECT f.field, f.value, s.name, f.run, f.file, f.sheet, f.row FROM field_values f
                 JOIN sources s ON s.id = f.source WHERE f.platform = ?1 ORDER BY f.field",
            )?;
            let rows = stmt.query_map([pk], |r| {
                Ok(FieldValue {
                    field: r.get(0)?,
                    value: r.get(1)?,
                    source: r.get(2)?,
                    run: r.get(3)?,
                    file: r.get(4)?,
                    sheet: r.get(5)?,
                    row: r.get(6)?,
                })
            })?;
            rows.collect()
        })()
        .map_err(&err)?;
        let links = (|| -> rusqlite::Result<Vec<IdentityLink>> {
            let mut stmt = conn.prepare(
                "SELECT s.name, l.record_key, l.rule, l.confidence, l.run FROM identity_links l
                 JOIN sources s ON s.id = l.source WHERE l.platform = ?1 ORDER BY l.run, s.name, l.record_key",
            )?;
            let rows = stmt.query_map([pk], |r| {
                Ok(IdentityLink {
                    source: r.get(0)?,
                    record_key: r.get(1)?,
                    rule: r.get(2)?,
                    confidence: r.get(3)?,
                    run: r.get(4)?,
                })
            })?;
            rows.collect()
        })()
        .map_err(&err)?;
        let events = (|| -> rusqlite::Result<Vec<Event>> {
            let mut stmt = conn.prepare(
                "SELECT e.run, r.started, s.name, e.kind, e.field, e.old, e.new FROM events e
                 JOIN runs r ON r.id = e.run JOIN sources s ON s.id = r.source
                 WHERE e.platform = ?1 ORDER BY e.id",
            )?;
            let rows = stmt.query_map([pk], |r| {
                Ok(Event {
                    run: r.get(0)?,
                    at: r.get(1)?,
                    source: r.get(2)?,
                    kind: r.get(3)?,
                    field: r.get(4)?,
                    old: r.get(5)?,
                    new: r.get(6)?,
                })
            })?;
            rows.collect()
        })()
        .map_err(&err)?;
        let recommendations = (|| -> rusqlite::Result<Vec<PastRecommendation>> {
            let mut stmt = conn.prepare(
                "SELECT a.as_of, r.action, r.into_id, r.rules, r.deadline FROM recommendations r
                 JOIN audits a ON a.id = r.audit WHERE r.platform_id = ?1 ORDER BY a.id",
            )?;
            let rows = stmt.query_map([id], |r| {
                let rules: String = r.get(3)?;
                Ok(PastRecommendation {
                    as_of: r.get(0)?,
                    action: r.get(1)?,
                    into: r.get(2)?,
                    rules: rules
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    deadline: r.get(4)?,
                })
            })?;
            rows.collect()
        })()
        .map_err(&err)?;
        let decisions = self
            .all_decisions()?
            .into_iter()
            .filter(|d| d.platform_id == id)
            .collect();
        Ok(History {
            id: id.to_string(),
            name,
            status,
            first_seen_run,
            last_seen_run,
            fields,
            links,
            events,
            recommendations,
            decisions,
        })
    }
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("（空）")
}

impl Diff {
    /// A plain-text rendering in Chinese, for the terminal and `diff.md`.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(s, "登记库变化（运行 #{} 之后至 #{}）", self.from, self.to);
        let mut list = |title: &str, mark: &str, items: &[PlatformRef]| {
            if !items.is_empty() {
                let _ = writeln!(s, "{title} {} 个：", items.len());
                for p in items {
                    let _ = writeln!(s, "  {mark} {} {}", p.id, p.name);
                }
            }
        };
        list("新增", "+", &self.added);
        list("缺失（本次完整运行中未见）", "?", &self.missing);
        list("退役", "-", &self.retired);
        list("重新出现", "!", &self.reappeared);
        if !self.renamed.is_empty() {
            let _ = writeln!(s, "更名 {} 个（编号不变）：", self.renamed.len());
            for r in &self.renamed {
                let _ = writeln!(s, "  ~ {} {} → {}", r.id, r.old, r.new);
            }
        }
        if !self.changed.is_empty() {
            let _ = writeln!(s, "字段变更 {} 处：", self.changed.len());
            for c in &self.changed {
                let _ = writeln!(
                    s,
                    "  ~ {} {} {}：{} → {}",
                    c.id,
                    c.name,
                    c.field,
                    opt(&c.old),
                    opt(&c.new)
                );
            }
        }
        if !self.reviews.is_empty() {
            let _ = writeln!(s, "待人工复核的疑似同一平台 {} 条：", self.reviews.len());
            for r in &self.reviews {
                let _ = writeln!(
                    s,
                    "  ? {} {} ≈ {} {}（名称相似度 {:.2}）",
                    r.id, r.name, r.candidate_id, r.candidate_name, r.score
                );
            }
        }
        if !self.follow_ups.is_empty() {
            let _ = writeln!(s, "跟踪问效 {} 条：", self.follow_ups.len());
            for f in &self.follow_ups {
                let _ = writeln!(
                    s,
                    "  [{}] {} {}（{}，{} 提出）：{}",
                    f.status, f.platform_id, f.name, f.action, f.recommended_on, f.note
                );
            }
        }
        if self.is_empty() && self.reviews.is_empty() && self.follow_ups.is_empty() {
            let _ = writeln!(s, "无变化");
        }
        s
    }
}

impl History {
    /// A plain-text rendering in Chinese.
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} {}（状态 {}，首次见于运行 #{}，最近见于运行 #{}）",
            self.id, self.name, self.status, self.first_seen_run, self.last_seen_run
        );
        let _ = writeln!(s, "当前字段：");
        for f in &self.fields {
            let sheet = f
                .sheet
                .as_deref()
                .map(|x| format!("[{x}]"))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} = {}（来源 {}{}:{}，运行 #{}）",
                f.field, f.value, f.file, sheet, f.row, f.run
            );
        }
        let _ = writeln!(s, "身份关联：");
        for l in &self.links {
            let _ = writeln!(
                s,
                "  {} 中的 {}（规则 {}，置信度 {:.2}，运行 #{}）",
                l.source, l.record_key, l.rule, l.confidence, l.run
            );
        }
        let _ = writeln!(s, "历史：");
        for e in &self.events {
            let detail = match (&e.field, &e.old, &e.new) {
                (Some(f), old, new) => format!("{f}：{} → {}", opt(old), opt(new)),
                (None, _, new) => new.clone().unwrap_or_default(),
            };
            let _ = writeln!(s, "  #{} {} {} {}", e.run, e.at, e.kind, detail);
        }
        if !self.recommendations.is_empty() {
            let _ = writeln!(s, "历次建议：");
            for r in &self.recommendations {
                let _ = writeln!(
                    s,
                    "  {} {}{}（规则 {}；期限 {}）",
                    r.as_of,
                    r.action,
                    r.into
                        .as_deref()
                        .map(|i| format!(" → {i}"))
                        .unwrap_or_default(),
                    r.rules.join("、"),
                    r.deadline.as_deref().unwrap_or("无")
                );
            }
        }
        if !self.decisions.is_empty() {
            let _ = writeln!(s, "人工决定：");
            for d in &self.decisions {
                let _ = writeln!(
                    s,
                    "  {} {}{}{}：{}{}",
                    d.decided_at,
                    d.action.label_zh(),
                    d.into
                        .as_deref()
                        .map(|i| format!(" → {i}"))
                        .unwrap_or_default(),
                    d.rule
                        .as_deref()
                        .map(|r| format!(" {r}"))
                        .unwrap_or_default(),
                    d.reason,
                    d.until.map(|u| format!("（至 {u}）")).unwrap_or_default()
                );
            }
        }
        s
    }
}

/// A plain-text table of runs in Chinese.
pub fn runs_text(runs: &[RunInfo], reviews: &[ReviewItem]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "运行\t类型\t状态\t开始\t记录\t新增\t变更\t未变\t缺失\t退役\t重现\t待复核\t来源"
    );
    for r in runs {
        let status = if r.complete || r.status != "ok" {
            r.status.clone()
        } else {
            format!("{}(部分)", r.status)
        };
        let _ = writeln!(
            s,
            "#{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.id,
            r.kind,
            status,
            r.started,
            r.records,
            r.added,
            r.changed,
            r.unchanged,
            r.missing,
            r.retired,
            r.reappeared,
            r.ambiguous,
            r.source
        );
        if let Some(p) = &r.path {
            let _ = writeln!(s, "\t路径：{p}");
        }
        if let Some(m) = &r.message {
            let label = if r.status == "partial" {
                "部分运行原因"
            } else {
                "失败原因"
            };
            let _ = writeln!(s, "\t{label}：{m}");
        }
    }
    if !reviews.is_empty() {
        let _ = writeln!(s, "待人工复核的疑似同一平台 {} 条：", reviews.len());
        for r in reviews {
            let _ = writeln!(
                s,
                "  运行 #{}：{} {} ≈ {} {}（名称相似度 {:.2}）；确认后可执行 fingertip decide {} merge --into {} --reason …",
                r.run, r.id, r.name, r.candidate_id, r.candidate_name, r.score, r.id, r.candidate_id
            );
        }
    }
    s
}
