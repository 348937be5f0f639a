//! The per-platform detail sections of `report.html`: reasons, evidence quotes with
//! their clauses, the merge target and the burden items.

use super::*;

impl Page<'_, '_> {
    pub(super) fn details(&self, out: &mut dyn Write, rows: &[usize]) -> io::Result<()> {
        let prep = self.prep;
        let lang = self.lang;
        writeln!(
            out,
            "<section id=\"details\"><h2>{}</h2>",
            self.t("五、平台详情", "5. Platform details")
        )?;
        let n = prep.order.len();
        if rows.len() < n {
            match lang {
                Lang::Zh => writeln!(
                    out,
                    "<p class=\"note\">平台较多，仅列出 {} 个需处置或有问题线索的平台（共 {} 个平台）；其余见 recommendations.json。</p>",
                    rows.len(),
                    n
                )?,
                Lang::En => writeln!(
                    out,
                    "<p class=\"note\">With this many platforms, only {} platforms to act on or flagged are detailed (of {}); the rest are in recommendations.json.</p>",
                    rows.len(),
                    n
                )?,
            }
        }
        let catalog = text::catalog();
        for &idx in rows {
            let p = prep.platform(idx);
            let rec = prep.rec(idx);
            writeln!(
                out,
                "<article class=\"detail\" id=\"p{idx}\"><h3>{}<small>{}</small> <span class=\"badge a-{}\">{}</span></h3>",
                h(&p.name),
                h(&p.id),
                rec.action.code(),
                text::action(rec.action, lang)
            )?;
            write!(out, "<dl class=\"facts\">")?;
            let mut fact = |label: &str, value: String| -> io::Result<()> {
                if value.is_empty() {
                    return Ok(());
                }
                write!(out, "<dt>{label}</dt><dd>{value}</dd>")
            };
            fact(self.t("类型", "Kind"), text::kind(p.kind, lang).to_string())?;
            fact(
                self.t("层级", "Level"),
                text::level(p.level, lang).to_string(),
            )?;
            fact(
                self.t("主管单位", "Owner"),
                h(p.owner.as_deref().unwrap_or("")).into_owned(),
            )?;
            fact(
                self.t("行政区划", "Region"),
                h(p.region.as_deref().unwrap_or("")).into_owned(),
            )?;
            fact(
                self.t("载体", "Channel"),
                h(p.channel.as_deref().unwrap_or("")).into_owned(),
            )?;
            if let Some(t) = rec.into.filter(|&t| t < n) {
                fact(
                    self.t("整合目标", "Merge into"),
                    format!("{}（{}）", self.name_link(t), h(&prep.platform(t).id)),
                )?;
            }
            if let Some(c) = prep.cluster_of(idx) {
                fact(
                    self.t("所在聚类", "Cluster"),
                    format!(
                        "#{}（{} {}）",
                        c.number,
                        self.t("相似度", "similarity"),
                        round3(c.similarity)
                    ),
                )?;
            }
            if rec.action != Action::Keep {
                fact(
                    self.t("双交办", "Assigned to"),
                    format!(
                        "{} / {}",
                        h(&rec.assignees.region),
                        h(&rec.assignees.department)
                    ),
                )?;
                fact(
                    self.t("完成时限", "Deadline"),
                    rec.deadline.map(|d| d.to_string()).unwrap_or_default(),
                )?;
                let target = prep
                    .merge_target(idx)
                    .map(|t| format!("{}（{}）", t.name, t.id));
                fact(
                    self.t("整改措施", "Measures"),
                    h(&text::measure(
                        rec.action,
                        &rec.rules,
                        target.as_deref(),
                        lang,
                    ))
                    .into_owned(),
                )?;
            }
            fact(
                self.t("月负担 / 可节省（分钟）", "Burden / saved (min/month)"),
                format!(
                    "{} / {}",
                    Prepared::minutes(rec.burden_minutes_per_month),
                    Prepared::minutes(rec.saved_minutes_per_month)
                ),
            )?;
            writeln!(out, "</dl>")?;
            if !rec.reasons.is_empty() {
                write!(out, "<h4>{}</h4><ol>", self.t("理由", "Reasons"))?;
                for r in &rec.reasons {
                    write!(out, "<li>{}</li>", h(r.get(lang)))?;
                }
                writeln!(out, "</ol>")?;
            }
            let mut findings = prep.findings_of(idx).peekable();
            if findings.peek().is_some() {
                writeln!(
                    out,
                    "<h4>{}</h4>",
                    self.t("问题线索与证据", "Flags and evidence")
                )?;
            }
            for f in findings {
                write!(
                    out,
                    "<div class=\"finding\"><p><b>{}</b> <span class=\"badge sev-{}\">{}</span> {}</p>",
                    h(f.rule),
                    f.severity.code(),
                    text::severity(f.severity, lang),
                    h(f.message.get(lang))
                )?;
                if let Some(rule) = catalog.get(f.rule) {
                    write!(
                        out,
                        "<p class=\"clause\">{}{}（{}）</p>",
                        self.t("条款：", "Clause: "),
                        h(&rule.clause),
                        h(&rule.source)
                    )?;
                }
                if let Some(reason) = &f.waived {
                    write!(
                        out,
                        "<p class=\"waived\">{}{}</p>",
                        self.t("已豁免：", "Waived: "),
                        h(reason)
                    )?;
                }
                for e in &f.evidence {
                    write!(
                        out,
                        "<blockquote><cite>{}</cite>{}</blockquote>",
                        h(&source_line(&e.source, e.line)),
                        h(&truncate(&e.text, 400))
                    )?;
                }
                writeln!(out, "</div>")?;
            }
            writeln!(out, "</article>")?;
        }
        writeln!(out, "</section>")
    }
}
