//! The rule catalog: the single table from rule id to rule, with severity, clause,
//! source and object copied from `data/rule_catalog.csv` (embedded, and checked
//! against this table by a test), plus each rule's status, whether it is a local rule
//! (off by default), the data it needs to be decided, and what later stages make of a
//! finding: its row of the action table ([`Remedy`]), its items of the burden ledger
//! ([`Cost`]) and its corrective measure ([`Measure`]). No other module names a rule.

use super::*;
use crate::model::{Kind, Msg};

// The rule files, one module per rule (`src/rules/<id with underscores>.rs`), declared
// here so that a new rule touches only its file, this table and the policy.
#[path = "account_commercial_ads.rs"]
pub mod account_commercial_ads;
#[path = "account_forced_promotion.rs"]
pub mod account_forced_promotion;
#[path = "account_level_restriction.rs"]
pub mod account_level_restriction;
#[path = "account_no_interaction.rs"]
pub mod account_no_interaction;
#[path = "account_one_per_platform.rs"]
pub mod account_one_per_platform;
#[path = "account_stale_14d.rs"]
pub mod account_stale_14d;
#[path = "account_unregistered.rs"]
pub mod account_unregistered;
#[path = "account_update_frequency.rs"]
pub mod account_update_frequency;
#[path = "app_as_assessment_vehicle.rs"]
pub mod app_as_assessment_vehicle;
#[path = "app_below_county.rs"]
pub mod app_below_county;
#[path = "app_commercial_use.rs"]
pub mod app_commercial_use;
#[path = "app_forced_checkin.rs"]
pub mod app_forced_checkin;
#[path = "app_forced_download.rs"]
pub mod app_forced_download;
#[path = "app_level_policy.rs"]
pub mod app_level_policy;
#[path = "app_task_ended.rs"]
pub mod app_task_ended;
#[path = "app_unfiled.rs"]
pub mod app_unfiled;
#[path = "assess_by_engagement.rs"]
pub mod assess_by_engagement;
#[path = "assess_by_traces.rs"]
pub mod assess_by_traces;
#[path = "duplicate_app.rs"]
pub mod duplicate_app;
#[path = "duplicate_data_entry.rs"]
pub mod duplicate_data_entry;
#[path = "forced_trace_upload.rs"]
pub mod forced_trace_upload;
#[path = "form_outside_master_form.rs"]
pub mod form_outside_master_form;
#[path = "grassroots_app_quota.rs"]
pub mod grassroots_app_quota;
#[path = "group_24h_media.rs"]
pub mod group_24h_media;
#[path = "group_duplicate.rs"]
pub mod group_duplicate;
#[path = "group_forced_checkin.rs"]
pub mod group_forced_checkin;
#[path = "group_governance.rs"]
pub mod group_governance;
#[path = "group_not_dissolved.rs"]
pub mod group_not_dissolved;
#[path = "group_task_dumping.rs"]
pub mod group_task_dumping;
#[path = "no_feedback_channel.rs"]
pub mod no_feedback_channel;
#[path = "repeat_data_request.rs"]
pub mod repeat_data_request;
#[path = "reporting_depth.rs"]
pub mod reporting_depth;
#[path = "zombie_account.rs"]
pub mod zombie_account;
#[path = "zombie_app.rs"]
pub mod zombie_app;
// The inspection indicators of 国办秘函〔2019〕19号 (issues 13 and 18).
#[path = "account_missing_repost.rs"]
pub mod account_missing_repost;
#[path = "account_no_original.rs"]
pub mod account_no_original;
#[path = "broken_links.rs"]
pub mod broken_links;
#[path = "closed_but_alive.rs"]
pub mod closed_but_alive;
#[path = "columns_not_updated.rs"]
pub mod columns_not_updated;
#[path = "inspection_failed.rs"]
pub mod inspection_failed;
#[path = "monitoring_order_unhandled.rs"]
pub mod monitoring_order_unhandled;
#[path = "opened_without_filing.rs"]
pub mod opened_without_filing;
#[path = "serious_wording_error.rs"]
pub mod serious_wording_error;
#[path = "website_below_county_portal.rs"]
pub mod website_below_county_portal;

/// The policy catalog as shipped (`data/rule_catalog.csv`, a copy of the policy team's
/// catalog; the table below is checked against it by a test).
pub const CATALOG_CSV: &str = include_str!("../../data/rule_catalog.csv");

/// Data a rule needs to decide a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Need {
    /// `functions` / 主要功能.
    Functions,
    /// `data_fields` / 采集数据项.
    DataFields,
    /// `level` / 层级.
    Level,
    /// `owner` / 主管单位.
    Owner,
    /// `channel` / 载体.
    Channel,
    /// `mandatory` / 是否强制使用.
    Mandatory,
    /// `assessment_linked` / 是否纳入考核.
    AssessmentLinked,
    /// `checkin` / 打卡要求.
    Checkin,
    /// `filing_no` / 备案编号.
    FilingNo,
    /// `created` / 上线时间.
    Created,
    /// `last_update` / 最近更新.
    LastUpdate,
    /// `last_update` or `last_active`.
    Dates,
    /// `monthly_active` / 月活跃用户数.
    MonthlyActive,
    /// `matter` / `matter_status` (关联事项, 事项状态).
    Matter,
    /// Documents in `documents/` that name the platform.
    Documents,
    /// A chat export of the group in `documents/`.
    ChatExport,
    /// The overlap stage's clusters.
    Overlap,
    /// An extra column saying who the app serves (受众 / audience), or text naming
    /// grassroots users.
    Audience,
    /// An extra column saying whether the account has working interaction (互动功能).
    InteractionColumn,
    /// Inspection columns kept in the register (检查结果, 问题描述, 最近原创时间, 链接可用性,
    /// 是否备案, 账号状态), or notes and documents stating the finding.
    InspectionColumn,
    /// An extra column saying whether the account is filed in the national or local
    /// new-media register (是否报送/备案).
    RegistrationColumn,
}

impl Need {
    /// What the data is, in both languages.
    pub fn label(self) -> Msg {
        let (zh, en) = match self {
            Need::Functions => ("主要功能（functions）", "functions"),
            Need::DataFields => ("采集数据项（data_fields）", "data fields"),
            Need::Level => ("层级（level）", "level"),
            Need::Owner => ("主管单位（owner）", "owner"),
            Need::Channel => ("载体（channel）", "channel"),
            Need::Mandatory => ("是否强制使用（mandatory）", "mandatory"),
            Need::AssessmentLinked => ("是否纳入考核（assessment_linked）", "assessment_linked"),
            Need::Checkin => ("打卡要求（checkin）", "checkin requirement"),
            Need::FilingNo => ("备案编号（filing_no）", "filing number"),
            Need::Created => ("上线时间（created）", "creation date"),
            Need::LastUpdate => ("最近更新（last_update）", "last update"),
            Need::Dates => (
                "最近更新或最近活跃日期",
                "last update or last activity date",
            ),
            Need::MonthlyActive => ("月活跃用户数（monthly_active）", "monthly active users"),
            Need::Matter => (
                "关联事项及事项状态（matter, matter_status）",
                "matter and matter status",
            ),
            Need::Documents => (
                "documents/ 中提及该平台的文件",
                "documents naming the platform",
            ),
            Need::ChatExport => (
                "documents/ 中该群的聊天记录导出",
                "a chat export of the group",
            ),
            Need::Overlap => ("重叠分析结果", "overlap clusters"),
            Need::Audience => (
                "服务对象（受众/audience 列，或描述中写明面向基层）",
                "audience column or text naming grassroots users",
            ),
            Need::InteractionColumn => (
                "互动功能列（互动功能/interaction）",
                "an interaction column",
            ),
            Need::InspectionColumn => (
                "检查结果等检查列或备注、问题描述",
                "inspection columns, notes or an issue description",
            ),
            Need::RegistrationColumn => (
                "报送/备案登记列（是否报送/registered）",
                "a registration column",
            ),
        };
        Msg::new(zh, en)
    }
}

