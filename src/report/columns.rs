//! One column definition per report table, shared by HTML, Markdown and XLSX: each
//! column's header in both languages, its XLSX width and whether it sorts as a number
//! in the HTML page. A format picks which of a table's columns it shows (the XLSX
//! sheets carry every column, the pages the ones that fit a screen), but a column is
//! called the same everywhere because it is defined once, here.

use super::text::tr;
use crate::model::Lang;

/// How the HTML page sorts a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sort {
    /// As text.
    Text,
    /// As a number taken from the cell's `data-v` (severity rank, level …).
    Rank,
    /// As a number, right-aligned.
    Number,
}

/// One column of a report table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Column {
    /// Chinese header.
    pub zh: &'static str,
    /// English header.
    pub en: &'static str,
    /// Width in the XLSX sheet, in characters.
    pub width: f64,
    /// How the HTML page sorts it.
    pub sort: Sort,
}

impl Column {
    const fn text(zh: &'static str, en: &'static str, width: f64) -> Column {
        Column {
            zh,
            en,
            width,
            sort: Sort::Text,
        }
    }

    const fn sorted(self, sort: Sort) -> Column {
        Column { sort, ..self }
    }

    /// The header in `lang`.
    pub(crate) fn label(&self, lang: Lang) -> &'static str {
        tr(lang, self.zh, self.en)
    }

    /// The HTML header cell.
    pub(crate) fn th(&self, lang: Lang) -> String {
        let attrs = match self.sort {
            Sort::Text => "",
            Sort::Rank => " data-type=\"num\"",
            Sort::Number => " data-type=\"num\" class=\"n\"",
        };
        format!("<th{attrs}>{}</th>", self.label(lang))
    }
}

/// The HTML header row of `columns` (`<tr>` with one `<th>` each).
pub(crate) fn html_header(columns: &[Column], lang: Lang) -> String {
    let cells: String = columns.iter().map(|c| c.th(lang)).collect();
    format!("<tr>{cells}</tr>")
}

/// The Markdown header and separator rows of `columns`.
pub(crate) fn markdown_header(columns: &[Column], lang: Lang) -> String {
    let labels: Vec<&str> = columns.iter().map(|c| c.label(lang)).collect();
    let rule: Vec<&str> = columns
        .iter()
        .map(|c| match c.sort {
            Sort::Number => "---:",
            Sort::Text | Sort::Rank => "---",
        })
        .collect();
    let rule = rule.join("|");
    format!("| {} |\n|{rule}|", labels.join(" | "))
}

/// The XLSX headers of `columns` with their widths.
pub(crate) fn xlsx_headers(columns: &[Column], lang: Lang) -> Vec<(&'static str, f64)> {
    columns.iter().map(|c| (c.label(lang), c.width)).collect()
}

/// The recommendations table: one row per platform (总表 in XLSX).
pub(crate) mod recommendations {
    use super::{Column, Sort};

