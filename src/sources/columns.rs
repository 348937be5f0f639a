//! Header matching: the English and Chinese names of the DESIGN.md §2 columns plus the
//! variants real 台账 use (应用名称, 建群单位, 粉丝数, MAU, …), matched after NFKC,
//! lower-casing, removing spaces and separators, and dropping a trailing unit
//! annotation such as `（人）` or `（万人）` (the latter scales the column's numbers).

use unicode_normalization::UnicodeNormalization;

/// A known input column (DESIGN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    /// `id` / 编号.
    Id,
    /// `name` / 名称.
    Name,
    /// `kind` / 类型.
    Kind,
    /// `channel` / 载体.
    Channel,
    /// `owner` / 主管单位.
    Owner,
    /// `department` / 行业主管部门.
    Department,
    /// `level` / 层级.
    Level,
    /// `region` / 行政区划.
    Region,
    /// `description` / 功能描述.
    Description,
    /// `functions` / 主要功能.
    Functions,
    /// `data_fields` / 采集数据项.
    DataFields,
    /// `users` / 注册用户数.
    Users,
    /// `monthly_active` / 月活跃用户数.
    MonthlyActive,
    /// `members` / 群成员数.
    Members,
    /// `created` / 上线时间.
    Created,
    /// `last_update` / 最近更新.
    LastUpdate,
    /// `last_active` / 最近活跃.
    LastActive,
    /// `mandatory` / 是否强制使用.
    Mandatory,
    /// `assessment_linked` / 是否纳入考核.
    AssessmentLinked,
    /// `checkin` / 打卡要求.
    Checkin,
    /// `matter` / 关联事项.
    Matter,
    /// `matter_status` / 事项状态.
    MatterStatus,
    /// `filing_no` / 备案编号.
    FilingNo,
    /// `notes` / 备注.
    Notes,
    /// A row number column (序号): recognised so it is neither data nor an unknown column.
    RowNumber,
    // The columns below are what real 台账 keep beyond DESIGN.md §2. Their cells are kept
    // in `Record.extra` under the header as written (so evidence cites the bureau's own
    // column), and rules find them again with [`extra_column`].
    /// 主管单位 next to a 主办单位 column: the supervising unit. A table whose only owner
    /// column is 主管单位 reads it as the owner (DESIGN.md §2).
    Supervisor,
    /// 检查结果 / 抽查情况 / 四季度检查结果: last inspection's verdict (合格, 不合格 …).
    InspectionResult,
    /// 检查发现问题 / 问题描述 / 存在问题: what the inspection found.
    InspectionIssue,
    /// 整改情况 / 整改结果: what was done about it.
    Rectification,
    /// 最近原创时间: the date of the last original (not reposted) post.
    LastOriginal,
    /// 互动情况 / 留言功能: whether the account's interaction works.
    Interaction,
    /// 链接可用性 / 功能是否可用: whether links and functions work.
    LinkStatus,
    /// 是否备案 / 是否报备 / 备案情况: whether the account or app was filed.
    FilingStatus,
    /// 账号状态 / 运行状态: 正常, 已关停, 已注销, 停更 ….
    OperatingStatus,
    /// 发文部门 / 下发单位: the unit that issues a form (`fingertip forms`).
    FormIssuer,
    /// 填报对象 / 填报主体: who fills a form.
    FormFillers,
    /// 填报频次 / 报送周期: how often a form is filled.
    FormCycle,
}

/// How a column's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Free text, one value.
    Text,
    /// Several values split on `、 , ; | /` and line breaks.
    Multi,
    /// A non-negative count.
    Count,
    /// A date.
    Date,
    /// Yes or no.
    Bool,
    /// Free text or a yes/no answer (打卡要求).
    TextOrBool,
    /// One of the [`crate::model::Kind`] spellings.
    Kind,
    /// One of the [`crate::model::Level`] spellings.
    Level,
    /// One of the [`crate::model::MatterStatus`] spellings.
    Status,
    /// Ignored (序号).
    Ignored,
    /// Text kept in `Record.extra` under the header as written.
    Kept,
}

