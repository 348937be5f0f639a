//! What a real register holds besides its rows: the kind of the rows when the table
//! has no kind column (from the channel, then the sheet name, then the file name), the
//! channel normalised to its platform, and the rows under a table that are not records
//! (填表人/审核人 footers, 合计/小计 rows, 注： notes). Everything decided here is listed
//! in the problems at `info` level, so a bureau can see what the reader assumed.

use std::collections::BTreeMap;

use crate::model::{Kind, Problem, ProblemLevel, Record};

use super::cells::{kind_of_channel, kind_of_title, platform_of_channel};
use super::row::{Cell, RowPlace};

/// Where an inferred kind came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Basis {
    Channel,
    Sheet,
    File,
}

/// (sheet, basis, kind) of a group of inferred rows.
type InferenceKey = (Option<String>, Basis, Kind);
/// (rows, first row, what the basis said) of such a group.
type Inferred = (usize, usize, String);

/// Infers missing kinds and normalises channels of the records `file` produced,
/// appending one `kind-inferred` problem per table, basis and kind.
pub fn complete_records(file: &str, records: &mut [Record], problems: &mut Vec<Problem>) {
    let file_name = file.rsplit('/').next().unwrap_or(file);
    let file_kind = kind_of_title(file_name);
    let mut inferred: BTreeMap<InferenceKey, Inferred> = BTreeMap::new();
    let mut sheet_kinds: BTreeMap<String, Option<Kind>> = BTreeMap::new();
    for record in records.iter_mut() {
        if record.kind.is_none() {
            let from_channel = record
                .channel
                .as_deref()
                .and_then(|c| kind_of_channel(c).map(|k| (k, Basis::Channel, c.to_owned())));
            let from_sheet = || {
                let sheet = record.provenance.sheet.as_deref()?;
                let kind = *sheet_kinds
                    .entry(sheet.to_owned())
                    .or_insert_with(|| kind_of_title(sheet));
                kind.map(|k| (k, Basis::Sheet, sheet.to_owned()))
            };
            let found = from_channel
                .or_else(from_sheet)
                .or_else(|| file_kind.map(|k| (k, Basis::File, file_name.to_owned())));
            if let Some((kind, basis, said)) = found {
                record.kind = Some(kind);
                let entry = inferred
                    .entry((record.provenance.sheet.clone(), basis, kind))
                    .or_insert((0, record.provenance.row, said));
                entry.0 += 1;
            }
        }
        if let Some(channel) = record.channel.as_deref() {
            if let Some(platform) = platform_of_channel(channel) {
                if platform != channel {
                    record.channel = Some(platform.to_owned());
                }
            }
        }
    }
    for ((sheet, basis, kind), (rows, first, said)) in inferred {
        let basis_text = match basis {
            Basis::Channel => format!("载体（首行为“{said}”）"),
            Basis::Sheet => format!("工作表名“{said}”"),
            Basis::File => format!("文件名“{said}”"),
        };
        problems.push(Problem {
            file: file.to_owned(),
            sheet,
            row: Some(first),
            column: Some("kind".to_owned()),
            kind: "kind-inferred".to_owned(),
            message: format!(
                "{rows} 行未填类型，按{basis_text}推断为“{}”（首行为第 {first} 行）",
                kind.label_zh()
            ),
            level: ProblemLevel::Info,
        });
    }
}

/// What a non-record row under a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkippedRow {
    /// 填表人： … 审核人： … 填报日期： … 联系电话：
    Footer,
    /// 合计 / 小计 / 总计.
    Total,
    /// 注： … / 说明： … / 备注： … under the table.
    Note,
}

impl SkippedRow {
    fn label(self) -> &'static str {
        match self {
            SkippedRow::Footer => "表尾签名行（填表人、审核人、填报日期等）",
            SkippedRow::Total => "合计/小计行",
            SkippedRow::Note => "表下注释行",
        }
    }
}

/// Words a footer row starts a cell with.
const FOOTER_WORDS: [&str; 14] = [
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "审核",
    "负责人",
    "单位负责人",
    "分管领导",
    "填表日期",
    "填报日期",
    "制表日期",
    "联系电话",
    "联系人",
    "填报单位(盖章)",
];

/// Classifies a row under the header that is not a record: a footer, a total row or a
/// note. A row is a footer when its first non-empty cell starts with a footer word
/// followed by a colon (or is nothing but the word), a total when its first non-empty
/// cell is 合计/小计/总计, and a note when its only non-empty cell starts with 注 or 说明
/// and a colon. Anything else is a record.
pub fn classify_row(cells: &[Cell<'_>]) -> Option<SkippedRow> {
    let texts: Vec<String> = cells
        .iter()
        .filter_map(|c| match c {
            Cell::Text(t) => {
                let t = super::cells::normalize_cell(t);
                (!t.is_empty()).then(|| t.into_owned())
            }
            Cell::Empty => None,
            _ => Some(String::from("#")),
        })
        .collect();
    let first = texts.first()?;
    let compact: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    let starts_labelled = |word: &str| {
        compact
            .strip_prefix(word)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(':') || rest.starts_with('：'))
    };
    if FOOTER_WORDS.iter().any(|w| starts_labelled(w)) {
        return Some(SkippedRow::Footer);
    }
    if matches!(
        compact.as_str(),
        "合计" | "小计" | "总计" | "总合计" | "共计"
    ) {
        return Some(SkippedRow::Total);
    }
    let note = ["注", "说明", "备注", "附注", "填表说明"].iter().any(|w| {
        compact.strip_prefix(w).is_some_and(|r| {
            r.starts_with(':')
                || r.starts_with('：')
                || r.starts_with(|c: char| c.is_ascii_digit() && texts.len() == 1)
        })
    });
    if note && texts.len() == 1 {
        return Some(SkippedRow::Note);
    }
    None
}