/// Rules that are a graver form of `rule`: when one of them fires on a platform that an
/// earlier audit flagged with `rule`, the practice was not rectified but got worse
/// (follow-through reports it as such).
pub fn graver_forms(rule: &str) -> &'static [&'static str] {
    match rule {
        "account-stale-14d" => &["zombie-account"],
        _ => &[],
    }
}

/// A disposition finer than the five actions that a rule's finding asks for (issue 18):
/// the action stays one of keep/merge/shutdown/dissolve/rectify, and the recommend stage
/// adds this as its sub-action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubAction {
    /// Switch named functions off inside an app that stays (停用部分功能).
    SwitchOffFunctions,
    /// Close when the task the platform was built for ends, and delete its data
    /// (任务结束即关停).
    CloseWhenTaskEnds,
    /// Move the entry points into another platform (入驻), the source carrying on.
    MoveEntryPoints,
}

/// The sub-action a finding of `rule` asks for, if any.
pub fn sub_action(rule: &str) -> Option<SubAction> {
    match rule {
        "app-task-ended" => Some(SubAction::CloseWhenTaskEnds),
        "app-forced-checkin" | "app-as-assessment-vehicle" | "app-commercial-use" => {
            Some(SubAction::SwitchOffFunctions)
        }
        _ => None,
    }
}

/// The short Chinese name of a rule for reason text (“强制打卡签到” rather than
/// `app-forced-checkin`): the clause up to its first comma, else the id.
pub fn name_zh(rule: &str) -> String {
    get(rule).map_or_else(
        || rule.to_string(),
        |meta| {
            let clause = meta.clause.trim_start_matches(['“', '"']);
            let cut = clause
                .find([',', '，', '、', '(', '（', '”', ';', '；'])
                .unwrap_or(clause.len());
            let short = &clause[..cut];
            if short.chars().count() > 24 {
                short.chars().take(24).collect::<String>() + "…"
            } else {
                short.to_string()
            }
        },
    )
}

/// For each platform a rule folds into a target it names itself (not an overlap
/// cluster), that target: an account's unit's primary account on the same channel
/// (account-one-per-platform), a form's master form system (form-outside-master-form).
pub fn named_targets(platforms: &[crate::model::Platform]) -> Vec<Option<usize>> {
    let mut targets = account_one_per_platform::primary_accounts(platforms);
    for (slot, master) in targets
        .iter_mut()
        .zip(form_outside_master_form::master_forms(platforms))
    {
        if slot.is_none() {
            *slot = master;
        }
    }
    targets
}

/// One catalog row.
#[derive(Clone, Copy)]
pub struct RuleMeta {
    /// Kebab-case id, never changed.
    pub id: &'static str,
    /// Struct name (`AppForcedCheckin` for `app-forced-checkin`).
    pub name: &'static str,
    /// The rule.
    pub rule: &'static dyn Rule,
    /// The rule's documentation (its doc comment).
    pub doc: &'static str,
    /// Severity from the CSV.
    pub severity: Severity,
    /// Object from the CSV (app, account, group, form, assessment, app/account …).
    pub object: &'static str,
    /// Clause, Chinese, from the CSV.
    pub clause: &'static str,
    /// Source documents from the CSV.
    pub source: &'static str,
    /// Violation evidence from the CSV.
    pub evidence: &'static str,
    /// Maturity.
    pub status: RuleStatus,
    /// Version since which the rule has had this status.
    pub since: &'static str,
    /// A local rule (from one jurisdiction's documents), off unless enabled.
    pub local: bool,
    /// Data needed to decide a platform.
    pub needs: &'static [Need],
    /// What the recommend stage does with a finding (docs/AUDIT_POLICY.md §4).
    pub remedy: Remedy,
    /// The practice items a finding adds to the burden ledger.
    pub costs: &'static [Cost],
    /// The corrective measure (整改措施) a finding asks for, when the rule has its own.
    pub measure: Option<Measure>,
}

/// Apps, mini programs and work platforms: the kinds the app rows of the action table
/// cover.
const APPS: &[Kind] = &[Kind::App, Kind::MiniProgram, Kind::Platform];
/// Work groups.
const GROUPS: &[Kind] = &[Kind::Group];
/// Public accounts.
const ACCOUNTS: &[Kind] = &[Kind::Account];
/// Reporting forms.
const FORMS: &[Kind] = &[Kind::Form];
/// What the inspection indicators judge: accounts, apps, mini programs, work platforms
/// and websites.
const INSPECTED: &[Kind] = &[
    Kind::Account,
    Kind::App,
    Kind::MiniProgram,
    Kind::Platform,
    Kind::Website,
];
/// What publishes columns (栏目): accounts and websites.
const PUBLISHERS: &[Kind] = &[Kind::Account, Kind::Website];

/// A rule's row of the action table (docs/AUDIT_POLICY.md §4). The recommend stage
/// tries the rows in this order: dissolve, shut down, merge, shut down an app, shut down
/// a finished form, rectify, keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remedy {
    /// No action of its own: a platform with only such findings is kept, with a note.
    Note,
    /// Keep the platform but remove the practice (整改), on platforms of these kinds;
    /// on others a note.
    Rectify(&'static [Kind]),
    /// Close and deregister (关停注销).
    Shutdown,
    /// Close and deregister an app or mini program; when the platform is merged for
    /// another finding, cited beside the merge instead.
    ShutdownAppLike,
    /// Dissolve the work group (解散).
    Dissolve,
    /// Merge into the target of the platform's overlap cluster; the merge reason (shared
    /// tags, similarity) says more than the finding.
    MergeIntoClusterTarget,
    /// Merge into the target the rule names ([`named_targets`]): the unit's primary
    /// account on the same channel, the master form system a form is filled in.
    MergeIntoNamedTarget,
}

/// A practice item of the burden ledger (`recommend::burden`) that a finding adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cost {
    /// Daily check-ins.
    Checkin,
    /// Daily check-ins, when the finding cites this platform column.
    CheckinWhenField(&'static str),
    /// Reply-demanding messages in working hours, one per evidence line.
    Replies,
    /// Reply-demanding messages outside working hours, one per evidence line.
    OffHoursReplies,
    /// Daily photo, video or track uploads.
    TraceUpload,
    /// Daily forced study or engagement.
    ForcedLearning,
    /// Daily forced logins.
    ForcedLogin,
    /// Feeding an app that became the assessment vehicle.
    AssessmentVehicle,
    /// Forms or materials demanded, one per evidence line.
    Tasks,
    /// Follow, share or like tasks, one per evidence line and at least one.
    Promotion,
}

