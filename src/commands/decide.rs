//! `fingertip decide`: records one decision, or exports/imports decisions in bulk.

use std::io::Write;

use anyhow::Result;
use fingertip::registry;

use super::{now_or_clock, open_existing, Status};
use crate::cli::{DecideAction, DecideArgs};

/// Exports, imports or records one decision, and says what it did.
pub fn run(args: &DecideArgs) -> Result<Status> {
    let now = now_or_clock(args.now);
    let mut out = std::io::stdout().lock();
    if let Some(file) = &args.export {
        let store = open_existing(&args.db.db)?;
        let n = store.export_decisions(file)?;
        writeln!(
            out,
            "已导出 {n} 行到 {}；在“决定”等列填写后用 fingertip decide --import 导入",
            file.display()
        )?;
        return Ok(Status::Ok);
    }
    if let Some(file) = &args.import {
        let mut store = open_existing(&args.db.db)?;
        let summary = store.import_decisions(file, now)?;
        writeln!(
            out,
            "已导入 {} 条决定，{} 条与现有决定相同，{} 行有问题",
            summary.applied,
            summary.unchanged,
            summary.problems.len()
        )?;
        for p in &summary.problems {
            eprintln!("  问题：{p}");
        }
        return Ok(Status::Ok);
    }
    let (Some(id), Some(action)) = (&args.id, args.action) else {
        anyhow::bail!(fingertip::Error::Usage("请给出平台编号和决定".into()));
    };
    if let Some(problem) = refusal(action, args, now.date()) {
        anyhow::bail!(fingertip::Error::Usage(problem));
    }
    let action = match action {
        DecideAction::Keep => registry::DecisionAction::Keep,
        DecideAction::Merge => registry::DecisionAction::Merge,
        DecideAction::Shutdown => registry::DecisionAction::Shutdown,
        DecideAction::Waive => registry::DecisionAction::Waive,
    };
    let decision = registry::Decision {
        platform_id: id.clone(),
        action,
        into: args.into.clone(),
        rule: args.rule.clone(),
        reason: args.reason.clone().unwrap_or_default(),
        until: args.until,
        decided_at: now.format("%Y-%m-%dT%H:%M:%S").to_string(),
        origin: "cli".into(),
    };
    let mut store = open_existing(&args.db.db)?;
    store.decide(&decision)?;
    writeln!(
        out,
        "已记录：{} {}{}{}",
        id,
        action.label_zh(),
        args.into
            .as_deref()
            .map(|i| format!(" → {i}"))
            .unwrap_or_default(),
        args.rule
            .as_deref()
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    )?;
    Ok(Status::Ok)
}

/// Why a decision given on the command line cannot be recorded, if it cannot: an
/// unknown rule id (with the nearest known ids), an expiry already past, or arguments
/// that contradict the action. Checked before the registry is opened.
fn refusal(action: DecideAction, args: &DecideArgs, today: chrono::NaiveDate) -> Option<String> {
    let waive = action == DecideAction::Waive;
    if waive && args.rule.is_none() {
        return Some("waive 需要在决定后写明豁免哪条规则".into());
    }
    if !waive && args.rule.is_some() {
        return Some("规则编号只用于 waive（豁免某条规则）".into());
    }
    if action == DecideAction::Merge && args.into.is_none() {
        return Some("merge 需要用 --into 指明并入哪个平台".into());
    }
    if action != DecideAction::Merge && args.into.is_some() {
        return Some("--into 只用于 merge（整合迁移）".into());
    }
    if args.until.is_some() && !waive {
        return Some("--until 只用于 waive（豁免的有效期）".into());
    }
    if let Some(until) = args.until.filter(|u| *u < today) {
        return Some(format!(
            "豁免有效期 {until} 早于今天 {today}，不能记录已过期的豁免"
        ));
    }
    if let Some(rule) = args.rule.as_deref() {
        if fingertip::rules::catalog::get(rule).is_none() {
            return Some(format!(
                "未知规则“{rule}”；最接近的规则：{}",
                nearest_rules(rule).join("、")
            ));
        }
    }
    None
}

/// The three catalog ids closest to `rule` by edit distance (then id order).
fn nearest_rules(rule: &str) -> Vec<&'static str> {
    let mut scored: Vec<(usize, &'static str)> = fingertip::rules::catalog::CATALOG
        .iter()
        .map(|meta| (edit_distance(rule, meta.id), meta.id))
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_and_nearest_rules() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(nearest_rules("app-forced-checkn")[0], "app-forced-checkin");
    }
}
