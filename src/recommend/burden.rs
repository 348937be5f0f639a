//! The burden ledger: an estimate, with stated and configurable coefficients, of the
//! grassroots minutes per month one platform costs one person who must use it. Pure.
//!
//! The formula, per platform and month (every coefficient is a [`BurdenSettings`]
//! field; which rule adds which item is its `costs` in the rule catalog; waived
//! findings are skipped because the practice is allowed):
//!
//! ```text
//! baseline   = baseline_app_minutes     if an app, mini program or platform is mandatory
//!            + baseline_group_minutes   if a work group
//!            + data_fields × form_field_minutes × form_submissions_per_month   if a form
//! check-ins  = checkin_minutes × working_days_per_month
//!                 (Cost::Checkin, or Cost::CheckinWhenField citing that column)
//! replies    = reply_message_minutes × demanding messages / chat_export_months
//!                 (Cost::Replies and Cost::OffHoursReplies evidence lines, each message
//!                  once; off-hours ones × off_hours_multiplier)
//! traces     = trace_upload_minutes × working_days_per_month     (Cost::TraceUpload)
//! learning   = forced_learning_minutes_per_day × working_days_per_month (Cost::ForcedLearning)
//! logins     = forced_login_minutes × working_days_per_month     (Cost::ForcedLogin)
//! scoring    = assessment_vehicle_minutes                         (Cost::AssessmentVehicle)
//! tasks      = task_minutes × demanded forms / chat_export_months (Cost::Tasks evidence)
//! promotion  = promotion_task_minutes × demanded tasks / chat_export_months
//!                 (Cost::Promotion)
//! total      = baseline + the practice items above
//! ```
//!
//! An account's baseline is its staff's upkeep: account_posts_per_month ×
//! account_post_minutes.
//!
//! A platform that is merged, shut down or dissolved saves its total; a platform that
//! is rectified saves the practice items (total − baseline).
//!
//! Only cadres' minutes count ([`cadres`]): the per-person total is multiplied by the
//! cadres who bear it, never by residents, followers or registered public users:
//!
//! ```text
//! account  → staff who maintain it (column 运维人数, else account_staff)
//! group    → its members (群成员数), else 数据不足
//! form     → units that must fill it (column 填报单位数, else form_filling_units)
//! app, mini program, platform → monthly active, else registered users, and only
//!            where use is mandatory (强制使用); optional use costs no cadre time
//! ```

use serde::Deserialize;

use crate::model::{Kind, Msg, Platform};
use crate::rules::catalog::Cost;
use crate::rules::Finding;

/// Coefficients of the burden ledger (`[burden]` in fingertip.toml).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BurdenSettings {
    /// Working days in a month (check-ins, uploads, logins and learning are daily).
    pub working_days_per_month: f64,
    /// Minutes one check-in or 接龙 takes (open the app or group, locate, reply).
    pub checkin_minutes: f64,
    /// Minutes to answer one reply-demanding message.
    pub reply_message_minutes: f64,
    /// Weight of a demanding message sent outside working hours.
    pub off_hours_multiplier: f64,
    /// Months a chat export covers, to turn message counts into monthly counts.
    pub chat_export_months: f64,
    /// Minutes one mandatory photo/video/track upload takes.
    pub trace_upload_minutes: f64,
    /// Minutes of forced study or online time per working day.
    pub forced_learning_minutes_per_day: f64,
    /// Minutes of a forced login per working day.
    pub forced_login_minutes: f64,
    /// Minutes per month of feeding an app that turned into the assessment vehicle.
    pub assessment_vehicle_minutes: f64,
    /// Minutes to fill one form or gather one material handed down in a group.
    pub task_minutes: f64,
    /// Minutes of one follow/share/like task with its screenshot.
    pub promotion_task_minutes: f64,
    /// Minutes per data field per submission of a form.
    pub form_field_minutes: f64,
    /// Submissions of a form per month.
    pub form_submissions_per_month: f64,
    /// Baseline minutes per month of a mandatory app, mini program or platform
    /// (logins, notifications, updates).
    pub baseline_app_minutes: f64,
    /// Baseline minutes per month of belonging to a work group (reading messages).
    pub baseline_group_minutes: f64,
    /// Posts (or reports) per month an account's staff prepare.
    pub account_posts_per_month: f64,
    /// Minutes one post or report of an account takes its staff.
    pub account_post_minutes: f64,
    /// Staff who maintain an account when the inventory has no 运维人数 column.
    pub account_staff: f64,
    /// Units that must fill a form when the inventory has no 填报单位数 column.
    pub form_filling_units: f64,
    /// The low end of an estimate's range, as a share of it: most minutes per item
    /// are estimates, so each figure is shown with a range.
    pub range_low: f64,
    /// The high end of an estimate's range, as a multiple of it.
    pub range_high: f64,
}