/// A corrective measure in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl std::fmt::Debug for RuleMeta {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleMeta")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl RuleMeta {
    /// The coverage note when some platforms lack the data to decide.
    pub fn insufficient_note(&self) -> Msg {
        let labels: Vec<Msg> = self.needs.iter().map(|n| n.label()).collect();
        let zh: Vec<&str> = labels.iter().map(|m| m.zh.as_str()).collect();
        let en: Vec<&str> = labels.iter().map(|m| m.en.as_str()).collect();
        Msg::new(
            format!("数据不足：需要{}", zh.join("、")),
            format!("insufficient data: needs {}", en.join(", ")),
        )
    }
}

/// Catalog ids not implemented yet, with the reason. Every id of the CSV is either in
/// [`CATALOG`] or here.
pub const PENDING: &[(&str, &str)] = &[];

/// Every rule, in the CSV's order.
pub static CATALOG: &[RuleMeta] = &[
    RuleMeta {
        id: "app-forced-checkin",
        name: "AppForcedCheckin",
        rule: &app_forced_checkin::AppForcedCheckin,
        doc: app_forced_checkin::AppForcedCheckin::DOC,
        severity: Severity::High,
        object: "app",
        clause: "政务应用程序设置打卡签到、积分排名、统计在线时长等强制性功能",
        source: "办法·使用管理“五不得”第(二)项;意见“限制强制功能”(原则上不得设置…强制使用功能)",
        evidence: "功能清单含签到/打卡、积分、排行榜、在线时长统计且为强制;豁免场景仅限安保、应急",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::Mandatory, Need::Checkin, Need::Documents],
        remedy: Remedy::Rectify(APPS),
        costs: &[Cost::Checkin],
        measure: Some(Measure {
            zh: "取消强制打卡签到、积分排名、在线时长统计等功能",
            en: "remove forced check-in, points ranking and online-time tracking",
        }),
    },
    RuleMeta {
        id: "app-forced-download",
        name: "AppForcedDownload",
        rule: &app_forced_download::AppForcedDownload,
        doc: app_forced_download::AppForcedDownload::DOC,
        severity: Severity::High,
        object: "app",
        clause: "强制推广下载使用政务应用程序,考核通报用户安装使用率,强制要求定期登录",
        source: "办法(三);意见“防止强制使用”;规定·五",
        evidence: "文件/群消息含下载率、注册率、安装率、激活率指标或通报排名;要求每日/每周登录",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Documents],
        remedy: Remedy::Rectify(APPS),
        costs: &[Cost::ForcedLogin],
        measure: Some(Measure {
            zh: "停止强制下载注册，取消下载率、注册率、激活率考核通报",
            en: "stop forced downloads and drop download/registration rates from assessments",
        }),
    },
    RuleMeta {
        id: "assess-by-engagement",
        name: "AssessByEngagement",
        rule: &assess_by_engagement::AssessByEngagement,
        doc: assess_by_engagement::AssessByEngagement::DOC,
        severity: Severity::High,
        object: "app/account",
        clause: "将点赞量、网络投票数、转发量、学习时长等作为考评依据",
        source: "办法(四);意见“防止滥用排名”",
        evidence: "考核细则、通报、排名表引用点赞/投票/转发/阅读/学习时长/积分;网络答题设参与比例或分数要求(遵义受理口径)",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::AssessmentLinked, Need::Documents],
        remedy: Remedy::Rectify(&[Kind::App, Kind::MiniProgram, Kind::Platform, Kind::Account]),
        costs: &[Cost::ForcedLearning],
        measure: Some(Measure {
            zh: "不再将点赞量、转发量、学习时长、积分等作为考评依据",
            en: "stop scoring staff by likes, shares, study time or points",
        }),
    },
    RuleMeta {
        id: "app-as-assessment-vehicle",
        name: "AppAsAssessmentVehicle",
        rule: &app_as_assessment_vehicle::AppAsAssessmentVehicle,
        doc: app_as_assessment_vehicle::AppAsAssessmentVehicle::DOC,
        severity: Severity::High,
        object: "app",
        clause: "把政务应用程序异化为工作考核日常化、督查检查线上化的主要载体",
        source: "办法(四);意见“防止过度留痕”",
        evidence: "App含日常打分、线上督查、任务完成率排名模块;上级以App数据代替实地检查",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::AssessmentLinked],
        remedy: Remedy::Rectify(APPS),
        costs: &[Cost::AssessmentVehicle],
        measure: Some(Measure {
            zh: "取消日常打分、线上督查、任务完成率排名等考核模块",
            en: "remove daily scoring, online inspection and completion-rate rankings",
        }),
    },
    RuleMeta {
        id: "forced-trace-upload",
        name: "ForcedTraceUpload",
        rule: &forced_trace_upload::ForcedTraceUpload,
        doc: forced_trace_upload::ForcedTraceUpload::DOC,
        severity: Severity::High,
        object: "app/group",
        clause: "非必要情况下强制要求…上传工作照片、视频和轨迹",
        source: "办法(四);意见“不得随意要求…上传不必要的截图或视频”;湖北2019",
        evidence: "表单必填照片/视频/GPS轨迹/定位打卡;群内“请上传截图/现场照片”",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::DataFields, Need::Mandatory, Need::Documents],
        remedy: Remedy::Rectify(&[Kind::App, Kind::MiniProgram, Kind::Platform, Kind::Group, Kind::Form]),
        costs: &[Cost::TraceUpload],
        measure: Some(Measure {
            zh: "取消强制上传照片、视频、定位轨迹等留痕要求",
            en: "stop demanding photos, videos or location tracks as proof of work",
        }),
    },
    RuleMeta {
        id: "repeat-data-request",
        name: "RepeatDataRequest",
        rule: &repeat_data_request::RepeatDataRequest,
        doc: repeat_data_request::RepeatDataRequest::DOC,
        severity: Severity::High,
        object: "app/form",
        clause: "随意或重复要求基层填表报数交材料",
        source: "办法(一);规定·三(不得频繁要求基层填表格报材料)",
        evidence: "同一指标/字段在同一周期由≥2个渠道(App、表格、群)向同一基层单位索取",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::Documents],
        remedy: Remedy::Rectify(FORMS),
        costs: &[Cost::Tasks],
        measure: Some(Measure {
            zh: "数据一数一源、共享复用，不再重复采集填报",
            en: "collect each data item once and share it instead of asking again",
        }),
    },
    RuleMeta {
        id: "app-commercial-use",
        name: "AppCommercialUse",
        rule: &app_commercial_use::AppCommercialUse,
        doc: app_commercial_use::AppCommercialUse::DOC,
        severity: Severity::Medium,
        object: "app",
        clause: "使用政务应用程序从事经营性活动",
        source: "办法(五)",
        evidence: "广告位、商品/会员售卖、商业推广、收费服务",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::Documents],
        remedy: Remedy::Rectify(APPS),
        costs: &[],
        measure: Some(Measure {
            zh: "清理商业广告和商业化运营内容",
            en: "remove commercial advertising and commercial use",
        }),
    },
    RuleMeta {
        id: "app-below-county",
        name: "AppBelowCounty",
        rule: &app_below_county::AppBelowCounty,
        doc: app_below_county::AppBelowCounty::DOC,
        severity: Severity::High,
        object: "app",
        clause: "县以下(不含县级)单位原则上不得开发建设政务应用程序",
        source: "办法 第二条;江苏“县级以下禁止开发政务服务App”",
        evidence: "主办单位层级=乡镇/街道/村(社区)且形态为App/小程序/快应用",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Level],
        remedy: Remedy::ShutdownAppLike,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "grassroots-app-quota",
        name: "GrassrootsAppQuota",
        rule: &grassroots_app_quota::GrassrootsAppQuota,
        doc: grassroots_app_quota::GrassrootsAppQuota::DOC,
        severity: Severity::Medium,
        object: "app",
        clause: "中央和国家机关部门原则上最多运行1个面向基层的政务App",
        source: "规定·五(北京商报2025-08-06转述措辞);四川“四个一律”:省、市两级面向基层原则上不超过1个",
        evidence: "同一主办单位、受众=基层的应用数>1",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::Owner, Need::Level, Need::Audience],
        remedy: Remedy::Note,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "reporting-depth",
        name: "ReportingDepth",
        rule: &reporting_depth::ReportingDepth,
        doc: reporting_depth::ReportingDepth::DOC,
        severity: Severity::Medium,
        object: "app",
        clause: "填表报数交材料功能一般不向下延伸到县级",
        source: "规定·五(北京商报转述措辞,原文待核)",
        evidence: "中央/省级应用的填报模块有县、乡用户账号或下发任务",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::Level, Need::Documents],
        remedy: Remedy::Note,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "app-unfiled",
        name: "AppUnfiled",
        rule: &app_unfiled::AppUnfiled,
        doc: app_unfiled::AppUnfiled::DOC,
        severity: Severity::High,
        object: "app",
        clause: "禁止以任何形式要求用户下载、安装或使用未经备案的政务应用程序",
        source: "国家网信办备案工作指南通告(2026);办法(已上线应用6个月内备案)",
        evidence: "无备案编号;上线日期早于2026-01-25且2026-07-25后仍未备案;变更/关停未报备",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::FilingNo, Need::Created],
        remedy: Remedy::Rectify(APPS),
        costs: &[],
        measure: Some(Measure {
            zh: "补办备案手续",
            en: "complete the app filing",
        }),
    },
    RuleMeta {
        id: "zombie-app",
        name: "ZombieApp",
        rule: &zombie_app::ZombieApp,
        doc: zombie_app::ZombieApp::DOC,
        severity: Severity::Medium,
        object: "app",
        clause: "对使用频率低、实用性不强的政务应用程序限期关停注销",
        source: "办法;意见“防止‘空壳’‘僵尸’”",
        evidence: "月活/注册用户低、长期无版本更新、无业务数据流入;国家层面无数值阈值,需本地配置",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::MonthlyActive, Need::Dates],
        remedy: Remedy::Shutdown,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "duplicate-app",
        name: "DuplicateApp",
        rule: &duplicate_app::DuplicateApp,
        doc: duplicate_app::DuplicateApp::DOC,
        severity: Severity::Medium,
        object: "app",
        clause: "对功能相近、重复的政务应用程序进行整合迁移",
        source: "办法;意见立项审核“是否与已有政务应用程序存在功能交叉重复”;123号“一事一端、一单位一应用”",
        evidence: "功能/数据字段重叠度高;可作为模块嵌入已有平台(如省级“一网通办/政务钉”)",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::DataFields, Need::Overlap],
        remedy: Remedy::MergeIntoClusterTarget,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "no-feedback-channel",
        name: "NoFeedbackChannel",
        rule: &no_feedback_channel::NoFeedbackChannel,
        doc: no_feedback_channel::NoFeedbackChannel::DOC,
        severity: Severity::Low,
        object: "app",
        clause: "主办单位应在政务应用程序中提供投诉建议功能",
        source: "意见(安全管理部分,0477ly转载);办法",
        evidence: "应用内无投诉/建议入口",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions],
        remedy: Remedy::Note,
        costs: &[],
        measure: Some(Measure {
            zh: "开设投诉建议渠道",
            en: "add a feedback channel",
        }),
    },
    RuleMeta {
        id: "account-one-per-platform",
        name: "AccountOnePerPlatform",
        rule: &account_one_per_platform::AccountOnePerPlatform,
        doc: account_one_per_platform::AccountOnePerPlatform::DOC,
        severity: Severity::Medium,
        object: "account",
        clause: "一个单位原则上在同一平台只开设一个政务新媒体账号",
        source: "国办发〔2018〕123号",
        evidence: "同一主办单位在同一平台账号数>1(含内设机构、下属单位挂名)",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Owner, Need::Channel],
        remedy: Remedy::MergeIntoNamedTarget,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "account-stale-14d",
        name: "AccountStale14d",
        rule: &account_stale_14d::AccountStale14d,
        doc: account_stale_14d::AccountStale14d::DOC,
        severity: Severity::High,
        object: "account",
        clause: "监测时间点前2周内无更新",
        source: "国办秘函〔2019〕19号检查指标·单项否决(宝鸡、渭南、贵州通报引用)",
        evidence: "最后发文时间早于检查日14天",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::LastUpdate],
        remedy: Remedy::Rectify(ACCOUNTS),
        costs: &[],
        measure: Some(Measure {
            zh: "恢复正常更新，无力维护的按程序关停",
            en: "resume regular updates or close the account properly",
        }),
    },
    RuleMeta {
        id: "zombie-account",
        name: "ZombieAccount",
        rule: &zombie_account::ZombieAccount,
        doc: zombie_account::ZombieAccount::DOC,
        severity: Severity::Medium,
        object: "account",
        clause: "确属无力维护的要坚决关停",
        source: "123号;贵州2025Q2“超过三个月未更新”;宝鸡/渭南“1个月/3个月无原创”",
        evidence: "最后更新>90天;粉丝少;无原创;僵尸清单未清理",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::LastUpdate],
        remedy: Remedy::Shutdown,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "account-no-interaction",
        name: "AccountNoInteraction",
        rule: &account_no_interaction::AccountNoInteraction,
        doc: account_no_interaction::AccountNoInteraction::DOC,
        severity: Severity::High,
        object: "account",
        clause: "未提供有效互动功能",
        source: "19号检查指标·单项否决(宝鸡2024Q3、连云港2023-09)",
        evidence: "无留言/私信/菜单互动入口或互动入口失效",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::InteractionColumn],
        // A single-item veto of the inspection indicators: rectify (issue 13).
        remedy: Remedy::Rectify(ACCOUNTS),
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "account-forced-promotion",
        name: "AccountForcedPromotion",
        rule: &account_forced_promotion::AccountForcedPromotion,
        doc: account_forced_promotion::AccountForcedPromotion::DOC,
        severity: Severity::High,
        object: "account",
        clause: "政务公众账号的推广使用应从实际需求出发,不得作强制性要求",
        source: "意见“防止强制使用”;四川“严禁摊派关注、点赞、转发任务”",
        evidence: "通知含关注数、转发数、点赞任务;要求截图证明转发",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::Documents],
        remedy: Remedy::Rectify(ACCOUNTS),
        costs: &[Cost::Promotion],
        measure: Some(Measure {
            zh: "停止强制关注、转发推广",
            en: "stop forcing staff to follow and share",
        }),
    },
    RuleMeta {
        id: "account-unregistered",
        name: "AccountUnregistered",
        rule: &account_unregistered::AccountUnregistered,
        doc: account_unregistered::AccountUnregistered::DOC,
        severity: Severity::Medium,
        object: "account",
        clause: "未按程序申请开通政务新媒体",
        source: "宝鸡2024Q3通报;123号与地方办法(开设、变更、关停、注销备案)",
        evidence: "平台上存在但不在“全国政务新媒体信息报送系统”/本地台账;改名未报备;已注销后私开(三明)",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::RegistrationColumn],
        remedy: Remedy::Note,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "account-level-restriction",
        name: "AccountLevelRestriction",
        rule: &account_level_restriction::AccountLevelRestriction,
        doc: account_level_restriction::AccountLevelRestriction::DOC,
        severity: Severity::Medium,
        object: "account",
        clause: "县级政府部门及乡镇(街道)原则上不单独开设政务新媒体",
        source: "广东粤办函〔2019〕90号(转述);江华县2025",
        evidence: "主办单位层级≤县级部门/乡镇(按地方规则配置)",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: true,
        needs: &[Need::Level, Need::Owner],
        remedy: Remedy::Note,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "account-commercial-ads",
        name: "AccountCommercialAds",
        rule: &account_commercial_ads::AccountCommercialAds,
        doc: account_commercial_ads::AccountCommercialAds::DOC,
        severity: Severity::Medium,
        object: "account",
        clause: "存在商业广告",
        source: "19号检查指标(宝鸡2024Q3通报陇县公安)",
        evidence: "推文/菜单含商业广告",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::Documents],
        remedy: Remedy::Rectify(ACCOUNTS),
        costs: &[],
        measure: Some(Measure {
            zh: "清理商业广告和商业化运营内容",
            en: "remove commercial advertising and commercial use",
        }),
    },
    RuleMeta {
        id: "group-forced-checkin",
        name: "GroupForcedCheckin",
        rule: &group_forced_checkin::GroupForcedCheckin,
        doc: group_forced_checkin::GroupForcedCheckin::DOC,
        severity: Severity::High,
        object: "group",
        clause: "不得脱离工作实际强制要求打卡接龙、即时响应",
        source: "意见“防止强制使用”;云南线索特征(五)",
        evidence: "消息含“接龙”“打卡”“收到请回复”“X分钟内回复”,逐人催办",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Checkin, Need::ChatExport],
        remedy: Remedy::Rectify(GROUPS),
        costs: &[Cost::CheckinWhenField("checkin"), Cost::Replies],
        measure: Some(Measure {
            zh: "取消群内打卡、接龙和限时回复要求",
            en: "stop check-ins, roll-calls and reply deadlines in the group",
        }),
    },
    RuleMeta {
        id: "group-24h-media",
        name: "Group24hMedia",
        rule: &group_24h_media::Group24hMedia,
        doc: group_24h_media::Group24hMedia::DOC,
        severity: Severity::Medium,
        object: "group",
        clause: "不得将微信、QQ工作群和政务APP等作为24小时工作媒介",
        source: "湖北《关于防治形式主义官僚主义的若干措施》(2019);香洲“原则上非工作时间不发布工作信息”",
        evidence: "非工作时间发布且要求限时回复的消息占比",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::ChatExport],
        remedy: Remedy::Rectify(GROUPS),
        costs: &[Cost::OffHoursReplies],
        measure: Some(Measure {
            zh: "非工作时间不再发送要求限时回复的工作消息",
            en: "stop after-hours messages that demand a reply",
        }),
    },
    RuleMeta {
        id: "group-task-dumping",
        name: "GroupTaskDumping",
        rule: &group_task_dumping::GroupTaskDumping,
        doc: group_task_dumping::GroupTaskDumping::DOC,
        severity: Severity::Medium,
        object: "group",
        clause: "随意摊派任务、索要材料",
        source: "意见“防止强制使用”",
        evidence: "群内下发表格/材料索取且附期限;索取系统中已有数据",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::ChatExport],
        remedy: Remedy::Rectify(GROUPS),
        costs: &[Cost::Tasks],
        measure: Some(Measure {
            zh: "停止通过工作群随意派发表格任务",
            en: "stop handing down forms and tasks through the group",
        }),
    },
    RuleMeta {
        id: "group-not-dissolved",
        name: "GroupNotDissolved",
        rule: &group_not_dissolved::GroupNotDissolved,
        doc: group_not_dissolved::GroupNotDissolved::DOC,
        severity: Severity::Medium,
        object: "group",
        clause: "因专项工作组建的微信群在结束工作后应及时解散",
        source: "香洲2019措施;意见(部门转载“对因完成某项重…”);湖南“随用随建、及时解散”",
        evidence: "群类型=临时/专项,任务结束日已过仍存续或有消息",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Matter],
        remedy: Remedy::Dissolve,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "group-duplicate",
        name: "GroupDuplicate",
        rule: &group_duplicate::GroupDuplicate,
        doc: group_duplicate::GroupDuplicate::DOC,
        severity: Severity::Medium,
        object: "group",
        clause: "同一个工作不得重复建群;合并内容相近、成员重叠的微信群",
        source: "香洲2019征求意见稿",
        evidence: "成员Jaccard高且主题相同;同一任务多平台(微信/钉钉/QQ)并存",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::Functions, Need::Matter, Need::Overlap],
        remedy: Remedy::MergeIntoClusterTarget,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "group-governance",
        name: "GroupGovernance",
        rule: &group_governance::GroupGovernance,
        doc: group_governance::GroupGovernance::DOC,
        severity: Severity::Low,
        object: "group",
        clause: "原则上一个单位只建一个工作群",
        source: "香洲2019;黄石2022(群主中层以上、实名制);意见“已经批准设立的工作群组”",
        evidence: "单位群数超配额;无审批/备案记录;群主职级;非实名成员",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: true,
        needs: &[Need::Owner],
        remedy: Remedy::Note,
        costs: &[],
        measure: Some(Measure {
            zh: "按“一单位一群”精简工作群",
            en: "cut groups to the unit quota",
        }),
    },
    RuleMeta {
        id: "duplicate-data-entry",
        name: "DuplicateDataEntry",
        rule: &duplicate_data_entry::DuplicateDataEntry,
        doc: duplicate_data_entry::DuplicateDataEntry::DOC,
        severity: Severity::High,
        object: "form",
        clause: "防止多头填报、重复索要数据",
        source: "意见“防止多头填报”(“一站式”综合平台、“一张表”);江西、江苏一表通",
        evidence: "指标在多张表/系统重复;表格未纳入年度填表目录清单(江西“一事一报”、贵州“未经批准的报表台账一律停止填报”)",
        status: RuleStatus::Stable,
        since: "0.1.0",
        local: false,
        needs: &[Need::DataFields, Need::Overlap],
        remedy: Remedy::MergeIntoClusterTarget,
        costs: &[],
        measure: Some(Measure {
            zh: "数据一数一源、共享复用，不再重复采集填报",
            en: "collect each data item once and share it instead of asking again",
        }),
    },
    RuleMeta {
        id: "assess-by-traces",
        name: "AssessByTraces",
        rule: &assess_by_traces::AssessByTraces,
        doc: assess_by_traces::AssessByTraces::DOC,
        severity: Severity::Medium,
        object: "assessment",
        clause: "不把是否开会发文、拍照留痕、制作学习笔记等作为评判工作优劣的标准",
        source: "规定·三(统筹规范督查检查考核;联合报转述)",
        evidence: "考核/督查细则以照片、台账、笔记、留痕数量计分",
        status: RuleStatus::Preview,
        since: "0.1.0",
        local: false,
        needs: &[Need::Documents],
        remedy: Remedy::Note,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "inspection-failed",
        name: "InspectionFailed",
        rule: &inspection_failed::InspectionFailed,
        doc: inspection_failed::InspectionFailed::DOC,
        severity: Severity::High,
        object: "app/account/website",
        clause: "检查结果不合格的政府网站、政务新媒体应限期整改",
        source: "国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号);各地季度检查通报",
        evidence: "台账检查结果列为不合格/不达标/单项否决,问题描述列说明原因",
        status: RuleStatus::Preview,
        since: "0.2.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(INSPECTED),
        costs: &[],
        measure: Some(Measure {
            zh: "对照检查发现的问题限期整改，整改结果报检查单位",
            en: "rectify what the inspection found by the deadline and report back",
        }),
    },
    RuleMeta {
        id: "account-no-original",
        name: "AccountNoOriginal",
        rule: &account_no_original::AccountNoOriginal,
        doc: account_no_original::AccountNoOriginal::DOC,
        severity: Severity::High,
        object: "account",
        clause: "监测时间点前3个月内无原创内容(转发不计为更新)",
        source: "国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号)·政务新媒体检查指标;宝鸡/渭南通报“1个月/3个月无原创”",
        evidence: "最近原创时间早于检查日90天;或备注/问题描述称无原创、仅转发",
        status: RuleStatus::Preview,
        since: "0.2.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(ACCOUNTS),
        costs: &[],
        measure: Some(Measure {
            zh: "恢复原创内容发布，确保监测时间点前3个月内有原创；无力维护的关停注销",
            en: "publish original content again, or close the account if it cannot be maintained",
        }),
    },
    RuleMeta {
        id: "broken-links",
        name: "BrokenLinks",
        rule: &broken_links::BrokenLinks,
        doc: broken_links::BrokenLinks::DOC,
        severity: Severity::Medium,
        object: "app/account/website",
        clause: "存在错链、断链或功能无法正常使用",
        source: "国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号)·检查指标(可用性、功能设计)",
        evidence: "链接可用性列为否;或备注/问题描述称链接失效、功能无法使用、错链断链",
        status: RuleStatus::Preview,
        since: "0.2.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(INSPECTED),
        costs: &[],
        measure: Some(Measure {
            zh: "修复失效链接和无法使用的功能",
            en: "repair broken links and functions",
        }),
    },
    RuleMeta {
        id: "columns-not-updated",
        name: "ColumnsNotUpdated",
        rule: &columns_not_updated::ColumnsNotUpdated,
        doc: columns_not_updated::ColumnsNotUpdated::DOC,
        severity: Severity::Medium,
        object: "account/website",
        clause: "栏目应更新未更新或存在空白栏目",
        source: "国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号)·检查指标(发布解读、空白栏目)",
        evidence: "备注/问题描述称栏目长期未更新、空白栏目",
        status: RuleStatus::Preview,
        since: "0.2.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(PUBLISHERS),
        costs: &[],
        measure: Some(Measure {
            zh: "更新或撤并长期未更新的栏目，清理空白栏目",
            en: "update or remove stale and empty columns",
        }),
    },
    RuleMeta {
        id: "account-missing-repost",
        name: "AccountMissingRepost",
        rule: &account_missing_repost::AccountMissingRepost,
        doc: account_missing_repost::AccountMissingRepost::DOC,
        severity: Severity::Medium,
        object: "account",
        clause: "未按要求转发上级发布的重要信息",
        source: "国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号)·政务新媒体检查指标;各地季度通报",
        evidence: "备注/问题描述称未按要求转发(转载)重要信息;被要求转发或按转发量排名属强制推广,不在此列",
        status: RuleStatus::Preview,
        since: "0.2.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(ACCOUNTS),
        costs: &[],
        measure: Some(Measure {
            zh: "按要求及时转发上级发布的重要信息（不以转发量考核排名）",
            en: "repost the important information required (never ranked on reposts)",
        }),
    },
    RuleMeta {
        id: "opened-without-filing",
        name: "OpenedWithoutFiling",
        rule: &opened_without_filing::OpenedWithoutFiling,
        doc: opened_without_filing::OpenedWithoutFiling::DOC,
        severity: Severity::High,
        object: "app/account/website",
        clause: "未按程序报备即开设政务新媒体、政府网站或政务应用(私自开设、未备案)",
        source: "国务院办公厅关于推进政务新媒体健康有序发展的意见(国办发〔2018〕123号);国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号)",
        evidence: "是否备案列为否;或备注/问题描述称私自开设、未备案、未在系统填报登记",
        status: RuleStatus::Preview,
        since: "0.2.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(INSPECTED),
        costs: &[],
        measure: Some(Measure {
            zh: "补办开设审批和备案登记，不符合开设条件的关停注销",
            en: "file the platform, or close it if it should not have been opened",
        }),
    },
    RuleMeta {
        id: "closed-but-alive",
        name: "ClosedButAlive",
        rule: &closed_but_alive::ClosedButAlive,
        doc: closed_but_alive::ClosedButAlive::DOC,
        severity: Severity::High,
        object: "app/account/website",
        clause: "已责令关停或已注销仍在运行,注销后重新上线,或已关停仍在更新",
        source: "国务院办公厅关于推进政务新媒体健康有序发展的意见(国办发〔2018〕123号);国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号);各地季度通报(应关未关、注销后重新上线)",
        evidence: "账号状态为已关停/已注销而30天内仍有更新;或备注称注销后重新上线、关停后仍在运行",
        status: RuleStatus::Preview,
        since: "0.2.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Shutdown,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "serious-wording-error",
        name: "SeriousWordingError",
        rule: &serious_wording_error::SeriousWordingError,
        doc: serious_wording_error::SeriousWordingError::DOC,
        severity: Severity::High,
        object: "app/account/website",
        clause: "出现严重表述错误",
        source: "国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号)·单项否决;三明2021Q3、浙江2021Q4、汉台2022Q2通报",
        evidence: "备注/检查情况/问题描述称严重表述错误、表述不规范、政治性错误(错别字不计)",
        status: RuleStatus::Preview,
        since: "0.3.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(INSPECTED),
        costs: &[],
        measure: Some(Measure {
            zh: "更正错误表述，落实“三审三校”发布审核制度",
            en: "correct the wording and enforce three-level review before publishing",
        }),
    },
    RuleMeta {
        id: "app-level-policy",
        name: "AppLevelPolicy",
        rule: &app_level_policy::AppLevelPolicy,
        doc: app_level_policy::AppLevelPolicy::DOC,
        severity: Severity::Medium,
        object: "app",
        clause: "按本地层级政策关停县级及以下(或功能单一、用户较少的)政务应用程序",
        source: "办法(对使用频率低、实用性不强的政务应用程序限期关停注销);江苏《关于进一步提升政务服务管理质效的若干措施》(2025-07,县级及以下政务服务App全部取消);四川“四个一律”",
        evidence: "[policy]设定层级;应用层级不高于该层级,或功能单一且注册/月活用户低于阈值或备注称注册用户较少",
        status: RuleStatus::Preview,
        since: "0.3.0",
        local: false,
        needs: &[Need::Level, Need::Functions, Need::MonthlyActive],
        remedy: Remedy::ShutdownAppLike,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "app-task-ended",
        name: "AppTaskEnded",
        rule: &app_task_ended::AppTaskEnded,
        doc: app_task_ended::AppTaskEnded::DOC,
        severity: Severity::Medium,
        object: "app/website",
        clause: "专项任务结束后,为其建设的政务应用程序应及时关停并删除所采集的数据",
        source: "办法(对使用频率低、实用性不强的政务应用程序限期关停注销);意见(因完成某项重点工作而建立的应及时关停解散);数据安全法、个人信息保护法;中国信通院“通信行程卡”下线公告(2022-12-12)",
        evidence: "关联事项的事项状态为已完结,或备注称专项任务已结束、普查工作已完成、完成使命",
        status: RuleStatus::Preview,
        since: "0.3.0",
        local: false,
        needs: &[Need::Matter],
        remedy: Remedy::Shutdown,
        costs: &[],
        measure: Some(Measure {
            zh: "随专项任务结束关停下线，删除或封存所采集的个人数据并报备注销",
            en: "close it with its task, delete or seal the personal data collected and file the closure",
        }),
    },
    RuleMeta {
        id: "form-outside-master-form",
        name: "FormOutsideMasterForm",
        rule: &form_outside_master_form::FormOutsideMasterForm,
        doc: form_outside_master_form::FormOutsideMasterForm::DOC,
        severity: Severity::High,
        object: "form",
        clause: "已建“一表通”“一张表”的,报表应纳入其中填报,防止多头填报、重复索要数据",
        source: "意见“防止多头填报”(“一站式”综合平台、“一张表”);重庆永川“一表通”(2024);贵州村级基础数据“一张表”(2024);江西、江苏一表通",
        evidence: "同一填报单位已有一表通/一张表系统,报表仍单独填报",
        status: RuleStatus::Preview,
        since: "0.3.0",
        local: false,
        needs: &[Need::Owner],
        remedy: Remedy::MergeIntoNamedTarget,
        costs: &[],
        measure: None,
    },
    RuleMeta {
        id: "monitoring-order-unhandled",
        name: "MonitoringOrderUnhandled",
        rule: &monitoring_order_unhandled::MonitoringOrderUnhandled,
        doc: monitoring_order_unhandled::MonitoringOrderUnhandled::DOC,
        severity: Severity::Medium,
        object: "app/account/website",
        clause: "未按要求处理监测工单",
        source: "国务院办公厅秘书局关于印发政府网站与政务新媒体检查指标、监管工作年度考核指标的通知(国办秘函〔2019〕19号)·监管工作年度考核指标;三明2021Q3通报(水清三明)",
        evidence: "备注/问题描述称监测工单未按要求处理、逾期未办结",
        status: RuleStatus::Preview,
        since: "0.3.0",
        local: false,
        needs: &[Need::InspectionColumn],
        remedy: Remedy::Rectify(INSPECTED),
        costs: &[],
        measure: Some(Measure {
            zh: "按期处理监管平台监测工单并反馈整改结果",
            en: "handle the monitoring platform's work orders on time and report back",
        }),
    },
    RuleMeta {
        id: "account-update-frequency",
        name: "AccountUpdateFrequency",
        rule: &account_update_frequency::AccountUpdateFrequency,
        doc: account_update_frequency::AccountUpdateFrequency::DOC,
        severity: Severity::Medium,
        object: "account",
        clause: "未达到本地规定的更新频次",
        source: "各地政务新媒体管理规定:夏邑2022(政务微信每周更新不少于3次)、河东2021(超过10天未更新)、紫阳2021(每两周至少更新一次)、闽侯(每10天内更新);国办秘函〔2019〕19号(空壳、两周无更新)",
        evidence: "[[rules.update_frequency]]按地区设定每周至少N次、间隔不超过D天;更新频次列或备注低于要求;开通以来从未更新",
        status: RuleStatus::Preview,
        since: "0.3.0",
        local: false,
        needs: &[Need::LastUpdate, Need::InspectionColumn],
        remedy: Remedy::Rectify(ACCOUNTS),
        costs: &[],
        measure: Some(Measure {
            zh: "按本地规定的频次更新，明确专人负责",
            en: "update at the local cadence, with a named person responsible",
        }),
    },
    RuleMeta {
        id: "website-below-county-portal",
        name: "WebsiteBelowCountyPortal",
        rule: &website_below_county_portal::WebsiteBelowCountyPortal,
        doc: website_below_county_portal::WebsiteBelowCountyPortal::DOC,
        severity: Severity::Medium,
        object: "website",
        clause: "县级政府部门和乡镇(街道)原则上不开设政府网站,通过县级政府门户网站开展政务公开",
        source: "国务院办公厅关于印发政府网站发展指引的通知(国办发〔2017〕47号);浙江省政府办公厅关于进一步加强政府网站管理的通知(2017);辽宁省政府网站管理办法;富平县自然资源局2024年关停不动产登记局网站",
        evidence: "网站主办单位为县级部门或事业单位,或层级为乡镇(街道)、村(社区);县级政府门户网站除外",
        status: RuleStatus::Preview,
        since: "0.3.0",
        local: false,
        needs: &[Need::Level, Need::Owner],
        remedy: Remedy::Shutdown,
        costs: &[],
        measure: Some(Measure {
            zh: "内容整合迁移至县级政府门户网站后关停下线，注销网站标识码",
            en: "move the content into the county portal, then close the site and cancel its code",
        }),
    },
];