    pub(crate) const ID: Column = Column::text("编号", "ID", 14.0);
    pub(crate) const NAME: Column = Column::text("名称", "Name", 28.0);
    pub(crate) const KIND: Column = Column::text("类型", "Kind", 12.0);
    pub(crate) const OWNER: Column = Column::text("主管单位", "Owner", 22.0);
    pub(crate) const DEPARTMENT: Column = Column::text("行业主管部门", "Department", 18.0);
    pub(crate) const LEVEL: Column = Column::text("层级", "Level", 10.0);
    pub(crate) const REGION: Column = Column::text("行政区划", "Region", 14.0);
    pub(crate) const CHANNEL: Column = Column::text("载体", "Channel", 10.0);
    pub(crate) const ACTION: Column = Column::text("处置建议", "Action", 10.0);
    pub(crate) const INTO: Column = Column::text("整合目标", "Into", 14.0);
    pub(crate) const RULES: Column = Column::text("依据规则", "Rules", 24.0);
    pub(crate) const REASONS: Column = Column::text("理由", "Reasons", 60.0);
    pub(crate) const REGION_GOVERNMENT: Column =
        Column::text("属地责任单位", "Regional government", 20.0);
    pub(crate) const LINE_DEPARTMENT: Column =
        Column::text("行业主管单位", "Line department", 20.0);
    pub(crate) const DEADLINE: Column = Column::text("完成时限", "Deadline", 12.0);
    pub(crate) const BURDEN: Column =
        Column::text("月负担（分钟）", "Burden (min/month)", 12.0).sorted(Sort::Number);
    pub(crate) const SAVED: Column =
        Column::text("月节省（分钟）", "Saved (min/month)", 12.0).sorted(Sort::Number);
    pub(crate) const USERS: Column = Column::text("注册用户数", "Users", 12.0);
    pub(crate) const MONTHLY_ACTIVE: Column = Column::text("月活跃用户数", "Monthly active", 12.0);
    pub(crate) const CREATED: Column = Column::text("上线时间", "Created", 12.0);
    pub(crate) const LAST_UPDATE: Column = Column::text("最近更新", "Last update", 12.0);
    pub(crate) const LAST_ACTIVE: Column = Column::text("最近活跃", "Last active", 12.0);
    /// The disposition beyond the action (issue 18): sub-action and conditions.
    pub(crate) const SUB_ACTION: Column = Column::text("处置细项", "Sub-action", 28.0);

    /// Every column, as the XLSX sheet shows them.
    pub(crate) const XLSX: [Column; 23] = [
        ID,
        NAME,
        KIND,
        OWNER,
        DEPARTMENT,
        LEVEL,
        REGION,
        CHANNEL,
        ACTION,
        INTO,
        RULES,
        REASONS,
        REGION_GOVERNMENT,
        LINE_DEPARTMENT,
        DEADLINE,
        BURDEN,
        SAVED,
        USERS,
        MONTHLY_ACTIVE,
        CREATED,
        LAST_UPDATE,
        LAST_ACTIVE,
        SUB_ACTION,
    ];
    /// The HTML page's sortable table (reasons are in the detail sections).
    pub(crate) const HTML: [Column; 11] = [
        ID, NAME, KIND, LEVEL, OWNER, ACTION, INTO, RULES, DEADLINE, SAVED, SUB_ACTION,
    ];
    /// The Markdown table.
    pub(crate) const MARKDOWN: [Column; 8] =
        [ID, NAME, KIND, LEVEL, ACTION, INTO, DEADLINE, REASONS];
}

/// The flags table: one row per finding (问题清单 in XLSX).
pub(crate) mod flags {
    use super::{Column, Sort};

    pub(crate) const ID: Column = Column::text("编号", "ID", 14.0);
    pub(crate) const NAME: Column = Column::text("名称", "Name", 28.0);
    pub(crate) const RULE: Column = Column::text("规则", "Rule", 24.0);
    pub(crate) const SEVERITY: Column =
        Column::text("严重程度", "Severity", 10.0).sorted(Sort::Rank);
    pub(crate) const CLAUSE: Column = Column::text("条款", "Clause", 40.0);
    pub(crate) const MESSAGE: Column = Column::text("问题描述", "Message", 50.0);
    pub(crate) const EVIDENCE: Column = Column::text("证据", "Evidence", 60.0);
    pub(crate) const WAIVER: Column = Column::text("豁免理由", "Waiver", 20.0);

    /// Every column, as the XLSX sheet shows them.
    pub(crate) const XLSX: [Column; 8] =
        [ID, NAME, RULE, SEVERITY, CLAUSE, MESSAGE, EVIDENCE, WAIVER];
    /// The HTML and Markdown tables (the waiver is written into the message cell).
    pub(crate) const PAGE: [Column; 6] = [ID, NAME, RULE, SEVERITY, MESSAGE, EVIDENCE];
}

/// The rule coverage table: one row per catalog rule.
pub(crate) mod coverage {
    use super::{Column, Sort};