impl BurdenSettings {
    /// The low–high range of an estimate of `minutes` (rounded to 0.1), the ends
    /// ordered even when the settings give them the wrong way round.
    pub fn range(&self, minutes: f64) -> (f64, f64) {
        let round1 = |x: f64| (x * 10.0).round() / 10.0;
        let (a, b) = (minutes * self.range_low, minutes * self.range_high);
        (round1(a.min(b)), round1(a.max(b)))
    }
}

impl Default for BurdenSettings {
    fn default() -> Self {
        BurdenSettings {
            working_days_per_month: 22.0,
            checkin_minutes: 2.0,
            reply_message_minutes: 3.0,
            off_hours_multiplier: 2.0,
            chat_export_months: 1.0,
            trace_upload_minutes: 5.0,
            forced_learning_minutes_per_day: 20.0,
            forced_login_minutes: 2.0,
            assessment_vehicle_minutes: 60.0,
            task_minutes: 30.0,
            promotion_task_minutes: 3.0,
            form_field_minutes: 5.0,
            form_submissions_per_month: 1.0,
            baseline_app_minutes: 20.0,
            baseline_group_minutes: 30.0,
            account_posts_per_month: 22.0,
            account_post_minutes: 30.0,
            account_staff: 1.0,
            form_filling_units: 13.0,
            range_low: 0.5,
            range_high: 1.5,
        }
    }
}

/// The estimated monthly cost of one platform for one person who must use it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Burden {
    /// Total minutes per month (baseline plus practice items).
    pub minutes_per_month: f64,
    /// The part of the total that is the platform's baseline (saved only by merging,
    /// shutting down or dissolving; rectifying keeps it).
    pub baseline_minutes_per_month: f64,
    /// Each item with its minutes, in the order of the formula.
    pub items: Vec<(Msg, f64)>,
}

impl Burden {
    /// Minutes of the flagged practices (what rectifying saves).
    pub fn practice_minutes(&self) -> f64 {
        self.minutes_per_month - self.baseline_minutes_per_month
    }
}