/// Looks up a rule by id.
pub fn get(id: &str) -> Option<&'static RuleMeta> {
    CATALOG.iter().find(|meta| meta.id == id)
}

/// What the pre-build check (`recommend::check`) asks of a proposal for something new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CheckQuestion {
    /// A declared check-in (打卡签到, 接龙).
    Checkin,
    /// A declared ranking, points or online-time statistic.
    Metric,
    /// Forced download, install or follow quotas.
    Download,
    /// Forced photo, video or location uploads.
    Trace,
    /// Advertising or other commercial use.
    Commercial,
    /// An app or account of a unit below county level.
    BelowCounty,
    /// A second account of one unit on one channel.
    SecondAccount,
    /// A duplicate of a platform already in use.
    Duplicate,
}

/// The rule that answers `question` for a proposal of `kind`, if any: the one table from
/// the check's questions to rule ids.
pub fn check_rule(question: CheckQuestion, kind: Kind) -> Option<&'static RuleMeta> {
    let app_like = kind.is_app_like() || kind == Kind::Platform;
    let id = match question {
        CheckQuestion::Checkin if kind == Kind::Group => "group-forced-checkin",
        CheckQuestion::Checkin | CheckQuestion::Metric if app_like => "app-forced-checkin",
        CheckQuestion::Checkin | CheckQuestion::Metric => "assess-by-engagement",
        CheckQuestion::Download if kind == Kind::Account => "account-forced-promotion",
        CheckQuestion::Download => "app-forced-download",
        CheckQuestion::Trace => "forced-trace-upload",
        CheckQuestion::Commercial if kind == Kind::Account => "account-commercial-ads",
        CheckQuestion::Commercial => "app-commercial-use",
        CheckQuestion::BelowCounty if kind.is_app_like() => "app-below-county",
        CheckQuestion::BelowCounty if kind == Kind::Account => "account-level-restriction",
        CheckQuestion::BelowCounty => return None,
        CheckQuestion::SecondAccount => "account-one-per-platform",
        CheckQuestion::Duplicate if kind == Kind::Group => "group-duplicate",
        CheckQuestion::Duplicate if kind == Kind::Form => "duplicate-data-entry",
        CheckQuestion::Duplicate => "duplicate-app",
    };
    get(id)
}

