//! Turning one input row into a [`Record`]: every importer hands over cells as [`Cell`]
//! values (text from CSV, typed values from XLSX and JSON) together with the matched
//! column, and [`RowBuilder`] parses them by column type, reporting every cell it
//! cannot read as a [`Problem`] and leaving that field empty.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::model::{Kind, Level, MatterStatus, Problem, ProblemLevel, Provenance, Record};

use super::cells::{
    cap_cell, excel_serial_to_date, is_null_marker, normalize_cell, parse_bool, parse_count,
    parse_date, quote_value, split_multi, MAX_CELL_BYTES,
};
use super::columns::{Column, ColumnType, HeaderMatch};

/// One cell as an importer read it, before parsing by column type.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// No value (empty cell, JSON `null`).
    Empty,
    /// Text, not yet normalised.
    Text(Cow<'a, str>),
    /// An integer (XLSX, JSON).
    Int(i64),
    /// A floating-point number (XLSX, JSON).
    Float(f64),
    /// A boolean (XLSX, JSON).
    Bool(bool),
    /// A date the source already typed as one (an XLSX date cell).
    Date(NaiveDate),
    /// An XLSX date cell whose serial is outside the calendar.
    BadDate(f64),
    /// A JSON array.
    List(Vec<Cell<'a>>),
    /// A JSON object, which no column accepts.
    Object,
    /// A spreadsheet error value such as `#N/A`.
    SheetError(String),
}

impl Cell<'_> {
    /// A short Chinese name for the cell's type, for `wrong-type` messages.
    fn type_name(&self) -> &'static str {
        match self {
            Cell::Empty => "空值",
            Cell::Text(_) => "文本",
            Cell::Int(_) | Cell::Float(_) => "数字",
            Cell::Bool(_) => "布尔值",
            Cell::Date(_) | Cell::BadDate(_) => "日期",
            Cell::List(_) => "数组",
            Cell::Object => "对象",
            Cell::SheetError(_) => "错误值",
        }
    }

    /// The cell as plain text for extra columns and free-text fields; `None` for types
    /// that have no sensible text (arrays, objects).
    fn scalar_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Cell::Empty => Some(Cow::Borrowed("")),
            Cell::Text(text) => Some(Cow::Borrowed(text.as_ref())),
            Cell::Int(n) => Some(Cow::Owned(n.to_string())),
            Cell::Float(x) => Some(Cow::Owned(float_text(*x))),
            Cell::Bool(b) => Some(Cow::Borrowed(if *b { "是" } else { "否" })),
            Cell::Date(date) => Some(Cow::Owned(date.to_string())),
            Cell::BadDate(x) => Some(Cow::Owned(float_text(*x))),
            Cell::SheetError(text) => Some(Cow::Borrowed(text.as_str())),
            Cell::List(_) | Cell::Object => None,
        }
    }
}