impl Column {
    /// The column of a kept (beyond DESIGN.md §2) column.
    pub fn kept(kept: crate::model::KeptColumn) -> Column {
        use crate::model::KeptColumn as K;
        match kept {
            K::Supervisor => Column::Supervisor,
            K::InspectionResult => Column::InspectionResult,
            K::InspectionIssue => Column::InspectionIssue,
            K::Rectification => Column::Rectification,
            K::LastOriginal => Column::LastOriginal,
            K::Interaction => Column::Interaction,
            K::LinkStatus => Column::LinkStatus,
            K::FilingStatus => Column::FilingStatus,
            K::OperatingStatus => Column::OperatingStatus,
            K::FormIssuer => Column::FormIssuer,
            K::FormFillers => Column::FormFillers,
            K::FormCycle => Column::FormCycle,
        }
    }

    /// The kept column this is, if it is one.
    pub fn as_kept(self) -> Option<crate::model::KeptColumn> {
        use crate::model::KeptColumn as K;
        Some(match self {
            Column::Supervisor => K::Supervisor,
            Column::InspectionResult => K::InspectionResult,
            Column::InspectionIssue => K::InspectionIssue,
            Column::Rectification => K::Rectification,
            Column::LastOriginal => K::LastOriginal,
            Column::Interaction => K::Interaction,
            Column::LinkStatus => K::LinkStatus,
            Column::FilingStatus => K::FilingStatus,
            Column::OperatingStatus => K::OperatingStatus,
            Column::FormIssuer => K::FormIssuer,
            Column::FormFillers => K::FormFillers,
            Column::FormCycle => K::FormCycle,
            _ => return None,
        })
    }

    /// How this column's cells are read.
    pub fn column_type(self) -> ColumnType {
        match self {
            Column::Id
            | Column::Name
            | Column::Channel
            | Column::Owner
            | Column::Department
            | Column::Region
            | Column::Description
            | Column::Matter
            | Column::FilingNo
            | Column::Notes => ColumnType::Text,
            Column::Functions | Column::DataFields => ColumnType::Multi,
            Column::Users | Column::MonthlyActive | Column::Members => ColumnType::Count,
            Column::Created | Column::LastUpdate | Column::LastActive => ColumnType::Date,
            Column::Mandatory | Column::AssessmentLinked => ColumnType::Bool,
            Column::Checkin => ColumnType::TextOrBool,
            Column::Kind => ColumnType::Kind,
            Column::Level => ColumnType::Level,
            Column::MatterStatus => ColumnType::Status,
            Column::RowNumber => ColumnType::Ignored,
            Column::Supervisor
            | Column::InspectionResult
            | Column::InspectionIssue
            | Column::Rectification
            | Column::LastOriginal
            | Column::Interaction
            | Column::LinkStatus
            | Column::FilingStatus
            | Column::OperatingStatus
            | Column::FormIssuer
            | Column::FormFillers
            | Column::FormCycle => ColumnType::Kept,
        }
    }

    /// The English column name of DESIGN.md §2.
    pub fn code(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Kind => "kind",
            Column::Channel => "channel",
            Column::Owner => "owner",
            Column::Department => "department",
            Column::Level => "level",
            Column::Region => "region",
            Column::Description => "description",
            Column::Functions => "functions",
            Column::DataFields => "data_fields",
            Column::Users => "users",
            Column::MonthlyActive => "monthly_active",
            Column::Members => "members",
            Column::Created => "created",
            Column::LastUpdate => "last_update",
            Column::LastActive => "last_active",
            Column::Mandatory => "mandatory",
            Column::AssessmentLinked => "assessment_linked",
            Column::Checkin => "checkin",
            Column::Matter => "matter",
            Column::MatterStatus => "matter_status",
            Column::FilingNo => "filing_no",
            Column::Notes => "notes",
            Column::RowNumber => "row_number",
            Column::Supervisor => "supervisor",
            Column::InspectionResult => "inspection_result",
            Column::InspectionIssue => "inspection_issue",
            Column::Rectification => "rectification",
            Column::LastOriginal => "last_original",
            Column::Interaction => "interaction",
            Column::LinkStatus => "link_status",
            Column::FilingStatus => "filing_status",
            Column::OperatingStatus => "operating_status",
            Column::FormIssuer => "form_issuer",
            Column::FormFillers => "form_fillers",
            Column::FormCycle => "form_cycle",
        }
    }
}

/// A header matched to a known column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderMatch {
    /// The column.
    pub column: Column,
    /// Multiplier for counts from a unit annotation: `（万人）` → 10 000, else 1.
    pub unit: u64,
}