/// Estimates the monthly burden of `platform` from its columns and its findings (the
/// findings of other platforms are ignored; waived findings do not count).
pub fn burden_minutes(
    platform: &Platform,
    findings: &[&Finding],
    settings: &BurdenSettings,
) -> Burden {
    let mut burden = Burden::default();
    let days = settings.working_days_per_month;
    let months = if settings.chat_export_months > 0.0 {
        settings.chat_export_months
    } else {
        1.0
    };
    let push = |burden: &mut Burden, msg: Msg, minutes: f64, baseline: bool| {
        if minutes > 0.0 {
            burden.minutes_per_month += minutes;
            if baseline {
                burden.baseline_minutes_per_month += minutes;
            }
            burden.items.push((msg, minutes));
        }
    };

    // Baseline.
    match platform.kind {
        Kind::App | Kind::MiniProgram | Kind::Platform if platform.mandatory == Some(true) => {
            push(
                &mut burden,
                Msg::new("强制使用的基础负担", "baseline of a mandatory app"),
                settings.baseline_app_minutes,
                true,
            );
        }
        Kind::Group => push(
            &mut burden,
            Msg::new("工作群基础负担（阅读消息）", "baseline of a work group"),
            settings.baseline_group_minutes,
            true,
        ),
        Kind::Account => push(
            &mut burden,
            Msg::new(
                format!(
                    "账号运维：每月{}条×每条{}分钟",
                    settings.account_posts_per_month, settings.account_post_minutes
                ),
                format!(
                    "account upkeep: {} posts a month × {} min",
                    settings.account_posts_per_month, settings.account_post_minutes
                ),
            ),
            settings.account_posts_per_month * settings.account_post_minutes,
            true,
        ),
        Kind::Form => {
            let fields = platform.data_fields.len() as f64;
            push(
                &mut burden,
                Msg::new(
                    format!(
                        "填报{}个数据项×每项{}分钟×每月{}次",
                        platform.data_fields.len(),
                        settings.form_field_minutes,
                        settings.form_submissions_per_month
                    ),
                    format!(
                        "{} fields × {} min × {} submissions a month",
                        platform.data_fields.len(),
                        settings.form_field_minutes,
                        settings.form_submissions_per_month
                    ),
                ),
                fields * settings.form_field_minutes * settings.form_submissions_per_month,
                true,
            );
        }
        _ => {}
    }

    let active: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.waived.is_none())
        .collect();
    let costs = |f: &Finding| crate::rules::catalog::get(f.rule).map_or(&[][..], |m| m.costs);
    let has = |cost: Cost| active.iter().any(|f| costs(f).contains(&cost));
    let doc_lines = |cost: Cost| -> Vec<(String, usize)> {
        active
            .iter()
            .filter(|f| costs(f).contains(&cost))
            .flat_map(|f| f.evidence.iter())
            .filter_map(|e| e.line.map(|l| (e.source.clone(), l)))
            .collect()
    };

    // Check-ins.
    let checkin_field = active.iter().any(|f| {
        costs(f).iter().any(|cost| match cost {
            Cost::CheckinWhenField(column) => f.evidence.iter().any(|e| e.is_field(column)),
            _ => false,
        })
    });
    if has(Cost::Checkin) || checkin_field {
        push(
            &mut burden,
            Msg::new(
                format!(
                    "打卡签到：每次{}分钟×每月{days}个工作日",
                    settings.checkin_minutes
                ),
                format!(
                    "check-ins: {} min × {days} working days",
                    settings.checkin_minutes
                ),
            ),
            settings.checkin_minutes * days,
            false,
        );
    }

    // Reply-demanding messages, each message once; off-hours ones weigh more.
    let mut off_hours = doc_lines(Cost::OffHoursReplies);
    off_hours.sort();
    off_hours.dedup();
    let mut in_hours: Vec<(String, usize)> = doc_lines(Cost::Replies)
        .into_iter()
        .filter(|l| off_hours.binary_search(l).is_err())
        .collect();
    in_hours.sort();
    in_hours.dedup();
    if !off_hours.is_empty() || !in_hours.is_empty() {
        let weighted =
            in_hours.len() as f64 + off_hours.len() as f64 * settings.off_hours_multiplier;
        push(
            &mut burden,
            Msg::new(
                format!(
                    "限时回复、接龙消息：工作时间{}条、非工作时间{}条（×{}），每条{}分钟",
                    in_hours.len(),
                    off_hours.len(),
                    settings.off_hours_multiplier,
                    settings.reply_message_minutes
                ),
                format!(
                    "reply-demanding messages: {} in hours, {} off hours (×{}), {} min each",
                    in_hours.len(),
                    off_hours.len(),
                    settings.off_hours_multiplier,
                    settings.reply_message_minutes
                ),
            ),
            weighted * settings.reply_message_minutes / months,
            false,
        );
    }

    if has(Cost::TraceUpload) {
        push(
            &mut burden,
            Msg::new(
                format!(
                    "上传照片、视频、轨迹：每次{}分钟×每月{days}个工作日",
                    settings.trace_upload_minutes
                ),
                format!(
                    "trace uploads: {} min × {days} working days",
                    settings.trace_upload_minutes
                ),
            ),
            settings.trace_upload_minutes * days,
            false,
        );
    }
    if has(Cost::ForcedLearning) {
        push(
            &mut burden,
            Msg::new(
                format!(
                    "强制学习、刷量：每天{}分钟×每月{days}个工作日",
                    settings.forced_learning_minutes_per_day
                ),
                format!(
                    "forced study/engagement: {} min × {days} working days",
                    settings.forced_learning_minutes_per_day
                ),
            ),
            settings.forced_learning_minutes_per_day * days,
            false,
        );
    }
    if has(Cost::ForcedLogin) {
        push(
            &mut burden,
            Msg::new(
                format!(
                    "强制登录：每天{}分钟×每月{days}个工作日",
                    settings.forced_login_minutes
                ),
                format!(
                    "forced logins: {} min × {days} working days",
                    settings.forced_login_minutes
                ),
            ),
            settings.forced_login_minutes * days,
            false,
        );
    }
    if has(Cost::AssessmentVehicle) {
        push(
            &mut burden,
            Msg::new(
                "线上考核、督查留痕",
                "feeding online scoring and inspection",
            ),
            settings.assessment_vehicle_minutes,
            false,
        );
    }
    let mut tasks = doc_lines(Cost::Tasks);
    tasks.sort();
    tasks.dedup();
    if !tasks.is_empty() {
        push(
            &mut burden,
            Msg::new(
                format!(
                    "摊派表格、材料{}项，每项{}分钟",
                    tasks.len(),
                    settings.task_minutes
                ),
                format!(
                    "{} forms or materials demanded, {} min each",
                    tasks.len(),
                    settings.task_minutes
                ),
            ),
            tasks.len() as f64 * settings.task_minutes / months,
            false,
        );
    }
    let mut promotions = doc_lines(Cost::Promotion);
    promotions.sort();
    promotions.dedup();
    let promotion_tasks = if has(Cost::Promotion) {
        promotions.len().max(1)
    } else {
        0
    };
    if promotion_tasks > 0 {
        push(
            &mut burden,
            Msg::new(
                format!(
                    "关注、转发、点赞任务{promotion_tasks}项，每项{}分钟",
                    settings.promotion_task_minutes
                ),
                format!(
                    "{promotion_tasks} follow/share/like tasks, {} min each",
                    settings.promotion_task_minutes
                ),
            ),
            promotion_tasks as f64 * settings.promotion_task_minutes / months,
            false,
        );
    }
    burden
}

