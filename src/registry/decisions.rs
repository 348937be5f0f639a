//! Auditors' decisions that survive refreshes: keep, merge into a target, shut down, or
//! waive one rule for a platform, with a reason and an optional end date. Decisions are
//! taken one at a time (`fingertip decide`) or in bulk by exporting the current
//! recommendations to CSV/XLSX, editing them in Excel and importing them back.
//!
//! Rows only: the pipeline applies decisions to an audit's recommendations and findings
//! and turns waiver decisions into the rule stage's waivers.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde::Serialize;

use super::store::{sql_err, ts, Store};
use crate::error::{Error, Result};
use crate::model::{Problem, ProblemLevel};

/// What was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionAction {
    /// Keep the platform as it is, whatever the rules say.
    Keep,
    /// Merge it into another platform.
    Merge,
    /// Shut it down.
    Shutdown,
    /// Waive one rule for it.
    Waive,
}

impl DecisionAction {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            DecisionAction::Keep => "keep",
            DecisionAction::Merge => "merge",
            DecisionAction::Shutdown => "shutdown",
            DecisionAction::Waive => "waive",
        }
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            DecisionAction::Keep => "保留",
            DecisionAction::Merge => "整合迁移",
            DecisionAction::Shutdown => "关停注销",
            DecisionAction::Waive => "豁免",
        }
    }

    /// Parses a code or a Chinese spelling.
    pub fn parse(text: &str) -> Option<DecisionAction> {
        match text.trim().to_ascii_lowercase().as_str() {
            "keep" | "保留" => Some(DecisionAction::Keep),
            "merge" | "合并" | "整合" | "整合迁移" => Some(DecisionAction::Merge),
            "shutdown" | "关停" | "关停注销" | "注销" => Some(DecisionAction::Shutdown),
            "waive" | "豁免" => Some(DecisionAction::Waive),
            _ => None,
        }
    }
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Platform id.
    pub platform_id: String,
    /// What was decided.
    pub action: DecisionAction,
    /// Merge target, for `merge`.
    pub into: Option<String>,
    /// Rule id, for `waive`.
    pub rule: Option<String>,
    /// Why.
    pub reason: String,
    /// Last day the decision applies (None: no end).
    pub until: Option<NaiveDate>,
    /// When it was taken (`YYYY-MM-DDTHH:MM:SS`).
    pub decided_at: String,
    /// `cli` or `import:<file>`.
    pub origin: String,
}

impl Decision {
    /// Whether the decision still applies on `date`.
    pub fn in_force(&self, date: NaiveDate) -> bool {
        self.until.is_none_or(|u| date <= u)
    }

    /// The date part (`YYYY-MM-DD`) of when it was decided.
    pub fn decided_on(&self) -> &str {
        self.decided_at.get(..10).unwrap_or(&self.decided_at)
    }
}

/// Result of a bulk import.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// Decisions recorded.
    pub applied: usize,
    /// Rows identical to the decision already in force.
    pub unchanged: usize,
    /// Rows that could not be applied, with row and column.
    pub problems: Vec<Problem>,
}