/// Every accepted spelling, already in matching form (see [`header_key`]).
/// docs/INVENTORY.md lists them (a test keeps it in step).
pub const SPELLINGS: &[(Column, &[&str])] = &[
    (
        Column::Id,
        &[
            "id",
            "编号",
            "平台编号",
            "应用编号",
            "账号编号",
            "群编号",
            "唯一标识",
            "标识",
            "标识码",
            "统一编号",
            "系统编号",
            "代码",
            "平台id",
            "appid",
            "uid",
            "identifier",
        ],
    ),
    (
        Column::Name,
        &[
            "name",
            "名称",
            "应用名称",
            "app名称",
            "账号名称",
            "帐号名称",
            "群名称",
            "群名",
            "平台名称",
            "系统名称",
            "报表名称",
            "表格名称",
            "小程序名称",
            "公众号名称",
            "平台(系统)名称",
            "平台系统名称",
            "任务名称",
            "填报任务名称",
            "政务新媒体名称",
            "新媒体名称",
            "政务应用程序名称",
            "政务应用名称",
            "移动应用名称",
            "账号",
            "帐号",
            "服务名称",
            "网站名称",
            "群组名称",
            "工作群名称",
            "title",
            "appname",
        ],
    ),
    (
        Column::Kind,
        &[
            "kind",
            "type",
            "类型",
            "类别",
            "种类",
            "平台类型",
            "应用类型",
            "账号类型",
            "帐号类型",
            "群类型",
            "载体类型",
            "形式",
            "category",
        ],
    ),
    (
        Column::Channel,
        &[
            "channel",
            "载体",
            "渠道",
            "所属平台",
            "依托平台",
            "平台载体",
            "运行载体",
            "发布渠道",
            "发布平台",
            "所在平台",
            "承载平台",
            "平台",
            "开设平台",
            "账号平台",
            "platform",
        ],
    ),
    (
        Column::Owner,
        &[
            "owner",
            "主办单位",
            "开设单位",
            "建群单位",
            "开办单位",
            "建设单位",
            "责任单位",
            "主管部门",
            "所属单位",
            "运营单位",
            "管理单位",
            "创建单位",
            "单位名称",
            "单位",
            "牵头单位",
            "填报单位",
            "发起单位",
            "unit",
            "organization",
        ],
    ),
    (
        Column::Department,
        &[
            "department",
            "dept",
            "行业主管部门",
            "业务主管部门",
            "上级主管部门",
            "行业部门",
            "主管行业部门",
            "条线部门",
            "linedepartment",
        ],
    ),
    (
        Column::Level,
        &[
            "level",
            "层级",
            "级别",
            "所属层级",
            "行政层级",
            "单位层级",
            "层次",
        ],
    ),
    (
        Column::Region,
        &[
            "region",
            "行政区划",
            "区划",
            "行政区划代码",
            "区划代码",
            "地区",
            "所属地区",
            "区域",
            "所属区域",
            "所在地区",
            "地域",
            "所属区县",
            "县区",
            "区县",
            "县",
            "所属县",
            "所属县区",
            "所属市州",
            "市州",
            "regioncode",
            "area",
        ],
    ),
    (
        Column::Description,
        &[
            "description",
            "desc",
            "功能描述",
            "描述",
            "简介",
            "功能简介",
            "应用简介",
            "账号简介",
            "说明",
            "功能说明",
            "主要内容",
            "summary",
        ],
    ),
    (
        Column::Functions,
        &[
            "functions",
            "function",
            "主要功能",
            "功能",
            "功能模块",
            "主要功能模块",
            "功能清单",
            "服务功能",
            "业务功能",
            "职能",
            "主要职能",
            "办事功能",
            "功能定位",
            "features",
        ],
    ),
    (
        Column::DataFields,
        &[
            "datafields",
            "datafield",
            "data",
            "采集数据项",
            "数据项",
            "采集信息",
            "采集字段",
            "收集信息",
            "采集数据",
            "采集内容",
            "填报内容",
            "填报字段",
            "数据字段",
            "收集数据项",
            "信息采集项",
            "fields",
        ],
    ),
    (
        Column::Users,
        &[
            "users",
            "注册用户数",
            "用户数",
            "注册用户",
            "用户量",
            "粉丝数",
            "关注数",
            "关注人数",
            "订阅数",
            "粉丝量",
            "注册人数",
            "下载量",
            "registeredusers",
        ],
    ),
    (
        Column::MonthlyActive,
        &[
            "monthlyactive",
            "mau",
            "月活跃用户数",
            "月活",
            "月活跃用户",
            "月活用户数",
            "月活跃数",
            "月活跃度",
            "月均活跃用户数",
            "monthlyactiveusers",
        ],
    ),
    (
        Column::Members,
        &[
            "members",
            "群成员数",
            "成员数",
            "群人数",
            "群成员",
            "成员人数",
            "membercount",
        ],
    ),
    (
        Column::Created,
        &[
            "created",
            "createdat",
            "上线时间",
            "建群时间",
            "开通时间",
            "创建时间",
            "上线日期",
            "开通日期",
            "创建日期",
            "建群日期",
            "注册时间",
            "注册日期",
            "开设时间",
            "启用时间",
            "建设时间",
            "launched",
        ],
    ),
    (
        Column::LastUpdate,
        &[
            "lastupdate",
            "updated",
            "updatedat",
            "最近更新",
            "最后更新时间",
            "最近更新时间",
            "最近发文时间",
            "最后发布时间",
            "最近发布时间",
            "最后更新",
            "更新时间",
            "最近版本更新",
            "最近发文",
            "最后发文时间",
            "最后更新日期",
            "最后发布日期",
            "最近一次更新",
            "最近一次更新时间",
            "最近更新日期",
            "最近发布日期",
            "最近发文日期",
            "最后发文日期",
            "最新发布时间",
            "最新更新时间",
            "lastpost",
            "lastrelease",
        ],
    ),
    (
        Column::LastActive,
        &[
            "lastactive",
            "最近活跃",
            "最后活跃时间",
            "最近登录",
            "最近活跃时间",
            "最后登录时间",
            "最近登录时间",
            "最后发言时间",
            "最近发言时间",
            "最近消息时间",
            "最后活跃",
            "lastlogin",
            "lastseen",
        ],
    ),
    (
        Column::Mandatory,
        &[
            "mandatory",
            "是否强制使用",
            "强制使用",
            "是否强制",
            "是否强制下载",
            "是否强制安装",
            "是否强制关注",
            "强制下载",
            "是否要求强制使用",
        ],
    ),
    (
        Column::AssessmentLinked,
        &[
            "assessmentlinked",
            "是否纳入考核",
            "纳入考核",
            "是否考核",
            "与考核挂钩",
            "是否与考核挂钩",
            "考核挂钩",
            "是否排名通报",
            "是否纳入排名",
        ],
    ),
    (
        Column::Checkin,
        &[
            "checkin",
            "打卡要求",
            "打卡",
            "是否要求打卡",
            "签到打卡要求",
            "签到要求",
            "是否打卡",
            "打卡签到要求",
        ],
    ),
    (
        Column::Matter,
        &[
            "matter",
            "关联事项",
            "事项",
            "对应事项",
            "服务事项",
            "工作事项",
            "关联任务",
            "所属事项",
            "关联工作",
            "建群用途",
            "用途",
            "建群事由",
            "建群目的",
            "群用途",
        ],
    ),
    (
        Column::MatterStatus,
        &[
            "matterstatus",
            "事项状态",
            "事项是否完结",
            "任务状态",
            "事项进展",
            "完结情况",
        ],
    ),
    (
        Column::FilingNo,
        &[
            "filingno",
            "filing",
            "备案编号",
            "备案号",
            "icp备案号",
            "app备案号",
            "备案编码",
            "备案信息",
        ],
    ),
    (
        Column::Notes,
        &[
            "notes",
            "note",
            "remark",
            "remarks",
            "备注",
            "说明备注",
            "其他",
            "备注说明",
        ],
    ),
    (
        Column::RowNumber,
        &["序号", "no", "rowno", "行号", "序列号"],
    ),
];

