//! Reads a proposal for something new (an app, mini program, platform, account, work
//! group or form) for `fingertip check`: a TOML file, or the XLSX of the app filing form
//! (政务应用程序备案表) with its 功能设置情况 table and its 本单位同类政务应用程序情况 list.
//!
//! A proposal is one record, so a problem in it is an error, not a [`crate::model::Problem`]:
//! [`ProposalError`] names the file, the line (TOML) or cell (XLSX) and the key.
//!
//! # TOML
//!
//! ```toml
//! name = "云栖县智慧社区APP"
//! kind = "app"                 # app, mini_program, platform, account, group, form, or 政务APP …
//! owner = "云栖县民政局"
//! level = "county"             # or 县级 …
//! region = "云栖县"             # optional
//! channel = "独立App"           # optional (accounts: 微信, 抖音 …)
//! description = "…"            # optional
//! functions = ["办事指南", "在线预约"]
//! data_fields = ["姓名", "手机号"]
//! expected_users = 20000       # optional
//! same_unit = ["云栖县民政服务小程序"]   # 本单位同类政务应用程序, optional
//!
//! [features]                   # 功能设置情况: each yes/no with a reason
//! checkin = { enabled = false, reason = "无打卡功能" }
//! ranking = { enabled = "否", reason = "不设排名" }
//! ```
//!
//! Feature keys are the codes of [`Feature`] or their Chinese labels (打卡签到, 积分排名 …).
//!
//! # XLSX
//!
//! Any sheet whose label cells (a cell followed by its value to the right) include 应用名称
//! or 名称 and 主办单位 is read as the filing form. Labels may carry `：` and `*`. After a
//! row holding 功能设置情况, each row whose first cell names a feature is read as
//! feature, yes/no, reason; after a row holding 本单位同类政务应用程序情况, each following row's
//! first cell (until an empty row or the next section) is an existing app of the unit.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use serde::Deserialize;

use crate::model::{Kind, Level};
use crate::normalize::normalize_text;
pub use crate::proposal::{DeclaredFeature, Feature, Proposal};

/// A proposal that cannot be read: the file, the line or cell, the key and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}{}: {message}", place.as_deref().map(|p| format!(":{p}")).unwrap_or_default(), key.as_deref().map(|k| format!(" 键“{k}”")).unwrap_or_default())]
pub struct ProposalError {
    /// The file.
    pub path: String,
    /// `line N` (TOML) or a cell such as `Sheet1!B3` (XLSX), when known.
    pub place: Option<String>,
    /// The key or label involved, when known.
    pub key: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl ProposalError {
    fn new(
        path: &str,
        place: Option<String>,
        key: Option<&str>,
        message: impl Into<String>,
    ) -> Self {
        ProposalError {
            path: path.to_owned(),
            place,
            key: key.map(str::to_owned),
            message: message.into(),
        }
    }
}

/// Reads a proposal from `path` (`.toml` or `.xlsx`).
pub fn read_proposal(path: &Path) -> Result<Proposal, ProposalError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| ProposalError::new(&shown, None, None, format!("无法读取：{e}")))?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "toml" => {
            let text = String::from_utf8(bytes)
                .map_err(|_| ProposalError::new(&shown, None, None, "不是 UTF-8 编码的文本"))?;
            parse_toml(&shown, &text)
        }
        "xlsx" => parse_xlsx(&shown, bytes),
        _ => Err(ProposalError::new(
            &shown,
            None,
            None,
            "申报文件须为 .toml 或政务应用程序备案表 .xlsx",
        )),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

