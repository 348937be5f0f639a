//! Domain types shared by every stage: [`Platform`] and its [`Kind`] and [`Level`],
//! input [`Record`]s with their [`Provenance`], [`Document`]s used as text evidence,
//! and [`Problem`]s found in the input.
//!
//! These types are the plain values that flow between stages. They do not derive
//! `Serialize`: on-disk formats belong to `report` and `registry::store`.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;

/// What sort of thing a platform is (DESIGN.md §2, column `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Kind {
    /// A government app (政务APP, 客户端).
    App,
    /// A mini program or quick app (小程序, 快应用).
    MiniProgram,
    /// A public account (公众号, 视频号, 微博, 抖音号, 头条号).
    Account,
    /// A work group (工作群, 微信群, QQ群, 钉钉群, 企业微信群).
    Group,
    /// A work platform or system (工作平台, 网络工作平台, 系统); also the fallback
    /// for a record whose kind cannot be read or inferred.
    #[default]
    Platform,
    /// A reporting form or task (报表, 填报任务, 台账).
    Form,
    /// A government website (政府网站, 部门网站). Registered and counted like every
    /// other kind; the inspection indicators apply to it.
    Website,
}

impl Kind {
    /// Every exact spelling of a kind (lower case, normalised), its code first; longer
    /// free text falls back to keywords in [`Kind::parse`]. docs/INVENTORY.md lists them.
    pub const SPELLINGS: &'static [(Kind, &'static [&'static str])] = &[
        (
            Kind::App,
            &[
                "app",
                "政务app",
                "客户端",
                "移动客户端",
                "应用",
                "政务应用",
                "移动应用",
            ],
        ),
        (
            Kind::MiniProgram,
            &[
                "mini_program",
                "miniprogram",
                "mini program",
                "mini-program",
                "小程序",
                "微信小程序",
                "支付宝小程序",
                "钉钉小程序",
                "快应用",
                "轻应用",
            ],
        ),
        (
            Kind::Account,
            &[
                "account",
                "公众号",
                "微信公众号",
                "服务号",
                "订阅号",
                "视频号",
                "微博",
                "抖音号",
                "头条号",
                "快手号",
                "政务新媒体",
                "新媒体账号",
                "账号",
                "微信",
                "微信订阅号",
                "微信服务号",
                "微信视频号",
                "政务微信",
                "新浪微博",
                "政务微博",
                "快手",
                "抖音",
                "百家号",
                "头条",
                "今日头条",
                "小红书",
                "b站",
                "哔哩哔哩",
                "政务新媒体账号",
                "新媒体",
                "公众账号",
                "政务公众号",
                "网易号",
                "企鹅号",
                "人民号",
                "澎湃号",
                "学习强国号",
            ],
        ),
        (
            Kind::Group,
            &[
                "group",
                "工作群",
                "微信群",
                "qq群",
                "钉钉群",
                "企业微信群",
                "政务微信群",
                "浙政钉群",
                "群",
                "群组",
                "工作群组",
                "政务钉群",
            ],
        ),
        (
            Kind::Platform,
            &[
                "platform",
                "工作平台",
                "网络工作平台",
                "系统",
                "平台",
                "信息系统",
                "业务系统",
                "管理系统",
                "政务钉",
                "浙政钉",
                "钉钉",
                "企业微信",
            ],
        ),
        (
            Kind::Website,
            &[
                "website",
                "网站",
                "门户",
                "政府网站",
                "门户网站",
                "部门网站",
                "政务网站",
            ],
        ),
        (
            Kind::Form,
            &[
                "form",
                "报表",
                "填报任务",
                "台账",
                "表格",
                "报表任务",
                "统计表",
            ],
        ),
    ];

    /// All kinds, in their canonical order.
    pub const ALL: [Kind; 7] = [
        Kind::App,
        Kind::MiniProgram,
        Kind::Account,
        Kind::Group,
        Kind::Platform,
        Kind::Form,
        Kind::Website,
    ];