/// Catalog ids close to `id` (edit distance ≤ 3, or sharing a word), best first, for
/// "unknown rule" messages.
pub fn close_ids(id: &str) -> Vec<&'static str> {
    let id = id.trim().to_ascii_lowercase();
    let mut scored: Vec<(usize, &'static str)> = CATALOG
        .iter()
        .filter_map(|meta| {
            let distance = edit_distance(&id, meta.id);
            let shares_word = id
                .split(['-', '_', ' '])
                .filter(|w| w.len() >= 3)
                .any(|w| meta.id.split('-').any(|m| m == w || m.starts_with(w)));
            (distance <= 3 || shares_word).then_some((distance, meta.id))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(5).map(|(_, id)| id).collect()
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            row[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv_rows() -> Vec<csv::StringRecord> {
        let mut reader = csv::Reader::from_reader(CATALOG_CSV.as_bytes());
        reader.records().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn table_matches_csv() {
        let rows = csv_rows();
        assert!(!rows.is_empty());
        for row in &rows {
            let id = &row[0];
            if let Some((_, reason)) = PENDING.iter().find(|(p, _)| *p == id) {
                assert!(!reason.is_empty());
                continue;
            }
            let meta = get(id).unwrap_or_else(|| panic!("{id} not implemented"));
            assert_eq!(meta.object, &row[1], "{id}");
            assert_eq!(meta.clause, &row[2], "{id}");
            assert_eq!(meta.source, &row[3], "{id}");
            assert_eq!(meta.evidence, &row[4], "{id}");
            assert_eq!(Some(meta.severity), Severity::parse(&row[5]), "{id}");
        }
        assert_eq!(CATALOG.len() + PENDING.len(), rows.len());
    }

    #[test]
    fn embedded_csv_is_the_repository_file() {
        // The compiled-in catalog is the repository's data file, byte for byte; a
        // missing file fails the test instead of skipping it.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rule_catalog.csv");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        assert_eq!(text, CATALOG_CSV);
    }

    /// Reason text names rules in Chinese (issue 13): every rule has a short Chinese
    /// name taken from its clause, never its kebab-case id.
    #[test]
    fn every_rule_has_a_chinese_name() {
        for meta in CATALOG {
            let name = name_zh(meta.id);
            assert!(!name.is_empty(), "{}", meta.id);
            assert_ne!(name, meta.id);
            assert!(!name.is_ascii(), "{} → {name}", meta.id);
            assert!(name.chars().count() <= 25, "{} → {name}", meta.id);
        }
        assert_eq!(name_zh("account-stale-14d"), "监测时间点前2周内无更新");
        assert_eq!(name_zh("no-such-rule"), "no-such-rule");
    }

    #[test]
    fn remedies_and_costs_fit_the_rules_objects() {
        for meta in CATALOG {
            // A rectify row names kinds; a merge into a named target is for accounts (the
            // primary account) and forms (the master form system).
            match meta.remedy {
                Remedy::Rectify(kinds) => assert!(!kinds.is_empty(), "{}", meta.id),
                Remedy::MergeIntoNamedTarget => {
                    assert!(matches!(meta.object, "account" | "form"), "{}", meta.id)
                }
                Remedy::Dissolve => assert_eq!(meta.object, "group"),
                _ => {}
            }
            // A rule with its own measure is one the action table can act on.
            if meta.measure.is_some() {
                assert_ne!(meta.remedy, Remedy::Dissolve, "{}", meta.id);
            }
            for cost in meta.costs {
                if let Cost::CheckinWhenField(column) = cost {
                    assert!(meta.needs.contains(&Need::Checkin), "{} {column}", meta.id);
                }
            }
        }
        // Every burden item of the ledger is produced by some rule.
        for cost in [
            Cost::Checkin,
            Cost::Replies,
            Cost::OffHoursReplies,
            Cost::TraceUpload,
            Cost::ForcedLearning,
            Cost::ForcedLogin,
            Cost::AssessmentVehicle,
            Cost::Tasks,
            Cost::Promotion,
        ] {
            assert!(CATALOG.iter().any(|m| m.costs.contains(&cost)), "{cost:?}");
        }
    }

    #[test]
    fn ids_unique_kebab_case_and_named_like_files() {
        let mut ids: Vec<&str> = CATALOG.iter().map(|m| m.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), CATALOG.len());
        for meta in CATALOG {
            assert!(
                meta.id.split('-').all(|w| !w.is_empty()
                    && w.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{} is not kebab-case",
                meta.id
            );
            let camel: String = meta
                .id
                .split('-')
                .map(|w| {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                        .unwrap_or_default()
                })
                .collect();
            assert_eq!(camel, meta.name, "{}", meta.id);
        }
    }

    #[test]
    fn every_rule_documented() {
        for meta in CATALOG {
            for section in [
                "## What it checks",
                "## Why it matters",
                "## Evidence",
                "## Example",
                "## Configuration",
            ] {
                assert!(meta.doc.contains(section), "{} lacks {section}", meta.id);
            }
            // The doc quotes the clause it enforces.
            let clause_start: String = meta.clause.chars().take(6).collect();
            assert!(
                meta.doc.contains(&clause_start),
                "{} doc does not quote its clause",
                meta.id
            );
            assert!(!meta.needs.is_empty(), "{} needs nothing?", meta.id);
        }
    }

    #[test]
    fn lookups_round_trip() {
        for meta in CATALOG {
            assert_eq!(get(meta.id).map(|m| m.name), Some(meta.name));
        }
        assert!(get("no-such-rule").is_none());
        assert_eq!(close_ids("zombie-ap").first(), Some(&"zombie-app"));
        assert!(close_ids("group-checkin").contains(&"group-forced-checkin"));
    }

    #[test]
    fn local_rules_are_off_by_default() {
        let local: Vec<&str> = CATALOG.iter().filter(|m| m.local).map(|m| m.id).collect();
        assert_eq!(local, vec!["account-level-restriction", "group-governance"]);
    }

    #[test]
    fn every_check_question_has_a_rule_for_the_kinds_it_concerns() {
        use CheckQuestion::*;
        for q in [
            Checkin,
            Metric,
            Download,
            Trace,
            Commercial,
            SecondAccount,
            Duplicate,
        ] {
            for kind in Kind::ALL {
                assert!(check_rule(q, kind).is_some(), "{q:?} {kind:?}");
            }
        }
        assert_eq!(
            check_rule(Checkin, Kind::Group).map(|m| m.id),
            Some("group-forced-checkin")
        );
        assert_eq!(
            check_rule(Metric, Kind::App).map(|m| m.id),
            Some("app-forced-checkin")
        );
        assert_eq!(
            check_rule(BelowCounty, Kind::MiniProgram).map(|m| m.id),
            Some("app-below-county")
        );
        assert_eq!(
            check_rule(BelowCounty, Kind::Account).map(|m| m.id),
            Some("account-level-restriction")
        );
        assert!(check_rule(BelowCounty, Kind::Form).is_none());
    }
}
