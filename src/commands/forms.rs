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
    if zh {
        let _ = writeln!(
            out,
            "一表通：报表 {} → {}，填报数据项 {} → {}，可回填 {} 项，每月可节省 {:.1} 分钟",
            s.forms_before,
            s.forms_after,
            s.fields_before,
            s.fields_after,
            s.prefillable,
            s.saved_minutes_per_month
        );
    } else {
        let _ = writeln!(
            out,
            "Master forms: forms {} → {}, fields asked {} → {}, {} prefillable, {:.1} minutes saved per month",
            s.forms_before,
            s.forms_after,
            s.fields_before,
            s.fields_after,
            s.prefillable,
            s.saved_minutes_per_month
        );
    }
    if run.plan.groups.is_empty() {
        out.push_str(if zh {
            "未发现同一发文地区内共享核心指标的报表组。\n"
        } else {
            "No group of forms in one issuing area shares a core of fields.\n"
        });
    }
    for g in &run.plan.groups {
        let replaced: Vec<String> = g
            .forms
            .iter()
            .zip(&g.form_names)
            .map(|(id, name)| format!("{name}（{id}）"))
            .collect();
        if zh {
            let _ = writeln!(
                out,
                "{} {}（{}）：替代 {}；数据项 {} 项（可回填 {} 项）；每期每个填报单位节省 {:.1} 分钟，每月共 {:.1} 分钟",
                g.id,
                g.name,
                g.area,
                replaced.join("、"),
                g.fields.len(),
                g.prefillable(),
                g.saved_minutes_per_cycle,
                g.saved_minutes_per_month
            );
        } else {
            let _ = writeln!(
                out,
                "{} {} ({}): replaces {}; {} fields ({} prefillable); {:.1} minutes saved per cycle and unit, {:.1} per month",
                g.id,
                g.name,
                g.area,
                replaced.join(", "),
                g.fields.len(),
                g.prefillable(),
                g.saved_minutes_per_cycle,
                g.saved_minutes_per_month
            );
        }
    }
    if !run.problems.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!(
                    "输入问题 {} 条（用 fingertip audit 查看 problems.json）",
                    run.problems.len()
                )
            } else {
                format!(
                    "{} input problems (fingertip audit lists them in problems.json)",
                    run.problems.len()
                )
            }
        );
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