/// The problem listing a skipped row.
pub fn skipped_problem(place: RowPlace<'_>, what: SkippedRow) -> Problem {
    place.problem(
        None,
        "skipped-row",
        ProblemLevel::Info,
        format!(
            "第 {} 行是{}，不是登记记录，已跳过",
            place.row,
            what.label()
        ),
    )
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::model::Provenance;

    fn text_row(cells: &[&'static str]) -> Vec<Cell<'static>> {
        cells
            .iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(Cow::Borrowed(*c))
                }
            })
            .collect()
    }

    #[test]
    fn footers_totals_and_notes_are_recognised() {
        for (cells, expected) in [
            (
                vec!["填表人：张三", "", "审核人：李四"],
                Some(SkippedRow::Footer),
            ),
            (
                vec!["", "填报日期：2026年1月5日", ""],
                Some(SkippedRow::Footer),
            ),
            (
                vec!["联系电话", "0771-1234567", ""],
                Some(SkippedRow::Footer),
            ),
            (vec!["合计", "", "1234"], Some(SkippedRow::Total)),
            (vec!["小 计", "12", ""], Some(SkippedRow::Total)),
            (
                vec!["注：本表由各单位于每季度末报送。", "", ""],
                Some(SkippedRow::Note),
            ),
            (
                vec!["说明：账号状态以检查日为准", "", ""],
                Some(SkippedRow::Note),
            ),
            // Records, even when a cell mentions the words.
            (vec!["1", "澄岚发布", "澄岚市委宣传部"], None),
            (vec!["注册用户服务平台", "单位"], None),
            (vec!["审核人员培训群", "某单位"], None),
            (vec!["注：见附件", "澄岚发布", ""], None),
        ] {
            assert_eq!(classify_row(&text_row(&cells)), expected, "{cells:?}");
        }
    }

    fn record(
        kind: Option<Kind>,
        channel: Option<&str>,
        sheet: Option<&str>,
        row: usize,
    ) -> Record {
        Record {
            kind,
            channel: channel.map(str::to_owned),
            provenance: Provenance {
                source: "f".into(),
                sheet: sheet.map(str::to_owned),
                row,
            },
            ..Record::default()
        }
    }

    #[test]
    fn kinds_come_from_channel_then_sheet_then_file() {
        let mut records = vec![
            record(None, Some("微信订阅号"), None, 2),
            record(None, Some("新浪微博"), None, 3),
            record(None, Some("微信"), None, 4),
            record(Some(Kind::App), Some("微信服务号"), None, 5),
            record(None, Some("网站"), None, 6),
        ];
        let mut problems = Vec::new();
        complete_records("tables/政务新媒体账号台账.csv", &mut records, &mut problems);
        let kinds: Vec<_> = records.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                Some(Kind::Account),
                Some(Kind::Account),
                Some(Kind::Account),
                Some(Kind::App),
                Some(Kind::Website)
            ]
        );
        let channels: Vec<_> = records.iter().map(|r| r.channel.as_deref()).collect();
        assert_eq!(
            channels,
            [
                Some("微信"),
                Some("微博"),
                Some("微信"),
                Some("微信"),
                Some("网站")
            ]
        );
        // One problem per basis and kind: two accounts by channel, one account by the
        // file name (bare 微信 says nothing), one website by channel.
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems.len(), 3, "{messages:?}");
        assert!(problems
            .iter()
            .all(|p| p.level == ProblemLevel::Info && p.kind == "kind-inferred"));
        assert!(
            messages
                .iter()
                .any(|m| m.contains("2 行") && m.contains("载体")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("文件名“政务新媒体账号台账.csv”")),
            "{messages:?}"
        );
    }

    #[test]
    fn sheet_name_wins_over_file_name_and_ambiguous_titles_say_nothing() {
        let mut records = vec![
            record(None, Some("微信"), Some("工作群"), 2),
            record(None, None, Some("Sheet1"), 3),
        ];
        let mut problems = Vec::new();
        complete_records("应用与平台台账.xlsx", &mut records, &mut problems);
        assert_eq!(records[0].kind, Some(Kind::Group));
        assert_eq!(records[1].kind, None);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("工作表名“工作群”"),
            "{}",
            problems[0].message
        );
    }
}
