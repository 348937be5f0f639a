//! Dispositions the five actions cannot express (issue 18), kept inside the
//! one-action-per-platform contract: a recommendation keeps its action and gains a
//! sub-action (switch functions off, close when the task ends, move entry points) and
//! the conditions a merge or closure is carried out under (carry users over, no new
//! builds, delete the data). Which finding asks for which sub-action is the catalog's
//! business ([`catalog::sub_action`]); this module only reads findings and the
//! platform's own notes.
//!
//! Pure: no I/O.

use std::sync::LazyLock;

use regex::Regex;

use super::{Action, Recommendation};
use crate::model::{Kind, Msg, Platform};
use crate::rules::catalog::{self, SubAction};
use crate::rules::Finding;

/// A condition an action is carried out under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Condition {
    /// Users, accounts and data move to the target without re-registering (无感切换).
    CarryUsersOver,
    /// The owner builds no new platform of the kind again (不再自行建设).
    NoNewBuilds,
    /// The personal data collected is deleted or sealed when it closes (删除数据).
    DeleteData,
}

impl Condition {
    /// Stable English code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Condition::CarryUsersOver => "carry_users_over",
            Condition::NoNewBuilds => "no_new_builds",
            Condition::DeleteData => "delete_data",
        }
    }

    /// Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Condition::CarryUsersOver => "用户无感切换",
            Condition::NoNewBuilds => "不再自行建设",
            Condition::DeleteData => "删除所采集数据",
        }
    }
}

/// Stable English code of a sub-action, used in JSON.
pub fn sub_action_code(sub: SubAction) -> &'static str {
    match sub {
        SubAction::SwitchOffFunctions => "switch_off_functions",
        SubAction::CloseWhenTaskEnds => "close_when_task_ends",
        SubAction::MoveEntryPoints => "move_entry_points",
    }
}

/// Chinese label of a sub-action.
pub fn sub_action_label_zh(sub: SubAction) -> &'static str {
    match sub {
        SubAction::SwitchOffFunctions => "停用部分功能",
        SubAction::CloseWhenTaskEnds => "任务结束即关停",
        SubAction::MoveEntryPoints => "迁移入口、保留源平台",
    }
}

/// The finer disposition of one recommendation; empty for most.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Disposition {
    /// The sub-action, if any.
    pub sub_action: Option<SubAction>,
    /// For [`SubAction::SwitchOffFunctions`]: the functions to switch off.
    pub functions_off: Vec<String>,
    /// For [`SubAction::MoveEntryPoints`]: where the entry points go (an app, or a
    /// section inside one: 苏服办·锡山旗舰店).
    pub entry_target: Option<String>,
    /// Conditions the action is carried out under, sorted.
    pub conditions: Vec<Condition>,
}

impl Disposition {
    /// Whether there is nothing beyond the action.
    pub fn is_empty(&self) -> bool {
        self.sub_action.is_none() && self.conditions.is_empty()
    }

    /// One line for English tables: `close_when_task_ends (delete_data)`,
    /// `switch_off_functions: 打卡签到` ….
    pub fn summary_en(&self) -> String {
        let mut out = String::new();
        if let Some(sub) = self.sub_action {
            out.push_str(sub_action_code(sub));
            if !self.functions_off.is_empty() {
                out.push_str(": ");
                out.push_str(&self.functions_off.join(", "));
            }
            if let Some(target) = &self.entry_target {
                out.push_str(": into ");
                out.push_str(target);
            }
        }
        if !self.conditions.is_empty() {
            let codes: Vec<&str> = self.conditions.iter().map(|c| c.code()).collect();
            if out.is_empty() {
                out.push_str(&codes.join(", "));
            } else {
                out.push_str(&format!(" ({})", codes.join(", ")));
            }
        }
        out
    }

    /// One line for tables: 任务结束即关停（删除所采集数据）, 停用部分功能：打卡签到 ….
    pub fn summary_zh(&self) -> String {
        let mut out = String::new();
        if let Some(sub) = self.sub_action {
            out.push_str(sub_action_label_zh(sub));
            if !self.functions_off.is_empty() {
                out.push('：');
                out.push_str(&self.functions_off.join("、"));
            }
            if let Some(target) = &self.entry_target {
                out.push_str("：入驻");
                out.push_str(target);
            }
        }
        if !self.conditions.is_empty() {
            let labels: Vec<&str> = self.conditions.iter().map(|c| c.label_zh()).collect();
            if out.is_empty() {
                out.push_str(&labels.join("、"));
            } else {
                out.push_str(&format!("（{}）", labels.join("、")));
            }
        }
        out
    }
}

