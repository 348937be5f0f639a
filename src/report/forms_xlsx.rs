//! `forms.xlsx`: one sheet per proposed master form, laid out as a template a township
//! could fill (title row, what it replaces and who fills it, then one row per field by
//! subject with a blank value column and the source it can be filled back from), a
//! 说明 sheet with the reduction figures and the formula, and the 数据项对照 crosswalk.
//!
//! Input text is always written as string cells (never formulas); the creation time is
//! the date passed in, so the file is reproducible.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

use super::escape::xlsx_cell;
use super::forms_json::FORMS_FORMULA;
use crate::error::{Error, Result};
use crate::recommend::forms::{FormsPlan, FormsSettings};

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.contains(&name) {
        let suffix = format!("~{n}");
        name = clean
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    used.push(name.clone());
    name
}

/// Builds the workbook.
pub fn forms_workbook(
    plan: &FormsPlan,
    settings: &FormsSettings,
    created: Option<NaiveDate>,
) -> std::result::Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title("一表通：报表整合方案")
        .set_author("fingertip");
    if let Some(d) = created {
        if let Ok(year) = u16::try_from(d.year()) {
            if let Ok(date) = ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8) {
                properties = properties.set_creation_datetime(&date);
            }
        }
    }
    wb.set_properties(&properties);
    let title = Format::new().set_bold().set_font_size(16);
    let header = Format::new().set_bold().set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let mut used = Vec::new();

    // 说明.
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("说明", &mut used))?;
    ws.set_column_width(0, 28)?;
    ws.set_column_width(1, 90)?;
    ws.write_string_with_format(0, 0, "一表通：报表整合方案", &title)?;
    let s = &plan.summary;
    let rows: Vec<(&str, String)> = vec![
        ("报表数（整合前 → 后）", format!("{} → {}", s.forms_before, s.forms_after)),
        ("数据项数（整合前 → 后）", format!("{} → {}", s.fields_before, s.fields_after)),
        ("可从已有平台或报表回填的数据项", s.prefillable.to_string()),
        ("每月节省填报时间（分钟）", format!("{:.1}", s.saved_minutes_per_month)),
        ("节省时间的算法", FORMS_FORMULA.to_owned()),
        (
            "系数",
            format!(
                "每项 {} 分钟；每次报送另计 {} 分钟；回填项核对 {} 分钟；周期不明按每月 {} 次；共同核心至少 {} 项且占每张表特有数据项的 {:.0}% 以上",
                settings.field_minutes,
                settings.form_overhead_minutes,
                settings.prefill_check_minutes,
                settings.default_submissions_per_month,
                settings.min_core_fields,
                settings.min_core_share * 100.0
            ),
        ),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write_string_with_format(r, 0, *k, &header)?;
        ws.write_string_with_format(r, 1, xlsx_cell(v), &cell)?;
    }

    // One sheet per master form.
    for g in &plan.groups {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&format!("{} {}", g.id, g.name), &mut used))?;
        for (col, width) in [6.0, 16.0, 24.0, 20.0, 30.0, 30.0].into_iter().enumerate() {
            ws.set_column_width(col as u16, width)?;
        }
        ws.merge_range(0, 0, 0, 5, &xlsx_cell(&g.name), &title)?;
        let info = [
            ("替代报表", g.replaced().join("、")),
            ("发文单位", g.issuers.join("、")),
            (
                "填报单位",
                if g.fillers.is_empty() {
                    "（台账未注明）".to_owned()
                } else {
                    g.fillers.join("、")
                },
            ),
            (
                "填报周期（次/月）",
                format!("{:.2}", g.submissions_per_month),
            ),
            (
                "每次节省（分钟/填报单位）",
                format!("{:.1}", g.saved_minutes_per_cycle),
            ),
        ];
        for (i, (k, v)) in info.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, *k)?;
            ws.merge_range(r, 1, r, 5, &xlsx_cell(v), &Format::new())?;
        }
        let head_row = info.len() as u32 + 2;
        for (col, h) in [
            "序号",
            "主题",
            "数据项",
            "填报值",
            "数据来源（可回填）",
            "原报表",
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(head_row, col as u16, *h, &header)?;
        }
        for (i, f) in g.fields.iter().enumerate() {
            let r = head_row + 1 + i as u32;
            ws.write_number_with_format(r, 0, (i + 1) as f64, &cell)?;
            ws.write_string_with_format(r, 1, xlsx_cell(&f.subject), &cell)?;
            ws.write_string_with_format(r, 2, xlsx_cell(&f.field), &cell)?;
            ws.write_blank(r, 3, &cell)?;
            let source = f
                .source
                .as_ref()
                .map(|s| format!("{}（{}）", s.name, s.id))
                .unwrap_or_default();
            ws.write_string_with_format(r, 4, xlsx_cell(&source), &cell)?;
            ws.write_string_with_format(r, 5, xlsx_cell(&f.forms.join("、")), &cell)?;
        }
        ws.set_freeze_panes(head_row + 1, 0)?;
    }

    // 数据项对照.
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("数据项对照", &mut used))?;
    for (col, (h, width)) in [
        ("标准数据项", 20.0),
        ("主题", 16.0),
        ("分类标准已收录", 12.0),
        ("各种写法", 36.0),
        ("采集报表", 36.0),
        ("已持有数据的平台", 30.0),
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_string_with_format(0, col as u16, h, &header)?;
        ws.set_column_width(col as u16, width)?;
    }
    for (i, c) in plan.crosswalk.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, xlsx_cell(&c.field))?;
        ws.write_string(r, 1, xlsx_cell(&c.subject))?;
        ws.write_string(r, 2, if c.known { "是" } else { "否" })?;
        ws.write_string(r, 3, xlsx_cell(&c.spellings.join("、")))?;
        ws.write_string(r, 4, xlsx_cell(&c.forms.join("、")))?;
        ws.write_string(r, 5, xlsx_cell(&c.holders.join("、")))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, plan.crosswalk.len().max(1) as u32, 5)?;
    Ok(wb)
}