type Sp<T> = toml::Spanned<T>;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum YesNo {
    Bool(bool),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeature {
    enabled: Option<Sp<YesNo>>,
    #[serde(default)]
    reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProposal {
    name: Option<Sp<String>>,
    kind: Option<Sp<String>>,
    owner: Option<Sp<String>>,
    level: Option<Sp<String>>,
    region: Option<String>,
    channel: Option<String>,
    description: Option<String>,
    #[serde(default)]
    functions: Vec<String>,
    #[serde(default)]
    data_fields: Vec<String>,
    expected_users: Option<u64>,
    #[serde(default)]
    same_unit: Vec<String>,
    #[serde(default)]
    features: BTreeMap<Sp<String>, Sp<RawFeature>>,
}

/// Reads yes/no spellings: 是/否, 有/无, 设置/未设置, true/false …
fn yes_no(text: &str) -> Option<bool> {
    let t = normalize_text(text).to_ascii_lowercase();
    match t.as_str() {
        "是" | "有" | "y" | "yes" | "true" | "1" | "√" | "设置" | "已设置" | "开通" | "具备" => {
            Some(true)
        }
        "否" | "无" | "n" | "no" | "false" | "0" | "×" | "未设置" | "不设置" | "没有"
        | "不具备" | "未开通" => Some(false),
        _ => None,
    }
}

/// Parses a proposal from TOML text; `path` names the file in errors.
pub fn parse_toml(path: &str, text: &str) -> Result<Proposal, ProposalError> {
    let raw: RawProposal = toml::from_str(text).map_err(|e| {
        let place = e.span().map(|s| format!("第{}行", line_of(text, s.start)));
        // serde names the key in its message ("unknown field `x`", "missing field `y`").
        let message = e.message().to_owned();
        let key = message
            .contains("field `")
            .then(|| message.split('`').nth(1).map(str::to_owned))
            .flatten();
        ProposalError {
            path: path.to_owned(),
            place,
            key,
            message: format!("无法解析：{message}"),
        }
    })?;
    let at = |sp: &Sp<String>| Some(format!("第{}行", line_of(text, sp.span().start)));
    let required = |value: &Option<Sp<String>>,
                    key: &str|
     -> Result<(String, Option<String>), ProposalError> {
        match value {
            Some(v) if !v.get_ref().trim().is_empty() => Ok((normalize_text(v.get_ref()), at(v))),
            Some(v) => Err(ProposalError::new(path, at(v), Some(key), "不能为空")),
            None => Err(ProposalError::new(path, None, Some(key), "缺少必填项")),
        }
    };
    let (name, _) = required(&raw.name, "name")?;
    let (kind_text, kind_at) = required(&raw.kind, "kind")?;
    let kind = Kind::parse(&kind_text).ok_or_else(|| {
        ProposalError::new(
            path,
            kind_at.clone(),
            Some("kind"),
            format!("未知类型“{kind_text}”（可用 app、mini_program、platform、account、group、form 或 政务APP、小程序、公众号、工作群、报表 …）"),
        )
    })?;
    let (owner, _) = required(&raw.owner, "owner")?;
    let (level_text, level_at) = required(&raw.level, "level")?;
    let level = Level::parse(&level_text).ok_or_else(|| {
        ProposalError::new(
            path,
            level_at,
            Some("level"),
            format!("未知层级“{level_text}”（可用 national、province、city、county、township、village 或 省级、县级、乡镇 …）"),
        )
    })?;
    let mut features = Vec::new();
    for (key, value) in &raw.features {
        let feature = Feature::parse(key.get_ref()).ok_or_else(|| {
            ProposalError::new(
                path,
                at(key),
                Some(&format!("features.{}", key.get_ref())),
                "未知功能项（可用 checkin、ranking、online_time、points、forced_download、location_upload、photo_upload、commercial 或其中文名称）",
            )
        })?;
        let raw_feature = value.get_ref();
        let enabled = match &raw_feature.enabled {
            None => None,
            Some(v) => match v.get_ref() {
                YesNo::Bool(b) => Some(*b),
                YesNo::Text(t) => Some(yes_no(t).ok_or_else(|| {
                    ProposalError::new(
                        path,
                        Some(format!("第{}行", line_of(text, v.span().start))),
                        Some(&format!("features.{}.enabled", key.get_ref())),
                        format!("无法识别“{t}”，应为 是/否"),
                    )
                })?),
            },
        };
        features.push(DeclaredFeature {
            feature,
            label: key.get_ref().clone(),
            enabled,
            reason: normalize_text(&raw_feature.reason),
            place: format!("features.{}", key.get_ref()),
        });
    }
    features.sort_by(|a, b| a.feature.cmp(&b.feature).then(a.label.cmp(&b.label)));
    let clean = |v: Vec<String>| -> Vec<String> {
        v.iter()
            .map(|s| normalize_text(s))
            .filter(|s| !s.is_empty())
            .collect()
    };
    Ok(Proposal {
        path: path.to_owned(),
        name,
        kind,
        owner,
        level: Some(level),
        region: raw
            .region
            .map(|r| normalize_text(&r))
            .filter(|r| !r.is_empty()),
        channel: raw
            .channel
            .map(|r| normalize_text(&r))
            .filter(|r| !r.is_empty()),
        description: raw
            .description
            .map(|r| normalize_text(&r))
            .filter(|r| !r.is_empty()),
        functions: clean(raw.functions),
        data_fields: clean(raw.data_fields),
        expected_users: raw.expected_users,
        features,
        same_unit: clean(raw.same_unit),
    })
}

/// The spreadsheet name of a cell (`B3`).
fn cell_name(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        c = (c - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => normalize_text(s),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => normalize_text(&other.to_string()),
    }
}

/// A label cell's key: spaces, colons, asterisks and (…) notes removed.
fn label_key(text: &str) -> String {
    let mut t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '*' | '＊'))
        .collect();
    if let Some(open) = t.find(['(', '（']) {
        t.truncate(open);
    }
    t
}