    /// The stable English code used in JSON output and accepted as input.
    pub fn code(self) -> &'static str {
        match self {
            Kind::App => "app",
            Kind::MiniProgram => "mini_program",
            Kind::Account => "account",
            Kind::Group => "group",
            Kind::Platform => "platform",
            Kind::Form => "form",
            Kind::Website => "website",
        }
    }

    /// The Chinese label used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            Kind::App => "政务APP",
            Kind::MiniProgram => "小程序",
            Kind::Account => "政务新媒体账号",
            Kind::Group => "工作群",
            Kind::Platform => "工作平台",
            Kind::Form => "报表",
            Kind::Website => "政府网站",
        }
    }

    /// Whether the policy rules for government apps (办法) apply: apps and mini programs.
    pub fn is_app_like(self) -> bool {
        matches!(self, Kind::App | Kind::MiniProgram)
    }

    /// Parses a kind from its code or any of the Chinese spellings in DESIGN.md §2.
    /// The input should already be normalised (NFKC, trimmed); matching ignores ASCII case.
    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.as_str();
        if let Some(kind) = Self::SPELLINGS
            .iter()
            .find(|(_, spellings)| spellings.contains(&t))
            .map(|(value, _)| *value)
        {
            return Some(kind);
        }
        let kind = {
            // Longer free-text spellings such as "政务APP（安卓/iOS）".
            if t.contains("小程序") || t.contains("快应用") {
                Kind::MiniProgram
            } else if t.contains("群") {
                Kind::Group
            } else if t.contains("公众号")
                || t.contains("视频号")
                || t.contains("订阅号")
                || t.contains("服务号")
                || t.contains("微博")
                || t.contains("抖音")
                || t.contains("头条")
                || t.contains("快手")
                || t.contains("百家号")
                || t.contains("小红书")
                || t.contains("新媒体")
            {
                Kind::Account
            } else if t.contains("app") || t.contains("客户端") {
                Kind::App
            } else if t.contains("网站") {
                Kind::Website
            } else if t.contains("平台") || t.contains("系统") {
                Kind::Platform
            } else if t.contains("报表") || t.contains("填报") || t.contains("台账") {
                Kind::Form
            } else {
                return None;
            }
        };
        Some(kind)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Administrative level of the owning unit, from the nation down to the village.
/// The order is meaningful: `National < Province < … < Village`, so "higher level"
/// means a smaller value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// 中央 / 国家.
    National,
    /// 省.
    Province,
    /// 市.
    City,
    /// 县, 区, 县级市.
    County,
    /// 乡, 镇, 街道.
    Township,
    /// 村, 社区.
    Village,
}

impl Level {
    /// Every exact spelling of a level (lower case, normalised), its code first; longer
    /// free text falls back to keywords in [`Level::parse`]. docs/INVENTORY.md lists them.
    pub const SPELLINGS: &'static [(Level, &'static [&'static str])] = &[
        (
            Level::National,
            &[
                "national",
                "central",
                "中央",
                "国家",
                "国家级",
                "中央级",
                "部委",
            ],
        ),
        (
            Level::Province,
            &[
                "province",
                "provincial",
                "省",
                "省级",
                "自治区",
                "直辖市",
                "省直",
                "省本级",
                "省直部门",
            ],
        ),
        (
            Level::City,
            &[
                "city",
                "prefecture",
                "市",
                "市级",
                "地级",
                "地级市",
                "州",
                "盟",
                "市直",
                "市本级",
                "州直",
                "州本级",
                "州级",
                "盟直",
                "市直部门",
                "州直部门",
            ],
        ),
        (
            Level::County,
            &[
                "county",
                "district",
                "县",
                "县级",
                "区",
                "区级",
                "县级市",
                "县（区）",
                "县区",
                "旗",
                "县直",
                "县本级",
                "区直",
                "区本级",
                "旗直",
                "县直部门",
                "区直部门",
            ],
        ),
        (
            Level::Township,
            &[
                "township",
                "town",
                "street",
                "乡",
                "镇",
                "乡镇",
                "乡级",
                "镇级",
                "街道",
                "乡镇（街道）",
                "乡镇街道",
                "乡镇级",
            ],
        ),
        (
            Level::Village,
            &[
                "village",
                "community",
                "村",
                "社区",
                "村级",
                "村（社区）",
                "村社区",
                "居委会",
                "村委会",
            ],
        ),
    ];

