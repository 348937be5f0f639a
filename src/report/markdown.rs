//! `report.md`: the audit for quick reading and for diffs between runs. The summary
//! first, then clusters, recommendations with reasons, flags with evidence, rule
//! coverage, input problems and follow-through. Long tables are capped at
//! `ReportOptions::max_table_rows`, with a line saying where the full list is.

use std::io::{self, Write};

use super::columns;
use super::data::Prepared;
use super::escape::{md_cell, truncate};
use super::json::round3;
use super::text::{self, tr};
use crate::model::{Kind, Lang, Level};
use crate::recommend::Action;

/// Longest evidence quote printed in a table cell, in characters.
const QUOTE_CHARS: usize = 120;

/// Writes `report.md`.
pub(crate) fn write(prep: &Prepared<'_>, mut out: impl Write) -> io::Result<()> {
    let lang = prep.lang();
    let s = &prep.summary;
    let cap = prep.options.max_table_rows;
    let t = |zh, en| tr(lang, zh, en);

    writeln!(
        out,
        "# {}\n",
        t(
            "“指尖上的形式主义”清理整治审计报告",
            "Audit of formalism at the fingertips"
        )
    )?;
    writeln!(
        out,
        "{}{}\n",
        t("审计日期：", "Audit date: "),
        prep.view.as_of
    )?;

    writeln!(out, "## {}\n", t("一、概况", "1. Summary"))?;
    writeln!(
        out,
        "| {} | {} |\n|---|---:|",
        t("指标", "Measure"),
        t("数值", "Value")
    )?;
    writeln!(
        out,
        "| {} | {} → {} |",
        t("平台总数（整治前 → 整治后）", "Platforms (before → after)"),
        s.platforms.before,
        s.platforms.after
    )?;
    for action in Action::ALL {
        writeln!(
            out,
            "| {}{} | {} |",
            t("建议", "Action: "),
            text::action(action, lang),
            s.by_action.get(action.code()).copied().unwrap_or(0)
        )?;
    }
    let zh = lang == Lang::Zh;
    writeln!(
        out,
        "| {} | {} |",
        t(
            "每月可节省干部时间（分钟）",
            "Cadre minutes saved per month"
        ),
        super::summary::wan(s.saved_minutes_per_month, zh)
    )?;
    writeln!(
        out,
        "| {} | {} |",
        t("折合干部工时（人·时/月）", "Cadre-hours saved per month"),
        super::summary::wan(s.saved_cadre_hours_per_month, zh)
    )?;
    writeln!(
        out,
        "| {} | {} |",
        t(
            "测算依据的干部（人次；粉丝、群众不计）",
            "Cadres the saving rests on (followers and residents never count)"
        ),
        super::summary::wan(s.saved_cadres, zh)
    )?;
    writeln!(
        out,
        "| {} | {} |",
        t(
            "人数数据不足、未计入节省的事项",
            "Items left out of the saving for lack of head counts"
        ),
        s.no_data_items
    )?;
    writeln!(
        out,
        "| {} | {} |",
        t("问题线索（其中已豁免）", "Flags (of which waived)"),
        format_args!("{} ({})", s.flags.total, s.flags.waived)
    )?;
    writeln!(
        out,
        "| {} | {} |",
        t("重复建设聚类", "Overlap clusters"),
        s.clusters
    )?;
    writeln!(
        out,
        "| {} | {} |\n",
        t("输入问题", "Input problems"),
        s.problems
    )?;

    writeln!(out, "### {}\n", t("按类型", "By kind"))?;
    writeln!(
        out,
        "| {} | {} | {} |\n|---|---:|---:|",
        t("类型", "Kind"),
        t("整治前", "Before"),
        t("整治后", "After")
    )?;
    for kind in Kind::ALL {
        let c = s.by_kind.get(kind.code()).copied().unwrap_or_default();
        writeln!(
            out,
            "| {} | {} | {} |",
            text::kind(kind, lang),
            c.before,
            c.after
        )?;
    }
    writeln!(out, "\n### {}\n", t("按层级", "By level"))?;
    writeln!(
        out,
        "| {} | {} |\n|---|---:|",
        t("层级", "Level"),
        t("数量", "Count")
    )?;
    for level in Level::ALL.iter().copied().map(Some).chain([None]) {
        let code = level.map_or("unknown", |l| l.code());
        writeln!(
            out,
            "| {} | {} |",
            text::level(level, lang),
            s.by_level.get(code).copied().unwrap_or(0)
        )?;
    }
    if !s.top_owners.is_empty() {
        writeln!(
            out,
            "\n### {}\n",
            t("基层负担最重的主管单位", "Owners by burden")
        )?;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|",
            t("主管单位", "Owner"),
            t("平台数", "Platforms"),
            t("需处置", "To act on"),
            t("月负担（分钟）", "Burden (min/month)"),
            t("可节省（分钟）", "Saved (min/month)")
        )?;
        for o in &s.top_owners {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md_cell(&o.owner),
                o.platforms,
                o.to_act_on,
                o.burden_minutes_per_month,
                o.saved_minutes_per_month
            )?;
        }
    }
    writeln!(out)?;

    // Clusters.
    writeln!(out, "## {}\n", t("二、重复建设聚类", "2. Overlap clusters"))?;
    if prep.clusters.is_empty() {
        writeln!(out, "{}\n", t("未发现重复建设。", "No overlap found."))?;
    } else {
        writeln!(
            out,
            "| # | {} | {} | {} | {} | {} |\n|---:|---|---|---:|---|---|",
            t("整合目标", "Target"),
            t("成员", "Members"),
            t("相似度", "Similarity"),
            t("共同功能", "Shared functions"),
            t("共同数据项", "Shared data fields")
        )?;
        for c in prep.clusters.iter().take(cap) {
            let members: Vec<String> = c
                .members
                .iter()
                .filter(|&&m| m != c.target)
                .map(|&m| prep.label(m))
                .collect();
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                c.number,
                md_cell(&prep.label(c.target)),
                md_cell(&members.join("、")),
                round3(c.similarity),
                md_cell(&c.shared_functions.join("、")),
                md_cell(&c.shared_data_fields.join("、"))
            )?;
        }
        capped_note(
            &mut out,
            lang,
            prep.clusters.len().min(cap),
            prep.clusters.len(),
            "clusters.json",
        )?;
    }

    // Recommendations.
    writeln!(out, "## {}\n", t("三、处置建议", "3. Recommendations"))?;
    let (rows, total) = prep.table_rows(cap);
    writeln!(
        out,
        "{}",
        columns::markdown_header(&columns::recommendations::MARKDOWN, lang)
    )?;
    for &idx in &rows {
        let p = prep.platform(idx);
        let rec = prep.rec(idx);
        let reasons: Vec<&str> = rec.reasons.iter().map(|m| m.get(lang)).collect();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            md_cell(&p.id),
            md_cell(&p.name),
            text::kind(p.kind, lang),
            text::level(p.level, lang),
            text::action(rec.action, lang),
            md_cell(
                &prep
                    .merge_target(idx)
                    .map(|t| format!("{}（{}）", t.name, t.id))
                    .unwrap_or_default()
            ),
            rec.deadline.map(|d| d.to_string()).unwrap_or_default(),
            md_cell(&reasons.join(t("；", "; ")))
        )?;
    }
    capped_note(&mut out, lang, rows.len(), total, "recommendations.json")?;

    // Flags.
    writeln!(out, "## {}\n", t("四、问题线索", "4. Flags"))?;
    if s.flags.total == 0 {
        writeln!(out, "{}\n", t("未发现问题线索。", "No flags."))?;
    } else {
        writeln!(
            out,
            "{}",
            columns::markdown_header(&columns::flags::PAGE, lang)
        )?;
        let mut shown = 0;
        for f in prep.findings_in_order().take(cap) {
            shown += 1;
            let p = prep.platform(f.platform);
            let evidence: Vec<String> = f
                .evidence
                .iter()
                .map(|e| match e.line {
                    Some(line) => {
                        format!("{}:{} “{}”", e.source, line, truncate(&e.text, QUOTE_CHARS))
                    }
                    None => format!("{} “{}”", e.source, truncate(&e.text, QUOTE_CHARS)),
                })
                .collect();
            let mut message = f.message.get(lang).to_string();
            if let Some(reason) = &f.waived {
                message.push_str(&format!("（{}{}）", t("已豁免：", "waived: "), reason));
            }
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                md_cell(&p.id),
                md_cell(&p.name),
                f.rule,
                text::severity(f.severity, lang),
                md_cell(&message),
                md_cell(&evidence.join("；"))
            )?;
        }
        capped_note(&mut out, lang, shown, s.flags.total, "flags.json")?;
    }

    // Coverage.
    writeln!(out, "## {}\n", t("五、规则覆盖情况", "5. Rule coverage"))?;
    if prep.view.outcome.coverage.is_empty() {
        writeln!(
            out,
            "{}\n",
            t("本次未提供规则覆盖数据。", "No coverage data.")
        )?;
    } else {
        writeln!(
            out,
            "{}",
            columns::markdown_header(&columns::coverage::MARKDOWN, lang)
        )?;
        for c in &prep.view.outcome.coverage {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                c.rule,
                c.applicable,
                c.insufficient_data,
                c.findings,
                md_cell(c.note.as_ref().map_or("", |m| m.get(lang)))
            )?;
        }
        writeln!(out)?;
    }

    // Problems.
    writeln!(out, "## {}\n", t("六、输入问题", "6. Input problems"))?;
    if prep.view.problems.is_empty() {
        writeln!(out, "{}\n", t("无。", "None."))?;
    } else {
        writeln!(
            out,
            "{}",
            columns::markdown_header(&columns::problems::MARKDOWN, lang)
        )?;
        for p in prep.view.problems.iter().take(cap) {
            let file = match &p.sheet {
                Some(sheet) => format!("{}[{}]", p.file, sheet),
                None => p.file.clone(),
            };
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                md_cell(&file),
                p.row.map(|r| r.to_string()).unwrap_or_default(),
                md_cell(p.column.as_deref().unwrap_or("")),
                text::problem_level(p.level, lang),
                md_cell(&p.message)
            )?;
        }
        capped_note(
            &mut out,
            lang,
            prep.view.problems.len().min(cap),
            prep.view.problems.len(),
            "problems.json",
        )?;
    }

    // Follow-through.
    if !prep.view.follow_ups.is_empty() {
        writeln!(out, "## {}\n", t("七、跟踪问效", "7. Follow-through"))?;
        writeln!(
            out,
            "{}",
            columns::markdown_header(&columns::follow_through::ALL, lang)
        )?;
        for f in prep.view.follow_ups.iter().take(cap) {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                md_cell(&f.platform_id),
                md_cell(&f.name),
                text::action(f.action, lang),
                f.recommended_on,
                f.deadline.map(|d| d.to_string()).unwrap_or_default(),
                text::follow(f.status, lang),
                md_cell(f.note.get(lang))
            )?;
        }
        capped_note(
            &mut out,
            lang,
            prep.view.follow_ups.len().min(cap),
            prep.view.follow_ups.len(),
            "report.xlsx",
        )?;
    }
    Ok(())
}

/// Ends a table; when it was cut, says how much is shown and where the rest is.
fn capped_note(
    out: &mut impl Write,
    lang: Lang,
    shown: usize,
    total: usize,
    full: &str,
) -> io::Result<()> {
    if shown < total {
        match lang {
            Lang::Zh => writeln!(
                out,
                "\n> 仅列出 {shown} 条（共 {total} 条），完整清单见 {full}。"
            )?,
            Lang::En => writeln!(
                out,
                "\n> Showing {shown} of {total} rows; the full list is in {full}."
            )?,
        }
    }
    writeln!(out)
}
