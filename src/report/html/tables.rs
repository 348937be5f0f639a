//! The sortable, filterable tables of `report.html` — recommendations and flags (their
//! columns from `report::columns`) — and the rule coverage, input problems and
//! follow-through tables.

use super::*;

impl Page<'_, '_> {
    pub(super) fn recommendations(&self, out: &mut dyn Write) -> io::Result<()> {
        let prep = self.prep;
        let lang = self.lang;
        writeln!(
            out,
            "<section id=\"recommendations\"><h2>{}</h2>",
            self.t("三、处置建议", "3. Recommendations")
        )?;
        let (rows, total) = prep.table_rows(prep.options.max_table_rows);
        write!(
            out,
            "<div class=\"controls\" data-table=\"rec-table\"><input type=\"search\" placeholder=\"{}\" aria-label=\"{}\"><select data-col=\"5\" aria-label=\"{}\"><option value=\"\">{}</option>",
            self.t("按名称、编号、单位筛选…", "Filter by name, id, owner…"),
            self.t("筛选", "Filter"),
            self.t("处置建议", "Action"),
            self.t("全部建议", "All actions")
        )?;
        for action in Action::ALL {
            write!(
                out,
                "<option value=\"{}\">{}</option>",
                action.code(),
                text::action(action, lang)
            )?;
        }
        write!(
            out,
            "</select><select data-col=\"2\" aria-label=\"{}\"><option value=\"\">{}</option>",
            self.t("类型", "Kind"),
            self.t("全部类型", "All kinds")
        )?;
        for kind in Kind::ALL {
            write!(
                out,
                "<option value=\"{}\">{}</option>",
                kind.code(),
                text::kind(kind, lang)
            )?;
        }
        writeln!(
            out,
            "</select><span class=\"count\" data-label=\"{}\"></span></div>",
            self.t("显示 ", "showing ")
        )?;
        self.capped_note(out, rows.len(), total, "recommendations.json / report.xlsx")?;
        writeln!(
            out,
            "<table class=\"data sortable\" id=\"rec-table\"><thead>{}</thead><tbody>",
            columns::html_header(&columns::recommendations::HTML, lang)
        )?;
        for &idx in &rows {
            let p = prep.platform(idx);
            let rec = prep.rec(idx);
            let into = match rec.into.filter(|&t| t < prep.order.len()) {
                Some(t) => format!("{}（{}）", self.name_link(t), h(&prep.platform(t).id)),
                None => String::new(),
            };
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td><td>{}</td><td data-v=\"{}\"><span class=\"badge a-{}\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                h(&p.id),
                self.name_link(idx),
                p.kind.code(),
                text::kind(p.kind, lang),
                p.level.map_or(0, |l| l as u8 + 1),
                text::level(p.level, lang),
                h(p.owner.as_deref().unwrap_or("")),
                rec.action.code(),
                rec.action.code(),
                text::action(rec.action, lang),
                into,
                h(&rec.rules.join(", ")),
                rec.deadline.map(|d| d.to_string()).unwrap_or_default(),
                Prepared::minutes(rec.saved_minutes_per_month),
                h(&match lang {
                    crate::model::Lang::Zh => rec.disposition.summary_zh(),
                    crate::model::Lang::En => rec.disposition.summary_en(),
                })
            )?;
        }
        writeln!(out, "</tbody></table></section>")
    }

    pub(super) fn flags(&self, out: &mut dyn Write) -> io::Result<()> {
        let prep = self.prep;
        let lang = self.lang;
        let total = prep.summary.flags.total;
        writeln!(
            out,
            "<section id=\"flags\"><h2>{}</h2>",
            self.t("四、问题线索", "4. Flags")
        )?;
        if total == 0 {
            return writeln!(
                out,
                "<p>{}</p></section>",
                self.t("未发现问题线索。", "No flags.")
            );
        }
        write!(
            out,
            "<div class=\"controls\" data-table=\"flag-table\"><input type=\"search\" placeholder=\"{}\" aria-label=\"{}\"><select data-col=\"3\" aria-label=\"{}\"><option value=\"\">{}</option>",
            self.t("按名称、规则、证据筛选…", "Filter by name, rule, evidence…"),
            self.t("筛选", "Filter"),
            self.t("严重程度", "Severity"),
            self.t("全部严重程度", "All severities")
        )?;
        for sev in [Severity::High, Severity::Medium, Severity::Low] {
            write!(
                out,
                "<option value=\"{}\">{}</option>",
                sev.code(),
                text::severity(sev, lang)
            )?;
        }
        write!(
            out,
            "</select><select data-col=\"2\" aria-label=\"{}\"><option value=\"\">{}</option>",
            self.t("规则", "Rule"),
            self.t("全部规则", "All rules")
        )?;
        for rule in prep.summary.flags.by_rule.keys() {
            write!(out, "<option value=\"{0}\">{0}</option>", h(rule))?;
        }
        writeln!(
            out,
            "</select><span class=\"count\" data-label=\"{}\"></span></div>",
            self.t("显示 ", "showing ")
        )?;
        let cap = prep.options.max_table_rows;
        self.capped_note(out, total.min(cap), total, "flags.json / report.xlsx")?;
        writeln!(
            out,
            "<table class=\"data sortable\" id=\"flag-table\"><thead>{}</thead><tbody>",
            columns::html_header(&columns::flags::PAGE, lang)
        )?;
        for f in prep.findings_in_order().take(cap) {
            let p = prep.platform(f.platform);
            let mut evidence = String::new();
            for e in f.evidence.iter().take(3) {
                evidence.push_str(&format!(
                    "<div><cite>{}</cite> {}</div>",
                    h(&source_line(&e.source, e.line)),
                    h(&truncate(&e.text, QUOTE_CHARS))
                ));
            }
            let waived = match &f.waived {
                Some(reason) => format!(
                    "<div class=\"waived\">{}{}</div>",
                    self.t("已豁免：", "Waived: "),
                    h(reason)
                ),
                None => String::new(),
            };
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td data-v=\"{}\">{}</td><td data-v=\"{}\" data-f=\"{}\"><span class=\"badge sev-{}\">{}</span></td><td>{}{}</td><td>{}</td></tr>",
                h(&p.id),
                self.name_link(f.platform),
                h(f.rule),
                h(f.rule),
                severity_rank(f.severity),
                f.severity.code(),
                f.severity.code(),
                text::severity(f.severity, lang),
                h(f.message.get(lang)),
                waived,
                evidence
            )?;
        }
        writeln!(out, "</tbody></table></section>")
    }

    pub(super) fn coverage(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        writeln!(
            out,
            "<section id=\"coverage\"><h2>{}</h2>",
            self.t("六、规则覆盖情况", "6. Rule coverage")
        )?;
        let coverage = &self.prep.view.outcome.coverage;
        if coverage.is_empty() {
            return writeln!(
                out,
                "<p>{}</p></section>",
                self.t(
                    "本次审计未提供规则覆盖数据。",
                    "This audit has no rule coverage data."
                )
            );
        }
        writeln!(
            out,
            "<p class=\"hint\">{}</p><table class=\"data sortable\" id=\"coverage-table\"><thead>{}</thead><tbody>",
            self.t(
                "“数据不足”表示清单缺少判断该规则所需的字段或文件，规则并未通过，需补充材料后复核。",
                "\"Insufficient data\" means the inventory lacks the fields or documents the rule needs: the rule did not pass, it could not be decided."
            ),
            columns::html_header(&columns::coverage::HTML, self.lang)
        )?;
        let catalog = text::catalog();
        for c in coverage {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                h(c.rule),
                h(catalog.get(c.rule).map_or("", |r| r.clause.as_str())),
                c.applicable,
                c.insufficient_data,
                c.findings,
                h(c.note.as_ref().map_or("", |m| m.get(lang)))
            )?;
        }
        writeln!(out, "</tbody></table></section>")
    }

    pub(super) fn problems(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        let problems = self.prep.view.problems;
        writeln!(
            out,
            "<section id=\"problems\"><h2>{}</h2>",
            self.t("七、输入问题", "7. Input problems")
        )?;
        if problems.is_empty() {
            return writeln!(
                out,
                "<p>{}</p></section>",
                self.t("输入数据未发现问题。", "No input problems.")
            );
        }
        writeln!(
            out,
            "<div class=\"controls\" data-table=\"problem-table\"><input type=\"search\" placeholder=\"{}\" aria-label=\"{}\"><span class=\"count\" data-label=\"{}\"></span></div>",
            self.t("按文件、列、说明筛选…", "Filter by file, column, message…"),
            self.t("筛选", "Filter"),
            self.t("显示 ", "showing ")
        )?;
        let cap = self.prep.options.max_table_rows;
        self.capped_note(
            out,
            problems.len().min(cap),
            problems.len(),
            "problems.json / report.xlsx",
        )?;
        writeln!(
            out,
            "<table class=\"data sortable\" id=\"problem-table\"><thead>{}</thead><tbody>",
            columns::html_header(&columns::problems::ALL, self.lang)
        )?;
        for p in problems.iter().take(cap) {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                h(&p.file),
                h(p.sheet.as_deref().unwrap_or("")),
                opt(p.row),
                h(p.column.as_deref().unwrap_or("")),
                h(&p.kind),
                text::problem_level(p.level, lang),
                h(&truncate(&p.message, 300))
            )?;
        }
        writeln!(out, "</tbody></table></section>")
    }

    pub(super) fn follow_through(&self, out: &mut dyn Write) -> io::Result<()> {
        let lang = self.lang;
        let follow = self.prep.view.follow_ups;
        if follow.is_empty() {
            return Ok(());
        }
        writeln!(
            out,
            "<section id=\"follow\"><h2>{}</h2><div class=\"cards\">",
            self.t("八、跟踪问效", "8. Follow-through")
        )?;
        for status in [
            FollowStatus::Done,
            FollowStatus::Pending,
            FollowStatus::Overdue,
            FollowStatus::Rebounded,
        ] {
            writeln!(
                out,
                "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\"><span class=\"badge f-{}\">{}</span></div></div>",
                num(
                    &format!("follow_ups.{}", status.code()),
                    self.prep.summary.follow_ups.get(status.code()).copied().unwrap_or(0)
                ),
                status.code(),
                text::follow(status, lang)
            )?;
        }
        writeln!(out, "</div>")?;
        let cap = self.prep.options.max_table_rows;
        self.capped_note(out, follow.len().min(cap), follow.len(), "report.xlsx")?;
        writeln!(
            out,
            "<table class=\"data sortable\" id=\"follow-table\"><thead>{}</thead><tbody>",
            columns::html_header(&columns::follow_through::ALL, self.lang)
        )?;
        for f in follow.iter().take(cap) {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td data-v=\"{}\"><span class=\"badge f-{}\">{}</span></td><td>{}</td></tr>",
                h(&f.platform_id),
                h(&f.name),
                text::action(f.action, lang),
                f.recommended_on,
                f.deadline.map(|d| d.to_string()).unwrap_or_default(),
                f.status.code(),
                f.status.code(),
                text::follow(f.status, lang),
                h(f.note.get(lang))
            )?;
        }
        writeln!(out, "</tbody></table></section>")
    }
}