fn is_rule_id(rule: &str) -> bool {
    !rule.is_empty()
        && rule
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Parses a date cell: `2026-05-01`, `2026/5/1`, `2026.5.1`, `2026年5月1日`.
pub fn parse_date_cell(text: &str) -> Option<NaiveDate> {
    let t = text
        .trim()
        .replace(['年', '月', '/', '.'], "-")
        .replace('日', "");
    let t = t.split(['T', ' ']).next().unwrap_or("");
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

impl Store {
    /// Every decision ever taken, oldest first.
    pub fn all_decisions(&self) -> Result<Vec<Decision>> {
        let err = sql_err(&self.path);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT platform_id, action, into_id, rule, reason, until, decided_at, origin
                 FROM decisions ORDER BY id",
            )
            .map_err(&err)?;
        let rows = stmt
            .query_map([], |r| {
                let action: String = r.get(1)?;
                let until: Option<String> = r.get(5)?;
                Ok(Decision {
                    platform_id: r.get(0)?,
                    action: DecisionAction::parse(&action).unwrap_or(DecisionAction::Keep),
                    into: r.get(2)?,
                    rule: r.get(3)?,
                    reason: r.get(4)?,
                    until: until.as_deref().and_then(parse_date_cell),
                    decided_at: r.get(6)?,
                    origin: r.get(7)?,
                })
            })
            .map_err(&err)?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(&err)
    }

    /// The decisions in effect, sorted by platform id: the latest keep / merge /
    /// shutdown decision per platform, and the latest waiver per platform and rule.
    /// Whether they are still in force on a date is [`Decision::in_force`].
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        let mut latest: HashMap<(String, Option<String>), Decision> = HashMap::new();
        for d in self.all_decisions()? {
            let key = match d.action {
                DecisionAction::Waive => (d.platform_id.clone(), d.rule.clone()),
                _ => (d.platform_id.clone(), None),
            };
            latest.insert(key, d);
        }
        let mut out: Vec<Decision> = latest.into_values().collect();
        out.sort_by(|a, b| {
            (&a.platform_id, a.action, &a.rule).cmp(&(&b.platform_id, b.action, &b.rule))
        });
        Ok(out)
    }

    /// Checks a decision against the registry; the message says what is wrong.
    fn check_decision(&self, d: &Decision) -> std::result::Result<(), (&'static str, String)> {
        let exists = |id: &str| self.platform_pk(id).ok().flatten().is_some();
        if !exists(&d.platform_id) {
            return Err(("id", format!("登记库中没有编号为“{}”的平台", d.platform_id)));
        }
        match d.action {
            DecisionAction::Merge => match d.into.as_deref() {
                None | Some("") => return Err(("into", "合并决定须指明合并目标编号".into())),
                Some(into) if into == d.platform_id => {
                    return Err(("into", "合并目标不能是平台自身".into()))
                }
                Some(into) if !exists(into) => {
                    return Err(("into", format!("登记库中没有合并目标“{into}”")))
                }
                _ => {}
            },
            DecisionAction::Waive if !d.rule.as_deref().is_some_and(is_rule_id) => {
                return Err((
                    "rule",
                    format!(
                        "豁免决定须指明规则编号（如 app-forced-checkin），而不是“{}”",
                        d.rule.clone().unwrap_or_default()
                    ),
                ));
            }
            _ => {}
        }
        if d.reason.trim().is_empty() {
            return Err(("reason", "决定须写明理由".into()));
        }
        Ok(())
    }

    /// Records one decision after checking that the platform (and merge target) exist.
    pub fn decide(&mut self, decision: &Decision) -> Result<()> {
        self.check_decision(decision)
            .map_err(|(_, message)| Error::Usage(message))?;
        insert_decision(&self.conn, decision).map_err(sql_err(&self.path))
    }

    /// Writes the latest audit's recommendations (or, before any audit, the registry's
    /// platforms) with the decision columns to `file` (`.csv` or `.xlsx`).
    pub fn export_decisions(&self, file: &Path) -> Result<usize> {
        let rows = self.decision_sheet()?;
        let is_xlsx = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if is_xlsx {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            let xerr = |e: rust_xlsxwriter::XlsxError| Error::Registry {
                path: file.to_path_buf(),
                message: e.to_string(),
            };
            sheet.set_name("决定").map_err(xerr)?;
            for (col, header) in EXPORT_HEADERS.iter().enumerate() {
                sheet.write_string(0, col as u16, *header).map_err(xerr)?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (col, value) in row.iter().enumerate() {
                    sheet
                        .write_string(r as u32 + 1, col as u16, value)
                        .map_err(xerr)?;
                }
            }
            book.save(file).map_err(xerr)?;
        } else {
            let mut w = csv::Writer::from_path(file).map_err(|e| Error::Registry {
                path: file.to_path_buf(),
                message: e.to_string(),
            })?;
            let cerr = |e: csv::Error| Error::Registry {
                path: file.to_path_buf(),
                message: e.to_string(),
            };
            w.write_record(EXPORT_HEADERS).map_err(cerr)?;
            for row in &rows {
                w.write_record(row).map_err(cerr)?;
            }
            w.flush().map_err(|e| Error::io(file, e))?;
        }
        Ok(rows.len())
    }

    fn decision_sheet(&self) -> Result<Vec<Vec<String>>> {
        let err = sql_err(&self.path);
        let decisions = self.decisions()?;
        let mut by_platform: HashMap<&str, Vec<&Decision>> = HashMap::new();
        for d in &decisions {
            by_platform.entry(&d.platform_id).or_default().push(d);
        }
        let audit: Option<i64> = self
            .conn
            .query_row("SELECT MAX(id) FROM audits", [], |r| r.get(0))
            .map_err(&err)?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut push = |base: [String; 9]| {
            let ds = by_platform.get(base[0].as_str());
            let pick = ds.and_then(|v| {
                v.iter()
                    .find(|d| d.action != DecisionAction::Waive)
                    .or_else(|| v.first())
            });
            let mut row: Vec<String> = base.to_vec();
            match pick {
                Some(d) => row.extend([
                    d.action.code().to_string(),
                    d.into.clone().unwrap_or_default(),
                    d.rule.clone().unwrap_or_default(),
                    d.reason.clone(),
                    d.until.map(|u| u.to_string()).unwrap_or_default(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
            rows.push(row);
        };
        match audit {
            Some(audit) => {
                let mut stmt = self
                    .conn
                    .prepare(
                        "SELECT platform_id, name, kind, owner, action, into_id, rules, deadline, reasons
                         FROM recommendations WHERE audit = ?1 ORDER BY platform_id",
                    )
                    .map_err(&err)?;
                let mut q = stmt.query([audit]).map_err(&err)?;
                while let Some(r) = q.next().map_err(&err)? {
                    let g = |i: usize| -> String {
                        r.get::<_, Option<String>>(i)
                            .ok()
                            .flatten()
                            .unwrap_or_default()
                    };
                    push([g(0), g(1), g(2), g(3), g(4), g(5), g(6), g(7), g(8)]);
                }
            }
            None => {
                for p in self.platforms(false)? {
                    let r = &p.record;
                    push([
                        p.id.clone(),
                        r.name.clone().unwrap_or_default(),
                        r.kind.map(|k| k.code().to_string()).unwrap_or_default(),
                        r.owner.clone().unwrap_or_default(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ]);
                }
            }
        }
        Ok(rows)
    }

    /// Reads an edited export (CSV or XLSX) and records the decisions in it. Rows with
    /// an empty decision are skipped; rows with errors become problems naming the row
    /// and column; the others are applied in one transaction.
    pub fn import_decisions(&mut self, file: &Path, now: NaiveDateTime) -> Result<ImportSummary> {
        let table = read_table(file)?;
        let display = file.display().to_string();
        let mut summary = ImportSummary::default();
        let Some((header, body)) = table.split_first() else {
            return Ok(summary);
        };
        let col = |names: &[&str]| -> Option<usize> {
            header.iter().position(|h| {
                let h = h.trim().to_ascii_lowercase();
                names.iter().any(|n| h == *n)
            })
        };
        let c_id = col(&["编号", "id"]);
        let c_decision = col(&["决定", "decision"]);
        let c_into = col(&["决定合并目标", "decision_into"]);
        let c_rule = col(&["豁免规则", "waive_rule"]);
        let c_reason = col(&["决定理由", "decision_reason"]);
        let c_until = col(&["有效期至", "until"]);
        let (Some(c_id), Some(c_decision)) = (c_id, c_decision) else {
            summary.problems.push(Problem {
                file: display,
                sheet: None,
                row: Some(1),
                column: None,
                kind: "missing-column".into(),
                message: "表头缺少“编号”或“决定”列，无法导入决定".into(),
                level: ProblemLevel::Error,
            });
            return Ok(summary);
        };
        let current = self.decisions()?;
        let mut accepted: Vec<Decision> = Vec::new();
        for (i, row) in body.iter().enumerate() {
            let row_no = i + 2;
            let cell = |c: Option<usize>| -> String {
                c.and_then(|c| row.get(c))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            };
            let id = cell(Some(c_id));
            let decision = cell(Some(c_decision));
            if id.is_empty() || decision.is_empty() {
                continue;
            }
            let bad = |column: &str, message: String| Problem {
                file: display.clone(),
                sheet: None,
                row: Some(row_no),
                column: Some(column.to_string()),
                kind: "bad-decision".into(),
                message,
                level: ProblemLevel::Error,
            };
            let Some(action) = DecisionAction::parse(&decision) else {
                summary.problems.push(bad(
                    "决定",
                    format!("“{decision}”不是可识别的决定（保留/合并/关停/豁免 或 keep/merge/shutdown/waive）"),
                ));
                continue;
            };
            let until_text = cell(c_until);
            let until = if until_text.is_empty() {
                None
            } else {
                match parse_date_cell(&until_text) {
                    Some(d) => Some(d),
                    None => {
                        summary.problems.push(bad(
                            "有效期至",
                            format!("“{until_text}”不是日期（应为 YYYY-MM-DD）"),
                        ));
                        continue;
                    }
                }
            };
            let opt = |s: String| if s.is_empty() { None } else { Some(s) };
            let d = Decision {
                platform_id: id,
                action,
                into: if action == DecisionAction::Merge {
                    opt(cell(c_into))
                } else {
                    None
                },
                rule: if action == DecisionAction::Waive {
                    opt(cell(c_rule))
                } else {
                    None
                },
                reason: cell(c_reason),
                until,
                decided_at: ts(now),
                origin: format!("import:{display}"),
            };
            if let Err((column, message)) = self.check_decision(&d) {
                let column = match column {
                    "id" => "编号",
                    "into" => "决定合并目标",
                    "rule" => "豁免规则",
                    _ => "决定理由",
                };
                summary.problems.push(bad(column, message));
                continue;
            }
            let same = current.iter().any(|c| {
                c.platform_id == d.platform_id
                    && c.action == d.action
                    && c.into == d.into
                    && c.rule == d.rule
                    && c.reason == d.reason
                    && c.until == d.until
            });
            if same {
                summary.unchanged += 1;
            } else {
                accepted.push(d);
            }
        }
        let err = sql_err(&self.path);
        let tx = self.conn.transaction().map_err(&err)?;
        for d in &accepted {
            insert_decision(&tx, d).map_err(&err)?;
        }
        tx.commit().map_err(&err)?;
        summary.applied = accepted.len();
        Ok(summary)
    }
}

/// Column headers of the decision sheet; the last five are the ones to edit.
pub const EXPORT_HEADERS: [&str; 14] = [
    "编号",
    "名称",
    "类型",
    "主管单位",
    "建议",
    "合并目标",
    "依据规则",
    "期限",
    "理由",
    "决定",
    "决定合并目标",
    "豁免规则",
    "决定理由",
    "有效期至",
];

/// Records a decision; a decision on a platform listed for review settles the review.
fn insert_decision(conn: &rusqlite::Connection, d: &Decision) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE reviews SET status = 'resolved'
         WHERE platform = (SELECT pk FROM platforms WHERE id = ?1)",
        [&d.platform_id],
    )?;
    conn.execute(
        "INSERT INTO decisions (platform_id, action, into_id, rule, reason, until, decided_at, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            d.platform_id,
            d.action.code(),
            d.into,
            d.rule,
            d.reason,
            d.until.map(|u| u.to_string()),
            d.decided_at,
            d.origin
        ],
    )?;
    Ok(())
}

/// Reads the first sheet of an XLSX file or a CSV file (UTF-8, with or without BOM)
/// as rows of text cells.
fn read_table(file: &Path) -> Result<Vec<Vec<String>>> {
    let is_xlsx = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("xls"));
    let fail = |message: String| Error::Registry {
        path: file.to_path_buf(),
        message,
    };
    if is_xlsx {
        use calamine::{open_workbook_auto, Data, Reader};
        let mut book = open_workbook_auto(file).map_err(|e| fail(e.to_string()))?;
        let range = book
            .worksheet_range_at(0)
            .ok_or_else(|| fail("工作簿中没有工作表".into()))?
            .map_err(|e| fail(e.to_string()))?;
        Ok(range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell {
                        // Excel stores dates as days since 1899-12-30.
                        Data::DateTime(dt) => NaiveDate::from_ymd_opt(1899, 12, 30)
                            .and_then(|base| {
                                base.checked_add_signed(Duration::days(dt.as_f64().floor() as i64))
                            })
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| cell.to_string()),
                        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect())
    } else {
        let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for rec in reader.records() {
            let rec = rec.map_err(|e| fail(e.to_string()))?;
            rows.push(rec.iter().map(str::to_string).collect());
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_cells_and_expiry() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(parse_date_cell("2026/6/30"), d("2026-06-30"));
        assert_eq!(parse_date_cell("2026年6月30日"), d("2026-06-30"));
        assert_eq!(parse_date_cell("2026-06-30 00:00:00"), d("2026-06-30"));
        assert_eq!(parse_date_cell("下个月"), None);
        let decision = Decision {
            platform_id: "A".into(),
            action: DecisionAction::Keep,
            into: None,
            rule: None,
            reason: "x".into(),
            until: d("2026-06-30"),
            decided_at: "2026-01-01T00:00:00".into(),
            origin: "cli".into(),
        };
        assert!(decision.in_force(d("2026-06-30").unwrap()));
        assert!(!decision.in_force(d("2026-07-01").unwrap()));
        assert_eq!(
            DecisionAction::parse("关停"),
            Some(DecisionAction::Shutdown)
        );
        assert!(is_rule_id("app-forced-checkin"));
        assert!(!is_rule_id("App Forced"));
    }
}