const LABELS: [(&str, &[&str]); 10] = [
    (
        "name",
        &[
            "应用名称",
            "名称",
            "政务应用程序名称",
            "程序名称",
            "账号名称",
            "群名称",
            "报表名称",
        ],
    ),
    ("kind", &["应用类型", "类型", "形态", "应用形态"]),
    ("owner", &["主办单位", "建设单位", "开设单位", "申报单位"]),
    ("level", &["层级", "主办单位层级", "行政层级"]),
    ("region", &["行政区划", "所属地区", "地区"]),
    ("channel", &["载体", "平台", "发布平台", "运行平台"]),
    ("functions", &["主要功能", "功能", "功能清单"]),
    ("data_fields", &["采集数据项", "数据项", "收集个人信息"]),
    (
        "expected_users",
        &["预计用户数", "预期用户数", "用户规模", "预计用户规模"],
    ),
    ("description", &["功能描述", "建设内容", "应用简介", "简介"]),
];

const FEATURE_SECTION: &str = "功能设置情况";
const SAME_UNIT_SECTION: &str = "本单位同类政务应用程序情况";

/// Parses the XLSX filing form; `path` names the file in errors.
pub fn parse_xlsx(path: &str, bytes: Vec<u8>) -> Result<Proposal, ProposalError> {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_filing_form(path, bytes)
    }));
    match result {
        Ok(r) => r,
        Err(_) => Err(ProposalError::new(path, None, None, "解析工作簿时内部错误")),
    }
}

fn read_filing_form(path: &str, bytes: Vec<u8>) -> Result<Proposal, ProposalError> {
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        ProposalError::new(path, None, None, format!("不是可读取的 xlsx 工作簿：{e}"))
    })?;
    for sheet in workbook.sheet_names() {
        let Ok(range) = workbook.worksheet_range(&sheet) else {
            continue;
        };
        let (row0, col0) = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect())
            .collect();
        let mut values: BTreeMap<&str, (String, String)> = BTreeMap::new();
        let mut features = Vec::new();
        let mut same_unit = Vec::new();
        let mut section = "";
        for (i, row) in rows.iter().enumerate() {
            let first = row.iter().position(|c| !c.is_empty());
            let Some(first) = first else {
                if section == SAME_UNIT_SECTION {
                    section = "";
                }
                continue;
            };
            let head = label_key(&row[first]);
            if head.contains(FEATURE_SECTION) {
                section = FEATURE_SECTION;
                continue;
            }
            if head.contains(SAME_UNIT_SECTION) || head.contains("同类政务应用程序") {
                section = SAME_UNIT_SECTION;
                continue;
            }
            if section == FEATURE_SECTION {
                if let Some(feature) = Feature::parse(&head) {
                    let rest: Vec<(usize, &String)> = row
                        .iter()
                        .enumerate()
                        .skip(first + 1)
                        .filter(|(_, c)| !c.is_empty())
                        .collect();
                    let (enabled, reason) = match rest.as_slice() {
                        [] => (None, String::new()),
                        [(_, answer), tail @ ..] => {
                            let enabled = yes_no(answer);
                            let mut reason: Vec<String> =
                                tail.iter().map(|(_, c)| (*c).clone()).collect();
                            if enabled.is_none() {
                                // No yes/no cell: the first cell is the reason itself.
                                reason.insert(0, (*answer).clone());
                            }
                            (enabled, reason.join("；"))
                        }
                    };
                    features.push(DeclaredFeature {
                        feature,
                        label: row[first].clone(),
                        enabled,
                        reason,
                        place: format!("{sheet}!{}", cell_name(row0 + i, col0 + first)),
                    });
                    continue;
                }
                if head == "功能" || head == "功能项" || head == "序号" {
                    continue; // the table's header row
                }
                section = "";
            }
            if section == SAME_UNIT_SECTION {
                let is_header = row
                    .iter()
                    .any(|c| ["名称", "应用名称", "程序名称"].contains(&label_key(c).as_str()));
                if is_header {
                    continue;
                }
                let name = row
                    .iter()
                    .skip(first)
                    .find(|c| !c.is_empty() && c.parse::<u64>().is_err())
                    .cloned();
                if let Some(name) = name {
                    if !["无", "暂无"].contains(&label_key(&name).as_str()) {
                        same_unit.push(name);
                    }
                }
                continue;
            }
            // Label cells followed by their value.
            for (col, cell) in row.iter().enumerate() {
                let key = label_key(cell);
                let Some((field, _)) = LABELS
                    .iter()
                    .find(|(_, labels)| labels.contains(&key.as_str()))
                else {
                    continue;
                };
                if values.contains_key(field) {
                    continue;
                }
                if let Some((vcol, value)) = row
                    .iter()
                    .enumerate()
                    .skip(col + 1)
                    .find(|(_, c)| !c.is_empty())
                {
                    if LABELS
                        .iter()
                        .any(|(_, l)| l.contains(&label_key(value).as_str()))
                    {
                        continue;
                    }
                    values.insert(
                        field,
                        (
                            value.clone(),
                            format!("{sheet}!{}", cell_name(row0 + i, col0 + vcol)),
                        ),
                    );
                }
            }
        }
        let is_form = values.contains_key("name") && values.contains_key("owner")
            || values.contains_key("name") && !features.is_empty();
        if !is_form {
            continue;
        }
        return proposal_from_cells(path, &sheet, values, features, same_unit);
    }
    Err(ProposalError::new(
        path,
        None,
        None,
        "不是政务应用程序备案表：没有找到“应用名称”“主办单位”栏或“功能设置情况”表",
    ))
}

