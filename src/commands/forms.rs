//! `fingertip forms`: the 一表通 plan of an inventory's forms — the reduction figures and
//! the proposed master forms on stdout (text or `--format json`, the forms.json
//! document), and forms.json plus forms.xlsx in `--out`.

use std::fmt::Write as _;

use anyhow::{Context, Result};
use fingertip::config::AuditDate;
use fingertip::model::Lang;
use fingertip::pipeline::{self, FormsRun};
use fingertip::report::forms_json::{forms_doc, write_forms_json};
use fingertip::report::forms_xlsx::write_forms_xlsx;

use super::{print_json, print_text, Status};
use crate::cli::{FormsArgs, OutputFormat};

/// Consolidates, writes the files when `--out` is given and prints the plan.
pub fn run(args: &FormsArgs, lang: Lang) -> Result<Status> {
    let run = pipeline::forms_inventory(&args.inventory, AuditDate::from_cli(args.as_of))?;
    let mut written = Vec::new();
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
        let json = dir.join("forms.json");
        write_forms_json(&json, &run.plan, &run.settings.forms)?;
        let xlsx = dir.join("forms.xlsx");
        write_forms_xlsx(
            &xlsx,
            &run.plan,
            &run.settings.forms,
            Some(run.settings.as_of),
        )?;
        written = vec![json, xlsx];
    }
    match args.format {
        OutputFormat::Json => print_json(&forms_doc(&run.plan, &run.settings.forms))?,
        OutputFormat::Text => {
            let files: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
            print_text(&plan_text(&run, lang, &files))?
        }
    }
    Ok(Status::Ok)
}

/// The plan as console text.
fn plan_text(run: &FormsRun, lang: Lang, files: &[String]) -> String {
    let s = &run.plan.summary;
    let zh = lang == Lang::Zh;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}{} → {}{}{} → {}{}{}{}{:.1}{}",
        if zh {
            "一表通：报表 "
        } else {
            "Master forms: forms "
        },
        s.forms_before,
        s.forms_after,
        if zh {
            "，填报数据项 "
        } else {
            ", fields asked "
        },
        s.fields_before,
        s.fields_after,
        if zh { "，可回填 " } else { ", " },
        s.prefillable,
        if zh {
            " 项，每月可节省 "
        } else {
            " prefillable, "
        },
        s.saved_minutes_per_month,
        if zh {
            " 分钟"
        } else {
            " minutes saved per month"
        }
    );
    if run.plan.groups.is_empty() {
        out.push_str(if zh {
            "未发现同一发文地区内共享核心指标的报表组。\n"
        } else {
            "No group of forms in one issuing area shares a core of fields.\n"
        });
    }
    for g in &run.plan.groups {
        let replaced = g.replaced().join(if zh { "、" } else { ", " });
        let (fields, prefill) = (g.fields.len(), g.prefillable());
        let (cycle, month) = (g.saved_minutes_per_cycle, g.saved_minutes_per_month);
        let _ = if zh {
            writeln!(
                out,
                "{} {}（{}）：替代 {replaced}；数据项 {fields} 项（可回填 {prefill} 项）；每期每个填报单位节省 {cycle:.1} 分钟，每月共 {month:.1} 分钟",
                g.id, g.name, g.area
            )
        } else {
            writeln!(
                out,
                "{} {} ({}): replaces {replaced}; {fields} fields ({prefill} prefillable); {cycle:.1} minutes saved per cycle and unit, {month:.1} per month",
                g.id, g.name, g.area
            )
        };
    }
    if !run.problems.is_empty() {
        let n = run.problems.len();
        let _ = if zh {
            writeln!(
                out,
                "输入问题 {n} 条（用 fingertip audit 查看 problems.json）"
            )
        } else {
            writeln!(
                out,
                "{n} input problems (fingertip audit lists them in problems.json)"
            )
        };
    }
    if !files.is_empty() {
        let _ = writeln!(
            out,
            "{}{}",
            if zh { "已写入：" } else { "Written: " },
            files.join(if zh { "、" } else { ", " })
        );
    }
    out
}