    pub(crate) const RULE: Column = Column::text("规则", "Rule", 24.0);
    pub(crate) const CLAUSE: Column = Column::text("条款", "Clause", 40.0);
    pub(crate) const APPLICABLE: Column =
        Column::text("适用平台", "Applicable", 10.0).sorted(Sort::Number);
    pub(crate) const INSUFFICIENT: Column =
        Column::text("数据不足", "Insufficient data", 10.0).sorted(Sort::Number);
    pub(crate) const FLAGS: Column = Column::text("问题线索", "Flags", 10.0).sorted(Sort::Number);
    pub(crate) const NOTE: Column = Column::text("说明", "Note", 40.0);

    /// The HTML table.
    pub(crate) const HTML: [Column; 6] = [RULE, CLAUSE, APPLICABLE, INSUFFICIENT, FLAGS, NOTE];
    /// The Markdown table (the clause is cited with each flag instead).
    pub(crate) const MARKDOWN: [Column; 5] = [RULE, APPLICABLE, INSUFFICIENT, FLAGS, NOTE];
}

/// The input problems table.
pub(crate) mod problems {
    use super::{Column, Sort};

    pub(crate) const FILE: Column = Column::text("文件", "File", 30.0);
    pub(crate) const SHEET: Column = Column::text("工作表", "Sheet", 14.0);
    pub(crate) const ROW: Column = Column::text("行", "Row", 8.0).sorted(Sort::Number);
    pub(crate) const COLUMN: Column = Column::text("列", "Column", 14.0);
    pub(crate) const KIND: Column = Column::text("类型", "Kind", 18.0);
    pub(crate) const LEVEL: Column = Column::text("级别", "Level", 8.0);
    pub(crate) const MESSAGE: Column = Column::text("说明", "Message", 60.0);

    /// Every column, as the XLSX sheet and the HTML page show them.
    pub(crate) const ALL: [Column; 7] = [FILE, SHEET, ROW, COLUMN, KIND, LEVEL, MESSAGE];
    /// The Markdown table (the sheet is written after the file name).
    pub(crate) const MARKDOWN: [Column; 5] = [FILE, ROW, COLUMN, LEVEL, MESSAGE];
}

/// The follow-through table: earlier recommendations and how they stand.
pub(crate) mod follow_through {
    use super::Column;

    pub(crate) const ID: Column = Column::text("编号", "ID", 14.0);
    pub(crate) const NAME: Column = Column::text("名称", "Name", 28.0);
    pub(crate) const ACTION: Column = Column::text("原建议", "Action", 10.0);
    pub(crate) const RECOMMENDED_ON: Column = Column::text("提出日期", "Recommended on", 12.0);
    pub(crate) const DEADLINE: Column = Column::text("完成时限", "Deadline", 12.0);
    pub(crate) const STATUS: Column = Column::text("状态", "Status", 10.0);
    pub(crate) const NOTE: Column = Column::text("说明", "Note", 40.0);

    /// The HTML and Markdown tables.
    pub(crate) const ALL: [Column; 7] = [ID, NAME, ACTION, RECOMMENDED_ON, DEADLINE, STATUS, NOTE];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_columns_are_columns_of_the_full_table() {
        for c in recommendations::HTML
            .iter()
            .chain(&recommendations::MARKDOWN)
        {
            assert!(recommendations::XLSX.contains(c), "{}", c.zh);
        }
        for c in &flags::PAGE {
            assert!(flags::XLSX.contains(c), "{}", c.zh);
        }
        for c in &coverage::MARKDOWN {
            assert!(coverage::HTML.contains(c), "{}", c.zh);
        }
        for c in &problems::MARKDOWN {
            assert!(problems::ALL.contains(c), "{}", c.zh);
        }
    }

    #[test]
    fn headers_render_per_format() {
        let cols = [flags::ID, flags::SEVERITY, recommendations::SAVED];
        assert_eq!(
            html_header(&cols, Lang::En),
            "<tr><th>ID</th><th data-type=\"num\">Severity</th>\
             <th data-type=\"num\" class=\"n\">Saved (min/month)</th></tr>"
        );
        assert_eq!(
            markdown_header(&cols, Lang::Zh),
            "| 编号 | 严重程度 | 月节省（分钟） |\n|---|---|---:|"
        );
        assert_eq!(xlsx_headers(&cols[..1], Lang::Zh), vec![("编号", 14.0)]);
    }
}