    /// All levels from the top down.
    pub const ALL: [Level; 6] = [
        Level::National,
        Level::Province,
        Level::City,
        Level::County,
        Level::Township,
        Level::Village,
    ];

    /// The stable English code used in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
            Level::Village => "village",
        }
    }

    /// The Chinese label used in reports.
    pub fn label_zh(self) -> &'static str {
        match self {
            Level::National => "中央",
            Level::Province => "省级",
            Level::City => "市级",
            Level::County => "县级",
            Level::Township => "乡镇级",
            Level::Village => "村（社区）级",
        }
    }

    /// Below county level (乡镇/街道/村/社区), where 办法 第二条 forbids building apps.
    pub fn is_below_county(self) -> bool {
        self > Level::County
    }

    /// Parses a level from its code or the Chinese spellings in DESIGN.md §2.
    pub fn parse(text: &str) -> Option<Level> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.as_str();
        if let Some(level) = Self::SPELLINGS
            .iter()
            .find(|(_, spellings)| spellings.contains(&t))
            .map(|(value, _)| *value)
        {
            return Some(level);
        }
        // Longer free text, by keyword.
        let level = {
            if t.contains("村") || t.contains("社区") {
                Level::Village
            } else if t.contains("乡") || t.contains("镇") || t.contains("街道") {
                Level::Township
            } else if t.contains("县") || t.contains("区") {
                Level::County
            } else if t.contains("市") || t.contains("州") || t.contains("盟") {
                Level::City
            } else if t.contains("省") {
                Level::Province
            } else if t.contains("中央") || t.contains("国家") {
                Level::National
            } else {
                return None;
            }
        };
        Some(level)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Status of the task (事项) a group or form serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatterStatus {
    /// 进行中.
    Ongoing,
    /// 已完结.
    Finished,
}

impl MatterStatus {
    /// Every spelling of a matter status (lower case, normalised), its code first.
    /// docs/INVENTORY.md lists them.
    pub const SPELLINGS: &'static [(MatterStatus, &'static [&'static str])] = &[
        (
            MatterStatus::Ongoing,
            &[
                "ongoing",
                "active",
                "open",
                "进行中",
                "在办",
                "持续",
                "常态化",
                "正常",
                "未完结",
                "长期",
            ],
        ),
        (
            MatterStatus::Finished,
            &[
                "finished",
                "done",
                "closed",
                "已完结",
                "完结",
                "已结束",
                "结束",
                "已完成",
                "完成",
                "已办结",
                "办结",
            ],
        ),
    ];

    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            MatterStatus::Ongoing => "ongoing",
            MatterStatus::Finished => "finished",
        }
    }

    /// Parses 进行中 / 已完结 and their common variants.
    pub fn parse(text: &str) -> Option<MatterStatus> {
        let t = text.trim().to_ascii_lowercase();
        let t = t.as_str();
        Self::SPELLINGS
            .iter()
            .find(|(_, spellings)| spellings.contains(&t))
            .map(|(status, _)| *status)
    }
}

/// Where a record came from: the file (relative to the inventory, or a URL for crawled
/// records) and the 1-based row or line in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Provenance {
    /// File path relative to the inventory root, or the URL a crawled record came from.
    pub source: String,
    /// Sheet name for XLSX inputs.
    pub sheet: Option<String>,
    /// 1-based row (tables, counting the header as row 1) or line (JSONL).
    pub row: usize,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.sheet {
            Some(sheet) => write!(f, "{}[{}]:{}", self.source, sheet, self.row),
            None => write!(f, "{}:{}", self.source, self.row),
        }
    }
}