/// The cadres who bear a platform's per-person burden, and where the count comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Cadres {
    /// How many cadres; `None` when the inventory does not say (数据不足).
    pub count: Option<f64>,
    /// What the count is (shown in the formula).
    pub basis: Msg,
}

/// The cadres who bear `platform`'s burden (see the module docs). Followers, residents
/// and registered public users of an account never count.
pub fn cadres(platform: &Platform, settings: &BurdenSettings) -> Cadres {
    let column = |names: &[&str]| {
        names.iter().find_map(|n| {
            platform
                .extra
                .get(*n)
                .and_then(|v| v.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v >= 0.0)
        })
    };
    let known = |count: f64, zh: String, en: String| Cadres {
        count: Some(count),
        basis: Msg::new(zh, en),
    };
    match platform.kind {
        Kind::Account | Kind::Website => match column(&["运维人数", "维护人数", "staff"]) {
            Some(n) => known(n, format!("运维人员{n}人"), format!("{n} staff")),
            None => known(
                settings.account_staff,
                format!("运维人员{}人（默认值，粉丝不计）", settings.account_staff),
                format!(
                    "{} staff (default; followers never count)",
                    settings.account_staff
                ),
            ),
        },
        Kind::Group => match platform.members.filter(|&m| m > 0) {
            Some(m) => known(m as f64, format!("群成员{m}人"), format!("{m} members")),
            None => Cadres {
                count: None,
                basis: Msg::new("数据不足（未登记群成员数）", "no data (members unknown)"),
            },
        },
        Kind::Form => match column(&["填报单位数", "filling_units"]) {
            Some(n) => known(n, format!("填报单位{n}个"), format!("{n} filling units")),
            None => known(
                settings.form_filling_units,
                format!("填报单位{}个（默认值）", settings.form_filling_units),
                format!("{} filling units (default)", settings.form_filling_units),
            ),
        },
        Kind::App | Kind::MiniProgram | Kind::Platform => {
            if platform.mandatory != Some(true) {
                return known(
                    0.0,
                    "非强制使用，不计入干部负担".into(),
                    "use not mandatory; no cadre time counted".into(),
                );
            }
            match platform
                .monthly_active
                .filter(|&c| c > 0)
                .map(|c| (c, "月活跃"))
                .or_else(|| platform.users.filter(|&c| c > 0).map(|c| (c, "注册")))
            {
                Some((c, what)) => known(
                    c as f64,
                    format!("被要求使用的干部{c}人（{what}用户数）"),
                    format!("{c} cadres required to use it"),
                ),
                None => Cadres {
                    count: None,
                    basis: Msg::new("数据不足（未登记使用人数）", "no data (users unknown)"),
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{platform, tags};
    use crate::rules::{Evidence, Finding};

    fn finding(rule: &'static str, evidence: Vec<Evidence>) -> Finding {
        Finding::new(0, rule, Msg::default(), evidence)
    }

    fn line(source: &str, line: usize) -> Evidence {
        Evidence {
            source: source.into(),
            line: Some(line),
            text: String::new(),
        }
    }

    #[test]
    fn app_with_checkins_and_traces() {
        let mut app = platform("A1", "掌上云溪", Kind::App);
        app.mandatory = Some(true);
        let f1 = finding(
            "app-forced-checkin",
            vec![Evidence::field("mandatory", "是")],
        );
        let f2 = finding(
            "forced-trace-upload",
            vec![Evidence::field("mandatory", "是")],
        );
        let b = burden_minutes(&app, &[&f1, &f2], &BurdenSettings::default());
        // 20 baseline + 2×22 check-ins + 5×22 uploads.
        assert_eq!(b.minutes_per_month, 20.0 + 44.0 + 110.0);
        assert_eq!(b.baseline_minutes_per_month, 20.0);
        assert_eq!(b.practice_minutes(), 154.0);
        assert_eq!(b.items.len(), 3);
    }

    #[test]
    fn group_messages_counted_once_and_waivers_skipped() {
        let group = platform("G1", "防汛群", Kind::Group);
        let checkin = finding(
            "group-forced-checkin",
            vec![line("chat.txt", 2), line("chat.txt", 5)],
        );
        let off_hours = finding(
            "group-24h-media",
            vec![line("chat.txt", 2), line("chat.txt", 9)],
        );
        let b = burden_minutes(&group, &[&checkin, &off_hours], &BurdenSettings::default());
        // 30 baseline + (1 in-hours + 2 off-hours × 2) × 3 minutes.
        assert_eq!(b.minutes_per_month, 30.0 + 15.0);
        let mut waived = finding("group-24h-media", vec![line("chat.txt", 9)]);
        waived.waived = Some("应急值守".into());
        let b = burden_minutes(&group, &[&waived], &BurdenSettings::default());
        assert_eq!(b.minutes_per_month, 30.0);
    }

    #[test]
    fn form_fields() {
        let mut form = platform("F1", "统计表", Kind::Form);
        form.data_fields = tags("姓名、电话、住址、收入");
        let settings = BurdenSettings {
            form_submissions_per_month: 4.0,
            ..BurdenSettings::default()
        };
        // 4 fields × 5 minutes × 4 submissions.
        assert_eq!(
            burden_minutes(&form, &[], &settings).minutes_per_month,
            80.0
        );
    }

    #[test]
    fn settings_reject_unknown_keys() {
        let err =
            toml::from_str::<BurdenSettings>("checkin_minutes = 3.0\nbogus = 1\n").unwrap_err();
        assert!(err.to_string().contains("bogus"));
        let s: BurdenSettings = toml::from_str("checkin_minutes = 3.0\n").unwrap();
        assert_eq!(s.checkin_minutes, 3.0);
        assert_eq!(s.task_minutes, 30.0);
    }
}