/// Puts a header into matching form: NFKC, lower case, no spaces, underscores,
/// hyphens, dots or zero-width characters, and without a trailing unit annotation
/// (`（人）`, `(万人)`, `[个]`). Returns the key and the unit multiplier found.
pub fn header_key(header: &str) -> (String, u64) {
    let mut key: String = header
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-' | '.' | '·' | '*' | ':' | '\u{200B}' | '\u{FEFF}'
                )
        })
        .collect();
    let mut unit = 1;
    // A trailing "(…)" or "[…]" annotation, possibly repeated: "注册用户数(万人)".
    while let Some(close @ (')' | ']' | '】')) = key.chars().last() {
        let open = match close {
            ')' => '(',
            ']' => '[',
            _ => '【',
        };
        let Some(start) = key.rfind(open) else { break };
        if start == 0 {
            break;
        }
        let annotation = key.get(start..).unwrap_or_default().to_owned();
        if annotation.contains('亿') {
            unit = 100_000_000;
        } else if annotation.contains('万') {
            unit = 10_000;
        } else if annotation.contains('千') {
            unit = 1_000;
        }
        key.truncate(start);
    }
    (key, unit)
}

/// Matches a header as written to a known column.
pub fn match_header(header: &str) -> Option<HeaderMatch> {
    if let Some(column) = match_english_exact(header) {
        return Some(HeaderMatch { column, unit: 1 });
    }
    let (key, unit) = header_key(header);
    if key.is_empty() {
        return None;
    }
    SPELLINGS
        .iter()
        .find(|(_, spellings)| spellings.contains(&key.as_str()))
        .map(|(column, _)| *column)
        .or_else(|| crate::model::KeptColumn::of_header(header).map(Column::kept))
        .map(|column| HeaderMatch { column, unit })
}