/// Declares the fields `Record` and `Platform` share, once: it generates both structs,
/// the record → platform copy ([`Platform::from_record`]) and the text form of every
/// shared field ([`Record::shared_fields_text`], [`Record::from_shared_fields_text`])
/// the registry stores. The record schema is spelled out here and nowhere else.
macro_rules! record_schema {
    ($($(#[$doc:meta])* $field:ident: $ty:ty,)*) => {
        /// One raw input row after cell parsing but before identity resolution and tag
        /// normalisation. Every field of DESIGN.md §2 is optional: a cell that could not
        /// be read becomes `None` plus a [`Problem`], never a silent default.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Record {
            /// `id` / 编号.
            pub id: Option<String>,
            /// `name` / 名称.
            pub name: Option<String>,
            /// `kind` / 类型.
            pub kind: Option<Kind>,
            $($(#[$doc])* pub $field: $ty,)*
            /// Unknown columns, kept by their header text.
            pub extra: BTreeMap<String, String>,
            /// Where the record came from.
            pub provenance: Provenance,
        }

        /// A resolved entry of the registry: an app, mini program, account, group,
        /// platform or form, with canonical function and data-field tags.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Platform {
            /// Stable identifier: the source id, or one assigned by the registry.
            pub id: String,
            /// Display name.
            pub name: String,
            /// Kind; records without a readable kind default to the kind implied by the
            /// name, and failing that are reported as a problem and treated as
            /// `Platform`.
            pub kind: Kind,
            $($(#[$doc])* pub $field: $ty,)*
            /// Unknown columns.
            pub extra: BTreeMap<String, String>,
            /// Where the platform was first read from.
            pub provenance: Provenance,
        }

        impl Platform {
            /// A platform with `id`, `name` and `kind` and every shared field, unknown
            /// columns and provenance moved from `record` as they are (the registry then
            /// replaces functions and data fields with canonical tags).
            pub fn from_record(id: String, name: String, kind: Kind, record: Record) -> Platform {
                Platform {
                    id,
                    name,
                    kind,
                    $($field: record.$field,)*
                    extra: record.extra,
                    provenance: record.provenance,
                }
            }
        }

        impl Record {
            /// The names of the shared fields, in declaration order (the column codes of
            /// DESIGN.md §2 after `id`, `name` and `kind`).
            pub const SHARED_FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Every shared field in its text form ([`FieldText`]), by name; empty
            /// values are `None`.
            pub fn shared_fields_text(&self) -> Vec<(&'static str, Option<String>)> {
                vec![$((stringify!($field), FieldText::to_text(&self.$field)),)*]
            }

            /// A record whose shared fields are read back from their text forms (the
            /// inverse of [`Record::shared_fields_text`]); everything else is default.
            pub fn from_shared_fields_text<'a>(text: impl Fn(&str) -> Option<&'a str>) -> Record {
                Record {
                    $($field: FieldText::from_text(text(stringify!($field))),)*
                    ..Record::default()
                }
            }
        }
    };
}

record_schema! {
    /// `channel` / 载体.
    channel: Option<String>,
    /// `owner` / 主管单位 (owning unit).
    owner: Option<String>,
    /// `department` / 行业主管部门 (supervising line department), if different.
    department: Option<String>,
    /// `level` / 层级 of the owner.
    level: Option<Level>,
    /// `region` / 行政区划, a name or code.
    region: Option<String>,
    /// `description` / 功能描述.
    description: Option<String>,
    /// `functions` / 主要功能: split cell values in a record, canonical tags (sorted,
    /// deduplicated) in a platform.
    functions: Vec<String>,
    /// `data_fields` / 采集数据项: split cell values in a record, canonical tags (sorted,
    /// deduplicated) in a platform.
    data_fields: Vec<String>,
    /// `users` / 注册用户数.
    users: Option<u64>,
    /// `monthly_active` / 月活跃用户数.
    monthly_active: Option<u64>,
    /// `members` / 群成员数.
    members: Option<u64>,
    /// `created` / 上线时间 / 建群时间.
    created: Option<NaiveDate>,
    /// `last_update` / 最近更新 (last release or post).
    last_update: Option<NaiveDate>,
    /// `last_active` / 最近活跃 (last message or login).
    last_active: Option<NaiveDate>,
    /// `mandatory` / 是否强制使用.
    mandatory: Option<bool>,
    /// `assessment_linked` / 是否纳入考核.
    assessment_linked: Option<bool>,
    /// `checkin` / 打卡要求 (free text; a boolean cell becomes "是"/"否").
    checkin: Option<String>,
    /// `matter` / 关联事项 (the task a group or form serves).
    matter: Option<String>,
    /// `matter_status` / 事项状态.
    matter_status: Option<MatterStatus>,
    /// `filing_no` / 备案编号.
    filing_no: Option<String>,
    /// `notes` / 备注.
    notes: Option<String>,
}

/// The text form of a field value, as the registry stores it: text trimmed, codes for
/// kinds, levels and statuses, decimal counts, `YYYY-MM-DD` dates, `true`/`false`, and
/// lists as a sorted, deduplicated JSON array (their order carries no meaning). An empty
/// value has no text form; text that does not parse reads back as empty.
pub trait FieldText: Sized {
    /// The text form, `None` when empty.
    fn to_text(&self) -> Option<String>;
    /// Reads a text form back.
    fn from_text(text: Option<&str>) -> Self;
}

fn non_empty(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl FieldText for Option<String> {
    fn to_text(&self) -> Option<String> {
        self.as_deref().and_then(non_empty)
    }
    fn from_text(text: Option<&str>) -> Self {
        text.map(str::to_string)
    }
}

impl FieldText for Option<u64> {
    fn to_text(&self) -> Option<String> {
        self.map(|v| v.to_string())
    }
    fn from_text(text: Option<&str>) -> Self {
        text.and_then(|t| t.parse().ok())
    }
}

impl FieldText for Option<bool> {
    fn to_text(&self) -> Option<String> {
        self.map(|v| v.to_string())
    }
    fn from_text(text: Option<&str>) -> Self {
        text.and_then(|t| t.parse().ok())
    }
}

impl FieldText for Option<NaiveDate> {
    fn to_text(&self) -> Option<String> {
        self.map(|d| d.to_string())
    }
    fn from_text(text: Option<&str>) -> Self {
        text.and_then(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
    }
}

impl FieldText for Option<Kind> {
    fn to_text(&self) -> Option<String> {
        self.map(|v| v.code().to_string())
    }
    fn from_text(text: Option<&str>) -> Self {
        text.and_then(Kind::parse)
    }
}

impl FieldText for Option<Level> {
    fn to_text(&self) -> Option<String> {
        self.map(|v| v.code().to_string())
    }
    fn from_text(text: Option<&str>) -> Self {
        text.and_then(Level::parse)
    }
}

impl FieldText for Option<MatterStatus> {
    fn to_text(&self) -> Option<String> {
        self.map(|v| v.code().to_string())
    }
    fn from_text(text: Option<&str>) -> Self {
        text.and_then(MatterStatus::parse)
    }
}

impl FieldText for Vec<String> {
    fn to_text(&self) -> Option<String> {
        let mut items: Vec<&str> = self
            .iter()
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .collect();
        if items.is_empty() {
            return None;
        }
        items.sort_unstable();
        items.dedup();
        serde_json::to_string(&items).ok()
    }
    fn from_text(text: Option<&str>) -> Self {
        text.and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default()
    }
}

impl Platform {
    /// The most recent of `last_update` and `last_active`, the date the platform last
    /// showed signs of life.
    pub fn last_seen_alive(&self) -> Option<NaiveDate> {
        match (self.last_update, self.last_active) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the name, description or notes say this is the unified (统一) platform of
    /// its domain, e.g. 一网通办, 政务钉, 统一平台. Used to pick merge targets.
    pub fn is_unified(&self) -> bool {
        const MARKERS: [&str; 8] = [
            "一网通办",
            "一网统管",
            "一网协同",
            "统一",
            "政务钉",
            "浙政钉",
            "一表通",
            "综合平台",
        ];
        let texts = [
            Some(self.name.as_str()),
            self.description.as_deref(),
            self.notes.as_deref(),
        ];
        texts
            .iter()
            .flatten()
            .any(|t| MARKERS.iter().any(|m| t.contains(m)))
    }
}

/// A text file used as evidence: a notice, assessment rule or chat export from
/// `documents/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path relative to the inventory root, with `/` separators.
    pub path: String,
    /// The platform id when the document sits in `documents/<platform id>/`.
    pub platform_dir: Option<String>,
    /// The text split into lines (markup removed for HTML), line `i` is `lines[i - 1]`.
    pub lines: Vec<String>,
}

/// How bad an input problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemLevel {
    /// Nothing is wrong, but the reader decided something the bureau should know about
    /// (a kind inferred from the file name, a footer row skipped).
    Info,
    /// The input was read, but something about it deserves a look (unknown column).
    Warning,
    /// A cell, row or file could not be read; the value was left empty.
    Error,
}

impl ProblemLevel {
    /// Stable English code.
    pub fn code(self) -> &'static str {
        match self {
            ProblemLevel::Info => "info",
            ProblemLevel::Warning => "warning",
            ProblemLevel::Error => "error",
        }
    }
}

/// One problem in the input: the file, row or line, column and a Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Problem {
    /// File path relative to the inventory (or a URL).
    pub file: String,
    /// Sheet name for XLSX inputs.
    pub sheet: Option<String>,
    /// 1-based row or line, if the problem is tied to one.
    pub row: Option<usize>,
    /// The column header as written in the input, if the problem is tied to one.
    pub column: Option<String>,
    /// Stable kind code, e.g. `bad-date`, `duplicate-id`, `unreadable-file`.
    pub kind: String,
    /// Human-readable message in Chinese.
    pub message: String,
    /// Severity.
    pub level: ProblemLevel,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, "[{sheet}]")?;
        }
        if let Some(row) = self.row {
            write!(f, ":{row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, " 列“{column}”")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Parses a `YYYY-MM-DD` date given on the command line or in a settings, waiver or
/// decision file: the one date parser for dates a person typed.
pub fn parse_ymd(text: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{text}”不是 YYYY-MM-DD 格式的日期"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_parses_design_spellings() {
        for (text, kind) in [
            ("政务APP", Kind::App),
            ("客户端", Kind::App),
            ("小程序", Kind::MiniProgram),
            ("快应用", Kind::MiniProgram),
            ("视频号", Kind::Account),
            ("抖音号", Kind::Account),
            ("钉钉群", Kind::Group),
            ("企业微信群", Kind::Group),
            ("网络工作平台", Kind::Platform),
            ("填报任务", Kind::Form),
            ("mini_program", Kind::MiniProgram),
            ("微信订阅号", Kind::Account),
            ("微信服务号", Kind::Account),
            ("微信视频号", Kind::Account),
            ("微信", Kind::Account),
            ("政务微信", Kind::Account),
            ("新浪微博", Kind::Account),
            ("政务微博", Kind::Account),
            ("快手", Kind::Account),
            ("百家号", Kind::Account),
            ("头条号", Kind::Account),
            ("小红书", Kind::Account),
            ("B站", Kind::Account),
            ("网站", Kind::Website),
            ("钉钉群", Kind::Group),
            ("政务钉", Kind::Platform),
            ("浙政钉", Kind::Platform),
        ] {
            assert_eq!(Kind::parse(text), Some(kind), "{text}");
        }
        assert_eq!(Kind::parse("不知道"), None);
    }

    #[test]
    fn level_order_and_spellings() {
        assert!(Level::Province < Level::Village);
        assert!(Level::Township.is_below_county());
        assert!(!Level::County.is_below_county());
        for (text, level) in [
            ("中央", Level::National),
            ("省", Level::Province),
            ("县级市", Level::County),
            ("街道", Level::Township),
            ("社区", Level::Village),
            ("州直", Level::City),
            ("州本级", Level::City),
            ("市直", Level::City),
            ("县直", Level::County),
            ("省直", Level::Province),
        ] {
            assert_eq!(Level::parse(text), Some(level), "{text}");
        }
    }
}

/// A user-facing sentence in both report languages. Reasons and finding messages are
/// built in both at once so that `--lang en` renders the same content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Msg {
    /// Chinese text (the default language of reports).
    pub zh: String,
    /// English text.
    pub en: String,
}

impl Msg {
    /// Builds a message from its two renderings.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Msg {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The rendering for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// Language of reports and user-facing messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Lang {
    /// Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

// ---- Columns real registers keep beyond DESIGN.md §2 (issues 13 and 18) ----
// Their cells stay in `extra` under the header as written, so evidence cites the
// bureau's own column; importers and rules find them again by meaning here. The lead
// may fold them into the generated field list.

/// A column real 台账 keep beyond DESIGN.md §2, kept in `extra`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KeptColumn {
    /// 主管单位 next to 主办单位: the supervising unit.
    Supervisor,
    /// 检查结果 / 抽查情况 / 四季度检查结果: last inspection's verdict.
    InspectionResult,
    /// 检查发现问题 / 问题描述 / 存在问题: what the inspection found.
    InspectionIssue,
    /// 整改情况 / 整改结果.
    Rectification,
    /// 最近原创时间: the last original (not reposted) post.
    LastOriginal,
    /// 互动情况 / 留言功能.
    Interaction,
    /// 链接可用性 / 功能是否可用.
    LinkStatus,
    /// 是否备案 / 是否报备 / 备案情况.
    FilingStatus,
    /// 账号状态 / 运行状态: 正常, 已关停, 已注销 ….
    OperatingStatus,
    /// 发文部门 / 下发单位 (forms): the unit that issues a form, when the owner column
    /// names the unit that fills it.
    FormIssuer,
    /// 填报对象 / 填报主体 (forms): who fills a form.
    FormFillers,
    /// 填报频次 / 报送周期 (forms): 日报, 周报, 月报, 季报 ….
    FormCycle,
}

impl KeptColumn {
    /// All kept columns.
    pub const ALL: [KeptColumn; 12] = [
        KeptColumn::Supervisor,
        KeptColumn::InspectionResult,
        KeptColumn::InspectionIssue,
        KeptColumn::Rectification,
        KeptColumn::LastOriginal,
        KeptColumn::Interaction,
        KeptColumn::LinkStatus,
        KeptColumn::FilingStatus,
        KeptColumn::OperatingStatus,
        KeptColumn::FormIssuer,
        KeptColumn::FormFillers,
        KeptColumn::FormCycle,
    ];

    /// Exact spellings, in matching form (see [`KeptColumn::of_header`]).
    pub fn spellings(self) -> &'static [&'static str] {
        match self {
            KeptColumn::Supervisor => &["主管单位", "supervisor", "上级主管单位", "主管机关"],
            KeptColumn::InspectionResult => &[
                "检查结果",
                "抽查结果",
                "抽查情况",
                "检查情况",
                "核查结果",
                "监测结果",
                "检测结果",
                "检查结论",
                "inspectionresult",
            ],
            KeptColumn::InspectionIssue => &[
                "检查发现问题",
                "发现问题",
                "存在问题",
                "问题描述",
                "主要问题",
                "问题",
                "问题类型",
                "问题类别",
                "更新情况",
                "inspectionissue",
            ],
            KeptColumn::Rectification => &[
                "整改情况",
                "整改结果",
                "整改措施",
                "整改进展",
                "整改落实情况",
                "rectification",
            ],
            KeptColumn::LastOriginal => &[
                "最近原创时间",
                "最后原创时间",
                "最近原创日期",
                "最近原创",
                "lastoriginal",
            ],
            KeptColumn::Interaction => &[
                "互动情况",
                "互动功能",
                "留言功能",
                "是否开通留言",
                "互动回应情况",
                "interaction",
            ],
            KeptColumn::LinkStatus => &[
                "链接可用性",
                "链接是否可用",
                "功能是否可用",
                "可用性",
                "链接情况",
                "linkstatus",
            ],
            KeptColumn::FilingStatus => &[
                "是否备案",
                "是否报备",
                "备案情况",
                "报备情况",
                "是否登记备案",
                "filingstatus",
            ],
            KeptColumn::OperatingStatus => &[
                "账号状态",
                "运行状态",
                "运营状态",
                "状态",
                "当前状态",
                "operatingstatus",
            ],
            KeptColumn::FormIssuer => &[
                "发文部门",
                "发文单位",
                "下发部门",
                "下发单位",
                "布置部门",
                "布置单位",
                "制表单位",
                "要求单位",
                "issuer",
            ],
            KeptColumn::FormFillers => &["填报对象", "填报主体", "填报范围", "fillers"],
            KeptColumn::FormCycle => &[
                "填报频次",
                "报送频次",
                "填报周期",
                "报送周期",
                "频次",
                "周期",
                "frequency",
                "cycle",
            ],
        }
    }

    /// Header endings that name the column whatever comes before them (四季度检查结果).
    fn suffixes(self) -> &'static [&'static str] {
        match self {
            KeptColumn::InspectionResult => &[
                "检查结果",
                "抽查结果",
                "抽查情况",
                "检查情况",
                "监测结果",
                "核查结果",
            ],
            KeptColumn::InspectionIssue => &["发现问题", "存在问题", "问题描述"],
            KeptColumn::Rectification => &["整改情况", "整改结果"],
            _ => &[],
        }
    }

    /// The kept column a header names: exact spellings first, then endings. Matching
    /// ignores case, spaces and separators and a trailing `（…）` note.
    pub fn of_header(header: &str) -> Option<KeptColumn> {
        let key = kept_key(header);
        if key.is_empty() {
            return None;
        }
        KeptColumn::ALL
            .into_iter()
            .find(|c| c.spellings().contains(&key.as_str()))
            .or_else(|| {
                KeptColumn::ALL
                    .into_iter()
                    .find(|c| c.suffixes().iter().any(|e| key.ends_with(e)))
            })
    }
}

/// A header in the matching form of [`KeptColumn::of_header`].
fn kept_key(header: &str) -> String {
    let mut key: String = header
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-' | '.' | '·' | '*' | ':' | '：' | '\u{200B}' | '\u{FEFF}'
                )
        })
        .collect();
    while key.ends_with(')') || key.ends_with('）') {
        let Some(start) = key.rfind(['(', '（']) else {
            break;
        };
        if start == 0 {
            break;
        }
        key.truncate(start);
    }
    key
}

/// The first extra attribute whose header names `column`: `(header as written, value)`.
pub fn kept_value(extra: &BTreeMap<String, String>, column: KeptColumn) -> Option<(&str, &str)> {
    extra
        .iter()
        .find(|(header, _)| KeptColumn::of_header(header) == Some(column))
        .map(|(header, value)| (header.as_str(), value.as_str()))
}
