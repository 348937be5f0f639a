//! The summary section of `report.html`: the headline numbers (each tagged with its
//! `data-key` in `recommendations.json`), the before/after counts by kind and level and
//! the owners that cost the grassroots most.

use super::*;

impl Page<'_, '_> {
    pub(super) fn summary(&self, out: &mut dyn Write) -> io::Result<()> {
        let s = &self.prep.summary;
        let lang = self.lang;
        writeln!(
            out,
            "<section id=\"summary\"><h2>{}</h2>",
            self.t("一、概况", "1. Summary")
        )?;
        writeln!(out, "<div class=\"cards\">")?;
        writeln!(
            out,
            "<div class=\"card key\"><div class=\"num\">{} → {}</div><div class=\"lbl\">{}</div></div>",
            num("platforms.before", s.platforms.before),
            num("platforms.after", s.platforms.after),
            self.t("平台总数（整治前 → 整治后）", "Platforms (before → after)")
        )?;
        // Actions to carry out first, keep last.
        for action in [
            Action::Merge,
            Action::Shutdown,
            Action::Dissolve,
            Action::Rectify,
            Action::Keep,
        ] {
            let key = format!("by_action.{}", action.code());
            writeln!(
                out,
                "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\"><span class=\"badge a-{}\">{}</span></div></div>",
                num(&key, s.by_action.get(action.code()).copied().unwrap_or(0)),
                action.code(),
                text::action(action, lang)
            )?;
        }
        writeln!(
            out,
            "<div class=\"card key\"><div class=\"num\">{}</div><div class=\"lbl\">{}</div></div>",
            num("saved_cadre_hours_per_month", s.saved_cadre_hours_per_month),
            self.t("每月可节省干部工时（人·时）", "Cadre-hours saved per month")
        )?;
        writeln!(
            out,
            "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\">{}{}{}</div></div>",
            num("saved_cadres", s.saved_cadres),
            self.t(
                "测算依据的干部（人次；粉丝、群众不计）；人数数据不足的事项 ",
                "Cadres the saving rests on (followers never count); items without head counts "
            ),
            num("no_data_items", s.no_data_items),
            self.t(" 项", "")
        )?;
        writeln!(
            out,
            "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\">{}</div></div>",
            num("saved_minutes_per_month", s.saved_minutes_per_month),
            self.t(
                "每月可节省基层时间（分钟）",
                "Grassroots minutes saved per month"
            )
        )?;
        writeln!(
            out,
            "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\">{}</div></div>",
            num("burden_minutes_per_month", s.burden_minutes_per_month),
            self.t("现有基层负担（分钟/月）", "Current burden (min/month)")
        )?;
        writeln!(
            out,
            "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\">{}{}{}</div></div>",
            num("flags.total", s.flags.total),
            self.t("问题线索（已豁免 ", "Flags (waived "),
            num("flags.waived", s.flags.waived),
            self.t("）", ")")
        )?;
        writeln!(
            out,
            "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\">{}</div></div>",
            num("clusters", s.clusters),
            self.t("重复建设聚类", "Overlap clusters")
        )?;
        writeln!(
            out,
            "<div class=\"card\"><div class=\"num\">{}</div><div class=\"lbl\">{}</div></div>",
            num("problems", s.problems),
            self.t("输入问题", "Input problems")
        )?;
        writeln!(out, "</div>\n<div class=\"grid2\">")?;

        // By kind, before and after.
        writeln!(
            out,
            "<div><h3>{}</h3><table class=\"data\"><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            self.t("按类型", "By kind"),
            self.t("类型", "Kind"),
            self.t("整治前", "Before"),
            self.t("整治后", "After")
        )?;
        for kind in Kind::ALL {
            let c = s.by_kind.get(kind.code()).copied().unwrap_or_default();
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                text::kind(kind, lang),
                num(&format!("by_kind.{}.before", kind.code()), c.before),
                num(&format!("by_kind.{}.after", kind.code()), c.after)
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;

        // By level.
        writeln!(
            out,
            "<div><h3>{}</h3><table class=\"data\"><thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            self.t("按层级", "By level"),
            self.t("层级", "Level"),
            self.t("数量", "Count")
        )?;
        for level in Level::ALL.iter().copied().map(Some).chain([None]) {
            let code = level.map_or("unknown", |l| l.code());
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                text::level(level, lang),
                num(
                    &format!("by_level.{code}"),
                    s.by_level.get(code).copied().unwrap_or(0)
                )
            )?;
        }
        writeln!(out, "</tbody></table></div>")?;

        // Flags by rule.
        writeln!(
            out,
            "<div><h3>{}</h3><table class=\"data\"><thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
            self.t("问题线索按规则", "Flags by rule"),
            self.t("规则", "Rule"),
            self.t("数量", "Count")
        )?;
        if s.flags.by_rule.is_empty() {
            writeln!(
                out,
                "<tr><td colspan=\"2\">{}</td></tr>",
                self.t("无", "None")
            )?;
        }
        for (rule, count) in &s.flags.by_rule {
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                h(rule),
                num(&format!("flags.by_rule.{rule}"), *count)
            )?;
        }
        writeln!(out, "</tbody></table></div></div>")?;

        // Owners by burden.
        writeln!(
            out,
            "<h3>{}</h3>",
            self.t("基层负担最重的主管单位", "Owners by grassroots burden")
        )?;
        if s.top_owners.is_empty() {
            writeln!(
                out,
                "<p class=\"hint\">{}</p>",
                self.t("无主管单位信息。", "No owner information.")
            )?;
        } else {
            writeln!(
                out,
                "<table class=\"data\"><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
                self.t("主管单位", "Owner"),
                self.t("平台数", "Platforms"),
                self.t("需处置", "To act on"),
                self.t("月负担（分钟）", "Burden (min/month)"),
                self.t("可节省（分钟）", "Saved (min/month)")
            )?;
            for (rank, o) in s.top_owners.iter().enumerate() {
                writeln!(
                    out,
                    "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    h(&o.owner),
                    num(&format!("top_owners.{rank}.platforms"), o.platforms),
                    num(&format!("top_owners.{rank}.to_act_on"), o.to_act_on),
                    num(&format!("top_owners.{rank}.burden_minutes_per_month"), o.burden_minutes_per_month),
                    num(&format!("top_owners.{rank}.saved_minutes_per_month"), o.saved_minutes_per_month)
                )?;
            }
            writeln!(out, "</tbody></table>")?;
        }
        writeln!(out, "</section>")
    }
}