/// The first extra attribute of a record whose header names the kept `column`
/// (`(header as written, value)`); see [`crate::model::kept_value`].
pub fn extra_column(
    extra: &std::collections::BTreeMap<String, String>,
    column: Column,
) -> Option<(&str, &str)> {
    let kept = column.as_kept()?;
    crate::model::kept_value(extra, kept)
}

/// The fast path for the exact English names, which JSONL from other tools (the peer
/// benchmark) uses on every line.
pub(crate) fn match_english_exact(header: &str) -> Option<Column> {
    let column = match header {
        "id" => Column::Id,
        "name" => Column::Name,
        "kind" => Column::Kind,
        "channel" => Column::Channel,
        "owner" => Column::Owner,
        "department" => Column::Department,
        "level" => Column::Level,
        "region" => Column::Region,
        "description" => Column::Description,
        "functions" => Column::Functions,
        "data_fields" => Column::DataFields,
        "users" => Column::Users,
        "monthly_active" => Column::MonthlyActive,
        "members" => Column::Members,
        "created" => Column::Created,
        "last_update" => Column::LastUpdate,
        "last_active" => Column::LastActive,
        "mandatory" => Column::Mandatory,
        "assessment_linked" => Column::AssessmentLinked,
        "checkin" => Column::Checkin,
        "matter" => Column::Matter,
        "matter_status" => Column::MatterStatus,
        "filing_no" => Column::FilingNo,
        "notes" => Column::Notes,
        _ => return None,
    };
    Some(column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(header: &str) -> Option<Column> {
        match_header(header).map(|m| m.column)
    }

    #[test]
    fn spellings_are_in_matching_form_and_unique() {
        let mut seen = std::collections::BTreeMap::new();
        for (column, spellings) in SPELLINGS {
            for spelling in *spellings {
                assert_eq!(
                    header_key(spelling).0,
                    *spelling,
                    "{spelling} not normalised"
                );
                if let Some(other) = seen.insert(*spelling, *column) {
                    panic!("{spelling} maps to both {other:?} and {column:?}");
                }
            }
        }
    }

    #[test]
    fn every_column_has_english_and_design_chinese_names() {
        for (english, chinese, column) in [
            ("id", "编号", Column::Id),
            ("name", "名称", Column::Name),
            ("kind", "类型", Column::Kind),
            ("channel", "载体", Column::Channel),
            ("owner", "主办单位", Column::Owner),
            ("department", "行业主管部门", Column::Department),
            ("level", "层级", Column::Level),
            ("region", "行政区划", Column::Region),
            ("description", "功能描述", Column::Description),
            ("functions", "主要功能", Column::Functions),
            ("data_fields", "采集数据项", Column::DataFields),
            ("users", "注册用户数", Column::Users),
            ("monthly_active", "月活跃用户数", Column::MonthlyActive),
            ("members", "群成员数", Column::Members),
            ("created", "上线时间", Column::Created),
            ("last_update", "最近更新", Column::LastUpdate),
            ("last_active", "最近活跃", Column::LastActive),
            ("mandatory", "是否强制使用", Column::Mandatory),
            (
                "assessment_linked",
                "是否纳入考核",
                Column::AssessmentLinked,
            ),
            ("checkin", "打卡要求", Column::Checkin),
            ("matter", "关联事项", Column::Matter),
            ("matter_status", "事项状态", Column::MatterStatus),
            ("filing_no", "备案编号", Column::FilingNo),
            ("notes", "备注", Column::Notes),
        ] {
            assert_eq!(col(english), Some(column), "{english}");
            assert_eq!(col(chinese), Some(column), "{chinese}");
            assert_eq!(column.code(), english);
        }
    }

    #[test]
    fn variants_case_space_width_and_units() {
        for (header, column) in [
            ("应用名称", Column::Name),
            ("账号名称", Column::Name),
            ("群名称", Column::Name),
            ("平台名称", Column::Name),
            ("报表名称", Column::Name),
            ("主办单位", Column::Owner),
            ("开设单位", Column::Owner),
            ("建群单位", Column::Owner),
            ("建群时间", Column::Created),
            ("开通时间", Column::Created),
            ("创建时间", Column::Created),
            ("最后更新时间", Column::LastUpdate),
            ("最近发文时间", Column::LastUpdate),
            ("最后发布时间", Column::LastUpdate),
            ("最后活跃时间", Column::LastActive),
            ("最近登录", Column::LastActive),
            ("用户数", Column::Users),
            ("粉丝数", Column::Users),
            ("关注数", Column::Users),
            ("月活", Column::MonthlyActive),
            ("MAU", Column::MonthlyActive),
            ("Monthly Active", Column::MonthlyActive),
            ("monthly-active", Column::MonthlyActive),
            ("DATA_FIELDS", Column::DataFields),
            ("Ｎａｍｅ", Column::Name),
            (" 名 称 ", Column::Name),
            ("注册用户数（人）", Column::Users),
            ("群成员数(人)", Column::Members),
            ("上线时间（年月日）", Column::Created),
            ("序号", Column::RowNumber),
        ] {
            assert_eq!(col(header), Some(column), "{header}");
        }
        for (header, column) in [
            // Spellings of published notices and registers (issues 13 and 18).
            ("平台", Column::Channel),
            ("载体", Column::Channel),
            ("政务新媒体名称", Column::Name),
            ("政务应用程序名称", Column::Name),
            ("新媒体名称", Column::Name),
            ("账号", Column::Name),
            ("账号名称", Column::Name),
            ("服务名称", Column::Name),
            ("报表名称", Column::Name),
            ("最后更新日期", Column::LastUpdate),
            ("最近发文时间", Column::LastUpdate),
            ("最后发布日期", Column::LastUpdate),
            ("最近一次更新", Column::LastUpdate),
            ("最近更新日期", Column::LastUpdate),
            ("所属区县", Column::Region),
            ("县区", Column::Region),
            ("县（市、区）", Column::Region),
            ("所属地区", Column::Region),
            ("职能", Column::Functions),
            ("主要职能", Column::Functions),
            ("办事功能", Column::Functions),
            ("建群用途", Column::Matter),
            ("用途", Column::Matter),
            ("群成员", Column::Members),
            ("主办单位", Column::Owner),
            ("主管单位", Column::Supervisor),
            ("四季度检查结果", Column::InspectionResult),
            ("检查结果", Column::InspectionResult),
            ("抽查情况", Column::InspectionResult),
            ("检查发现问题", Column::InspectionIssue),
            ("问题描述", Column::InspectionIssue),
            ("整改情况", Column::Rectification),
            ("最近原创时间", Column::LastOriginal),
            ("是否报备", Column::FilingStatus),
            ("账号状态", Column::OperatingStatus),
            ("发文部门", Column::FormIssuer),
            ("填报对象", Column::FormFillers),
            ("填报频次", Column::FormCycle),
        ] {
            assert_eq!(col(header), Some(column), "{header}");
        }
        assert_eq!(match_header("注册用户数（万人）").unwrap().unit, 10_000);
        assert_eq!(match_header("注册用户数（人）").unwrap().unit, 1);
        assert_eq!(col("联系电话"), None);
        assert_eq!(col("(人)"), None);
        assert_eq!(col(""), None);
    }

    #[test]
    fn kept_columns_are_found_again_by_meaning() {
        let mut extra = std::collections::BTreeMap::new();
        extra.insert("联系电话".to_owned(), "123".to_owned());
        extra.insert("2025年四季度检查结果".to_owned(), "不合格".to_owned());
        assert_eq!(
            extra_column(&extra, Column::InspectionResult),
            Some(("2025年四季度检查结果", "不合格"))
        );
        assert_eq!(extra_column(&extra, Column::Rectification), None);
    }
}
