//! The 一表通 section of `report.html`: the reduction figures of the inventory's forms,
//! the proposed master forms with the forms each replaces and the minutes it saves, and
//! per master form its fields by subject with the source each can be filled back from.
//! The same plan `fingertip forms` writes as forms.json and forms.xlsx.

use super::*;
use crate::recommend::forms::FormsPlan;

/// The section's number after the others: 八 without follow-through, 九 with it.
fn heading(lang: Lang, follow_through: bool) -> &'static str {
    match (lang, follow_through) {
        (Lang::Zh, false) => "八、一表通：报表整合",
        (Lang::Zh, true) => "九、一表通：报表整合",
        (Lang::En, false) => "8. One master form (一表通): consolidating forms",
        (Lang::En, true) => "9. One master form (一表通): consolidating forms",
    }
}

impl Page<'_, '_> {
    /// Whether the page has a forms section (the audit made a plan).
    pub(super) fn has_forms(&self) -> bool {
        self.prep.view.forms.is_some()
    }

    pub(super) fn forms(&self, out: &mut dyn Write) -> io::Result<()> {
        let Some(plan) = self.prep.view.forms else {
            return Ok(());
        };
        writeln!(
            out,
            "<section id=\"forms\"><h2>{}</h2>",
            heading(self.lang, !self.prep.view.follow_ups.is_empty())
        )?;
        self.forms_cards(out, plan)?;
        if plan.groups.is_empty() {
            return writeln!(
                out,
                "<p>{}</p></section>",
                self.t(
                    "未发现同一发文地区内共享核心指标的报表组，暂无可整合的一表通。",
                    "No group of forms in one issuing area shares a core of fields; nothing to consolidate."
                )
            );
        }
        writeln!(
            out,
            "<p class=\"hint\">{}</p>",
            self.t(
                "同一发文地区内共享核心指标的报表合并为一张总表；可回填的数据项由已有平台或保留的报表提供（一数一源），基层不再重复填报。完整数据见 fingertip forms 生成的 forms.json、forms.xlsx。",
                "Forms of one issuing area that share a core of fields become one master form; fields a platform or a kept form already holds are filled back (one source per datum). Full data: forms.json and forms.xlsx from fingertip forms."
            )
        )?;
        let shown = plan.groups.len().min(self.prep.options.max_table_rows);
        let header: [(&str, &str); 8] = [
            ("编号", "Id"),
            ("拟设总表", "Master form"),
            ("发文地区", "Issuing area"),
            ("替代报表", "Forms replaced"),
            ("数据项", "Fields"),
            ("可回填", "Prefillable"),
            (
                "每期节省（分钟/填报单位）",
                "Minutes saved per cycle and unit",
            ),
            ("每月节省（分钟）", "Minutes saved per month"),
        ];
        write!(
            out,
            "<table class=\"data sortable\" id=\"forms-table\"><thead><tr>"
        )?;
        for (zh, en) in header {
            write!(out, "<th>{}</th>", tr(self.lang, zh, en))?;
        }
        writeln!(out, "</tr></thead><tbody>")?;
        for g in &plan.groups[..shown] {
            let replaced: Vec<String> = g.replaced().iter().map(|r| h(r).into_owned()).collect();
            writeln!(
                out,
                "<tr><td><a href=\"#{id}\">{id}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td></tr>",
                h(&g.name),
                h(&g.area),
                replaced.join("<br>"),
                g.fields.len(),
                g.prefillable(),
                g.saved_minutes_per_cycle,
                g.saved_minutes_per_month,
                id = h(&g.id),
            )?;
        }
        writeln!(out, "</tbody></table>")?;
        self.capped_note(out, shown, plan.groups.len(), "forms.json")?;
        for g in &plan.groups[..shown] {
            writeln!(
                out,
                "<details class=\"master\" id=\"{}\"><summary>{} {}</summary>",
                h(&g.id),
                h(&g.id),
                h(&g.name)
            )?;
            writeln!(
                out,
                "<p>{}{}；{}{}；{}{}</p>",
                self.t("发文单位：", "Issued by: "),
                h(&g.issuers.join("、")),
                self.t("核心指标：", "Shared core: "),
                h(&g.core.join("、")),
                self.t("填报单位：", "Filled by: "),
                if g.fillers.is_empty() {
                    self.t("未登记", "not recorded").to_owned()
                } else {
                    h(&g.fillers.join("、")).into_owned()
                }
            )?;
            writeln!(
                out,
                "<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
                self.t("类别", "Subject"),
                self.t("数据项", "Field"),
                self.t("原报表", "Asked by"),
                self.t("数据来源（可回填）", "Source (fill back from)")
            )?;
            for f in &g.fields {
                let source = f
                    .source
                    .as_ref()
                    .map(|s| format!("{}（{}）", h(&s.name), h(&s.id)))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td>{source}</td></tr>",
                    h(&f.subject),
                    h(&f.field),
                    h(&f.forms.join("、"))
                )?;
            }
            writeln!(out, "</tbody></table></details>")?;
        }
        writeln!(out, "</section>")
    }

    /// The reduction figures as cards.
    fn forms_cards(&self, out: &mut dyn Write, plan: &FormsPlan) -> io::Result<()> {
        let s = &plan.summary;
        writeln!(out, "<div class=\"cards\">")?;
        let cards = [
            (
                format!("{} → {}", s.forms_before, s.forms_after),
                self.t("报表（整合前 → 整合后）", "Forms (before → after)"),
            ),
            (
                format!("{} → {}", s.fields_before, s.fields_after),
                self.t(
                    "填报数据项（整合前 → 整合后）",
                    "Fields asked (before → after)",
                ),
            ),
            (
                s.prefillable.to_string(),
                self.t(
                    "可从已有平台回填的数据项",
                    "Fields filled back from a source",
                ),
            ),
            (
                format!("{:.1}", s.saved_minutes_per_month),
                self.t(
                    "每月可节省填报时间（分钟）",
                    "Filling minutes saved per month",
                ),
            ),
        ];
        for (value, label) in cards {
            writeln!(
                out,
                "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\">{label}</div></div>",
                h(&value)
            )?;
        }
        writeln!(out, "</div>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_follows_the_sections_before_it() {
        assert!(heading(Lang::Zh, false).starts_with("八、"));
        assert!(heading(Lang::Zh, true).starts_with("九、"));
        assert!(heading(Lang::En, true).starts_with("9."));
    }
}