/// Whether a members cell describes who is in a group (领导班子成员, 全体干部职工) rather
/// than counting them: text with no digit in it that is not a null mark.
fn describes_people(cell: &Cell<'_>) -> bool {
    match cell {
        Cell::Text(text) => {
            let text = normalize_cell(cap_cell(text).0);
            !is_null_marker(&text) && !text.chars().any(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Writes a float without a spurious `.0` when it is whole (Excel stores 1234 as 1234.0).
fn float_text(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}

/// Where a row sits, for provenance and problems.
#[derive(Debug, Clone, Copy)]
pub struct RowPlace<'a> {
    /// File path relative to the inventory root.
    pub file: &'a str,
    /// Sheet name for XLSX.
    pub sheet: Option<&'a str>,
    /// 1-based row or line.
    pub row: usize,
}

impl RowPlace<'_> {
    /// A problem at this row.
    pub fn problem(
        &self,
        column: Option<&str>,
        kind: &str,
        level: ProblemLevel,
        message: String,
    ) -> Problem {
        Problem {
            file: self.file.to_owned(),
            sheet: self.sheet.map(str::to_owned),
            row: Some(self.row),
            column: column.map(str::to_owned),
            kind: kind.to_owned(),
            message,
            level,
        }
    }
}

/// Builds one [`Record`] from the cells of a row.
#[derive(Debug)]
pub struct RowBuilder<'p> {
    place: RowPlace<'p>,
    record: Record,
    /// Whether any cell held a value; a row of empty cells is skipped.
    any_value: bool,
}

impl<'p> RowBuilder<'p> {
    /// Starts a record at `place`.
    pub fn new(place: RowPlace<'p>) -> RowBuilder<'p> {
        let record = Record {
            provenance: Provenance {
                source: place.file.to_owned(),
                sheet: place.sheet.map(str::to_owned),
                row: place.row,
            },
            ..Record::default()
        };
        RowBuilder {
            place,
            record,
            any_value: false,
        }
    }

    /// Whether any cell so far held a value.
    pub fn has_values(&self) -> bool {
        self.any_value
    }

    /// The finished record, or `None` when every cell was empty. A row whose owner is
    /// empty takes the supervising unit (主管单位) as its owner.
    pub fn finish(mut self) -> Option<Record> {
        if !self.any_value {
            return None;
        }
        let record = &mut self.record;
        if record.owner.is_none() {
            if let Some((_, supervisor)) =
                super::columns::extra_column(&record.extra, Column::Supervisor)
            {
                record.owner = Some(supervisor.to_owned());
            }
        }
        Some(self.record)
    }

    /// Keeps a cell of an unknown column in `Record.extra`, under its header as written.
    pub fn put_extra(&mut self, header: &str, cell: Cell<'_>, problems: &mut Vec<Problem>) {
        let text = match cell.scalar_text() {
            Some(text) => text.into_owned(),
            None => match &cell {
                Cell::List(items) => items
                    .iter()
                    .filter_map(|item| item.scalar_text().map(Cow::into_owned))
                    .collect::<Vec<_>>()
                    .join("、"),
                _ => {
                    problems.push(self.wrong_type(header, "文本", &cell));
                    return;
                }
            },
        };
        let Some(text) = self.capped_normalized(header, &text, problems) else {
            return;
        };
        if text.is_empty() {
            return;
        }
        self.any_value = true;
        self.record.extra.insert(header.to_owned(), text);
    }

    /// Parses a cell of a known column into the record.
    pub fn put(
        &mut self,
        matched: HeaderMatch,
        header: &str,
        cell: Cell<'_>,
        problems: &mut Vec<Problem>,
    ) {
        if matches!(cell, Cell::Empty) {
            return;
        }
        let column = matched.column;
        match column.column_type() {
            ColumnType::Ignored => {}
            ColumnType::Kept => self.put_extra(header, cell, problems),
            ColumnType::Text => {
                if let Some(text) = self.text_value(header, &cell, problems) {
                    self.any_value = true;
                    *text_slot(&mut self.record, column) = Some(text);
                }
            }
            ColumnType::TextOrBool => {
                let value = match cell {
                    Cell::Bool(b) => Some(if b { "是" } else { "否" }.to_owned()),
                    _ => self.text_value(header, &cell, problems),
                };
                if let Some(text) = value {
                    self.any_value = true;
                    self.record.checkin = Some(text);
                }
            }
            ColumnType::Multi => {
                let values = self.multi_value(header, &cell, problems);
                if !values.is_empty() {
                    self.any_value = true;
                    let slot = match column {
                        Column::DataFields => &mut self.record.data_fields,
                        _ => &mut self.record.functions,
                    };
                    if slot.is_empty() {
                        *slot = values;
                    } else {
                        slot.extend(values);
                    }
                }
            }
            ColumnType::Count if column == Column::Members && describes_people(&cell) => {
                // 群成员 = 领导班子成员 / 全体干部职工: who is in the group, not how many.
                self.put_extra(header, cell, problems);
            }
            ColumnType::Count => {
                self.any_value = true;
                if let Some(n) = self.count_value(header, matched.unit, &cell, problems) {
                    let slot = match column {
                        Column::MonthlyActive => &mut self.record.monthly_active,
                        Column::Members => &mut self.record.members,
                        _ => &mut self.record.users,
                    };
                    *slot = Some(n);
                }
            }
            ColumnType::Date => {
                self.any_value = true;
                if let Some(date) = self.date_value(header, &cell, problems) {
                    let slot = match column {
                        Column::LastUpdate => &mut self.record.last_update,
                        Column::LastActive => &mut self.record.last_active,
                        _ => &mut self.record.created,
                    };
                    *slot = Some(date);
                }
            }
            ColumnType::Bool => {
                self.any_value = true;
                if let Some(b) = self.bool_value(header, &cell, problems) {
                    let slot = match column {
                        Column::AssessmentLinked => &mut self.record.assessment_linked,
                        _ => &mut self.record.mandatory,
                    };
                    *slot = Some(b);
                }
            }
            ColumnType::Kind => {
                self.any_value = true;
                self.record.kind = self.enum_value(header, &cell, problems, Kind::parse, BAD_KIND);
                // A type written as the channel (微信订阅号, 新浪微博) also names the platform.
                if self.record.channel.is_none() {
                    if let Cell::Text(text) = &cell {
                        let text = normalize_cell(cap_cell(text).0);
                        if super::cells::platform_of_channel(&text).is_some()
                            && super::cells::kind_of_channel(&text).is_some()
                        {
                            self.record.channel = Some(text.into_owned());
                        }
                    }
                }
            }
            ColumnType::Level => {
                self.any_value = true;
                self.record.level =
                    self.enum_value(header, &cell, problems, Level::parse, BAD_LEVEL);
            }
            ColumnType::Status => {
                self.any_value = true;
                self.record.matter_status =
                    self.enum_value(header, &cell, problems, MatterStatus::parse, BAD_STATUS);
            }
        }
    }

    fn wrong_type(&self, header: &str, expected: &str, cell: &Cell<'_>) -> Problem {
        self.place.problem(
            Some(header),
            "wrong-type",
            ProblemLevel::Error,
            format!("该列应为{expected}，实际是{}，已忽略此值", cell.type_name()),
        )
    }

    /// Caps and normalises text, reporting a cut.
    fn capped_normalized(
        &self,
        header: &str,
        text: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        let (kept, cut) = cap_cell(text);
        if cut {
            problems.push(self.place.problem(
                Some(header),
                "cell-too-long",
                ProblemLevel::Warning,
                format!(
                    "单元格长度 {} 字节，超过上限 {} 字节，已截断保留前一部分",
                    text.len(),
                    MAX_CELL_BYTES
                ),
            ));
        }
        Some(normalize_cell(kept).into_owned())
    }

    fn text_value(
        &self,
        header: &str,
        cell: &Cell<'_>,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        let Some(raw) = cell.scalar_text() else {
            problems.push(self.wrong_type(header, "文本", cell));
            return None;
        };
        let text = self.capped_normalized(header, &raw, problems)?;
        (!text.is_empty()).then_some(text)
    }

    fn multi_value(
        &self,
        header: &str,
        cell: &Cell<'_>,
        problems: &mut Vec<Problem>,
    ) -> Vec<String> {
        match cell {
            Cell::List(items) => {
                let mut values = Vec::with_capacity(items.len());
                let mut reported = false;
                for item in items {
                    match item.scalar_text() {
                        Some(raw) => {
                            // An array is already split: its elements are taken whole.
                            let text = normalize_cell(cap_cell(&raw).0);
                            if !text.is_empty() {
                                values.push(text.into_owned());
                            }
                        }
                        None if !reported => {
                            reported = true;
                            problems.push(self.wrong_type(header, "文本数组", item));
                        }
                        None => {}
                    }
                }
                values
            }
            Cell::Object => {
                problems.push(self.wrong_type(header, "文本或文本数组", cell));
                Vec::new()
            }
            _ => match self.text_value(header, cell, problems) {
                Some(text) => split_multi(&text),
                None => Vec::new(),
            },
        }
    }

    fn count_value(
        &self,
        header: &str,
        unit: u64,
        cell: &Cell<'_>,
        problems: &mut Vec<Problem>,
    ) -> Option<u64> {
        let bad = |shown: String| {
            self.place.problem(
                Some(header),
                "bad-number",
                ProblemLevel::Error,
                format!("数值“{shown}”无法识别，应为非负整数，如 1234、1,234、1.2万"),
            )
        };
        match cell {
            Cell::Int(n) => match u64::try_from(*n).ok().and_then(|n| n.checked_mul(unit)) {
                Some(n) => Some(n),
                None => {
                    problems.push(bad(n.to_string()));
                    None
                }
            },
            Cell::Float(x) => {
                let scaled = x * unit as f64;
                let whole = if unit > 1 { scaled.round() } else { scaled };
                if x.is_finite() && whole >= 0.0 && whole.fract() == 0.0 && whole < 1.8e19 {
                    Some(whole as u64)
                } else {
                    problems.push(bad(float_text(*x)));
                    None
                }
            }
            Cell::Text(raw) => {
                let text = normalize_cell(cap_cell(raw).0);
                if is_null_marker(&text) {
                    return None;
                }
                let value = parse_count(&text, unit);
                if value.is_none() {
                    problems.push(bad(quote_value(&text)));
                }
                value
            }
            Cell::SheetError(text) => {
                problems.push(bad(text.clone()));
                None
            }
            _ => {
                problems.push(self.wrong_type(header, "整数", cell));
                None
            }
        }
    }

    fn date_value(
        &self,
        header: &str,
        cell: &Cell<'_>,
        problems: &mut Vec<Problem>,
    ) -> Option<NaiveDate> {
        let bad = |shown: String| {
            self.place.problem(
                Some(header),
                "bad-date",
                ProblemLevel::Error,
                format!("日期“{shown}”无法识别，应为 2024-05-01、2024/5/1、2024年5月1日 等格式"),
            )
        };
        let value = match cell {
            Cell::Date(date) => return Some(*date),
            Cell::BadDate(x) => {
                problems.push(bad(float_text(*x)));
                return None;
            }
            Cell::Int(n) => {
                // A number in a date column: an Excel serial or a packed 20240501.
                let text = n.to_string();
                (parse_date(&text, true), text)
            }
            // A whole float may be a packed date that went through a spreadsheet
            // (20240501.0); anything else is a serial with a time of day.
            Cell::Float(x) if x.fract() == 0.0 && (1e7..1e8).contains(x) => {
                let text = float_text(*x);
                (parse_date(&text, true), text)
            }
            Cell::Float(x) => (excel_serial_to_date(*x), float_text(*x)),
            Cell::Text(raw) => {
                let text = normalize_cell(cap_cell(raw).0);
                if is_null_marker(&text) {
                    return None;
                }
                (parse_date(&text, true), quote_value(&text))
            }
            Cell::SheetError(text) => (None, text.clone()),
            _ => {
                problems.push(self.wrong_type(header, "日期", cell));
                return None;
            }
        };
        if value.0.is_none() {
            problems.push(bad(value.1));
        }
        value.0
    }

    fn bool_value(
        &self,
        header: &str,
        cell: &Cell<'_>,
        problems: &mut Vec<Problem>,
    ) -> Option<bool> {
        let bad = |shown: String| {
            self.place.problem(
                Some(header),
                "bad-bool",
                ProblemLevel::Error,
                format!("“{shown}”无法识别为是/否，应为 是/否、有/无、Y/N、true/false、1/0、√/×"),
            )
        };
        let value = match cell {
            Cell::Bool(b) => return Some(*b),
            Cell::Int(0) => return Some(false),
            Cell::Int(1) => return Some(true),
            Cell::Float(x) if *x == 0.0 => return Some(false),
            Cell::Float(x) if *x == 1.0 => return Some(true),
            Cell::Int(_) | Cell::Float(_) | Cell::SheetError(_) => {
                let shown = cell.scalar_text().map(Cow::into_owned).unwrap_or_default();
                (None, shown)
            }
            Cell::Text(raw) => {
                let text = normalize_cell(cap_cell(raw).0);
                if text != "无" && is_null_marker(&text) {
                    return None;
                }
                (parse_bool(&text), quote_value(&text))
            }
            _ => {
                problems.push(self.wrong_type(header, "是/否", cell));
                return None;
            }
        };
        if value.0.is_none() {
            problems.push(bad(value.1));
        }
        value.0
    }

    fn enum_value<T>(
        &self,
        header: &str,
        cell: &Cell<'_>,
        problems: &mut Vec<Problem>,
        parse: fn(&str) -> Option<T>,
        bad: BadEnum,
    ) -> Option<T> {
        let Cell::Text(raw) = cell else {
            problems.push(self.wrong_type(header, "文本", cell));
            return None;
        };
        let text = normalize_cell(cap_cell(raw).0);
        if is_null_marker(&text) {
            return None;
        }
        let value = parse(&text);
        if value.is_none() {
            problems.push(self.place.problem(
                Some(header),
                bad.kind,
                ProblemLevel::Error,
                format!("{}“{}”无法识别，{}", bad.what, quote_value(&text), bad.hint),
            ));
        }
        value
    }
}

/// How an unreadable enumerated value is reported.
#[derive(Debug, Clone, Copy)]
struct BadEnum {
    kind: &'static str,
    what: &'static str,
    hint: &'static str,
}

const BAD_KIND: BadEnum = BadEnum {
    kind: "bad-kind",
    what: "类型",
    hint: "应为 政务APP、小程序、公众号、工作群、工作平台、报表 之一",
};
const BAD_LEVEL: BadEnum = BadEnum {
    kind: "bad-level",
    what: "层级",
    hint: "应为 中央、省、市、县（区）、乡镇（街道）、村（社区） 之一",
};
const BAD_STATUS: BadEnum = BadEnum {
    kind: "bad-status",
    what: "事项状态",
    hint: "应为 进行中 或 已完结",
};

fn text_slot(record: &mut Record, column: Column) -> &mut Option<String> {
    match column {
        Column::Id => &mut record.id,
        Column::Name => &mut record.name,
        Column::Channel => &mut record.channel,
        Column::Owner => &mut record.owner,
        Column::Department => &mut record.department,
        Column::Region => &mut record.region,
        Column::Description => &mut record.description,
        Column::Matter => &mut record.matter,
        Column::FilingNo => &mut record.filing_no,
        _ => &mut record.notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::columns::match_header;

    fn build(cells: &[(&str, Cell<'static>)]) -> (Option<Record>, Vec<Problem>) {
        let place = RowPlace {
            file: "t.csv",
            sheet: None,
            row: 2,
        };
        let mut builder = RowBuilder::new(place);
        let mut problems = Vec::new();
        for (header, cell) in cells {
            match match_header(header) {
                Some(m) => builder.put(m, header, cell.clone(), &mut problems),
                None => builder.put_extra(header, cell.clone(), &mut problems),
            }
        }
        (builder.finish(), problems)
    }

    fn text(s: &'static str) -> Cell<'static> {
        Cell::Text(Cow::Borrowed(s))
    }

    #[test]
    fn typed_cells_fill_the_record() {
        let (record, problems) = build(&[
            ("名称", text(" 澄岚通 ")),
            ("类型", text("政务ＡＰＰ")),
            ("层级", text("县级")),
            ("主要功能", text("预约、缴费")),
            ("采集数据项", Cell::List(vec![text("姓名"), Cell::Int(7)])),
            ("注册用户数（万人）", Cell::Float(1.5)),
            ("月活", text("1,234")),
            ("上线时间", Cell::Float(45413.0)),
            ("最近活跃", Cell::Float(20240501.0)),
            ("最近更新", text("2024年5月1日")),
            ("是否强制使用", Cell::Bool(true)),
            ("是否纳入考核", text("否")),
            ("打卡要求", Cell::Bool(false)),
            ("事项状态", text("已完结")),
            ("编号", Cell::Int(42)),
            ("联系人", text("张三")),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        let record = record.unwrap();
        assert_eq!(record.name.as_deref(), Some("澄岚通"));
        assert_eq!(record.kind, Some(Kind::App));
        assert_eq!(record.level, Some(Level::County));
        assert_eq!(record.functions, ["预约", "缴费"]);
        assert_eq!(record.data_fields, ["姓名", "7"]);
        assert_eq!(record.users, Some(15_000));
        assert_eq!(record.monthly_active, Some(1234));
        assert_eq!(record.created, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(record.last_update, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(record.last_active, NaiveDate::from_ymd_opt(2024, 5, 1));
        assert_eq!(record.mandatory, Some(true));
        assert_eq!(record.assessment_linked, Some(false));
        assert_eq!(record.checkin.as_deref(), Some("否"));
        assert_eq!(record.matter_status, Some(MatterStatus::Finished));
        assert_eq!(record.id.as_deref(), Some("42"));
        assert_eq!(record.extra.get("联系人").map(String::as_str), Some("张三"));
        assert_eq!(record.provenance.row, 2);
    }

    #[test]
    fn unreadable_cells_become_problems_not_defaults() {
        let (record, problems) = build(&[
            ("name", text("x")),
            ("created", text("2024-13-45")),
            ("users", text("很多")),
            ("mandatory", text("也许")),
            ("kind", text("飞船")),
            ("level", text("银河")),
            ("matter_status", text("不清楚")),
            ("owner", Cell::Object),
            ("members", Cell::List(vec![])),
            ("monthly_active", Cell::Int(-5)),
        ]);
        let record = record.unwrap();
        assert_eq!(record.created, None);
        assert_eq!(record.users, None);
        assert_eq!(record.mandatory, None);
        assert_eq!(record.kind, None);
        assert_eq!(record.owner, None);
        let kinds: Vec<&str> = problems.iter().map(|p| p.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "bad-date",
                "bad-number",
                "bad-bool",
                "bad-kind",
                "bad-level",
                "bad-status",
                "wrong-type",
                "wrong-type",
                "bad-number"
            ]
        );
        assert!(problems[0].message.contains("2024-13-45"));
        assert_eq!(problems[0].column.as_deref(), Some("created"));
        assert_eq!(problems[0].row, Some(2));
    }

    #[test]
    fn null_markers_and_empty_rows() {
        let (record, problems) = build(&[("users", text("-")), ("created", text("暂无"))]);
        assert!(problems.is_empty());
        let record = record.unwrap();
        assert_eq!(record.users, None);
        let (record, _) = build(&[("name", Cell::Empty), ("notes", text("  "))]);
        assert!(record.is_none());
    }

    #[test]
    fn members_that_describe_people_are_an_audience_not_a_count() {
        let (record, problems) = build(&[
            ("群名称", text("局工作群")),
            ("群成员", text("领导班子成员")),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        let record = record.unwrap();
        assert_eq!(record.members, None);
        assert_eq!(
            record.extra.get("群成员").map(String::as_str),
            Some("领导班子成员")
        );
        let (record, problems) = build(&[("群成员", text("35人"))]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(record.unwrap().members, Some(35));
    }

    #[test]
    fn owner_and_supervisor_are_both_kept() {
        let (record, _) = build(&[
            ("主办单位", text("澄岚县自然资源局综合执法大队")),
            ("主管单位", text("澄岚县自然资源局")),
        ]);
        let record = record.unwrap();
        assert_eq!(
            record.owner.as_deref(),
            Some("澄岚县自然资源局综合执法大队")
        );
        assert_eq!(
            record.extra.get("主管单位").map(String::as_str),
            Some("澄岚县自然资源局")
        );
        // A table with only 主管单位 names the owner by it (DESIGN.md §2).
        let (record, _) = build(&[
            ("名称", text("澄岚发布")),
            ("主管单位", text("澄岚市委宣传部")),
        ]);
        assert_eq!(record.unwrap().owner.as_deref(), Some("澄岚市委宣传部"));
    }

    #[test]
    fn a_type_written_as_the_channel_also_names_the_channel() {
        let (record, problems) = build(&[("类型", text("微信订阅号"))]);
        assert!(problems.is_empty(), "{problems:?}");
        let record = record.unwrap();
        assert_eq!(record.kind, Some(Kind::Account));
        assert_eq!(record.channel.as_deref(), Some("微信订阅号"));
        let (record, _) = build(&[("类型", text("新浪微博")), ("平台", text("政务微博"))]);
        assert_eq!(record.unwrap().channel.as_deref(), Some("政务微博"));
    }
}