fn proposal_from_cells(
    path: &str,
    sheet: &str,
    values: BTreeMap<&str, (String, String)>,
    mut features: Vec<DeclaredFeature>,
    same_unit: Vec<String>,
) -> Result<Proposal, ProposalError> {
    let get = |key: &str| values.get(key).map(|(v, c)| (v.clone(), c.clone()));
    let required = |key: &str, label: &str| {
        get(key).ok_or_else(|| {
            ProposalError::new(path, Some(sheet.to_owned()), Some(label), "缺少必填项")
        })
    };
    let (name, _) = required("name", "应用名称")?;
    let (owner, _) = required("owner", "主办单位")?;
    let (kind_text, kind_cell) = required("kind", "应用类型")?;
    let kind = Kind::parse(&kind_text).ok_or_else(|| {
        ProposalError::new(
            path,
            Some(kind_cell),
            Some("应用类型"),
            format!("未知类型“{kind_text}”"),
        )
    })?;
    let (level_text, level_cell) = required("level", "层级")?;
    let level = Level::parse(&level_text).ok_or_else(|| {
        ProposalError::new(
            path,
            Some(level_cell),
            Some("层级"),
            format!("未知层级“{level_text}”"),
        )
    })?;
    let expected_users = match get("expected_users") {
        None => None,
        Some((text, cell)) => {
            let digits: String = text
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | ' '))
                .collect();
            let digits = digits.trim_end_matches('人');
            Some(digits.parse::<u64>().map_err(|_| {
                ProposalError::new(
                    path,
                    Some(cell),
                    Some("预计用户数"),
                    format!("“{text}”不是人数"),
                )
            })?)
        }
    };
    let split = |text: Option<(String, String)>| -> Vec<String> {
        text.map(|(t, _)| {
            t.split(['、', '，', ',', '；', ';', '\n', '/'])
                .map(normalize_text)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
    };
    features.sort_by(|a, b| a.feature.cmp(&b.feature).then(a.place.cmp(&b.place)));
    Ok(Proposal {
        path: path.to_owned(),
        name,
        kind,
        owner,
        level: Some(level),
        region: get("region").map(|(v, _)| v),
        channel: get("channel").map(|(v, _)| v),
        description: get("description").map(|(v, _)| v),
        functions: split(get("functions")),
        data_fields: split(get("data_fields")),
        expected_users,
        features,
        same_unit,
    })
}

#[cfg(test)]
mod tests;