/// 入驻“苏服办”, 迁入苏服办锡山旗舰店, 接入浙里办专区: an office's record that the entry
/// points move while the source stays.
static MOVE_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(已|拟|将)?(入驻|迁入|接入|移入)[“\x22「]?([^，,。；;“”\x22「」]{2,20}?(旗舰店|专区|专栏|频道|板块)|[^，,。；;“”\x22「」]{2,12})[”\x22」]?")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// 停用“积分排名”功能, 关闭打卡模块, 下线在线时长统计功能: functions switched off by the
/// office's decision.
static SWITCH_OFF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(停用|关闭|下线|取消|撤除)[“\x22「]?([^，,。；;“”\x22「」、]{2,12}?)[”\x22」]?(功能|模块)")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The platform's free text (notes, then description).
fn texts(p: &Platform) -> impl Iterator<Item = &str> {
    [p.notes.as_deref(), p.description.as_deref()]
        .into_iter()
        .flatten()
}

/// Works out the disposition of `rec` from its findings and the platform's notes, and
/// appends the sentences that state it to the reasons.
pub(crate) fn apply(rec: &mut Recommendation, platform: &Platform, findings: &[&Finding]) {
    let active: Vec<&&Finding> = findings
        .iter()
        .filter(|f| f.waived.is_none() && rec.rules.contains(&f.rule))
        .collect();
    let asked = |sub: SubAction| {
        active
            .iter()
            .any(|f| catalog::sub_action(f.rule) == Some(sub))
    };
    let mut d = Disposition::default();
    match rec.action {
        Action::Shutdown if asked(SubAction::CloseWhenTaskEnds) => {
            d.sub_action = Some(SubAction::CloseWhenTaskEnds);
            d.conditions.push(Condition::DeleteData);
            rec.reasons.push(Msg::new(
                "处置细项：任务结束即关停——专项任务已结束，关停下线后应删除或封存所采集的个人数据，并办理注销报备",
                "Sub-action: close when the task ends — the task is over; after closing, delete or seal the personal data collected and file the closure",
            ));
        }
        Action::Rectify | Action::Keep if platform.kind != Kind::Group => {
            let mut functions: Vec<String> = Vec::new();
            if rec.action == Action::Rectify && asked(SubAction::SwitchOffFunctions) {
                for f in &active {
                    if catalog::sub_action(f.rule) != Some(SubAction::SwitchOffFunctions) {
                        continue;
                    }
                    for e in f.evidence.iter().filter(|e| e.is_field("functions")) {
                        functions.extend(
                            e.text
                                .split(['、', ',', '，', ';', '；'])
                                .map(str::trim)
                                .filter(|s| !s.is_empty())
                                .map(str::to_string),
                        );
                    }
                }
            }
            for text in texts(platform) {
                for cap in SWITCH_OFF.captures_iter(text) {
                    let head = &text[..cap.get(0).map_or(0, |m| m.start())];
                    if head.ends_with(['不', '未']) {
                        continue;
                    }
                    if let Some(name) = cap.get(2) {
                        functions.push(name.as_str().to_string());
                    }
                }
            }
            functions.sort();
            functions.dedup();
            let entry = texts(platform).find_map(|text| {
                MOVE_ENTRY.captures(text).and_then(|cap| {
                    let head = &text[..cap.get(0).map_or(0, |m| m.start())];
                    (!head.ends_with(['不', '未']))
                        .then(|| cap.get(3).map(|m| m.as_str().to_string()))?
                })
            });
            if !functions.is_empty() {
                d.sub_action = Some(SubAction::SwitchOffFunctions);
                rec.reasons.push(Msg::new(
                    format!(
                        "处置细项：停用部分功能——保留应用，停用“{}”",
                        functions.join("”“")
                    ),
                    format!(
                        "Sub-action: switch functions off — the app stays; switch off “{}”",
                        functions.join("”, “")
                    ),
                ));
                d.functions_off = functions;
            } else if let Some(target) = entry {
                d.sub_action = Some(SubAction::MoveEntryPoints);
                rec.reasons.push(Msg::new(
                    format!("处置细项：迁移入口——服务入口入驻“{target}”，源平台继续运行"),
                    format!(
                        "Sub-action: move entry points — services move into “{target}”; the source platform carries on"
                    ),
                ));
                d.entry_target = Some(target);
            }
        }
        Action::Merge => {
            d.conditions.push(Condition::CarryUsersOver);
            if platform.kind.is_app_like() || matches!(platform.kind, Kind::Platform | Kind::Form) {
                d.conditions.push(Condition::NoNewBuilds);
            }
            let (zh, en) = match platform.kind {
                Kind::Account => (
                    "整合条件：发布停更公告并引导关注者转至目标账号（用户无感切换）",
                    "Merge conditions: post a notice and point followers to the target account (carry users over)",
                ),
                Kind::Group => (
                    "整合条件：成员一并转入目标群后解散原群（用户无感切换）",
                    "Merge conditions: move the members into the target group, then dissolve this one (carry users over)",
                ),
                Kind::Form => (
                    "整合条件：已填数据迁入目标报表或系统，不再单独制发同类报表（不再自行建设）",
                    "Merge conditions: move the data already filed into the target and issue no separate form again (no new builds)",
                ),
                _ => (
                    "整合条件：用户账号和业务数据迁移至目标平台、实现无感切换；主办单位不再自行建设同类应用",
                    "Merge conditions: carry users and data over to the target without re-registration; the owner builds no similar app again",
                ),
            };
            rec.reasons.push(Msg::new(zh, en));
        }
        _ => {}
    }
    d.conditions.sort();
    d.conditions.dedup();
    rec.disposition = d;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Evidence, Severity};

    fn rec(action: Action, rules: Vec<&'static str>) -> Recommendation {
        Recommendation {
            platform: 0,
            action,
            into: None,
            rules,
            reasons: Vec::new(),
            assignees: super::super::Assignees::default(),
            deadline: None,
            burden_minutes_per_month: 0.0,
            saved_minutes_per_month: 0.0,
            cadres: None,
            disposition: Disposition::default(),
        }
    }

    fn finding(rule: &'static str, evidence: Vec<Evidence>) -> Finding {
        Finding {
            platform: 0,
            rule,
            severity: Severity::High,
            message: Msg::new("", ""),
            evidence,
            waived: None,
        }
    }

    fn platform(kind: Kind, notes: Option<&str>) -> Platform {
        let mut p = Platform::from_record(
            "P1".into(),
            "云溪通".into(),
            kind,
            crate::model::Record::default(),
        );
        p.notes = notes.map(str::to_string);
        p
    }

    #[test]
    fn task_ended_closes_with_a_data_deletion_duty() {
        let f = finding("app-task-ended", Vec::new());
        let mut r = rec(Action::Shutdown, vec!["app-task-ended"]);
        apply(&mut r, &platform(Kind::MiniProgram, None), &[&f]);
        assert_eq!(r.disposition.sub_action, Some(SubAction::CloseWhenTaskEnds));
        assert_eq!(r.disposition.conditions, vec![Condition::DeleteData]);
        assert!(r.reasons.iter().any(|m| m.zh.contains("删除或封存")));
        assert_eq!(
            r.disposition.summary_zh(),
            "任务结束即关停（删除所采集数据）"
        );
        assert_eq!(
            r.disposition.summary_en(),
            "close_when_task_ends (delete_data)"
        );
    }

    #[test]
    fn rectify_names_the_functions_to_switch_off() {
        let f = finding(
            "app-forced-checkin",
            vec![Evidence::field("functions", "打卡签到、积分排名")],
        );
        let mut r = rec(Action::Rectify, vec!["app-forced-checkin"]);
        apply(&mut r, &platform(Kind::App, None), &[&f]);
        assert_eq!(
            r.disposition.sub_action,
            Some(SubAction::SwitchOffFunctions)
        );
        assert_eq!(r.disposition.functions_off, vec!["打卡签到", "积分排名"]);
        // The office's own decision in notes names them too.
        let mut kept = rec(Action::Keep, Vec::new());
        apply(
            &mut kept,
            &platform(Kind::App, Some("保留缴费服务，停用“在线时长统计”功能")),
            &[],
        );
        assert_eq!(kept.disposition.functions_off, vec!["在线时长统计"]);
        // 不停用 is not a decision.
        let mut not = rec(Action::Keep, Vec::new());
        apply(&mut not, &platform(Kind::App, Some("不关闭查询功能")), &[]);
        assert!(not.disposition.is_empty(), "{:?}", not.disposition);
    }

    #[test]
    fn entry_points_move_and_the_source_stays() {
        let mut r = rec(Action::Keep, Vec::new());
        apply(
            &mut r,
            &platform(
                Kind::App,
                Some("办事服务已入驻“苏服办锡山旗舰店”，本App继续运行"),
            ),
            &[],
        );
        assert_eq!(r.disposition.sub_action, Some(SubAction::MoveEntryPoints));
        assert_eq!(
            r.disposition.entry_target.as_deref(),
            Some("苏服办锡山旗舰店")
        );
        assert!(r.reasons.iter().any(|m| m.zh.contains("源平台继续运行")));
    }

    #[test]
    fn merges_carry_users_over_and_apps_are_not_rebuilt() {
        let mut app = rec(Action::Merge, Vec::new());
        apply(&mut app, &platform(Kind::App, None), &[]);
        assert_eq!(
            app.disposition.conditions,
            vec![Condition::CarryUsersOver, Condition::NoNewBuilds]
        );
        let mut account = rec(Action::Merge, Vec::new());
        apply(&mut account, &platform(Kind::Account, None), &[]);
        assert_eq!(
            account.disposition.conditions,
            vec![Condition::CarryUsersOver]
        );
        assert!(account.disposition.sub_action.is_none());
        let mut keep = rec(Action::Keep, Vec::new());
        apply(&mut keep, &platform(Kind::Account, None), &[]);
        assert!(keep.disposition.is_empty());
    }
}
