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