/// Writes forms.xlsx at `path`.
pub fn write_forms_xlsx(
    path: &Path,
    plan: &FormsPlan,
    settings: &FormsSettings,
    created: Option<NaiveDate>,
) -> Result<()> {
    forms_workbook(plan, settings, created)
        .and_then(|mut wb| wb.save(path))
        .map_err(|e| Error::io(path, std::io::Error::other(e)))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Reader, Xlsx};

    use super::*;
    use crate::model::{Kind, Platform};
    use crate::recommend::forms::testing::{form, plan_of};

    fn plan() -> FormsPlan {
        let platforms = vec![
            form(
                "F1",
                "=HYPERLINK(\"x\")低保月报",
                &["低保户数", "低保人数", "特困人数", "联系电话"],
            ),
            form(
                "F2",
                "特困月报",
                &["低保户数", "低保人数", "特困人数", "临时救助人次"],
            ),
            Platform {
                id: "P1".into(),
                name: "兴国县民政救助系统".into(),
                kind: Kind::Platform,
                owner: Some("兴国县民政局".into()),
                region: Some("兴国县".into()),
                data_fields: vec!["低保户数".into()],
                ..Platform::default()
            },
        ];
        plan_of(&platforms)
    }

    #[test]
    fn workbook_has_a_template_per_master_form_and_the_crosswalk() {
        let plan = plan();
        assert_eq!(plan.groups.len(), 1);
        let mut wb = forms_workbook(
            &plan,
            &FormsSettings::default(),
            NaiveDate::from_ymd_opt(2026, 12, 1),
        )
        .expect("workbook");
        let bytes = wb.save_to_buffer().expect("buffer");
        let mut xlsx = Xlsx::new(Cursor::new(bytes)).expect("readable");
        let names = xlsx.sheet_names();
        assert_eq!(names.len(), 3, "{names:?}");
        assert_eq!(names[0], "说明");
        assert!(names[1].starts_with("MF-001 "), "{names:?}");
        assert_eq!(names[2], "数据项对照");
        let sheet = xlsx.worksheet_range(&names[1]).expect("sheet");
        let text: Vec<String> = sheet
            .rows()
            .flat_map(|r| r.iter().map(|c| c.to_string()))
            .collect();
        assert_eq!(text[0], plan.groups[0].name);
        assert!(text.iter().any(|t| t == "数据来源（可回填）"));
        assert!(text.iter().any(|t| t == "兴国县民政救助系统（P1）"));
        // A name that looks like a formula is text, not a formula.
        assert!(text.iter().any(|t| t.contains("=HYPERLINK")));
        let formulas = xlsx.worksheet_formula(&names[1]).expect("formulas");
        assert!(formulas.rows().all(|r| r.iter().all(|f| f.is_empty())));
        let cross = xlsx.worksheet_range("数据项对照").expect("crosswalk");
        assert_eq!(cross.height(), plan.crosswalk.len() + 1);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = Vec::new();
        let long = "一".repeat(40);
        let a = sheet_name(&long, &mut used);
        let b = sheet_name(&long, &mut used);
        assert_eq!(a.chars().count(), 31);
        assert_ne!(a, b);
        assert!(b.chars().count() <= 31);
        assert_eq!(sheet_name("a/b:c", &mut used), "a_b_c");
    }
}
